"""Succession (successors, predecessors, the name at a date) and meeting series (rounds), against brute force."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset, Records
from eu_iot_coop import strategies as eis
from eu_iot_coop._model import BY_NAME, SUCCESSION, Citation, Event, Organisation, PartialDate, Relation, When
from eu_iot_coop.exceptions import NotFoundError, QueryError

from ..profiles import examples

_CITE = (Citation("s", "paragraph 1"),)


def _body(number: int) -> Organisation:
    return Organisation(
        id=f"body-{number}", name=f"Body name {number}", description="A body.", citations=_CITE, category="other"
    )


def _renamed(earlier: int, later: int, start: When | None) -> Relation:
    note = "" if start is not None else "no page dates it"
    return Relation(
        subject=f"body-{earlier}",
        predicate="renamed_to",
        object=f"body-{later}",
        start=start,
        note=note,
        citations=_CITE,
    )


# A chain of renamings: body-0 renamed_to body-1 renamed_to ... each dated (year, month) after the last, or undated.
_STEPS = st.lists(st.tuples(st.integers(0, 30), st.booleans()), min_size=1, max_size=6)


def _chain(steps: list[tuple[int, bool]]) -> tuple[Dataset, list[PartialDate | None]]:
    dates: list[PartialDate | None] = []
    months = 1990 * 12
    relations = []
    for index, (gap, dated) in enumerate(steps):
        months += gap + 1
        date = PartialDate(months // 12, months % 12 + 1) if dated else None
        dates.append(date)
        relations.append(_renamed(index, index + 1, None if date is None else When(date)))
    bodies = [_body(number) for number in range(len(steps) + 1)]
    return Dataset(Records(entities=bodies, relations=relations)), dates


def _brute_force_name(start: int, dates: list[PartialDate | None], day: datetime.date) -> str:
    """The name read off the chain by hand: move later while the next renaming is dated on or before the day,
    else earlier while the previous renaming is dated after it; an undated renaming stops the reading."""
    position = start
    while position < len(dates) and dates[position] is not None and dates[position].earliest() <= day:
        position += 1
    if position == start:
        while position > 0 and dates[position - 1] is not None and dates[position - 1].earliest() > day:
            position -= 1
    return f"Body name {position}"


@examples(1)
@given(_STEPS, st.data())
def test_name_at_agrees_with_reading_the_chain_by_hand(steps: list[tuple[int, bool]], data: st.DataObject) -> None:
    """For any record of a chain of renamings and any day, name_at gives the name a reading by hand gives."""
    dataset, dates = _chain(steps)
    start = data.draw(st.integers(0, len(steps)))
    year = data.draw(st.integers(1988, 1996))
    month = data.draw(st.integers(1, 12))
    moment = PartialDate(year, month)
    expected = _brute_force_name(start, dates, moment.latest())
    assert dataset.name_at(f"body-{start}", moment) == expected
    assert dataset.name_at(f"body-{start}", str(moment)) == expected


@examples(1)
@given(_STEPS)
def test_successors_and_predecessors_walk_the_whole_chain(steps: list[tuple[int, bool]]) -> None:
    """From the first record every later one is a successor, nearest first; the last has all the others before it."""
    dataset, _ = _chain(steps)
    last = len(steps)
    assert [step.target.id for step in dataset.successors("body-0")] == [f"body-{n}" for n in range(1, last + 1)]
    assert [step.target.id for step in dataset.predecessors(f"body-{last}")] == [
        f"body-{n}" for n in range(last - 1, -1, -1)
    ]
    assert {step.predicate for step in dataset.predecessors(f"body-{last}")} == {"renamed_from"}
    assert dataset.successors(f"body-{last}") == ()


@examples(1)
@given(eis.datasets())
def test_generated_succession_chains_are_acyclic_and_dated_or_explained(dataset: Dataset) -> None:
    """In any valid dataset no record succeeds itself, and an undated succession says why in its note."""
    for entity in dataset.records.entities:
        assert entity.id not in {step.target.id for step in dataset.successors(entity)}
        assert entity.id not in {step.target.id for step in dataset.predecessors(entity)}
    for relation in dataset.records.relations:
        if relation.predicate in SUCCESSION:
            assert relation.start is not None or relation.note


@examples(1)
@given(eis.datasets())
def test_generated_rounds_come_in_order_and_once(dataset: Dataset) -> None:
    """Each series' meetings: numbered rounds ascending without repeats, then the unnumbered; all of that series."""
    for series in {e.series for e in dataset.records.entities if isinstance(e, Event) and e.series}:
        meetings = dataset.rounds(series)
        assert {e.id for e in meetings} == {
            e.id for e in dataset.records.entities if isinstance(e, Event) and e.series == series
        }
        numbers = [e.round for e in meetings if e.round is not None]
        assert numbers == sorted(set(numbers))
        assert [e.round is None for e in meetings] == sorted(e.round is None for e in meetings)


@examples(1)
@given(eis.datasets())
def test_generated_sides_are_of_kinds_their_predicate_allows(dataset: Dataset) -> None:
    """A generated side exists and is of a kind the relation's predicate takes as a side."""
    kinds = {e.id: e.kind for e in dataset.records.entities}
    for relation in dataset.records.relations:
        if relation.on_behalf_of is not None:
            assert kinds[relation.on_behalf_of] in BY_NAME[relation.predicate].sides


def test_an_undated_renaming_is_not_followed() -> None:
    """Nothing says on which side of a day an undated renaming falls: the record keeps its own name."""
    dataset = Dataset(Records(entities=[_body(0), _body(1)], relations=[_renamed(0, 1, None)]))
    assert dataset.name_at("body-0", "2030") == "Body name 0"
    assert dataset.name_at("body-1", "1900") == "Body name 1"


def test_a_renaming_counts_from_the_first_day_it_can_be() -> None:
    """A renaming dated by its month counts for the whole month, as as_of reads a start."""
    dataset = Dataset(Records(entities=[_body(0), _body(1)], relations=[_renamed(0, 1, When(PartialDate(2012, 7)))]))
    assert dataset.name_at("body-0", "2012-06-30") == "Body name 0"
    assert dataset.name_at("body-0", "2012-07") == "Body name 1"
    assert dataset.name_at("body-1", datetime.date(2012, 6, 30)) == "Body name 0"


def test_queries_refuse_what_they_cannot_read() -> None:
    """An unknown entity is a NotFoundError, a date that is not one a QueryError."""
    dataset = Dataset(Records(entities=[_body(0)]))
    with pytest.raises(NotFoundError):
        dataset.successors("nobody")
    with pytest.raises(NotFoundError):
        dataset.rounds("nobody")
    with pytest.raises(QueryError):
        dataset.name_at("body-0", "2012-13")
    assert dataset.rounds("body-0") == ()


def test_viewing_an_entity_without_succession_builds_no_adjacency() -> None:
    """show's view walks the successions only of an entity that has one, so it keeps show's cold path."""
    import eu_iot_coop

    dataset = Dataset(eu_iot_coop.load().records)
    view = dataset.view("aioti")
    assert (view.predecessors, view.successors) == ((), ())
    assert dataset._index._adjacency is None  # white-box: what is observable is only the time it saves
    renamed = Dataset(eu_iot_coop.load().records).view("dg-infso")
    assert [step.target.id for step in renamed.successors] == ["dg-connect"]
