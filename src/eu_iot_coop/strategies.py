"""Hypothesis strategies for every record class and for whole, valid datasets.

For property-based tests of code that consumes ``eu_iot_coop`` data. Needs the
``strategies`` extra (``python -m pip install '.[strategies]'`` from a checkout, or Hypothesis itself)::

    from hypothesis import given
    from eu_iot_coop import strategies as eis

    @given(eis.datasets())
    def test_every_relation_end_is_an_entity(dataset):
        ids = {e.id for e in dataset.records.entities}
        assert all(r.subject in ids and r.object in ids for r in dataset.records.relations)

Every strategy produces values that pass the library's own checks: ids match
the id pattern, texts are not blank, periods do not end before they start,
relations respect their predicate's domain and range, every citation
names a source of the same dataset, and a variant gives a valid value, other
than the record's own, for a field of a record of the same dataset.
"""

from __future__ import annotations

import calendar
import enum
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ._ingest import HIERARCHICAL, MAX_NUMBER, DataFile, build_records, fast_converter
from ._model import (
    ENTITY_CLASSES,
    FILE_NAMES,
    PREDICATES,
    REFUSED_CHARACTERS,
    Citation,
    Entity,
    Figure,
    Kind,
    PartialDate,
    Predicate,
    Qualifier,
    Record,
    Records,
    Redirect,
    Relation,
    Source,
    Variant,
    When,
    in_order,
    label,
    latest_in_order,
    visible,
)
from ._query import Dataset

__all__ = [
    "citations",
    "datasets",
    "entities",
    "figures",
    "ids",
    "partial_dates",
    "records",
    "redirects",
    "relations",
    "sources",
    "texts",
    "variants",
    "whens",
]

T = TypeVar("T")

_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def ids() -> st.SearchStrategy[str]:
    """Valid ids: lowercase letters and digits in one to three hyphen-separated parts, e.g. ``'x2-ab'``."""
    part = st.text(_ID_ALPHABET, min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=3).map("-".join)


# What no string of a record may hold: C0 control characters (tabs and line breaks too, outside free text), DEL.
_CONTROLS = "".join(map(chr, range(0x20))) + "\x7f"


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Visible text of any Unicode but surrogates and control characters, as names, descriptions and locators need.

    Each holds at least one visible character; invisible ones (zero-width space, fillers), combining marks and
    C1 controls may come along, since the data may hold them too.
    """
    alphabet = st.characters(exclude_categories=["Cs"], exclude_characters=_CONTROLS + REFUSED_CHARACTERS)
    return st.text(alphabet, min_size=1, max_size=max_size).filter(visible)


def partial_dates(*, min_year: int = 1950, max_year: int = 2050) -> st.SearchStrategy[PartialDate]:
    """Valid partial dates: a year, a year and month, or a real day (29 February only in leap years)."""

    @st.composite
    def build(draw: st.DrawFn) -> PartialDate:
        year = draw(st.integers(min_year, max_year))
        precision = draw(st.sampled_from(("year", "month", "day")))
        if precision == "year":
            return PartialDate(year)
        month = draw(st.integers(1, 12))
        if precision == "month":
            return PartialDate(year, month)
        return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))

    return build()


def whens() -> st.SearchStrategy[When]:
    """Dates with provenance: stated (plain) or inferred, with or without a note, sometimes with a ``latest`` bound."""

    @st.composite
    def build(draw: st.DrawFn) -> When:
        date = draw(partial_dates())
        latest = draw(st.none() | partial_dates())
        if latest is not None and not latest_in_order(date, latest):
            # An upper bound wholly before the date: the other way round it is a valid range.
            date, latest = latest, date
        return When(date, draw(st.booleans()), draw(st.one_of(st.just(""), texts())), latest=latest)

    return build()


def citations(source_ids: Sequence[str] | None = None) -> st.SearchStrategy[Citation]:
    """Citations; with ``source_ids``, citing only those sources."""
    source = st.sampled_from(list(source_ids)) if source_ids else ids()
    return st.builds(Citation, source, texts())


def sources(source_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources with any combination of optional fields."""
    return st.builds(
        Source,
        id=source_id if source_id is not None else ids(),
        title=texts(),
        title_inferred=st.booleans(),
        publisher=texts(),
        url=texts().map(lambda s: "https://example.org/" + s.strip()),
        published=st.none() | whens(),
        updated=st.none() | whens(),
        retrieved=partial_dates(),
        description=st.just("") | texts(),
        copy_of=st.just("") | texts(),
    )


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _field_strategy(name: str, annotation: Any, source_ids: Sequence[str] | None) -> st.SearchStrategy[Any]:
    special: dict[str, st.SearchStrategy[Any]] = {
        "acronym": _optional(texts(max_size=10)),
        "aliases": st.lists(texts(max_size=20), max_size=3).map(tuple),
        "citations": _cites(source_ids),
        "iso_3166_1": _optional(st.from_regex(r"[A-Z]{2}", fullmatch=True)),
        "iso_3166_1_alpha3": _optional(st.from_regex(r"[A-Z]{3}", fullmatch=True)),
        "m49": _optional(st.from_regex(r"[0-9]{3}", fullmatch=True)),
    }
    if name in special:
        return special[name]
    if annotation is str:
        return texts()
    if annotation == (When | None):
        return _optional(whens())
    if annotation == (str | None):
        return _optional(texts())
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation))
    raise TypeError(f"no strategy for the field {name!r} of type {annotation!r}")


