"""A directory of CSV files, one per record type, plus one row per citation in ``citations.csv``.

A variant's ``value`` is written as its JSON text, so a string keeps its quotes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from eu_iot_coop._model import Figure, Redirect, Relation, Source, Variant
from eu_iot_coop._query import Dataset

from ._files import write_text
from ._tabular import (
    Column,
    Value,
    citation_rows,
    columns,
    entity_columns,
    row,
)

#: Separates the items of a list (an entity's aliases) inside one cell.
LIST_SEPARATOR = " | "


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _table(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> str:
    buffer = io.StringIO()
    # "\n" endings keep the files identical on every platform.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in values] for values in rows)
    return buffer.getvalue()


def _records_table(selected: Sequence[Column], records: Iterable[object], first: Sequence[Column] = ()) -> str:
    chosen = (*first, *selected)
    return _table([column.name for column in chosen], (row(record, chosen) for record in records))


def csv_tables(dataset: Dataset) -> dict[str, str]:
    """File name to CSV text for each record type (``entities``, ``relations``, ``variants``, ...) and ``citations``."""
    records = dataset.records
    relations = records.relations
    entities = records.entities
    figures = records.figures
    key = Column("key", "text", lambda record: record.key if isinstance(record, Relation) else None)
    citations = citation_rows([*entities, *relations, *figures, *records.variants])
    return {
        "citations.csv": _table(
            ["record_type", "record", "position", "source", "locator"],
            ((kind, record, position, c.source, c.locator) for kind, record, position, c in citations),
        ),
        "entities.csv": _records_table(entity_columns(), entities),
        "figures.csv": _records_table(columns(Figure), figures),
        "redirects.csv": _records_table(columns(Redirect), records.redirects),
        "relations.csv": _records_table(columns(Relation), relations, first=(key,)),
        "sources.csv": _records_table(columns(Source), records.sources),
        "variants.csv": _records_table(columns(Variant), records.variants),
    }


def write_csv(dataset: Dataset, directory: Path) -> list[Path]:
    """Write :func:`csv_tables` into *directory* (created if missing); return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_tables(dataset).items():
        written.append(write_text(directory / name, text))
    return written
