"""A relation dated outside its ends' lifetimes is reported as a LifetimeWarning, and the data still loads (issue 21).

Each warning names the file, the relation, its dated field, the end and the lifetime field it falls outside of.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import strategies as eis
from eu_iot_coop._ingest import DataFile, build_records, noting_warnings, read_paths
from eu_iot_coop._model import (
    BY_NAME,
    FILE_NAMES,
    Organisation,
    PartialDate,
    Person,
    Record,
    Records,
    Relation,
    When,
    label,
    outside_lifetime,
)
from eu_iot_coop.exceptions import DataError, DataWarning, LifetimeWarning

from ..engine_support import CITE, valid_files, write_files


def _warnings(tmp_path: Path, files: dict[str, Any]) -> list[DataWarning]:
    with noting_warnings() as noted:
        build_records(read_paths([write_files(tmp_path / "data", files)]))
    return noted


def _files(relation: dict[str, Any], **aioti: object) -> dict[str, Any]:
    """The valid files (AIOTI founded 2015-03) with one more relation and AIOTI's fields changed."""
    files = valid_files()
    files["organisations.json"]["records"][0].update(aioti)
    files["relations.json"]["records"].append({"citations": CITE, **relation})
    return files


def _when(text: str, latest: str | None = None) -> When:
    return When(PartialDate.parse(text), latest=None if latest is None else PartialDate.parse(latest))


def _body(founded: When | None = None, dissolved: When | None = None) -> Organisation:
    return Organisation(
        id="body",
        name="Body",
        description="A body.",
        citations=(),
        category="other",  # type: ignore[arg-type]
        founded=founded,
        dissolved=dissolved,
    )


@pytest.mark.parametrize(
    ("when", "founded", "dissolved", "outside"),
    [
        (_when("2014"), _when("2015-03"), None, "founded"),
        (_when("2015"), _when("2015-03"), None, None),  # the year 2015 may be March or later
        (_when("2015-02-28"), _when("2015-03"), None, "founded"),
        (_when("2014-06", latest="2015-06"), _when("2015-03"), None, None),  # may be as late as June 2015
        (_when("2015-03-01"), _when("2015", latest="2016"), None, None),
        (_when("2014-12-31"), _when("2015", latest="2016"), None, "founded"),
        (_when("2021"), None, _when("2020"), "dissolved"),
        (_when("2020-12-31"), None, _when("2020"), None),
        (_when("2021-01"), None, _when("2020", latest="2021"), None),  # it may have ended as late as 2021
        (_when("2022"), None, _when("2020", latest="2021"), "dissolved"),
        (_when("1900"), None, None, None),
    ],
)
def test_outside_lifetime_gives_partial_and_bounded_dates_the_benefit_of_the_doubt(
    when: When, founded: When | None, dissolved: When | None, outside: str | None
) -> None:
    assert outside_lifetime(when, _body(founded, dissolved)) == outside


def test_a_kind_without_lifetime_fields_bounds_nothing() -> None:
    person = Person(id="someone", name="Someone", description="A person.", citations=())
    assert outside_lifetime(_when("1000"), person) is None


def test_a_relation_starting_before_its_subject_was_founded_is_a_warning(tmp_path: Path) -> None:
    relation = {"subject": "aioti", "predicate": "located_in", "object": "belgium", "start": "2014-12"}
    files = _files(relation)
    files["relations.json"]["records"].pop(0)  # the same key, undated, in the fixture
    noted = _warnings(tmp_path, files)
    assert len(noted) == 1
    warning = noted[0]
    assert isinstance(warning, LifetimeWarning)
    assert warning.file is not None
    assert warning.file.endswith("relations.json")
    assert (warning.record, warning.field) == ("aioti:located_in:belgium", "start")
    assert "starts (2014-12) before its subject 'aioti' began ('founded': 2015-03)" in warning.problem
    assert "'founded' of 'aioti'" in warning.fix
    assert "still loads" in warning.fix


def test_a_relation_ending_after_its_object_was_dissolved_is_a_warning(tmp_path: Path) -> None:
    """The fixture's 'dg-cnect' supports 'aioti' from 2015; AIOTI dissolved in 2016 makes an end in 2018 late."""
    files = _files({"subject": "dg-cnect", "predicate": "funds", "object": "aioti", "end": "2018"}, dissolved="2016")
    noted = _warnings(tmp_path, files)
    assert [(w.record, w.field) for w in noted] == [("dg-cnect:funds:aioti", "end")]
    assert "ends (2018) after its object 'aioti' ended ('dissolved': 2016)" in noted[0].problem


def test_both_ends_and_both_dates_are_each_reported(tmp_path: Path) -> None:
    files = _files(
        {"subject": "aioti", "predicate": "cooperates_with", "object": "dg-cnect", "start": "2010", "end": "2030"},
        dissolved="2020",
    )
    files["organisations.json"]["records"][1]["founded"] = "2012"
    noted = _warnings(tmp_path, files)
    assert [(w.field, w.problem.split(" its ")[1].split(" ")[0:2]) for w in noted] == [
        ("start", ["subject", "'aioti'"]),
        ("start", ["object", "'dg-cnect'"]),
        ("end", ["subject", "'aioti'"]),
    ]