def _ordered_period(kwargs: dict[str, Any], fields: tuple[str | None, str | None]) -> dict[str, Any]:
    # A period must not end before it starts: swap the ends when it would.
    start, end = fields
    if start is not None and end is not None and not in_order(kwargs.get(start), kwargs.get(end)):
        kwargs[start], kwargs[end] = kwargs[end], kwargs[start]
    return kwargs


def entities(
    kind: Kind | str | None = None,
    *,
    entity_id: st.SearchStrategy[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Entity]:
    """Entities of one kind, or of any kind; with ``source_ids``, citing only those sources.

    ::

        eis.entities("organisation")            # Organisation records
        eis.entities(source_ids=["eu-press"])   # any kind, all citing 'eu-press'
    """
    if kind is None:
        return st.sampled_from(list(Kind)).flatmap(lambda k: entities(k, entity_id=entity_id, source_ids=source_ids))
    cls = ENTITY_CLASSES[Kind(kind)]
    hints = typing.get_type_hints(cls)
    fields = {a.name: _field_strategy(a.name, hints[a.name], source_ids) for a in attrs.fields(cls) if a.name != "id"}
    fields["id"] = entity_id if entity_id is not None else ids()
    return st.fixed_dictionaries(fields).map(lambda kwargs: cls(**_ordered_period(kwargs, cls.period_fields)))


def _usable(predicate: Predicate, kinds: set[Kind]) -> bool:
    return bool(predicate.domain & kinds) and bool(predicate.range & kinds)


def relations(
    between: Sequence[Entity] | None = None, *, source_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Relation]:
    """Relations whose subject and object kinds their predicate allows.

    With ``between``, subject and object are drawn from those entities (which
    must allow at least one predicate); otherwise they are fresh ids.
    """
    if between is None:
        ends = ids()
        predicate_names = st.sampled_from([p.name for p in PREDICATES])
        return st.builds(_relation, ends, predicate_names, ends, _periods(), st.just("") | texts(), _cites(source_ids))
    pool = list(between)
    kinds = {e.kind for e in pool}
    usable = [p for p in PREDICATES if _usable(p, kinds)]
    if not usable:
        raise ValueError("no predicate allows any pair of these entities")

    @st.composite
    def build(draw: st.DrawFn) -> Relation:
        predicate = draw(st.sampled_from(usable))
        subject = draw(st.sampled_from([e.id for e in pool if e.kind in predicate.domain]))
        obj = draw(st.sampled_from([e.id for e in pool if e.kind in predicate.range]))
        period = draw(_periods())
        return _relation(subject, predicate.name, obj, period, draw(st.just("") | texts()), draw(_cites(source_ids)))

    # No entity is part_of (member_of, located_in) itself.
    return build().filter(lambda r: r.subject != r.object or r.predicate not in HIERARCHICAL)


def _periods() -> st.SearchStrategy[tuple[When | None, When | None]]:
    return st.tuples(_optional(whens()), _optional(whens())).map(_ordered_pair)


def _ordered_pair(pair: tuple[When | None, When | None]) -> tuple[When | None, When | None]:
    ordered = _ordered_period({"start": pair[0], "end": pair[1]}, Relation.period_fields)
    return (ordered["start"], ordered["end"])


def _cites(source_ids: Sequence[str] | None) -> st.SearchStrategy[tuple[Citation, ...]]:
    return st.lists(citations(source_ids), min_size=1, max_size=3).map(tuple)


def _relation(
    subject: str,
    predicate: str,
    obj: str,
    period: tuple[When | None, When | None],
    note: str,
    cites: tuple[Citation, ...],
) -> Relation:
    return Relation(
        subject=subject, predicate=predicate, object=obj, start=period[0], end=period[1], note=note, citations=cites
    )


def figures(
    subject_ids: Sequence[str] | None = None,
    *,
    figure_id: st.SearchStrategy[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Figure]:
    """Figures: whole or finite decimal values within ±(2**53 - 1), any qualifier; with ``subject_ids``, about those."""
    value = st.integers(-MAX_NUMBER, MAX_NUMBER) | st.floats(-MAX_NUMBER, MAX_NUMBER, width=64)
    return st.builds(
        Figure,
        id=figure_id if figure_id is not None else ids(),
        subject=st.sampled_from(list(subject_ids)) if subject_ids else ids(),
        quantity=texts(),
        value=value,
        unit=texts(max_size=15),
        as_of=_optional(whens()),
        qualifier=st.sampled_from(list(Qualifier)),
        projection=st.booleans(),
        note=st.just("") | texts(),
        citations=_cites(source_ids),
    )


def redirects(
    target_ids: Sequence[str] | None = None, *, redirect_id: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Redirect]:
    """Redirects from a retired id; with ``target_ids``, to one of those."""
    return st.builds(
        Redirect,
        id=redirect_id if redirect_id is not None else ids(),
        replaced_by=st.sampled_from(list(target_ids)) if target_ids else ids(),
        reason=texts(),
    )


#: Fields a generated variant leaves alone: identity, citations, and the figure's link to its entity.
_UNVARIED = frozenset({"id", "citations", "subject"})


def variants(
    targets: Sequence[Source | Entity | Figure] | None = None,
    *,
    variant_id: st.SearchStrategy[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Variant]:
    """Variants: another value for a field of a record, with a note or none and citations.

    With ``targets``, each variant is about one of those records and gives a
    value valid for the field, other than the record's own (as the integrity
    checks require); otherwise record and field are fresh and the value any JSON
    string or number.
    """
    ident = variant_id if variant_id is not None else ids()
    note = st.just("") | texts()
    if not targets:
        value = texts() | st.integers(-(10**6), 10**6)
        field = st.sampled_from(["name", "description", "founded", "value", "title"])
        return st.builds(
            Variant, id=ident, record=ids(), field=field, value=value, note=note, citations=_cites(source_ids)
        )
    pool = list(targets)

    @st.composite
    def build(draw: st.DrawFn) -> Variant | None:
        target = draw(st.sampled_from(pool))
        other = draw(_same_kind(target, source_ids))
        differing = [
            a.name
            for a in attrs.fields(type(target))
            if a.name not in _UNVARIED
            and getattr(other, a.name) is not None
            and getattr(other, a.name) != getattr(target, a.name)
        ]
        if not differing:  # the fresh record agrees with the target everywhere: rare, and filtered out below
            return None
        field = draw(st.sampled_from(differing))
        value = fast_converter().unstructure(getattr(other, field))
        return Variant(
            id=draw(ident),
            record=target.id,
            field=field,
            value=value,
            note=draw(note),
            citations=draw(_cites(source_ids)),
        )

    return build().filter(lambda variant: variant is not None)  # type: ignore[return-value]


def _same_kind(target: Source | Entity | Figure, source_ids: Sequence[str] | None) -> st.SearchStrategy[Any]:
    if isinstance(target, Entity):
        return entities(target.kind, entity_id=st.just(target.id), source_ids=source_ids)
    if isinstance(target, Figure):
        return figures([target.subject], figure_id=st.just(target.id), source_ids=source_ids)
    return sources(st.just(target.id))


@st.composite
def records(
    draw: st.DrawFn,
    *,
    max_entities: int = 12,
    max_relations: int = 16,
    max_figures: int = 4,
    max_redirects: int = 3,
    max_variants: int = 3,
) -> Records:
    """The content of a valid dataset: unique ids, existing ends and sources, allowed kinds, ordered periods, no cycles.

    ::

        @given(eis.records(max_entities=30))
        def test_something(records): ...
    """
    n_sources = draw(st.integers(1, 4))
    n_entities = draw(st.integers(1, max_entities))
    n_figures = draw(st.integers(0, max_figures))
    n_redirects = draw(st.integers(0, max_redirects))
    all_ids = draw(
        st.lists(ids(), min_size=n_sources + n_entities + n_figures + n_redirects, unique=True).map(
            lambda found: found[: n_sources + n_entities + n_figures + n_redirects]
        )
    )
    source_ids = all_ids[:n_sources]
    entity_ids = all_ids[n_sources : n_sources + n_entities]
    figure_ids = all_ids[n_sources + n_entities : n_sources + n_entities + n_figures]
    redirect_ids = all_ids[n_sources + n_entities + n_figures :]
    source_records = [draw(sources(st.just(i))) for i in source_ids]
    entity_records = [draw(entities(entity_id=st.just(i), source_ids=source_ids)) for i in entity_ids]
    kinds = {e.kind for e in entity_records}
    relation_records: dict[str, Relation] = {}
    if any(_usable(p, kinds) for p in PREDICATES):
        rank = {entity_id: index for index, entity_id in enumerate(entity_ids)}
        for relation in draw(st.lists(relations(entity_records, source_ids=source_ids), max_size=max_relations)):
            # A hierarchy only points down the list of entities, so it never forms a cycle.
            if relation.predicate not in HIERARCHICAL or rank[relation.subject] < rank[relation.object]:
                relation_records.setdefault(relation.key, relation)
    figure_records = [draw(figures(entity_ids, figure_id=st.just(i), source_ids=source_ids)) for i in figure_ids]
    redirect_records = [draw(redirects(entity_ids, redirect_id=st.just(i))) for i in redirect_ids]
    targets: list[Source | Entity | Figure] = [*source_records, *entity_records, *figure_records]
    variant_ids = draw(
        st.lists(ids().filter(lambda i: i not in all_ids), max_size=max_variants, unique=True)
        if max_variants
        else st.just([])
    )
    variant_records = [draw(variants(targets, variant_id=st.just(i), source_ids=source_ids)) for i in variant_ids]
    return Records(
        sources=source_records,
        entities=entity_records,
        relations=relation_records.values(),
        figures=figure_records,
        redirects=redirect_records,
        variants=variant_records,
    )


def datasets(**limits: int) -> st.SearchStrategy[Dataset]:
    """Valid datasets built from :func:`records` (same keyword limits), checked by the library's own rules."""
    return records(**limits).map(_checked_dataset)


def _checked_dataset(content: Records) -> Dataset:
    groups: dict[str, list[Any]] = {}
    everything: tuple[Record, ...] = (
        *content.sources,
        *content.entities,
        *content.relations,
        *content.figures,
        *content.redirects,
        *content.variants,
    )
    for record in everything:
        groups.setdefault(label(record), []).append(record)
    files = [DataFile(f"generated/{FILE_NAMES[kind]}", kind, tuple(found)) for kind, found in sorted(groups.items())]
    return Dataset(build_records(files))
