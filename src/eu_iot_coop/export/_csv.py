"""A directory of CSV files, one per record type, plus one row per citation in ``citations.csv``.

A variant's ``value`` is written as its JSON text, so a string keeps its quotes; a list (an
entity's ``aliases``) as a JSON array. A text cell a spreadsheet would take for a formula is
neutralised (:func:`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from eu_iot_coop._model import Entity, Figure, Redirect, Relation, Source, Variant
from eu_iot_coop._query import (
    ActorNetwork,
    Column,
    Dataset,
    Provenance,
    Value,
    actor_edge_attributes,
    citation_rows,
    columns,
    entity_columns,
    row,
)
from eu_iot_coop._write import write_folder
from eu_iot_coop.exceptions import ExportError

#: What a spreadsheet evaluates at the start of a cell (a formula, or DDE through a tab or carriage return),
#: and the quote that neutralises them, which is therefore doubled when a cell begins with it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def spreadsheet_safe(text: str) -> str:
    """*text* as a CSV cell no spreadsheet evaluates: after a ``'`` when it begins as a formula would (OWASP).

    A cell that begins with ``'`` gets one more, so removing one leading ``'`` from every cell that
    begins with one always gives back the text.
    """
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        # JSON, so that any alias (one holding a comma, a bar or a quote) reads back as itself.
        return json.dumps(list(value), ensure_ascii=False) if value else ""
    if isinstance(value, int | float):  # numbers are written by us, never a formula
        return repr(value)
    return spreadsheet_safe(value)


@attrs.frozen
class Table:
    """A CSV file's header and its rows of values, the rows made one at a time while the file is written."""

    header: Sequence[str]
    rows: Callable[[], Iterable[Sequence[Value]]]


def _write_table(file: TextIO, table: Table) -> int:
    """Write *table* to *file* row by row; return the number of rows below the header."""
    # RFC 4180's "\r\n" endings, the same on every platform; with them the writer also quotes a cell holding a
    # lone "\r" (with "\n" endings it would not, and a reader would split the row there).
    writer = csv.writer(file, lineterminator="\r\n")
    writer.writerow(table.header)
    count = 0
    for values in table.rows():
        writer.writerow([_cell(value) for value in values])
        count += 1
    return count


def _text(table: Table) -> str:
    buffer = io.StringIO()
    _write_table(buffer, table)
    return buffer.getvalue()


def _records_table(selected: Sequence[Column], records: Iterable[object], first: Sequence[Column] = ()) -> Table:
    chosen = (*first, *selected)
    return Table([column.name for column in chosen], lambda: (row(record, chosen) for record in records))


def _dataset_tables(dataset: Dataset) -> dict[str, Table]:
    records = dataset.records
    relations = records.relations
    entities = records.entities
    figures = records.figures
    key = Column("key", "text", lambda record: record.key if isinstance(record, Relation) else None)

    def citations() -> Iterator[Sequence[Value]]:
        # Record by record, so that the rows of every citation never exist at once.
        cited_records: Iterable[Entity | Relation | Figure | Variant]
        cited_records = itertools.chain(entities, relations, figures, records.variants)
        for cited in cited_records:
            for kind, record, position, c in citation_rows((cited,)):
                yield kind, record, position, c.source, c.locator

    return {
        "citations.csv": Table(["record_type", "record", "position", "source", "locator"], citations),
        "entities.csv": _records_table(entity_columns(), entities),
        "figures.csv": _records_table(columns(Figure), figures),
        "redirects.csv": _records_table(columns(Redirect), records.redirects),
        "relations.csv": _records_table(columns(Relation), relations, first=(key,)),
        "sources.csv": _records_table(columns(Source), records.sources),
        "variants.csv": _records_table(columns(Variant), records.variants),
    }


def csv_tables(dataset: Dataset) -> dict[str, str]:
    """File name to CSV text for each record type (``entities``, ``relations``, ``variants``, ...) and ``citations``."""
    return {name: _text(table) for name, table in _dataset_tables(dataset).items()}


#: The file beside the tables that says where they come from and what they hold.
METADATA_FILE = "metadata.json"


def csv_metadata(dataset: Dataset, tables: dict[str, str]) -> str:
    """The provenance of the tables, then each table's file name, columns and number of rows, as JSON text."""
    counted = {}
    for name, text in tables.items():
        header, *rows = csv.reader(io.StringIO(text, newline=""))
        counted[name] = (header, len(rows))
    return _metadata(dataset.provenance(), {}, counted)


def _metadata(
    provenance: Provenance, described: Mapping[str, object], tables: Mapping[str, tuple[Sequence[str], int]]
) -> str:
    listed = [{"url": name, "columns": list(header), "rows": rows} for name, (header, rows) in tables.items()]
    document = {**provenance.to_json(), **described, "tables": listed}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


#: The columns of the actors' network's tables: its nodes, and its edges (``records`` to ``ends`` JSON lists).
ACTOR_NODE_COLUMNS = ("id", "kind", "name", "acronym")
ACTOR_EDGE_COLUMNS = ("source", "target", "weight", "records", "kinds", "starts", "ends")


def _actors_tables(network: ActorNetwork) -> dict[str, Table]:
    def nodes() -> Iterator[Sequence[Value]]:
        return ((actor.id, actor.kind.value, actor.name, actor.acronym) for actor in network.actors)

    def edges() -> Iterator[Sequence[Value]]:
        return (
            (*edge.actors, *(actor_edge_attributes(edge)[name] for name in ACTOR_EDGE_COLUMNS[2:]))
            for edge in network.edges
        )

    return {"nodes.csv": Table(ACTOR_NODE_COLUMNS, nodes), "edges.csv": Table(ACTOR_EDGE_COLUMNS, edges)}


def actors_csv_tables(network: ActorNetwork) -> dict[str, str]:
    """File name to CSV text for the actors' network: ``nodes.csv`` and ``edges.csv``."""
    return {name: _text(table) for name, table in _actors_tables(network).items()}


def write_actors_csv(network: ActorNetwork, directory: Path) -> list[Path]:
    """Write :func:`actors_csv_tables` and their :data:`METADATA_FILE` into *directory*, as :func:`write_csv` does."""
    described = {"people": network.people, "as_of": None if network.as_of is None else str(network.as_of)}
    return _write_tables(directory, _actors_tables(network), network.provenance(), described)


def write_csv(dataset: Dataset, directory: Path) -> list[Path]:
    """Write :func:`csv_tables` and their :data:`METADATA_FILE` into *directory*, swapped in whole.

    The files are written into a new folder that then takes the place of *directory*, so
    the metadata always describes the tables beside it. Each table is written row by row, never
    held whole in memory. Return the paths, the metadata file last.
    """
    return _write_tables(directory, _dataset_tables(dataset), dataset.provenance(), {})


def _write_tables(
    directory: Path, tables: Mapping[str, Table], provenance: Provenance, described: Mapping[str, object]
) -> list[Path]:
    def fill(folder: Path) -> None:
        counted = {}
        for name, table in tables.items():
            with (folder / name).open("w", encoding="utf-8", newline="") as file:
                counted[name] = (table.header, _write_table(file, table))
        (folder / METADATA_FILE).write_text(_metadata(provenance, described, counted), encoding="utf-8", newline="")

    names = [*tables, METADATA_FILE]
    write_folder(directory, fill, names=names, error=ExportError)
    return [directory / name for name in names]
