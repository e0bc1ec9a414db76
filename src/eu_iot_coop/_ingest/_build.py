"""From data files to :class:`Records`: read, lay overlays on, check, group; all or nothing.

Every step runs even when an earlier one found problems (a record that cannot
be read is left out, and the later steps check the rest), so one run lists
every problem. Any problem means no dataset: the first, in file and record
order, is raised with every other in ``.problems``. Warnings (``DataWarning``)
are not problems: they go, in the same order, to whoever is noting them
(:func:`noting_warnings`, which ``validate`` uses), and are otherwise let go.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import os
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from eu_iot_coop._gc import collector_paused
from eu_iot_coop._model import Entity, Records, identity
from eu_iot_coop.exceptions import DataError, DataWarning

from . import _integrity
from ._loader import DataFile
from ._overlay import merge, read_layers

_NOTED: contextvars.ContextVar[list[DataWarning] | None] = contextvars.ContextVar("noted_warnings", default=None)


@contextlib.contextmanager
def noting_warnings() -> Iterator[list[DataWarning]]:
    """A list that receives the warnings of every dataset checked inside the block, in file and record order."""
    noted: list[DataWarning] = []
    token = _NOTED.set(noted)
    try:
        yield noted
    finally:
        _NOTED.reset(token)


def build_layers(base: Sequence[DataFile], paths: Iterable[str | os.PathLike[str]]) -> Records:
    """The records of ``base`` with each path read and laid over it in turn, after every check of every step."""
    # Parsing makes most of a load's containers: with the collector on, it rescans the growing heap again and again.
    with collector_paused():
        layers = read_layers(paths)
        merged, problems = merge(base, layers.layers, layers.unread)
        unread = tuple(itertools.chain.from_iterable(layers.unread))
        read = (*base, *itertools.chain.from_iterable(layers.layers))
        names = (*(f.name for f in base), *layers.names)
        problems = _errors(
            [*layers.problems, *problems, *_integrity.find_problems(merged, unread)], read, names, unread
        )
        if problems:
            raise in_order(problems, read, names, unread)
        return _group(merged)


def build_records(files: Sequence[DataFile]) -> Records:
    """Check the files together (raising the first problem, others attached), then group their records."""
    with collector_paused():
        names = [f.name for f in files]
        problems = _errors(list(_integrity.find_problems(files)), files, names)
        if problems:
            raise in_order(problems, files, names)
        return _group(files)


def _errors(
    found: Sequence[DataError], files: Sequence[DataFile], names: Sequence[str], unread: Collection[str] = ()
) -> list[DataError]:
    """The problems among *found*; its warnings go, in order, to the list :func:`noting_warnings` gave, if any."""
    problems = [p for p in found if not isinstance(p, DataWarning)]
    noted = _NOTED.get()
    if noted is not None and len(problems) < len(found):
        warned = [p for p in found if isinstance(p, DataWarning)]
        noted.extend(w for w in ordered(warned, files, names, unread) if isinstance(w, DataWarning))
    return problems


def in_order(
    problems: Sequence[DataError], files: Sequence[DataFile], names: Sequence[str], unread: Collection[str] = ()
) -> DataError:
    """The first problem by file (in reading order), then by record position, with every other attached in that order.

    The order is :func:`ordered`'s.
    """
    found = ordered(problems, files, names, unread)
    return found[0].with_others(found)


def ordered(
    problems: Sequence[DataError], files: Sequence[DataFile], names: Sequence[str], unread: Collection[str] = ()
) -> list[DataError]:
    """*problems* by file (in reading order), then by record position.

    The problems of files that could not be read at all (*unread*) come first of all: they are the
    cause, and whatever refers to a record they would define follows from them. Problems about a
    whole file come before those about its records; the sort is stable, so problems of one record
    keep the order they were found in.
    """
    rank: dict[str, int] = {}
    for name in names:
        rank.setdefault(name, len(rank))
    by_name = {f.name: f for f in reversed(files)}
    positions: dict[str, dict[str, int]] = {}

    unread = frozenset(unread)

    def key(problem: DataError) -> tuple[bool, int, int]:
        file = problem.file
        if file is None:
            return (True, len(rank), -1)
        if problem.record is None:
            return (file not in unread, rank.get(file, len(rank)), -1)
        if file not in positions:
            positions[file] = _positions(by_name[file]) if file in by_name else {}
        return (True, rank.get(file, len(rank)), positions[file].get(problem.record, sys.maxsize))

    return sorted(problems, key=key)


def _positions(data_file: DataFile) -> dict[str, int]:
    # Where each record stood in the file as written, counting the records the loader left out.
    skipped = dict(data_file.skipped)
    positions: dict[str, int] = {}
    index = 0
    for record in data_file.records:
        while index in skipped:
            index += 1
        positions.setdefault(identity(record), index)
        index += 1
    for index, label in data_file.skipped:
        positions.setdefault(label, index)
    return positions


def _group(files: Sequence[DataFile]) -> Records:
    # A data file holds records of one kind: each file's go to one group at once.
    groups: dict[str, list[Any]] = {"source": [], "relation": [], "figure": [], "redirect": [], "variant": []}
    entities: list[Entity] = []
    for data_file in files:
        groups.get(data_file.kind, entities).extend(data_file.records)
    return Records(
        sources=groups["source"],
        entities=entities,
        relations=groups["relation"],
        figures=groups["figure"],
        redirects=groups["redirect"],
        variants=groups["variant"],
    )
