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
relations respect their predicate's domain and range, relate two different
entities, state a symmetric relation once and are dated within their ends'
lifetimes (between their drawn entities), every citation
names a source of the same dataset, and a variant gives a valid value, other
than the record's own, for a field of a record of the same dataset.

Every strategy is built once: drawing a dataset draws plain values from
strategies made at first use and then points ids and citations at the
records drawn beside them, so an example costs milliseconds, not the
construction of a fresh strategy per record.
"""

from __future__ import annotations

import calendar
import enum
import functools
import typing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ._ingest import HIERARCHICAL, MAX_NUMBER, DataFile, build_records, fast_converter
from ._model import (
    BY_NAME,
    ENTITY_CLASSES,
    FILE_NAMES,
    PREDICATES,
    REFUSED_CHARACTERS,
    SCHEMES,
    SERIES_KINDS,
    Citation,
    Entity,
    Event,
    Figure,
    Identifier,
    Kind,
    LanguageName,
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
    outside_lifetime,
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
_IDS = st.lists(st.text(_ID_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3).map("-".join)


def ids() -> st.SearchStrategy[str]:
    """Valid ids: lowercase letters and digits in one to three hyphen-separated parts, e.g. ``'x2-ab'``."""
    return _IDS


# What no string of a record may hold: C0 control characters (tabs and line breaks too, outside free text), DEL.
_CONTROLS = "".join(map(chr, range(0x20))) + "\x7f"
_ANY_CHARACTER = st.characters(exclude_categories=["Cs"], exclude_characters=_CONTROLS + REFUSED_CHARACTERS)
# Letters, digits, punctuation and symbols always show, but for the blank fillers that ``visible`` knows of.
_SHOWN_CHARACTER = st.characters(categories=["L", "N", "P", "S"], exclude_characters="\u115f\u1160\u3164\uffa0\u2800")


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Visible text of any Unicode the data may hold, as names, descriptions and locators need.

    Each holds at least one visible character, placed among characters of any other kind the loader accepts:
    fillers, combining marks and unassigned code points may come along; surrogates, control characters and
    the characters the loader refuses because they show other than they are (bidirectional controls,
    zero-width characters, line separators, noncharacters) never do. No draw is rejected.
    """
    if max_size < 1:
        raise ValueError("texts need room for one visible character: max_size must be at least 1")
    return _texts(max_size)


@functools.cache
def _texts(max_size: int) -> st.SearchStrategy[str]:
    rest = st.text(_ANY_CHARACTER, max_size=max_size - 1)
    positions = st.integers(0, max_size - 1)

    def draw_text(draw: st.DrawFn) -> str:
        text = draw(rest)
        position = draw(positions) % (len(text) + 1)
        return text[:position] + draw(_SHOWN_CHARACTER) + text[position:]

    return st.composite(draw_text)()


# Drawers draw a value straight from strategies made once: a record's fields are drawn without a strategy per
# field and per record (fixed dictionaries, one_of and tuples each add a layer to every draw).
Drawer = Callable[[st.DrawFn], Any]
_COIN = st.booleans()
_MONTHS = st.integers(1, 12)
_DAYS = st.integers(1, 31)
_PRECISIONS = st.sampled_from(("year", "month", "day"))


def _of(strategy: st.SearchStrategy[Any]) -> Drawer:
    return lambda draw: draw(strategy)


def _maybe(drawer: Drawer, absent: Any = None) -> Drawer:
    return lambda draw: drawer(draw) if draw(_COIN) else absent


def _draw_fields(draw: st.DrawFn, drawers: dict[str, Drawer]) -> dict[str, Any]:
    return {name: drawer(draw) for name, drawer in drawers.items()}


def _draw_partial_date(draw: st.DrawFn, years: st.SearchStrategy[int]) -> PartialDate:
    year = draw(years)
    precision = draw(_PRECISIONS)
    if precision == "year":
        return PartialDate(year)
    month = draw(_MONTHS)
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, min(draw(_DAYS), calendar.monthrange(year, month)[1]))


@functools.cache
def _years(min_year: int, max_year: int) -> st.SearchStrategy[int]:
    return st.integers(min_year, max_year)


def partial_dates(*, min_year: int = 1950, max_year: int = 2050) -> st.SearchStrategy[PartialDate]:
    """Valid partial dates: a year, a year and month, or a real day (29 February only in leap years)."""
    return _partial_dates(min_year, max_year)


