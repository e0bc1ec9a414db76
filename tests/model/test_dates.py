"""PartialDate: ordering, containment and parsing, checked as properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import PartialDate
from eu_iot_coop.strategies import partial_dates

dates = partial_dates(min_year=1990, max_year=2030)


@given(dates, dates)
def test_ordering_is_total_and_antisymmetric(a: PartialDate, b: PartialDate) -> None:
    """Exactly one of a < b, a == b, a > b holds."""
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (b <= a)


@given(dates, dates, dates)
def test_ordering_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """a <= b and b <= c imply a <= c."""
    if a <= b and b <= c:
        assert a <= c


@given(dates, dates)
def test_ordering_agrees_with_earliest_day(a: PartialDate, b: PartialDate) -> None:
    """A date that starts strictly earlier sorts first."""
    if a.earliest() < b.earliest():
        assert a < b


@given(dates)
def test_a_date_contains_itself(date: PartialDate) -> None:
    """Containment is reflexive."""
    assert date.contains(date)


@given(dates)
def test_a_year_contains_its_months_and_days(date: PartialDate) -> None:
    """The year (and the month) of a date contain it, and sort no later than it."""
    year = PartialDate(date.year)
    assert year.contains(date)
    assert year <= date
    if date.month is not None:
        assert PartialDate(date.year, date.month).contains(date)


@given(dates, dates, dates)
def test_containment_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """If a contains b and b contains c, a contains c."""
    if a.contains(b) and b.contains(c):
        assert a.contains(c)


@given(dates)
def test_parse_inverts_str(date: PartialDate) -> None:
    """Parsing the ISO text of a date gives the date back."""
    assert PartialDate.parse(str(date)) == date


@given(st.integers(1, 9999), st.integers(1, 12))
def test_month_precision(year: int, month: int) -> None:
    """A year-month date has month precision and covers the whole month."""
    date = PartialDate(year, month)
    assert date.precision == "month"
    assert date.earliest().day == 1
    assert date.latest().month == month


@pytest.mark.parametrize("text", ["2017-3-01", "17", "2017-02-30", "2017-13", "2017/03/01", " 2017", ""])
def test_parse_refuses_malformed_dates(text: str) -> None:
    """Anything but YYYY, YYYY-MM or a real YYYY-MM-DD is a ValueError."""
    with pytest.raises(ValueError):  # noqa: PT011 -- the message varies with the mistake
        PartialDate.parse(text)
