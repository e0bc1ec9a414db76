"""The exports, read back with real parsers and compared with the dataset they came from."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
import sys
import warnings
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

from eu_iot_coop import Dataset, Kind, PartialDate, export

from ..sample_graph import sample_dataset

rdflib = pytest.importorskip("rdflib")
from rdflib import RDF, XSD, Graph  # noqa: E402

from .namespaces import DCTERMS, EIC, ID, ORG, PROV, REL  # noqa: E402


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The hand-made sample dataset."""
    return sample_dataset()


def _rdf_graph(dataset: Dataset, fmt: str) -> Graph:
    if fmt == "turtle":
        return Graph().parse(data=export.to_turtle(dataset), format="turtle")
    # rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph internally.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=export.to_jsonld(dataset), format="json-ld")


# --- JSON -----------------------------------------------------------------------------------------


def test_json_holds_every_record(dataset: Dataset) -> None:
    """The JSON export lists every record of each type, with kinds and canonical dates."""
    document = json.loads(export.to_json(dataset))
    records = dataset.records
    assert document["data_version"] == "test.1"
    assert len(document["entities"]) == len(records.entities)
    assert len(document["relations"]) == len(records.relations)
    assert len(document["sources"]) == len(records.sources)
    assert len(document["figures"]) == len(records.figures)
    assert len(document["redirects"]) == len(records.redirects)
    aioti = next(e for e in document["entities"] if e["id"] == "aioti")
    assert aioti["kind"] == "organisation"
    assert aioti["founded"] == {"date": "2015", "inferred": True, "note": "launched by the Commission that year"}


def test_json_writes_the_text_it_returns_without_a_path(dataset: Dataset, tmp_path: Path) -> None:
    """Given a path, a text export writes exactly the text it returns without one, and returns the path."""
    path = tmp_path / "out.json"
    assert export.to_json(dataset, path) == path
    assert path.read_bytes() == export.to_json(dataset).encode("utf-8")


# --- CSV ------------------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_tables_have_every_record(dataset: Dataset, tmp_path: Path) -> None:
    """Each CSV file has a header and one row per record, read back with the csv module."""
    written = export.to_csv(dataset, tmp_path / "csv")
    names = sorted(path.name for path in written)
    assert names == [
        "citations.csv",
        "entities.csv",
        "figures.csv",
        "metadata.json",
        "redirects.csv",
        "relations.csv",
        "sources.csv",
        "variants.csv",
    ]
    records = dataset.records
    assert len(_read_csv(tmp_path / "csv" / "entities.csv")) == len(records.entities)
    assert len(_read_csv(tmp_path / "csv" / "relations.csv")) == len(records.relations)
    assert len(_read_csv(tmp_path / "csv" / "sources.csv")) == len(records.sources)
    assert len(_read_csv(tmp_path / "csv" / "figures.csv")) == len(records.figures)
    expected_citations = sum(len(r.citations) for r in (*records.entities, *records.relations, *records.figures))
    assert len(_read_csv(tmp_path / "csv" / "citations.csv")) == expected_citations


def test_csv_keeps_awkward_text_and_fields(dataset: Dataset, tmp_path: Path) -> None:
    """Quotes, newlines, aliases, inferred dates and figure values survive the round trip."""
    export.to_csv(dataset, tmp_path)
    entities = {row["id"]: row for row in _read_csv(tmp_path / "entities.csv")}
    aioti = next(e for e in dataset.records.entities if e.id == "aioti")
    assert entities["aioti"]["description"] == aioti.description
    assert entities["aioti"]["founded"] == "2015"
    assert entities["aioti"]["founded_inferred"] == "true"
    assert json.loads(entities["dg-connect"]["aliases"]) == ["DG CONNECT", "CNECT"]
    assert entities["japan"]["iso_3166_1"] == "JP"
    assert entities["japan"]["category"] == ""
    figures = {row["id"]: row for row in _read_csv(tmp_path / "figures.csv")}
    assert float(figures["iot-market-2020"]["value"]) == 1.5
    assert figures["aioti-members-2017"]["qualifier"] == "more_than"
    citations = _read_csv(tmp_path / "citations.csv")
    relation_citations = [c for c in citations if c["record"] == "aioti:cooperates_with:itac"]
    assert [(c["source"], c["locator"]) for c in relation_citations] == [
        ("press-2017", "p. 7"),
        ("aioti-site", "news, item 3"),
    ]


