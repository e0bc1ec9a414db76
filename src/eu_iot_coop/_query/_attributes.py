"""The network's attributes as the GraphML export and ``to_networkx()`` both carry them, defined once.

Nodes carry every entity field, edges every relation field but the two ends, plus ``key``; both
carry ``citations`` as JSON text (a list of ``source`` and ``locator`` objects), and a list field
(``aliases``) is JSON text too, so that every value is a string, boolean or number that GraphML
and GEXF can hold. An empty field is left out. The graph itself carries the provenance and the
sources (JSON text, each in the canonical form of the data files).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from eu_iot_coop._ingest import unstructure
from eu_iot_coop._model import Citation, Entity, Relation, Source, When

from ._manifest import Provenance
from ._tabular import Column, ColumnType, Value, columns, entity_columns, row

if TYPE_CHECKING:
    from ._actors import ActorEdge, ActorNetwork

#: What an attribute holds: no ``None`` and no list, which GraphML and GEXF cannot write.
AttributeValue: TypeAlias = str | bool | int | float


def node_columns() -> tuple[Column, ...]:
    """The columns of a node: every entity kind's fields, ``id`` and ``kind`` first."""
    return entity_columns()


@functools.cache
def edge_columns() -> tuple[Column, ...]:
    """The columns of an edge: a relation's fields but its subject and object, which the edge joins."""
    return tuple(column for column in columns(Relation) if column.name not in {"subject", "object"})


def citations_text(citations: Sequence[Citation]) -> str:
    """Citations as a JSON list of ``{"source", "locator"}`` objects, which keeps any punctuation a locator holds."""
    return json.dumps([{"source": c.source, "locator": c.locator} for c in citations], ensure_ascii=False)


def _attribute(value: Value) -> AttributeValue | None:
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _attributes(record: object, selected: Sequence[Column]) -> dict[str, AttributeValue]:
    values = (_attribute(value) for value in row(record, selected))
    return {column.name: value for column, value in zip(selected, values, strict=True) if value is not None}


def node_attributes(entity: Entity) -> dict[str, AttributeValue]:
    """An entity's node attributes: its non-empty fields and its citations."""
    return {**_attributes(entity, node_columns()), "citations": citations_text(entity.citations)}


def edge_attributes(relation: Relation) -> dict[str, AttributeValue]:
    """A relation's edge attributes: predicate, dates, note, ``key`` (``subject:predicate:object``), citations."""
    return {
        **_attributes(relation, edge_columns()),
        "key": relation.key,
        "citations": citations_text(relation.citations),
    }


#: The graph attributes, in the order the GraphML export declares them.
GRAPH_ATTRIBUTES = ("data_version", "fingerprint", "package_version", "sources")


def graph_attributes(provenance: Provenance, sources: Sequence[Source]) -> dict[str, AttributeValue]:
    """The graph's attributes: the provenance (no ``data_version`` when it has none) and the sources as JSON text."""
    attributes: dict[str, AttributeValue] = {
        name: value for name, value in provenance.to_json().items() if value is not None
    }
    attributes["sources"] = json.dumps([unstructure(source) for source in sources], ensure_ascii=False)
    return attributes


#: The attributes of an edge of the actors' network and their types, in the order the GraphML export declares them
#: (``weight`` a number, the rest JSON lists with one item per shared record: its id, its kind, and its own start
#: and end date or null).
ACTOR_EDGE_ATTRIBUTES: tuple[tuple[str, ColumnType], ...] = (
    ("weight", "integer"),
    ("records", "list"),
    ("kinds", "list"),
    ("starts", "list"),
    ("ends", "list"),
)


def _date_text(when: When | None) -> str | None:
    return None if when is None else str(when.date)


def actor_edge_attributes(edge: ActorEdge) -> dict[str, AttributeValue]:
    """An actors' edge's attributes: ``weight`` and, as JSON lists, the shared ``records``, their ``kinds``,
    ``starts`` and ``ends``."""
    shared = edge.shared

    def listed(values: Sequence[str | None]) -> str:
        return json.dumps(list(values), ensure_ascii=False)

    return {
        "weight": edge.weight,
        "records": listed([record.id for record in shared]),
        "kinds": listed([record.kind.value for record in shared]),
        "starts": listed([_date_text(record.start) for record in shared]),
        "ends": listed([_date_text(record.end) for record in shared]),
    }


#: The graph attributes of the actors' network, in the order the GraphML export declares them.
ACTOR_GRAPH_ATTRIBUTES: tuple[tuple[str, ColumnType], ...] = (
    ("data_version", "text"),
    ("fingerprint", "text"),
    ("package_version", "text"),
    ("people", "boolean"),
    ("as_of", "text"),
)


def actor_graph_attributes(network: ActorNetwork) -> dict[str, AttributeValue]:
    """The actors' network's attributes: the provenance, whether it holds people, and ``as_of`` when given."""
    attributes: dict[str, AttributeValue] = {
        name: value for name, value in network.provenance().to_json().items() if value is not None
    }
    attributes["people"] = network.people
    if network.as_of is not None:
        attributes["as_of"] = str(network.as_of)
    return attributes
