"""The whole dataset as one JSON document, records in the canonical form of the data files."""

from __future__ import annotations

import json
from typing import Any

from eu_iot_coop._ingest import plain, unstructure
from eu_iot_coop._query import Dataset


def json_document(dataset: Dataset) -> dict[str, Any]:
    """The provenance, then sources, entities (each with its ``kind``), relations, figures, redirects and variants."""
    records = dataset.records
    return {
        **dataset.provenance().to_json(),
        "sources": [unstructure(source) for source in records.sources],
        "entities": [plain(entity) for entity in records.entities],
        "relations": [unstructure(relation) for relation in records.relations],
        "figures": [unstructure(figure) for figure in records.figures],
        "redirects": [unstructure(redirect) for redirect in records.redirects],
        "variants": [unstructure(variant) for variant in records.variants],
    }


def json_text(dataset: Dataset) -> str:
    """:func:`json_document` as text: two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(json_document(dataset), indent=2, ensure_ascii=False) + "\n"