# --- GraphML --------------------------------------------------------------------------------------


def test_graphml_read_by_networkx(dataset: Dataset, tmp_path: Path) -> None:
    """networkx reads every entity as a node and every relation as an edge, attributes included."""
    path = tmp_path / "graph.graphml"
    export.to_graphml(dataset, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    records = dataset.records
    assert graph.number_of_nodes() == len(records.entities)
    assert graph.number_of_edges() == len(records.relations)
    assert set(graph.nodes) == {e.id for e in records.entities}
    assert graph.nodes["aioti"]["name"] == "Alliance for Internet of Things Innovation"
    assert graph.nodes["aioti"]["kind"] == "organisation"
    assert graph.nodes["aioti"]["founded_inferred"] is True
    assert graph.nodes["japan"]["iso_3166_1"] == "JP"
    # Two relations join aioti and itac: a multigraph keeps both, each with its predicate.
    predicates = sorted(data["predicate"] for data in graph.get_edge_data("aioti", "itac").values())
    assert predicates == ["cooperates_with", "supports"]


def test_graphml_edges_keep_citations(dataset: Dataset, tmp_path: Path) -> None:
    """Every edge's citations, read back from GraphML, equal the relation's."""
    path = tmp_path / "graph.graphml"
    export.to_graphml(dataset, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    by_key = {data["key"]: data for _, _, data in graph.edges(data=True)}
    for relation in dataset.records.relations:
        stored = json.loads(by_key[relation.key]["citations"])
        assert stored == [{"source": c.source, "locator": c.locator} for c in relation.citations]


# --- RDF ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_has_every_entity_and_relation(dataset: Dataset, fmt: str) -> None:
    """rdflib parses the export; every entity is typed by kind and every relation is stated and reified."""
    graph = _rdf_graph(dataset, fmt)
    for entity in dataset.records.entities:
        assert (ID[entity.id], RDF.type, EIC[entity.kind.value.capitalize()]) in graph
    for relation in dataset.records.relations:
        assert (ID[relation.subject], EIC[relation.predicate], ID[relation.object]) in graph
        statement = REL[relation.key]
        assert (statement, RDF.subject, ID[relation.subject]) in graph
        assert (statement, RDF.predicate, EIC[relation.predicate]) in graph
        assert (statement, RDF.object, ID[relation.object]) in graph
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) == len(dataset.records.relations)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_relations_keep_their_citations(dataset: Dataset, fmt: str) -> None:
    """Each reified relation is derived from its sources and keeps every citation's locator."""
    graph = _rdf_graph(dataset, fmt)
    for relation in dataset.records.relations:
        statement = REL[relation.key]
        derived = {str(s) for s in graph.objects(statement, PROV.wasDerivedFrom)}
        assert derived == {str(ID[c.source]) for c in relation.citations}
        found = set()
        for node in graph.objects(statement, EIC.citation):
            source = graph.value(node, DCTERMS.source)
            locator = graph.value(node, EIC.locator)
            found.add((str(source), str(locator)))
        assert found == {(str(ID[c.source]), c.locator) for c in relation.citations}


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_uses_org_and_dublin_core(dataset: Dataset, fmt: str) -> None:
    """Organisations are org:Organization; membership and sub-organisation use ORG; dates are typed."""
    graph = _rdf_graph(dataset, fmt)
    assert (ID["aioti"], RDF.type, ORG.Organization) in graph
    assert (ID["dg-connect"], ORG.subOrganizationOf, ID["commission"]) in graph
    assert (ID["commission"], ORG.hasSubOrganization, ID["dg-connect"]) in graph
    assert (ID["mechthild-rohen"], ORG.memberOf, ID["dg-connect"]) in graph
    signed = graph.value(ID["aioti-itac-mou"], DCTERMS.date)
    assert signed is not None
    assert str(signed) == "2017-03-20"
    assert str(signed.datatype) == "http://www.w3.org/2001/XMLSchema#date"
    description = graph.value(ID["aioti"], DCTERMS.description)
    aioti = next(e for e in dataset.records.entities if e.id == "aioti")
    assert str(description) == aioti.description
    assert graph.value(ID["iot-market-2020"], RDF.value).toPython() == 1.5


def test_turtle_and_jsonld_are_the_same_graph(dataset: Dataset) -> None:
    """The two RDF exports describe one and the same graph."""
    from rdflib.compare import isomorphic

    assert isomorphic(_rdf_graph(dataset, "turtle"), _rdf_graph(dataset, "jsonld"))


def test_jsonld_context_is_the_published_one(dataset: Dataset) -> None:
    """The inline @context equals the context file shipped with the package."""
    shipped = json.loads(resources.files("eu_iot_coop").joinpath("data/context.jsonld").read_text("utf-8"))
    document = json.loads(export.to_jsonld(dataset))
    assert document["@context"] == shipped["@context"]


def test_jsonld_binds_no_prefix_named_like_a_keyword(dataset: Dataset) -> None:
    """No prefix is called 'id' (read as '@id'); records use 'record:', in JSON-LD and Turtle alike."""
    context = json.loads(export.to_jsonld(dataset))["@context"]
    assert "id" not in context
    assert context["record"] == str(ID)
    assert "@prefix record: <https://w3id.org/eu-iot-coop/id/> ." in export.to_turtle(dataset)
    assert "@prefix id:" not in export.to_turtle(dataset)


# --- SQLite ---------------------------------------------------------------------------------------


def test_sqlite_tables_and_foreign_keys(dataset: Dataset, tmp_path: Path) -> None:
    """The database has a table per kind, every record, and foreign keys that hold."""
    path = export.to_sqlite(dataset, tmp_path / "data.sqlite")
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        records = dataset.records

        def count(table: str) -> int:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        assert count("entities") == len(records.entities)
        assert count("relations") == len(records.relations)
        assert count("sources") == len(records.sources)
        assert count("figures") == len(records.figures)
        assert count("redirects") == len(records.redirects)
        assert count("organisations") == sum(1 for e in records.entities if e.kind is Kind.ORGANISATION)
        assert count("people") == 1
        redirects = dict(connection.execute("SELECT id, replaced_by FROM redirects").fetchall())
        assert redirects == {"alliance-iot": "aioti", "press-release-2017": "press-2017"}
        declared = connection.execute("SELECT count(*) FROM pragma_foreign_key_list('relations')").fetchone()[0]
        assert declared == 2
        founded = connection.execute("SELECT founded, founded_inferred FROM organisations WHERE id='aioti'").fetchone()
        assert founded == ("2015", 1)
        values = dict(connection.execute("SELECT id, value FROM figures").fetchall())
        assert values == {"aioti-members-2017": 200, "iot-market-2020": 1.5}
        assert isinstance(values["aioti-members-2017"], int)
        locators = connection.execute(
            "SELECT source, locator FROM citations WHERE relation = 'aioti:cooperates_with:itac' ORDER BY position"
        ).fetchall()
        assert locators == [("press-2017", "p. 7"), ("aioti-site", "news, item 3")]
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO relations (key, subject, predicate, object) VALUES ('x', 'nobody', 'p', 'aioti')"
            )
    finally:
        connection.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits and umask")
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_sqlite_file_has_the_permissions_of_a_plain_file(dataset: Dataset, tmp_path: Path, umask: int) -> None:
    """The database gets the mode open(path, "w") gives under the umask, not a temporary file's 0600."""
    previous = os.umask(umask)
    try:
        with open(tmp_path / "plain.txt", "w", encoding="utf-8"):
            pass
        export.to_sqlite(dataset, tmp_path / "data.sqlite")
    finally:
        os.umask(previous)
    expected = stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode)
    assert stat.S_IMODE((tmp_path / "data.sqlite").stat().st_mode) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.sqlite", "plain.txt"]  # no temporary file left


