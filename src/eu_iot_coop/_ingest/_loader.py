"""Reading data files: bundled package resources or user paths, into typed records.

Every problem becomes a :class:`~eu_iot_coop.exceptions.DataError` naming the
file, the record and the field, with a fix. All problems of a pass are
collected: :func:`collect_paths` returns them with the records that could be
read (a record that fails is left out, the rest of its file is kept), so that
later stages can still check those; :func:`read_paths` raises the first with
the others attached.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from eu_iot_coop._gc import collector_paused
from eu_iot_coop._model import RECORD_CLASSES, PartialDate, Record, When, closest
from eu_iot_coop.exceptions import DataError, DataFileError, DateError, SchemaError

from ._converter import (
    BadDateError,
    FieldTypeError,
    FieldValueError,
    fast_converter,
    field_names,
    json_type,
    structure_record,
)

#: Largest data file read, in bytes; larger files are refused before parsing.
MAX_FILE_BYTES: Final = 128 * 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted; real data files need about five levels.
MAX_DEPTH: Final = 64
#: Files in a data directory that hold no records.
NOT_RECORD_FILES: Final = frozenset({"manifest.json", "schema.json"})

_TOP_LEVEL_KEYS: Final = ("kind", "records", "replace")
_STRING = re.compile(rb'"[^"]*"')
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_INNERMOST_PAIR = re.compile(rb"\[\]|\{\}")
_UNCLOSED_RUN = re.compile(rb"[\[{]{%d}" % (MAX_DEPTH + 1))
# UTF-32 before UTF-16: the UTF-32 little-endian mark begins with the UTF-16 one.
_BYTE_ORDER_MARKS: Final = (
    (b"\xef\xbb\xbf", "UTF-8"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Attrs classes written as JSON strings, not objects.
_SCALAR_CLASSES: Final = frozenset({PartialDate, When})


@attrs.frozen
class DataFile:
    """The records of one data file, with the file's name and its ``replace`` list.

    ``skipped`` holds ``(position, label)`` of each record that could not be
    read and was left out (its problems are reported apart); usually empty.
    """

    name: str
    kind: str
    records: tuple[Record, ...]
    replace: tuple[str, ...] = ()
    skipped: tuple[tuple[int, str], ...] = ()


@attrs.frozen
class Reading:
    """What a read found: the files (bad records left out), every problem, and every name met in order.

    ``names`` lists each file (and each directory without data files) in the
    order it was met, readable or not, so problems can be put in that order;
    ``unread`` those of them that could not be read at all (no record of theirs is known).
    """

    files: tuple[DataFile, ...]
    problems: tuple[DataError, ...]
    names: tuple[str, ...]
    unread: tuple[str, ...] = ()

    def files_or_raise(self) -> tuple[DataFile, ...]:
        """The files, or the first problem raised with every other attached."""
        if self.problems:
            raise self.problems[0].with_others(self.problems)
        return self.files


def bundled_folder() -> Traversable:
    """The package's ``data`` folder, as a resource (it may live in a zip or wheel)."""
    return importlib.resources.files("eu_iot_coop") / "data"


def read_bundled() -> tuple[DataFile, ...]:
    """Every record file bundled in the package, read as resources."""
    entries = sorted((e for e in bundled_folder().iterdir() if _is_data_file(e.name)), key=lambda e: e.name)
    return _read_all((f"eu_iot_coop/data/{entry.name}", entry.read_bytes) for entry in entries).files_or_raise()


def _is_data_file(name: str) -> bool:
    return name.endswith(".json") and name not in NOT_RECORD_FILES


