"""From checked data files to :class:`Records`, in one canonical order whatever the file layout."""

from __future__ import annotations

import gc
import operator
from collections.abc import Sequence
from typing import Final

from . import _integrity
from ._dataset import Dataset, Records
from ._loader import DataFile
from ._model import Entity, Figure, Redirect, Relation, Source

# The canonical order of _converter.record_sort_key, as C-level key functions.
_BY_ID: Final = operator.attrgetter("id")
_BY_KEY: Final = operator.attrgetter("subject", "predicate", "object")


def build_dataset(files: Sequence[DataFile], *, data_version: str | None) -> Dataset:
    """A Dataset of the files, after every check."""
    return Dataset(build_records(files), data_version=data_version)


def build_records(files: Sequence[DataFile]) -> Records:
    """Check the files together (raising the first problem, others attached), then group their records."""
    was_enabled = gc.isenabled()
    # Checking and grouping make many short-lived containers and no cycles; collecting meanwhile only costs time.
    gc.disable()
    try:
        return _build_records(files)
    finally:
        if was_enabled:
            gc.enable()


def _build_records(files: Sequence[DataFile]) -> Records:
    _integrity.check(files)
    sources: list[Source] = []
    entities: list[Entity] = []
    relations: list[Relation] = []
    figures: list[Figure] = []
    redirects: list[Redirect] = []
    for data_file in files:
        for record in data_file.records:
            if isinstance(record, Entity):
                entities.append(record)
            elif isinstance(record, Relation):
                relations.append(record)
            elif isinstance(record, Figure):
                figures.append(record)
            elif isinstance(record, Redirect):
                redirects.append(record)
            else:
                sources.append(record)
    return Records(
        sources=tuple(sorted(sources, key=_BY_ID)),
        entities=tuple(sorted(entities, key=_BY_ID)),
        relations=tuple(sorted(relations, key=_BY_KEY)),
        figures=tuple(sorted(figures, key=_BY_ID)),
        redirects=tuple(sorted(redirects, key=_BY_ID)),
    )
