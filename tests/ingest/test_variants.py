"""Variants: values sources disagree on, kept beside the preferred value with their own citations."""

from __future__ import annotations

import csv
import json
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop import Dataset, Variant, diff, export
from eu_iot_coop.__main__ import main
from eu_iot_coop._ingest import build_records, read_paths, structure_record, unstructure
from eu_iot_coop.exceptions import CitationError, DanglingReferenceError, DataError, NotFoundError, VariantError

from ..engine_support import valid_files, write_files

OTHER_SOURCE = {
    "id": "scribd-copy",
    "title": "Copy of a press release",
    "publisher": "Scribd",
    "url": "https://example.org/scribd",
    "retrieved": "2024-02-01",
    "copy_of": "Press release IP/15/1234, European Commission",
}


def _variant(**changes: Any) -> dict[str, Any]:
    return {
        "id": "aioti-founded-other",
        "record": "aioti",
        "field": "founded",
        "value": "2015-04",
        "note": "The portal gives the date of the first assembly.",
        "citations": [{"source": "scribd-copy", "locator": "page 2"}],
        **changes,
    }


def _files(*variants: dict[str, Any]) -> dict[str, Any]:
    files = valid_files()
    files["sources.json"]["records"].append(dict(OTHER_SOURCE))
    files["variants.json"] = {"kind": "variant", "records": list(variants)}
    return files


def _dataset(tmp_path: Path, *variants: dict[str, Any]) -> Dataset:
    return Dataset(build_records(read_paths([write_files(tmp_path / "data", _files(*variants))])))


def _raises(tmp_path: Path, variant: dict[str, Any], error: type[DataError]) -> DataError:
    with pytest.raises(error) as caught:
        _dataset(tmp_path, variant)
    found = caught.value
    assert Path(found.file or "").name == "variants.json"
    assert found.record == variant["id"]
    assert found.fix
    return found


# --- the record and its round trip ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["2012-09-17", 10, 3.7, {"date": "2018-07", "inferred": True, "note": "from the report"}, ["a", "b"]]
)
def test_variant_round_trips_with_its_json_value(value: object) -> None:
    """A variant's value comes back from structuring exactly as written: string, number, date object or list."""
    raw = _variant(value=value)
    variant = structure_record(raw, Variant)
    assert variant.value == value
    assert unstructure(variant) == raw
    assert structure_record(json.loads(json.dumps(unstructure(variant))), Variant) == variant
    assert hash(variant) == hash(structure_record(raw, Variant))


def test_null_value_is_a_schema_error(tmp_path: Path) -> None:
    """A null value is refused when the file is read: a source that gives no value does not disagree."""
    with pytest.raises(DataError) as caught:
        _dataset(tmp_path, _variant(value=None))
    assert (caught.value.record, caught.value.field) == ("aioti-founded-other", "value")


def test_valid_variants_load_in_id_order(tmp_path: Path) -> None:
    """Variants of an entity, a figure and a source load, grouped and sorted by id, and count as 'variant'."""
    dataset = _dataset(
        tmp_path,
        _variant(id="z-variant"),
        _variant(id="a-variant", record="aioti-members-2020", field="value", value=210),
        _variant(id="m-variant", record="eu-press", field="publisher", value="DG CONNECT"),
    )
    assert [v.id for v in dataset.records.variants] == ["a-variant", "m-variant", "z-variant"]
    assert dataset.records.counts()["variant"] == 3
    assert list(dataset.records.counts())[-1] == "variant"


# --- integrity ------------------------------------------------------------------------------------


def test_variant_of_a_missing_record(tmp_path: Path) -> None:
    """A variant about an id no record has is a DanglingReferenceError on 'record' suggesting the close id."""
    error = _raises(tmp_path, _variant(record="aiotti"), DanglingReferenceError)
    assert error.field == "record"
    assert "did you mean 'aioti'?" in error.fix