def data_files_in(directory: Path) -> list[Path]:
    """The data files of a directory (its ``*.json`` files but the manifest and schema), by name.

    A directory that cannot be listed is a :class:`DataFileError` (``glob`` would call it empty).
    """
    try:
        with os.scandir(directory) as entries:
            names = [entry.name for entry in entries if _is_data_file(entry.name)]
    except OSError as error:
        raise _os_error_problem(error, display_path(directory), "directory") from None
    return sorted(directory / name for name in names)


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[DataFile, ...]:
    """Data files from paths: each a data file, or a directory whose ``*.json`` files are read.

    Raises the first problem, every other attached.
    """
    return collect_paths(paths).files_or_raise()


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> Reading:
    """Like :func:`read_paths`, but returning the problems with whatever could be read."""
    sources: list[tuple[str, Callable[[], bytes]]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                found = data_files_in(path)
            except DataFileError as error:
                sources.append((display_path(path), _raiser(error)))
                continue
            if not found:
                sources.append((display_path(path), _empty_directory(path)))
            sources.extend((display_path(p), _path_reader(p)) for p in found)
        else:
            sources.append((display_path(path), _path_reader(path)))
    return _read_all(sources)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 are shown escaped (``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _empty_directory(path: Path) -> Callable[[], bytes]:
    return _raiser(
        DataFileError(
            "the directory holds no data files", file=display_path(path), fix="add *.json data files or fix the path"
        )
    )


def _raiser(error: DataError) -> Callable[[], bytes]:
    # A path whose problem is known before reading: it is reported, in order, when its turn comes.
    def read() -> bytes:
        raise error

    return read


def _path_reader(path: Path) -> Callable[[], bytes]:
    return lambda: read_regular_file(path)


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`; anything else is a :class:`DataFileError`.

    The kind of file is checked before it is opened, and opened without blocking, so a FIFO, a device
    or a socket is refused instead of hanging; the size is checked before reading, and no more than
    the cap and one byte is ever read (a file can grow meanwhile).
    """
    name = display_path(path)
    _check_regular(os.stat(path).st_mode, name)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb", closefd=True) as handle:
        status = os.fstat(descriptor)
        _check_regular(status.st_mode, name)  # it may have been replaced since the stat
        if status.st_size > MAX_FILE_BYTES:
            raise _too_big_error(name)
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_big_error(name)
    return data


def _check_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    what = (
        "a directory"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise DataFileError(
        f"the path is {what}, not a regular file", file=name, fix="give the path of a data file (a *.json file)"
    )


def _read_all(sources: Iterable[tuple[str, Callable[[], bytes]]]) -> Reading:
    problems: list[DataError] = []
    files: list[DataFile] = []
    names: list[str] = []
    unread: list[str] = []
    for name, read in sources:
        names.append(name)
        try:
            data = read()
        except DataError as error:
            problems.append(error)
            unread.append(name)
            continue
        except OSError as error:
            problems.append(_os_error_problem(error, name))
            unread.append(name)
            continue
        data_file, found = parse_file(data, name)
        if data_file is not None:
            files.append(data_file)
        else:
            unread.append(name)
        problems.extend(found)
    return Reading(tuple(files), tuple(problems), tuple(names), tuple(unread))


def _os_error_problem(error: OSError, name: str, what: str = "file") -> DataFileError:
    if isinstance(error, PermissionError):
        return DataFileError(
            f"permission denied: you may not read this {what}",
            file=name,
            fix=f"give your user read permission on the {what} (and on the directories above it), or use a copy",
        )
    if isinstance(error, FileNotFoundError):
        return DataFileError(f"there is no such {what}", file=name, fix="check the path")
    return DataFileError(
        f"cannot read the {what} ({error.strerror or error})",
        file=name,
        fix=f"check that the path exists and the {what} is readable",
    )


def _too_big_error(name: str) -> DataFileError:
    return DataFileError(
        f"the file is larger than {MAX_FILE_BYTES} bytes",
        file=name,
        fix="split the records over several files in a directory",
    )


def parse_file(data: bytes, name: str) -> tuple[DataFile | None, list[DataError]]:
    """One data file from its bytes and every problem found in it.

    A file that cannot be parsed, or has the wrong shape, gives ``None``; a
    record that cannot be read is left out of the file and listed in ``skipped``.
    """
    if len(data) > MAX_FILE_BYTES:
        return None, [_too_big_error(name)]
    try:
        document = parse_json(data, name)
        kind, raw_records, replace = _check_shape(document, name)
    except DataFileError as error:
        return None, [error]
    return structure_file(raw_records, kind, name, replace)


def structure_file(
    raw_records: Sequence[Any], kind: str, name: str, replace: tuple[str, ...] = ()
) -> tuple[DataFile, list[DataError]]:
    """The records of one kind as a :class:`DataFile`, each checked against its class; every problem found."""
    cls = RECORD_CLASSES[kind]
    with collector_paused():
        hook = fast_converter().get_structure_hook(cls)
        try:
            records = tuple([hook(raw, cls) for raw in raw_records])
        except Exception:  # any failure is explained below, record by record
            return _explain_file(raw_records, cls, name, kind, replace)
    return DataFile(name, kind, records, replace), []


def parse_json(data: bytes, name: str) -> Any:
    """The JSON value of a file's bytes: UTF-8 (no BOM), not too deep, no repeated key, no NaN; else a DataFileError."""
    _check_encoding_mark(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"the file is not UTF-8 text (bad byte at offset {error.start})", file=name, fix="save the file as UTF-8"
        ) from None
    _check_depth(data, name)
    try:
        with collector_paused():
            return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKeyError as error:
        raise _duplicate_key_problem(text, error.key, name) from None
    except json.JSONDecodeError as error:
        raise DataFileError(
            f"the file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            file=name,
            fix="correct the JSON syntax there",
        ) from None
    except RecursionError:
        # Only unbalanced brackets get past _check_depth, so the nesting is deeper than the limit.
        raise _too_deep_error(name) from None
    except ValueError as error:
        raise DataFileError(f"the file is not valid JSON: {error}", file=name, fix="correct the JSON there") from None


def _check_encoding_mark(data: bytes, name: str) -> None:
    # A byte-order mark is refused, not skipped: the canonical form has none, so accepting one would leave
    # `fmt` to drop it unasked, and JSON parsers (Python's, jq) refuse it too, so the file would fail elsewhere.
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            if encoding == "UTF-8":
                raise DataFileError(
                    "the file starts with a UTF-8 byte-order mark (BOM), which JSON data files may not have",
                    file=name,
                    fix="save it as UTF-8 without BOM (an editor's 'UTF-8', not 'UTF-8 with BOM')",
                )
            raise DataFileError(
                f"the file is {encoding} text (it starts with a {encoding} byte-order mark), not UTF-8",
                file=name,
                fix="save it as UTF-8 without BOM",
            )


def _too_deep_error(name: str) -> DataFileError:
    return DataFileError(
        f"the JSON is nested too deeply: more than {MAX_DEPTH} levels of arrays and objects (the limit is {MAX_DEPTH})",
        file=name,
        fix="data files need only a few levels (records, their lists and objects): look for runaway brackets",
    )


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON lets the last of two equal keys win silently: that loses data (a second "records" drops the first).
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _duplicate_key_problem(text: str, key: str, name: str) -> DataFileError:
    # Found again with a parse that only marks the objects holding a repeated key: which record, which line.
    marked: list[dict[str, Any]] = []

    def mark(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            marked.append(result)
        return result

    document = json.loads(text, object_pairs_hook=mark)
    record = None
    records = document.get("records") if isinstance(document, dict) else None
    if isinstance(records, list) and not (marked and marked[0] is document):
        for index, raw in enumerate(records):
            if _holds(raw, marked[0]):
                record = record_label(raw, index)
                break
    line = _second_line(text, key)
    at = f" (lines {line[0]} and {line[1]})" if line else ""
    return DataFileError(
        f"the key {key!r} appears twice in one object{at}; JSON would keep only the last",
        file=name,
        record=record,
        field=key,
        fix="keep one of the two: merge their values or rename one",
    )


def _holds(value: Any, target: dict[str, Any]) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if item is target:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _second_line(text: str, key: str) -> tuple[int, int] | None:
    # The lines of the two, when the key appears as a key just twice in the file (else the lines could mislead).
    found = [m.start() for m in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", text)]
    if len(found) != 2:
        return None
    return text.count("\n", 0, found[0]) + 1, text.count("\n", 0, found[1]) + 1


def _refuse_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON number")


def _check_depth(data: bytes, name: str) -> None:
    # Only brackets outside strings count. Keeping just quotes and brackets turns most strings into '""',
    # and dropping two adjacent quotes changes no other character's inside-or-outside, so that goes first
    # (fast) and the string pattern then has little left to do. Each pass of the loop strips the innermost
    # pairs, one level at a time: bounded, C-speed work with no recursion.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = _STRING.sub(b"", unescaped.translate(None, _NOT_STRUCTURE).replace(b'""', b""))
    for _ in range(MAX_DEPTH):
        if not skeleton:
            return
        shorter = _INNERMOST_PAIR.sub(b"", skeleton)
        if shorter == skeleton:
            # Unbalanced: the JSON parser reports it better, unless brackets are opened beyond the limit on the way.
            if _UNCLOSED_RUN.search(skeleton):
                raise _too_deep_error(name)
            return
        skeleton = shorter
    if skeleton and _INNERMOST_PAIR.search(skeleton):
        raise _too_deep_error(name)


def _check_shape(document: Any, name: str) -> tuple[str, list[Any], tuple[str, ...]]:
    if not isinstance(document, dict):
        raise DataFileError(
            f"the file holds {json_type(document)}, not an object",
            file=name,
            fix='write an object: {"kind": "...", "records": [...]}',
        )
    unknown = sorted(k for k in document if k not in _TOP_LEVEL_KEYS)
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


def _explain_file(
    raw_records: Sequence[Any], cls: type[Any], name: str, kind: str, replace: tuple[str, ...]
) -> tuple[DataFile, list[DataError]]:
    # The slow path, taken only when a record failed: keep the records that can be read, explain the others.
    hook = fast_converter().get_structure_hook(cls)
    problems: list[DataError] = []
    records: list[Record] = []
    skipped: list[tuple[int, str]] = []
    for index, raw in enumerate(raw_records):
        try:
            records.append(hook(raw, cls))
            continue
        except Exception:  # explained just below
            label = record_label(raw, index)
            skipped.append((index, label))
        problems.extend(explain_record(raw, label, cls, name))
    return DataFile(name, kind, tuple(records), replace, tuple(skipped)), problems


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
        close = closest(name, allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return SchemaError(
            f"unknown field {name!r}",
            file=file,
            record=record,
            field=field,
            fix=f"{hint}remove it or rename it; {owner.__name__} has the fields {', '.join(allowed)}",
        )
    if isinstance(error, KeyError):
        return SchemaError(
            "required field missing", file=file, record=record, field=field, fix=f"add the field {name!r}"
        )
    if isinstance(error, BadDateError):
        return DateError(str(error), file=file, record=record, field=field, fix=error.fix)
    if isinstance(error, FieldValueError):
        return SchemaError(str(error), file=file, record=record, field=field, fix=error.fix)
    if isinstance(error, FieldTypeError):
        return SchemaError(str(error), file=file, record=record, field=field, fix=f"write {error.expected} here")
    fix = "correct the value; schema.json describes it"
    return SchemaError(f"invalid value: {error}", file=file, record=record, field=field, fix=fix)
