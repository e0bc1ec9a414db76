"""Succession: a record followed through its renamings, mergers and successors, and its name at a date.

One walk (:func:`lineage`, the breadth-first :func:`_traversal.walk` restricted to the predicates
flagged ``succession``) feeds the thin variants: successors, predecessors and the name at a date.
The walk reaches each entity once, so it ends even on data that was not checked for cycles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from eu_iot_coop._model import BY_NAME, SUCCESSION, Entity, Event, Kind

from ._index import Index
from ._results import Step
from ._traversal import walk

if TYPE_CHECKING:
    import datetime

#: The names a walk follows, by (later, renamings only): the succession predicates read forward (towards the
#: later record) or backward, or only the renamings (the same body under another name).
_FOLLOWED: dict[tuple[bool, bool], frozenset[str]] = {
    (True, False): frozenset(SUCCESSION),
    (False, False): frozenset(BY_NAME[name].inverse for name in SUCCESSION),
    (True, True): frozenset({"renamed_to"}),
    (False, True): frozenset({BY_NAME["renamed_to"].inverse}),
}


def lineage(index: Index, entity: Entity, *, later: bool, renamings_only: bool = False) -> Iterator[Step]:
    """The records that took over from *entity* (``later``) or that it took over from, nearest first."""
    predicates = _FOLLOWED[later, renamings_only]
    return walk(index, entity, depth=None, predicates=predicates, direction="out" if later else "in")


def named_at(index: Index, entity: Entity, day: datetime.date) -> Entity:
    """The record of *entity*'s renaming chain that stood on *day*: renamings dated on or before it are followed.

    A renaming takes effect on the first day its start can be (as :meth:`Dataset.as_of` reads a start); an
    undated renaming is not followed, since nothing says on which side of *day* it falls.
    """
    current = entity
    for step in lineage(index, entity, later=True, renamings_only=True):
        start = step.relation.start
        if step.source.id == current.id and start is not None and start.date.earliest() <= day:
            current = step.target
    if current is not entity:
        return current
    for step in lineage(index, entity, later=False, renamings_only=True):
        start = step.relation.start
        if step.source.id == current.id and start is not None and start.date.earliest() > day:
            current = step.target
    return current


def rounds(index: Index, series: Entity) -> tuple[Event, ...]:
    """The meetings of *series*: numbered rounds in order, then unnumbered ones by date, then undated ones by id."""
    meetings = [e for e in index.by_kind.get(Kind.EVENT, ()) if isinstance(e, Event) and e.series == series.id]
    return tuple(sorted(meetings, key=_round_order))


def _round_order(event: Event) -> tuple[bool, int, bool, datetime.date | None, str]:
    start = event.start
    return (
        event.round is None,
        event.round or 0,
        start is None,
        # Undated meetings come last by the third key, so the fourth is never compared between date and None.
        None if start is None else start.date.earliest(),
        event.id,
    )
