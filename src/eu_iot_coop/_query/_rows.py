"""The timeline of a dataset in moments and in rows: what :meth:`Dataset.timeline` and
:meth:`Dataset.timeline_rows` return, and how they are made.

The timeline comes in two forms: *moments* (:func:`timeline`, every start, end
and "as of" date on its own) and *rows* (:func:`rows`, what a reader is shown:
one row per dated entity, relation or figure, a period as one row, and the
relations whose predicate folds (:attr:`Predicate.fold`: an agreement's
``party_to``, an entity's ``founded``) inside their object's row); both keep what may fall in a window.
Only those two queries need this module: it is imported when one of them first runs.
"""

from __future__ import annotations

from typing import Literal

import attrs

from eu_iot_coop._model import (
    BY_NAME,
    Citation,
    Citations,
    Entity,
    Figure,
    Fold,
    Kind,
    PartialDate,
    Precision,
    Relation,
    When,
    identity,
)
from eu_iot_coop._present import escape

from ._index import Index
from ._results import brief, cited_cell, codes_cell, shown_as
from ._timeline import overlaps

EventName = Literal["start", "end", "as_of"]
RowType = Literal["entity", "relation", "figure"]

_EVENT_ORDER: dict[EventName, int] = {"start": 0, "as_of": 1, "end": 2}


@shown_as(
    lambda e: f"{e.date} {e.event} {identity(e.record)}",
    ("date", "event", "record", "citations"),
    lambda e, sources: [
        escape(e.date),
        escape(e.event),
        codes_cell([identity(e.record)]),
        cited_cell(e.record, sources),
    ],
)
@attrs.frozen
class TimelineEntry:
    """A dated moment: an entity or relation starting or ending, or a figure's "as of" date."""

    date: PartialDate
    event: EventName
    record: Entity | Relation | Figure = attrs.field(repr=brief)
    when: When = attrs.field(repr=False)


@shown_as(
    lambda r: f"{r.date} {r.text}",
    ("date", "what", "records", "citations"),
    lambda r, sources: [escape(r.date), escape(r.text), codes_cell(r.records), cited_cell(r, sources)],
)
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


def _entries(record: Entity | Relation | Figure) -> list[TimelineEntry]:
    if isinstance(record, Figure):
        return [] if record.as_of is None else [TimelineEntry(record.as_of.date, "as_of", record, record.as_of)]
    dated: list[TimelineEntry] = []
    if record.start is not None:
        dated.append(TimelineEntry(record.start.date, "start", record, record.start))
    if record.end is not None:
        dated.append(TimelineEntry(record.end.date, "end", record, record.end))
    return dated


def timeline(
    index: Index,
    *,
    since: PartialDate | None,
    until: PartialDate | None,
    kinds: frozenset[Kind] | None,
    entity: Entity | None,
) -> tuple[TimelineEntry, ...]:
    """Dated moments in date order (coarser dates first on ties), overlapping ``since`` to ``until``."""
    records: list[Entity | Relation | Figure]
    if entity is not None:
        touching = index.outgoing.get(entity.id, ()) + index.incoming.get(entity.id, ())
        records = [entity, *(neighbour.relation for neighbour in touching), *index.figures.get(entity.id, ())]
    else:
        records = [*index.entities.values(), *index.relations]
        for figures in index.figures.values():
            records.extend(figures)
    entries: list[TimelineEntry] = []
    for record in records:
        if kinds is not None and not _has_kind(index, record, kinds):
            continue
        for entry in _entries(record):
            if since is not None and entry.date.latest() < since.earliest():
                continue
            if until is not None and entry.date.earliest() > until.latest():
                continue
            entries.append(entry)
    entries.sort(key=lambda entry: (entry.date, _EVENT_ORDER[entry.event], identity(entry.record)))
    return tuple(entries)


