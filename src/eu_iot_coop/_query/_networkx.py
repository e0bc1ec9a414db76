"""The dataset as a networkx graph, for users who bring networkx (the ``graph`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._attributes import edge_attributes, graph_attributes, node_attributes
from ._optional import optional_module

if TYPE_CHECKING:
    from ._dataset import Dataset


def to_networkx(dataset: Dataset) -> Any:
    """A ``MultiDiGraph`` with the attributes of the GraphML export: nodes are ids, edges keyed by predicate."""
    networkx = optional_module("networkx", feature="to_networkx()", requirement="networkx>=3.2", extra="graph")
    records = dataset.records
    graph = networkx.MultiDiGraph(**graph_attributes(dataset.provenance(), records.sources))
    graph.add_nodes_from((entity.id, node_attributes(entity)) for entity in records.entities)
    graph.add_edges_from(
        (relation.subject, relation.object, relation.predicate, edge_attributes(relation))
        for relation in records.relations
    )
    return graph
