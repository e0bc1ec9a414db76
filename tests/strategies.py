"""The project's test-only Hypothesis strategies: small valid datasets for the query tests, built straight
from the public record classes; and the vocabulary lookups the tests check answers against.

Names are words of lowercase letters, some with accents, so that every name
normalises to something and collisions are possible but rare. Places may have
ISO 3166-1 and M49 codes. Relations respect
the vocabulary's domain and range; every record cites the one source.
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs
from hypothesis import strategies as st

from eu_iot_coop import (
    PREDICATES,
    Citation,
    Dataset,
    Entity,
    Figure,
    Kind,
    PartialDate,
    Predicate,
    Records,
    Redirect,
    Relation,
    Source,
    When,
)
from eu_iot_coop._model import ENTITY_CLASSES

#: Forward predicates by name, from the public vocabulary.
BY_NAME: Final[dict[str, Predicate]] = {p.name: p for p in PREDICATES}
#: Every accepted predicate name, forward and inverse: its predicate and whether it reads forward.
DIRECTION: Final[dict[str, tuple[Predicate, bool]]] = {
    **{p.inverse: (p, False) for p in PREDICATES},
    **{p.name: (p, True) for p in PREDICATES},
}

CITES = (Citation("src", "section 1"),)
SOURCE = Source(
    id="src", title="A source", publisher="A publisher", url="https://example.org/", retrieved=PartialDate(2026)
)


def _required_choices(kind: Kind) -> dict[str, Any]:
    """A value for each enumerated field the kind's class requires: its ``other`` member, or its first."""
    cls = ENTITY_CLASSES[kind]
    hints = typing.get_type_hints(cls)
    return {
        field.name: next((m for m in hints[field.name] if m.value == "other"), next(iter(hints[field.name])))
        for field in attrs.fields(cls)
        if field.default is attrs.NOTHING
        and isinstance(hints[field.name], type)
        and issubclass(hints[field.name], enum.Enum)
    }


#: The code fields entities may have (a place's ISO 3166-1 and M49 codes, a project's grant number, a document's
#: or standard's reference) and what each looks like.
_CODES: dict[str, str] = {
    "iso_3166_1": r"[A-Z]{2}",
    "iso_3166_1_alpha3": r"[A-Z]{3}",
    "m49": r"[0-9]{3}",
    "grant_number": r"[1-9][0-9]{5}",
    "reference": r"COM\(20[0-2][0-9]\) [1-9][0-9]{0,2} final",
}

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöñ", min_size=3, max_size=9)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """A date of any precision between 2000 and 2030."""
    day = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@st.composite
def periods(draw: st.DrawFn) -> tuple[When | None, When | None]:
    """An optional start and an optional end that does not end before it starts."""
    start = draw(st.none() | partial_dates())
    end = draw(st.none() | partial_dates())
    if start is not None and end is not None and end.latest() < start.earliest():
        start, end = end, start
    return (None if start is None else When(start), None if end is None else When(end))


@st.composite
def entities(draw: st.DrawFn, number: int, kinds: tuple[Kind, ...] = tuple(Kind)) -> Entity:
    """Entity number *number*: a random kind (one of *kinds*), name, acronym, aliases and period."""
    kind = draw(st.sampled_from(kinds))
    name = draw(names)
    cls = ENTITY_CLASSES[kind]
    fields: dict[str, Any] = _required_choices(kind)
    start_field, end_field = cls.period_fields
    start, end = draw(periods())
    if start_field is not None:
        fields[start_field] = start
    if end_field is not None:
        fields[end_field] = end
    for code in cls.code_fields:
        fields[code] = draw(st.none() | st.from_regex(_CODES[code], fullmatch=True))
    acronym = draw(st.none() | words.map(str.upper))
    aliases = tuple(draw(st.lists(names, max_size=2)))
    slug = "".join(ch for ch in name.split()[0] if "a" <= ch <= "z") or "entity"
    return cls(
        id=f"{slug}-{number}",
        name=name,
        acronym=acronym,
        aliases=aliases,
        description="An entity.",
        citations=CITES,
        **fields,
    )


def _allowed(subject: Entity, object_: Entity) -> list[str]:
    return [p.name for p in PREDICATES if subject.kind in p.domain and object_.kind in p.range]


@st.composite
def records(draw: st.DrawFn, *, max_entities: int = 12, max_relations: int = 30) -> Records:
    """A whole valid set of records."""
    count = draw(st.integers(1, max_entities))
    members = [draw(entities(number)) for number in range(count)]
    relations: dict[str, Relation] = {}
    for _ in range(draw(st.integers(0, max_relations))):
        subject = draw(st.sampled_from(members))
        object_ = draw(st.sampled_from(members))
        allowed = _allowed(subject, object_)
        if not allowed:
            continue
        start, end = draw(periods())
        relation = Relation(
            subject=subject.id,
            predicate=draw(st.sampled_from(allowed)),
            object=object_.id,
            start=start,
            end=end,
            citations=CITES,
        )
        relations.setdefault(relation.key, relation)
    figures = tuple(
        Figure(
            id=f"figure-{number}",
            subject=draw(st.sampled_from(members)).id,
            quantity="members",
            value=number,
            unit="organisations",
            as_of=draw(st.none() | partial_dates().map(When)),
            citations=CITES,
        )
        for number in range(draw(st.integers(0, 4)))
    )
    redirects = tuple(
        Redirect(id=f"retired-{number}", replaced_by=draw(st.sampled_from(members)).id, reason="merged")
        for number in range(draw(st.integers(0, 2)))
    )
    return Records(
        sources=(SOURCE,),
        entities=tuple(members),
        relations=tuple(sorted(relations.values(), key=lambda r: (r.subject, r.predicate, r.object))),
        figures=figures,
        redirects=redirects,
    )


datasets: Callable[..., st.SearchStrategy[Dataset]] = lambda **options: records(**options).map(Dataset)  # noqa: E731
