"""The record types: one entry per type of record, carrying every fact the package needs about it.

A record type is named by the ``kind`` its data file declares (``organisation``,
``source``, ``relation``, ...), kept in its own data file and held by one class.
Entity kinds carry more: the colour drawings give them, where search ranks them
on equal scores, and the standard RDF classes they also belong to. Adding a kind
is its class (with its :class:`Kind` member) and one entry in :data:`ENTITY_KINDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from ._records import (
    Agreement,
    Document,
    Entity,
    Event,
    Figure,
    Kind,
    Organisation,
    Person,
    Place,
    Programme,
    Project,
    Redirect,
    Relation,
    Source,
    Standard,
    Topic,
    Variant,
)


class RecordType(NamedTuple):
    """A type of record: the ``kind`` its data file declares, its class, and its name in the plural.

    The tables of record types are named tuples, not attrs classes, for the reason the vocabulary's are
    (:class:`~._vocabulary.Predicate`): they are made at import, by every process.
    """

    label: str
    cls: type[Any]
    #: How pages and file names say "records of this type": ``people``, ``sources``; the data file is
    #: ``<plural>.json`` (:data:`FILE_NAMES`).
    plural: str


class EntityKind(NamedTuple):
    """A kind of entity: a record type that is a node of the graph, drawn, ranked and typed in RDF.

    Its first three fields are a :class:`RecordType`'s.
    """

    label: str
    cls: type[Entity]
    plural: str
    #: Its fill in every drawing and legend (the Tableau 10 palette, readable on white and for most colour-blind
    #: readers).
    colour: str
    #: Where search puts it on equal scores, lowest first: actors and places, then activities and subjects, then
    #: texts.
    search_rank: int
    #: Standard RDF classes its entities also belong to, beside ``eic:<Kind>`` and ``prov:Entity``.
    rdf_types: tuple[str, ...]
    #: The columns ``list`` shows for it by default, by name (``_query._listing.LIST_COLUMNS``).
    list_columns: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        """The member of :class:`Kind` its class declares."""
        return self.cls.kind

    @property
    def rdf_class(self) -> str:
        """The package's own RDF class for it: ``eic:Organisation``."""
        return f"eic:{self.label.capitalize()}"


def _entity(
    cls: type[Entity],
    plural: str,
    colour: str,
    search_rank: int,
    *rdf_types: str,
    columns: tuple[str, ...] = ("start",),
) -> EntityKind:
    return EntityKind(
        label=cls.kind.value,
        cls=cls,
        plural=plural,
        colour=colour,
        search_rank=search_rank,
        rdf_types=rdf_types,
        list_columns=columns,
    )


#: Every entity kind, in the order of :class:`Kind`.
ENTITY_KINDS: Final[tuple[EntityKind, ...]] = (
    _entity(Organisation, "organisations", "#4e79a7", 0, "org:Organization", columns=("start", "countries")),
    _entity(Person, "people", "#f28e2b", 0, "foaf:Person", columns=("roles",)),
    _entity(Place, "places", "#59a14f", 0, "dcterms:Location"),
    _entity(Agreement, "agreements", "#e15759", 2, columns=("start", "parties")),
    _entity(Document, "documents", "#76b7b2", 2, "foaf:Document"),
    _entity(Programme, "programmes", "#edc948", 1, columns=("period", "coordinator")),
    _entity(Project, "projects", "#b07aa1", 1, columns=("period", "coordinator", "budget", "countries")),
    _entity(Standard, "standards", "#ff9da7", 1),
    _entity(Event, "events", "#9c755f", 1, columns=("start", "place", "organisers")),
    _entity(Topic, "topics", "#bab0ac", 1),
)

#: Every record type in a fixed order: sources, the entity kinds, relations, figures, redirects, variants.
RECORD_KINDS: Final[tuple[RecordType | EntityKind, ...]] = (
    RecordType(label="source", cls=Source, plural="sources"),
    *ENTITY_KINDS,
    RecordType(label="relation", cls=Relation, plural="relations"),
    RecordType(label="figure", cls=Figure, plural="figures"),
    RecordType(label="redirect", cls=Redirect, plural="redirects"),
    RecordType(label="variant", cls=Variant, plural="variants"),
)

#: Each entity kind's entry.
KINDS: Final[Mapping[Kind, EntityKind]] = MappingProxyType({entry.kind: entry for entry in ENTITY_KINDS})
#: Each entity kind's class.
ENTITY_CLASSES: Final[Mapping[Kind, type[Entity]]] = MappingProxyType({entry.kind: entry.cls for entry in ENTITY_KINDS})
#: Every value of a data file's ``kind`` key and the record class it holds.
RECORD_CLASSES: Final[Mapping[str, type[Any]]] = MappingProxyType({entry.label: entry.cls for entry in RECORD_KINDS})
#: The data file each record type is kept in, by the ``kind`` a data file declares.
FILE_NAMES: Final[Mapping[str, str]] = MappingProxyType({entry.label: f"{entry.plural}.json" for entry in RECORD_KINDS})
#: Every record type's label, in the order of :data:`RECORD_KINDS`.
RECORD_TYPES: Final[tuple[str, ...]] = tuple(entry.label for entry in RECORD_KINDS)
