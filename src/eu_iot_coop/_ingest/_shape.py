"""The shape of a data file: one object with a ``kind``, a ``records`` list and, in overlays, ``replace``.

Checked on the parsed JSON before any record is structured; a file of the wrong
shape is one :class:`~eu_iot_coop.exceptions.DataFileError` and none of its
records is read.
"""

from __future__ import annotations

from typing import Any, Final

from eu_iot_coop._model import RECORD_CLASSES
from eu_iot_coop.exceptions import DataFileError

from ._converter import json_type

#: The keys a data file may have at its top level.
TOP_LEVEL_KEYS: Final = ("kind", "records", "replace")


def check_shape(document: Any, name: str) -> tuple[str, list[Any], tuple[str, ...]]:
    """The kind, the raw records and the ``replace`` list of a parsed data file; a wrong shape is a DataFileError."""
    if not isinstance(document, dict):
        raise DataFileError(
            f"the file holds {json_type(document)}, not an object",
            file=name,
            fix='write an object: {"kind": "...", "records": [...]}',
        )
    unknown = sorted(k for k in document if k not in TOP_LEVEL_KEYS)
    if unknown:
        raise DataFileError(
            f"unknown top-level key(s) {', '.join(map(repr, unknown))}",
            file=name,
            fix="a data file has only 'kind', 'records' and, in overlays, 'replace'",
        )
    kind = document.get("kind")
    if kind is None:
        raise DataFileError("the file has no 'kind'", file=name, fix=f"add 'kind': one of {_kinds()}")
    if not isinstance(kind, str) or kind not in RECORD_CLASSES:
        raise DataFileError(f"unknown kind {kind!r}", file=name, fix=f"use one of {_kinds()}")
    if "records" not in document:
        raise DataFileError("the file has no 'records'", file=name, fix="add 'records': a list of records")
    records = document["records"]
    if not isinstance(records, list):
        raise DataFileError(
            f"'records' is {json_type(records)}, not a list", file=name, fix="make 'records' a list of objects"
        )
    replace = document.get("replace", [])
    if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
        raise DataFileError(
            "'replace' is not a list of strings",
            file=name,
            fix="list the ids (or relation keys subject:predicate:object) this file replaces",
        )
    return kind, records, tuple(replace)


def _kinds() -> str:
    return ", ".join(repr(k) for k in RECORD_CLASSES)


def record_label(raw: object, index: int) -> str:
    """How an error names a raw record: its id, its relation key, or its index."""
    if isinstance(raw, dict):
        if isinstance(raw.get("id"), str):
            return str(raw["id"])
        ends = (raw.get("subject"), raw.get("predicate"), raw.get("object"))
        if all(isinstance(e, str) for e in ends):
            return ":".join(ends)  # type: ignore[arg-type]
    return f"records[{index}]"
