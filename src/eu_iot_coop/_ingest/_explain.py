"""Why a record could not be read: cattrs' structuring errors explained as the library's DataError problems.

cattrs raises groups of errors nested as deep as the record; each leaf becomes
one :class:`~eu_iot_coop.exceptions.SchemaError` (or ``DateError``) naming the
file, the record, the field path and a fix. This runs only on the slow path,
after a file failed to structure as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from eu_iot_coop._model import InvalidValue, PartialDate, Record, When, closest
from eu_iot_coop.exceptions import DataError, DateError, SchemaError

from ._converter import (
    BadDateError,
    FieldTypeError,
    FieldValueError,
    fast_converter,
    field_names,
    json_type,
    structure_record,
)
from ._shape import record_label

# Where a field path's top-level name ends: 'citations[0].source' is about 'citations'.
_TOP_FIELD: Final = re.compile(r"[.\[]")
# Attrs classes written as JSON strings, not objects.
_SCALAR_CLASSES: Final = frozenset({PartialDate, When})


def did_you_mean(close: Sequence[str]) -> str:
    """The start of a fix offering the *close* names (``did you mean 'a' or 'b'? ``), or nothing if none."""
    return f"did you mean {' or '.join(map(repr, close))}? " if close else ""


@attrs.frozen
class Structured:
    """What :func:`structure_each` made of a file's raw records.

    ``records``: those read whole. ``skipped``: ``(position, label)`` of the others. ``partial``: those of the
    others that read without their faulty fields, for the integrity rules to check the rest of them (so that
    every problem of a record is reported at once), never to be loaded. ``problems``: why the others failed.
    """

    records: list[Record]
    skipped: list[tuple[int, str]]
    partial: list[Record]
    problems: list[DataError]


def structure_each(raw_records: Sequence[Any], cls: type[Any], name: str) -> Structured:
    """The records that can be read, those that cannot (and what is left of them), and every problem of theirs."""
    hook = fast_converter().get_structure_hook(cls)
    found = Structured([], [], [], [])
    for index, raw in enumerate(raw_records):
        try:
            found.records.append(hook(raw, cls))
            continue
        except Exception:  # explained just below
            label = record_label(raw, index)
            found.skipped.append((index, label))
        problems = explain_record(raw, label, cls, name)
        found.problems.extend(problems)
        rest = _without_faults(raw, problems, cls)
        if rest is not None:
            found.partial.append(rest)
    return found


def _without_faults(raw: Any, problems: Sequence[DataError], cls: type[Any]) -> Record | None:
    """The record read without the top-level fields its *problems* name, or None where even that fails
    (a required field is at fault, or a problem names no field)."""
    if not isinstance(raw, dict) or not problems or any(p.field is None for p in problems):
        return None
    faulty = {_TOP_FIELD.split(p.field or "", maxsplit=1)[0] for p in problems}
    try:
        rest: Record = fast_converter().structure({k: v for k, v in raw.items() if k not in faulty}, cls)
    except Exception:  # a required field was faulty: nothing is left to check
        return None
    return rest


def explain_record(raw: Any, label: str, cls: type[Any], name: str) -> list[DataError]:
    """Every problem of a raw record that fails to structure as ``cls``, each naming its field."""
    if not isinstance(raw, dict):
        return [
            SchemaError(
                f"the record is {json_type(raw)}, not an object",
                file=name,
                record=label,
                fix=f"write each record as an object with the fields {', '.join(field_names(cls))}",
            )
        ]
    try:
        structure_record(raw, cls, detailed=True)
    except Exception as error:  # cattrs raises groups of anything; all are explained
        return [
            _to_data_error(path, leaf, owner, file=name, record=label) for path, leaf, owner in _leaves(error, raw, cls)
        ]
    return [SchemaError("the record could not be read", file=name, record=label, fix="check it against schema.json")]


def _leaves(error: BaseException, raw: Any, cls: Any, path: str = "") -> Iterator[tuple[str, BaseException, Any]]:
    """Walk a cattrs error tree: each leaf error with its field path and the class it was structuring."""
    if attrs.has(cls) and cls not in _SCALAR_CLASSES and not isinstance(raw, dict):
        yield path, FieldTypeError("an object", raw), cls
        return
    if isinstance(error, ClassValidationError):
        attribute_errors, without = error.group_exceptions()
        for sub, note in attribute_errors:
            yield from _leaves(sub, raw.get(note.name), note.type, _join(path, note.name))
        for sub in without:
            if isinstance(sub, ForbiddenExtraKeysError):
                for extra in sorted(sub.extra_fields):
                    yield _join(path, extra), sub, error.cl
            else:
                yield from _validator_failures(sub, raw, error.cl, path)
    elif isinstance(error, IterableValidationError):
        item_errors, leftover = error.group_exceptions()
        for sub, item_note in item_errors:
            index = int(item_note.index)
            item = raw[index] if isinstance(raw, list) and index < len(raw) else None
            yield from _leaves(sub, item, item_note.type, f"{path}[{index}]")
        for sub in leftover:
            yield path, sub, cls
    elif isinstance(error, FieldValueError) and error.at:
        yield _join(path, error.at), error, cls
    else:
        yield path, error, cls


def _validator_failures(
    error: BaseException, raw: dict[str, Any], cls: Any, path: str
) -> Iterator[tuple[str, Any, Any]]:
    # An attrs validator failed in __init__, after cattrs had let go of the field name: find the field again.
    found = False
    for attribute in attrs.fields(cls):
        if attribute.validator is None or attribute.name not in raw:
            continue
        try:
            attribute.validator(None, attribute, raw[attribute.name])
        except Exception as failure:  # validators raise ValueError or TypeError
            found = True
            yield _join(path, attribute.name), failure, cls
    if not found:
        yield path, error, cls


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _to_data_error(path: str, error: BaseException, owner: Any, *, file: str, record: str) -> DataError:
    field = path or None
    name = path.rsplit(".", 1)[-1]
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = field_names(owner)
        return SchemaError(
            f"unknown field {name!r}",
            file=file,
            record=record,
            field=field,
            fix=f"{did_you_mean(closest(name, allowed, n=1))}remove it or rename it; "
            f"{owner.__name__} has the fields {', '.join(allowed)}",
        )
    if isinstance(error, KeyError):
        return SchemaError(
            "required field missing", file=file, record=record, field=field, fix=f"add the field {name!r}"
        )
    if isinstance(error, BadDateError):
        return DateError(str(error), file=file, record=record, field=field, fix=error.fix)
    if isinstance(error, InvalidValue):
        return SchemaError(str(error), file=file, record=record, field=field, fix=error.fix)
    if isinstance(error, FieldTypeError):
        return SchemaError(str(error), file=file, record=record, field=field, fix=f"write {error.expected} here")
    fix = "correct the value; schema.json describes it"
    return SchemaError(f"invalid value: {error}", file=file, record=record, field=field, fix=fix)
