"""Every export says where it comes from (data version, fingerprint, package version, sources), read by real parsers."""

from __future__ import annotations

import csv
import json
import sqlite3
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given

import eu_iot_coop
from eu_iot_coop import Dataset, Provenance, export

from ..profiles import examples
from ..sample_graph import sample_dataset
from ..strategies import datasets

rdflib = pytest.importorskip("rdflib")
from rdflib import RDF, Graph, Literal, URIRef  # noqa: E402

from .namespaces import DCAT, DCTERMS, EIC, ID, ORG, OWL, PROV  # noqa: E402


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The hand-made sample dataset."""
    return sample_dataset()


@pytest.fixture(scope="module")
def provenance(dataset: Dataset) -> Provenance:
    """The sample's provenance, as every export must state it."""
    return dataset.provenance()


def _rdf(dataset: Dataset, fmt: str) -> Graph:
    if fmt == "turtle":
        return Graph().parse(data=export.to_turtle(dataset), format="turtle")
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=export.to_jsonld(dataset), format="json-ld")


def test_provenance_is_the_manifest_and_the_package(dataset: Dataset, provenance: Provenance) -> None:
    """The provenance repeats the manifest's version and fingerprint and adds the package's version."""
    manifest = dataset.manifest()
    assert (provenance.data_version, provenance.fingerprint) == (manifest.data_version, manifest.fingerprint)
    assert provenance.package_version == eu_iot_coop.__version__
    assert manifest.provenance() == provenance
    assert list(provenance.to_json()) == ["data_version", "fingerprint", "package_version"]


def test_json_starts_with_the_provenance(dataset: Dataset, provenance: Provenance) -> None:
    """The JSON document's first keys are the provenance; its sources are every source."""
    document = json.loads(export.to_json(dataset))
    assert list(document)[:3] == ["data_version", "fingerprint", "package_version"]
    assert {key: document[key] for key in provenance.to_json()} == provenance.to_json()
    assert [source["id"] for source in document["sources"]] == [s.id for s in dataset.records.sources]


def test_csv_metadata_describes_every_table(dataset: Dataset, provenance: Provenance, tmp_path: Path) -> None:
    """metadata.json beside the CSV files holds the provenance and each file's columns and row count."""
    export.to_csv(dataset, tmp_path)
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert {key: metadata[key] for key in provenance.to_json()} == provenance.to_json()
    assert sorted(table["url"] for table in metadata["tables"]) == sorted(p.name for p in tmp_path.glob("*.csv"))
    for table in metadata["tables"]:
        with (tmp_path / table["url"]).open(encoding="utf-8", newline="") as handle:
            header, *rows = csv.reader(handle)
        assert table["columns"] == header
        assert table["rows"] == len(rows)


def test_graphml_declares_and_holds_the_provenance(dataset: Dataset, provenance: Provenance, tmp_path: Path) -> None:
    """The graph's attributes are declared keys (for="graph") that networkx reads into graph.graph."""
    path = tmp_path / "graph.graphml"
    export.to_graphml(dataset, path)
    namespace = {"g": "http://graphml.graphdrawing.org/xmlns"}
    declared = {key.get("attr.name") for key in ET.parse(path).getroot().findall("g:key[@for='graph']", namespace)}
    assert declared == {"data_version", "fingerprint", "package_version", "sources"}
    graph = nx.read_graphml(path, force_multigraph=True)
    assert {key: graph.graph[key] for key in provenance.to_json()} == provenance.to_json()
    sources = json.loads(graph.graph["sources"])
    assert [(s["id"], s["url"]) for s in sources] == [(s.id, s.url) for s in dataset.records.sources]