# --- dates known only as a range ------------------------------------------------------------------


def test_json_keeps_the_latest_bound(dataset: Dataset) -> None:
    """A bounded date is written in its canonical object form, ``latest`` right after ``date``."""
    document = json.loads(export.to_json(dataset))
    founded = next(e for e in document["entities"] if e["id"] == "dg-connect")["founded"]
    assert list(founded) == ["date", "latest", "inferred", "note"]
    assert founded["latest"] == "2012-07"


def test_csv_has_a_latest_column_beside_each_date(dataset: Dataset, tmp_path: Path) -> None:
    """``*_latest`` follows each date column; bounded dates fill it and the others leave it empty."""
    export.to_csv(dataset, tmp_path)
    with (tmp_path / "entities.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[header.index("founded") : header.index("founded") + 4] == [
        "founded",
        "founded_latest",
        "founded_inferred",
        "founded_note",
    ]
    entities = {row["id"]: row for row in _read_csv(tmp_path / "entities.csv")}
    assert (entities["dg-connect"]["founded"], entities["dg-connect"]["founded_latest"]) == ("2012-01", "2012-07")
    assert entities["aioti"]["founded_latest"] == ""
    relations = {row["key"]: row for row in _read_csv(tmp_path / "relations.csv")}
    assert relations["mechthild-rohen:works_for:dg-connect"]["start_latest"] == "2015-03-01"
    sources = {row["id"]: row for row in _read_csv(tmp_path / "sources.csv")}
    assert sources["aioti-site"]["published_latest"] == "2016-06"
    assert sources["press-2017"]["published_latest"] == ""


