"""The lookup indexes of a dataset, built once, in one linear pass over its records.

Building uses plain dicts and lists and freezes lists into tuples at the end;
the dicts stay private to :class:`Index` and are never handed out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, TypeVar

from eu_iot_coop._gc import collector_paused
from eu_iot_coop._model import PREDICATES, Entity, Figure, Kind, Lookup, Relation, Variant, lookups

from ._results import Neighbour, Results, results_type

if TYPE_CHECKING:
    from eu_iot_coop._model import Records

    from ._search import SearchIndex

_K = TypeVar("_K")
_V = TypeVar("_V")

#: Every accepted predicate name mapped to the same fact read from the other end.
FLIP: dict[str, str] = {
    **{p.name: p.inverse for p in PREDICATES},
    **{p.inverse: p.name for p in PREDICATES},
}
_INVERSE: dict[str, str] = {p.name: p.inverse for p in PREDICATES}


def _frozen(groups: dict[_K, list[_V]], make: Callable[[Any], tuple[_V, ...]] = tuple) -> dict[_K, tuple[_V, ...]]:
    return {key: make(values) for key, values in groups.items()}


def _joined(
    first: dict[str, tuple[_V, ...]],
    second: dict[str, tuple[_V, ...]],
    make: Callable[[Any], tuple[_V, ...]] = tuple,
) -> dict[str, tuple[_V, ...]]:
    empty: tuple[_V, ...] = ()
    return {key: make(first.get(key, empty) + second.get(key, empty)) for key in first.keys() | second.keys()}


def _grouped(
    records: Iterable[_V], key: str, make: Callable[[Any], tuple[_V, ...]] = tuple
) -> dict[str, tuple[_V, ...]]:
    groups: dict[str, list[_V]] = {}
    for record in records:
        groups.setdefault(getattr(record, key), []).append(record)
    return _frozen(groups, make)


class Index:
    """Entities by id, kind, name and code; adjacency both ways; relations by predicate; the rest by id or subject.

    The search index is bigger and slower to build, and only searches and
    misses need it, so it is built on first use (a race only builds it twice).
    So is the adjacency: a lookup by name needs none of it.
    """

    __slots__ = (
        "_adjacency",
        "_ids_by_direction",
        "_ids_of_kinds",
        "_scans",
        "_search",
        "by_code",
        "by_kind",
        "by_name",
        "by_predicate",
        "entities",
        "figures",
        "no_results",
        "records_not_entities",
        "redirects",
        "relations",
        "replaced_by",
        "results",
        "variants",
    )

    def __init__(self, records: Records, known: tuple[Lookup, Lookup] | None = None) -> None:
        """Index *records*; *known*: their :func:`~eu_iot_coop._model.lookups`, where already made (the artefact)."""
        with collector_paused():
            self._build(records, lookups(records.entities) if known is None else known)

    def _build(self, records: Records, known: tuple[Lookup, Lookup]) -> None:
        entities = {entity.id: entity for entity in records.entities}
        self.entities: dict[str, Entity] = entities
        # The neighbour lists below are handed out as they are, so they are made shown lists here, once.
        self.results: type[Results[Any]] = results_type({source.id: source for source in records.sources})
        self.no_results: Results[Any] = self.results()
        self.relations: tuple[Relation, ...] = records.relations
        self.by_kind: dict[Kind, tuple[Entity, ...]] = _grouped(records.entities, "kind")  # type: ignore[assignment]
        self.by_name, self.by_code = known
        self.by_predicate: dict[str, tuple[Relation, ...]] = _grouped(records.relations, "predicate")
        self.figures: dict[str, tuple[Figure, ...]] = _grouped(records.figures, "subject", self.results)
        self.redirects = {redirect.id: redirect for redirect in records.redirects}
        self.replaced_by = {redirect.id: redirect.replaced_by for redirect in records.redirects}
        self.variants: dict[str, tuple[Variant, ...]] = _grouped(records.variants, "record", self.results)
        # Variants may be about figures and sources too, which are looked up by id alone.
        self.records_not_entities = frozenset(
            [*(figure.id for figure in records.figures), *(source.id for source in records.sources)]
        )

        self._adjacency: _Adjacency | None = None
        self._scans = 0
        self._ids_by_direction: dict[str, dict[str, tuple[str, ...]]] = {}
        self._search: SearchIndex | None = None
        self._ids_of_kinds: dict[frozenset[Kind], frozenset[str]] = {}

    @property
    def outgoing(self) -> dict[str, tuple[Neighbour, ...]]:
        """Each entity's relations read from it, as neighbours."""
        return self._adjacency_built().outgoing

    @property
    def incoming(self) -> dict[str, tuple[Neighbour, ...]]:
        """Each entity's relations read from their other end, as neighbours."""
        return self._adjacency_built().incoming

    @property
    def adjacent(self) -> dict[str, tuple[Neighbour, ...]]:
        """Each entity's relations both ways: outgoing, then incoming."""
        return self._adjacency_built().adjacent

    @property
    def by_direction(self) -> dict[str, dict[str, tuple[Neighbour, ...]]]:
        """The three adjacencies by direction: ``"out"``, ``"in"`` and ``"both"``."""
        return self._adjacency_built().by_direction

    def neighbours_of(self, entity_id: str, direction: str) -> tuple[Neighbour, ...]:
        """The neighbours of one entity in one direction (``"out"``, ``"in"`` or ``"both"``), as the adjacency has them.

        Until the adjacency is built, the first few calls find them by scanning the relations instead:
        a command that shows one entity is done long before building the adjacency would pay off.
        """
        if self._adjacency is None and self._scans < _SCANS_BEFORE_ADJACENCY:
            self._scans += 1
            ends = _ends((r for r in self.relations if entity_id in (r.subject, r.object)), self.entities)
            out = [neighbour for subject, neighbour, _, _ in ends if subject == entity_id] if direction != "in" else []
            in_ = [neighbour for _, _, object_, neighbour in ends if object_ == entity_id] if direction != "out" else []
            return self.results(out + in_) if out or in_ else self.no_results
        return self.by_direction[direction].get(entity_id, self.no_results)

    def _adjacency_built(self) -> _Adjacency:
        adjacency = self._adjacency
        if adjacency is None:
            with collector_paused():
                adjacency = self._adjacency = _Adjacency(self.relations, self.entities, self.results)
        return adjacency

    def ids_by_direction(self, direction: str) -> dict[str, tuple[str, ...]]:
        """The adjacency of one direction as bare neighbour ids, position for position; built on first use.

        Walks and paths test these ids without reading each neighbour and its entity.
        Building them with the rest added 20 to 40% to every index build, for traversals only.
        """
        found = self._ids_by_direction.get(direction)
        if found is None:
            with collector_paused():
                if direction == "both":
                    found = _joined(self.ids_by_direction("out"), self.ids_by_direction("in"))
                else:
                    found = {
                        entity_id: tuple([neighbour[1].id for neighbour in neighbours])
                        for entity_id, neighbours in self.by_direction[direction].items()
                    }
            self._ids_by_direction[direction] = found
        return found

    def ids_of_kinds(self, kinds: frozenset[Kind]) -> frozenset[str]:
        """The ids of every entity of these kinds; built once per set of kinds."""
        found = self._ids_of_kinds.get(kinds)
        if found is None:
            found = self._ids_of_kinds[kinds] = frozenset(
                entity.id for kind in kinds for entity in self.by_kind.get(kind, ())
            )
        return found

    def search_index(self) -> SearchIndex:
        """The trigram search index, built on first use."""
        if self._search is None:
            # Deliberately lazy, like the index itself: only searches and misses need it.
            from ._search import SearchIndex

            self._search = SearchIndex(self.entities.values())
        return self._search


