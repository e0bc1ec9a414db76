"""Neighbours, breadth-first walks and shortest paths over the adjacency index.

Every relation can be followed from both ends: from its subject under the
predicate's name, from its object under the inverse name. ``direction`` limits
a step to relations the current entity is the subject of (``"out"``), the
object of (``"in"``), or either (``"both"``).

The loops below are the hot paths of traversal, written to do as little per
edge as networkx does: predicate filters are applied once per expanded entity
rather than per edge, and paths keep plain ids until the answer is known.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eu_iot_coop._model import Entity

from ._index import FLIP, Index
from ._lookup import Direction
from ._results import Neighbour, Step

_REVERSED: dict[Direction, Direction] = {"out": "in", "in": "out", "both": "both"}

# Skips the named tuple's Python-level __new__: traversals make one step per entity reached.
_make_step = tuple.__new__


def neighbours(
    index: Index, entity: Entity, *, predicates: frozenset[str] | None, direction: Direction
) -> tuple[Neighbour, ...]:
    """The entity's neighbours: outgoing relations first, in record order."""
    found = index.neighbours_of(entity.id, direction)
    if predicates is None:
        return found
    return index.results(neighbour for neighbour in found if neighbour.predicate in predicates)


def _kept(found: tuple[Neighbour, ...], predicates: frozenset[str]) -> list[Neighbour]:
    return [neighbour for neighbour in found if neighbour[0] in predicates]


def _kept_edges(found: tuple[Neighbour, ...], predicates: frozenset[str]) -> list[tuple[str, Neighbour]]:
    return [(neighbour[1].id, neighbour) for neighbour in found if neighbour[0] in predicates]


def walk(
    index: Index, start: Entity, *, depth: int | None, predicates: frozenset[str] | None, direction: Direction
) -> Iterator[Step]:
    """Breadth-first: one step per entity reached, the step that reached it first."""
    # Edges are read as (neighbour id, neighbour) from the parallel id index: the "seen" test then
    # needs neither the neighbour nor its entity, and a step is the (depth, source) head plus the
    # neighbour tuple, joined in C.
    adjacency = index.by_direction[direction]
    ids = index.ids_by_direction(direction)
    no_ids: tuple[str, ...] = ()
    no_neighbours: tuple[Neighbour, ...] = ()
    seen = {start.id}
    mark_seen = seen.add
    frontier = [start]
    level = 0
    while frontier and (depth is None or level < depth):
        level += 1
        # Nothing reached on the last level is expanded, so none of it is collected.
        last = level == depth
        reached: list[Entity] = []
        collect = reached.append
        for source in frontier:
            source_id = source.id
            head = (level, source)
            for target_id, neighbour in (
                zip(ids.get(source_id, no_ids), adjacency.get(source_id, no_neighbours), strict=True)
                if predicates is None
                else _kept_edges(adjacency.get(source_id, no_neighbours), predicates)
            ):
                if target_id not in seen:
                    mark_seen(target_id)
                    if not last:
                        collect(neighbour[1])
                    yield _make_step(Step, head + neighbour)
        frontier = reached


def path(
    index: Index,
    source: Entity,
    target: Entity,
    *,
    predicates: frozenset[str] | None,
    direction: Direction,
    avoid: frozenset[str] = frozenset(),
) -> tuple[Step, ...] | None:
    """A shortest chain of steps from *source* to *target*, or ``None``; searches from both ends at once.

    No step passes through an entity whose id is in *avoid*, unless it is *source* or *target*.
    """
    if source.id == target.id:
        return ()
    backward_direction = _REVERSED[direction]
    forward_ids, backward_ids = index.ids_by_direction(direction), index.ids_by_direction(backward_direction)
    forward_adjacency, backward_adjacency = index.by_direction[direction], index.by_direction[backward_direction]
    # The backward side reads each relation from the far end: keep the names that flip into the filter.
    backward_predicates = None if predicates is None else frozenset(FLIP[name] for name in predicates)
    # Each side maps an entity id to the id one step nearer its own end; steps are only built for the answer.
    forward: dict[str, str | None] = {source.id: None}
    backward: dict[str, str | None] = {target.id: None}
    forward_frontier, backward_frontier = [source.id], [target.id]
    no_ids: tuple[str, ...] = ()
    while forward_frontier and backward_frontier:
        # Grow the smaller side, as networkx does: the two searches meet sooner.
        grow_forward = len(forward_frontier) <= len(backward_frontier)
        if grow_forward:
            trail, other, frontier = forward, backward, forward_frontier
            ids, adjacency, names = forward_ids, forward_adjacency, predicates
        else:
            trail, other, frontier = backward, forward, backward_frontier
            ids, adjacency, names = backward_ids, backward_adjacency, backward_predicates
        reached: list[str] = []
        collect = reached.append
        for entity_id in frontier:
            if names is None:
                reachable: Sequence[str] = ids.get(entity_id, no_ids)
            else:
                reachable = [target_id for target_id, _ in _kept_edges(adjacency.get(entity_id, ()), names)]
            for reached_id in reachable:
                if reached_id not in trail:
                    if reached_id in other:
                        trail[reached_id] = entity_id
                        return _steps(index, forward, backward, reached_id, direction, predicates)
                    if reached_id in avoid:
                        continue
                    trail[reached_id] = entity_id
                    collect(reached_id)
        if grow_forward:
            forward_frontier = reached
        else:
            backward_frontier = reached
    return None


def _link(
    adjacency: dict[str, tuple[Neighbour, ...]], near: str, far: str, predicates: frozenset[str] | None
) -> Neighbour:
    # The first neighbour the search could have taken from *near* to *far*: the one it did take.
    found = adjacency.get(near, ())
    candidates = found if predicates is None else _kept(found, predicates)
    return next(neighbour for neighbour in candidates if neighbour.entity.id == far)


def _steps(
    index: Index,
    forward: dict[str, str | None],
    backward: dict[str, str | None],
    meeting: str,
    direction: Direction,
    predicates: frozenset[str] | None,
) -> tuple[Step, ...]:
    entities = index.entities
    forward_adjacency = index.by_direction[direction]
    backward_adjacency = index.by_direction[_REVERSED[direction]]
    backward_predicates = None if predicates is None else frozenset(FLIP[name] for name in predicates)
    head: list[tuple[Entity, str, Entity, Neighbour]] = []
    node = meeting
    while (previous := forward[node]) is not None:
        neighbour = _link(forward_adjacency, previous, node, predicates)
        head.append((entities[previous], neighbour.predicate, neighbour.entity, neighbour))
        node = previous
    head.reverse()
    node = meeting
    while (following := backward[node]) is not None:
        neighbour = _link(backward_adjacency, following, node, backward_predicates)
        head.append((neighbour.entity, FLIP[neighbour.predicate], entities[following], neighbour))
        node = following
    return tuple(
        Step(depth, source, name, target, neighbour.relation)
        for depth, (source, name, target, neighbour) in enumerate(head, start=1)
    )
