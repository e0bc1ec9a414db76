"""The private converter: strict structuring and canonical unstructuring."""

from __future__ import annotations

import json
from pathlib import Path, PurePath

import pytest

from eu_iot_coop import Figure, Organisation, PartialDate, When
from eu_iot_coop._ingest import (
    RECORD_CLASSES,
    dumps,
    format_paths,
    read_bundled,
    read_paths,
    structure_record,
    unstructure,
)
from eu_iot_coop._model import FILE_NAMES
from eu_iot_coop.exceptions import SchemaError

from ..engine_support import CITE, valid_files, write_files

ORG = {
    "id": "aioti",
    "name": "AIOTI",
    "description": "An alliance.",
    "citations": CITE,
    "category": "industry_alliance",
}


def test_record_classes_cover_every_kind() -> None:
    """The ten entity kinds and the five other record types each map to a class."""
    assert len(RECORD_CLASSES) == 15
    assert RECORD_CLASSES["organisation"] is Organisation
    assert RECORD_CLASSES["figure"] is Figure


def test_file_names_name_every_bundled_file_by_its_kind() -> None:
    """FILE_NAMES has one file per record type, and each bundled file declares the kind it is named for."""
    assert set(FILE_NAMES) == set(RECORD_CLASSES)
    bundled = {PurePath(f.name).name: f.kind for f in read_bundled()}
    assert bundled == {name: kind for kind, name in FILE_NAMES.items()}


def test_stated_date_unstructures_to_a_plain_string() -> None:
    """A When that is neither inferred nor annotated is written as its ISO string."""
    record = structure_record({**ORG, "founded": "2016-10-01"}, Organisation)
    assert record.founded == When(PartialDate(2016, 10, 1))
    assert unstructure(record)["founded"] == "2016-10-01"


def test_inferred_date_unstructures_to_an_object() -> None:
    """An inferred or annotated When is written as an object without its default keys."""
    founded = {"date": "2016", "inferred": True, "note": "from the page"}
    record = structure_record({**ORG, "founded": founded}, Organisation)
    assert unstructure(record)["founded"] == {"date": "2016", "inferred": True, "note": "from the page"}
    noted = structure_record({**ORG, "founded": {"date": "2016", "note": "n"}}, Organisation)
    assert unstructure(noted)["founded"] == {"date": "2016", "note": "n"}


def test_date_with_latest_round_trips_as_an_object() -> None:
    """A When with an upper bound is written as an object, 'latest' right after 'date', and read back equal."""
    founded = {"date": "2012-09", "latest": "2013", "inferred": True, "note": "page undated"}
    record = structure_record({**ORG, "founded": founded}, Organisation)
    assert record.founded == When(PartialDate(2012, 9), True, "page undated", latest=PartialDate(2013))
    out = unstructure(record)["founded"]
    assert list(out) == ["date", "latest", "inferred", "note"]
    assert structure_record({**ORG, "founded": out}, Organisation) == record
    bare = unstructure(structure_record({**ORG, "founded": {"date": "2012-09", "latest": "2012"}}, Organisation))
    assert bare["founded"] == {"date": "2012-09", "latest": "2012"}


def test_latest_before_date_is_refused_by_the_class() -> None:
    """Building a When whose 'latest' ends before its 'date' begins raises ValueError."""
    with pytest.raises(ValueError, match=r"'latest' \(2012-08\) is before 'date' \(2012-09\)"):
        When(PartialDate(2012, 9), latest=PartialDate(2012, 8))


def test_canonical_keys_follow_field_order_and_omit_defaults() -> None:
    """Keys come out in declaration order, and fields equal to their defaults are left out."""
    raw = {**ORG, "acronym": None, "aliases": ["IoT alliance"], "founded": {"date": "2015", "inferred": False}}
    out = unstructure(structure_record(raw, Organisation))
    assert list(out) == ["id", "name", "aliases", "description", "citations", "category", "founded"]
    assert out["founded"] == "2015"
    assert out["category"] == "industry_alliance"
    assert type(out["category"]) is str


@pytest.mark.parametrize("value", [3, 2.5])
def test_figure_value_accepts_numbers(value: float) -> None:
    """A figure's value may be a whole or a decimal number."""
    raw = {"id": "f", "subject": "aioti", "quantity": "q", "value": value, "unit": "u", "citations": CITE}
    figure = structure_record(raw, Figure)
    assert figure.value == value
    assert type(figure.value) is type(value)


@pytest.mark.parametrize("value", [True, "3", None, [3]])
def test_figure_value_rejects_non_numbers(value: object) -> None:
    """A boolean, a string, null or a list is not a figure's value."""
    raw = {"id": "f", "subject": "aioti", "quantity": "q", "value": value, "unit": "u", "citations": CITE}
    with pytest.raises(Exception, match="expected a number"):
        structure_record(raw, Figure)


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", 1), ("aliases", "AIOTI"), ("citations", {"source": "eu-press"}), ("category", "alliance")],
)
def test_structuring_is_strict(field: str, value: object) -> None:
    """No coercion: numbers are not strings, strings are not lists, unknown enum values are refused."""
    with pytest.raises(Exception):  # noqa: B017, PT011 -- the loader test checks which DataError it becomes
        structure_record({**ORG, field: value}, Organisation)


def test_dumps_is_canonical_json(tmp_path: Path) -> None:
    """dumps sorts records by id, indents by two spaces, keeps non-ASCII text and ends with a newline."""
    records = [
        structure_record({**ORG, "id": "zeta", "name": "Zürich body"}, Organisation),
        structure_record(ORG, Organisation),
    ]
    text = dumps("organisation", records)
    assert text.endswith("}\n")
    assert "Zürich" in text
    document = json.loads(text)
    assert [r["id"] for r in document["records"]] == ["aioti", "zeta"]
    assert text.startswith('{\n  "kind": "organisation",\n  "records": [\n    {\n      "id": "aioti"')


def test_format_paths_rewrites_only_non_canonical_files(tmp_path: Path) -> None:
    """check=True reports the non-canonical files without writing; check=False rewrites them; then all is canonical."""
    files = valid_files()
    files["organisations.json"]["records"].reverse()
    files["organisations.json"]["records"][0]["acronym"] = None
    folder = write_files(tmp_path / "data", files)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    changed = format_paths([folder], check=True)
    assert [p.name for p in changed] == ["organisations.json"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert format_paths([folder], check=False) == changed
    assert format_paths([folder], check=True) == []
    reread = read_paths([folder])
    assert sum(len(f.records) for f in reread) == sum(len(d["records"]) for d in valid_files().values())


def test_format_paths_refuses_invalid_files(tmp_path: Path) -> None:
    """An invalid file raises its DataError and nothing is written."""
    files = valid_files()
    files["places.json"]["records"][0]["colour"] = "blue"
    folder = write_files(tmp_path / "data", files)
    before = (folder / "sources.json").read_bytes()
    with pytest.raises(SchemaError, match="colour"):
        format_paths([folder], check=False)
    assert (folder / "sources.json").read_bytes() == before
