"""What queries return: search matches, neighbours, traversal steps and timeline entries.

Neighbours and steps are named tuples rather than attrs classes: traversals make
one per edge, a tuple is several times cheaper to create, and they unpack like
networkx's edge tuples (``for predicate, entity, relation in ...``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar

import attrs

from eu_iot_coop._model import (
    Citations,
    Entity,
    Figure,
    Kind,
    PartialDate,
    Precision,
    Relation,
    Source,
    When,
    identity,
)
from eu_iot_coop._present import REPR_WIDTH, citations_html, clip, escape, html_table, named_html, record_html

EventName = Literal["start", "end", "as_of"]
#: How a search matched, best first (see :meth:`Dataset.search`).
MatchTier = Literal["exact", "code", "prefix", "word", "fuzzy", "description"]
RowType = Literal["entity", "relation", "figure"]


def _brief(record: Entity | Relation | Figure) -> str:
    # Whole records make a list of results unreadable; their identity is enough.
    if isinstance(record, Relation):
        return f"<Relation {record.key!r}>"
    return f"<{type(record).__name__} {record.id!r}>"


@attrs.frozen
class Match:
    """One search hit: the entity, how well it matched (1.0 is exact), the name or code that matched, and how.

    ``tier`` is ``"exact"``, ``"code"``, ``"prefix"``, ``"word"``, ``"fuzzy"`` or ``"description"``
    (for a description match ``matched_name`` is the entity's name); see :meth:`Dataset.search`.
    """

    entity: Entity = attrs.field(repr=_brief)
    score: float
    matched_name: str
    tier: MatchTier = "fuzzy"


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


@attrs.frozen(kw_only=True)
class TimelineRow:
    """One line of a timeline: a dated entity (an agreement with its parties), a dated relation, or a figure.

    A period is one row with its ``start`` and ``end``; a figure's row starts at its "as of" date.
    An agreement's ``party_to`` relations and an entity's ``founded`` relations are part of the
    entity's row (``parties``, ``founders``), not rows of their own. Entities are named by name,
    never by id; ``records`` holds the identities of every record the row stands for (the row's own
    record first), ``entities`` the ids of the entities it is about, and ``citations`` the
    citations of all those records.
    """

    start: When | None
    end: When | None = attrs.field(default=None)
    row_type: RowType
    #: The kind of the entity (entity rows) or of the figure's subject; ``None`` for a relation.
    kind: Kind | None
    #: What the row says, by names: an entity's name, ``European Commission founded AIOTI``,
    #: ``AIOTI: member companies``.
    text: str
    #: An agreement's parties, by name, in record order.
    parties: tuple[str, ...] = ()
    #: Whoever founded the entity (its ``founded`` relations), by name, in record order.
    founders: tuple[str, ...] = ()
    #: A relation's predicate (``founded``); ``None`` for an entity or a figure.
    predicate: str | None = None
    #: The figure of a figure row, for its value, unit, qualifier and ``projection``.
    figure: Figure | None = attrs.field(default=None, repr=False)
    records: tuple[str, ...]
    entities: tuple[str, ...] = attrs.field(repr=False)
    citations: Citations = attrs.field(repr=False)

    @end.validator
    def _dated(self, attribute: attrs.Attribute[When | None], value: When | None) -> None:
        if self.start is None and value is None:
            raise ValueError(
                f"a timeline row needs a start or an end; {', '.join(self.records) or 'the row'} has neither"
            )

    @property
    def first(self) -> When:
        """The row's first date: its start, or its end when only that is known."""
        first = self.start or self.end
        assert first is not None  # checked when the row was made
        return first

    @property
    def date(self) -> PartialDate:
        """Where the row sits in date order: its first date."""
        return self.first.date

    @property
    def last(self) -> PartialDate:
        """The last date the row may cover: the upper bound of its end, or of its start without an end."""
        last = self.end or self.start
        assert last is not None  # checked when the row was made
        return last.latest or last.date

    @property
    def precision(self) -> Precision:
        """How much of the first date is known: ``year``, ``month`` or ``day``."""
        return self.date.precision

    @property
    def inferred(self) -> bool:
        """Whether a date of the row was worked out rather than stated by a source."""
        return any(when is not None and when.inferred for when in (self.start, self.end))

    @property
    def ranged(self) -> bool:
        """Whether the row covers more than its first date: a period, or a date known only between two bounds.

        An event that starts and ends on the same day does not.
        """
        return self.last != self.date

    @property
    def projection(self) -> bool:
        """Whether the row is a figure forecast for its date rather than measured."""
        return self.figure is not None and self.figure.projection


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
        return html_table(header, rows)

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
    if isinstance(item, TimelineRow):
        return f"{item.date} {item.text}"
    return identity(item)  # type: ignore[arg-type]


def _named(entity: Entity) -> str:
    return named_html(entity.name, entity.id)


def _codes(identities: Iterable[str]) -> str:
    return ", ".join(f"<code>{escape(identity)}</code>" for identity in identities)


def _cited(cited: Entity | Relation | Figure | TimelineRow, sources: Mapping[str, Source]) -> str:
    return citations_html(cited.citations, sources)


Cells = Callable[[Any, Mapping[str, Source]], list[str]]

#: The notebook table of each kind of result: its header and the HTML cells of one item.
_COLUMNS: Mapping[type, tuple[tuple[str, ...], Cells]] = MappingProxyType(
    {
        Match: (
            ("kind", "entity", "score", "matched name", "citations"),
            lambda m, sources: [
                escape(m.entity.kind),
                _named(m.entity),
                f"{m.score:.2f}",
                escape(m.matched_name),
                _cited(m.entity, sources),
            ],
        ),
        Neighbour: (
            ("predicate", "entity", "citations of the relation"),
            lambda n, sources: [escape(n.predicate), _named(n.entity), _cited(n.relation, sources)],
        ),
        Step: (
            ("depth", "from", "predicate", "to", "citations of the relation"),
            lambda s, sources: [
                str(s.depth),
                _named(s.source),
                escape(s.predicate),
                _named(s.target),
                _cited(s.relation, sources),
            ],
        ),
        TimelineEntry: (
            ("date", "event", "record", "citations"),
            lambda e, sources: [
                escape(e.date),
                escape(e.event),
                _codes([identity(e.record)]),
                _cited(e.record, sources),
            ],
        ),
        TimelineRow: (
            ("date", "what", "records", "citations"),
            lambda r, sources: [escape(r.date), escape(r.text), _codes(r.records), _cited(r, sources)],
        ),
    }
)


def _rows(items: Sequence[object], sources: Mapping[str, Source]) -> tuple[Sequence[str], list[list[str]]]:
    kind = type(items[0])
    if kind not in _COLUMNS:
        # Any other list (entities of every kind, figures, variants, places): one record card per row.
        return ("record",), [[record_html(record, identity(record), sources)] for record in items]  # type: ignore[arg-type]
    header, cells = _COLUMNS[kind]
    return header, [cells(item, sources) for item in items if isinstance(item, kind)]
