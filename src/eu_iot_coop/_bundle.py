"""The bundled records, ready to use: an artefact written and checked when the data changes, read without cattrs.

The JSON files under ``data/`` stay the source of truth. The maintainer command
``python -m eu_iot_coop._maintenance.bundle`` validates them in full (reading,
structuring, integrity checks) and writes ``data/records.marshal``: a header and
the :class:`Records` packed into columns of plain values by :mod:`._columns`, with the
tables lookup reads (every name and code already in normal form) and their fingerprint, written with
:mod:`marshal` (built into the interpreter: nothing to import). Rebuilding the records
from columns runs loops in C; unpickling attrs instances one by one ran Python code for
each, and importing :mod:`pickle` cost more than reading the file.

The header holds the artefact format, the data version, the layout of the
record classes (each class's name and field names) and the size and CRC-32 of
the bytes of every ``*.json`` file in ``data/`` (the data files, and also ``manifest.json``
and ``schema.json``: anything shipped as JSON that changes makes the artefact
stale). :func:`read` rebuilds the records only when all of that still matches
the package it sits in, and returns ``None`` otherwise (no artefact, unreadable,
truncated, another format or data version, a changed class layout, a data file
added, removed or changed, or a package not installed as plain files): the
caller then validates the JSON in full, without a warning.

The artefact is read from the package's own folder and holds only plain values
(reading it runs no code, unlike unpickling), and it is trusted exactly as far as
the package's code next to it.
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from . import _columns, _model
from ._gc import collector_paused
from ._version import DATA_VERSION

if TYPE_CHECKING:
    from ._model import Lookup, Records

#: Bumped whenever the artefact's shape changes; an artefact of another format is ignored.
FORMAT: Final = 4
#: The groups of :class:`Records`, in order.
_GROUPS: Final = ("sources", "entities", "relations", "figures", "redirects", "variants")
#: The artefact's file name under ``data/``.
ARTEFACT: Final = "records.marshal"
#: The marshal format written; every Python version since 3.4 reads it.
_MARSHAL_VERSION: Final = 4
#: The package's data folder on disk (when the package is installed as plain files); the default *folder* below.
DATA_FOLDER: Final = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


class Bundle(NamedTuple):
    """What the artefact holds: the records, their lookup tables (:func:`~eu_iot_coop._model.lookups`) and their
    fingerprint (:attr:`Dataset.fingerprint <eu_iot_coop.Dataset.fingerprint>`)."""

    records: Records
    by_name: Lookup
    by_code: Lookup
    fingerprint: str


def json_hashes(folder: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The size and CRC-32 of each ``*.json`` file of *folder*, by file name, sorted by name."""
    folder = DATA_FOLDER if folder is None else folder
    names = sorted(name for name in os.listdir(folder) if name.endswith(".json"))
    hashes: dict[str, str] = {}
    for name in names:
        data = _regular_bytes(os.path.join(folder, name))
        if data is None:
            raise ValueError(f"{name} is not a regular file")
        # A checksum, not a cryptographic hash: it detects a stale artefact, and zlib is cheap to import.
        hashes[name] = f"{len(data)}:{zlib.crc32(data):08x}"
    return hashes


def _regular_bytes(path: str, limit: int | None = None) -> bytes | None:
    """The bytes of *path* if it is a regular file (of at most *limit* bytes), else ``None``.

    Never waits on a FIFO (opened without blocking, then refused), never reads a device such as
    ``/dev/zero``, and never reads more than the size the file had when opened.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or (limit is not None and status.st_size > limit):
            return None
        return file.read(status.st_size)


def _model_classes() -> dict[str, type]:
    """Every class the model exports (record classes and enums), by :func:`~._columns.class_key`."""
    exported: Iterable[Any] = (getattr(_model, name) for name in _model.__all__)
    return {_columns.class_key(cls): cls for cls in exported if isinstance(cls, type)}


def layout(classes: Mapping[str, type] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each attrs class of the model (or of *classes*, by :func:`~._columns.class_key`) that the artefact can hold,
    by qualified name, with its field names in order."""
    classes = _model_classes() if classes is None else classes
    return tuple(
        sorted(
            (key, tuple(a.name for a in cls.__attrs_attrs__))
            for key, cls in classes.items()
            if hasattr(cls, "__attrs_attrs__")
        )
    )


