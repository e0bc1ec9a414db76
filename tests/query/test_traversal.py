"""Traversal: neighbours, walk and path against brute-force references."""

from __future__ import annotations

import itertools
import json
from collections import deque

import networkx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset, Kind, Person, Records
from eu_iot_coop.exceptions import NotFoundError, QueryError

from ..strategies import BY_NAME, CITES, DIRECTION, SOURCE, datasets

directions = st.sampled_from(["out", "in", "both"])
JO = Person(id="jo", name="Jo", description="A person.", citations=CITES)


def _edges(ds: Dataset, direction: str, predicates: frozenset[str] | None) -> dict[str, set[str]]:
    """Adjacency from a scan of the records: who can step to whom."""
    adjacency: dict[str, set[str]] = {e.id: set() for e in ds.entities()}
    for r in ds.records.relations:
        inverse = BY_NAME[r.predicate].inverse
        if direction in ("out", "both") and (predicates is None or r.predicate in predicates):
            adjacency[r.subject].add(r.object)
        if direction in ("in", "both") and (predicates is None or inverse in predicates):
            adjacency[r.object].add(r.subject)
    return adjacency


def _distances(adjacency: dict[str, set[str]], start: str, depth: int | None = None) -> dict[str, int]:
    distance = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if depth is not None and distance[node] >= depth:
            continue
        for other in adjacency[node]:
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance


@given(datasets())
def test_each_relation_is_seen_from_both_ends(ds: Dataset) -> None:
    """A relation is a neighbour of its subject under its predicate and of its object under the inverse."""
    for r in ds.records.relations:
        subject, object_ = ds.get(r.subject), ds.get(r.object)
        assert (r.predicate, object_, r) in ds.neighbours(subject, direction="out")
        assert (BY_NAME[r.predicate].inverse, subject, r) in ds.neighbours(object_, direction="in")


@given(datasets(), directions, st.data())
def test_neighbours_match_a_scan(ds: Dataset, direction: str, data: st.DataObject) -> None:
    """neighbours() with a direction and a predicate returns what a scan of the relations finds."""
    entity = data.draw(st.sampled_from(list(ds.entities())))
    name = data.draw(st.none() | st.sampled_from(sorted(DIRECTION)))
    expected = []
    for r in ds.records.relations:
        if direction != "in" and r.subject == entity.id:
            expected.append((r.predicate, r.object, r.key))
        if direction != "out" and r.object == entity.id:
            expected.append((BY_NAME[r.predicate].inverse, r.subject, r.key))
    if name is not None:
        expected = [e for e in expected if e[0] == name]
    found = ds.neighbours(entity.id, predicate=name, direction=direction)  # type: ignore[arg-type]
    assert sorted((p, e.id, r.key) for p, e, r in found) == sorted(expected)


@given(datasets(), directions, st.none() | st.integers(0, 4), st.data())
def test_walk_reaches_what_breadth_first_search_reaches(
    ds: Dataset, direction: str, depth: int | None, data: st.DataObject
) -> None:
    """walk() reaches each entity within depth exactly once, at its BFS distance, never deeper."""
    start = data.draw(st.sampled_from(list(ds.entities())))
    names = data.draw(st.none() | st.frozensets(st.sampled_from(sorted(DIRECTION)), max_size=6))
    steps = list(ds.walk(start, depth=depth, predicates=names, direction=direction))  # type: ignore[arg-type]
    expected = _distances(_edges(ds, direction, names), start.id, depth)
    assert {s.target.id: s.depth for s in steps} == {k: v for k, v in expected.items() if k != start.id}
    assert len(steps) == len(expected) - 1
    reached = {start.id}
    for step in steps:
        assert step.source.id in reached  # each step leaves from somewhere already reached
        assert {step.relation.subject, step.relation.object} == {step.source.id, step.target.id}
        reached.add(step.target.id)


def test_walk_is_lazy_and_checks_its_arguments_at_once() -> None:
    """walk() returns an iterator and rejects a bad depth or direction before iterating."""
    ds = Dataset(Records(sources=(SOURCE,), entities=(JO,)))
    assert next(ds.walk("jo"), None) is None
    with pytest.raises(NotFoundError):
        ds.walk("nobody")
    with pytest.raises(QueryError, match="depth"):
        ds.walk("jo", depth=-1)
    with pytest.raises(QueryError, match="direction"):
        ds.walk("jo", direction="sideways")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="predicate"):
        ds.walk("jo", predicates=["member_of", "knows"])


def _check_chain(steps: tuple, source: str, target: str) -> None:  # type: ignore[type-arg]
    assert steps[0].source.id == source
    assert steps[-1].target.id == target
    for number, (first, second) in enumerate(itertools.pairwise(steps), start=1):
        assert first.depth == number
        assert first.target is second.source
    for step in steps:
        r = step.relation
        if (r.subject, r.object) == (step.source.id, step.target.id) and step.predicate == r.predicate:
            continue
        assert (r.object, r.subject) == (step.source.id, step.target.id)
        assert step.predicate == BY_NAME[r.predicate].inverse


def _without(adjacency: dict[str, set[str]], blocked: set[str]) -> dict[str, set[str]]:
    """The adjacency with no step out of a blocked entity: it can end a chain but not be passed through."""
    return {node: set() if node in blocked else targets for node, targets in adjacency.items()}


