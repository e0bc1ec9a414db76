"""Whole-dataset rules, checked after every record has been read on its own.

Each rule has its own exception class (see docs/architecture.md). Every
violation is collected; ``_build`` raises the first with the others attached.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, Final, TypeAlias

import attrs

from eu_iot_coop._model import (
    BY_NAME,
    DIRECTION,
    HIERARCHICAL,
    Citation,
    Entity,
    Figure,
    Record,
    Redirect,
    Relation,
    Source,
    Variant,
    When,
    closest,
    in_order,
    label,
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
    UnknownPredicateError,
    VariantError,
)

from ._converter import unstructure, with_variant
from ._loader import DataFile, explain_record

_MAX_SUGGESTION_POOL: Final = 5000
#: "Did you mean" is worked out for this many dangling references per load at most, so that reporting
#: N of them costs O(N), not O(N * ids); the rest get the plain fix.
MAX_SUGGESTIONS: Final = 50
_Identified: TypeAlias = Source | Entity | Figure | Redirect | Variant
#: What a variant may be about: a record with an id and fields of its own.
_Varied: TypeAlias = Source | Entity | Figure
#: Fields a variant may not give another value for: identity and the record's own citations.
_NOT_VARIED: Final = frozenset({"id", "citations"})


def find_problems(files: Sequence[DataFile], unread: Sequence[str] = ()) -> Iterator[DataError]:
    """Every integrity problem of the files taken together: duplicates first, then in file and record order.

    Records the loader left out (``DataFile.skipped``) have had their own
    problems reported: references to their ids are not reported again. A
    reference to an id that exists nowhere names the *unread* files (those that
    could not be read at all) in ``caused_by``: one of them may define it.
    """
    checker = _Checker(files, unread)
    yield from checker.duplicates()
    clean = checker.clean
    for data_file in files:
        for record in data_file.records:
            if not clean(record):
                yield from checker.record(data_file.name, record)
    yield from checker.cycles()


def _cycles_of(predicate: str, edges: dict[str, list[tuple[str, str]]]) -> Iterator[DataError]:
    # Iterative depth-first search (no recursion limit on long chains); a back edge closes a cycle.
    done: set[str] = set()
    for root in edges:
        if root in done:
            continue
        path: list[str] = [root]
        on_path = {root: 0}
        stack = [iter(edges.get(root, ()))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                node = path.pop()
                del on_path[node]
                done.add(node)
                continue
            target, file = step
            if target in on_path:
                loop = [*path[on_path[target] :], target]
                subject = path[-1]
                what = "a self-loop" if len(loop) == 2 else "a cycle"
                yield CycleError(
                    f"{predicate!r} forms {what}: " + f" {predicate} ".join(map(repr, loop)),
                    file=file,
                    record=f"{subject}:{predicate}:{target}",
                    field="object",
                    fix=f"no entity may be {predicate} itself, even through others: drop or correct one of them",
                )
            elif target not in done:
                on_path[target] = len(path)
                path.append(target)
                stack.append(iter(edges.get(target, ())))


class _Checker:
    def __init__(self, files: Sequence[DataFile], unread: Sequence[str] = ()) -> None:
        self.files = files
        self.unread_files = tuple(unread)
        self.origin: dict[str, str] = {}
        self.entities: dict[str, Entity] = {}
        self.sources: set[str] = set()
        self.redirects: dict[str, str] = {}
        self.varied: dict[str, _Varied] = {}
        self.unreadable: set[str] = set()
        self.suggestions_left = MAX_SUGGESTIONS
        for data_file in files:
            self.unreadable.update(label for _, label in data_file.skipped)
            for record in data_file.records:
                if isinstance(record, Relation):
                    continue
                self.origin.setdefault(record.id, data_file.name)
                if isinstance(record, Entity):
                    self.entities.setdefault(record.id, record)
                    self.varied.setdefault(record.id, record)
                elif isinstance(record, Redirect):
                    self.redirects.setdefault(record.id, record.replaced_by)
                elif isinstance(record, Figure):
                    self.varied.setdefault(record.id, record)
                elif isinstance(record, Source):
                    self.sources.add(record.id)
                    self.varied.setdefault(record.id, record)

    def duplicates(self) -> Iterator[DataError]:
        seen: dict[str, tuple[str, _Identified]] = {}
        keys: dict[str, str] = {}
        for data_file in self.files:
            for record in data_file.records:
                if isinstance(record, Relation):
                    if record.key in keys:
                        yield DuplicateIdError(
                            "two relations have the same subject, predicate and object",
                            file=data_file.name,
                            record=record.key,
                            fix=f"merge them into one relation citing both (the other is in {keys[record.key]})",
                        )
                    keys.setdefault(record.key, data_file.name)
                    continue
                if record.id in seen:
                    yield self._duplicate(data_file.name, record, *seen[record.id])
                seen.setdefault(record.id, (data_file.name, record))

    @staticmethod
    def _duplicate(file: str, record: _Identified, first_file: str, first: _Identified) -> DataError:
        if isinstance(record, Redirect) or isinstance(first, Redirect):
            return DuplicateIdError(
                "the id is retired by a redirect but a live record also has it",
                file=file,
                record=record.id,
                field="id",
                fix=f"retired ids stay retired: give the record another id, or drop the redirect (see {first_file})",
            )
        return DuplicateIdError(
            f"another record ({label(first)} in {first_file}) has the same id; ids are unique across all records",
            file=file,
            record=record.id,
            field="id",
            fix="give one of them a different id, or merge them",
        )

    def cycles(self) -> Iterator[DataError]:
        """A :class:`CycleError` for each self-loop or cycle of a :data:`HIERARCHICAL` predicate, naming it.

        Relations whose ends are missing or of kinds the predicate does not allow are reported apart and left out.
        """
        entities = self.entities
        for name in HIERARCHICAL:
            predicate = BY_NAME[name]
            edges: dict[str, list[tuple[str, str]]] = {}  # subject -> [(object, file)], in file and record order
            for data_file in self.files:
                for record in data_file.records:
                    if not isinstance(record, Relation) or record.predicate != name:
                        continue
                    subject, obj = entities.get(record.subject), entities.get(record.object)
                    if subject is None or obj is None:
                        continue
                    if subject.kind in predicate.domain and obj.kind in predicate.range:
                        edges.setdefault(record.subject, []).append((record.object, data_file.name))
            if edges:
                yield from _cycles_of(name, edges)

    def _suggest(self, target: str, known: Collection[str]) -> str:
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        return _suggest(target, known)

    def clean(self, record: Record) -> bool:
        """A quick yes for the common case of a record that breaks no rule; ``record()`` explains a no."""
        if isinstance(record, Relation):
            predicate = BY_NAME.get(record.predicate)
            subject = self.entities.get(record.subject)
            obj = self.entities.get(record.object)
            return (
                predicate is not None
                and subject is not None
                and obj is not None
                and subject.kind in predicate.domain
                and obj.kind in predicate.range
                and self._cited(record.citations)
                and in_order(record.start, record.end)
            )
        if isinstance(record, Entity):
            return self._cited(record.citations) and in_order(record.start, record.end)
        if isinstance(record, Figure):
            return record.subject in self.entities and self._cited(record.citations)
        if isinstance(record, Redirect):
            return record.replaced_by in self.origin and record.replaced_by not in self.redirects
        # Variants are few, and checking one is the same work as explaining it: record() does both.
        return not isinstance(record, Variant)

    def _cited(self, citations: tuple[Citation, ...]) -> bool:
        sources = self.sources
        return bool(citations) and all(c.source in sources for c in citations)

    def record(self, file: str, record: Record) -> Iterator[DataError]:
        if isinstance(record, Relation):
            yield from self._relation(file, record)
        elif isinstance(record, Figure):
            yield from self._reference(file, record.id, "subject", record.subject)
            yield from self._citations(file, record.id, record.citations)
        elif isinstance(record, Redirect):
            yield from self._redirect(file, record)
        elif isinstance(record, Variant):
            yield from self._citations(file, record.id, record.citations)
            yield from self._variant(file, record)
        elif isinstance(record, Entity):
            yield from self._citations(file, record.id, record.citations)
            yield from self._period(file, record.id, record.start, record.end, record.period_fields)

    def _relation(self, file: str, relation: Relation) -> Iterator[DataError]:
        key = relation.key
        yield from self._citations(file, key, relation.citations)
        yield from self._period(file, key, relation.start, relation.end, relation.period_fields)
        yield from self._reference(file, key, "subject", relation.subject)
        yield from self._reference(file, key, "object", relation.object)
        predicate = BY_NAME.get(relation.predicate)
        if predicate is None:
            yield self._unknown_predicate(file, relation)
            return
        if relation.subject not in self.entities or relation.object not in self.entities:
            return  # dangling, reported above or (an end that could not be read) on its own
        for field, end, allowed in (
            ("subject", relation.subject, predicate.domain),
            ("object", relation.object, predicate.range),
        ):
            kind = self.entities[end].kind
            if kind not in allowed:
                yield DomainRangeError(
                    f"{predicate.name!r} does not allow {end!r}, of kind {kind}, as its {field}",
                    file=file,
                    record=key,
                    field=field,
                    fix=f"use another predicate, or make the {field} an entity of kind {_kinds(allowed)}",
                )

    @staticmethod
    def _unknown_predicate(file: str, relation: Relation) -> DataError:
        known = DIRECTION.get(relation.predicate)
        if known is not None:
            fix = f"data files use forward names: write {relation.object!r} {known[0].name!r} {relation.subject!r}"
        else:
            close = closest(relation.predicate, BY_NAME, n=3)
            fix = (
                f"did you mean {' or '.join(map(repr, close))}? " if close else ""
            ) + "the predicates are listed in eu_iot_coop.PREDICATES"
        return UnknownPredicateError(
            f"{relation.predicate!r} is not a predicate of the vocabulary",
            file=file,
            record=relation.key,
            field="predicate",
            fix=fix,
        )

    def _reference(
        self,
        file: str,
        record: str,
        field: str,
        target: str,
        *,
        known: Collection[str] | None = None,
        kinds: tuple[str, str, str] = ("an entity", "entity", "the entity"),
    ) -> Iterator[DataError]:
        """Problems of a reference to *target*, which must be in *known* (entities by default).

        *kinds* names what may be referred to, with an article, without one, and as the thing to add.
        """
        known = self.entities if known is None else known
        if target in known or target in self.unreadable:
            return
        with_article, bare, addition = kinds
        caused_by: tuple[str, ...] = ()
        if target in self.redirects:
            problem, fix = f"{target!r} is a retired id", self._replacement_advice(target, "use its replacement")
        elif target in self.origin:
            problem = f"{target!r} is not {with_article} (it is a record in {self.origin[target]})"
            fix = f"point at the id of {with_article}"
        else:
            problem = f"no {bare} has the id {target!r}"
            fix = self._suggest(target, known) + f"add {addition}, or correct the id"
            caused_by = self.unread_files  # an unread file may define it
        yield DanglingReferenceError(problem, file=file, record=record, field=field, fix=fix, caused_by=caused_by)

    def _redirect(self, file: str, redirect: Redirect) -> Iterator[DataError]:
        target = redirect.replaced_by
        if target in self.redirects:
            loop = self._loop(target)
            if not loop:
                problem = f"the redirect points at {target!r}, which is itself retired"
            elif target == redirect.id:
                problem = "the redirect points at itself, so it leads to no live record"
            elif redirect.id in loop:
                loop = self._loop(redirect.id)
                problem = f"the redirects form a cycle ({_chain(loop)}), so none of them leads to a live record"
            else:
                problem = (
                    f"the redirect points at {target!r}, whose redirects loop ({_chain(loop)}) and reach no live record"
                )
            yield DanglingReferenceError(
                problem,
                file=file,
                record=redirect.id,
                field="replaced_by",
                fix=self._replacement_advice(target, "point straight at"),
            )
        elif target not in self.origin and target not in self.unreadable:
            yield DanglingReferenceError(
                f"the redirect points at {target!r}, which does not exist",
                file=file,
                record=redirect.id,
                field="replaced_by",
                fix=self._suggest(target, self.live) + "point it at an existing record",
                caused_by=self.unread_files,
            )

    @functools.cached_property
    def live(self) -> list[str]:
        """The ids a redirect may point at: those of records that are not retired."""
        return [i for i in self.origin if i not in self.redirects]

    def _loop(self, retired: str) -> list[str]:
        """The cycle the redirects from *retired* end in, as a path back to its start; empty if they reach no cycle."""
        chain = redirect_chain(self.redirects, retired)
        back = self.redirects.get(chain[-1])
        return [*chain[chain.index(back) :], back] if back is not None else []

    def _replacement_advice(self, retired: str, verb: str) -> str:
        """How to mend a use of *retired*: its live replacement; else a live record near its chain, or the truth."""
        chain = redirect_chain(self.redirects, retired)
        end = chain[-1]
        if end not in self.redirects and (end in self.origin or end in self.unreadable):
            return f"{verb} {end!r}"
        guess = self._live_guess(chain)
        if guess is not None:
            return f"the redirects reach no live record; perhaps {guess!r} replaced them: point them at it"
        return (
            "the redirects reach no live record, and none could be guessed: point them at the record that replaced "
            "them (add it first if it does not exist); a redirect never points at itself or at another retired id"
        )

    def _live_guess(self, retired: Sequence[str]) -> str | None:
        # The live record whose id is closest to one of the retired ids, e.g. 'aioti' for 'aioti-old'.
        if self.suggestions_left <= 0 or len(self.origin) > _MAX_SUGGESTION_POOL + len(self.redirects):
            return None
        self.suggestions_left -= 1
        for name in dict.fromkeys(retired):
            close = closest(name, self.live, n=1)
            if close:
                return close[0]
        return None

    def _variant(self, file: str, variant: Variant) -> Iterator[DataError]:
        target = self.varied.get(variant.record)
        if target is None:
            yield from self._reference(
                file,
                variant.id,
                "record",
                variant.record,
                known=self.varied,
                kinds=("a source, an entity or a figure", "source, entity or figure", "the record"),
            )
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
            close = closest(variant.field, names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            yield VariantError(
                problem,
                file=file,
                record=variant.id,
                field="field",
                fix=f"{hint}name one of the fields {', '.join(names)}",
            )
            return
        try:
            other = with_variant(target, variant.field, variant.value)
        except Exception:  # explained from the detailed errors below
            raw = unstructure(target)
            raw[variant.field] = variant.value
            yield from self._invalid_value(file, variant, cls, raw)
            return
        if getattr(other, variant.field) == getattr(target, variant.field):
            yield VariantError(
                f"the value is the one the {where} already has in {variant.field!r}: the sources agree",
                file=file,
                record=variant.id,
                field="value",
                fix="give the value the other source states, or drop the variant and cite that source on the record",
            )

    @staticmethod
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

    def _citations(self, file: str, record: str, citations: Iterable[object]) -> Iterator[DataError]:
        cited = list(citations)
        if not cited:
            yield CitationError(
                "the record cites no source",
                file=file,
                record=record,
                field="citations",
                fix="add at least one citation: {'source': <source id>, 'locator': <where in it>}",
            )
        for index, citation in enumerate(cited):
            source = citation.source  # type: ignore[attr-defined]
            if source not in self.sources and source not in self.unreadable:
                yield CitationError(
                    f"the citation names the source {source!r}, which does not exist",
                    file=file,
                    record=record,
                    field=f"citations[{index}].source",
                    fix=self._suggest(source, self.sources) + "add the source to sources.json, or correct the id",
                    caused_by=self.unread_files,
                )

    @staticmethod
    def _period(
        file: str, record: str, start: When | None, end: When | None, fields: tuple[str | None, str | None]
    ) -> Iterator[DataError]:
        if start is not None and end is not None and not in_order(start, end):
            yield DateError(
                f"the period ends ({end.date}) before it starts ({start.date})",
                file=file,
                record=record,
                field=fields[1],
                fix=f"correct {fields[0]!r} or {fields[1]!r}",
            )


def _chain(ids: Iterable[str]) -> str:
    return " -> ".join(map(repr, ids))


def _kinds(kinds: Iterable[object]) -> str:
    return " or ".join(sorted(str(k) for k in kinds))


def _suggest(target: str, known: Collection[str]) -> str:
    # Fuzzy matching is quadratic-ish; on very large datasets the suggestion is not worth the wait.
    if len(known) > _MAX_SUGGESTION_POOL:
        return ""
    close = closest(target, known, n=1)
    return f"did you mean {close[0]!r}? " if close else ""
