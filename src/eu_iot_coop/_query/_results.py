"""What queries return: search matches, neighbours, traversal steps and timeline entries.

Neighbours and steps are named tuples rather than attrs classes: traversals make
one per edge, a tuple is several times cheaper to create, and they unpack like
networkx's edge tuples (``for predicate, entity, relation in ...``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar

import attrs

from eu_iot_coop._model import (
    REPR_WIDTH,
    Entity,
    Figure,
    PartialDate,
    Relation,
    Source,
    When,
    citations_html,
    clip,
    escape,
    identity,
    record_html,
    table,
)

EventName = Literal["start", "end", "as_of"]


def _brief(record: Entity | Relation | Figure) -> str:
    # Whole records make a list of results unreadable; their identity is enough.
    if isinstance(record, Relation):
        return f"<Relation {record.key!r}>"
    return f"<{type(record).__name__} {record.id!r}>"


@attrs.frozen
class Match:
    """One search hit: the entity, how well it matched (1.0 is exact) and the name that matched."""

    entity: Entity = attrs.field(repr=_brief)
    score: float
    matched_name: str


class Neighbour(NamedTuple):
    """An adjacent entity, the predicate as read from the entity asked about, and the relation."""

    predicate: str
    entity: Entity
    relation: Relation

    def __repr__(self) -> str:
        return f"Neighbour({self.predicate!r}, {_brief(self.entity)}, {_brief(self.relation)})"


class Step(NamedTuple):
    """One edge of a walk or path: ``source --predicate--> target``, ``depth`` edges from the start.

    ``predicate`` is read from ``source``: an inverse name when the relation points the other way.
    """

    depth: int
    source: Entity
    predicate: str
    target: Entity
    relation: Relation

    def __repr__(self) -> str:
        return f"Step({self.depth}, {_brief(self.source)}, {self.predicate!r}, {_brief(self.target)})"


@attrs.frozen
class TimelineEntry:
    """A dated moment: an entity or relation starting or ending, or a figure's "as of" date."""

    date: PartialDate
    event: EventName
    record: Entity | Relation | Figure = attrs.field(repr=_brief)
    when: When = attrs.field(repr=False)


T = TypeVar("T")


class Results(tuple[T, ...]):
    """What a :class:`Dataset` method returns as a list: a plain tuple that shows itself well.

    ``repr`` is one line (the count and the first items); in a notebook it is a
    table whose citations link each source's title to its address. Each dataset
    has its own subclass (:func:`results_type`) that knows its sources, so a list
    costs no more to make than a tuple.
    """

    __slots__ = ()
    sources: ClassVar[Mapping[str, Source]] = MappingProxyType({})

    def __repr__(self) -> str:
        if not self:
            return "<0 results>"
        head = f"<{len(self)} {type(self[0]).__name__} results: "
        text = ", ".join(_item_text(item) for item in self)
        return head + clip(text, REPR_WIDTH - len(head) - 1)[1:-1] + ">"

    def _repr_html_(self) -> str:
        if not self:
            return "<p>no results</p>"
        header, rows = _rows(self, self.sources)
        return table(header, rows)

    # The class is made per dataset, so pickle cannot find it by name: rebuild it from the sources.
    def __reduce__(self) -> tuple[Any, ...]:
        return (results_of, (tuple(self), dict(self.sources)))


def results_type(sources: Mapping[str, Source]) -> type[Results[Any]]:
    """A :class:`Results` class whose lists link their citations to *sources* (a dataset's, by id)."""
    shown: type[Results[Any]] = type("Results", (Results,), {"__slots__": (), "sources": MappingProxyType(sources)})
    return shown


def results_of(items: Iterable[T], sources: Mapping[str, Source]) -> Results[T]:
    """*items* as a :class:`Results` list that links citations to *sources*."""
    return results_type(sources)(items)


def _item_text(item: object) -> str:
    if isinstance(item, Match):
        return f"{item.entity.id} {item.score:.2f}"
    if isinstance(item, Neighbour):
        return f"{item.predicate} {item.entity.id}"
    if isinstance(item, Step):
        return f"{item.source.id} {item.predicate} {item.target.id}"
    if isinstance(item, TimelineEntry):
        return f"{item.date} {item.event} {identity(item.record)}"
    return identity(item)  # type: ignore[arg-type]


def _named(entity: Entity) -> str:
    return f"{escape(entity.name)} <code>{escape(entity.id)}</code>"


def _rows(items: Sequence[object], sources: Mapping[str, Source]) -> tuple[Sequence[str], list[list[str]]]:
    first = items[0]
    if isinstance(first, Match):
        header: tuple[str, ...] = ("kind", "entity", "score", "matched name", "citations")
        return header, [
            [
                escape(m.entity.kind),
                _named(m.entity),
                f"{m.score:.2f}",
                escape(m.matched_name),
                citations_html(m.entity, sources),
            ]
            for m in items
            if isinstance(m, Match)
        ]
    if isinstance(first, Neighbour):
        header = ("predicate", "entity", "citations of the relation")
        return header, [
            [escape(n.predicate), _named(n.entity), citations_html(n.relation, sources)]
            for n in items
            if isinstance(n, Neighbour)
        ]
    if isinstance(first, Step):
        header = ("depth", "from", "predicate", "to", "citations of the relation")
        return header, [
            [str(s.depth), _named(s.source), escape(s.predicate), _named(s.target), citations_html(s.relation, sources)]
            for s in items
            if isinstance(s, Step)
        ]
    if isinstance(first, TimelineEntry):
        header = ("date", "event", "record", "citations")
        return header, [
            [
                escape(e.date),
                escape(e.event),
                f"<code>{escape(identity(e.record))}</code>",
                citations_html(e.record, sources),
            ]
            for e in items
            if isinstance(e, TimelineEntry)
        ]
    return ("record",), [[record_html(record, sources)] for record in items]  # type: ignore[arg-type]
