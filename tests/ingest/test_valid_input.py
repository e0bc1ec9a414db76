"""One definition of valid text, numbers, dates and graph shapes, enforced at load (issue 11).

Each refusal is the library's own DataError naming the file, the record, the field and a fix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop._ingest import build_records, read_paths
from eu_iot_coop.exceptions import CycleError, DataError, DataFileError, DateError, SchemaError

from ..engine_support import CITE, valid_files, write_files


def _load(tmp_path: Path, files: dict[str, Any]) -> None:
    build_records(read_paths([write_files(tmp_path / "data", files)]))


def _load_text(tmp_path: Path, name: str, text: str) -> None:
    """Load the valid files with *name* replaced by raw JSON *text* (so escapes such as \\ud800 survive)."""
    folder = write_files(tmp_path / "data", valid_files())
    (folder / name).write_text(text, encoding="utf-8")
    build_records(read_paths([folder]))


def _org_with(**changes: object) -> dict[str, Any]:
    files = valid_files()
    files["organisations.json"]["records"][0].update(changes)
    return files


def _raw_org(field: str, json_literal: str) -> str:
    """The organisations file with *field* of the first record written as the raw JSON *json_literal*."""
    document = valid_files()["organisations.json"]
    document["records"][0][field] = "@@PLACEHOLDER@@"
    return json.dumps(document, indent=2).replace('"@@PLACEHOLDER@@"', json_literal)


@pytest.mark.parametrize(
    ("field", "literal"),
    [
        ("name", r'"AIOTI \ud800"'),
        ("name", r'"\udfff"'),
        ("description", r'"An alliance \udc00"'),
        ("acronym", r'"A\u0000B"'),
        ("name", r'"A\u000bB"'),
        ("name", r'"Line\nbreak"'),
        ("name", r'"Tab\there"'),
        ("acronym", r'"DEL\u007f"'),
    ],
)
def test_bad_text_is_refused(tmp_path: Path, field: str, literal: str) -> None:
    """Lone surrogates and control characters are a SchemaError naming file, record and field, with a fix."""
    with pytest.raises(SchemaError) as caught:
        _load_text(tmp_path, "organisations.json", _raw_org(field, literal))
    error = caught.value
    assert error.file is not None
    assert error.file.endswith("organisations.json")
    assert (error.record, error.field) == ("aioti", field)
    assert "surrogate" in error.problem or "control character" in error.problem
    assert error.fix.startswith("remove it")


@pytest.mark.parametrize("field", ["description"])
def test_tabs_and_line_breaks_are_allowed_in_free_text(tmp_path: Path, field: str) -> None:
    """A description (or a note) may hold a tab and a line break."""
    _load(tmp_path, _org_with(**{field: "First line.\n\tSecond line."}))
    files = valid_files()
    files["relations.json"]["records"][0]["note"] = "one\ntwo"
    files["organisations.json"]["records"][0]["founded"] = {"date": "2015-03", "note": "from\tthe press"}
    _load(tmp_path / "other", files)


def test_control_character_in_a_variant_value_is_refused(tmp_path: Path) -> None:
    """The text rules hold inside a variant's value too."""
    files = valid_files()
    files["variants.json"] = {
        "kind": "variant",
        "records": [
            {"id": "v1", "record": "aioti", "field": "name", "value": "Bad\u0001name", "citations": CITE},
        ],
    }
    with pytest.raises(SchemaError) as caught:
        _load(tmp_path, files)
    assert (caught.value.record, caught.value.field) == ("v1", "value")


@pytest.mark.parametrize("name", ["", "   ", "\u200b", "\u200b\u200d\ufeff", "\u3164", "\u00a0\u2800", "\u0301"])
def test_invisible_names_are_refused(tmp_path: Path, name: str) -> None:
    """A name that is blank or made only of invisible characters (zero-width space, fillers) is refused."""
    with pytest.raises(SchemaError) as caught:
        _load(tmp_path, _org_with(name=name))
    assert (caught.value.record, caught.value.field) == ("aioti", "name")
    assert "invisible" in caught.value.problem


@pytest.mark.parametrize("name", ["Zürich", "東京", "مرحبا", "A", "AIOTI\u00a0Europe", "Cafe\u0301"])
def test_visible_names_are_accepted(tmp_path: Path, name: str) -> None:
    """A name with at least one visible character loads, whatever its script."""
    _load(tmp_path, _org_with(name=name))


@pytest.mark.parametrize("literal", ["1e400", "-1e400", "9007199254740992", "1e16", "-9.1e15", "123456789012345678901"])
def test_numbers_out_of_range_are_refused(tmp_path: Path, literal: str) -> None:
    """A figure's value must be finite and within ±(2**53 - 1); the error states the range."""
    document = valid_files()["figures.json"]
    document["records"][0]["value"] = 0
    text = json.dumps(document).replace('"value": 0', f'"value": {literal}')
    with pytest.raises(SchemaError) as caught:
        _load_text(tmp_path, "figures.json", text)
    error = caught.value
    assert (error.record, error.field) == ("aioti-members-2020", "value")
    assert "9007199254740991" in error.fix


