"""Time: the timeline and the dataset as of a date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset, Entity, Figure, Kind, PartialDate, Records, Relation, When
from eu_iot_coop.exceptions import QueryError

from ..strategies import datasets, partial_dates


def _moments(record: Entity | Relation | Figure) -> list[tuple[str, When]]:
    if isinstance(record, Figure):
        return [] if record.as_of is None else [("as_of", record.as_of)]
    return [(name, when) for name, when in (("start", record.start), ("end", record.end)) if when is not None]


@given(datasets(), st.none() | partial_dates(), st.none() | partial_dates())
def test_timeline_lists_every_dated_moment_in_order(
    ds: Dataset, since: PartialDate | None, until: PartialDate | None
) -> None:
    """timeline() lists each start, end and as-of date overlapping the window, in date order."""
    entries = ds.timeline(since=since, until=until)
    records = [*ds.records.entities, *ds.records.relations, *ds.records.figures]
    expected = {
        (id(record), name)
        for record in records
        for name, when in _moments(record)
        if (since is None or when.date.latest() >= since.earliest())
        and (until is None or when.date.earliest() <= until.latest())
    }
    assert {(id(e.record), e.event) for e in entries} == expected
    assert len(entries) == len(expected)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert all(e.when in [w for _, w in _moments(e.record)] and e.date == e.when.date for e in entries)


@given(datasets(), st.sampled_from(list(Kind)))
def test_timeline_of_one_kind_and_one_entity(ds: Dataset, kind: Kind) -> None:
    """timeline(kind=) keeps moments about that kind; timeline(entity=) those of one entity."""
    for entry in ds.timeline(kind=kind):
        record = entry.record
        if isinstance(record, Relation):
            assert kind in {ds.get(record.subject).kind, ds.get(record.object).kind}
        else:
            assert (record.kind if isinstance(record, Entity) else ds.get(record.subject).kind) is kind
    entity = ds.records.entities[0]
    for entry in ds.timeline(entity=entity.id):
        record = entry.record
        ends = {record.subject, record.object} if isinstance(record, Relation) else None
        assert record is entity or (ends and entity.id in ends) or getattr(record, "subject", None) == entity.id


def _current(start: When | None, end: When | None, date: PartialDate) -> bool:
    if start is not None and start.date.earliest() > date.latest():
        return False
    return not (end is not None and end.date.latest() < date.earliest())


@given(datasets(), st.one_of(partial_dates(), partial_dates().map(str), st.dates()))
def test_as_of_shows_only_what_stood_then(ds: Dataset, date: PartialDate | str | datetime.date) -> None:
    """as_of() drops exactly what surely started after or ended before the date, and what hung on it."""
    moment = PartialDate.parse(str(date)) if not isinstance(date, PartialDate) else date
    then = ds.as_of(date)
    kept = {e.id for e in ds.records.entities if _current(e.start, e.end, moment)}
    assert {e.id for e in then.entities()} == kept
    assert {r.key for r in then.records.relations} == {
        r.key
        for r in ds.records.relations
        if r.subject in kept and r.object in kept and _current(r.start, r.end, moment)
    }
    assert {f.id for f in then.records.figures} == {
        f.id for f in ds.records.figures if f.subject in kept and _current(f.as_of, None, moment)
    }
    for entity_id in kept:
        for _, neighbour, _ in then.neighbours(entity_id):
            assert neighbour.id in kept


@pytest.mark.parametrize("bad", ["2016-13", "16", "last year", 2016, None])
def test_bad_dates_raise_query_error(bad: object) -> None:
    """A date that is not ISO 8601, a PartialDate or a datetime.date raises QueryError saying so."""
    ds = Dataset(Records())
    with pytest.raises(QueryError, match="date"):
        ds.as_of(bad)  # type: ignore[arg-type]
    if bad is not None:
        with pytest.raises(QueryError, match="since"):
            ds.timeline(since=bad)  # type: ignore[arg-type]
