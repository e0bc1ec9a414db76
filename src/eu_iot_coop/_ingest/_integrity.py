"""Whole-dataset rules, checked after every record has been read on its own.

Each rule is a small function, registered in :data:`RULES` and run in that
order. A :class:`DatasetRule` takes the :class:`Known` facts (the indexes every
rule looks up, built once per check) and yields its problems; a
:class:`RecordRule` takes the facts, a file's name and one record of the types
it names. Consecutive record rules run record by record, so the problems of one
record come together, in the order of the table; ``_build.in_order`` then sorts
by file and record, keeping that order within a record. Each rule has its own
exception class (see docs/architecture.md). Every violation is collected;
``_build`` raises the first with the others attached.

A new rule is one function and one entry in :data:`RULES`, placed where its
problems should come among those of one record.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Final, TypeAlias

import attrs

from eu_iot_coop._model import (
    BY_NAME,
    DIRECTION,
    ENTITY_CLASSES,
    PREDICATES,
    SERIES_KINDS,
    Citations,
    Entity,
    Event,
    Figure,
    Kind,
    Predicate,
    Record,
    Redirect,
    Relation,
    Source,
    Variant,
    closest,
    identity,
    in_order,
    label,
    outside_lifetime,
    redirect_chain,
)
from eu_iot_coop.exceptions import (
    CitationError,
    CycleError,
    DanglingReferenceError,
    DataError,
    DateError,
    DomainRangeError,
    DuplicateIdError,
    LifetimeWarning,
    SchemaError,
    UnknownPredicateError,
    VariantError,
)

from ._converter import unstructure, with_variant
from ._explain import did_you_mean, explain_record
from ._loader import DataFile

_MAX_SUGGESTION_POOL: Final = 5000
#: "Did you mean" is worked out for this many dangling references per load at most, so that reporting
#: N of them costs O(N), not O(N * ids); the rest get the plain fix.
MAX_SUGGESTIONS: Final = 50
#: The entity classes each predicate allows as subject and as object (its domain and range): a check of a class is
#: cheaper than one of a kind, whose hash is computed in Python, and a load makes one per relation.
_END_CLASSES: Final[Mapping[str, tuple[frozenset[type[Entity]], frozenset[type[Entity]]]]] = {
    p.name: (frozenset(ENTITY_CLASSES[k] for k in p.domain), frozenset(ENTITY_CLASSES[k] for k in p.range))
    for p in PREDICATES
}
#: The names of the succession predicates (renamed, merged, succeeded), which a relation must date or explain.
_SUCCESSIONS: Final = frozenset(p.name for p in PREDICATES if p.succession)
_Identified: TypeAlias = Source | Entity | Figure | Redirect | Variant
#: What a variant may be about: a record with an id and fields of its own.
_Varied: TypeAlias = Source | Entity | Figure
#: Fields a variant may not give another value for: identity and the record's own citations.
_NOT_VARIED: Final = frozenset({"id", "citations"})


class _Budget:
    """How many more "did you mean" searches this check may make; the one thing a check changes as it goes."""

    def __init__(self, left: int) -> None:
        self.left = left

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


@attrs.frozen
class Known:
    """What the rules look up, built once per check from all the files.

    ``origin`` maps each id (relations aside) to the first file holding it;
    ``unreadable`` holds the labels of records the loader left out (their
    problems are reported apart, so references to them are not); ``unread_files``
    names the files that could not be read at all, the probable cause of a
    reference to an id that exists nowhere.
    """

    files: Sequence[DataFile]
    unread_files: tuple[str, ...]
    origin: Mapping[str, str]
    entities: Mapping[str, Entity]
    sources: AbstractSet[str]
    redirects: Mapping[str, str]
    varied: Mapping[str, _Varied]
    unreadable: AbstractSet[str]
    suggestions: _Budget
    _met: dict[int, frozenset[tuple[str, type, type]]] = attrs.field(factory=dict, init=False)

    @classmethod
    def of(cls, files: Sequence[DataFile], unread: Sequence[str] = ()) -> Known:
        origin: dict[str, str] = {}
        entities: dict[str, Entity] = {}
        sources: set[str] = set()
        redirects: dict[str, str] = {}
        varied: dict[str, _Varied] = {}
        unreadable: set[str] = set()
        for data_file in files:
            unreadable.update(label for _, label in data_file.skipped)
            if data_file.kind == Relation.record_type:
                continue  # nothing here reads relations
            for record in data_file.records:
                if isinstance(record, Relation):
                    continue
                origin.setdefault(record.id, data_file.name)
                if isinstance(record, Entity):
                    entities.setdefault(record.id, record)
                    varied.setdefault(record.id, record)
                elif isinstance(record, Redirect):
                    redirects.setdefault(record.id, record.replaced_by)
                elif isinstance(record, Figure):
                    varied.setdefault(record.id, record)
                elif isinstance(record, Source):
                    sources.add(record.id)
                    varied.setdefault(record.id, record)
        return cls(
            files, tuple(unread), origin, entities, sources, redirects, varied, unreadable, _Budget(MAX_SUGGESTIONS)
        )

    def ends_met(self, relations: Sequence[Relation]) -> frozenset[tuple[str, type, type]]:
        """Each distinct predicate with the classes of its subject and object among *relations* (one data file's),
        the class of ``None`` for an end that does not exist; worked out once per file, for the rules that clear it.
        """
        met = self._met.get(id(relations))
        if met is None:
            get = self.entities.get
            met = frozenset({(r.predicate, type(get(r.subject)), type(get(r.object))) for r in relations})
            self._met[id(relations)] = met
        return met

    def ids_of_kinds(self, kinds: frozenset[Kind]) -> list[str]:
        """The ids of the entities of *kinds*, in record order (asked only when a "did you mean" is written)."""
        return [entity_id for entity_id, entity in self.entities.items() if entity.kind in kinds]

    @functools.cached_property
    def live(self) -> list[str]:
        """The ids a redirect may point at: those of records that are not retired."""
        return [i for i in self.origin if i not in self.redirects]

    def suggest(self, target: str, known: Collection[str]) -> str:
        """A "did you mean" for *target* among *known*, while the budget lasts and the pool is small enough."""
        # Fuzzy matching is quadratic-ish; on very large datasets the suggestion is not worth the wait.
        if not self.suggestions.take() or len(known) > _MAX_SUGGESTION_POOL:
            return ""
        return did_you_mean(closest(target, known, n=1))


#: A rule over the whole dataset at once.
DatasetCheck: TypeAlias = Callable[[Known], Iterable[DataError]]
#: A rule over one record (of the types its :class:`RecordRule` names), given the name of the record's file.
#: It runs for every such record, so it returns ``()`` at once when the record keeps the rule.
RecordCheck: TypeAlias = Callable[[Known, str, Any], Iterable[DataError]]


@attrs.frozen
class DatasetRule:
    """A rule that looks at the whole dataset at once (duplicates, cycles)."""

    check: DatasetCheck


@attrs.frozen
class RecordRule:
    """A rule that looks at one record at a time, for each record of the ``types`` given.

    ``clear``, if given, tells from all the records of one data file at once (a file holds one kind) that none
    of them breaks the rule, at a fraction of the cost of the check run on each; the check then skips that
    file. It may say "not clear" for a file whose records keep the rule: the check decides.
    """

    check: RecordCheck
    types: tuple[type[Record], ...]
    clear: Callable[[Known, Sequence[Any]], bool] | None = None


Rule: TypeAlias = DatasetRule | RecordRule


def unique_ids(known: Known) -> Iterator[DataError]:
    """No two records share an id (across all record types), no two relations a key: ``DuplicateIdError``."""
    seen: dict[str, tuple[str, _Identified]] = {}
    keys: dict[str, str] = {}
    for data_file in known.files:
        for record in data_file.records:
            if isinstance(record, Relation):
                key = record.key
                if key in keys:
                    yield DuplicateIdError(
                        "two relations have the same subject, predicate and object",
                        file=data_file.name,
                        record=key,
                        fix=f"merge them into one relation citing both (the other is in {keys[key]})",
                    )
                keys.setdefault(key, data_file.name)
                continue
            if record.id in seen:
                yield _duplicate(data_file.name, record, *seen[record.id])
            seen.setdefault(record.id, (data_file.name, record))


def _duplicate(file: str, record: _Identified, first_file: str, first: _Identified) -> DataError:
    if isinstance(record, Redirect) or isinstance(first, Redirect):
        problem = "the id is retired by a redirect but a live record also has it"
        fix = f"retired ids stay retired: give the record another id, or drop the redirect (see {first_file})"
    else:
        problem = f"another record ({label(first)} in {first_file}) has the same id; ids are unique across all records"
        fix = "give one of them a different id, or merge them"
    return DuplicateIdError(problem, file=file, record=record.id, field="id", fix=fix)


def figure_subject_exists(known: Known, file: str, figure: Figure) -> Sequence[DataError]:
    """A figure is about an entity that exists: ``DanglingReferenceError``."""
    if figure.subject in known.entities:
        return ()
    return _reference(known, file, figure.id, "subject", figure.subject)


def cites_known_sources(known: Known, file: str, record: Entity | Relation | Figure | Variant) -> Sequence[DataError]:
    """A record cites at least one source, and only sources that exist; so does each of an entity's names in other
    languages and identifiers: ``CitationError``."""
    sources = known.sources
    cited = _cited_parts(record)
    if all(citations and all(c.source in sources for c in citations) for _, citations in cited):
        return ()
    problems: list[DataError] = []
    for field, citations in cited:
        if not citations:
            problems.append(
                CitationError(
                    "the record cites no source" if field == "citations" else "the name or identifier cites no source",
                    file=file,
                    record=identity(record),
                    field=field,
                    fix="add at least one citation: {'source': <source id>, 'locator': <where in it>}",
                )
            )
        for index, citation in enumerate(citations):
            source = citation.source
            if source not in sources and source not in known.unreadable:
                problems.append(
                    CitationError(
                        f"the citation names the source {source!r}, which does not exist",
                        file=file,
                        record=identity(record),
                        field=f"{field}[{index}].source",
                        fix=known.suggest(source, sources) + "add the source to sources.json, or correct the id",
                        caused_by=known.unread_files,
                    )
                )
    return problems


def _all_cite_known_sources(known: Known, records: Sequence[Entity | Relation | Figure | Variant]) -> bool:
    entities = [r for r in records if isinstance(r, Entity)]
    cited = [r.citations for r in records]
    cited += [n.citations for e in entities for n in e.names_in_languages]
    cited += [i.citations for e in entities for i in e.identifiers]
    return all(cited) and known.sources >= {c.source for citations in cited for c in citations}


def _cited_parts(record: Entity | Relation | Figure | Variant) -> list[tuple[str, Citations]]:
    # The record's own citations, then those of each name in another language and each identifier of an entity.
    parts: list[tuple[str, Citations]] = [("citations", record.citations)]
    if isinstance(record, Entity):
        parts += [(f"names_in_languages[{i}].citations", n.citations) for i, n in enumerate(record.names_in_languages)]
        parts += [(f"identifiers[{i}].citations", d.citations) for i, d in enumerate(record.identifiers)]
    return parts


def period_in_order(known: Known, file: str, record: Entity | Relation) -> Sequence[DataError]:
    """A period does not end before it starts: ``DateError``."""
    start, end = record.start, record.end
    if start is None or end is None or in_order(start, end):
        return ()
    begins, ends = record.period_fields
    return (
        DateError(
            f"the period ends ({end.date}) before it starts ({start.date})",
            file=file,
            record=identity(record),
            field=ends,
            fix=f"correct {begins!r} or {ends!r}",
        ),
    )


def _all_in_order(known: Known, records: Sequence[Entity | Relation]) -> bool:
    return all(r.end is None or in_order(r.start, r.end) for r in records)


def relation_ends_exist(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """A relation's subject and object are entities that exist: ``DanglingReferenceError``."""
    entities = known.entities
    if relation.subject in entities and relation.object in entities:
        return ()
    predicate = BY_NAME.get(relation.predicate)
    # A "did you mean" proposes only entities of a kind this end may be: a missing agreement is not a person.
    domain, range_ = (None, None) if predicate is None else (predicate.domain, predicate.range)
    return [
        *_reference(known, file, relation.key, "subject", relation.subject, suggest_kinds=domain),
        *_reference(known, file, relation.key, "object", relation.object, suggest_kinds=range_),
    ]


def _all_ends_exist(known: Known, relations: Sequence[Relation]) -> bool:
    missing = type(None)
    return all(subject is not missing and obj is not missing for _, subject, obj in known.ends_met(relations))


def predicate_in_vocabulary(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """A relation's predicate is a forward name of the vocabulary: ``UnknownPredicateError``."""
    if relation.predicate in BY_NAME:
        return ()
    inverse_of = DIRECTION.get(relation.predicate)
    if inverse_of is not None:
        fix = f"data files use forward names: write {relation.object!r} {inverse_of[0].name!r} {relation.subject!r}"
    else:
        close = closest(relation.predicate, BY_NAME, n=3)
        fix = did_you_mean(close) + "the predicates are listed in eu_iot_coop.PREDICATES"
    return (
        UnknownPredicateError(
            f"{relation.predicate!r} is not a predicate of the vocabulary",
            file=file,
            record=relation.key,
            field="predicate",
            fix=fix,
        ),
    )


def _all_in_vocabulary(known: Known, relations: Sequence[Relation]) -> bool:
    return BY_NAME.keys() >= {r.predicate for r in relations}


def predicate_allows_kinds(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """A relation's subject and object are of kinds its predicate allows: ``DomainRangeError``.

    A relation with an unknown predicate or a missing end is reported by the rules above, not here.
    """
    allowed = _END_CLASSES.get(relation.predicate)
    subject, obj = known.entities.get(relation.subject), known.entities.get(relation.object)
    if allowed is None or subject is None or obj is None:
        return ()
    if type(subject) in allowed[0] and type(obj) in allowed[1]:
        return ()
    predicate = BY_NAME[relation.predicate]
    return [
        DomainRangeError(
            f"{predicate.name!r} does not allow {end.id!r}, of kind {end.kind}, as its {field}",
            file=file,
            record=relation.key,
            field=field,
            fix=f"use another predicate, or make the {field} an entity of kind {_kinds(allowed)}",
        )
        for field, end, allowed in (("subject", subject, predicate.domain), ("object", obj, predicate.range))
        if end.kind not in allowed
    ]


def _all_kinds_allowed(known: Known, relations: Sequence[Relation]) -> bool:
    # Each distinct predicate and pair of classes once; a missing end (the class of None) is reported apart.
    for predicate, subject, obj in known.ends_met(relations):
        allowed = _END_CLASSES.get(predicate)
        if allowed is None or subject is type(None) or obj is type(None):
            continue
        if subject not in allowed[0] or obj not in allowed[1]:
            return False
    return True


def side_is_allowed(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """A relation names the side it is held for only if its predicate takes one, and a side of a kind it allows.

    ``DanglingReferenceError`` for a side that does not exist, ``DomainRangeError`` otherwise; an unknown
    predicate is reported by the rules above.
    """
    side, predicate = relation.on_behalf_of, BY_NAME.get(relation.predicate)
    if side is None or predicate is None:
        return ()
    if not predicate.sides:
        taking = ", ".join(p.name for p in PREDICATES if p.sides)
        return (
            DomainRangeError(
                f"{predicate.name!r} is not a role held for a side, so it takes no 'on_behalf_of'",
                file=file,
                record=relation.key,
                field="on_behalf_of",
                fix=f"drop 'on_behalf_of' (the predicates that take a side: {taking})",
            ),
        )
    entity = known.entities.get(side)
    if entity is None:
        return _reference(known, file, relation.key, "on_behalf_of", side)
    if entity.kind in predicate.sides:
        return ()
    return (
        DomainRangeError(
            f"{predicate.name!r} is not held on behalf of {side!r}, of kind {entity.kind}",
            file=file,
            record=relation.key,
            field="on_behalf_of",
            fix=f"name the side as an entity of kind {_kinds(predicate.sides)}",
        ),
    )


def _no_sides(known: Known, relations: Sequence[Relation]) -> bool:
    return all(r.on_behalf_of is None for r in relations)


def succession_dated_or_explained(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """A succession (renamed, merged, succeeded) is dated by its start, or its note says why not: ``DateError``."""
    predicate = BY_NAME.get(relation.predicate)
    if predicate is None or not predicate.succession or relation.start is not None or relation.note:
        return ()
    return (
        DateError(
            f"the succession {relation.predicate!r} has no date",
            file=file,
            record=relation.key,
            field="start",
            fix="give the date it took effect as 'start' (inferred, with its note, if no page states it), "
            "or say in 'note' that no page dates it",
        ),
    )


def _all_successions_dated(known: Known, relations: Sequence[Relation]) -> bool:
    successions = _SUCCESSIONS
    return all(r.start is not None or r.note or r.predicate not in successions for r in relations)


def series_is_another_entity(known: Known, file: str, event: Event) -> Sequence[DataError]:
    """An event numbered as a round names its series, which is another entity, of a kind a series may be.

    ``SchemaError`` for a round without a series, ``CycleError`` for an event that is its own series,
    ``DanglingReferenceError`` for a series that does not exist, ``DomainRangeError`` for one of another kind.
    """
    series = event.series
    if series is None:
        if event.round is None:
            return ()
        return (
            SchemaError(
                "'round' numbers a meeting of a series, but the event names no 'series'",
                file=file,
                record=event.id,
                field="round",
                fix="give the id of the dialogue, council or recurring event as 'series', or drop 'round'",
            ),
        )
    if series == event.id:
        return (
            CycleError(
                "the event is named as its own series",
                file=file,
                record=event.id,
                field="series",
                fix="name the dialogue, council or recurring event this event is a meeting of",
            ),
        )
    entity = known.entities.get(series)
    if entity is None:
        return _reference(known, file, event.id, "series", series)
    if entity.kind in SERIES_KINDS:
        return ()
    return (
        DomainRangeError(
            f"{series!r}, of kind {entity.kind}, cannot be a series of meetings",
            file=file,
            record=event.id,
            field="series",
            fix=f"name the dialogue, council or recurring event: an entity of kind {_kinds(SERIES_KINDS)}",
        ),
    )


def rounds_unique(known: Known) -> Iterator[DataError]:
    """No two meetings of one series have the same round number: ``DuplicateIdError``."""
    seen: dict[tuple[str, int], str] = {}
    for data_file in known.files:
        for record in data_file.records:
            if not isinstance(record, Event) or record.series is None or record.round is None:
                continue
            place = (record.series, record.round)
            first = seen.setdefault(place, record.id)
            if first != record.id:
                yield DuplicateIdError(
                    f"{first!r} is already round {record.round} of {record.series!r}",
                    file=data_file.name,
                    record=record.id,
                    field="round",
                    fix="correct one of the two round numbers, or the series one of them belongs to",
                )


def redirect_leads_to_live_record(known: Known, file: str, redirect: Redirect) -> Iterator[DataError]:
    """A redirect points at a record that exists and is not itself retired: ``DanglingReferenceError``."""
    target = redirect.replaced_by
    if target in known.origin and target not in known.redirects:
        return
    if target in known.redirects:
        loop = _loop(known, target)
        if not loop:
            problem = f"the redirect points at {target!r}, which is itself retired"
        elif target == redirect.id:
            problem = "the redirect points at itself, so it leads to no live record"
        elif redirect.id in loop:
            loop = _loop(known, redirect.id)
            problem = f"the redirects form a cycle ({_chain(loop)}), so none of them leads to a live record"
        else:
            problem = (
                f"the redirect points at {target!r}, whose redirects loop ({_chain(loop)}) and reach no live record"
            )
        fix = _replacement_advice(known, target, "point straight at")
        retired_in = known.origin.get(target)
        if retired_in is not None and _elsewhere(retired_in, file):
            problem += f" (by the redirect in {retired_in})"
            fix += f"; or, if {retired_in} should not retire {target!r}, drop that redirect"
        yield DanglingReferenceError(problem, file=file, record=redirect.id, field="replaced_by", fix=fix)
    elif target not in known.origin and target not in known.unreadable:
        yield DanglingReferenceError(
            f"the redirect points at {target!r}, which does not exist",
            file=file,
            record=redirect.id,
            field="replaced_by",
            fix=known.suggest(target, known.live) + "point it at an existing record",
            caused_by=known.unread_files,
        )


def variant_names_a_record(known: Known, file: str, variant: Variant) -> Iterator[DataError]:
    """A variant is about a source, an entity or a figure that exists: ``DanglingReferenceError``."""
    if variant.record not in known.varied:
        yield from _reference(
            known,
            file,
            variant.id,
            "record",
            variant.record,
            among=known.varied,
            kinds=("a source, an entity or a figure", "source, entity or figure", "the record"),
        )


def variant_gives_another_value(known: Known, file: str, variant: Variant) -> Iterator[DataError]:
    """A variant names a field its record has (not ``id`` or ``citations``), with a valid, different value.

    ``VariantError``; a variant whose record does not exist is reported by the rule above, not here.
    """
    target = known.varied.get(variant.record)
    if target is None:
        return
    cls = type(target)
    names = [a.name for a in attrs.fields(cls) if a.name not in _NOT_VARIED]
    where = f"{label(target)} {target.id!r}"
    if variant.field not in names:
        problem = (
            f"{variant.field!r} has no variants: it is the identity or the citations of the {where}"
            if variant.field in _NOT_VARIED
            else f"{cls.__name__} has no field {variant.field!r}"
        )
        yield VariantError(
            problem,
            file=file,
            record=variant.id,
            field="field",
            fix=f"{did_you_mean(closest(variant.field, names, n=1))}name one of the fields {', '.join(names)}",
        )
        return
    try:
        other = with_variant(target, variant.field, variant.value)
    except Exception:  # explained from the detailed errors below
        raw = unstructure(target)
        raw[variant.field] = variant.value
        yield from _invalid_value(file, variant, cls, raw)
        return
    if getattr(other, variant.field) == getattr(target, variant.field):
        yield VariantError(
            f"the value is the one the {where} already has in {variant.field!r}: the sources agree",
            file=file,
            record=variant.id,
            field="value",
            fix="give the value the other source states, or drop the variant and cite that source on the record",
        )


def no_self_loop(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """No entity has a relation with itself, whatever the predicate: ``CycleError``.

    No predicate of the vocabulary may loop: a body does not cooperate with, fund or found itself, a work is not
    aligned with or about itself, and no entity is, through a hierarchical predicate, its own part or member.
    """
    if relation.subject != relation.object:
        return ()
    predicate, entity = BY_NAME.get(relation.predicate), known.entities.get(relation.subject)
    if predicate is None or entity is None:
        return ()  # an unknown predicate or a missing entity is reported by the rules above
    if entity.kind not in predicate.domain or entity.kind not in predicate.range:
        return ()
    name = predicate.name
    return (
        CycleError(
            f"{name!r} forms a self-loop: {relation.subject!r} {name} {relation.object!r}",
            file=file,
            record=relation.key,
            field="object",
            fix=f"no entity may be {name} itself: correct the subject or the object, or drop the relation",
        ),
    )


def _no_self_loops(known: Known, relations: Sequence[Relation]) -> bool:
    return all(r.subject != r.object for r in relations)


def symmetric_stated_once(known: Known) -> Iterator[DataError]:
    """A symmetric relation (``cooperates_with``, ``aligned_with``) is stated one way only: ``DuplicateIdError``.

    The second statement met, in file and record order, is the one reported; its message names the first.
    """
    symmetric = {p.name for p in PREDICATES if p.symmetric}
    seen: dict[tuple[str, str, str], str] = {}
    for data_file in _relation_files(known):
        for record in data_file.records:
            if not isinstance(record, Relation) or record.predicate not in symmetric or record.subject == record.object:
                continue
            reverse = (record.object, record.predicate, record.subject)
            first = seen.get(reverse)
            if first is not None:
                yield DuplicateIdError(
                    f"{record.predicate!r} is symmetric, and the relation is also stated the other way round: "
                    f"{':'.join(reverse)!r} in {first}",
                    file=data_file.name,
                    record=record.key,
                    fix=f"state a symmetric relation once, either way: drop this one or {':'.join(reverse)!r}, "
                    "keeping the citations, dates and note of both in the one kept",
                )
            seen.setdefault((record.subject, record.predicate, record.object), data_file.name)


def _all_undated(known: Known, relations: Sequence[Relation]) -> bool:
    return all(r.start is None and r.end is None for r in relations)


def dated_within_lifetimes(known: Known, file: str, relation: Relation) -> Sequence[DataError]:
    """A relation's dates lie within the lifetime of each end: else a ``LifetimeWarning``, reported but not refused.

    An end's lifetime runs between the fields its kind names in ``Entity.period_fields``: an organisation's
    ``founded`` and ``dissolved``, an agreement's ``signed`` and ``expires``, a programme's, project's or
    event's ``started`` and ``ended``, a document's or standard's ``published``; people, places and topics have
    none. A succession (``renamed_to``, ``merged_into``, ``succeeded_by``) is bounded only by its subject's
    beginning and its object's end: it falls between the two lifetimes. A warning, not an error: sources date
    things differently (an announcement before the signature, a report published after a project's last
    reporting period, a participant's dates a day off the event's), and both dates may be true to their sources.
    """
    start, end = relation.start, relation.end
    if start is None and end is None:
        return ()
    # A succession takes effect in the gap between its ends: as (or after) the subject ends, as (or before) the
    # object begins. Only the subject's beginning and the object's end bound it.
    succession = relation.predicate in _SUCCESSIONS
    problems: list[DataError] = []
    for field, when in (("start", start), ("end", end)):
        if when is None:
            continue
        for role, entity_id in (("subject", relation.subject), ("object", relation.object)):
            entity = known.entities.get(entity_id)
            bound = None if entity is None else outside_lifetime(when, entity)
            if entity is None or bound is None:
                continue
            if succession and bound == entity.period_fields[0 if role == "object" else 1]:
                continue
            verb = "starts" if field == "start" else "ends"
            side, edge = ("before", "began") if bound == entity.period_fields[0] else ("after", "ended")
            bound_date = getattr(entity, bound).date
            problems.append(
                LifetimeWarning(
                    f"the relation {verb} ({when.date}) {side} its {role} {entity_id!r} {edge} "
                    f"({bound!r}: {bound_date})",
                    file=file,
                    record=relation.key,
                    field=field,
                    fix=f"if the relation's {field!r} or the {bound!r} of {entity_id!r} is wrong, correct it; if both "
                    "are what their sources say, keep them (this is a warning: the data still loads)",
                )
            )
    return problems


def hierarchies_without_cycles(known: Known) -> Iterator[DataError]:
    """A :class:`CycleError` for each cycle of a hierarchy: a hierarchical predicate, the nested ones together, or
    the succession ones together.

    The nested predicates (``Predicate.nested``: ``part_of``, ``located_in``) all put their subject inside their
    object, so a cycle may pass through several of them; the succession predicates (``Predicate.succession``:
    ``renamed_to``, ``merged_into``, ``succeeded_by``) all put their object after their subject. Self-loops are
    reported by :func:`no_self_loop`; relations whose ends are missing or of kinds the predicate does not allow are
    reported apart and left out.
    """
    hierarchy_of = {p.name: p for p in PREDICATES if p.hierarchical}
    # hierarchy -> subject -> [(object, predicate, file)], in file and record order
    edges: dict[str, dict[str, list[tuple[str, str, str]]]] = {_hierarchy(p): {} for p in hierarchy_of.values()}
    entities = known.entities
    for data_file in _relation_files(known):
        for record in data_file.records:
            if not isinstance(record, Relation) or record.subject == record.object:
                continue
            predicate = hierarchy_of.get(record.predicate)
            if predicate is None:
                continue
            subject, obj = entities.get(record.subject), entities.get(record.object)
            if subject is None or obj is None:
                continue
            subjects, objects = _END_CLASSES[record.predicate]
            if type(subject) in subjects and type(obj) in objects:
                graph = edges[_hierarchy(predicate)]
                graph.setdefault(record.subject, []).append((record.object, record.predicate, data_file.name))
    for graph in edges.values():
        if graph:
            yield from _cycles_of(graph)


def _relation_files(known: Known) -> Iterator[DataFile]:
    # A data file holds one kind of record: the rules about relations need not look into the others.
    return (data_file for data_file in known.files if data_file.kind == Relation.record_type)


def _hierarchy(predicate: Predicate) -> str:
    # The nested predicates form one hierarchy (a place part_of a region located_in it is a cycle), and so do the
    # succession ones (a body renamed to one that merged back into it); the others each their own.
    if predicate.nested:
        return "nested"
    return "succession" if predicate.succession else predicate.name


#: Every integrity rule, in the order its problems are reported for one record (see the module docstring).
#: A new rule is a function above and one entry here.
RULES: Final[tuple[Rule, ...]] = (
    DatasetRule(unique_ids),
    RecordRule(figure_subject_exists, (Figure,)),
    RecordRule(cites_known_sources, (Entity, Relation, Figure, Variant), _all_cite_known_sources),
    RecordRule(period_in_order, (Entity, Relation), _all_in_order),
    RecordRule(relation_ends_exist, (Relation,), _all_ends_exist),
    RecordRule(predicate_in_vocabulary, (Relation,), _all_in_vocabulary),
    RecordRule(predicate_allows_kinds, (Relation,), _all_kinds_allowed),
    RecordRule(no_self_loop, (Relation,), _no_self_loops),
    RecordRule(side_is_allowed, (Relation,), _no_sides),
    RecordRule(succession_dated_or_explained, (Relation,), _all_successions_dated),
    RecordRule(series_is_another_entity, (Event,)),
    RecordRule(dated_within_lifetimes, (Relation,), _all_undated),
    RecordRule(redirect_leads_to_live_record, (Redirect,)),
    RecordRule(variant_names_a_record, (Variant,)),
    RecordRule(variant_gives_another_value, (Variant,)),
    DatasetRule(symmetric_stated_once),
    DatasetRule(hierarchies_without_cycles),
    DatasetRule(rounds_unique),
)


def find_problems(
    files: Sequence[DataFile], unread: Sequence[str] = (), rules: Sequence[Rule] = RULES
) -> Iterator[DataError]:
    """Every integrity problem of the files taken together, rule by rule in the order of *rules* (:data:`RULES`).

    Records the loader left out (``DataFile.skipped``) have had their own
    problems reported: references to their ids are not reported again. A
    reference to an id that exists nowhere names the *unread* files (those that
    could not be read at all) in ``caused_by``: one of them may define it.
    """
    known = Known.of(files, unread)
    pending: list[RecordRule] = []  # consecutive record rules, run together record by record
    for rule in rules:
        if isinstance(rule, RecordRule):
            pending.append(rule)
            continue
        yield from _each_record(known, pending)
        pending = []
        yield from rule.check(known)
    yield from _each_record(known, pending)


def _each_record(known: Known, rules: Sequence[RecordRule]) -> Iterator[DataError]:
    if not rules:
        return
    for data_file in known.files:
        name, records = data_file.name, data_file.records
        # What is left of a record that could not be read whole: every rule about its type, no shortcut.
        for record in data_file.partial:
            for rule in rules:
                if isinstance(record, rule.types):
                    yield from rule.check(known, name, record)
        checks: dict[type, tuple[RecordCheck, ...]] = {}
        cleared: dict[int, bool] = {}  # per rule, for this file
        if records and not _checks_of(known, rules, type(records[0]), records, checks, cleared):
            cls = type(records[0])
            if all(type(record) is cls for record in records):
                continue  # every rule about this file's kind has cleared it
        for record in records:
            cls = type(record)
            own = checks.get(cls)
            if own is None:
                own = _checks_of(known, rules, cls, records, checks, cleared)
            for check in own:
                problems = check(known, name, record)
                if problems:  # the common case, no problem, costs no delegation
                    yield from problems


def _checks_of(
    known: Known,
    rules: Sequence[RecordRule],
    cls: type,
    records: Sequence[Any],
    checks: dict[type, tuple[RecordCheck, ...]],
    cleared: dict[int, bool],
) -> tuple[RecordCheck, ...]:
    """The checks to run on the records of class *cls* of one file: those of the rules that have not cleared it."""
    own = checks.get(cls)
    if own is None:
        own = checks[cls] = tuple(
            rule.check
            for index, rule in enumerate(rules)
            if issubclass(cls, rule.types) and not _cleared(known, rule, records, cleared, index)
        )
    return own


def _cleared(known: Known, rule: RecordRule, records: Sequence[Any], cleared: dict[int, bool], index: int) -> bool:
    if rule.clear is None:
        return False
    if index not in cleared:
        cleared[index] = rule.clear(known, records)
    return cleared[index]


def _cycles_of(edges: dict[str, list[tuple[str, str, str]]]) -> Iterator[DataError]:
    # Iterative depth-first search (no recursion limit on long chains); a back edge closes a cycle.
    done: set[str] = set()
    for root in edges:
        if root in done:
            continue
        path: list[str] = [root]
        via: list[str] = []  # via[i]: the predicate from path[i] to path[i + 1]
        on_path = {root: 0}
        stack = [iter(edges.get(root, ()))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                node = path.pop()
                if via:
                    via.pop()
                del on_path[node]
                done.add(node)
                continue
            target, predicate, file = step
            if target in on_path:
                start = on_path[target]
                loop, links = path[start:], [*via[start:], predicate]
                walk = " ".join(f"{node!r} {link}" for node, link in zip(loop, links, strict=True))
                names = sorted(set(links))
                subject = path[-1]
                yield CycleError(
                    f"{' and '.join(map(repr, names))} {'forms' if len(names) == 1 else 'form'} a cycle: "
                    f"{walk} {target!r}",
                    file=file,
                    record=f"{subject}:{predicate}:{target}",
                    field="object",
                    fix=f"no entity may be {' or '.join(names)} itself, even through others: "
                    "drop or correct one of these relations",
                )
            elif target not in done:
                on_path[target] = len(path)
                path.append(target)
                via.append(predicate)
                stack.append(iter(edges.get(target, ())))


def _reference(
    known: Known,
    file: str,
    record: str,
    field: str,
    target: str,
    *,
    among: Collection[str] | None = None,
    kinds: tuple[str, str, str] = ("an entity", "entity", "the entity"),
    suggest_kinds: AbstractSet[Kind] | None = None,
) -> tuple[DataError, ...]:
    """The problem of a reference to *target*, which must be *among* the given ids (entities by default).

    *kinds* names what may be referred to, with an article, without one, and as the thing to add;
    *suggest_kinds*, the kinds of entity a "did you mean" may propose (any, by default).
    """
    among = known.entities if among is None else among
    if target in among or target in known.unreadable:
        return ()
    with_article, bare, addition = kinds
    caused_by: tuple[str, ...] = ()
    if target in known.redirects:
        problem, fix = f"{target!r} is a retired id", _replacement_advice(known, target, "use its replacement")
        retired_in = known.origin.get(target)
        if retired_in is not None and _elsewhere(retired_in, file):
            # Most likely the cause: an overlay retiring an id that another folder's files (the bundled data) name.
            problem = f"{target!r} is a retired id: the redirect in {retired_in} retires it"
            fix += f"; or, if {retired_in} should not retire {target!r}, drop that redirect"
    elif target in known.origin:
        problem = f"{target!r} is not {with_article} (it is a record in {known.origin[target]})"
        fix = f"point at the id of {with_article}"
    else:
        problem = f"no {bare} has the id {target!r}"
        pool = among if suggest_kinds is None else known.ids_of_kinds(frozenset(suggest_kinds))
        fix = known.suggest(target, pool) + f"add {addition}, or correct the id"
        caused_by = known.unread_files  # an unread file may define it
    return (DanglingReferenceError(problem, file=file, record=record, field=field, fix=fix, caused_by=caused_by),)


def _elsewhere(retiring_file: str, file: str) -> bool:
    """Whether a redirect's file lies in another folder than a file naming its id: an overlay on that data."""
    return os.path.dirname(retiring_file) != os.path.dirname(file)


def _loop(known: Known, retired: str) -> list[str]:
    """The cycle the redirects from *retired* end in, as a path back to its start; empty if they reach no cycle."""
    chain = redirect_chain(known.redirects, retired)
    back = known.redirects.get(chain[-1])
    return [*chain[chain.index(back) :], back] if back is not None else []


def _replacement_advice(known: Known, retired: str, verb: str) -> str:
    """How to mend a use of *retired*: its live replacement; else a live record near its chain, or the truth."""
    chain = redirect_chain(known.redirects, retired)
    end = chain[-1]
    if end not in known.redirects and (end in known.origin or end in known.unreadable):
        return f"{verb} {end!r}"
    guess = _live_guess(known, chain)
    if guess is not None:
        return f"the redirects reach no live record; perhaps {guess!r} replaced them: point them at it"
    return (
        "the redirects reach no live record, and none could be guessed: point them at the record that replaced "
        "them (add it first if it does not exist); a redirect never points at itself or at another retired id"
    )


def _live_guess(known: Known, retired: Sequence[str]) -> str | None:
    # The live record whose id is closest to one of the retired ids, e.g. 'aioti' for 'aioti-old'.
    if len(known.origin) > _MAX_SUGGESTION_POOL + len(known.redirects) or not known.suggestions.take():
        return None
    for name in dict.fromkeys(retired):
        close = closest(name, known.live, n=1)
        if close:
            return close[0]
    return None


def _invalid_value(file: str, variant: Variant, cls: type[Any], raw: dict[str, Any]) -> Iterator[DataError]:
    explained = [p for p in explain_record(raw, variant.id, cls, file) if p.field is not None]
    if not explained:  # a validator that reads several fields at once: no detail to give
        explained = [DataError("it does not make a valid record", fix="check the value against schema.json")]
    for problem in explained:
        inner = problem.field.partition(".")[2] if problem.field else ""
        yield VariantError(
            f"the value is not a valid {variant.field!r} of {cls.__name__}"
            + (f" (at {inner!r})" if inner else "")
            + f": {problem.problem}",
            file=file,
            record=variant.id,
            field="value",
            fix=f"{problem.fix}; write it as {variant.field!r} is written in the record's data file",
        )


def _chain(ids: Iterable[str]) -> str:
    return " -> ".join(map(repr, ids))


def _kinds(kinds: Iterable[object]) -> str:
    return " or ".join(sorted(str(k) for k in kinds))
