"""Numbers no double holds, year 0000 and UTF-16 without a byte-order mark, each in plain words (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eu_iot_coop._ingest import build_records, read_paths
from eu_iot_coop.exceptions import DataFileError, DateError, SchemaError

from ..engine_support import CITE, valid_files, write_files


def _load_figures(tmp_path: Path, literal: str) -> None:
    folder = write_files(tmp_path / "data", valid_files())
    document = valid_files()["figures.json"]
    document["records"][0]["value"] = 0
    text = json.dumps(document).replace('"value": 0', f'"value": {literal}')
    (folder / "figures.json").write_text(text, encoding="utf-8")
    build_records(read_paths([folder]))


@pytest.mark.parametrize(("literal", "words"), [("1e-400", "too close to 0"), ("-2.5e-330", "too close to 0")])
def test_a_number_that_underflows_is_refused(tmp_path: Path, literal: str, words: str) -> None:
    """``1e-400`` used to be served as 0."""
    with pytest.raises(SchemaError) as caught:
        _load_figures(tmp_path, literal)
    error = caught.value
    assert (error.record, error.field) == ("aioti-members-2020", "value")
    assert f"the number {literal} is {words}" in error.problem
    assert "it would read as 0" in error.problem
    assert "9007199254740991" in error.fix


@pytest.mark.parametrize("literal", ["1e400", "-1e400"])
def test_a_number_that_overflows_is_refused_as_written(tmp_path: Path, literal: str) -> None:
    with pytest.raises(SchemaError) as caught:
        _load_figures(tmp_path, literal)
    assert f"the number {literal} is too large" in caught.value.problem
    assert (caught.value.record, caught.value.field) == ("aioti-members-2020", "value")


@pytest.mark.parametrize("literal", ["0.0", "0e-400", "-0.0", "1e-300", "0.000"])
def test_zero_and_small_numbers_that_a_double_holds_load(tmp_path: Path, literal: str) -> None:
    _load_figures(tmp_path, literal)


@pytest.mark.parametrize("digits", [5000, 4301, 1001])
def test_a_number_of_thousands_of_digits_gets_a_plain_message(tmp_path: Path, digits: int) -> None:
    with pytest.raises(SchemaError) as caught:
        _load_figures(tmp_path, "9" * digits)
    error = caught.value
    assert (error.record, error.field) == ("aioti-members-2020", "value")
    assert f"({digits} characters)" in error.problem
    assert "too large" in error.problem
    assert "set_int_max_str_digits" not in str(error)


def test_a_huge_number_inside_a_variant_value_is_refused(tmp_path: Path) -> None:
    files = valid_files()
    files["variants.json"] = {
        "kind": "variant",
        "records": [{"id": "v1", "record": "aioti-members-2020", "field": "value", "value": 0, "citations": CITE}],
    }
    folder = write_files(tmp_path / "data", files)
    path = folder / "variants.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"value": 0', '"value": 1e-999'), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        build_records(read_paths([folder]))
    assert (caught.value.record, caught.value.field) == ("v1", "value")
    assert "too close to 0" in caught.value.problem


@pytest.mark.parametrize("date", ["0000", "0000-01", "0000-01-01"])
def test_year_zero_gets_a_plain_message(tmp_path: Path, date: str) -> None:
    files = valid_files()
    files["organisations.json"]["records"][0]["founded"] = date
    with pytest.raises(DateError) as caught:
        build_records(read_paths([write_files(tmp_path / "data", files)]))
    assert (caught.value.record, caught.value.field) == ("aioti", "founded")
    assert "year 0000" in caught.value.problem
    assert "0001 to 9999" in caught.value.problem
    assert "must be >=" not in str(caught.value)


@pytest.mark.parametrize(
    ("encoding", "called"), [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32-le", "UTF-32")]
)
def test_wide_text_without_a_byte_order_mark_is_not_called_bad_json(tmp_path: Path, encoding: str, called: str) -> None:
    folder = write_files(tmp_path / "data", valid_files())
    path = folder / "places.json"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    with pytest.raises(DataFileError) as caught:
        read_paths([folder])
    assert caught.value.file is not None
    assert caught.value.file.endswith("places.json")
    assert f"not UTF-8 text: it looks like {called}" in caught.value.problem
    assert "JSON" not in caught.value.problem
    assert caught.value.fix == "save it as UTF-8 without BOM"