def test_a_warning_does_not_stop_the_load_nor_hide_an_error(tmp_path: Path) -> None:
    relation = {"subject": "aioti", "predicate": "supports", "object": "dg-cnect", "start": "2000"}
    records = build_records(read_paths([write_files(tmp_path / "ok", _files(relation))]))
    assert any(r.start is not None and str(r.start.date) == "2000" for r in records.relations)
    broken = _files({**relation, "predicate": "no_such_predicate"})
    with noting_warnings() as noted, pytest.raises(DataError) as caught:
        build_records(read_paths([write_files(tmp_path / "bad", broken)]))
    assert not isinstance(caught.value, DataWarning)
    assert all(not isinstance(p, DataWarning) for p in caught.value.problems)
    # Warnings are noted beside errors (validate lists both), never raised among them.
    assert [(w.record, w.field) for w in noted] == [("aioti:no_such_predicate:dg-cnect", "start")]


def test_outside_a_noting_block_warnings_are_let_go(tmp_path: Path) -> None:
    relation = {"subject": "aioti", "predicate": "supports", "object": "dg-cnect", "start": "2000"}
    build_records(read_paths([write_files(tmp_path / "data", _files(relation))]))
    with noting_warnings() as noted:
        pass
    assert noted == []


@given(eis.records(max_entities=8, max_relations=12))
def test_generated_relations_lie_within_their_ends_lifetimes(records: Records) -> None:
    """The public strategies date every relation within both ends' lifetimes, relate two different entities and
    state a symmetric relation once; the data loads with no warning."""
    entities = {e.id: e for e in records.entities}
    keys = {r.key for r in records.relations}
    for relation in records.relations:
        assert relation.subject != relation.object
        assert f"{relation.object}:{relation.predicate}:{relation.subject}" not in keys or not _symmetric(relation)
        for when in (relation.start, relation.end):
            if when is not None:
                assert outside_lifetime(when, entities[relation.subject]) is None
                assert outside_lifetime(when, entities[relation.object]) is None
    with noting_warnings() as noted:
        _check(records)
    assert noted == []


def _symmetric(relation: Relation) -> bool:
    return BY_NAME[relation.predicate].symmetric


def _check(records: Records) -> None:
    """Check generated records as data files would be checked."""
    groups: dict[str, list[Record]] = {}
    for record in (*records.sources, *records.entities, *records.relations, *records.figures, *records.redirects):
        groups.setdefault(label(record), []).append(record)
    for variant in records.variants:
        groups.setdefault(label(variant), []).append(variant)
    build_records([DataFile(f"generated/{FILE_NAMES[kind]}", kind, tuple(found)) for kind, found in groups.items()])


@given(eis.records(max_entities=8, max_relations=12), st.data())
def test_a_generated_relation_moved_before_an_end_began_is_warned_about(records: Records, data: st.DataObject) -> None:
    """Against generated data: date a relation a year before one of its ends began, and exactly that is reported."""
    entities = {e.id: e for e in records.entities}
    dated = [
        (r, end)
        for r in records.relations
        for end in (r.subject, r.object)
        if entities[end].start is not None
        and entities[end].start.date.year > 1
        # A succession may come before its object began (the renamed body is new): only its subject's start bounds it.
        and not (end == r.object and BY_NAME[r.predicate].succession)
    ]
    if not dated:
        return
    relation, end = data.draw(st.sampled_from(dated))
    began = entities[end].start
    assert began is not None
    early = When(PartialDate(began.date.year - 1))
    moved = Relation(
        subject=relation.subject,
        predicate=relation.predicate,
        object=relation.object,
        start=early,
        citations=relation.citations,
    )
    changed = Records(
        sources=records.sources,
        entities=records.entities,
        relations=[moved if r is relation else r for r in records.relations],
        figures=records.figures,
        redirects=records.redirects,
        variants=records.variants,
    )
    with noting_warnings() as noted:
        _check(changed)
    ours = [w for w in noted if w.record == relation.key]
    assert any(
        w.field == "start" and f"its {'subject' if end == relation.subject else 'object'} {end!r}" in w.problem
        for w in ours
    )
    assert all(isinstance(w, LifetimeWarning) for w in noted)


def test_a_succession_falls_between_its_ends_lifetimes(tmp_path: Path) -> None:
    """A succession is dated after its subject ended and before its object began without a word; its subject's
    beginning and its object's end still bound it."""
    files = valid_files()
    aioti, dg_cnect = files["organisations.json"]["records"]
    aioti.update(founded="2010", dissolved="2011-12")
    dg_cnect.update(founded="2012-06", dissolved="2020")
    files["relations.json"]["records"] = [
        {"subject": "aioti", "predicate": "succeeded_by", "object": "dg-cnect", "start": "2012-03", "citations": CITE}
    ]
    assert _warnings(tmp_path / "gap", files) == []
    files["relations.json"]["records"][0]["start"] = "2009"
    noted = _warnings(tmp_path / "early", files)
    assert [(w.record, w.field) for w in noted] == [("aioti:succeeded_by:dg-cnect", "start")]
    assert "before its subject 'aioti' began" in noted[0].problem
    files["relations.json"]["records"][0]["start"] = "2021"
    noted = _warnings(tmp_path / "late", files)
    assert [w.problem.split(" its ")[1][:20] for w in noted] == ["object 'dg-cnect' en"]
