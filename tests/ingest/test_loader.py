"""Reading data files: every bad file is a DataError naming the file, the record, the field and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eu_iot_coop import Organisation
from eu_iot_coop._ingest import _loader as loader
from eu_iot_coop._ingest import read_paths
from eu_iot_coop.exceptions import DataError, DataFileError, DateError, SchemaError

from ..engine_support import valid_files, write_files


def _org_file(tmp_path: Path, **changes: object) -> Path:
    files = valid_files()
    files["organisations.json"]["records"][0].update(changes)
    return write_files(tmp_path / "data", {"organisations.json": files["organisations.json"]}) / "organisations.json"


def test_reads_a_directory_of_valid_files(tmp_path: Path) -> None:
    """A directory of valid files yields one DataFile per file with every record typed."""
    folder = write_files(tmp_path / "data", valid_files())
    (folder / "manifest.json").write_text("not even JSON", encoding="utf-8")
    files = {Path(f.name).name: f for f in read_paths([folder])}
    assert sorted(files) == sorted(valid_files())
    assert [r.id for r in files["organisations.json"].records] == ["aioti", "dg-cnect"]
    assert isinstance(files["organisations.json"].records[0], Organisation)


def test_unreadable_file(tmp_path: Path) -> None:
    """A path that does not exist is a DataFileError naming it, saying so plainly."""
    missing = tmp_path / "nothing-here.json"
    with pytest.raises(DataFileError, match=r"nothing-here\.json: there is no such file") as caught:
        read_paths([missing])
    assert caught.value.file == str(missing)
    assert caught.value.fix == "check the path"


def test_empty_directory(tmp_path: Path) -> None:
    """A directory with no data files is refused rather than loading nothing."""
    with pytest.raises(DataFileError, match="holds no data files"):
        read_paths([tmp_path])


def test_malformed_json(tmp_path: Path) -> None:
    """Broken JSON is a DataFileError with line and column."""
    path = tmp_path / "broken.json"
    path.write_text('{"kind": "organisation",\n "records": [,]}', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"broken\.json: the file is not valid JSON: .* line 2, column 14"):
        read_paths([path])


def test_not_utf8(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are a DataFileError saying so."""
    path = tmp_path / "latin.json"
    path.write_bytes('{"kind": "organisation", "records": [{"name": "Zürich"}]}'.encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_paths([path])


def test_nan_is_not_json(tmp_path: Path) -> None:
    """NaN and Infinity, which Python's json accepts, are refused."""
    path = tmp_path / "nan.json"
    path.write_text('{"kind": "figure", "records": [NaN]}', encoding="utf-8")
    with pytest.raises(DataFileError, match="NaN is not a JSON number"):
        read_paths([path])


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "holds a list, not an object"),
        ({"records": []}, "has no 'kind'"),
        ({"kind": "organisation"}, "has no 'records'"),
        ({"kind": "organisation", "records": {}}, "'records' is an object, not a list"),
        ({"kind": "organisation", "records": [], "version": 2}, "unknown top-level key"),
        ({"kind": "organisation", "records": [], "replace": "aioti"}, "'replace' is not a list of strings"),
    ],
)
def test_wrong_top_level_shape(tmp_path: Path, document: object, message: str) -> None:
    """A file that is not {"kind", "records"} is a DataFileError naming the file."""
    path = write_files(tmp_path, {"shape.json": document}) / "shape.json"
    with pytest.raises(DataFileError, match=message) as caught:
        read_paths([path])
    assert caught.value.file == str(path)


def test_unknown_kind(tmp_path: Path) -> None:
    """A kind outside the fourteen is a DataFileError listing the allowed kinds."""
    path = write_files(tmp_path, {"k.json": {"kind": "organization", "records": []}}) / "k.json"
    with pytest.raises(DataFileError, match=r"unknown kind 'organization' -- use one of 'source', 'organisation'"):
        read_paths([path])


def test_unknown_field(tmp_path: Path) -> None:
    """An extra key is a SchemaError naming file, record and field, suggesting the close field name."""
    path = _org_file(tmp_path, acronymn="AIOTI")
    with pytest.raises(SchemaError) as caught:
        read_paths([path])
    error = caught.value
    assert (error.file, error.record, error.field) == (str(path), "aioti", "acronymn")
    assert "unknown field 'acronymn'" in str(error)
    assert "did you mean 'acronym'?" in str(error)


def test_missing_field(tmp_path: Path) -> None:
    """A missing required field is a SchemaError naming it and saying to add it."""
    files = valid_files()
    del files["organisations.json"]["records"][1]["description"]
    path = write_files(tmp_path, files) / "organisations.json"
    with pytest.raises(SchemaError, match=r"record 'dg-cnect', field 'description': required field missing") as caught:
        read_paths([path])
    assert caught.value.fix == "add the field 'description'"