def test_graphml_nodes_and_edges_keep_the_latest_bound(dataset: Dataset, tmp_path: Path) -> None:
    """networkx reads ``founded_latest`` on a node and ``start_latest`` on an edge; unbounded dates have none."""
    path = tmp_path / "graph.graphml"
    export.to_graphml(dataset, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes["dg-connect"]["founded_latest"] == "2012-07"
    assert "founded_latest" not in graph.nodes["aioti"]
    (edge,) = graph.get_edge_data("mechthild-rohen", "dg-connect").values()
    assert (edge["start"], edge["start_latest"]) == ("2014", "2015-03-01")


def test_sqlite_keeps_the_latest_bound(dataset: Dataset, tmp_path: Path) -> None:
    """SQLite has ``*_latest`` columns: set for bounded dates, NULL otherwise."""
    path = export.to_sqlite(dataset, tmp_path / "data.sqlite")
    connection = sqlite3.connect(path)
    try:
        founded = dict(connection.execute("SELECT id, founded_latest FROM organisations").fetchall())
        assert founded == {"aioti": None, "commission": None, "dg-connect": "2012-07", "itac": None}
        start = connection.execute(
            "SELECT start, start_latest FROM relations WHERE key = 'mechthild-rohen:works_for:dg-connect'"
        ).fetchone()
        assert start == ("2014", "2015-03-01")
        published = connection.execute("SELECT published_latest FROM sources WHERE id = 'aioti-site'").fetchone()
        assert published == ("2016-06",)
    finally:
        connection.close()


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_states_the_latest_bound_typed_by_precision(dataset: Dataset, fmt: str) -> None:
    """rdflib reads ``eic:*_latest`` beside the date, on entities, sources and reified relations, typed by precision."""
    graph = _rdf_graph(dataset, fmt)
    founded = graph.value(ID["dg-connect"], EIC.founded_latest)
    assert (str(founded), str(founded.datatype)) == ("2012-07", str(XSD.gYearMonth))
    published = graph.value(ID["aioti-site"], EIC.published_latest)
    assert (str(published), str(published.datatype)) == ("2016-06", str(XSD.gYearMonth))
    start = graph.value(REL["mechthild-rohen:works_for:dg-connect"], EIC.start_latest)
    assert (str(start), str(start.datatype)) == ("2015-03-01", str(XSD.date))
    assert graph.value(ID["aioti"], EIC.founded_latest) is None
    assert len(list(graph.subject_objects(EIC.founded_latest))) == 1


# --- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "graphml", "jsonld", "turtle"])
def test_text_exports_are_byte_identical(dataset: Dataset, fmt: str, tmp_path: Path) -> None:
    """Exporting twice gives the same bytes."""
    writer = getattr(export, f"to_{fmt}")
    writer(dataset, tmp_path / "a")
    writer(dataset, tmp_path / "b")
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()


def test_csv_and_sqlite_are_byte_identical(dataset: Dataset, tmp_path: Path) -> None:
    """CSV directories and SQLite files exported twice are byte for byte the same."""
    for run in ("a", "b"):
        export.to_csv(dataset, tmp_path / run / "csv")
        export.to_sqlite(dataset, tmp_path / run / "data.sqlite")
    for name in ("entities.csv", "relations.csv", "citations.csv", "sources.csv", "figures.csv", "redirects.csv"):
        assert (tmp_path / "a" / "csv" / name).read_bytes() == (tmp_path / "b" / "csv" / name).read_bytes()
    assert (tmp_path / "a" / "data.sqlite").read_bytes() == (tmp_path / "b" / "data.sqlite").read_bytes()


def test_output_does_not_depend_on_record_order(dataset: Dataset) -> None:
    """Shuffled records give the same export: output is sorted, not in input order."""
    from eu_iot_coop import Records

    records = dataset.records
    reversed_records = Records(
        sources=records.sources[::-1],
        entities=records.entities[::-1],
        relations=records.relations[::-1],
        figures=records.figures[::-1],
        redirects=records.redirects[::-1],
    )
    other = Dataset(reversed_records, data_version=dataset.data_version)
    assert export.to_turtle(other) == export.to_turtle(dataset)
    assert export.to_graphml(other) == export.to_graphml(dataset)
    assert export.to_json(other) == export.to_json(dataset)


def test_partial_dates_get_matching_xsd_types(dataset: Dataset) -> None:
    """Year, month and day dates are typed gYear, gYearMonth and date."""
    from eu_iot_coop.export._rdf import date_literal

    assert date_literal(PartialDate.parse("2015")).datatype == "xsd:gYear"
    assert date_literal(PartialDate.parse("2015-10")).datatype == "xsd:gYearMonth"
    assert date_literal(PartialDate.parse("2015-10-01")).datatype == "xsd:date"
    graph = _rdf_graph(dataset, "turtle")
    assert str(graph.value(ID["itac"], EIC.founded_date).datatype).endswith("#gYearMonth")


def test_exports_do_not_import_rdflib_or_networkx(imported_after: dict[str, frozenset[str]]) -> None:
    """Exporting needs neither rdflib nor networkx: a fresh interpreter that wrote every export never imported them."""
    assert "eu_iot_coop.export._rdf" in imported_after["export"]  # the stage really exported
    assert imported_after["export"] & {"rdflib", "networkx"} == set()


# --- the bundled data -----------------------------------------------------------------------------


def test_bundled_relations_keep_their_citations_in_turtle() -> None:
    """On the bundled data, every relation is reified in Turtle with all its citation locators."""
    import eu_iot_coop

    dataset = eu_iot_coop.load()
    graph = Graph().parse(data=export.to_turtle(dataset), format="turtle")
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) == len(dataset.records.relations)
    for relation in dataset.records.relations:
        nodes = list(graph.objects(REL[relation.key], EIC.citation))
        found = sorted((str(graph.value(n, DCTERMS.source)), str(graph.value(n, EIC.locator))) for n in nodes)
        assert found == sorted((str(ID[c.source]), c.locator) for c in relation.citations)