def test_variant_of_a_retired_id_names_the_replacement(tmp_path: Path) -> None:
    """A variant about a retired id is a DanglingReferenceError naming its replacement."""
    error = _raises(tmp_path, _variant(record="aioti-old"), DanglingReferenceError)
    assert error.field == "record"
    assert "'aioti'" in error.fix


def test_variant_of_a_field_the_class_lacks(tmp_path: Path) -> None:
    """A field the record's class does not have is a VariantError on 'field' suggesting the close name."""
    error = _raises(tmp_path, _variant(field="foundd"), VariantError)
    assert error.field == "field"
    assert "'foundd'" in error.problem
    assert "did you mean 'founded'?" in error.fix


@pytest.mark.parametrize("field", ["id", "citations"])
def test_variant_of_id_or_citations(tmp_path: Path, field: str) -> None:
    """The id and the citations of a record have no variants: a VariantError on 'field'."""
    error = _raises(tmp_path, _variant(field=field, value="x"), VariantError)
    assert error.field == "field"
    assert "no variants" in error.problem


@pytest.mark.parametrize(
    ("value", "said"),
    [("2015-13", "month 13"), (2015, "a number"), ({"date": "2015", "when": "x"}, "unknown key")],
)
def test_variant_value_invalid_for_its_field(tmp_path: Path, value: object, said: str) -> None:
    """A value the field would refuse in the record's own file is a VariantError on 'value' saying why."""
    error = _raises(tmp_path, _variant(value=value), VariantError)
    assert error.field == "value"
    assert "'founded' of Organisation" in error.problem
    assert said in error.problem


def test_variant_value_refused_by_a_validator(tmp_path: Path) -> None:
    """A value only the record class's validator refuses (a blank publisher) is a VariantError too."""
    error = _raises(tmp_path, _variant(record="eu-press", field="publisher", value=" "), VariantError)
    assert error.field == "value"
    assert "publisher" in error.problem


def test_variant_equal_to_the_record_value(tmp_path: Path) -> None:
    """A value equal to the record's own (even written another way) is a VariantError: the sources agree."""
    error = _raises(tmp_path, _variant(value={"date": "2015-03"}), VariantError)
    assert error.field == "value"
    assert "agree" in error.problem


def test_variant_citations_are_checked(tmp_path: Path) -> None:
    """A variant with no citation, or citing an unknown source, is a CitationError."""
    error = _raises(tmp_path, _variant(citations=[]), CitationError)
    assert error.field == "citations"
    error = _raises(tmp_path, _variant(citations=[{"source": "scribd-cpy", "locator": "p. 1"}]), CitationError)
    assert error.field == "citations[0].source"
    assert "did you mean 'scribd-copy'?" in error.fix


def test_variant_id_is_unique_across_records(tmp_path: Path) -> None:
    """A variant shares the one id space: taking an entity's id is a DuplicateIdError."""
    with pytest.raises(DataError) as caught:
        _dataset(tmp_path, _variant(id="belgium"))
    assert caught.value.record == "belgium"


# --- queries --------------------------------------------------------------------------------------


def test_dataset_variants_by_entity_figure_and_source(tmp_path: Path) -> None:
    """Dataset.variants answers for an entity (object, id or retired id), a figure and a source."""
    dataset = _dataset(
        tmp_path,
        _variant(),
        _variant(id="members-other", record="aioti-members-2020", field="value", value=210),
    )
    assert [v.id for v in dataset.variants("aioti")] == ["aioti-founded-other"]
    assert dataset.variants(dataset.get("aioti")) == dataset.variants("aioti")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert dataset.variants("aioti-old") == dataset.variants("aioti")
    assert [v.value for v in dataset.variants("aioti-members-2020")] == [210]
    assert dataset.variants("eu-press") == ()
    assert dataset.variants("belgium") == ()
    with pytest.raises(NotFoundError):
        dataset.variants("no-such-thing")


