"""Every hierarchy free of cycles, the nested predicates together; no self-loop; a symmetric relation stated once.

Each is refused with the library's own error naming the file, the relation and the fix (issue 21).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop._ingest import HIERARCHICAL, build_records, read_paths
from eu_iot_coop._model import PREDICATES
from eu_iot_coop.exceptions import CycleError, DuplicateIdError

from ..engine_support import CITE, valid_files, write_files


def _load(tmp_path: Path, files: dict[str, Any]) -> None:
    build_records(read_paths([write_files(tmp_path / "data", files)]))


def _entity(kind: str, entity_id: str, **fields: object) -> dict[str, Any]:
    return {"id": entity_id, "name": entity_id.upper(), "description": "A test entity.", "citations": CITE, **fields}


def _files(*triples: tuple[str, str, str]) -> dict[str, Any]:
    files = valid_files()
    files["topics.json"] = {
        "kind": "topic",
        "records": [_entity("topic", t, topic_type="technology") for t in ("iot", "edge", "cloud")],
    }
    files["documents.json"] = {
        "kind": "document",
        "records": [_entity("document", d, document_type="communication") for d in ("doc-a", "doc-b")],
    }
    files["places.json"]["records"].append(_entity("place", "brussels", place_type="city"))
    files["projects.json"] = {"kind": "project", "records": [_entity("project", "proj")]}
    files["relations.json"]["records"].extend(
        {"subject": s, "predicate": p, "object": o, "citations": CITE} for s, p, o in triples
    )
    return files


def test_the_shapes_fixture_loads(tmp_path: Path) -> None:
    _load(tmp_path, _files(("edge", "broader", "iot"), ("brussels", "located_in", "belgium")))


@pytest.mark.parametrize(
    ("subject", "predicate"),
    [
        ("iot", "broader"),
        ("doc-a", "accompanies"),
        ("aioti", "founded"),
        ("aioti", "member_of"),
        ("belgium", "part_of"),
        ("brussels", "located_in"),
        ("aioti", "cooperates_with"),
        ("proj", "cooperates_with"),
        ("doc-a", "aligned_with"),
        ("doc-a", "mentions"),
        ("aioti", "supports"),
        ("doc-a", "about"),
    ],
)
def test_a_self_loop_is_refused(tmp_path: Path, subject: str, predicate: str) -> None:
    with pytest.raises(CycleError) as caught:
        _load(tmp_path, _files((subject, predicate, subject)))
    error = caught.value
    assert error.file is not None
    assert error.file.endswith("relations.json")
    assert (error.record, error.field) == (f"{subject}:{predicate}:{subject}", "object")
    assert f"'{predicate}' forms a self-loop: '{subject}' {predicate} '{subject}'" in error.problem
    assert "itself" in error.fix
    assert len(error.problems) == 1


def test_a_broader_cycle_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CycleError) as caught:
        _load(tmp_path, _files(("iot", "broader", "edge"), ("edge", "broader", "cloud"), ("cloud", "broader", "iot")))
    assert "'broader' forms a cycle: 'iot' broader 'edge' broader 'cloud' broader 'iot'" in caught.value.problem


def test_a_cycle_through_part_of_and_located_in_is_refused(tmp_path: Path) -> None:
    """The place hierarchy is one: a city located in a country that is part of the city is a cycle."""
    with pytest.raises(CycleError) as caught:
        _load(tmp_path, _files(("brussels", "located_in", "belgium"), ("belgium", "part_of", "brussels")))
    error = caught.value
    assert "'located_in' and 'part_of' form a cycle" in error.problem
    walks = ("'brussels' located_in 'belgium' part_of 'brussels'", "'belgium' part_of 'brussels' located_in 'belgium'")
    assert any(walk in error.problem for walk in walks)
    assert error.record in ("belgium:part_of:brussels", "brussels:located_in:belgium")
    assert len(error.problems) == 1
    assert "located_in or part_of" in error.fix


def test_member_of_and_part_of_are_separate_hierarchies(tmp_path: Path) -> None:
    """A body may be a member of one it is part of the other way round: they order different things."""
    _load(tmp_path, _files(("aioti", "member_of", "dg-cnect"), ("dg-cnect", "part_of", "aioti")))


def test_a_founding_cycle_is_refused(tmp_path: Path) -> None:
    """A founder comes before what it founds: two bodies founding each other is a cycle."""
    with pytest.raises(CycleError) as caught:
        _load(tmp_path, _files(("aioti", "founded", "dg-cnect"), ("dg-cnect", "founded", "aioti")))
    assert "'founded' forms a cycle" in caught.value.problem


def test_the_hierarchical_predicates_are_named_for_generators() -> None:
    """What generators draw one way, and the integrity checks keep free of cycles and self-loops."""
    assert tuple(p.name for p in PREDICATES if p.hierarchical) == HIERARCHICAL
    assert {
        "broader",
        "part_of",
        "located_in",
        "member_of",
        "accompanies",
        "founded",
        "builds_on",
        "merged_into",
        "renamed_to",
        "succeeded_by",
    } == set(HIERARCHICAL)


def test_no_predicate_may_loop(tmp_path: Path) -> None:
    """Every predicate of the vocabulary refuses a self-loop, on an entity of a kind it allows at both ends."""
    kinds = {"organisation": "aioti", "place": "belgium", "topic": "iot", "document": "doc-a", "project": "proj"}
    tried = 0
    for predicate in PREDICATES:
        entity = next((kinds[str(k)] for k in sorted(predicate.domain & predicate.range) if str(k) in kinds), None)
        if entity is None:
            continue
        tried += 1
        with pytest.raises(CycleError) as caught:
            _load(tmp_path / predicate.name, _files((entity, predicate.name, entity)))
        assert caught.value.record == f"{entity}:{predicate.name}:{entity}"
    assert tried >= 10


@pytest.mark.parametrize(
    ("a", "b", "predicate"),
    [
        ("aioti", "dg-cnect", "cooperates_with"),
        ("proj", "aioti", "cooperates_with"),
        ("doc-a", "doc-b", "aligned_with"),
    ],
)
def test_a_symmetric_relation_stated_both_ways_is_refused(tmp_path: Path, a: str, b: str, predicate: str) -> None:
    """The second statement is the error; its message names the first, and the fix says to keep one."""
    with pytest.raises(DuplicateIdError) as caught:
        _load(tmp_path, _files((a, predicate, b), (b, predicate, a)))
    error = caught.value
    assert len(error.problems) == 1
    assert error.file is not None
    assert error.file.endswith("relations.json")
    first, second = f"{a}:{predicate}:{b}", f"{b}:{predicate}:{a}"
    assert error.record == second  # the statement met second, in file and record order
    assert f"{predicate!r} is symmetric" in error.problem
    assert f"{first!r} in " in error.problem
    assert "once" in error.fix
    assert first in error.fix


def test_a_symmetric_relation_stated_once_either_way_loads(tmp_path: Path) -> None:
    _load(tmp_path / "one", _files(("aioti", "cooperates_with", "dg-cnect")))
    _load(tmp_path / "other", _files(("dg-cnect", "cooperates_with", "aioti")))


def test_an_asymmetric_relation_may_go_both_ways(tmp_path: Path) -> None:
    """Only symmetric predicates are stated once: two bodies may each fund the other."""
    _load(tmp_path, _files(("aioti", "funds", "dg-cnect"), ("dg-cnect", "funds", "aioti")))


def test_a_symmetric_pair_across_files_names_the_first_file(tmp_path: Path) -> None:
    files = _files(("aioti", "cooperates_with", "dg-cnect"))
    files["more-relations.json"] = {
        "kind": "relation",
        "records": [{"subject": "dg-cnect", "predicate": "cooperates_with", "object": "aioti", "citations": CITE}],
    }
    with pytest.raises(DuplicateIdError) as caught:
        _load(tmp_path, files)
    error = caught.value
    assert error.file is not None
    assert error.file.endswith("relations.json")
    assert error.record in ("dg-cnect:cooperates_with:aioti", "aioti:cooperates_with:dg-cnect")
    other = ({"dg-cnect:cooperates_with:aioti", "aioti:cooperates_with:dg-cnect"} - {error.record}).pop()
    assert f"{other!r} in " in error.problem
    assert "relations.json" in error.problem
