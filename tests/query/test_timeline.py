"""Time: the timeline and the dataset as of a date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import Dataset, Entity, Figure, Kind, PartialDate, Records, Relation, When
from eu_iot_coop.exceptions import QueryError
from eu_iot_coop.strategies import datasets as public_datasets

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


def _stands(start: When | None, end: When | None, day: datetime.date) -> bool:
    """The written definition: may have started by the day, and not surely ended before it."""
    started = start is None or start.date.earliest() <= day
    ended = end is not None and (end.latest or end.date).latest() < day
    return started and not ended


def _day(date: PartialDate | str | datetime.date) -> datetime.date:
    """The day a query date stands for: its last day."""
    return (PartialDate.parse(str(date)) if not isinstance(date, PartialDate) else date).latest()


@given(public_datasets(), st.one_of(partial_dates(), partial_dates().map(str), st.dates()))
def test_as_of_keeps_exactly_what_the_definition_keeps(ds: Dataset, date: PartialDate | str | datetime.date) -> None:
    """as_of() keeps what stands on the date's last day, and what hangs on it, by the written definition."""
    day = _day(date)
    then = ds.as_of(date)
    kept = {e.id for e in ds.records.entities if _stands(e.start, e.end, day)}
    assert {e.id for e in then.entities()} == kept
    assert {r.key for r in then.records.relations} == {
        r.key for r in ds.records.relations if r.subject in kept and r.object in kept and _stands(r.start, r.end, day)
    }
    assert {f.id for f in then.records.figures} == {
        f.id for f in ds.records.figures if f.subject in kept and _stands(f.as_of, None, day)
    }
    assert {v.record for v in then.records.variants} <= kept | {f.id for f in then.records.figures} | {
        s.id for s in ds.records.sources
    }
    for entity_id in kept:
        for _, neighbour, _ in then.neighbours(entity_id):
            assert neighbour.id in kept


def _ended_by(record: Entity | Relation, day: datetime.date) -> bool:
    return record.end is not None and (record.end.latest or record.end.date).latest() < day


@given(public_datasets(), partial_dates(), partial_dates())
def test_a_later_moment_keeps_everything_that_has_not_ended(ds: Dataset, a: PartialDate, b: PartialDate) -> None:
    """Monotonic: for moments a <= b, whatever stands at a and has not ended by b stands at b."""
    if a.latest() > b.latest():
        a, b = b, a
    earlier, later = ds.as_of(a), ds.as_of(b)
    day = b.latest()
    later_ids = {e.id for e in later.entities()}
    assert {e.id for e in earlier.entities() if not _ended_by(e, day)} <= later_ids
    later_keys = {r.key for r in later.records.relations}
    for relation in earlier.records.relations:
        ends = (ds.get(relation.subject), ds.get(relation.object))
        if not _ended_by(relation, day) and not any(_ended_by(end, day) for end in ends):
            assert relation.key in later_keys


@given(public_datasets(), partial_dates())
def test_a_year_or_month_means_its_last_day(ds: Dataset, date: PartialDate) -> None:
    """as_of("2017") is as_of("2017-12-31"), as_of("2017-03") is as_of("2017-03-31"): the same records."""
    year = PartialDate(date.year)
    assert ds.as_of(year).records == ds.as_of(year.latest()).records
    if date.month is not None:
        month = PartialDate(date.year, date.month)
        assert ds.as_of(month).records == ds.as_of(month.latest()).records
        assert ds.as_of(str(month)).records == ds.as_of(f"{month.latest():%Y-%m-%d}").records


@given(public_datasets(), st.dates())
def test_undated_records_are_always_there(ds: Dataset, day: datetime.date) -> None:
    """An entity, or a relation between kept entities, with neither start nor end is in every view."""
    then = ds.as_of(day)
    kept = {e.id for e in then.entities()}
    assert {e.id for e in ds.entities() if e.start is None and e.end is None} <= kept
    undated = {
        r.key
        for r in ds.records.relations
        if r.start is None and r.end is None and r.subject in kept and r.object in kept
    }
    assert undated <= {r.key for r in then.records.relations}


