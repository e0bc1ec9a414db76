"""Overlays: add records, replace them only on purpose, and never disturb the default dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset
from eu_iot_coop._cli import main
from eu_iot_coop.exceptions import (
    CitationError,
    DanglingReferenceError,
    DataError,
    DataFileError,
    DateError,
    DuplicateIdError,
    SchemaError,
)

from ..engine_support import valid_files, write_files


def _source_id() -> str:
    return eu_iot_coop.load().records.sources[0].id


def _topic(topic_id: str, name: str = "Overlay topic") -> dict[str, Any]:
    return {
        "id": topic_id,
        "name": name,
        "description": "Added by a test.",
        "citations": [{"source": _source_id(), "locator": "p. 1"}],
        "topic_type": "technology",
    }


def _write(path: Path, document: dict[str, Any]) -> Path:
    return write_files(path.parent, {path.name: document}) / path.name


def _existing_topic() -> eu_iot_coop.Entity:
    return next(e for e in eu_iot_coop.load().records.entities if e.kind == "topic")


def test_overlay_directory_adds_records(tmp_path: Path) -> None:
    """A directory overlay adds its records to the bundled ones."""
    folder = tmp_path / "overlay"
    folder.mkdir()
    _write(
        folder / "topics.json", {"kind": "topic", "records": [_topic("overlay-topic-one"), _topic("overlay-topic-two")]}
    )
    dataset = eu_iot_coop.load(overlays=[folder])
    ids = {e.id for e in dataset.records.entities}
    assert {"overlay-topic-one", "overlay-topic-two"} <= ids
    assert dataset.data_version is None


def test_repeating_an_existing_id_needs_replace(tmp_path: Path) -> None:
    """An overlay record with a bundled id is a DuplicateIdError whose fix shows the 'replace' entry."""
    existing = _existing_topic()
    overlay = _write(tmp_path / "t.json", {"kind": "topic", "records": [_topic(existing.id)]})
    with pytest.raises(DuplicateIdError) as caught:
        eu_iot_coop.load(overlays=[overlay])
    assert (caught.value.file, caught.value.record) == (str(overlay), existing.id)
    assert f'"replace": [{existing.id!r}]' in caught.value.fix


def test_replace_swaps_a_record_on_purpose(tmp_path: Path) -> None:
    """Listed under 'replace', the overlay's version of a record takes the bundled one's place."""
    existing = _existing_topic()
    overlay = _write(
        tmp_path / "t.json",
        {"kind": "topic", "replace": [existing.id], "records": [_topic(existing.id, name="Renamed by overlay")]},
    )
    dataset = eu_iot_coop.load(overlays=[overlay])
    replaced = [e for e in dataset.records.entities if e.id == existing.id]
    assert [e.name for e in replaced] == ["Renamed by overlay"]
    assert len(dataset.records.entities) == len(eu_iot_coop.load().records.entities)
    assert eu_iot_coop.diff(eu_iot_coop.load(), dataset).changed[0].id == existing.id


def test_replace_of_something_missing_is_an_error(tmp_path: Path) -> None:
    """Listing an id in 'replace' that no earlier record has is a DanglingReferenceError."""
    overlay = _write(tmp_path / "t.json", {"kind": "topic", "replace": ["not-there"], "records": [_topic("not-there")]})
    with pytest.raises(DanglingReferenceError, match="'replace' lists 'not-there'") as caught:
        eu_iot_coop.load(overlays=[overlay])
    assert caught.value.field == "replace"


def test_replace_without_the_new_record_is_an_error(tmp_path: Path) -> None:
    """Listing an existing id in 'replace' without giving its new version is refused: ids are never removed."""
    existing = _existing_topic()
    overlay = _write(tmp_path / "t.json", {"kind": "topic", "replace": [existing.id], "records": []})
    with pytest.raises(DataFileError, match="no record"):
        eu_iot_coop.load(overlays=[overlay])


def test_overlay_result_passes_integrity_checks(tmp_path: Path) -> None:
    """An overlay relation to a missing entity fails like bundled data would."""
    relation = {
        "subject": _existing_topic().id,
        "predicate": "part_of",
        "object": "no-such-topic",
        "citations": [{"source": _source_id(), "locator": "p. 1"}],
    }
    overlay = _write(tmp_path / "r.json", {"kind": "relation", "records": [relation]})
    with pytest.raises(DataError, match="no entity has the id 'no-such-topic'"):
        eu_iot_coop.load(overlays=[overlay])


def test_failed_overlay_leaves_the_default_dataset_alone(tmp_path: Path) -> None:
    """After a failed overlay load the default dataset is the same object with the same fingerprint."""
    default = eu_iot_coop.load()
    fingerprint = default.fingerprint
    bad = _write(tmp_path / "bad.json", {"kind": "topic", "records": [_topic(_existing_topic().id)]})
    with pytest.raises(DataError):
        eu_iot_coop.load(overlays=[bad])
    assert eu_iot_coop.load() is default
    assert default.fingerprint == fingerprint
    assert Dataset(default.records, data_version=default.data_version).manifest() == default.manifest()


def test_from_files_uses_no_bundled_data(tmp_path: Path) -> None:
    """Dataset.from_files builds from the given files alone."""
    dataset = Dataset.from_files(write_files(tmp_path / "data", valid_files()))
    assert {e.id for e in dataset.records.entities} == {"aioti", "dg-cnect", "belgium"}
    assert dataset.data_version is None


def test_from_files_layers_later_paths_over_earlier_ones(tmp_path: Path) -> None:
    """Later paths of from_files are overlays: replace works across them."""
    base = write_files(tmp_path / "base", valid_files())
    place = dict(valid_files()["places.json"]["records"][0], name="Kingdom of Belgium")
    overlay = _write(tmp_path / "over.json", {"kind": "place", "replace": ["belgium"], "records": [place]})
    dataset = Dataset.from_files(base, overlay)
    assert [e.name for e in dataset.records.entities if e.id == "belgium"] == ["Kingdom of Belgium"]


def test_problems_of_several_overlays_are_collected(tmp_path: Path) -> None:
    """File problems in two overlays are reported together."""
    first = tmp_path / "one.json"
    first.write_text("{", encoding="utf-8")
    second = _write(tmp_path / "two.json", {"kind": "nonsense", "records": []})
    with pytest.raises(DataFileError) as caught:
        eu_iot_coop.load(overlays=[first, second])
    assert [Path(p.file or "").name for p in caught.value.problems] == ["one.json", "two.json"]


def test_overlay_organisation_and_relation_are_seen_by_every_query(tmp_path: Path) -> None:
    """get, find, neighbours and path see an overlay's organisation and its relation; the default dataset does not."""
    source = _source_id()
    _write(
        tmp_path / "organisations.json",
        {
            "kind": "organisation",
            "records": [
                {
                    "id": "overlay-iot-cluster",
                    "name": "Overlay IoT Cluster",
                    "acronym": "OIC",
                    "description": "Added by a test.",
                    "citations": [{"source": source, "locator": "p. 1"}],
                    "category": "research_cluster",
                }
            ],
        },
    )
    _write(
        tmp_path / "relations.json",
        {
            "kind": "relation",
            "records": [
                {
                    "subject": "overlay-iot-cluster",
                    "predicate": "cooperates_with",
                    "object": "itac",
                    "citations": [{"source": source, "locator": "p. 2"}],
                }
            ],
        },
    )
    default = eu_iot_coop.load()
    fingerprint = default.fingerprint
    extended = eu_iot_coop.load(overlays=[tmp_path])

    assert extended.get("overlay-iot-cluster").name == "Overlay IoT Cluster"
    assert extended.find("oic").id == "overlay-iot-cluster"
    assert [n.entity.id for n in extended.neighbours("overlay-iot-cluster")] == ["itac"]
    steps = extended.path("overlay-iot-cluster", "european-commission")
    assert steps is not None
    assert steps[0].relation.key == "overlay-iot-cluster:cooperates_with:itac"
    assert steps[-1].target.id == "european-commission"

    with pytest.raises(eu_iot_coop.NotFoundError):
        default.get("overlay-iot-cluster")
    with pytest.raises(eu_iot_coop.NotFoundError):
        default.find("OIC")
    assert all(n.entity.id != "overlay-iot-cluster" for n in default.neighbours("itac"))
    assert default.fingerprint == fingerprint
    assert extended.fingerprint != fingerprint