#: Lookups of one entity's neighbours answered by a scan of the relations before the adjacency is built.
_SCANS_BEFORE_ADJACENCY: Final = 16


def _ends(relations: Iterable[Relation], entities: dict[str, Entity]) -> list[tuple[str, Neighbour, str, Neighbour]]:
    """Each relation from both ends: its subject and the neighbour seen from it, its object and the one seen from it."""
    inverse = _INVERSE
    # Skips the named tuple's Python-level __new__, once per relation end.
    make = tuple.__new__
    return [
        (
            r.subject,
            make(Neighbour, (r.predicate, entities[r.object], r)),
            r.object,
            make(Neighbour, (inverse[r.predicate], entities[r.subject], r)),
        )
        for r in relations
    ]


class _Adjacency:
    """The relations of every entity as neighbours: outgoing, incoming, both, and the three by direction."""

    __slots__ = ("adjacent", "by_direction", "incoming", "outgoing")

    def __init__(
        self, relations: tuple[Relation, ...], entities: dict[str, Entity], results: Callable[[Any], Any]
    ) -> None:
        outgoing: dict[str, list[Neighbour]] = {}
        incoming: dict[str, list[Neighbour]] = {}
        for subject, forward, object_, backward in _ends(relations, entities):
            outgoing.setdefault(subject, []).append(forward)
            incoming.setdefault(object_, []).append(backward)
        # Handed out as they are, so made shown lists here, once.
        self.outgoing: dict[str, tuple[Neighbour, ...]] = _frozen(outgoing, results)
        self.incoming: dict[str, tuple[Neighbour, ...]] = _frozen(incoming, results)
        # Walks and paths mostly go both ways: one tuple per entity saves a concatenation per step.
        self.adjacent = _joined(self.outgoing, self.incoming, results)
        # One lookup per traversal call instead of a branch on the direction.
        self.by_direction = {"out": self.outgoing, "in": self.incoming, "both": self.adjacent}