@pytest.mark.parametrize("bad", ["2016-13", "16", "last year", 2016, None])
def test_bad_dates_raise_query_error(bad: object) -> None:
    """A date that is not ISO 8601, a PartialDate or a datetime.date raises QueryError saying so."""
    ds = Dataset(Records())
    with pytest.raises(QueryError, match="date"):
        ds.as_of(bad)  # type: ignore[arg-type]
    if bad is not None:
        with pytest.raises(QueryError, match="since"):
            ds.timeline(since=bad)  # type: ignore[arg-type]


# --- rows: the timeline as a reader is shown it ---------------------------------------------------


def _dated(record: Entity | Relation | Figure) -> bool:
    return bool(_moments(record))


def _party(ds: Dataset, relation: Relation) -> bool:
    return relation.predicate == "party_to" and ds.get(relation.object).kind is Kind.AGREEMENT


@given(datasets())
def test_rows_are_in_date_order_and_hold_every_dated_record_once(ds: Dataset) -> None:
    """timeline_rows() is in date order, and each dated entity, relation and figure is in exactly one row."""
    rows = ds.timeline_rows()
    assert [row.date for row in rows] == sorted(row.date for row in rows)
    held = [identity for row in rows for identity in row.records]
    assert len(held) == len(set(held))
    records = [*ds.records.entities, *ds.records.relations, *ds.records.figures]
    dated = {r.key if isinstance(r, Relation) else r.id for r in records if _dated(r)}
    assert dated <= set(held)
    for row in rows:
        assert row.first.date == row.date
        assert row.date.earliest() <= row.last.latest()
        assert row.precision == row.date.precision
        assert row.inferred == any(w is not None and w.inferred for w in (row.start, row.end))


@given(datasets())
def test_agreements_never_produce_per_party_rows(ds: Dataset) -> None:
    """No row is an agreement's party_to or a founded relation; an entity's row names its parties and founders."""
    for row in ds.timeline_rows():
        if row.row_type == "relation":
            (key,) = row.records
            (relation,) = [r for r in ds.records.relations if r.key == key]
            assert not _party(ds, relation)
            assert relation.predicate != "founded"
            assert row.predicate == relation.predicate
        if row.row_type == "entity":
            entity = row.records[0]
            incoming = [r for r in ds.records.relations if r.object == entity]
            parties = [r for r in incoming if _party(ds, r)]
            founders = [r for r in incoming if r.predicate == "founded"]
            assert row.parties == tuple(ds.get(r.subject).name for r in parties)
            assert row.founders == tuple(ds.get(r.subject).name for r in founders)
            assert set(row.records[1:]) == {r.key for r in parties + founders}


@given(datasets(), st.none() | partial_dates(), st.none() | partial_dates(), st.sampled_from(list(Kind)))
def test_row_filters_keep_what_overlaps_and_what_is_about_the_kind(
    ds: Dataset, since: PartialDate | None, until: PartialDate | None, kind: Kind
) -> None:
    """Rows kept by since/until may overlap the window; rows kept by kind are about an entity of that kind."""
    every = ds.timeline_rows()
    window = ds.timeline_rows(since=since, until=until)
    expected = [
        row
        for row in every
        if (since is None or row.last.latest() >= since.earliest())
        and (until is None or row.date.earliest() <= until.latest())
    ]
    assert window == tuple(expected)
    for row in ds.timeline_rows(kind=kind):
        assert any(ds.get(entity).kind is kind for entity in row.entities)
    entity = ds.records.entities[0]
    assert ds.timeline_rows(entity=entity.id) == tuple(row for row in every if entity.id in row.entities)


