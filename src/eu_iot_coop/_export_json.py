"""The whole dataset as one JSON document, records in the canonical form of the data files."""

from __future__ import annotations

import json
from typing import Any

from ._converter import unstructure
from ._dataset import Dataset
from ._model import Entity, Record
from ._tabular import sorted_by_id, sorted_entities, sorted_relations


def plain(record: Record) -> dict[str, Any]:
    """A record's canonical JSON object; an entity's ``kind`` comes first."""
    if isinstance(record, Entity):
        return {"kind": str(record.kind), **unstructure(record)}
    return unstructure(record)


def json_document(dataset: Dataset) -> dict[str, Any]:
    """Sources, entities (each with its ``kind``), relations, figures and redirects, each list sorted."""
    records = dataset.records
    return {
        "data_version": dataset.data_version,
        "sources": [unstructure(source) for source in sorted_by_id(records.sources)],
        "entities": [plain(entity) for entity in sorted_entities(records.entities)],
        "relations": [unstructure(relation) for relation in sorted_relations(records.relations)],
        "figures": [unstructure(figure) for figure in sorted_by_id(records.figures)],
        "redirects": [unstructure(redirect) for redirect in sorted_by_id(records.redirects)],
    }


def json_text(dataset: Dataset) -> str:
    """:func:`json_document` as text: two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(json_document(dataset), indent=2, ensure_ascii=False) + "\n"