@given(datasets(max_entities=15, max_relations=20), directions, st.data())
def test_path_is_a_shortest_connected_chain(ds: Dataset, direction: str, data: st.DataObject) -> None:
    """path() returns a chain as short as BFS finds (passing through no avoided kind), or None when unreachable."""
    ids = [e.id for e in ds.entities()]
    source, target = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    names = data.draw(st.none() | st.frozensets(st.sampled_from(sorted(DIRECTION)), min_size=1, max_size=8))
    avoid = data.draw(st.none() | st.frozensets(st.sampled_from([k.value for k in Kind]), max_size=3))
    steps = ds.path(source, target, direction=direction, predicates=names, avoid_kinds=avoid)  # type: ignore[arg-type]
    blocked = {e.id for e in ds.entities() if avoid and e.kind.value in avoid} - {source}
    distance = _distances(_without(_edges(ds, direction, names), blocked), source).get(target)
    if distance is None:
        assert steps is None
    elif distance == 0:
        assert steps == ()
    else:
        assert steps is not None
        assert len(steps) == distance
        _check_chain(steps, source, target)
        if names is not None:
            assert all(step.predicate in names for step in steps)
        if avoid:
            assert all(step.target.kind.value not in avoid for step in steps[:-1])


@given(datasets())
def test_networkx_graph_mirrors_the_dataset(ds: Dataset) -> None:
    """to_networkx() has one node per entity and a keyed edge per relation, and agrees on unfiltered path lengths."""
    graph = ds.to_networkx()
    assert graph.number_of_nodes() == len(ds.records.entities)
    assert graph.number_of_edges() == len(ds.records.relations)
    for r in ds.records.relations:
        stored = json.loads(graph.edges[r.subject, r.object, r.predicate]["citations"])
        assert stored == [{"source": c.source, "locator": c.locator} for c in r.citations]
    undirected = graph.to_undirected(as_view=True)
    first = ds.records.entities[0].id
    for entity in ds.entities():
        steps = ds.path(first, entity, avoid_kinds=None)
        if steps is None:
            assert not networkx.has_path(undirected, first, entity.id)
        else:
            assert len(steps) == networkx.shortest_path_length(undirected, first, entity.id)


@given(datasets())
def test_id_adjacency_mirrors_the_neighbours(ds: Dataset) -> None:
    """Walks and paths read neighbour ids from a parallel index: it must match the neighbours position for position."""
    index = ds._index
    for direction in ("out", "in", "both"):
        neighbours, ids = index.by_direction[direction], index.ids_by_direction(direction)
        assert neighbours.keys() == ids.keys()
        for entity_id, found in neighbours.items():
            assert ids[entity_id] == tuple(neighbour.entity.id for neighbour in found)


@given(datasets(max_entities=15, max_relations=20), directions, st.data())
def test_path_steps_are_ones_a_walk_can_take(ds: Dataset, direction: str, data: st.DataObject) -> None:
    """Each step of a filtered path is a neighbour of its source under the filter, read the same way."""
    ids = [e.id for e in ds.entities()]
    source, target = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    names = data.draw(st.frozensets(st.sampled_from(sorted(DIRECTION)), min_size=1, max_size=8))
    steps = ds.path(source, target, direction=direction, predicates=names)  # type: ignore[arg-type]
    for step in steps or ():
        found = ds.neighbours(step.source, predicate=names, direction=direction)  # type: ignore[arg-type]
        assert (step.predicate, step.target, step.relation) in found


def test_bundled_path_avoids_topics_by_default() -> None:
    """On the bundled data, ITAC reaches the Commission through the agreement, not through a shared topic or place."""
    import eu_iot_coop

    ds = eu_iot_coop.load()
    steps = ds.path("itac", "european-commission")
    assert steps is not None
    assert all(step.target.kind not in (Kind.TOPIC, Kind.PLACE) for step in steps)
    assert [step.target.id for step in steps] == ["mou-itac-aioti-2017", "aioti", "european-commission"]
    anything = ds.path("itac", "european-commission", avoid_kinds=None)
    assert anything is not None
    assert len(anything) <= len(steps)


@given(datasets(max_entities=15, max_relations=20), directions)
def test_neighbours_by_id_match_neighbours_by_entity(ds: Dataset, direction: str) -> None:
    """Asking by id (the fast path) gives exactly what asking by Entity object gives, for every entity."""
    for entity in ds.entities():
        assert ds.neighbours(entity.id, direction=direction) == ds.neighbours(entity, direction=direction)  # type: ignore[arg-type]


def test_neighbours_reject_bad_arguments_on_the_fast_path() -> None:
    """An unknown id, an unknown direction or one of the wrong type is the library's error, never a raw one."""
    ds = Dataset(Records(sources=(SOURCE,), entities=(JO,)))
    assert ds.neighbours("jo") == ()
    with pytest.raises(NotFoundError):
        ds.neighbours("nobody")
    with pytest.raises(QueryError, match="direction"):
        ds.neighbours("jo", direction="sideways")  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="direction"):
        ds.neighbours("jo", direction=["out"])  # type: ignore[arg-type]
