"""The project's test-only Hypothesis strategies: small valid datasets for the query tests, built straight
from the public record classes; and the vocabulary lookups the tests check answers against.

Names are words of lowercase letters, some with accents, so that every name
normalises to something and collisions are possible but rare. Places may have
ISO 3166-1 and M49 codes. Relations respect
the vocabulary's domain and range; every record cites the one source.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Final

from hypothesis import strategies as st

from eu_iot_coop import (
    PREDICATES,
    Agreement,
    AgreementType,
    Citation,
    Dataset,
    Document,
    DocumentType,
    Entity,
    Event,
    EventType,
    Figure,
    Kind,
    Organisation,
    OrganisationCategory,
    PartialDate,
    Person,
    Place,
    PlaceType,
    Predicate,
    Programme,
    ProgrammeType,
    Project,
    Records,
    Redirect,
    Relation,
    Source,
    Standard,
    Topic,
    TopicType,
    When,
)

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

# Keyword arguments each kind needs, and the names of its start and end fields.
_REQUIRED: dict[Kind, dict[str, Any]] = {
    Kind.ORGANISATION: {"category": OrganisationCategory.OTHER},
    Kind.PLACE: {"place_type": PlaceType.COUNTRY},
    Kind.AGREEMENT: {"agreement_type": AgreementType.OTHER},
    Kind.DOCUMENT: {"document_type": DocumentType.OTHER},
    Kind.PROGRAMME: {"programme_type": ProgrammeType.OTHER},
    Kind.EVENT: {"event_type": EventType.OTHER},
    Kind.TOPIC: {"topic_type": TopicType.OTHER},
}
_PERIOD: dict[Kind, tuple[str | None, str | None]] = {
    Kind.ORGANISATION: ("founded", "dissolved"),
    Kind.AGREEMENT: ("signed", "expires"),
    Kind.DOCUMENT: ("published", None),
    Kind.PROGRAMME: ("started", "ended"),
    Kind.PROJECT: ("started", "ended"),
    Kind.STANDARD: ("published", None),
    Kind.EVENT: ("started", "ended"),
}
_CLASSES: dict[Kind, type[Entity]] = {
    cls.kind: cls
    for cls in (Organisation, Person, Place, Agreement, Document, Programme, Project, Standard, Event, Topic)
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
def entities(draw: st.DrawFn, number: int) -> Entity:
    """Entity number *number*: a random kind, name, acronym, aliases and period."""
    kind = draw(st.sampled_from(list(Kind)))
    name = draw(names)
    fields: dict[str, Any] = dict(_REQUIRED.get(kind, {}))
    start_field, end_field = _PERIOD.get(kind, (None, None))
    start, end = draw(periods())
    if start_field is not None:
        fields[start_field] = start
    if end_field is not None:
        fields[end_field] = end
    if kind is Kind.PLACE:
        fields["iso_3166_1"] = draw(st.none() | st.from_regex(r"[A-Z]{2}", fullmatch=True))
        fields["iso_3166_1_alpha3"] = draw(st.none() | st.from_regex(r"[A-Z]{3}", fullmatch=True))
        fields["m49"] = draw(st.none() | st.from_regex(r"[0-9]{3}", fullmatch=True))
    acronym = draw(st.none() | words.map(str.upper))
    aliases = tuple(draw(st.lists(names, max_size=2)))
    slug = "".join(ch for ch in name.split()[0] if "a" <= ch <= "z") or "entity"
    return _CLASSES[kind](
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
