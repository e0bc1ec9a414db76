"""Time: the timeline and the dataset as of a date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
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
