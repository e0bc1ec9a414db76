"""Layering data files: the bundled data (or nothing) plus overlays that add or, on purpose, replace records.

Each overlay is a directory of data files or a single data file. A record whose
id (or relation key) already exists in an earlier layer is refused unless the
overlay file lists it under ``"replace"``; listing something that does not
exist is refused too. The merged files then pass the same integrity checks as
the bundled data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from ._loader import DataFile, read_paths
from ._model import Record, Relation
from .exceptions import DanglingReferenceError, DataError, DataFileError, DuplicateIdError


def identity(record: Record) -> str:
    """The id of a record, or the key of a relation: what ``replace`` lists."""
    return record.key if isinstance(record, Relation) else record.id


def read_layers(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[DataFile, ...]]:
    """The files of each overlay path, every problem of every path collected."""
    layers: list[tuple[DataFile, ...]] = []
    problems: list[DataError] = []
    for path in paths:
        try:
            layers.append(read_paths([path]))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise problems[0].with_others(problems)
    return layers


def merge(base: Sequence[DataFile], layers: Sequence[Sequence[DataFile]]) -> tuple[DataFile, ...]:
    """The files of ``base`` with each layer applied in turn; raises on clashes and bad ``replace`` lists."""
    merged = list(base)
    problems: list[DataError] = []
    for layer in layers:
        existing = {identity(r): data_file.name for data_file in merged for r in data_file.records}
        replaced: set[str] = set()
        for data_file in layer:
            problems.extend(_check_layer_file(data_file, existing))
            replaced.update(r for r in data_file.replace if r in existing)
        if replaced:
            merged = [
                DataFile(f.name, f.kind, tuple(r for r in f.records if identity(r) not in replaced), f.replace)
                for f in merged
            ]
        merged.extend(layer)
    if problems:
        raise problems[0].with_others(problems)
    return tuple(merged)


def _check_layer_file(data_file: DataFile, existing: dict[str, str]) -> list[DataError]:
    if not existing and not data_file.replace:
        return []  # the first layer: nothing to clash with
    problems: list[DataError] = []
    own = {identity(r) for r in data_file.records}
    replace = set(data_file.replace)
    for name in data_file.replace:
        if name not in existing:
            problems.append(
                DanglingReferenceError(
                    f"'replace' lists {name!r}, but no earlier record has that id or key",
                    file=data_file.name,
                    record=name,
                    field="replace",
                    fix="remove it from 'replace' (a new record needs no entry there), or correct the id",
                )
            )
        elif name not in own:
            problems.append(
                DataFileError(
                    f"'replace' lists {name!r}, but this file has no record {name!r} to replace it with",
                    file=data_file.name,
                    record=name,
                    field="replace",
                    fix="add the record's new version to this file (ids are never removed: retire one with a redirect)",
                )
            )
    for record in data_file.records:
        name = identity(record)
        if name in existing and name not in replace:
            problems.append(
                DuplicateIdError(
                    f"{name!r} already exists (in {existing[name]})",
                    file=data_file.name,
                    record=name,
                    field="id" if not isinstance(record, Relation) else None,
                    fix=f'to replace it on purpose add "replace": [{name!r}] to this file; else choose another id',
                )
            )
    return problems
