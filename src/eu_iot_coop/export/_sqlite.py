"""A SQLite database: one table per entity kind, plus relations, figures, sources, citations, redirects, variants.

``entities`` lists every entity once (id, kind, name) so that relations,
figures and citations can declare foreign keys to it whatever the kind; the
per-kind tables repeat the shared fields for convenient querying. ``records``
lists every id (sources, entities, figures, variants) for the redirects and variants to point at.
A variant's ``value`` is its JSON text, typed by the field it stands in for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from eu_iot_coop._model import ENTITY_CLASSES, Figure, Redirect, Relation, Source, Variant
from eu_iot_coop._query import (
    Column,
    ColumnType,
    Dataset,
    Value,
    citation_rows,
    columns,
    row,
    table_name,
)
from eu_iot_coop._write import write_file
from eu_iot_coop.exceptions import ExportError

# An empty declared type keeps a figure's integer an integer and its fraction a fraction.
_SQL_TYPES: Final[dict[ColumnType, str]] = {"text": "TEXT", "boolean": "INTEGER", "integer": "INTEGER", "number": ""}


def _scalar_columns(cls: type) -> tuple[Column, ...]:
    return tuple(column for column in columns(cls) if column.type != "list")


def _definition(column: Column, constraint: str = "") -> str:
    parts = [column.name, _SQL_TYPES[column.type], constraint]
    return " ".join(part for part in parts if part)


_CONSTRAINTS: Final[dict[str, dict[str, str]]] = {
    "sources": {"id": "PRIMARY KEY"},
    "relations": {
        "subject": "NOT NULL REFERENCES entities(id)",
        "predicate": "NOT NULL",
        "object": "NOT NULL REFERENCES entities(id)",
    },
    "figures": {"id": "PRIMARY KEY", "subject": "NOT NULL REFERENCES entities(id)"},
    "redirects": {"id": "PRIMARY KEY", "replaced_by": "NOT NULL REFERENCES records(id)"},
    "variants": {"id": "PRIMARY KEY", "record": "NOT NULL REFERENCES records(id)", "field": "NOT NULL"},
}


def _create(connection: sqlite3.Connection, table: str, selected: Sequence[Column], first: Sequence[str] = ()) -> None:
    constraints = _CONSTRAINTS.get(table, {"id": "PRIMARY KEY REFERENCES entities(id)"})
    definitions = [*first, *(_definition(column, constraints.get(column.name, "")) for column in selected)]
    connection.execute(f"CREATE TABLE {table} ({', '.join(definitions)})")


def _sql_value(value: Value) -> str | int | float | None:
    if isinstance(value, tuple):  # pragma: no cover - list columns are written as rows of their own
        raise TypeError("list values have their own table")
    if value == "":
        return None
    return value


def _insert(connection: sqlite3.Connection, table: str, width: int, rows: Iterable[Sequence[object]]) -> None:
    marks = ", ".join("?" * width)
    connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _table(connection: sqlite3.Connection, table: str, selected: Sequence[Column], records: Iterable[object]) -> None:
    """Create *table* with the *selected* columns and fill it with one row per record."""
    _create(connection, table, selected)
    _insert(connection, table, len(selected), ([_sql_value(v) for v in row(r, selected)] for r in records))


def _fill(connection: sqlite3.Connection, dataset: Dataset) -> None:
    records = dataset.records
    entities = records.entities
    relations = records.relations
    figures = records.figures

    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    _insert(connection, "meta", 2, list(dataset.provenance().to_json().items()))

    _table(connection, "sources", columns(Source), records.sources)

    connection.execute("CREATE TABLE entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL)")
    _insert(connection, "entities", 3, ((e.id, e.kind.value, e.name) for e in entities))
    connection.execute(
        "CREATE TABLE aliases (entity TEXT NOT NULL REFERENCES entities(id), position INTEGER NOT NULL,"
        " alias TEXT NOT NULL, PRIMARY KEY (entity, position))"
    )
    _insert(
        connection,
        "aliases",
        3,
        ((e.id, position, alias) for e in entities for position, alias in enumerate(e.aliases, start=1)),
    )
    for kind, cls in ENTITY_CLASSES.items():
        _table(connection, table_name(kind), _scalar_columns(cls), (e for e in entities if e.kind is kind))

    relation_columns = _scalar_columns(Relation)
    _create(connection, "relations", relation_columns, first=["key TEXT PRIMARY KEY"])
    _insert(
        connection,
        "relations",
        len(relation_columns) + 1,
        ([r.key, *(_sql_value(v) for v in row(r, relation_columns))] for r in relations),
    )

    # Walking the network goes from an entity to its relations, either way, often of one predicate.
    for column in ("subject", "object", "predicate"):
        connection.execute(f"CREATE INDEX relations_{column} ON relations ({column})")

    _table(connection, "figures", _scalar_columns(Figure), figures)

    # A retired id may be replaced by a source or figure as well as an entity: ``records`` lists every live id.
    connection.execute("CREATE TABLE records (id TEXT PRIMARY KEY, record_type TEXT NOT NULL)")
    live = [(s.id, "source") for s in records.sources] + [(e.id, "entity") for e in entities]
    live += [(f.id, "figure") for f in figures]
    live += [(v.id, "variant") for v in records.variants]
    _insert(connection, "records", 2, sorted(live))
    _table(connection, "redirects", _scalar_columns(Redirect), records.redirects)
    _table(connection, "variants", _scalar_columns(Variant), records.variants)

    # One column per kind of cited record, so each can be a real foreign key; exactly one is set.
    connection.execute(
        "CREATE TABLE citations ("
        "entity TEXT REFERENCES entities(id), relation TEXT REFERENCES relations(key),"
        " figure TEXT REFERENCES figures(id), position INTEGER NOT NULL,"
        " source TEXT NOT NULL REFERENCES sources(id), locator TEXT NOT NULL,"
        " variant TEXT REFERENCES variants(id),"
        " CHECK ((entity IS NOT NULL) + (relation IS NOT NULL) + (figure IS NOT NULL) + (variant IS NOT NULL) = 1))"
    )
    slots = {"entity": 0, "relation": 1, "figure": 2, "variant": 3}
    citation_values = []
    for record_type, key, position, citation in citation_rows([*entities, *relations, *figures, *records.variants]):
        owner: list[str | None] = [None, None, None, None]
        owner[slots[record_type]] = key
        citation_values.append((*owner[:3], position, citation.source, citation.locator, owner[3]))
    _insert(connection, "citations", 7, citation_values)


def _write_database(dataset: Dataset, file: Path) -> None:
    connection = sqlite3.connect(file, isolation_level=None)
    try:
        # The file is thrown away if anything fails, so it needs no rollback journal (a file of its own that an
        # interrupted export would leave behind).
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        _fill(connection, dataset)
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"foreign keys do not hold in the export: {problems[:3]}")
        connection.execute("COMMIT")
    finally:
        connection.close()


def write_sqlite(dataset: Dataset, path: Path) -> Path:
    """Write the database to *path* through :func:`write_file`: complete, atomic, through a symlink."""
    try:
        return write_file(path, lambda file: _write_database(dataset, file), error=ExportError)
    except sqlite3.Error as failure:  # SQLite's own words for a full disk or a file-size limit
        raise ExportError(
            str(path),
            f"could not be written (SQLite: {failure}); any file that was there is left as it was",
            "check the space left and the file-size limit (ulimit -f)",
        ) from failure
