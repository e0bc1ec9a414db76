"""From checked data files to :class:`Records`, in one canonical order whatever the file layout."""

from __future__ import annotations

from collections.abc import Sequence

from . import _integrity
from ._converter import record_sort_key
from ._dataset import Dataset, Records
from ._loader import DataFile
from ._model import Entity, Figure, Redirect, Relation, Source


def build_dataset(files: Sequence[DataFile], *, data_version: str | None) -> Dataset:
    """A Dataset of the files, after every check."""
    return Dataset(build_records(files), data_version=data_version)


def build_records(files: Sequence[DataFile]) -> Records:
    """Check the files together (raising the first problem, others attached), then group their records."""
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
        sources=tuple(sorted(sources, key=record_sort_key)),
        entities=tuple(sorted(entities, key=record_sort_key)),
        relations=tuple(sorted(relations, key=record_sort_key)),
        figures=tuple(sorted(figures, key=record_sort_key)),
        redirects=tuple(sorted(redirects, key=record_sort_key)),
    )