@pytest.mark.parametrize("literal", ["Infinity", "-Infinity", "NaN"])
def test_non_finite_constants_are_refused(tmp_path: Path, literal: str) -> None:
    """Infinity and NaN are not JSON: a DataFileError."""
    document = valid_files()["figures.json"]
    text = json.dumps(document).replace('"value": 200', f'"value": {literal}')
    with pytest.raises(DataFileError, match="not a JSON number"):
        _load_text(tmp_path, "figures.json", text)


@pytest.mark.parametrize("value", [9007199254740991, -9007199254740991, 0.5, 1e15, -3])
def test_numbers_in_range_are_accepted(tmp_path: Path, value: float) -> None:
    """Numbers up to the stated bound load."""
    files = valid_files()
    files["figures.json"]["records"][0]["value"] = value
    _load(tmp_path, files)


@pytest.mark.parametrize("date", ["٢٠١٧", "\uff12\uff10\uff11\uff17", "2017-٠٣", "2017-03-\uff12\uff10", "߂߀߁߇"])
def test_non_ascii_digits_in_dates_are_refused(tmp_path: Path, date: str) -> None:
    """Dates use ASCII digits only: Arabic-Indic, full-width or N'Ko digits are a DateError."""
    with pytest.raises(DateError) as caught:
        _load(tmp_path, _org_with(founded=date))
    assert (caught.value.record, caught.value.field) == ("aioti", "founded")


def test_duplicate_top_level_key_is_refused(tmp_path: Path) -> None:
    """A second "records" key (which would silently drop the first list) is a DataFileError naming the key."""
    text = '{"kind": "organisation",\n "records": [],\n "records": []}'
    with pytest.raises(DataFileError) as caught:
        _load_text(tmp_path, "organisations.json", text)
    error = caught.value
    assert error.field == "records"
    assert error.record is None
    assert "'records' appears twice" in error.problem
    assert "lines 2 and 3" in error.problem
    assert error.fix


def test_duplicate_key_in_a_record_names_the_record(tmp_path: Path) -> None:
    """A duplicate "id" inside a record names that record and the key."""
    document = valid_files()["organisations.json"]
    text = json.dumps(document, indent=2).replace('"id": "dg-cnect",', '"id": "dg-cnect",\n "id": "other",')
    with pytest.raises(DataFileError) as caught:
        _load_text(tmp_path, "organisations.json", text)
    assert (caught.value.record, caught.value.field) == ("other", "id")
    assert "'id' appears twice" in caught.value.problem


def _with_relations(*triples: tuple[str, str, str]) -> dict[str, Any]:
    files = valid_files()
    files["organisations.json"]["records"].append(
        {"id": "etsi", "name": "ETSI", "description": "A body.", "citations": CITE, "category": "standards_body"}
    )
    files["relations.json"]["records"].extend(
        {"subject": s, "predicate": p, "object": o, "citations": CITE} for s, p, o in triples
    )
    return files


@pytest.mark.parametrize("predicate", ["part_of", "member_of"])
def test_self_loop_is_refused(tmp_path: Path, predicate: str) -> None:
    """An entity that is part_of (or member_of) itself is a CycleError naming the loop."""
    with pytest.raises(CycleError) as caught:
        _load(tmp_path, _with_relations(("aioti", predicate, "aioti")))
    error = caught.value
    assert error.record == f"aioti:{predicate}:aioti"
    assert error.field == "object"
    assert f"'aioti' {predicate} 'aioti'" in error.problem
    assert error.file is not None
    assert error.file.endswith("relations.json")
    assert error.fix


@pytest.mark.parametrize("predicate", ["part_of", "member_of"])
def test_cycle_is_refused_and_named(tmp_path: Path, predicate: str) -> None:
    """A cycle through three entities is one CycleError whose message walks the cycle."""
    files = _with_relations(
        ("aioti", predicate, "etsi"), ("etsi", predicate, "dg-cnect"), ("dg-cnect", predicate, "aioti")
    )
    with pytest.raises(CycleError) as caught:
        _load(tmp_path, files)
    error = caught.value
    assert f"'aioti' {predicate} 'etsi' {predicate} 'dg-cnect' {predicate} 'aioti'" in error.problem
    assert len([p for p in error.problems if isinstance(p, CycleError)]) == 1


def test_a_chain_without_cycle_loads(tmp_path: Path) -> None:
    """A hierarchy (a diamond, even) without a cycle is fine."""
    _load(
        tmp_path,
        _with_relations(
            ("aioti", "part_of", "etsi"), ("etsi", "part_of", "dg-cnect"), ("aioti", "part_of", "dg-cnect")
        ),
    )


def test_every_refusal_is_a_data_error(tmp_path: Path) -> None:
    """The new rules raise the library's own errors, never a foreign one (a smoke check over all of them)."""
    for index, files in enumerate(
        [_org_with(name="\u200b"), _org_with(founded="٢٠١٧"), _with_relations(("aioti", "part_of", "aioti"))]
    ):
        with pytest.raises(DataError):
            _load(tmp_path / str(index), files)
