"""The dataset and its actors' network as networkx graphs, for users who bring networkx (the ``graph`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._attributes import (
    actor_edge_attributes,
    actor_graph_attributes,
    edge_attributes,
    graph_attributes,
    node_attributes,
)
from ._optional import optional_module

if TYPE_CHECKING:
    from ._actors import ActorNetwork
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


def actors_to_networkx(network: ActorNetwork) -> Any:
    """A ``Graph`` of the actors' network with the attributes of its GraphML export: nodes are ids."""
    networkx = optional_module(
        "networkx", feature="ActorNetwork.to_networkx()", requirement="networkx>=3.2", extra="graph"
    )
    graph = networkx.Graph(**actor_graph_attributes(network))
    graph.add_nodes_from((actor.id, node_attributes(actor)) for actor in network.actors)
    graph.add_edges_from((*edge.actors, actor_edge_attributes(edge)) for edge in network.edges)
    return graph