@functools.cache
def _partial_dates(min_year: int, max_year: int) -> st.SearchStrategy[PartialDate]:
    years = _years(min_year, max_year)
    return st.composite(lambda draw: _draw_partial_date(draw, years))()


_DATE_YEARS = _years(1950, 2050)
_draw_note = _maybe(_of(texts()), "")


def _draw_when(draw: st.DrawFn) -> When:
    date = _draw_partial_date(draw, _DATE_YEARS)
    latest = _draw_partial_date(draw, _DATE_YEARS) if draw(_COIN) else None
    if latest is not None and not latest_in_order(date, latest):
        # An upper bound wholly before the date: the other way round it is a valid range.
        date, latest = latest, date
    return When(date, draw(_COIN), _draw_note(draw), latest=latest)


_draw_optional_when = _maybe(_draw_when)
_WHENS = st.composite(_draw_when)()


def whens() -> st.SearchStrategy[When]:
    """Dates with provenance: stated (plain) or inferred, with or without a note, sometimes with a ``latest`` bound."""
    return _WHENS


_LOCATORS = texts()
# Which of a dataset's sources a citation names: an index, wrapped round the number of sources.
_PICKS = st.integers(0, 255)
_CITATION_COUNT = st.integers(1, 3)


def _pick(draw: st.DrawFn, choices: Sequence[T]) -> T:
    return choices[draw(_PICKS) % len(choices)]


def _draw_citation(draw: st.DrawFn, source_ids: Sequence[str] | None) -> Citation:
    source = _pick(draw, source_ids) if source_ids else draw(_IDS)
    return Citation(source, draw(_LOCATORS))


def _draw_citations(draw: st.DrawFn, source_ids: Sequence[str] | None) -> tuple[Citation, ...]:
    return tuple(_draw_citation(draw, source_ids) for _ in range(draw(_CITATION_COUNT)))


def citations(source_ids: Sequence[str] | None = None) -> st.SearchStrategy[Citation]:
    """Citations; with ``source_ids``, citing only those sources."""
    chosen = tuple(source_ids) if source_ids else None
    return st.composite(lambda draw: _draw_citation(draw, chosen))()


_SOURCE_FIELDS: dict[str, Drawer] = {
    "title": _of(texts()),
    "title_inferred": _of(_COIN),
    "publisher": _of(texts()),
    "url": lambda draw: "https://example.org/" + draw(texts()).strip(),
    "published": _draw_optional_when,
    "updated": _draw_optional_when,
    "retrieved": lambda draw: _draw_partial_date(draw, _DATE_YEARS),
    "description": _draw_note,
    "copy_of": _draw_note,
}


def _draw_source(draw: st.DrawFn, source_id: str) -> Source:
    return Source(id=source_id, **_draw_fields(draw, _SOURCE_FIELDS))


