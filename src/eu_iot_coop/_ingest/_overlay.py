"""Layering data files: the bundled data (or nothing) plus overlays that add or, on purpose, replace records.

Each overlay is a directory of data files or a single data file. A record whose
id (or relation key) already exists in an earlier layer is refused unless the
overlay file lists it under ``"replace"``; listing something that does not
exist is refused too. The merged files then pass the same integrity checks as
the bundled data. Each step returns its problems instead of raising, so that
every problem of every step can be reported together.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from eu_iot_coop._model import Relation, identity
from eu_iot_coop.exceptions import DanglingReferenceError, DataError, DataFileError, DuplicateIdError

from ._loader import DataFile, collect_paths


@attrs.frozen
class Layers:
    """The files of each overlay path, the problems met reading them, and every file name in reading order.

    ``unread`` holds, for each overlay path, the files of it that could not be read at all.
    """

    layers: tuple[tuple[DataFile, ...], ...]
    problems: tuple[DataError, ...]
    names: tuple[str, ...]
    unread: tuple[tuple[str, ...], ...]


def read_layers(paths: Iterable[str | os.PathLike[str]]) -> Layers:
    """The files of each overlay path (records that cannot be read left out), every problem collected."""
    layers: list[tuple[DataFile, ...]] = []
    problems: list[DataError] = []
    names: list[str] = []
    unread: list[tuple[str, ...]] = []
    for path in paths:
        reading = collect_paths([path])
        layers.append(reading.files)
        problems.extend(reading.problems)
        names.extend(reading.names)
        unread.append(reading.unread)
    return Layers(tuple(layers), tuple(problems), tuple(names), tuple(unread))


def merge(
    base: Sequence[DataFile], layers: Sequence[Sequence[DataFile]], unread: Sequence[Sequence[str]] = ()
) -> tuple[tuple[DataFile, ...], list[DataError]]:
    """The files of ``base`` with each layer applied in turn, and the clashes and bad ``replace`` lists found.

    ``unread`` names, per layer, the files that could not be read: a ``replace`` of a record missing
    from the layers before is blamed on those of earlier layers.
    """
    merged = list(base)
    problems: list[DataError] = []
    unread_before: list[str] = []
    for number, layer in enumerate(layers):
        existing = {identity(r): data_file.name for data_file in merged for r in data_file.records}
        # A record that could not be read still exists for 'replace' and clashes; its own problem is reported.
        for data_file in merged:
            for _, label in data_file.skipped:
                existing.setdefault(label, data_file.name)
        replaced: set[str] = set()
        added: list[DataFile] = []
        for data_file in layer:
            problems.extend(_check_layer_file(data_file, existing, unread_before))
            # Replace only what the file brings a new version of: else the old record stays, so that
            # the refusal above is the only problem and nothing that points at the record dangles.
            if data_file.replace:
                own = {identity(r) for r in data_file.records}
                replaced.update(r for r in data_file.replace if r in existing and r in own)
            # A refused clash is reported above; leaving the record out keeps the integrity checks from repeating it.
            if existing:
                allowed = set(data_file.replace)
                kept = tuple(r for r in data_file.records if identity(r) not in existing or identity(r) in allowed)
                if len(kept) != len(data_file.records):
                    data_file = attrs.evolve(data_file, records=kept)
            added.append(data_file)
        if replaced:
            merged = [
                attrs.evolve(f, records=tuple(r for r in f.records if identity(r) not in replaced)) for f in merged
            ]
        merged.extend(added)
        if number < len(unread):
            unread_before.extend(unread[number])
    return tuple(merged), problems


def _check_layer_file(data_file: DataFile, existing: dict[str, str], unread: Sequence[str]) -> list[DataError]:
    if not existing and not data_file.replace:
        return []  # the first layer: nothing to clash with
    problems: list[DataError] = []
    own = {identity(r) for r in data_file.records} | {label for _, label in data_file.skipped}
    replace = set(data_file.replace)
    for name in data_file.replace:
        if name not in existing:
            problems.append(
                _replace_problem(
                    DanglingReferenceError,
                    f"'replace' lists {name!r}, but no earlier record has that id or key",
                    data_file,
                    name,
                    "remove it from 'replace' (a new record needs no entry there), or correct the id",
                    caused_by=unread,
                )
            )
        elif name not in own:
            problems.append(
                _replace_problem(
                    DataFileError,
                    f"'replace' lists {name!r}, but this file has no record {name!r} to replace it with",
                    data_file,
                    name,
                    "add the record's new version to this file (ids are never removed: retire one with a redirect)",
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


def _replace_problem(
    error: type[DataError], message: str, data_file: DataFile, name: str, fix: str, **more: Any
) -> DataError:
    """A problem of one name the file's ``replace`` lists."""
    return error(message, file=data_file.name, record=name, field="replace", fix=fix, **more)
