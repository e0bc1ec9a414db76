"""Small, valid data-file literals shared by the engine tests (loader, integrity, overlays, diff)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eu_iot_coop._model import FILE_NAMES

CITE = [{"source": "eu-press", "locator": "paragraph 1"}]

#: A source of the bundled data that overlay records may cite.
BUNDLED_SOURCE = "source-ec-internet-of-things"
#: An organisation record, valid as an overlay's on the bundled data.
OVERLAY_ORGANISATION: dict[str, Any] = {
    "id": "fmt-body",
    "name": "Fmt body",
    "description": "A test organisation.",
    "citations": [{"source": BUNDLED_SOURCE, "locator": "test"}],
    "category": "other",
}

VALID: dict[str, dict[str, Any]] = {
    "sources.json": {
        "kind": "source",
        "records": [
            {
                "id": "eu-press",
                "title": "Press release",
                "publisher": "European Commission",
                "url": "https://example.org/press",
                "retrieved": "2024-01-05",
            }
        ],
    },
    "organisations.json": {
        "kind": "organisation",
        "records": [
            {
                "id": "aioti",
                "name": "Alliance for Internet of Things Innovation",
                "acronym": "AIOTI",
                "description": "An industry alliance.",
                "citations": CITE,
                "category": "industry_alliance",
                "founded": "2015-03",
            },
            {
                "id": "dg-cnect",
                "name": "DG CONNECT",
                "description": "A Commission service.",
                "citations": CITE,
                "category": "commission_service",
            },
        ],
    },
    "places.json": {
        "kind": "place",
        "records": [
            {
                "id": "belgium",
                "name": "Belgium",
                "description": "A country.",
                "citations": CITE,
                "place_type": "country",
                "iso_3166_1": "BE",
            }
        ],
    },
    "relations.json": {
        "kind": "relation",
        "records": [
            {"subject": "aioti", "predicate": "located_in", "object": "belgium", "citations": CITE},
            {"subject": "dg-cnect", "predicate": "supports", "object": "aioti", "start": "2015", "citations": CITE},
        ],
    },
    "figures.json": {
        "kind": "figure",
        "records": [
            {
                "id": "aioti-members-2020",
                "subject": "aioti",
                "quantity": "members",
                "value": 200,
                "unit": "organisations",
                "qualifier": "more_than",
                "citations": CITE,
            }
        ],
    },
    "redirects.json": {
        "kind": "redirect",
        "records": [{"id": "aioti-old", "replaced_by": "aioti", "reason": "renamed"}],
    },
}


def valid_files() -> dict[str, dict[str, Any]]:
    """A fresh deep copy of the valid file set, safe to corrupt."""
    return copy.deepcopy(VALID)


#: The ``write_overlay`` fixture: ``write_overlay(records, kind="organisation", folder=None) -> Path``.
OverlayWriter = Callable[..., Path]


def write_files(folder: Path, files: dict[str, Any]) -> Path:
    """Write data files (name -> JSON value) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in files.items():
        (folder / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return folder


def write_overlay_file(folder: Path, records: list[dict[str, Any]], kind: str = "organisation") -> Path:
    """Write an overlay data file of one kind into *folder*, named after the kind's plural, and return its path."""
    name = FILE_NAMES.get(kind, f"{kind}.json")
    write_files(folder, {name: {"kind": kind, "records": records}})
    return folder / name