def test_diff_and_fingerprint_see_variants(tmp_path: Path) -> None:
    """A variant added or changed shows in the diff and changes the fingerprint."""
    before = _dataset(tmp_path / "a", _variant())
    after = _dataset(tmp_path / "b", _variant(value="2015-05"))
    plain = _dataset(tmp_path / "c")
    assert before.fingerprint != after.fingerprint != plain.fingerprint
    changes = diff(before, after)
    assert [(c.record_type, c.id, [f.field for f in c.fields]) for c in changes.changed] == [
        ("variant", "aioti-founded-other", ["value"])
    ]
    assert [v.id for v in diff(plain, before).added] == ["aioti-founded-other"]


def test_as_of_keeps_variants_only_of_records_kept(tmp_path: Path) -> None:
    """A dataset as of a date drops the variants of the entities it drops."""
    dataset = _dataset(tmp_path, _variant())
    assert dataset.as_of("2016").records.variants == dataset.records.variants
    assert dataset.as_of("2014").records.variants == ()


# --- show -----------------------------------------------------------------------------------------

CLI_SOURCE = "source-ec-internet-of-things"


def _overlay(tmp_path: Path) -> Path:
    folder = tmp_path / "overlay"
    files = {
        "sources.json": {"kind": "source", "records": [dict(OTHER_SOURCE)]},
        "variants.json": {
            "kind": "variant",
            "records": [
                _variant(id="aioti-founded-portal", value={"date": "2015-04", "inferred": True}),
                _variant(id="aioti-members-portal", record="aioti-member-companies-2017-03", field="value", value=1),
            ],
        },
    }
    return write_files(folder, files)


