"""Reading data files safely: bundled package resources or user paths, each into a :class:`DataFile`.

A path is read only if it is a regular file within :data:`MAX_FILE_BYTES` (a
directory is listed with ``os.scandir``, so one that cannot be listed is an
error, not empty); its bytes then pass the strict JSON reader (``_strict_json``),
the shape check (``_shape``) and structuring, with any record that fails
explained (``_explain``). Every problem becomes a
:class:`~eu_iot_coop.exceptions.DataError` naming the file, the record and the
field, with a fix. All problems of a pass are collected: :func:`collect_paths`
returns them with the records that could be read (a record that fails is left
out, the rest of its file is kept), so that later stages can still check those;
:func:`read_paths` raises the first with the others attached.
"""

from __future__ import annotations

import importlib.resources
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

import attrs

from eu_iot_coop._gc import collector_paused
from eu_iot_coop._model import RECORD_CLASSES, Record
from eu_iot_coop.exceptions import DataError, DataFileError

from ._converter import fast_converter
from ._explain import structure_each
from ._shape import check_shape
from ._strict_json import parse_json

#: Largest data file read, in bytes; larger files are refused before parsing.
MAX_FILE_BYTES: Final = 128 * 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted; real data files need about five levels.
MAX_DEPTH: Final = 64
#: Files in a data directory that hold no records (the coverage gaps are read by `_query._coverage`).
NOT_RECORD_FILES: Final = frozenset({"manifest.json", "schema.json", "coverage-gaps.json"})


@attrs.frozen
class DataFile:
    """The records of one data file, with the file's name and its ``replace`` list.

    ``skipped`` holds ``(position, label)`` of each record that could not be
    read and was left out (its problems are reported apart); usually empty.
    ``partial`` holds what could be read of those records without their faulty
    fields: the integrity rules check it, so that every problem of a record is
    reported in one run; it is never loaded.
    """

    name: str
    kind: str
    records: tuple[Record, ...]
    replace: tuple[str, ...] = ()
    skipped: tuple[tuple[int, str], ...] = ()
    partial: tuple[Record, ...] = ()


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


#: How the bundled files are named in messages: this, then the file's name.
BUNDLED_NAMES: Final = "eu_iot_coop/data/"


def read_bundled() -> tuple[DataFile, ...]:
    """Every record file bundled in the package, read as resources."""
    entries = sorted((e for e in bundled_folder().iterdir() if _is_data_file(e.name)), key=lambda e: e.name)
    return _read_all((f"{BUNDLED_NAMES}{entry.name}", entry.read_bytes) for entry in entries).files_or_raise()


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


def unread_entries(directory: Path) -> list[DataFileError]:
    """A problem for each entry of *directory* that looks like data but would not be read, so none goes unsaid.

    A file named ``*.JSON`` (or any other case but ``.json``), and a sub-folder holding data files: a
    directory is read one level deep. Hidden entries (``.git``) are left alone. An entry that cannot be
    looked at is left to the reading that follows.
    """
    problems: list[DataFileError] = []
    try:
        with os.scandir(directory) as entries:
            found = sorted((entry.name, entry.is_dir()) for entry in entries if not entry.name.startswith("."))
    except OSError:
        return problems
    for name, is_directory in found:
        where = display_path(directory / name)
        if not is_directory and name.lower().endswith(".json") and not name.endswith(".json"):
            problems.append(
                DataFileError(
                    f"the file is not read: its name ends in {name[-5:]!r}, and only names ending in '.json' are",
                    file=where,
                    fix=f"rename it to end in '.json' (or move it out of {display_path(directory)!r})",
                )
            )
        elif is_directory and _holds_data(directory / name):
            problems.append(
                DataFileError(
                    "the sub-folder holds data files that are not read: a folder's data files are read one level deep",
                    file=where,
                    fix="give the sub-folder as a path of its own (an --overlay or a PATH), or move its files up",
                )
            )
    return problems


def _holds_data(directory: Path) -> bool:
    try:
        with os.scandir(directory) as entries:
            return any(_is_data_file(entry.name.lower()) for entry in entries)
    except OSError:
        return False


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[DataFile, ...]:
    """Data files from paths: each a data file, or a directory whose ``*.json`` files are read.

    Raises the first problem, every other attached.
    """
    return collect_paths(paths).files_or_raise()


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> Reading:
    """Like :func:`read_paths`, but returning the problems with whatever could be read."""
    sources: list[tuple[str, Callable[[], bytes]]] = []
    for given in paths:
        if not os.fspath(given):
            # Path("") is the current directory: an empty argument is far likelier a mistake than a wish.
            problem = DataFileError(
                "the path is empty",
                file="''",
                fix="give the path of a data file or of a directory of them ('.' for the current directory)",
            )
            sources.append(("''", _raiser(problem)))
            continue
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
            sources.extend((problem.file or "", _raiser(problem)) for problem in unread_entries(path))
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
        kind, raw_records, replace = check_shape(parse_json(data, name, max_depth=MAX_DEPTH), name)
    except DataFileError as error:
        return None, [error]
    return structure_file(raw_records, kind, name, replace)


def read_json(path: str | os.PathLike[str]) -> Any:
    """The JSON value of a regular file, read within the size and depth limits of a data file."""
    return parse_json(read_regular_file(Path(path)), display_path(path), max_depth=MAX_DEPTH)


def structure_file(
    raw_records: Sequence[Any], kind: str, name: str, replace: tuple[str, ...] = ()
) -> tuple[DataFile, list[DataError]]:
    """The records of one kind as a :class:`DataFile`, each checked against its class; every problem found."""
    cls = RECORD_CLASSES[kind]
    with collector_paused():
        hook = fast_converter().get_structure_hook(cls)
        try:
            records = tuple([hook(raw, cls) for raw in raw_records])
        except Exception:  # any failure is explained, record by record; the readable ones are kept
            found = structure_each(raw_records, cls, name)
            read = DataFile(name, kind, tuple(found.records), replace, tuple(found.skipped), tuple(found.partial))
            return read, found.problems
    return DataFile(name, kind, records, replace), []
