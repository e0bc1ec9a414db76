"""Dates in queries: reading a query's dates and windows, whether a record falls in one, and the dataset as it
stood at a moment. The timeline itself (moments and rows) is made in ``_rows``.

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
    PartialDate,
    When,
    as_partial_date,
    final_id,
    is_date,
)
from eu_iot_coop.exceptions import QueryError

if TYPE_CHECKING:
    import datetime

    from eu_iot_coop._model import Records


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