def test_show_prints_the_sources_disagree_section(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """show lists each variant of the entity and of its figures after Figures, with both values and sources."""
    code = main(["--overlay", str(_overlay(tmp_path)), "show", "aioti"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.index("\nFigures\n") < out.index("\nSources disagree\n") < out.index("\nRelations (")
    section = out.split("\nSources disagree\n", 1)[1].split("\n\n", 1)[0]
    lines = section.splitlines()
    assert lines[0].split() == ["field", "preferred", "sources", "other", "value", "sources", "note"]
    founded = next(line for line in lines if line.startswith("founded "))
    assert "2015-03" in founded
    assert "2015-04 (inferred)" in founded
    assert "scribd-copy" in founded
    assert "first assembly" in founded
    members = next(line for line in lines if ": value " in line)
    assert members.split()[0] != "value"
    sources = out.split("\nSources\n", 1)[1]
    assert "scribd-copy" in sources
    assert "Press release IP/15/1234" in sources


def test_show_json_carries_the_variants(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """show --json has a 'variants' list in the data files' form, and their sources among 'sources'."""
    code = main(["--overlay", str(_overlay(tmp_path)), "show", "aioti", "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [v["id"] for v in document["variants"]] == ["aioti-founded-portal", "aioti-members-portal"]
    assert document["variants"][0]["value"] == {"date": "2015-04", "inferred": True}
    copy = next(s for s in document["sources"] if s["id"] == "scribd-copy")
    assert copy["copy_of"] == OTHER_SOURCE["copy_of"]


def test_show_without_variants_has_no_section(capsys: pytest.CaptureFixture[str]) -> None:
    """An entity no source disagrees on shows no "Sources disagree" section, and --json an empty list."""
    assert main(["show", "aioti"]) == 0
    assert "Sources disagree" not in capsys.readouterr().out
    assert main(["show", "aioti", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["variants"] == []


# --- exports --------------------------------------------------------------------------------------


@pytest.fixture
def varied(tmp_path: Path) -> Dataset:
    """The valid literals with a variant of an entity's date and one of a figure's value."""
    return _dataset(
        tmp_path,
        _variant(value={"date": "2015-04", "latest": "2015-06"}),
        _variant(id="members-other", record="aioti-members-2020", field="value", value=210, note=""),
    )


def test_json_export_lists_variants(varied: Dataset) -> None:
    """The JSON export has a 'variants' list, each value as the data file writes it."""
    document = json.loads(export.to_json(varied))
    assert [v["id"] for v in document["variants"]] == ["aioti-founded-other", "members-other"]
    assert document["variants"][0]["value"] == {"date": "2015-04", "latest": "2015-06"}
    assert document["variants"][1]["value"] == 210
    copy = next(s for s in document["sources"] if s["id"] == "scribd-copy")
    assert copy["copy_of"] == OTHER_SOURCE["copy_of"]


def test_csv_export_has_variants_and_their_citations(varied: Dataset, tmp_path: Path) -> None:
    """variants.csv holds each value as JSON text; citations.csv their citations; sources.csv copy_of."""
    export.to_csv(varied, tmp_path / "csv")

    def read(name: str) -> list[dict[str, str]]:
        with (tmp_path / "csv" / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    rows = read("variants.csv")
    assert list(rows[0]) == ["id", "record", "field", "value", "note"]
    assert [json.loads(row["value"]) for row in rows] == [{"date": "2015-04", "latest": "2015-06"}, 210]
    cited = [
        (c["record_type"], c["record"], c["source"]) for c in read("citations.csv") if c["record_type"] == "variant"
    ]
    assert cited == [("variant", "aioti-founded-other", "scribd-copy"), ("variant", "members-other", "scribd-copy")]
    assert {row["id"]: row["copy_of"] for row in read("sources.csv")}["scribd-copy"] == OTHER_SOURCE["copy_of"]


def test_sqlite_export_has_a_variants_table(varied: Dataset, tmp_path: Path) -> None:
    """The variants table points at live records, and citations name each variant; foreign keys hold."""
    path = export.to_sqlite(varied, tmp_path / "data.sqlite")
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = connection.execute("SELECT id, record, field, value FROM variants ORDER BY id").fetchall()
        assert [(i, r, f, json.loads(v)) for i, r, f, v in rows] == [
            ("aioti-founded-other", "aioti", "founded", {"date": "2015-04", "latest": "2015-06"}),
            ("members-other", "aioti-members-2020", "value", 210),
        ]
        cited = connection.execute("SELECT variant, source FROM citations WHERE variant IS NOT NULL").fetchall()
        assert sorted(cited) == [("aioti-founded-other", "scribd-copy"), ("members-other", "scribd-copy")]
        copy_of = connection.execute("SELECT copy_of FROM sources WHERE id = 'scribd-copy'").fetchone()[0]
        assert copy_of == OTHER_SOURCE["copy_of"]
    finally:
        connection.close()


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_rdf_exports_describe_variants(varied: Dataset, fmt: str) -> None:
    """Each variant is an eic:Variant with its record, field, typed value and sources, read back with rdflib."""
    rdflib = pytest.importorskip("rdflib")
    eic = rdflib.Namespace("https://w3id.org/eu-iot-coop/vocab/")
    ids = rdflib.Namespace("https://w3id.org/eu-iot-coop/id/")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        text = export.to_turtle(varied) if fmt == "turtle" else export.to_jsonld(varied)
        graph = rdflib.Graph().parse(data=text, format=fmt)
    founded = ids["aioti-founded-other"]
    assert (founded, rdflib.RDF.type, eic.Variant) in graph
    assert graph.value(founded, eic.record) == ids.aioti
    assert str(graph.value(founded, eic.field)) == "founded"
    value = graph.value(founded, rdflib.RDF.value)
    assert (str(value), value.datatype) == ("2015-04", rdflib.XSD.gYearMonth)
    assert str(graph.value(founded, eic.value_latest)) == "2015-06"
    assert graph.value(founded, prov.wasDerivedFrom) == ids["scribd-copy"]
    assert graph.value(ids["members-other"], rdflib.RDF.value).toPython() == 210


def test_graphml_leaves_variants_out(varied: Dataset) -> None:
    """GraphML holds the graph alone: no variant becomes a node."""
    text = export.to_graphml(varied)
    assert "aioti-founded-other" not in text
