"""Neighbours, breadth-first walks and shortest paths over the adjacency index.

Every relation can be followed from both ends: from its subject under the
predicate's name, from its object under the inverse name. ``direction`` limits
a step to relations the current entity is the subject of (``"out"``), the
object of (``"in"``), or either (``"both"``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ._index import FLIP, Index
from ._lookup import Direction
from ._model import Entity
from ._results import Neighbour, Step


def _adjacency(index: Index, direction: Direction) -> dict[str, tuple[Neighbour, ...]]:
    if direction == "out":
        return index.outgoing
    if direction == "in":
        return index.incoming
    return index.adjacent


def neighbours(
    index: Index, entity: Entity, *, predicates: frozenset[str] | None, direction: Direction
) -> tuple[Neighbour, ...]:
    """The entity's neighbours: outgoing relations first, in record order."""
    found = _adjacency(index, direction).get(entity.id, ())
    if predicates is None:
        return found
    return tuple(neighbour for neighbour in found if neighbour.predicate in predicates)


def walk(
    index: Index, start: Entity, *, depth: int | None, predicates: frozenset[str] | None, direction: Direction
) -> Iterator[Step]:
    """Breadth-first: one step per entity reached, the step that reached it first."""
    adjacency = _adjacency(index, direction)
    make_step = tuple.__new__  # skips the named tuple's Python-level __new__: one step per entity reached
    seen = {start.id}
    frontier = [start]
    level = 0
    while frontier and (depth is None or level < depth):
        level += 1
        reached: list[Entity] = []
        for source in frontier:
            for name, target, relation in adjacency.get(source.id, ()):
                target_id = target.id
                if target_id in seen or (predicates is not None and name not in predicates):
                    continue
                seen.add(target_id)
                reached.append(target)
                yield make_step(Step, (level, source, name, target, relation))
        frontier = reached


_REVERSED: dict[Direction, Direction] = {"out": "in", "in": "out", "both": "both"}

# A side of the search: entity id -> (entity one step nearer its own end, the neighbour seen from there).
_Trail = dict[str, tuple[Entity, Neighbour] | None]


def path(
    index: Index,
    source: Entity,
    target: Entity,
    *,
    predicates: frozenset[str] | None,
    direction: Direction,
) -> tuple[Step, ...] | None:
    """A shortest chain of steps from *source* to *target*, or ``None``; searches from both ends at once."""
    if source.id == target.id:
        return ()
    forward: _Trail = {source.id: None}
    backward: _Trail = {target.id: None}
    forward_frontier, backward_frontier = [source], [target]
    forward_adjacency = _adjacency(index, direction)
    backward_adjacency = _adjacency(index, _REVERSED[direction])
    while forward_frontier and backward_frontier:
        # Grow the smaller side, as networkx does: the two searches meet sooner.
        grow_forward = len(forward_frontier) <= len(backward_frontier)
        if grow_forward:
            trail, other, frontier, adjacency = forward, backward, forward_frontier, forward_adjacency
        else:
            trail, other, frontier, adjacency = backward, forward, backward_frontier, backward_adjacency
        reached: list[Entity] = []
        for entity in frontier:
            for neighbour in adjacency.get(entity.id, ()):
                if predicates is not None:
                    # The backward side sees each relation from the far end.
                    name = neighbour.predicate if grow_forward else FLIP[neighbour.predicate]
                    if name not in predicates:
                        continue
                reached_entity = neighbour.entity
                reached_id = reached_entity.id
                if reached_id in trail:
                    continue
                trail[reached_id] = (entity, neighbour)
                if reached_id in other:
                    return _steps(forward, backward, reached_id)
                reached.append(reached_entity)
        if grow_forward:
            forward_frontier = reached
        else:
            backward_frontier = reached
    return None


def _steps(forward: _Trail, backward: _Trail, meeting: str) -> tuple[Step, ...]:
    head: list[tuple[Entity, str, Entity, Neighbour]] = []
    node = meeting
    while (link := forward[node]) is not None:
        previous, neighbour = link
        head.append((previous, neighbour.predicate, neighbour.entity, neighbour))
        node = previous.id
    head.reverse()
    node = meeting
    while (link := backward[node]) is not None:
        following, neighbour = link
        head.append((neighbour.entity, FLIP[neighbour.predicate], following, neighbour))
        node = following.id
    return tuple(
        Step(depth, source, name, target, neighbour.relation)
        for depth, (source, name, target, neighbour) in enumerate(head, start=1)
    )
