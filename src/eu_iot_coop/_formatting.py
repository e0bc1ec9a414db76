"""The data-file formatter: rewrite data files in canonical form, or check that they are."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ._converter import dumps
from ._loader import NOT_RECORD_FILES, DataFile, read_paths


def canonical_text(data_file: DataFile) -> str:
    """What the formatter writes for a data file."""
    return dumps(data_file.kind, data_file.records, replace=data_file.replace)


def format_paths(paths: Iterable[str | os.PathLike[str]], *, check: bool) -> list[Path]:
    """Rewrite each data file (or each ``*.json`` data file of a directory) in canonical form.

    Returns the files that were not canonical. With ``check`` true nothing is
    written: the caller reports the returned files. Invalid files raise the
    :class:`~eu_iot_coop.exceptions.DataError` describing them, and then no file is written.
    """
    targets = _expand(paths)
    rewritten: list[tuple[Path, str]] = []
    for path, data_file in zip(targets, read_paths(targets), strict=True):
        text = canonical_text(data_file)
        if path.read_bytes() != text.encode("utf-8"):
            rewritten.append((path, text))
    if not check:
        for path, text in rewritten:
            path.write_text(text, encoding="utf-8", newline="\n")
    return [path for path, _ in rewritten]


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    targets: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            targets.extend(sorted(p for p in path.glob("*.json") if p.name not in NOT_RECORD_FILES))
        else:
            targets.append(path)
    return targets
