"""Reading a whole-dataset JSON export (``eu-iot-coop export --format json``) back as data files.

An export is recognised by its structure: one JSON object with neither ``kind``
nor ``records`` but with a record list or a provenance key of an export. Its lists
become one data file per record kind, read by the same code as the data files, so
an export passes every check they pass. Every list must be there (an export
writes each, empty or not: one missing was deleted, and its records would be
silently lost); top-level keys that describe where the export came from are
accepted and not read, and any other key is refused.
"""

from __future__ import annotations

import os
from typing import Any, Final

from eu_iot_coop._model import Kind
from eu_iot_coop.exceptions import DataError, DataFileError, SchemaError

from ._converter import json_type
from ._loader import DataFile, display_path, read_json, structure_file
from ._shape import record_label

#: The record lists of an export, each with the kind of its records (entities carry their own ``kind``).
EXPORT_LISTS: Final = {
    "sources": "source",
    "entities": None,
    "relations": "relation",
    "figures": "figure",
    "redirects": "redirect",
    "variants": "variant",
}
#: Top-level keys that say where an export came from; accepted, never read as records.
PROVENANCE_KEYS: Final = frozenset({"data_version", "fingerprint", "meta", "package_version", "provenance"})

_ENTITY_KINDS: Final = tuple(kind.value for kind in Kind)


def is_export(document: object) -> bool:
    """Whether a parsed JSON value has the structure of a whole-dataset export rather than of a data file."""
    return (
        isinstance(document, dict)
        and not {"kind", "records"} & document.keys()
        and any(key in EXPORT_LISTS or key in PROVENANCE_KEYS for key in document)
    )


def is_export_file(path: str | os.PathLike[str]) -> bool:
    """Whether *path* is a readable JSON file with the structure of an export (any other file is not)."""
    try:
        return is_export(read_json(path))
    except (DataError, OSError):
        return False


def read_export(path: str | os.PathLike[str]) -> tuple[DataFile, ...] | None:
    """The data files of an export at *path*, or ``None`` when the file is not an export (by its structure).

    Every problem raises, the first with the others attached, as :func:`read_paths` does.
    """
    name = display_path(path)
    document = read_json(path)
    if not is_export(document):
        return None
    files, problems = _split(document, name)
    if problems:
        raise problems[0].with_others(problems)
    return files


def _split(document: dict[str, Any], name: str) -> tuple[tuple[DataFile, ...], list[DataError]]:
    unknown = sorted(key for key in document if key not in EXPORT_LISTS and key not in PROVENANCE_KEYS)
    if unknown:
        known = ", ".join(repr(key) for key in (*EXPORT_LISTS, *sorted(PROVENANCE_KEYS)))
        return (), [
            DataFileError(
                f"unknown top-level key(s) {', '.join(map(repr, unknown))} in a JSON export",
                file=name,
                fix=f"an export has only the keys {known}; remove the others",
            )
        ]
    problems: list[DataError] = []
    groups: dict[str, list[Any]] = {}
    for key, kind in EXPORT_LISTS.items():
        raw = document.get(key)
        if raw is None and key not in document:
            problems.append(
                DataFileError(
                    f"the export has no {key!r} list, which every export has (empty or not): it was removed",
                    file=name,
                    field=key,
                    fix=f'export the dataset again, or restore {key!r} (write "{key}": [] if it held none)',
                )
            )
            continue
        if not isinstance(raw, list):
            problems.append(
                DataFileError(f"{key!r} is {json_type(raw)}, not a list", file=name, fix=f"make {key!r} a list")
            )
            continue
        if kind is not None:
            groups.setdefault(kind, []).extend(raw)
            continue
        for index, entity in enumerate(raw):
            entity_kind = entity.get("kind") if isinstance(entity, dict) else None
            if not isinstance(entity_kind, str) or entity_kind not in _ENTITY_KINDS:
                problems.append(
                    SchemaError(
                        f"the entity has no valid 'kind' (found {entity_kind!r})",
                        file=name,
                        record=record_label(entity, index),
                        field="kind",
                        fix=f"give each entity a 'kind': one of {', '.join(_ENTITY_KINDS)}",
                    )
                )
                continue
            groups.setdefault(entity_kind, []).append({k: v for k, v in entity.items() if k != "kind"})
    files: list[DataFile] = []
    for kind, raw_records in groups.items():
        data_file, found = structure_file(raw_records, kind, name)
        files.append(data_file)
        problems.extend(found)
    return tuple(files), problems
