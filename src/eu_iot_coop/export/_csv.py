"""A directory of CSV files, one per record type, plus one row per citation in ``citations.csv``.

A variant's ``value`` is written as its JSON text, so a string keeps its quotes; a list (an
entity's ``aliases``) as a JSON array. A text cell a spreadsheet would take for a formula is
neutralised (:func:`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from eu_iot_coop._model import Figure, Redirect, Relation, Source, Variant
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


def _table(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> str:
    buffer = io.StringIO()
    # RFC 4180's "\r\n" endings, the same on every platform; with them the writer also quotes a cell holding a
    # lone "\r" (with "\n" endings it would not, and a reader would split the row there).
    writer = csv.writer(buffer, lineterminator="\r\n")
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


#: The file beside the tables that says where they come from and what they hold.
METADATA_FILE = "metadata.json"


def csv_metadata(dataset: Dataset, tables: dict[str, str]) -> str:
    """The provenance of the tables, then each table's file name, columns and number of rows, as JSON text."""
    return _metadata(dataset.provenance(), {}, tables)


def _metadata(provenance: Provenance, described: Mapping[str, object], tables: dict[str, str]) -> str:
    listed = []
    for name, text in tables.items():
        header, *rows = csv.reader(io.StringIO(text, newline=""))
        listed.append({"url": name, "columns": header, "rows": len(rows)})
    document = {**provenance.to_json(), **described, "tables": listed}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


#: The columns of the actors' network's tables: its nodes, and its edges (``records`` to ``ends`` JSON lists).
ACTOR_NODE_COLUMNS = ("id", "kind", "name", "acronym")
ACTOR_EDGE_COLUMNS = ("source", "target", "weight", "records", "kinds", "starts", "ends")


def actors_csv_tables(network: ActorNetwork) -> dict[str, str]:
    """File name to CSV text for the actors' network: ``nodes.csv`` and ``edges.csv``."""
    nodes = ((actor.id, actor.kind.value, actor.name, actor.acronym) for actor in network.actors)
    edges = (
        (*edge.actors, *(actor_edge_attributes(edge)[name] for name in ACTOR_EDGE_COLUMNS[2:]))
        for edge in network.edges
    )
    return {"nodes.csv": _table(ACTOR_NODE_COLUMNS, nodes), "edges.csv": _table(ACTOR_EDGE_COLUMNS, edges)}


def write_actors_csv(network: ActorNetwork, directory: Path) -> list[Path]:
    """Write :func:`actors_csv_tables` and their :data:`METADATA_FILE` into *directory*, as :func:`write_csv` does."""
    tables = actors_csv_tables(network)
    described = {"people": network.people, "as_of": None if network.as_of is None else str(network.as_of)}
    return _write_tables(directory, {**tables, METADATA_FILE: _metadata(network.provenance(), described, tables)})


def write_csv(dataset: Dataset, directory: Path) -> list[Path]:
    """Write :func:`csv_tables` and their :data:`METADATA_FILE` into *directory*, swapped in whole.

    The files are written into a new folder that then takes the place of *directory*, so
    the metadata always describes the tables beside it. Return the paths, the metadata file last.
    """
    tables = csv_tables(dataset)
    return _write_tables(directory, {**tables, METADATA_FILE: csv_metadata(dataset, tables)})


def _write_tables(directory: Path, files: dict[str, str]) -> list[Path]:
    def fill(folder: Path) -> None:
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")

    write_folder(directory, fill, names=files, error=ExportError)
    return [directory / name for name in files]
