"""The Dataset: validated records plus the indexes that answer queries."""

from __future__ import annotations

import attrs

from ._model import Entity, Figure, Redirect, Relation, Source


@attrs.frozen(kw_only=True)
class Records:
    """The raw, already-validated content of a dataset, grouped by record type."""

    sources: tuple[Source, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    figures: tuple[Figure, ...] = ()
    redirects: tuple[Redirect, ...] = ()


class Dataset:
    """An immutable cooperation graph: entities, relations, figures, sources and redirects.

    Build one with :func:`eu_iot_coop.load` (the bundled data, optionally with
    overlays) or :meth:`Dataset.from_files` (your data alone); both validate
    everything first. Indexes are built once, here.
    """

    __slots__ = ("data_version", "records")

    records: Records
    data_version: str | None

    def __init__(self, records: Records, *, data_version: str | None = None) -> None:
        self.records = records
        self.data_version = data_version
