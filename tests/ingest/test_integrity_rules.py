"""The integrity rules as a table: order of problems within a record, one build of the facts, a new rule added."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import eu_iot_coop
from eu_iot_coop._ingest import _integrity, read_paths
from eu_iot_coop._ingest._build import in_order
from eu_iot_coop._model import Organisation
from eu_iot_coop.exceptions import DanglingReferenceError, DataError, SchemaError

from ..engine_support import BUNDLED_SOURCE, CITE, valid_files, write_files, write_overlay_file


def _ordered(
    tmp_path: Path, files: dict[str, dict[str, Any]], rules: Sequence[_integrity.Rule] = _integrity.RULES
) -> list[tuple[str, str | None, str | None]]:
    data = read_paths([write_files(tmp_path, files)])
    found = list(_integrity.find_problems(data, rules=rules))
    assert found, "the files were meant to break rules"
    headline = in_order(found, data, [f.name for f in data])
    return [(type(p).__name__, p.record, p.field) for p in headline.problems]


def test_the_problems_of_one_record_come_in_the_order_of_the_table(tmp_path: Path) -> None:
    """Duplicates first and cycles last; a relation's citations, period, ends, predicate; a figure's subject first."""
    files = valid_files()
    files["relations.json"]["records"] = [
        {
            "subject": "aioti",
            "predicate": "part_of",
            "object": "aioti",
            "citations": [],
            "start": "2020",
            "end": "2010",
        },
        {"subject": "aioti", "predicate": "part_of", "object": "aioti", "citations": CITE},
        {
            "subject": "ghost",
            "predicate": "suports",
            "object": "dg-cnect",
            "citations": [{"source": "x", "locator": "p"}],
        },
    ]
    files["figures.json"]["records"][0] |= {"subject": "nobody", "citations": []}
    assert _ordered(tmp_path, files) == [
        ("DanglingReferenceError", "aioti-members-2020", "subject"),
        ("CitationError", "aioti-members-2020", "citations"),
        ("DuplicateIdError", "aioti:part_of:aioti", None),
        ("CitationError", "aioti:part_of:aioti", "citations"),
        ("DateError", "aioti:part_of:aioti", "end"),
        ("CycleError", "aioti:part_of:aioti", "object"),
        # Its end (2010) lies before AIOTI was founded (2015-03), at both ends: warnings, after the errors above.
        ("LifetimeWarning", "aioti:part_of:aioti", "end"),
        ("LifetimeWarning", "aioti:part_of:aioti", "end"),
        ("CycleError", "aioti:part_of:aioti", "object"),
        ("CitationError", "ghost:suports:dg-cnect", "citations[0].source"),
        ("DanglingReferenceError", "ghost:suports:dg-cnect", "subject"),
        ("UnknownPredicateError", "ghost:suports:dg-cnect", "predicate"),
    ]


def test_the_facts_are_built_once_per_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule reads the same indexes; they are built once, however many rules there are."""
    builds = 0
    real = _integrity.Known.of

    def counting(files: Sequence[_integrity.DataFile], unread: Sequence[str] = ()) -> _integrity.Known:
        nonlocal builds
        builds += 1
        return real(files, unread)

    monkeypatch.setattr(_integrity.Known, "of", counting)
    files = valid_files()
    files["organisations.json"]["records"][0]["citations"] = []
    assert len(_ordered(tmp_path, files)) == 1
    assert builds == 1
    assert len(_integrity.RULES) > 10


def _no_shouting(known: _integrity.Known, file: str, organisation: Organisation) -> Sequence[DataError]:
    """A made-up rule: an organisation's name is not all capitals."""
    if not organisation.name.isupper():
        return ()
    return (SchemaError("the name is all capitals", file=file, record=organisation.id, field="name", fix="say it"),)


def test_a_new_rule_is_one_function_and_one_entry(tmp_path: Path) -> None:
    """A rule added to the table runs for records of its type, its problems placed where its entry stands."""
    files = valid_files()
    files["organisations.json"]["records"][1] |= {"name": "DG CONNECT", "citations": []}
    files["places.json"]["records"][0]["name"] = "BELGIUM"  # a place: the rule is not for it
    shouting = _integrity.RecordRule(_no_shouting, (Organisation,))
    first = [shouting, *_integrity.RULES]
    last = [*_integrity.RULES, shouting]
    assert _ordered(tmp_path / "first", files, first) == [
        ("SchemaError", "dg-cnect", "name"),
        ("CitationError", "dg-cnect", "citations"),
    ]
    assert _ordered(tmp_path / "last", files, last) == [
        ("CitationError", "dg-cnect", "citations"),
        ("SchemaError", "dg-cnect", "name"),
    ]
    assert _ordered(tmp_path / "without", files) == [("CitationError", "dg-cnect", "citations")]


def test_a_file_a_rule_clears_at_once_is_not_checked_record_by_record(tmp_path: Path) -> None:
    """A rule's ``clear`` looks at a file's records together: when it holds, the check skips that file, else it runs."""
    files = valid_files()
    files["organisations.json"]["records"][1]["name"] = "DG CONNECT"
    seen: list[str] = []

    def counting(known: _integrity.Known, file: str, organisation: Organisation) -> Sequence[DataError]:
        seen.append(organisation.id)
        return _no_shouting(known, file, organisation)

    def none_shout(known: _integrity.Known, records: Sequence[Any]) -> bool:
        return not any(r.name.isupper() for r in records)

    rule = _integrity.RecordRule(counting, (Organisation,), none_shout)
    assert _ordered(tmp_path / "shouting", files, [rule]) == [("SchemaError", "dg-cnect", "name")]
    assert seen == ["aioti", "dg-cnect"]  # not clear: every record checked
    seen.clear()
    files["organisations.json"]["records"][1]["name"] = "DG Connect"
    files["organisations.json"]["records"][1]["citations"] = []
    assert _ordered(tmp_path / "quiet", files, [rule, *_integrity.RULES]) == [
        ("CitationError", "dg-cnect", "citations")
    ]
    assert seen == []  # clear: the check never ran


@pytest.mark.parametrize(
    ("missing", "proposed", "never"),
    [
        ("kees-van-der-klau", None, "kees-van-der-klauw"),  # close to a person, but a party_to object is an agreement
        ("mou-itac-aioti-2071", "mou-itac-aioti-2017", None),
    ],
    ids=["a person is not proposed for an agreement", "the agreement meant is proposed"],
)
def test_a_did_you_mean_proposes_only_entities_of_the_kind_the_end_takes(
    tmp_path: Path, missing: str, proposed: str | None, never: str | None
) -> None:
    """A missing relation end is matched against the entities its predicate allows there, not every entity."""
    overlay = write_overlay_file(
        tmp_path / "overlay",
        [
            {
                "subject": "aioti",
                "predicate": "party_to",
                "object": missing,
                "citations": [{"source": BUNDLED_SOURCE, "locator": "test"}],
            }
        ],
        kind="relation",
    )
    with pytest.raises(DanglingReferenceError) as raised:
        eu_iot_coop.load(overlays=[overlay])
    fix = raised.value.fix
    if proposed is not None:
        assert f"'{proposed}'" in fix
    if never is not None:
        assert never not in fix
