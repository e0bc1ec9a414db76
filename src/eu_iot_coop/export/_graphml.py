"""GraphML written with the standard library's XML writer: entities as nodes, relations as edges.

Figures, sources, redirects and variants are not part of the graph and are left out: the JSON,
CSV, SQLite and RDF exports carry them.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Final

from eu_iot_coop._model import Citation, Relation
from eu_iot_coop._query import Dataset

from ._tabular import Column, ColumnType, Value, columns, entity_columns, row

_NAMESPACE: Final = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_TYPES: Final[dict[ColumnType, str]] = {
    "text": "string",
    "list": "string",
    "boolean": "boolean",
    "integer": "long",
    "number": "double",
}


def _citations_text(citations: tuple[Citation, ...]) -> str:
    # JSON keeps each locator intact, whatever punctuation it holds.
    return json.dumps([{"source": c.source, "locator": c.locator} for c in citations], ensure_ascii=False)


def _text(value: Value) -> str | None:
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _declare(root: ET.Element, target: str, prefix: str, selected: Sequence[Column]) -> None:
    for column in selected:
        ET.SubElement(
            root,
            "key",
            {
                "id": f"{prefix}_{column.name}",
                "for": target,
                "attr.name": column.name,
                "attr.type": _GRAPHML_TYPES[column.type],
            },
        )


def _data(element: ET.Element, prefix: str, selected: Sequence[Column], values: Sequence[Value]) -> None:
    for column, value in zip(selected, values, strict=True):
        text = _text(value)
        if text is not None:
            ET.SubElement(element, "data", {"key": f"{prefix}_{column.name}"}).text = text


def graphml(dataset: Dataset) -> str:
    """The cooperation network as a GraphML document."""
    node_columns = entity_columns()
    edge_columns = tuple(column for column in columns(Relation) if column.name not in {"subject", "object"})
    root = ET.Element("graphml", {"xmlns": _NAMESPACE})
    _declare(root, "node", "n", node_columns)
    ET.SubElement(root, "key", {"id": "n_citations", "for": "node", "attr.name": "citations", "attr.type": "string"})
    _declare(root, "edge", "e", edge_columns)
    ET.SubElement(root, "key", {"id": "e_key", "for": "edge", "attr.name": "key", "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "e_citations", "for": "edge", "attr.name": "citations", "attr.type": "string"})
    graph = ET.SubElement(root, "graph", {"id": "eu-iot-coop", "edgedefault": "directed"})
    for entity in dataset.records.entities:
        node = ET.SubElement(graph, "node", {"id": entity.id})
        _data(node, "n", node_columns, row(entity, node_columns))
        ET.SubElement(node, "data", {"key": "n_citations"}).text = _citations_text(entity.citations)
    for relation in dataset.records.relations:
        edge = ET.SubElement(graph, "edge", {"id": relation.key, "source": relation.subject, "target": relation.object})
        _data(edge, "e", edge_columns, row(relation, edge_columns))
        ET.SubElement(edge, "data", {"key": "e_key"}).text = relation.key
        ET.SubElement(edge, "data", {"key": "e_citations"}).text = _citations_text(relation.citations)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