def test_wrong_type(tmp_path: Path) -> None:
    """A field of the wrong JSON type is a SchemaError saying what was expected and what was found."""
    path = _org_file(tmp_path, aliases="AIOTI")
    with pytest.raises(SchemaError, match=r"field 'aliases': expected a list, got a string -- write a list here"):
        read_paths([path])


def test_wrong_type_in_a_nested_citation(tmp_path: Path) -> None:
    """The field path reaches into lists and nested objects."""
    path = _org_file(tmp_path, citations=[{"source": "eu-press", "locator": 7}])
    with pytest.raises(SchemaError) as caught:
        read_paths([path])
    assert caught.value.field == "citations[0].locator"
    assert "expected a string, got a number" in str(caught.value)


def test_invalid_id_names_the_field(tmp_path: Path) -> None:
    """A value refused by a class validator is still reported against its field."""
    path = _org_file(tmp_path, id="Not An Id")
    with pytest.raises(SchemaError, match="not a valid id") as caught:
        read_paths([path])
    assert (caught.value.record, caught.value.field) == ("Not An Id", "id")


def test_bad_date(tmp_path: Path) -> None:
    """A date that is not YYYY[-MM[-DD]] is a DateError naming the field and showing the format."""
    path = _org_file(tmp_path, founded="20-03-2015")
    with pytest.raises(DateError, match=r"record 'aioti', field 'founded': '20-03-2015' is not an ISO 8601 date") as e:
        read_paths([path])
    assert "YYYY-MM-DD" in e.value.fix


def test_impossible_date(tmp_path: Path) -> None:
    """A well-formed but impossible date is a DateError too."""
    path = _org_file(tmp_path, founded={"date": "2015-02-30", "inferred": True})
    with pytest.raises(DateError, match="day 30 is not between 1 and 28"):
        read_paths([path])


def test_latest_before_date(tmp_path: Path) -> None:
    """A 'latest' bound that ends before its date is a DateError naming file, record and field, with the fix."""
    path = _org_file(tmp_path, founded={"date": "2013", "latest": "2012-09", "inferred": True})
    with pytest.raises(DateError, match=r"record 'aioti', field 'founded': 'latest' \(2012-09\) is before 'date'") as e:
        read_paths([path])
    assert e.value.file == str(path)
    assert "'latest'" in e.value.fix


def test_record_without_id_is_named_by_index(tmp_path: Path) -> None:
    """A record that is not an object is named by its index in 'records'."""
    files = valid_files()
    files["organisations.json"]["records"].append("aioti")
    path = write_files(tmp_path, files) / "organisations.json"
    with pytest.raises(SchemaError, match=r"record 'records\[2\]': the record is a string, not an object"):
        read_paths([path])


def test_every_problem_is_collected(tmp_path: Path) -> None:
    """All problems of a pass are attached to the first, across records and files."""
    files = valid_files()
    files["organisations.json"]["records"][0]["name"] = 3
    files["organisations.json"]["records"][1]["category"] = "club"
    files["places.json"]["records"][0]["colour"] = "red"
    folder = write_files(tmp_path, files)
    with pytest.raises(SchemaError) as caught:
        read_paths([folder])
    problems = caught.value.problems
    assert [(p.record, p.field) for p in problems] == [
        ("aioti", "name"),
        ("dg-cnect", "category"),
        ("belgium", "colour"),
    ]
    assert "(and 2 more problems" in str(caught.value)


def test_deep_nesting(tmp_path: Path) -> None:
    """JSON nested deeper than MAX_DEPTH is refused before parsing, without a RecursionError."""
    path = tmp_path / "deep.json"
    path.write_text('{"kind": "topic", "records": [' + "[" * 100_000 + "]" * 100_000 + "]}", encoding="utf-8")
    with pytest.raises(DataFileError, match=f"nested too deeply: .*the limit is {loader.MAX_DEPTH}"):
        read_paths([path])


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    """Brackets and escaped quotes inside strings are text, not structure."""
    files = valid_files()
    files["organisations.json"]["records"][0]["description"] = '[[[[ \\" {{{{' * 40
    path = write_files(tmp_path, files) / "organisations.json"
    (record, _) = read_paths([path])[0].records
    assert record.description.startswith('[[[[ \\" {{{{')


def test_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file larger than MAX_FILE_BYTES is refused before it is parsed."""
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    path = write_files(tmp_path, valid_files()) / "organisations.json"
    with pytest.raises(DataFileError, match="larger than 100 bytes") as caught:
        read_paths([path])
    assert "split the records" in caught.value.fix


def test_errors_are_data_errors(tmp_path: Path) -> None:
    """Every loader error derives from the public DataError."""
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"kind": "person", "records": [{"id": 1}]}), encoding="utf-8")
    with pytest.raises(DataError):
        read_paths([path])