@given(datasets())
def test_rows_name_entities_by_name(ds: Dataset) -> None:
    """A relation's row reads 'subject-name predicate object-name'; a figure's starts with its subject's name."""
    for row in ds.timeline_rows():
        if row.row_type == "relation":
            subject, object_ = (ds.get(identity) for identity in row.entities)
            assert row.text.startswith(subject.name + " ")
            assert row.text.endswith(" " + object_.name)
        elif row.row_type == "figure":
            assert row.figure is not None
            assert row.text == f"{ds.get(row.figure.subject).name}: {row.figure.quantity}"
            assert row.start == row.figure.as_of


def test_bundled_agreement_is_one_row_and_the_projection_is_marked() -> None:
    """The ITAC-AIOTI memorandum is one row with both parties; the 2020 market value is a marked projection."""
    ds = eu_iot_coop.load()
    (row,) = [r for r in ds.timeline_rows(entity="mou-itac-aioti-2017") if r.row_type == "entity"]
    assert set(row.parties) == {ds.get("itac").name, ds.get("aioti").name}
    assert "aioti:party_to:mou-itac-aioti-2017" in row.records
    projections = [r for r in ds.timeline_rows() if r.projection]
    assert projections
    (founding,) = [
        r
        for r in ds.timeline_rows(entity="industrial-internet-consortium")
        if r.records[0] == "industrial-internet-consortium"
    ]
    assert {"Intel", "IBM"} <= set(founding.founders)
    assert all(r.figure is not None and r.figure.projection for r in projections)
    assert "eu-iot-market-value-2020" in {r.records[0] for r in projections}


def _may_fall_in(entity: Entity, since: PartialDate | None, until: PartialDate | None) -> bool:
    """Written out independently: some day of the entity's span lies in the window (an undated one has none)."""
    first, last = entity.start or entity.end, entity.end or entity.start
    if first is None or last is None:
        return False
    first_day, last_day = first.date.earliest(), (last.latest or last.date).latest()
    return (since is None or last_day >= since.earliest()) and (until is None or first_day <= until.latest())


@given(public_datasets(), st.none() | partial_dates(), st.none() | partial_dates())
def test_entities_in_a_window_are_those_whose_span_may_fall_in_it(
    ds: Dataset, since: PartialDate | None, until: PartialDate | None
) -> None:
    """entities(since=, until=) keeps exactly the dated entities whose span may overlap the window, in record order."""
    kept = list(ds.entities(since=since, until=until))
    if since is None and until is None:
        assert kept == list(ds.records.entities)
    else:
        assert kept == [e for e in ds.records.entities if _may_fall_in(e, since, until)]


@given(public_datasets(), partial_dates(), partial_dates(), st.integers(0, 3000))
def test_a_wider_window_never_lists_fewer_entities(ds: Dataset, a: PartialDate, b: PartialDate, days: int) -> None:
    """Widening since/until by any number of days keeps every entity the narrower window kept."""
    since, until = min(a, b, key=PartialDate.earliest), max(a, b, key=PartialDate.latest)
    wider_since = PartialDate.parse((since.earliest() - datetime.timedelta(days=days)).isoformat())
    wider_until = PartialDate.parse(
        min(until.latest() + datetime.timedelta(days=days), datetime.date(9999, 1, 1)).isoformat()
    )
    narrow = {e.id for e in ds.entities(since=since, until=until)}
    assert narrow <= {e.id for e in ds.entities(since=wider_since, until=wider_until)}


@given(public_datasets())
def test_predicate_keeps_the_subjects_read_in_the_named_direction(ds: Dataset) -> None:
    """entities(predicate=P) are the entities with a relation P read from them, for forward and inverse names."""
    for name in ("party_to", "has_party", "member_of", "has_member", "cooperates_with"):
        expected = [e for e in ds.records.entities if next(ds.relations(subject=e, predicate=name), None) is not None]
        assert list(ds.entities(predicate=name)) == expected
