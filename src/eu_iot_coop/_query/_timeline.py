"""Dates: the timeline of a dataset, and the dataset as it stood at a moment.

The timeline comes in two forms: *moments* (:func:`timeline`, every start, end
and "as of" date on its own) and *rows* (:func:`rows`, what a reader is shown:
one row per dated entity, relation or figure, a period as one row, and the
relations whose predicate folds (:attr:`Predicate.fold`: an agreement's
``party_to``, an entity's ``founded``) inside their object's row); both keep what may fall in a window.

:func:`as_of` follows the definition written out in :meth:`Dataset.as_of`: the
moment is one day (a year or month asked for means its last day); a record
stands on that day if it may have started by then (the first day its start can
be) and has not surely ended before it (the last day its end can be); a missing
start or end never excludes a record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from eu_iot_coop._model import (
    BY_NAME,
    Citation,
    Entity,
    Figure,
    Fold,
    Kind,
    PartialDate,
    Relation,
    When,
    as_partial_date,
    final_id,
    identity,
    is_date,
)
from eu_iot_coop.exceptions import QueryError

from ._index import Index
from ._results import EventName, TimelineEntry, TimelineRow

if TYPE_CHECKING:
    import datetime

    from eu_iot_coop._model import Records

_EVENT_ORDER: dict[EventName, int] = {"start": 0, "as_of": 1, "end": 2}


def partial_date(value: object, argument: str) -> PartialDate:
    """Read a query date: an ISO string, a :class:`PartialDate` or a :class:`datetime.date`."""
    if not (isinstance(value, PartialDate | str) or is_date(value)):
        raise QueryError(
            f"{argument} must be an ISO date string ('2016', '2016-12', '2016-12-31'), "
            f"a PartialDate or a datetime.date, got {type(value).__name__}"
        )
    try:
        return as_partial_date(value)
    except ValueError as error:
        raise QueryError(f"{argument}: {error}") from None


def window(since: object, until: object) -> tuple[PartialDate | None, PartialDate | None]:
    """A query's ``since`` and ``until`` read as :func:`partial_date` reads them; ``None`` stays ``None``."""
    return (
        None if since is None else partial_date(since, "since"),
        None if until is None else partial_date(until, "until"),
    )


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


def moment(date: PartialDate) -> datetime.date:
    """The day a query date stands for in :func:`as_of`: its last day (``2017`` is 31 December 2017)."""
    return date.latest()


def first_day(when: When) -> datetime.date:
    """The first day a date of the data can be, whether stated, inferred or a range."""
    return when.date.earliest()


def last_day(when: When) -> datetime.date:
    """The last day a date of the data can be: the end of its range's upper bound, if it has one."""
    return (when.latest or when.date).latest()


def overlaps(start: When | None, end: When | None, since: PartialDate | None, until: PartialDate | None) -> bool:
    """Whether something with this start and end may fall between *since* and *until* (both ends included).

    Undated, it does not; with only a start or only an end, that date is its whole span.
    """
    first, last = start or end, end or start
    if first is None or last is None:
        return False
    if since is not None and last_day(last) < since.earliest():
        return False
    return until is None or first_day(first) <= until.latest()


def standing(start: When | None, end: When | None, day: datetime.date) -> bool:
    """Whether something with this start and end stood on *day*: it may have started, and had not surely ended.

    The end day itself still counts: something that ended on 20 March stood on 20 March.
    """
    if start is not None and first_day(start) > day:
        return False
    return end is None or last_day(end) >= day


def as_of(records: Records, date: PartialDate) -> Records:
    """The records standing at the end of *date*, without relations, figures, redirects or variants left dangling."""
    day = moment(date)
    entities = tuple(entity for entity in records.entities if standing(entity.start, entity.end, day))
    kept = {entity.id for entity in entities}
    replaced_by = {redirect.id: redirect.replaced_by for redirect in records.redirects}
    figures = tuple(
        figure for figure in records.figures if figure.subject in kept and standing(figure.as_of, None, day)
    )
    still_there = kept | {figure.id for figure in figures} | {source.id for source in records.sources}

    return attrs.evolve(
        records,
        entities=entities,
        relations=tuple(
            relation
            for relation in records.relations
            if relation.subject in kept and relation.object in kept and standing(relation.start, relation.end, day)
        ),
        figures=figures,
        redirects=tuple(redirect for redirect in records.redirects if final_id(replaced_by, redirect.id) in kept),
        variants=tuple(variant for variant in records.variants if variant.record in still_there),
    )
