"""The public strategies: generated records round-trip, and each kind of corruption gives its own DataError."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from eu_iot_coop import PREDICATES, Dataset, Kind, Records
from eu_iot_coop import strategies as eis
from eu_iot_coop._ingest import document, structure_record, unstructure
from eu_iot_coop.exceptions import (
    CitationError,
    DanglingReferenceError,
    DataError,
    DateError,
    DomainRangeError,
    DuplicateIdError,
    SchemaError,
    UnknownPredicateError,
)

from .strategies import BY_NAME

# Ids of four parts: the id strategy makes at most three, so these never exist by accident.
MISSING = "no-such-record-here"


def _documents(records: Records) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Any]] = {}
    everything = (*records.sources, *records.entities, *records.relations, *records.figures, *records.redirects)
    for record in (*everything, *records.variants):
        kind = getattr(record, "kind", None)
        groups.setdefault(str(kind if kind is not None else record.record_type), []).append(record)
    return {kind: document(kind, found) for kind, found in groups.items()}


def _load(documents: dict[str, dict[str, Any]]) -> Dataset:
    with tempfile.TemporaryDirectory() as folder:
        for kind, doc in documents.items():
            (Path(folder) / f"{kind}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return Dataset.from_files(folder)


record_strategies = [
    eis.sources(),
    eis.entities(),
    eis.relations(),
    eis.figures(),
    eis.redirects(),
    eis.variants(),
    *(eis.entities(kind) for kind in Kind),
]


@given(st.one_of(record_strategies))
def test_every_record_round_trips(record: Any) -> None:
    """Unstructuring then structuring any generated record gives an equal record."""
    raw = json.loads(json.dumps(unstructure(record), ensure_ascii=False))
    assert structure_record(raw, type(record)) == record
    assert structure_record(raw, type(record), detailed=True) == record


@given(eis.records())
def test_generated_datasets_round_trip_through_files(records: Records) -> None:
    """A generated dataset written as data files loads back as the same records."""
    loaded = _load(_documents(records))
    assert loaded.records == records


@given(eis.datasets())
def test_generated_datasets_respect_domain_and_range(dataset: Dataset) -> None:
    """Every generated relation links kinds its predicate allows, between existing entities."""
    kinds = {e.id: e.kind for e in dataset.records.entities}
    for relation in dataset.records.relations:
        predicate = BY_NAME[relation.predicate]
        assert kinds[relation.subject] in predicate.domain
        assert kinds[relation.object] in predicate.range


Corruption = Callable[[dict[str, dict[str, Any]], Records], tuple[str, str, str]]


class NotApplicable(Exception):
    """The generated dataset lacks what a corruption needs (a relation, a figure, a redirect)."""


def require(condition: object) -> None:
    if not condition:
        raise NotApplicable


def _first_entity(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, dict[str, Any]]:
    entity = records.entities[0]
    kind = str(entity.kind)
    return kind, next(r for r in docs[kind]["records"] if r["id"] == entity.id)


def _first_relation(docs: dict[str, dict[str, Any]], records: Records) -> dict[str, Any]:
    require(records.relations)
    return dict(docs["relation"]["records"][0])


def _relation_key(raw: dict[str, Any]) -> str:
    return f"{raw['subject']}:{raw['predicate']}:{raw['object']}"


def duplicate_id(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    kind, raw = _first_entity(docs, records)
    docs[kind]["records"].append(dict(raw))
    return kind, raw["id"], "id"


def dangling_relation_end(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    require(records.relations)
    relation = docs["relation"]["records"][0]
    relation["object"] = MISSING
    return "relation", _relation_key(relation), "object"


def dangling_figure_subject(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    require(records.figures)
    figure = docs["figure"]["records"][0]
    figure["subject"] = MISSING
    return "figure", figure["id"], "subject"


def dangling_redirect_target(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    require(records.redirects)
    redirect = docs["redirect"]["records"][0]
    redirect["replaced_by"] = MISSING
    return "redirect", redirect["id"], "replaced_by"


def unknown_predicate(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    _first_relation(docs, records)
    relation = docs["relation"]["records"][0]
    relation["predicate"] = "is_unrelated_to"
    return "relation", _relation_key(relation), "predicate"


def domain_violation(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    _first_relation(docs, records)
    relation = docs["relation"]["records"][0]
    kinds = {e.id: e.kind for e in records.entities}
    keys = {r.key for r in records.relations}
    wrong = [
        p.name
        for p in PREDICATES
        if kinds[relation["subject"]] not in p.domain
        and f"{relation['subject']}:{p.name}:{relation['object']}" not in keys
    ]
    require(wrong)
    relation["predicate"] = wrong[0]
    return "relation", _relation_key(relation), "subject"


def missing_citation(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    kind, raw = _first_entity(docs, records)
    raw["citations"] = []
    return kind, raw["id"], "citations"


def unknown_source(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    kind, raw = _first_entity(docs, records)
    raw["citations"] = [{"source": MISSING, "locator": "p. 1"}]
    return kind, raw["id"], "citations[0].source"


def end_before_start(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    _first_relation(docs, records)
    relation = docs["relation"]["records"][0]
    relation.update(start="2000-01-01", end="1999")
    return "relation", _relation_key(relation), "end"


def bad_date(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    source = docs["source"]["records"][0]
    source["retrieved"] = "2020-13"
    return "source", source["id"], "retrieved"


def unknown_field(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    kind, raw = _first_entity(docs, records)
    raw["colour"] = "blue"
    return kind, raw["id"], "colour"


def missing_field(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    kind, raw = _first_entity(docs, records)
    del raw["description"]
    return kind, raw["id"], "description"


def wrong_type(docs: dict[str, dict[str, Any]], records: Records) -> tuple[str, str, str]:
    kind, raw = _first_entity(docs, records)
    raw["name"] = 42
    return kind, raw["id"], "name"


CORRUPTIONS: list[tuple[Corruption, type[DataError]]] = [
    (duplicate_id, DuplicateIdError),
    (dangling_relation_end, DanglingReferenceError),
    (dangling_figure_subject, DanglingReferenceError),
    (dangling_redirect_target, DanglingReferenceError),
    (unknown_predicate, UnknownPredicateError),
    (domain_violation, DomainRangeError),
    (missing_citation, CitationError),
    (unknown_source, CitationError),
    (end_before_start, DateError),
    (bad_date, DateError),
    (unknown_field, SchemaError),
    (missing_field, SchemaError),
    (wrong_type, SchemaError),
]


@given(records=eis.records(max_entities=6, max_relations=6))
def test_each_corruption_raises_its_own_error(records: Records) -> None:
    """A valid dataset corrupted one way raises exactly that rule's error, naming file, record and field.

    One generated dataset serves every corruption that applies to it (each on a fresh copy of its files).
    """
    for corrupt, expected in CORRUPTIONS:
        docs = json.loads(json.dumps(_documents(records), ensure_ascii=False))
        try:
            kind, record, field = corrupt(docs, records)
        except NotApplicable:
            continue
        with pytest.raises(DataError) as caught:
            _load(docs)
        problems = caught.value.problems
        assert {type(p) for p in problems} == {expected}, (corrupt.__name__, [str(p) for p in problems])
        error = next(p for p in problems if (p.record, p.field) == (record, field))
        assert Path(error.file or "").name == f"{kind}.json", corrupt.__name__
        message = str(error)
        assert f"{kind}.json" in message
        assert repr(record) in message
        assert repr(field) in message


def _applies_to(records: Records, corrupt: Corruption) -> bool:
    try:
        corrupt(json.loads(json.dumps(_documents(records), ensure_ascii=False)), records)
    except NotApplicable:
        return False
    return True


def test_generated_datasets_give_every_corruption_something_to_corrupt() -> None:
    """Some generated dataset has all that every corruption needs, so the test above exercises each of them."""
    full = find(
        eis.records(max_entities=6, max_relations=6),
        lambda records: all(_applies_to(records, corrupt) for corrupt, _ in CORRUPTIONS),
        # The first such dataset will do: shrinking it would rerun every corruption many times over.
        settings=settings(database=None, max_examples=500, phases=[Phase.generate]),
    )
    assert full.relations
    assert full.figures
    assert full.redirects