def _has_kind(index: Index, record: Entity | Relation | Figure, kinds: frozenset[Kind]) -> bool:
    if isinstance(record, Entity):
        return record.kind in kinds
    if isinstance(record, Figure):
        return index.entities[record.subject].kind in kinds
    return index.entities[record.subject].kind in kinds or index.entities[record.object].kind in kinds


def _fold(relation: Relation) -> Fold | None:
    """How a relation shows inside its object's row (:attr:`Predicate.fold`), or ``None`` for a row of its own."""
    predicate = BY_NAME.get(relation.predicate)
    return None if predicate is None else predicate.fold


def _citations(*records: Entity | Relation | Figure) -> tuple[Citation, ...]:
    return tuple(dict.fromkeys(citation for record in records for citation in record.citations))


def _entity_row(index: Index, entity: Entity) -> TimelineRow | None:
    incoming = [n.relation for n in index.incoming.get(entity.id, ())]
    parties = [r for r in incoming if _fold(r) is Fold.PARTIES]
    founders = [r for r in incoming if _fold(r) is Fold.FOUNDERS]
    folded = parties + founders
    start = entity.start
    if start is None and entity.end is None:
        # An entity dated only through the relations folded into its row still gets one, at their first date.
        dated = sorted((w for r in folded for w in (r.start, r.end) if w is not None), key=lambda when: when.date)
        if not dated:
            return None
        start = dated[0]
    return TimelineRow(
        start=start,
        end=entity.end,
        row_type="entity",
        kind=entity.kind,
        text=entity.name,
        parties=tuple(index.entities[r.subject].name for r in parties),
        founders=tuple(index.entities[r.subject].name for r in founders),
        records=(entity.id, *(r.key for r in folded)),
        entities=(entity.id, *(r.subject for r in folded)),
        citations=_citations(entity, *folded),
    )


def _relation_row(index: Index, relation: Relation) -> TimelineRow | None:
    if (relation.start is None and relation.end is None) or _fold(relation) is not None:
        return None
    subject, object_ = index.entities[relation.subject], index.entities[relation.object]
    return TimelineRow(
        start=relation.start,
        end=relation.end,
        row_type="relation",
        kind=None,
        text=f"{subject.name} {relation.predicate.replace('_', ' ')} {object_.name}",
        predicate=relation.predicate,
        records=(relation.key,),
        entities=(relation.subject, relation.object),
        citations=relation.citations,
    )


def _figure_row(index: Index, figure: Figure) -> TimelineRow | None:
    if figure.as_of is None:
        return None
    subject = index.entities[figure.subject]
    return TimelineRow(
        start=figure.as_of,
        row_type="figure",
        kind=subject.kind,
        text=f"{subject.name}: {figure.quantity}",
        figure=figure,
        records=(figure.id,),
        entities=(figure.subject,),
        citations=figure.citations,
    )


def rows(
    index: Index,
    *,
    since: PartialDate | None,
    until: PartialDate | None,
    kinds: frozenset[Kind] | None,
    entity: Entity | None,
    members: frozenset[str] | None,
) -> tuple[TimelineRow, ...]:
    """The timeline as rows (see the module's docstring), in date order, overlapping ``since`` to ``until``.

    A row is kept when any entity it is about has one of ``kinds``, is ``entity`` or is among ``members``
    (a region's); ties in date order go to the coarser date, then to the record's identity.
    """
    found: list[TimelineRow] = []
    candidates = [
        *(_entity_row(index, e) for e in index.entities.values()),
        *(_relation_row(index, r) for r in index.relations),
        *(_figure_row(index, f) for figures in index.figures.values() for f in figures),
    ]
    for row in candidates:
        if row is None:
            continue
        if not overlaps(row.start, row.end, since, until):
            continue
        if kinds is not None and not any(index.entities[i].kind in kinds for i in row.entities):
            continue
        if entity is not None and entity.id not in row.entities:
            continue
        if members is not None and not any(i in members for i in row.entities):
            continue
        found.append(row)
    found.sort(key=lambda row: (row.date, row.records[0]))
    return tuple(found)