def test_every_problem_of_one_record_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One record with an unknown field, a bad date and a citation to a missing source: ``load`` and
    ``validate`` report all three, each naming file, record, field and fix, and nothing is loaded."""
    record = {
        "id": "three-problems",
        "name": "Three problems",
        "description": "Added by a test.",
        "citations": [{"source": "source-nowhere-to-be-found", "locator": "p. 1"}],
        "category": "other",
        "founded": "2019-13-45",
        "colour": "blue",
    }
    folder = write_files(tmp_path / "overlay", {"organisations.json": {"kind": "organisation", "records": [record]}})
    with pytest.raises(DataError) as raised:
        eu_iot_coop.load(overlays=[folder])
    problems = raised.value.problems
    found = {(type(p), p.field) for p in problems}
    assert found == {(SchemaError, "colour"), (DateError, "founded"), (CitationError, "citations[0].source")}
    for problem in problems:
        assert problem.file is not None
        assert problem.file.endswith("organisations.json")
        assert problem.record == "three-problems"
        assert problem.fix
    assert "three-problems" not in eu_iot_coop.load()
    assert main(["validate", str(folder)]) == 3
    printed = capsys.readouterr()
    lines = [line for line in (printed.out + printed.err).splitlines() if "'three-problems'" in line]
    assert len(lines) == 3
    for field in ("colour", "founded", "citations[0].source"):
        assert any(f"field '{field}'" in line and " -- " in line for line in lines), field