def test_sqlite_meta_and_relation_indexes(dataset: Dataset, provenance: Provenance, tmp_path: Path) -> None:
    """The meta table holds the provenance; relations are indexed by subject, object and predicate."""
    path = export.to_sqlite(dataset, tmp_path / "data.sqlite")
    connection = sqlite3.connect(path)
    try:
        assert dict(connection.execute("SELECT key, value FROM meta").fetchall()) == provenance.to_json()
        indexed = {
            row[0]
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'relations'"
            )
            if not name.startswith("sqlite_autoindex")
            for row in connection.execute(f"SELECT name FROM pragma_index_info('{name}')")
        }
        assert indexed == {"subject", "object", "predicate"}
        plan = connection.execute("EXPLAIN QUERY PLAN SELECT * FROM relations WHERE object = 'aioti'").fetchall()
        assert any("relations_object" in str(step) for step in plan)
    finally:
        connection.close()


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_dataset_node(dataset: Dataset, provenance: Provenance, fmt: str) -> None:
    """One dcat:Dataset: owl:versionInfo, the fingerprint literal, the package as a PROV software agent, the sources."""
    graph = _rdf(dataset, fmt)
    (node,) = graph.subjects(RDF.type, DCAT.Dataset)
    assert str(node) == f"https://w3id.org/eu-iot-coop/dataset/{provenance.fingerprint}"
    assert graph.value(node, OWL.versionInfo) == Literal(provenance.data_version)
    assert graph.value(node, EIC.fingerprint) == Literal(provenance.fingerprint)
    versions = graph.query(
        "SELECT ?version WHERE { ?d prov:wasGeneratedBy/prov:wasAssociatedWith ?agent ."
        " ?agent a prov:SoftwareAgent ; owl:versionInfo ?version }",
        initNs={"prov": PROV, "owl": OWL},
        initBindings={"d": node},
    )
    assert [str(row[0]) for row in versions] == [provenance.package_version]
    derived = set(graph.objects(node, PROV.wasDerivedFrom))
    assert derived == {ID[s.id] for s in dataset.records.sources}


def _property_kinds(graph: Graph) -> dict[URIRef, set[str]]:
    kinds: dict[URIRef, set[str]] = {}
    for _, predicate, value in graph:
        if str(predicate).startswith(str(EIC)):
            kinds.setdefault(predicate, set()).add("literal" if isinstance(value, Literal) else "resource")
    return kinds


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_every_eic_property_has_one_kind_of_object(dataset: Dataset, fmt: str) -> None:
    """No eic: property points both to literals (a date) and to resources (an entity)."""
    mixed = {str(p): kinds for p, kinds in _property_kinds(_rdf(dataset, fmt)).items() if len(kinds) > 1}
    assert mixed == {}


@examples(0.4)
@given(datasets())
def test_every_eic_property_has_one_kind_of_object_on_any_dataset(dataset: Dataset) -> None:
    """On generated datasets too, each eic: property has only literals or only resources as objects."""
    assert all(len(kinds) == 1 for kinds in _property_kinds(_rdf(dataset, "turtle")).values())


def test_bundled_founders_and_publishers_point_only_to_entities() -> None:
    """SPARQL on the bundled data: eic:founded and eic:published have only entities as objects; dates use *_date."""
    graph = _rdf(eu_iot_coop.load(), "turtle")
    for predicate in ("founded", "published"):
        not_entities = graph.query(
            f"SELECT ?s ?o WHERE {{ ?s eic:{predicate} ?o . FILTER NOT EXISTS {{ ?o dcterms:identifier ?id }} }}",
            initNs={"eic": EIC, "dcterms": DCTERMS},
        )
        assert list(not_entities) == []
        literals = graph.query(
            f"SELECT ?o WHERE {{ ?s eic:{predicate} ?o . FILTER isLiteral(?o) }}", initNs={"eic": EIC}
        )
        assert list(literals) == []
    founded = graph.query(
        "SELECT (COUNT(?d) AS ?n) WHERE { ?s eic:founded_date ?d . FILTER isLiteral(?d) }", initNs={"eic": EIC}
    )
    assert int(next(iter(founded))[0]) > 0
    kinds = _property_kinds(graph)
    assert kinds
    assert all(len(found) == 1 for found in kinds.values())


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_membership_is_stated_both_ways(dataset: Dataset, fmt: str) -> None:
    """Each org:memberOf has its org:hasMember, and the other way round."""
    graph = _rdf(dataset, fmt)
    member_of = set(graph.subject_objects(ORG.memberOf))
    has_member = {(member, body) for body, member in graph.subject_objects(ORG.hasMember)}
    assert member_of
    assert member_of == has_member
    assert (ID["dg-connect"], ORG.hasMember, ID["mechthild-rohen"]) in graph
