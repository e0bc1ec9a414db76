"""Names in other languages and identifiers in every export, read back with real parsers (issue 19).

JSON round-trips them whole; CSV, SQLite and GraphML hold each as one JSON text column or attribute, as the
data files write it; RDF states each name as a language-tagged ``skos:altLabel`` and each identifier as a
node with its scheme, value, registry address and citations.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import warnings
from typing import Any

import networkx as nx
import pytest
from hypothesis import given

from eu_iot_coop import Dataset, export
from eu_iot_coop import strategies as eis
from eu_iot_coop._model import SCHEMES_BY_NAME, Entity
from eu_iot_coop._query import table_name

from ..profiles import examples

rdflib = pytest.importorskip("rdflib")
from rdflib import Literal, Namespace  # noqa: E402

from .namespaces import EIC, ID  # noqa: E402

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDF_VALUE = rdflib.RDF.value


def _as_data(entity: Entity, field: str) -> list[dict[str, Any]]:
    return [
        {
            **{k: getattr(item, k) for k in ("name", "language", "scheme", "value") if hasattr(item, k)},
            "citations": [{"source": c.source, "locator": c.locator} for c in item.citations],
        }
        for item in getattr(entity, field)
    ]


def _with_names(dataset: Dataset) -> list[Entity]:
    return [e for e in dataset.records.entities if e.names_in_languages or e.identifiers]


@examples(0.5)
@given(dataset=eis.datasets())
def test_json_export_round_trips_names_and_identifiers(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset
) -> None:
    path = tmp_path_factory.mktemp("json") / "export.json"
    export.to_json(dataset, path)
    back = Dataset.from_export(path)
    for entity in dataset.records.entities:
        again = back.get(entity.id)
        assert again.names_in_languages == entity.names_in_languages
        assert again.identifiers == entity.identifiers


@examples(0.3)
@given(dataset=eis.datasets())
def test_csv_sqlite_and_graphml_hold_them_as_json(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> None:
    folder = tmp_path_factory.mktemp("tables")
    export.to_csv(dataset, folder / "csv")
    with (folder / "csv" / "entities.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    export.to_sqlite(dataset, folder / "db.sqlite")
    export.to_graphml(dataset, folder / "graph.graphml")
    graph = nx.read_graphml(folder / "graph.graphml")
    # closing(): the connection's own context manager only commits, and Python 3.13 warns of a connection left open.
    with contextlib.closing(sqlite3.connect(folder / "db.sqlite")) as connection:
        for entity in dataset.records.entities:
            table = table_name(entity.kind.value)
            query = f"SELECT names_in_languages, identifiers FROM {table} WHERE id = ?"
            stored = connection.execute(query, (entity.id,)).fetchone()
            for position, field in enumerate(("names_in_languages", "identifiers")):
                expected = _as_data(entity, field)
                cell = rows[entity.id][field]
                attribute = graph.nodes[entity.id].get(field)
                if not expected:
                    assert cell == ""
                    assert stored[position] is None
                    assert attribute is None
                    continue
                assert json.loads(cell.removeprefix("'")) == expected
                assert json.loads(stored[position]) == expected
                assert json.loads(attribute) == expected


def _rdf(dataset: Dataset, fmt: str) -> Any:
    if fmt == "turtle":
        return rdflib.Graph().parse(data=export.to_turtle(dataset), format="turtle")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return rdflib.Graph().parse(data=export.to_jsonld(dataset), format="json-ld")


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
@examples(0.3)
@given(dataset=eis.datasets())
def test_rdf_states_tagged_labels_and_identifier_nodes(fmt: str, dataset: Dataset) -> None:
    graph = _rdf(dataset, fmt)
    for entity in _with_names(dataset):
        subject = ID[entity.id]
        labels = set(graph.objects(subject, SKOS.altLabel))
        for tagged in entity.names_in_languages:
            assert Literal(tagged.name, lang=tagged.language) in labels
        nodes = list(graph.objects(subject, EIC.identifier))
        assert len(nodes) == len(entity.identifiers)
        stated = {(str(graph.value(n, EIC.scheme)), str(graph.value(n, RDF_VALUE))) for n in nodes}
        assert stated == {(i.scheme, i.value) for i in entity.identifiers}
        for node in nodes:
            scheme = SCHEMES_BY_NAME[str(graph.value(node, EIC.scheme))]
            address = graph.value(node, EIC.url)
            assert (None if address is None else str(address)) == scheme.link(str(graph.value(node, RDF_VALUE)))
