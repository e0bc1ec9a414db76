"""The whole dataset as one JSON document, records in the canonical form of the data files.

The document is produced as chunks, one record at a time (:func:`json_chunks`), so that a file export
never holds the whole text, nor a dictionary of every record, in memory; joined, the chunks are exactly
``json.dumps(document, indent=2, ensure_ascii=False)`` and a final newline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from eu_iot_coop._ingest import plain, unstructure
from eu_iot_coop._query import Dataset

_INDENT = "  "


@attrs.frozen
class Streamed:
    """A JSON array whose items are made one at a time while the document is written."""

    items: Iterable[Any]


def _dumped(value: Any, depth: int) -> str:
    # json.dumps escapes every newline inside a string, so each "\n" it writes starts a line to indent.
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + _INDENT * depth)


def _array_chunks(items: Iterable[Any]) -> Iterator[str]:
    opening = "[\n" + _INDENT * 2
    for item in items:
        yield opening + _dumped(item, 2)
        opening = ",\n" + _INDENT * 2
    yield "[]" if opening.startswith("[") else "\n" + _INDENT + "]"


def json_chunks(members: Mapping[str, Any]) -> Iterator[str]:
    """An object of *members* as ``json.dumps(..., indent=2, ensure_ascii=False)`` writes it, plus a final newline,
    in chunks: a :class:`Streamed` member one item at a time, any other member at once."""
    separator = "{\n"
    for key, value in members.items():
        yield f"{separator}{_INDENT}{json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, Streamed):
            yield from _array_chunks(value.items)
        else:
            yield _dumped(value, 1)
        separator = ",\n"
    yield "{}\n" if separator == "{\n" else "\n}\n"


def json_members(dataset: Dataset) -> dict[str, Any]:
    """The provenance, then sources, entities (each with its ``kind``), relations, figures, redirects and variants,
    each list of records :class:`Streamed`."""
    records = dataset.records
    return {
        **dataset.provenance().to_json(),
        "sources": Streamed(unstructure(source) for source in records.sources),
        "entities": Streamed(plain(entity) for entity in records.entities),
        "relations": Streamed(unstructure(relation) for relation in records.relations),
        "figures": Streamed(unstructure(figure) for figure in records.figures),
        "redirects": Streamed(unstructure(redirect) for redirect in records.redirects),
        "variants": Streamed(unstructure(variant) for variant in records.variants),
    }


def json_text(dataset: Dataset) -> str:
    """The document as one text: two-space indent, UTF-8 characters kept, final newline."""
    return "".join(json_chunks(json_members(dataset)))