def header(folder: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """What the artefact for *folder* must say about itself: format, data version, class layout, JSON hashes."""
    return {"format": FORMAT, "data_version": DATA_VERSION, "layout": layout(), "json": json_hashes(folder)}


def dumps(records: Records, fingerprint: str, folder: str | os.PathLike[str] | None = None) -> bytes:
    """The artefact for *records*, which must be the fully validated records of *folder*'s data files, and
    their *fingerprint* (stored, so that the bundled data's is never computed again at run time)."""
    body = (_columns.pack(_shared(records)), _model.lookups(records.entities), fingerprint)
    return marshal.dumps((header(folder), _one_string_each(body, {})), _MARSHAL_VERSION)


def _one_string_each(value: Any, seen: dict[str, str]) -> Any:
    """*value* with equal strings made one object: marshal writes an object met before as a reference to it, so
    each id, locator and name is written, read and kept in memory once (a fifth of the artefact's bytes)."""
    if isinstance(value, str):
        return seen.setdefault(value, value)
    if isinstance(value, tuple | list):
        return type(value)(_one_string_each(item, seen) for item in value)
    if isinstance(value, dict):
        return {_one_string_each(key, seen): _one_string_each(item, seen) for key, item in value.items()}
    return value


def _shared(records: Records) -> Records:
    """The same records with equal citations and dates made one object, so reading builds each once."""
    seen: dict[Any, Any] = {}

    def one(value: Any) -> Any:
        return seen.setdefault(value, value)

    def rebuilt(record: Any) -> Any:
        changes: dict[str, Any] = {}
        for field in record.__attrs_attrs__:
            value = getattr(record, field.name)
            if isinstance(value, _model.When):
                changes[field.name] = one(value)
            elif field.name == "citations":
                changes[field.name] = one(tuple(one(citation) for citation in value))
        return attrs.evolve(record, **changes) if changes else record

    return _model.Records(**{group: [rebuilt(r) for r in getattr(records, group)] for group in _GROUPS})


def _parts(data: bytes) -> tuple[Any, Any, Any, Any, Any]:
    """An artefact's header, packed records, two lookup tables and fingerprint, as :func:`dumps` lays them out."""
    head, (packed, (by_name, by_code), fingerprint) = marshal.loads(data)
    return head, packed, by_name, by_code, fingerprint


def _bundle(records: Any, by_name: Any, by_code: Any, fingerprint: Any) -> Bundle | None:
    """The content read, if each part is of its type."""
    if not isinstance(records, _model.Records) or not isinstance(by_name, dict) or not isinstance(by_code, dict):
        return None
    return Bundle(records, by_name, by_code, fingerprint) if isinstance(fingerprint, str) else None


def loads(data: bytes) -> tuple[dict[str, Any], Bundle]:
    """The header and the content of an artefact's bytes; raises whatever reading them raises."""
    head, packed, by_name, by_code, fingerprint = _parts(data)
    bundle = _bundle(_columns.unpack(packed, _model_classes()), by_name, by_code, fingerprint)
    if not isinstance(head, dict) or bundle is None:
        raise TypeError("not an artefact of eu_iot_coop records")
    return head, bundle


def _size_limit(hashes: dict[str, str]) -> int:
    """The most bytes an artefact of JSON files with these *hashes* may take: twice their size, and 1 MiB."""
    return 2 * sum(int(value.partition(":")[0]) for value in hashes.values()) + 2**20


def read(folder: str | os.PathLike[str] | None = None) -> Bundle | None:
    """The content of *folder*'s artefact if it is readable and current, else ``None`` (validate the JSON then)."""
    folder = DATA_FOLDER if folder is None else folder
    try:
        hashes = json_hashes(folder)
        # The records take less room packed than as JSON: an artefact far larger than that is not one.
        data = _regular_bytes(os.path.join(folder, ARTEFACT), _size_limit(hashes))
        if data is None:
            return None
        head, packed, by_name, by_code, fingerprint = _parts(data)
        if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("data_version") != DATA_VERSION:
            return None
        classes = _model_classes()
        if head.get("json") != hashes or head.get("layout") != layout(classes):
            return None
        with collector_paused():
            records = _columns.unpack(packed, classes)
    except Exception:  # a missing, unreadable, truncated or foreign artefact: validate the JSON instead
        return None
    return _bundle(records, by_name, by_code, fingerprint)