def sources(source_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources with any combination of optional fields."""
    ident = source_id if source_id is not None else _IDS
    return st.composite(lambda draw: _draw_source(draw, draw(ident)))()


# Fields whose values follow a pattern of their own, not just their type.
_SPECIAL_FIELDS: dict[str, Drawer] = {
    "acronym": _maybe(_of(texts(max_size=10))),
    "aliases": _of(st.lists(texts(max_size=20), max_size=3).map(tuple)),
    "iso_3166_1": _maybe(_of(st.from_regex(r"[A-Z]{2}", fullmatch=True))),
    "iso_3166_1_alpha3": _maybe(_of(st.from_regex(r"[A-Z]{3}", fullmatch=True))),
    "m49": _maybe(_of(st.from_regex(r"[0-9]{3}", fullmatch=True))),
}


def _field_drawer(name: str, annotation: Any) -> Drawer:
    if name in _SPECIAL_FIELDS:
        return _SPECIAL_FIELDS[name]
    if annotation is str:
        return _of(texts())
    if annotation == (When | None):
        return _draw_optional_when
    if annotation == (str | None):
        return _maybe(_of(texts()))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _of(st.sampled_from(list(annotation)))
    raise TypeError(f"no strategy for the field {name!r} of type {annotation!r}")


@functools.cache
def _entity_fields(kind: Kind) -> dict[str, Drawer]:
    # Every field of the kind's class but its id and citations, which the caller points at other records.
    cls = ENTITY_CLASSES[kind]
    hints = typing.get_type_hints(cls)
    return {a.name: _field_drawer(a.name, hints[a.name]) for a in attrs.fields(cls) if a.name not in _POINTERS}


# An event's series and round point at another entity and are numbered per series: records() draws them.
_POINTERS = frozenset({"id", "citations", "names_in_languages", "identifiers", "series", "round"})
_KINDS = st.sampled_from(list(Kind))

# Names in other languages: any text, or text in the scripts written without spaces, which search treats apart.
# Letters only (kana, Han, Hangul syllables): the ranges also hold combining marks and unassigned code points,
# which alone would make an invisible name.
_UNSPACED_NAMES = st.text(
    st.characters(categories=["Lo"], min_codepoint=0x3041, max_codepoint=0x30FA)
    | st.characters(categories=["Lo"], min_codepoint=0x4E00, max_codepoint=0x9FA5)
    | st.characters(categories=["Lo"], min_codepoint=0xAC00, max_codepoint=0xD7A3),
    min_size=1,
    max_size=12,
)
_LANGUAGE_NAMES = texts(max_size=20) | _UNSPACED_NAMES
# A tag drawn part by part (language, then an optional script and region): a regular expression strategy would
# cost ten times as much per draw. Each part keeps the rule of ``LANGUAGE_TAG``; a test holds them together.
_LANGUAGES = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=3)
_SCRIPTS = st.sampled_from(("", "", "-Hans", "-Hant", "-Latn", "-Jpan", "-Kore", "-Cyrl"))
_REGIONS = st.sampled_from(("", "", "-BR", "-JP", "-KR", "-CN", "-TW", "-US", "-419"))
# Most entities have no name in another language and no identifier; some have one or two.
_NAME_COUNT = st.sampled_from((0, 0, 1, 2))
_IDENTIFIER_COUNT = st.sampled_from((0, 0, 0, 1, 2))


def _draw_language_tag(draw: st.DrawFn) -> str:
    return draw(_LANGUAGES) + draw(_SCRIPTS) + draw(_REGIONS)


def _draw_language_names(draw: st.DrawFn, source_ids: Sequence[str] | None) -> tuple[LanguageName, ...]:
    return tuple(
        LanguageName(
            name=draw(_LANGUAGE_NAMES),
            language=_draw_language_tag(draw),
            citations=_draw_citations(draw, source_ids),
        )
        for _ in range(draw(_NAME_COUNT))
    )


@functools.cache
def _identifier_values(kind: Kind) -> tuple[tuple[str, st.SearchStrategy[str]], ...]:
    # Each scheme a kind may carry, with a strategy of its well-formed values, made once per kind.
    return tuple(
        (scheme.name, st.from_regex(scheme.pattern, fullmatch=True)) for scheme in SCHEMES if kind in scheme.kinds
    )


def _draw_identifiers(draw: st.DrawFn, kind: Kind, source_ids: Sequence[str] | None) -> tuple[Identifier, ...]:
    schemes = _identifier_values(kind)
    if not schemes:
        return ()
    drawn = []
    for _ in range(draw(_IDENTIFIER_COUNT)):
        scheme, values = _pick(draw, schemes)
        drawn.append(Identifier(scheme=scheme, value=draw(values), citations=_draw_citations(draw, source_ids)))
    return tuple(drawn)


def _ordered_period(kwargs: dict[str, Any], fields: tuple[str | None, str | None]) -> dict[str, Any]:
    # A period must not end before it starts: swap the ends when it would.
    start, end = fields
    if start is not None and end is not None and not in_order(kwargs.get(start), kwargs.get(end)):
        kwargs[start], kwargs[end] = kwargs[end], kwargs[start]
    return kwargs


def _draw_entity(draw: st.DrawFn, kind: Kind, entity_id: str, source_ids: Sequence[str] | None) -> Entity:
    cls = ENTITY_CLASSES[kind]
    kwargs = _draw_fields(draw, _entity_fields(kind))
    kwargs.update(
        id=entity_id,
        citations=_draw_citations(draw, source_ids),
        names_in_languages=_draw_language_names(draw, source_ids),
        identifiers=_draw_identifiers(draw, kind, source_ids),
    )
    return cls(**_ordered_period(kwargs, cls.period_fields))


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
    kinds = _KINDS if kind is None else st.just(Kind(kind))
    ident = entity_id if entity_id is not None else _IDS
    chosen = tuple(source_ids) if source_ids else None
    return st.composite(lambda draw: _draw_entity(draw, draw(kinds), draw(ident), chosen))()


def _periods_in_order(pair: tuple[When | None, When | None]) -> tuple[When | None, When | None]:
    ordered = _ordered_period({"start": pair[0], "end": pair[1]}, Relation.period_fields)
    return (ordered["start"], ordered["end"])


def _within(when: When | None, ends: Sequence[Entity]) -> When | None:
    # A relation's date inside its ends' lifetimes: as drawn if it is; else the latest of their starts, or the
    # earliest of their ends, if that one is; else none (lifetimes that never meet leave the relation undated).
    if when is None or all(outside_lifetime(when, end) is None for end in ends):
        return when
    starts = [e.start for e in ends if e.start is not None]
    stops = [e.end for e in ends if e.end is not None]
    candidates = []
    if starts:
        candidates.append(max(starts, key=lambda w: w.date.earliest()))
    if stops:
        candidates.append(min(stops, key=lambda w: (w.latest or w.date).latest()))
    for candidate in candidates:
        if all(outside_lifetime(candidate, end) is None for end in ends):
            return candidate
    return None


_PREDICATE_NAMES = st.sampled_from([p.name for p in PREDICATES])
_SYMMETRIC = frozenset(p.name for p in PREDICATES if p.symmetric)


# The note an undated succession carries when the drawn note is empty (the integrity rules ask for one).
_UNDATED_SUCCESSION = "no page dates it"


def _relation(
    subject: str,
    predicate: str,
    obj: str,
    draw: st.DrawFn,
    source_ids: Sequence[str] | None,
    ends: Sequence[Entity] = (),
    sides: Sequence[str] = (),
) -> Relation:
    drawn = (_within(_draw_optional_when(draw), ends), _within(_draw_optional_when(draw), ends))
    start, end = _periods_in_order(drawn)
    note = _draw_note(draw)
    known = BY_NAME.get(predicate)
    if known is not None and known.succession and start is None and not note:
        note = _UNDATED_SUCCESSION
    side: str | None = None
    if sides:
        side = _pick(draw, sides) if draw(_COIN) else None
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        start=start,
        end=end,
        on_behalf_of=side,
        note=note,
        citations=_draw_citations(draw, source_ids),
    )


@attrs.frozen
class _Ends:
    """The entities of a pool a predicate allows as subject and as object, and where each stands among the objects."""

    predicate: Predicate
    subjects: tuple[Entity, ...]
    objects: tuple[Entity, ...]
    object_index: dict[str, int]
    #: The ids of the entities a relation of the predicate may be held on behalf of.
    sides: tuple[str, ...]

    @classmethod
    def of(cls, predicate: Predicate, pool: Sequence[Entity]) -> _Ends:
        objects = tuple(e for e in pool if e.kind in predicate.range)
        subjects = tuple(e for e in pool if e.kind in predicate.domain)
        sides = tuple(e.id for e in pool if e.kind in predicate.sides)
        return cls(predicate, subjects, objects, {e.id: i for i, e in enumerate(objects)}, sides)

    @property
    def usable(self) -> bool:
        """Whether two different entities can be its ends: no entity has a relation with itself."""
        if not self.subjects or not self.objects:
            return False
        return not (len(self.subjects) == len(self.objects) == 1 and self.subjects[0] is self.objects[0])


def _ends_of(pool: Sequence[Entity]) -> list[_Ends]:
    every = (_Ends.of(p, pool) for p in PREDICATES)
    return [ends for ends in every if ends.usable]


def _draw_relation_between(draw: st.DrawFn, usable: Sequence[_Ends], source_ids: Sequence[str] | None) -> Relation:
    ends = _pick(draw, usable)
    subject = _pick(draw, ends.subjects)
    # The object among the allowed ones but the subject, drawn without rejection: skip over the subject's place.
    skip = ends.object_index.get(subject.id)
    count = len(ends.objects) - (skip is not None)
    if count == 0:  # the only object allowed is the subject: then another subject has an object
        subject = next(e for e in ends.subjects if e is not ends.objects[0])
        skip, count = None, 1
    index = draw(_PICKS) % count
    if skip is not None and index >= skip:
        index += 1
    obj = ends.objects[index]
    return _relation(subject.id, ends.predicate.name, obj.id, draw, source_ids, (subject, obj), ends.sides)


def relations(
    between: Sequence[Entity] | None = None, *, source_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Relation]:
    """Relations whose subject and object kinds their predicate allows.

    With ``between``, subject and object are two different entities drawn from those (which must allow at least
    one predicate between two of them), and the relation's dates lie within both ends' lifetimes; otherwise
    they are fresh ids.
    """
    chosen = tuple(source_ids) if source_ids else None
    if between is None:
        return st.composite(lambda draw: _relation(draw(_IDS), draw(_PREDICATE_NAMES), draw(_IDS), draw, chosen))()
    usable = _ends_of(list(between))
    if not usable:
        raise ValueError("no predicate allows any pair of two different entities of these")
    return st.composite(lambda draw: _draw_relation_between(draw, usable, chosen))()


_VALUES = st.integers(-MAX_NUMBER, MAX_NUMBER) | st.floats(-MAX_NUMBER, MAX_NUMBER, width=64)
_FIGURE_FIELDS: dict[str, Drawer] = {
    "quantity": _of(texts()),
    "value": _of(_VALUES),
    "unit": _of(texts(max_size=15)),
    "as_of": _draw_optional_when,
    "qualifier": _of(st.sampled_from(list(Qualifier))),
    "projection": _of(_COIN),
    "note": _draw_note,
}


def _draw_figure(
    draw: st.DrawFn, figure_id: str, subject_ids: Sequence[str] | None, source_ids: Sequence[str] | None
) -> Figure:
    subject = _pick(draw, subject_ids) if subject_ids else draw(_IDS)
    return Figure(
        id=figure_id, subject=subject, citations=_draw_citations(draw, source_ids), **_draw_fields(draw, _FIGURE_FIELDS)
    )


def figures(
    subject_ids: Sequence[str] | None = None,
    *,
    figure_id: st.SearchStrategy[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Figure]:
    """Figures: whole or finite decimal values within ±(2**53 - 1), any qualifier; with ``subject_ids``, about those."""
    ident = figure_id if figure_id is not None else _IDS
    subjects = tuple(subject_ids) if subject_ids else None
    chosen = tuple(source_ids) if source_ids else None
    return st.composite(lambda draw: _draw_figure(draw, draw(ident), subjects, chosen))()


_REASONS = texts()


def _draw_redirect(draw: st.DrawFn, redirect_id: str, target_ids: Sequence[str] | None) -> Redirect:
    target = _pick(draw, target_ids) if target_ids else draw(_IDS)
    return Redirect(id=redirect_id, replaced_by=target, reason=draw(_REASONS))


def redirects(
    target_ids: Sequence[str] | None = None, *, redirect_id: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Redirect]:
    """Redirects from a retired id; with ``target_ids``, to one of those."""
    ident = redirect_id if redirect_id is not None else _IDS
    targets = tuple(target_ids) if target_ids else None
    return st.composite(lambda draw: _draw_redirect(draw, draw(ident), targets))()


#: Fields a generated variant leaves alone: identity, citations, and the figure's link to its entity.
_UNVARIED = frozenset({"id", "citations", "subject"})
_FREE_VALUES = texts() | st.integers(-(10**6), 10**6)
_FREE_FIELDS = st.sampled_from(["name", "description", "founded", "value", "title"])


def _draw_free_variant(draw: st.DrawFn, variant_id: str, source_ids: Sequence[str] | None) -> Variant:
    return Variant(
        id=variant_id,
        record=draw(_IDS),
        field=draw(_FREE_FIELDS),
        value=draw(_FREE_VALUES),
        note=_draw_note(draw),
        citations=_draw_citations(draw, source_ids),
    )


def _draw_same_kind(
    draw: st.DrawFn, target: Source | Entity | Figure, source_ids: Sequence[str] | None
) -> Source | Entity | Figure:
    if isinstance(target, Entity):
        return _draw_entity(draw, target.kind, target.id, source_ids)
    if isinstance(target, Figure):
        return _draw_figure(draw, target.id, [target.subject], source_ids)
    return _draw_source(draw, target.id)


def _draw_variant(
    draw: st.DrawFn, variant_id: str, targets: Sequence[Source | Entity | Figure], source_ids: Sequence[str] | None
) -> Variant | None:
    target = _pick(draw, targets)
    other = _draw_same_kind(draw, target, source_ids)
    differing = [
        a.name
        for a in attrs.fields(type(target))
        if a.name not in _UNVARIED
        and getattr(other, a.name) is not None
        and getattr(other, a.name) != getattr(target, a.name)
    ]
    if not differing:  # the fresh record agrees with the target everywhere: rare, and drawn again by the caller
        return None
    field = _pick(draw, differing)
    return Variant(
        id=variant_id,
        record=target.id,
        field=field,
        value=fast_converter().unstructure(getattr(other, field)),
        note=_draw_note(draw),
        citations=_draw_citations(draw, source_ids),
    )


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
    ident = variant_id if variant_id is not None else _IDS
    chosen = tuple(source_ids) if source_ids else None
    if not targets:
        return st.composite(lambda draw: _draw_free_variant(draw, draw(ident), chosen))()
    pool = list(targets)
    built = st.composite(lambda draw: _draw_variant(draw, draw(ident), pool, chosen))()
    return built.filter(lambda variant: variant is not None)  # type: ignore[return-value]


# Attempts at a variant that differs from its target before the dataset goes without it.
_VARIANT_ATTEMPTS = 3


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
    n_variants = draw(st.integers(0, max_variants))
    total = n_sources + n_entities + n_figures + n_redirects + n_variants
    all_ids = draw(st.lists(_IDS, min_size=total, max_size=total, unique=True))
    source_ids = all_ids[:n_sources]
    entity_ids = all_ids[n_sources : n_sources + n_entities]
    figure_ids = all_ids[n_sources + n_entities : n_sources + n_entities + n_figures]
    redirect_ids = all_ids[n_sources + n_entities + n_figures : total - n_variants]
    variant_ids = all_ids[total - n_variants :]
    source_records = [_draw_source(draw, i) for i in source_ids]
    entity_records = _with_series(draw, [_draw_entity(draw, draw(_KINDS), i, source_ids) for i in entity_ids])
    usable = _ends_of(entity_records)
    relation_records: dict[str, Relation] = {}
    if usable:
        rank = {entity_id: index for index, entity_id in enumerate(entity_ids)}
        for _ in range(draw(st.integers(0, max_relations))):
            relation = _draw_relation_between(draw, usable, source_ids)
            # A hierarchy only points down the list of entities, so it never forms a cycle; a symmetric
            # relation is stated once, so its other way round is not added.
            if relation.predicate in HIERARCHICAL and rank[relation.subject] > rank[relation.object]:
                continue
            if relation.predicate in _SYMMETRIC and f"{relation.object}:{relation.predicate}:{relation.subject}" in (
                relation_records
            ):
                continue
            relation_records.setdefault(relation.key, relation)
    figure_records = [_draw_figure(draw, i, entity_ids, source_ids) for i in figure_ids]
    redirect_records = [_draw_redirect(draw, i, entity_ids) for i in redirect_ids]
    targets: list[Source | Entity | Figure] = [*source_records, *entity_records, *figure_records]
    variant_records = []
    for variant_id in variant_ids:
        for _ in range(_VARIANT_ATTEMPTS):
            variant = _draw_variant(draw, variant_id, targets, source_ids)
            if variant is not None:
                variant_records.append(variant)
                break
    return Records(
        sources=source_records,
        entities=entity_records,
        relations=relation_records.values(),
        figures=figure_records,
        redirects=redirect_records,
        variants=variant_records,
    )


# How far apart two numbered rounds of one series are drawn: rounds are numbered in ascending steps, so they
# never repeat in a series, and gaps (rounds the data lacks) occur as they do in the real data.
_ROUND_STEPS = st.integers(1, 3)


def _with_series(draw: st.DrawFn, drawn: list[Entity]) -> list[Entity]:
    """The entities, some events made meetings of a series among them (a round number unique in its series)."""
    series = [e.id for e in drawn if e.kind in SERIES_KINDS]
    last_round: dict[str, int] = {}
    kept: list[Entity] = []
    for entity in drawn:
        others = [i for i in series if i != entity.id]
        if isinstance(entity, Event) and others and draw(_COIN):
            chosen = _pick(draw, others)
            number = None
            if draw(_COIN):
                number = last_round[chosen] = last_round.get(chosen, 0) + draw(_ROUND_STEPS)
            entity = attrs.evolve(entity, series=chosen, round=number)
        kept.append(entity)
    return kept


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
