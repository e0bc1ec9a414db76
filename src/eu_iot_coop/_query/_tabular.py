"""Flat columns for records: the shared shape of the CSV, SQLite and GraphML exports.

A record's fields become columns in declaration order. A :class:`When` field
``founded`` becomes four columns, ``founded``, ``founded_latest`` (the upper
bound of a date known only as a range, else empty), ``founded_inferred`` and
``founded_note``, so no information is lost to a flat table. A variant's ``value``,
which takes the type of the field it stands in for, is one text column holding its
JSON (``"2012-09-17"`` with the quotes, ``10``, or an object). An entity's names in other
languages and its identifiers are one text column each, holding their JSON as the data files
write it (a list of objects, each with its citations). A record's own citations are not
columns: each export writes them as rows of their own.
"""

from __future__ import annotations

import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from eu_iot_coop._model import (
    ENTITY_CLASSES,
    FILE_NAMES,
    Citation,
    Entity,
    Figure,
    PartialDate,
    Record,
    Relation,
    Variant,
    When,
    identity,
)

ColumnType = Literal["text", "boolean", "integer", "number", "list"]
Value: TypeAlias = str | bool | int | float | tuple[str, ...] | None


@attrs.frozen
class Column:
    """One flat column: its name, its type and how to read it from a record."""

    name: str
    type: ColumnType
    read: Callable[[object], Value] = attrs.field(eq=False, repr=False)


def _plain(value: object) -> Value:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return tuple(str(item) for item in value)
    return str(value)


def _getter(name: str) -> Callable[[object], Value]:
    return lambda record: _plain(getattr(record, name))


def _when_getter(name: str, part: str) -> Callable[[object], Value]:
    def read(record: object) -> Value:
        when = getattr(record, name)
        if when is None:
            return None
        return _plain(getattr(when, part))

    return read


def _is(annotation: object, cls: type) -> bool:
    if annotation is cls:
        return True
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return cls in typing.get_args(annotation)
    return False


def _json_getter(name: str) -> Callable[[object], Value]:
    return lambda record: json.dumps(getattr(record, name), ensure_ascii=False, separators=(",", ":"))


def _records_getter(name: str) -> Callable[[object], Value]:
    # Names in other languages and identifiers: the JSON their data file writes, citations included; empty, none.
    def read(record: object) -> Value:
        items = getattr(record, name)
        if not items:
            return None
        return json.dumps([attrs.asdict(item) for item in items], ensure_ascii=False, separators=(",", ":"))

    return read


def _columns_for_field(name: str, annotation: object) -> list[Column]:
    if annotation is Any:
        return [Column(name, "text", _json_getter(name))]
    if typing.get_origin(annotation) is tuple and attrs.has(typing.get_args(annotation)[0]):
        return [Column(name, "text", _records_getter(name))]
    if _is(annotation, When):
        return [
            Column(name, "text", _when_getter(name, "date")),
            Column(f"{name}_latest", "text", _when_getter(name, "latest")),
            Column(f"{name}_inferred", "boolean", _when_getter(name, "inferred")),
            Column(f"{name}_note", "text", _when_getter(name, "note")),
        ]
    if annotation is bool:
        return [Column(name, "boolean", _getter(name))]
    if _is(annotation, float):
        return [Column(name, "number", _getter(name))]
    if _is(annotation, int):
        return [Column(name, "integer", _getter(name))]
    if typing.get_origin(annotation) is tuple:
        return [Column(name, "list", _getter(name))]
    return [Column(name, "text", _getter(name))]


def table_name(kind: str) -> str:
    """The table (or frame) of one record type, named like its data file: ``organisations``, ``people``, ..."""
    return FILE_NAMES[kind].removesuffix(".json")


def columns(cls: type[Record]) -> tuple[Column, ...]:
    """The flat columns of a record class, in field order, citations left out."""
    cached = _COLUMNS.get(cls)
    if cached is None:
        cached = _COLUMNS[cls] = _columns(cls)
    return cached


_COLUMNS: dict[type[Any], tuple[Column, ...]] = {}


def _columns(cls: type[Any]) -> tuple[Column, ...]:
    hints = typing.get_type_hints(cls)
    result: list[Column] = []
    for field in attrs.fields(cls):
        if field.name == "citations":
            continue
        result.extend(_columns_for_field(field.name, hints[field.name]))
    return tuple(result)


@functools.cache
def entity_columns() -> tuple[Column, ...]:
    """Columns of every entity kind together: ``id``, ``kind``, the shared fields, then each kind's own."""
    seen: dict[str, Column] = {}
    seen["id"] = Column("id", "text", _getter("id"))
    seen["kind"] = Column("kind", "text", lambda record: str(typing.cast(Entity, record).kind.value))
    for cls in ENTITY_CLASSES.values():
        for column in columns(cls):
            seen.setdefault(column.name, column)
    return tuple(seen.values())


def row(record: object, selected: Sequence[Column]) -> list[Value]:
    """The values of *record* in *selected* columns; ``None`` where the record has no such field."""
    values: list[Value] = []
    for column in selected:
        try:
            values.append(column.read(record))
        except AttributeError:
            values.append(None)
    return values


CitedRecord: TypeAlias = Entity | Relation | Figure | Variant


def citation_rows(records: Iterable[CitedRecord]) -> list[tuple[str, str, int, Citation]]:
    """``(record_type, record_key, position, citation)`` for each citation, positions counted from 1."""
    return [
        (record.record_type, identity(record), position, citation)
        for record in records
        for position, citation in enumerate(record.citations, start=1)
    ]
