"""Wording: how dates, periods, values with their units and field values read in English.

Records are read through their attributes; their classes are known here only as types, so that
the records themselves (a ``repr``, a notebook card) can call this wording.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeGuard, runtime_checkable

if TYPE_CHECKING:
    from eu_iot_coop._model import Citation, Entity, Figure, PartialDate, Source


@runtime_checkable
class Dated(Protocol):
    """What reads as a date with how it is known: a :class:`~eu_iot_coop.When`."""

    @property
    def date(self) -> PartialDate: ...
    @property
    def latest(self) -> PartialDate | None: ...
    @property
    def inferred(self) -> bool: ...
    @property
    def note(self) -> str: ...


_dated_types: dict[type, bool] = {}


def is_dated(value: object) -> TypeGuard[Dated]:
    """Whether *value* is :class:`Dated`, decided once per type: a protocol's own check reads every member each time."""
    cls = type(value)
    dated = _dated_types.get(cls)
    if dated is None:
        dated = _dated_types[cls] = isinstance(value, Dated)
    return dated


def when_text(when: Dated | None, *, notes: bool = True) -> str:
    """A date as the data gives it: ``2015-03``, or ``2012-09 to 2013-12`` for a range.

    With ``notes``, how it is known follows: ``(inferred: how)``, ``(inferred)`` or ``(note)``; a date
    without such a mark is stated by its source.
    """
    if when is None:
        return ""
    text = str(when.date) if when.latest is None else f"{when.date} to {when.latest}"
    detail = ": ".join(part for part in ("inferred" if when.inferred else "", when.note if notes else "") if part)
    return f"{text} ({detail})" if notes and detail else text


def period_text(start: Dated | None, end: Dated | None, *, notes: bool = True) -> str:
    """``start``, ``start to end`` or ``until end``, each date as :func:`when_text` writes it.

    When either end is itself a range (``2012-09 to 2013-12``), the two are joined with ``until``
    instead, so that the range still reads as one date: ``from 2012-09 to 2013-12 until 2015``.
    """
    return _period(start, end, lambda when: when_text(when, notes=notes))


def marked_period(start: Dated | None, end: Dated | None) -> str:
    """A period for a table cell, as :func:`period_text` joins it, each date as :func:`marked_text` writes it."""
    return _period(start, end, lambda when: marked_text(when) or "")


def _period(start: Dated | None, end: Dated | None, write: Callable[[Dated], str]) -> str:
    if start is None:
        return "" if end is None else f"until {write(end)}"
    if end is None:
        return write(start)
    if start.latest is not None or end.latest is not None:
        return f"from {write(start)} until {write(end)}"
    return f"{write(start)} to {write(end)}"


def known_text(when: Dated | None) -> str:
    """A date with its precision and whether its source states it: ``2017-03 (month; stated)``, ``not stated``."""
    if when is None:
        return "not stated"
    precision = when.date.precision if when.latest is None else "range"
    how = "inferred" if when.inferred else "stated"
    note = f": {when.note}" if when.note else ""
    return f"{when_text(when, notes=False)} ({precision}; {how}{note})"


def marked_text(when: Dated | None) -> str | None:
    """A date for a table cell: without its note, ``~`` after one that is inferred; ``None`` for no date."""
    return None if when is None else when_text(when, notes=False) + ("~" if when.inferred else "")


#: A figure's qualifier as words before its value, by the qualifier's value.
QUALIFIER_WORDS: Final[Mapping[str, str]] = MappingProxyType(
    {"exact": "", "approximately": "about ", "more_than": "more than ", "less_than": "less than "}
)


def value_text(figure: Figure) -> str:
    """A figure's value as a reader says it: ``about 160 companies``, ``less than 1 year``."""
    return f"{QUALIFIER_WORDS[figure.qualifier.value]}{figure.value:,} {unit_text(figure.value, figure.unit)}"


def figure_value(figure: Figure) -> str:
    """``about 1,000 members``, ``less than 1 year``; a forecast ends in `` (projection)``."""
    return value_text(figure) + (" (projection)" if figure.projection else "")


# Units are written in the plural in the data ("years", "people", "EUR"); these do not follow the rules.
_IRREGULAR: Final = {
    "people": "person",
    "children": "child",
    "series": "series",
    "species": "species",
    "staff": "staff",
}


def unit_text(value: float, unit: str) -> str:
    """*unit* (a plural, as the data writes units) as it reads after *value*: singular for exactly one."""
    if abs(value) != 1:
        return unit
    return " ".join(singular(word) for word in unit.split(" "))


def singular(word: str) -> str:
    """The singular of an English plural *word*; a word that is not a plural (``EUR``, ``and``) unchanged."""
    lower = word.lower()
    if lower in _IRREGULAR:
        one = _IRREGULAR[lower]
        return one.capitalize() if word[0].isupper() else one
    if word.isupper() or len(word) < 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]


def field_text(value: Any) -> str:
    """A field's value as a person reads it: a date with how it is known, an enum by value, a list joined by commas."""
    if is_dated(value):
        return when_text(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(field_text(item) for item in value)
    return str(value)


def disputed_text(value: object) -> str:
    """A value sources disagree on: ``(not stated)`` for none, ``yes`` or ``no``, a date with its note."""
    if value is None:
        return "(not stated)"
    if is_dated(value):
        return when_text(value)
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))


def disputed_field(record: Entity | Figure | Source, field: str) -> str:
    """The field sources disagree on, as a table shows it: a figure's prefixed by its quantity."""
    return f"{record.quantity}: {field}" if record.record_type == "figure" else field  # type: ignore[union-attr]


def name_text(entity: Entity) -> str:
    """``Name (ACRONYM)``, or just the name when there is no acronym or it is the name itself."""
    return f"{entity.name} ({entity.acronym})" if entity.acronym and entity.acronym != entity.name else entity.name


def tagged_text(name: str, language: str) -> str:
    """A name in another language with its tag: ``IoT推進コンソーシアム [ja]``."""
    return f"{name} [{language}]"


def identifier_text(scheme: str, value: str) -> str:
    """An identifier with its scheme: ``doi 10.1109/MS.2017.2``."""
    return f"{scheme} {value}"


def suggestion_text(name: str, identifier: str) -> str:
    """``name (id)``, or just the id when the name matched is the id itself."""
    return identifier if name == identifier else f"{name} ({identifier})"


def source_ids_text(citations: Sequence[Citation]) -> str:
    """The sources cited, each once, in citation order, by id: ``source-a, source-b``."""
    return ", ".join(dict.fromkeys(citation.source for citation in citations))


def citations_text(citations: Sequence[Citation]) -> str:
    """``source-id: locator; ...``: locators hold parentheses of their own, so none are added."""
    return "; ".join(f"{citation.source}: {citation.locator}" for citation in citations)
