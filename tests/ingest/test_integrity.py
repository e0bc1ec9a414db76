"""Whole-dataset integrity rules: each violation has its own exception naming file, record, field and fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop import Dataset
from eu_iot_coop._ingest import build_records, read_paths
from eu_iot_coop.exceptions import (
    CitationError,
    DanglingReferenceError,
    DataError,
    DateError,
    DomainRangeError,
    DuplicateIdError,
    UnknownPredicateError,
)

from ..engine_support import CITE, valid_files, write_files


def _build(tmp_path: Path, files: dict[str, Any]) -> None:
    build_records(read_paths([write_files(tmp_path / "data", files)]))


def _raises(tmp_path: Path, files: dict[str, Any], error: type[DataError]) -> DataError:
    with pytest.raises(error) as caught:
        _build(tmp_path, files)
    return caught.value


def test_valid_files_build_sorted_records(tmp_path: Path) -> None:
    """The valid literals pass every rule and come out grouped and sorted."""
    records = build_records(read_paths([write_files(tmp_path, valid_files())]))
    assert [e.id for e in records.entities] == ["aioti", "belgium", "dg-cnect"]
    assert [r.key for r in records.relations] == ["aioti:located_in:belgium", "dg-cnect:supports:aioti"]
    assert (len(records.sources), len(records.figures), len(records.redirects)) == (1, 1, 1)


def test_duplicate_id_across_record_types(tmp_path: Path) -> None:
    """An entity and a figure sharing an id is a DuplicateIdError naming the second and the first file."""
    files = valid_files()
    files["figures.json"]["records"][0]["id"] = "belgium"
    error = _raises(tmp_path, files, DuplicateIdError)
    assert (Path(error.file or "").name, error.record, error.field) == ("places.json", "belgium", "id")
    assert "figures.json" in str(error)


def test_duplicate_relation_key(tmp_path: Path) -> None:
    """Two relations with one subject, predicate and object are a DuplicateIdError."""
    files = valid_files()
    files["relations.json"]["records"].append(dict(files["relations.json"]["records"][0]))
    error = _raises(tmp_path, files, DuplicateIdError)
    assert error.record == "aioti:located_in:belgium"
    assert "merge them" in error.fix


def test_retired_id_must_not_be_live(tmp_path: Path) -> None:
    """A redirect whose id is also a live record is a DuplicateIdError."""
    files = valid_files()
    files["redirects.json"]["records"][0]["id"] = "belgium"
    error = _raises(tmp_path, files, DuplicateIdError)
    assert error.record == "belgium"
    assert "retired" in error.problem


def test_dangling_relation_end(tmp_path: Path) -> None:
    """A relation object that is no entity is a DanglingReferenceError suggesting the close id."""
    files = valid_files()
    files["relations.json"]["records"][0]["object"] = "belgum"
    error = _raises(tmp_path, files, DanglingReferenceError)
    assert (Path(error.file or "").name, error.record, error.field) == (
        "relations.json",
        "aioti:located_in:belgum",
        "object",
    )
    assert "did you mean 'belgium'?" in error.fix


def test_retired_relation_end_names_the_replacement(tmp_path: Path) -> None:
    """A relation end that is a retired id is an error whose fix names the replacement."""
    files = valid_files()
    files["relations.json"]["records"][0]["subject"] = "aioti-old"
    error = _raises(tmp_path, files, DanglingReferenceError)
    assert error.field == "subject"
    assert error.fix == "use its replacement 'aioti'"


def test_dangling_figure_subject(tmp_path: Path) -> None:
    """A figure about a missing entity is a DanglingReferenceError on its subject."""
    files = valid_files()
    files["figures.json"]["records"][0]["subject"] = "nobody"
    error = _raises(tmp_path, files, DanglingReferenceError)
    assert (error.record, error.field) == ("aioti-members-2020", "subject")


def test_dangling_redirect_target(tmp_path: Path) -> None:
    """A redirect to a missing id is a DanglingReferenceError on replaced_by."""
    files = valid_files()
    files["redirects.json"]["records"][0]["replaced_by"] = "nowhere"
    error = _raises(tmp_path, files, DanglingReferenceError)
    assert (error.record, error.field) == ("aioti-old", "replaced_by")


def test_unknown_predicate(tmp_path: Path) -> None:
    """A predicate outside the vocabulary is an UnknownPredicateError suggesting close names."""
    files = valid_files()
    files["relations.json"]["records"][0]["predicate"] = "locatd_in"
    error = _raises(tmp_path, files, UnknownPredicateError)
    assert (error.record, error.field) == ("aioti:locatd_in:belgium", "predicate")
    assert "'located_in'" in error.fix


def test_inverse_predicate_is_refused_with_the_forward_form(tmp_path: Path) -> None:
    """An inverse name is refused; the fix writes the relation forward."""
    files = valid_files()
    files["relations.json"]["records"][0].update(subject="belgium", predicate="location_of", object="aioti")
    error = _raises(tmp_path, files, UnknownPredicateError)
    assert "'aioti' 'located_in' 'belgium'" in error.fix


def test_domain_violation(tmp_path: Path) -> None:
    """A subject kind the predicate does not allow is a DomainRangeError on the subject."""
    files = valid_files()
    files["relations.json"]["records"][0].update(subject="belgium", predicate="works_for", object="aioti")
    error = _raises(tmp_path, files, DomainRangeError)
    assert (error.record, error.field) == ("belgium:works_for:aioti", "subject")
    assert "person" in error.fix


def test_range_violation(tmp_path: Path) -> None:
    """An object kind the predicate does not allow is a DomainRangeError on the object."""
    files = valid_files()
    files["relations.json"]["records"][0]["object"] = "dg-cnect"
    error = _raises(tmp_path, files, DomainRangeError)
    assert (error.record, error.field) == ("aioti:located_in:dg-cnect", "object")


@pytest.mark.parametrize("file", ["organisations.json", "relations.json", "figures.json"])
def test_missing_citation(tmp_path: Path, file: str) -> None:
    """An entity, relation or figure without citations is a CitationError."""
    files = valid_files()
    files[file]["records"][0]["citations"] = []
    error = _raises(tmp_path, files, CitationError)
    assert Path(error.file or "").name == file
    assert error.field == "citations"


def test_unknown_cited_source(tmp_path: Path) -> None:
    """Citing a source that does not exist is a CitationError on that citation."""
    files = valid_files()
    files["places.json"]["records"][0]["citations"] = [*CITE, {"source": "eu-pres", "locator": "p. 2"}]
    error = _raises(tmp_path, files, CitationError)
    assert (error.record, error.field) == ("belgium", "citations[1].source")
    assert "did you mean 'eu-press'?" in error.fix


def test_entity_ending_before_it_starts(tmp_path: Path) -> None:
    """An organisation dissolved before it was founded is a DateError on 'dissolved'."""
    files = valid_files()
    files["organisations.json"]["records"][0]["dissolved"] = "2014-12-31"
    error = _raises(tmp_path, files, DateError)
    assert (error.record, error.field) == ("aioti", "dissolved")


def test_relation_ending_before_it_starts(tmp_path: Path) -> None:
    """A relation whose end precedes its start is a DateError on 'end'."""
    files = valid_files()
    files["relations.json"]["records"][1]["end"] = "2014"
    error = _raises(tmp_path, files, DateError)
    assert (error.record, error.field) == ("dg-cnect:supports:aioti", "end")


def test_overlapping_partial_dates_are_not_reversed(tmp_path: Path) -> None:
    """A period from 2015-03 to 2015 is consistent: the year contains the month."""
    files = valid_files()
    files["organisations.json"]["records"][0]["dissolved"] = "2015"
    _build(tmp_path, files)


def test_all_integrity_problems_are_collected(tmp_path: Path) -> None:
    """Several violations in one pass are all attached to the first."""
    files = valid_files()
    files["figures.json"]["records"][0]["subject"] = "nobody"
    files["relations.json"]["records"][0]["citations"] = []
    with pytest.raises(DataError) as caught:
        _build(tmp_path, files)
    kinds = sorted(type(p).__name__ for p in caught.value.problems)
    assert kinds == ["CitationError", "DanglingReferenceError"]


def test_every_stage_reports_every_problem_in_file_and_record_order(tmp_path: Path) -> None:
    """A schema error no longer hides integrity problems: all five come back, by file then record position."""
    files = valid_files()
    files["figures.json"]["records"][0]["subject"] = "nobody"
    # dg-cnect cannot be read; the relation pointing at it must not be reported a second time.
    files["organisations.json"]["records"][1]["category"] = "alliance"
    files["places.json"]["records"][0]["citations"] = [{"source": "eu-pres", "locator": "p. 1"}]
    twin = {"id": "aioti", "name": "Twin", "description": "A clash.", "citations": CITE, "place_type": "city"}
    files["places.json"]["records"].insert(0, twin)
    files["relations.json"]["records"][0]["object"] = "aioti"
    folder = write_files(tmp_path / "data", files)
    with pytest.raises(DataError) as caught:
        Dataset.from_files(folder)
    found = [(type(p).__name__, Path(p.file or "").name, p.record, p.field) for p in caught.value.problems]
    assert found == [
        ("DanglingReferenceError", "figures.json", "aioti-members-2020", "subject"),
        ("SchemaError", "organisations.json", "dg-cnect", "category"),
        ("DuplicateIdError", "places.json", "aioti", "id"),
        ("CitationError", "places.json", "belgium", "citations[0].source"),
        ("DomainRangeError", "relations.json", "aioti:located_in:aioti", "object"),
    ]
    assert caught.value is caught.value.problems[0]
    assert "and 4 more problems" in str(caught.value)


def test_overlay_records_that_cannot_be_read_do_not_hide_clashes(tmp_path: Path) -> None:
    """In an overlay, a bad record and a clash with the base are both reported, and no dataset is built."""
    base = write_files(tmp_path / "base", valid_files())
    overlay = {
        "kind": "topic",
        "records": [
            {"id": "iot", "name": "IoT", "description": "x", "citations": CITE, "topic_type": "gadget"},
            {"id": "belgium", "name": "B", "description": "x", "citations": CITE, "topic_type": "technology"},
        ],
    }
    layer = write_files(tmp_path / "layer", {"topics.json": overlay})
    with pytest.raises(DataError) as caught:
        Dataset.from_files(base, layer)
    found = [(type(p).__name__, p.record, p.field) for p in caught.value.problems]
    assert found == [("SchemaError", "iot", "topic_type"), ("DuplicateIdError", "belgium", "id")]
