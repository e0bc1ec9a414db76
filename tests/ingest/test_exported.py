"""Reading a whole-dataset JSON export back: recognised by its structure, checked like data files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given

import eu_iot_coop
from eu_iot_coop import export, strategies
from eu_iot_coop._ingest import EXPORT_LISTS, PROVENANCE_KEYS, is_export_file
from eu_iot_coop.exceptions import DanglingReferenceError, DataFileError, SchemaError

from ..profiles import examples


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    """The bundled data as the JSON export writes it."""
    document: dict[str, Any] = json.loads(export.to_json(eu_iot_coop.load()))
    return document


@examples(0.4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset=strategies.datasets())
def test_an_export_reads_back_as_the_same_records(dataset: eu_iot_coop.Dataset, tmp_path: Path) -> None:
    """Whatever valid dataset is exported, reading the export gives the same records (same fingerprint)."""
    path = tmp_path / "export.json"
    export.to_json(dataset, path)
    again = eu_iot_coop.Dataset.from_export(path)
    assert again.fingerprint == dataset.fingerprint
    assert not eu_iot_coop.diff(dataset, again)


def test_the_writer_uses_only_keys_the_reader_knows(exported: dict[str, Any]) -> None:
    """Every top-level key the JSON export writes is a record list or a provenance key the reader accepts."""
    assert set(exported) <= set(EXPORT_LISTS) | PROVENANCE_KEYS
    assert set(EXPORT_LISTS) <= set(exported)


@pytest.mark.parametrize("key", sorted(PROVENANCE_KEYS))
def test_provenance_keys_are_accepted_and_not_read(key: str, exported: dict[str, Any], tmp_path: Path) -> None:
    """A provenance key, whatever it holds, changes nothing read from the export."""
    document = {**exported, key: {"package_version": "9.9", "anything": [1, 2, {"x": None}]}}
    dataset = eu_iot_coop.Dataset.from_export(_write(tmp_path / "e.json", document))
    assert dataset.fingerprint == eu_iot_coop.load().fingerprint
    assert dataset.data_version is None


def test_an_unknown_top_level_key_is_refused_by_name(exported: dict[str, Any], tmp_path: Path) -> None:
    """A key the reader does not know could be data it would drop: refused, naming the key and the file."""
    path = _write(tmp_path / "e.json", {**exported, "organisations": []})
    with pytest.raises(DataFileError, match="'organisations'") as caught:
        eu_iot_coop.Dataset.from_export(path)
    assert caught.value.file == str(path)


def test_a_bad_record_in_an_export_is_reported_as_in_a_data_file(exported: dict[str, Any], tmp_path: Path) -> None:
    """A misspelt field is a SchemaError naming the record and the field, as the data files would give."""
    entities = [dict(e) for e in exported["entities"]]
    target = next(e for e in entities if e["id"] == "aioti")
    target["nmae"] = target.pop("name")
    path = _write(tmp_path / "e.json", {**exported, "entities": entities})
    with pytest.raises(SchemaError) as caught:
        eu_iot_coop.Dataset.from_export(path)
    fields = {(p.record, p.field) for p in caught.value.problems}
    assert ("aioti", "nmae") in fields
    assert ("aioti", "name") in fields


def test_an_entity_without_a_kind_is_refused(exported: dict[str, Any], tmp_path: Path) -> None:
    """An exported entity needs its 'kind' to be read as the right class."""
    entities = [dict(e) for e in exported["entities"]]
    entities[0]["kind"] = "spaceship"
    path = _write(tmp_path / "e.json", {**exported, "entities": entities})
    with pytest.raises(SchemaError, match="'kind'") as caught:
        eu_iot_coop.Dataset.from_export(path)
    assert caught.value.record == entities[0]["id"]


def test_an_export_passes_the_integrity_checks(exported: dict[str, Any], tmp_path: Path) -> None:
    """A relation to an entity the export lacks is refused, as it would be in data files: nothing is half-loaded."""
    relations = [*exported["relations"], {**exported["relations"][0], "object": "no-such-entity"}]
    path = _write(tmp_path / "e.json", {**exported, "relations": relations})
    with pytest.raises(DanglingReferenceError):
        eu_iot_coop.Dataset.from_export(path)


def test_a_data_file_is_not_an_export(tmp_path: Path) -> None:
    """A data file (it has 'kind' and 'records') is not taken for an export, and from_export says so."""
    path = _write(tmp_path / "d.json", {"kind": "organisation", "records": [], "entities": []})
    assert not is_export_file(path)
    with pytest.raises(DataFileError, match="not a JSON export"):
        eu_iot_coop.Dataset.from_export(path)
