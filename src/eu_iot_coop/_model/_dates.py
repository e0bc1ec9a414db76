"""Partial dates: a year, a year and month, or a full day, as written in ISO 8601."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Literal, TypeGuard

import attrs

if TYPE_CHECKING:
    import datetime

Precision = Literal["year", "month", "day"]

# ASCII digits only: \d would match Arabic-Indic and full-width digits too.
_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _days_in(year: int, month: int) -> int:
    # Deliberately lazy: records unpickled from the bundled artefact run no validator, so cold start skips calendar.
    import calendar

    return calendar.monthrange(year, month)[1]


def _check_year(instance: PartialDate, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 9999:
        raise ValueError(f"year {value:04d} is not a year a date can have: years run from 0001 to 9999 (no year 0)")


def _check_month(instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"month {value} is not between 1 and 12")


def _check_day(instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        raise ValueError("a day needs a month")
    last = _days_in(instance.year, instance.month)
    if not 1 <= value <= last:
        raise ValueError(f"day {value} is not between 1 and {last} in {instance.year:04d}-{instance.month:02d}")


@attrs.frozen(order=False)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordered by the first day each date covers, coarser first on ties, so that a
    year sorts before its months and a month before its days:

    >>> sorted(PartialDate.parse(s) for s in ["2017-03-20", "2017", "2016-12", "2017-03"])
    [PartialDate('2016-12'), PartialDate('2017'), PartialDate('2017-03'), PartialDate('2017-03-20')]
    >>> PartialDate.parse("2017-03").contains(PartialDate.parse("2017-03-20"))
    True
    """

    year: int = attrs.field(validator=_check_year)
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`ValueError` otherwise."""
        if not isinstance(text, str):
            raise TypeError(f"expected a date string such as '2017-03-20', got {type(text).__name__}")
        match = _PATTERN.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r} is not an ISO 8601 date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), None if month is None else int(month), None if day is None else int(day))

    @classmethod
    def from_date(cls, value: datetime.date) -> PartialDate:
        """The day of a :class:`datetime.date`."""
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def earliest(self) -> datetime.date:
        """The first day this date covers."""
        # Deliberately lazy, like calendar: loading and looking up make no date object, and importing datetime
        # is a millisecond of every cold start.
        import datetime

        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        """The last day this date covers."""
        import datetime

        month = self.month or 12
        day = self.day or _days_in(self.year, month)
        return datetime.date(self.year, month, day)

    def contains(self, other: PartialDate) -> bool:
        """Whether every day of *other* falls within this date."""
        return self.earliest() <= other.earliest() and other.latest() <= self.latest()

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


def as_partial_date(value: PartialDate | datetime.date | str) -> PartialDate:
    """Accept a :class:`PartialDate`, a :class:`datetime.date` or an ISO string."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str) or not is_date(value):
        return PartialDate.parse(value)  # type: ignore[arg-type]  # refuses a non-string, naming its type
    return PartialDate.from_date(value)


def is_date(value: object) -> TypeGuard[datetime.date]:
    """Whether *value* is a :class:`datetime.date` (or a :class:`datetime.datetime`), without importing datetime.

    No date object exists before the module is imported, so an unimported module answers "no".
    """
    module = sys.modules.get("datetime")
    return module is not None and isinstance(value, module.date)
