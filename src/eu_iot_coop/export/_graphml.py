"""GraphML written with the standard library's XML writer: entities as nodes, relations as edges; or the actors'
network, actors as nodes and the records they share as weighted edges.

The attributes are those of ``Dataset.to_networkx()`` (``_query._attributes``), so the two agree.
Figures, redirects and variants are not part of the graph and are left out: the JSON, CSV, SQLite
and RDF exports carry them. The graph carries the provenance and the sources as attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Final

from eu_iot_coop._present import xml_safe
from eu_iot_coop._query import (
    ACTOR_EDGE_ATTRIBUTES,
    ACTOR_GRAPH_ATTRIBUTES,
    GRAPH_ATTRIBUTES,
    ActorNetwork,
    Column,
    ColumnType,
    Dataset,
    actor_edge_attributes,
    actor_graph_attributes,
    edge_attributes,
    edge_columns,
    graph_attributes,
    node_attributes,
    node_columns,
)

_NAMESPACE: Final = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_TYPES: Final[dict[ColumnType, str]] = {
    "text": "string",
    "list": "string",
    "boolean": "boolean",
    "integer": "long",
    "number": "double",
}


def _text(value: str | bool | int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _key(root: ET.Element, target: str, name: str, graphml_type: str) -> None:
    attributes = {"id": f"{target[0]}_{name}", "for": target, "attr.name": name, "attr.type": graphml_type}
    ET.SubElement(root, "key", attributes)


def _declare(root: ET.Element, target: str, selected: Sequence[Column], extra: Sequence[str]) -> None:
    for column in selected:
        _key(root, target, column.name, _GRAPHML_TYPES[column.type])
    for name in extra:
        _key(root, target, name, "string")


def _data(element: ET.Element, target: str, attributes: Mapping[str, str | bool | int | float]) -> None:
    for name, value in attributes.items():
        ET.SubElement(element, "data", {"key": f"{target[0]}_{name}"}).text = _text(value)


def _typed(root: ET.Element, target: str, declared: Sequence[tuple[str, ColumnType]]) -> None:
    for name, column_type in declared:
        _key(root, target, name, _GRAPHML_TYPES[column_type])


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(ET.tostring(root, encoding="unicode")) + "\n"


def actors_graphml(network: ActorNetwork) -> str:
    """The actors' network as a GraphML document: an undirected graph, edges weighted."""
    root = ET.Element("graphml", {"xmlns": _NAMESPACE})
    _typed(root, "graph", ACTOR_GRAPH_ATTRIBUTES)
    _declare(root, "node", node_columns(), ("citations",))
    _typed(root, "edge", ACTOR_EDGE_ATTRIBUTES)
    graph = ET.SubElement(root, "graph", {"id": "eu-iot-coop-actors", "edgedefault": "undirected"})
    _data(graph, "graph", actor_graph_attributes(network))
    for actor in network.actors:
        _data(ET.SubElement(graph, "node", {"id": actor.id}), "node", node_attributes(actor))
    for edge in network.edges:
        first, second = edge.actors
        element = ET.SubElement(graph, "edge", {"id": f"{first}:{second}", "source": first, "target": second})
        _data(element, "edge", actor_edge_attributes(edge))
    return _document(root)


def graphml(dataset: Dataset) -> str:
    """The cooperation network as a GraphML document."""
    root = ET.Element("graphml", {"xmlns": _NAMESPACE})
    _declare(root, "graph", (), GRAPH_ATTRIBUTES)
    _declare(root, "node", node_columns(), ("citations",))
    _declare(root, "edge", edge_columns(), ("key", "citations"))
    graph = ET.SubElement(root, "graph", {"id": "eu-iot-coop", "edgedefault": "directed"})
    _data(graph, "graph", graph_attributes(dataset.provenance(), dataset.records.sources))
    for entity in dataset.records.entities:
        _data(ET.SubElement(graph, "node", {"id": entity.id}), "node", node_attributes(entity))
    for relation in dataset.records.relations:
        edge = ET.SubElement(graph, "edge", {"id": relation.key, "source": relation.subject, "target": relation.object})
        _data(edge, "edge", edge_attributes(relation))
    return _document(root)
