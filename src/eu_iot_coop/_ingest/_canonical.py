"""The canonical form of the data: the text the formatter writes, and the fingerprint of the records."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from eu_iot_coop._model import Record, label, sort_key
from eu_iot_coop._write import refuse_package, write_text
from eu_iot_coop.exceptions import DataFileError

from ._converter import dumps, unstructure
from ._loader import DataFile, data_files_in, parse_file, read_paths


def canonical_text(data_file: DataFile) -> str:
    """What the formatter writes for a data file."""
    return dumps(data_file.kind, data_file.records, replace=data_file.replace)


def format_paths(paths: Iterable[str | os.PathLike[str]], *, check: bool, package_data: bool = False) -> list[Path]:
    """Rewrite each data file (or each ``*.json`` data file of a directory) in canonical form.

    Returns the files that were not canonical. With ``check`` true nothing is
    written: the caller reports the returned files. Invalid files raise the
    :class:`~eu_iot_coop.exceptions.DataError` describing them, and then no file is written.
    Nothing is lost: a file is rewritten only when its canonical text reads back as
    exactly the same records and ``replace`` list (else a ``DataFileError``, and no file is written).
    Each file is replaced atomically; a file inside the package is refused before any is written
    (:class:`~eu_iot_coop.exceptions.WriteError`), unless *package_data* and the package is a source checkout.
    """
    targets = _expand(paths)
    if not check:
        for path in targets:
            refuse_package(path, package_data=package_data)
    rewritten: list[tuple[Path, str]] = []
    for path, data_file in zip(targets, read_paths(targets), strict=True):
        text = canonical_text(data_file)
        if path.read_bytes() != text.encode("utf-8"):
            _check_same_records(data_file, text)
            rewritten.append((path, text))
    if not check:
        for path, text in rewritten:
            write_text(path, text, package_data=package_data)
    return [path for path, _ in rewritten]


def _check_same_records(data_file: DataFile, text: str) -> None:
    again, problems = parse_file(text.encode("utf-8"), data_file.name)
    if (
        problems
        or again is None
        or again.kind != data_file.kind
        or sorted(again.replace) != sorted(data_file.replace)
        or sorted(again.records, key=sort_key) != sorted(data_file.records, key=sort_key)
    ):
        raise DataFileError(
            "its canonical form would not read back as the same records, so it was left as it is",
            file=data_file.name,
            fix="please report this with the file; meanwhile edit it by hand",
        )


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    targets: list[Path] = []
    for given in paths:
        path = Path(given)
        targets.extend(data_files_in(path) if path.is_dir() else [path])
    return targets


def fingerprint(records: Iterable[Record]) -> str:
    """The hex SHA-256 of the records in canonical form, whatever their order."""
    tagged = sorted((((label(r), sort_key(r)), r) for r in records), key=lambda pair: pair[0])
    digest = hashlib.sha256()
    for (kind, _), record in tagged:
        line = json.dumps([kind, unstructure(record)], ensure_ascii=False, separators=(",", ":"))
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
