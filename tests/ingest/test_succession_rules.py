"""The rules of succession, sides and meeting series: each breach is its own error, naming record, field and fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop._ingest import build_records, read_paths
from eu_iot_coop.exceptions import (
    CycleError,
    DanglingReferenceError,
    DataError,
    DateError,
    DomainRangeError,
    DuplicateIdError,
    SchemaError,
)

from ..engine_support import CITE, valid_files, write_files


def _with(**extra: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    files = valid_files()
    files["people.json"] = {
        "kind": "person",
        "records": [{"id": "chair", "name": "A Chair", "description": "A person.", "citations": CITE}],
    }
    files["events.json"] = {"kind": "event", "records": extra.get("events", [])}
    files["relations.json"]["records"].extend(extra.get("relations", []))
    return files


def _meeting(event_id: str, **fields: object) -> dict[str, Any]:
    return {
        "id": event_id,
        "name": event_id,
        "description": "A meeting.",
        "citations": CITE,
        "event_type": "other",
        **fields,
    }


def _build(tmp_path: Path, files: dict[str, dict[str, Any]]) -> None:
    build_records(read_paths([write_files(tmp_path, files)]))


def _raises(tmp_path: Path, files: dict[str, dict[str, Any]], error: type[DataError]) -> DataError:
    with pytest.raises(error) as caught:
        _build(tmp_path, files)
    return caught.value


def _chairs(side: str) -> dict[str, Any]:
    return {"subject": "chair", "predicate": "chairs", "object": "aioti", "on_behalf_of": side, "citations": CITE}


def test_a_side_of_an_allowed_kind_passes(tmp_path: Path) -> None:
    """A chair held for a country or a body is valid data."""
    _build(tmp_path, _with(relations=[_chairs("belgium")]))


def test_a_side_that_does_not_exist(tmp_path: Path) -> None:
    """A side naming no entity is a DanglingReferenceError on on_behalf_of, suggesting the closest id."""
    error = _raises(tmp_path, _with(relations=[_chairs("belgum")]), DanglingReferenceError)
    assert (error.record, error.field) == ("chair:chairs:aioti", "on_behalf_of")
    assert "'belgium'" in error.fix


def test_a_side_of_a_kind_the_predicate_does_not_take(tmp_path: Path) -> None:
    """A person is not a side: DomainRangeError naming the kinds a side may be."""
    error = _raises(tmp_path, _with(relations=[_chairs("chair")]), DomainRangeError)
    assert (error.record, error.field) == ("chair:chairs:aioti", "on_behalf_of")
    assert "organisation or place" in error.fix


def test_a_side_on_a_predicate_that_takes_none(tmp_path: Path) -> None:
    """Only roles and participation are held for a side; elsewhere on_behalf_of is refused."""
    files = _with()
    files["relations.json"]["records"][0]["on_behalf_of"] = "dg-cnect"
    error = _raises(tmp_path, files, DomainRangeError)
    assert (error.record, error.field) == ("aioti:located_in:belgium", "on_behalf_of")
    assert "chairs" in error.fix


def test_an_undated_succession_must_say_why(tmp_path: Path) -> None:
    """A succession with neither a start nor a note is a DateError on start; with a note it passes."""
    renamed = {"subject": "dg-cnect", "predicate": "renamed_to", "object": "aioti", "citations": CITE}
    error = _raises(tmp_path, _with(relations=[renamed]), DateError)
    assert (error.record, error.field) == ("dg-cnect:renamed_to:aioti", "start")
    _build(tmp_path / "noted", _with(relations=[{**renamed, "note": "no page dates the renaming"}]))
    _build(tmp_path / "dated", _with(relations=[{**renamed, "start": "2012-07-01"}]))


def test_a_succession_cycle_is_refused(tmp_path: Path) -> None:
    """Two bodies each renamed to the other form a cycle: CycleError."""
    files = _with(
        relations=[
            {"subject": "dg-cnect", "predicate": "renamed_to", "object": "aioti", "start": "2012", "citations": CITE},
            {"subject": "aioti", "predicate": "merged_into", "object": "dg-cnect", "start": "2019", "citations": CITE},
        ]
    )
    error = _raises(tmp_path, files, CycleError)
    assert error.field == "object"


def test_a_round_needs_its_series(tmp_path: Path) -> None:
    """A round with no series is a SchemaError on round, one below 1 too; an event is not its own series."""
    error = _raises(tmp_path, _with(events=[_meeting("meeting-1", round=1)]), SchemaError)
    assert (error.record, error.field) == ("meeting-1", "round")
    assert "'series'" in error.fix
    error = _raises(tmp_path / "zero", _with(events=[_meeting("meeting-1", series="aioti", round=0)]), SchemaError)
    assert (error.record, error.field) == ("meeting-1", "round")
    error = _raises(tmp_path / "self", _with(events=[_meeting("meeting-1", series="meeting-1")]), CycleError)
    assert (error.record, error.field) == ("meeting-1", "series")


def test_a_series_that_does_not_exist_or_cannot_be_one(tmp_path: Path) -> None:
    """A missing series is a DanglingReferenceError, a place as a series a DomainRangeError, both on series."""
    error = _raises(tmp_path, _with(events=[_meeting("meeting-1", series="aiot", round=1)]), DanglingReferenceError)
    assert (error.record, error.field) == ("meeting-1", "series")
    error = _raises(tmp_path / "kind", _with(events=[_meeting("meeting-1", series="belgium")]), DomainRangeError)
    assert (error.record, error.field) == ("meeting-1", "series")


def test_a_round_number_is_given_once_per_series(tmp_path: Path) -> None:
    """Two meetings numbered alike in one series are a DuplicateIdError on round; in two series they pass."""
    twice = [_meeting("meeting-a", series="aioti", round=3), _meeting("meeting-b", series="aioti", round=3)]
    error = _raises(tmp_path, _with(events=twice), DuplicateIdError)
    assert (error.record, error.field) == ("meeting-b", "round")
    assert "'meeting-a'" in error.problem
    apart = [_meeting("meeting-a", series="aioti", round=3), _meeting("meeting-b", series="dg-cnect", round=3)]
    _build(tmp_path / "apart", _with(events=apart))
