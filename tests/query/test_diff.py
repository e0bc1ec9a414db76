"""diff(): records added, removed and changed field by field between two datasets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset

from ..engine_support import CITE, valid_files, write_files


@pytest.fixture
def base(tmp_path: Path) -> Dataset:
    """The valid literal dataset."""
    return Dataset.from_files(write_files(tmp_path / "base", valid_files()))


def test_identical_datasets_have_no_differences(base: Dataset, tmp_path: Path) -> None:
    """Two datasets of the same records compare equal: the diff is empty and false."""
    result = eu_iot_coop.diff(base, Dataset.from_files(write_files(tmp_path / "same", valid_files())))
    assert not result
    assert (result.added, result.removed, result.changed) == ((), (), ())
    assert str(result) == "no differences"


def test_one_added_record_shows_exactly_that_record(base: Dataset, tmp_path: Path) -> None:
    """Adding a place shows that place as added and nothing else."""
    files = valid_files()
    france = {"id": "france", "name": "France", "description": "A country.", "citations": CITE, "place_type": "country"}
    files["places.json"]["records"].append(france)
    result = eu_iot_coop.diff(base, Dataset.from_files(write_files(tmp_path / "new", files)))
    assert [r.id for r in result.added] == ["france"]
    assert result.removed == ()
    assert result.changed == ()
    assert "+ france (place)" in str(result)
    assert result.as_dict()["added"] == [{"type": "place", "record": france}]


def test_one_changed_field_shows_exactly_that_field(base: Dataset, tmp_path: Path) -> None:
    """Renaming an organisation shows one changed record with one changed field, old and new values."""
    files = valid_files()
    files["organisations.json"]["records"][0]["name"] = "AIOTI AISBL"
    result = eu_iot_coop.diff(base, Dataset.from_files(write_files(tmp_path / "new", files)))
    assert (result.added, result.removed) == ((), ())
    (change,) = result.changed
    assert (change.record_type, change.id) == ("organisation", "aioti")
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("name", "Alliance for Internet of Things Innovation", "AIOTI AISBL")
    ]
    assert "name: 'Alliance for Internet of Things Innovation' -> 'AIOTI AISBL'" in str(result)
    assert "`aioti`" in result.to_markdown()


def test_removed_relation_is_named_by_its_key(base: Dataset, tmp_path: Path) -> None:
    """A dropped relation appears as removed, identified by subject:predicate:object."""
    files = valid_files()
    del files["relations.json"]["records"][1]
    result = eu_iot_coop.diff(base, Dataset.from_files(write_files(tmp_path / "new", files)))
    assert [r.key for r in result.removed] == ["dg-cnect:supports:aioti"]
    assert result.added == ()
    assert "- dg-cnect:supports:aioti (relation)" in str(result)


def test_changed_date_is_shown_in_data_file_form(base: Dataset, tmp_path: Path) -> None:
    """A date that became inferred shows as its JSON form before and after, and as_dict is JSON-ready."""
    files = valid_files()
    files["organisations.json"]["records"][0]["founded"] = {"date": "2015-03", "inferred": True}
    result = eu_iot_coop.diff(base, Dataset.from_files(write_files(tmp_path / "new", files)))
    (change,) = result.changed
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("founded", "2015-03", {"date": "2015-03", "inferred": True})
    ]
    assert json.loads(json.dumps(result.as_dict()))["changed"][0]["id"] == "aioti"


def test_field_changes_cannot_be_altered_through_their_values(base: Dataset, tmp_path: Path) -> None:
    """Mutating the list or dict a FieldChange hands out changes neither the change nor as_dict()."""
    files = valid_files()
    files["organisations.json"]["records"][0]["aliases"] = ["IoT alliance"]
    files["organisations.json"]["records"][0]["founded"] = {"date": "2015-03", "inferred": True}
    result = eu_iot_coop.diff(base, Dataset.from_files(write_files(tmp_path / "new", files)))
    (change,) = result.changed
    aliases, founded = change.fields
    aliases.new.append("tampered")
    founded.new["inferred"] = False
    assert (aliases.field, aliases.old, aliases.new) == ("aliases", [], ["IoT alliance"])
    assert founded.new == {"date": "2015-03", "inferred": True}
    assert result.as_dict()["changed"][0]["fields"] == [
        {"field": "aliases", "old": [], "new": ["IoT alliance"]},
        {"field": "founded", "old": "2015-03", "new": {"date": "2015-03", "inferred": True}},
    ]
    assert hash(change) == hash(result.changed[0])