@pytest.mark.slow
def test_exports_are_identical_across_processes() -> None:
    """Two interpreters with different hash seeds write the same bytes for every text export and drawing."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, eu_iot_coop; from eu_iot_coop import export;"
        "from eu_iot_coop._draw import focus_svg, overview_svg;"
        "ds = eu_iot_coop.load();"
        "texts = [export.to_json(ds), export.to_graphml(ds), export.to_jsonld(ds), export.to_turtle(ds),"
        " focus_svg(ds, around='ITAC', depth=2), overview_svg(ds)];"
        "print([hashlib.sha256(t.encode()).hexdigest() for t in texts])"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    # Six digests were printed, so the comparison was not between two empty outputs.
    assert outputs[0].count("'") == 12


def test_bundled_sides_and_series_are_links_in_turtle() -> None:
    """A relation's side and a meeting's series are written as the entities' IRIs, a round as a whole number."""
    import eu_iot_coop

    dataset = eu_iot_coop.load()
    graph = Graph().parse(data=export.to_turtle(dataset), format="turtle")
    sided = [r for r in dataset.records.relations if r.on_behalf_of is not None]
    assert sided
    for relation in sided:
        assert graph.value(REL[relation.key], EIC.on_behalf_of) == ID[relation.on_behalf_of]
    meeting = ID["japan-eu-ict-policy-dialogue-21"]
    assert graph.value(meeting, EIC.series) == ID["eu-japan-ict-dialogue"]
    assert graph.value(meeting, EIC.round).toPython() == 21
