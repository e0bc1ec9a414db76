"""GraphML written with the standard library's XML writer: entities as nodes, relations as edges; or the actors'
network, actors as nodes and the records they share as weighted edges.

The attributes are those of ``Dataset.to_networkx()`` (``_query._attributes``), so the two agree.
Figures, redirects and variants are not part of the graph and are left out: the JSON, CSV, SQLite
and RDF exports carry them. The graph carries the provenance and the sources as attributes.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
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


_HEADER: Final = '<?xml version="1.0" encoding="UTF-8"?>\n'
#: Stands, while the frame of the document is serialised, where the streamed elements go.
_PLACE: Final = "eic-streamed-elements"
#: What goes before each node and edge: they sit two levels down, in <graph> in <graphml>.
_BEFORE_ELEMENT: Final = "\n" + "  " * 2


def _document_chunks(root: ET.Element, graph: ET.Element, elements: Iterable[ET.Element]) -> Iterator[str]:
    """The document *root* as ``ET.indent`` and ``ET.tostring`` would write it with *elements* appended to *graph*,
    in chunks: the frame, then each element as it is made, so that only one exists at a time."""
    ET.SubElement(graph, _PLACE)
    ET.indent(root)
    head, tail = ET.tostring(root, encoding="unicode").split(f"<{_PLACE} />")
    root.clear()  # the frame is text now: its elements (the sources' attribute among them) need not stay
    yield xml_safe(_HEADER + head.removesuffix(_BEFORE_ELEMENT))
    del head
    for element in elements:
        ET.indent(element, level=2)
        yield xml_safe(_BEFORE_ELEMENT + ET.tostring(element, encoding="unicode"))
    yield xml_safe(tail) + "\n"


def _element(
    tag: str, attributes: dict[str, str], target: str, data: Mapping[str, str | bool | int | float]
) -> ET.Element:
    element = ET.Element(tag, attributes)
    _data(element, target, data)
    return element


def actors_graphml_chunks(network: ActorNetwork) -> Iterator[str]:
    """The actors' network as a GraphML document, in chunks: an undirected graph, edges weighted."""
    root = ET.Element("graphml", {"xmlns": _NAMESPACE})
    _typed(root, "graph", ACTOR_GRAPH_ATTRIBUTES)
    _declare(root, "node", node_columns(), ("citations",))
    _typed(root, "edge", ACTOR_EDGE_ATTRIBUTES)
    graph = ET.SubElement(root, "graph", {"id": "eu-iot-coop-actors", "edgedefault": "undirected"})
    _data(graph, "graph", actor_graph_attributes(network))
    nodes = (_element("node", {"id": actor.id}, "node", node_attributes(actor)) for actor in network.actors)
    edges = (
        _element(
            "edge", {"id": f"{first}:{second}", "source": first, "target": second}, "edge", actor_edge_attributes(edge)
        )
        for edge in network.edges
        for first, second in (edge.actors,)
    )
    return _document_chunks(root, graph, itertools.chain(nodes, edges))


def graphml_chunks(dataset: Dataset) -> Iterator[str]:
    """The cooperation network as a GraphML document, in chunks, one node or edge at a time."""
    root = ET.Element("graphml", {"xmlns": _NAMESPACE})
    _declare(root, "graph", (), GRAPH_ATTRIBUTES)
    _declare(root, "node", node_columns(), ("citations",))
    _declare(root, "edge", edge_columns(), ("key", "citations"))
    graph = ET.SubElement(root, "graph", {"id": "eu-iot-coop", "edgedefault": "directed"})
    _data(graph, "graph", graph_attributes(dataset.provenance(), dataset.records.sources))
    nodes = (_element("node", {"id": e.id}, "node", node_attributes(e)) for e in dataset.records.entities)
    edges = (
        _element("edge", {"id": r.key, "source": r.subject, "target": r.object}, "edge", edge_attributes(r))
        for r in dataset.records.relations
    )
    return _document_chunks(root, graph, itertools.chain(nodes, edges))


def actors_graphml(network: ActorNetwork) -> str:
    """:func:`actors_graphml_chunks` as one text."""
    return "".join(actors_graphml_chunks(network))


def graphml(dataset: Dataset) -> str:
    """:func:`graphml_chunks` as one text."""
    return "".join(graphml_chunks(dataset))
