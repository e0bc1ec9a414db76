"""The dataset as pandas data frames, for users who bring pandas (the ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from eu_iot_coop._model import ENTITY_CLASSES, Entity, Figure, Relation, Source

from ._optional import optional_module
from ._regions import PARTNER_REGIONS
from ._tabular import Column, ColumnType, Value, citation_rows, columns, row, table_name

if TYPE_CHECKING:
    from ._dataset import Dataset

# Nullable types, so that a missing date stays missing and an integer column stays integer.
_DTYPES: Final[dict[ColumnType, str]] = {
    "text": "string",
    "boolean": "boolean",
    "integer": "Int64",
    "number": "Float64",
    "list": "object",
}


def _item(position: int) -> Callable[[object], Value]:
    return lambda values: cast(tuple[Value, ...], values)[position]


#: The citations frame's columns, read from the rows of :func:`citation_rows` (the citation split in two).
_CITATION_COLUMNS: Final = (
    Column("record_type", "text", _item(0)),
    Column("record", "text", _item(1)),
    Column("position", "integer", _item(2)),
    Column("source", "text", _item(3)),
    Column("locator", "text", _item(4)),
)


def _frame(pandas: Any, selected: Sequence[Column], records: Iterable[object]) -> Any:
    frame = pandas.DataFrame([row(record, selected) for record in records], columns=[c.name for c in selected])
    return frame.astype({column.name: _DTYPES[column.type] for column in selected})


def _placing_columns(dataset: Dataset) -> tuple[Column, ...]:
    """Where each entity stands: its EU side, and the partner regions it is located in or works with.

    ``located_regions``: the partner regions (:data:`PARTNER_REGIONS`) it is in, by the default reading of
    ``entities(region=...)``; ``partner_regions``: those it is in or cooperates with (``partner_region=``).
    Each a tuple of region ids, in the order of :data:`PARTNER_REGIONS`, so that a count per region needs no join.
    """
    known = [region for region in PARTNER_REGIONS if region in dataset]
    located = {region: {e.id for e in dataset.entities(region=region)} for region in known}
    partnered = {region: {e.id for e in dataset.entities(partner_region=region)} for region in known}

    def side(entity: object) -> Value:
        found = dataset.side(cast(Entity, entity))
        return None if found is None else found.value

    def regions(members: dict[str, set[str]]) -> Callable[[object], Value]:
        return lambda entity: tuple(r for r in known if cast(Entity, entity).id in members[r])

    return (
        Column("side", "text", side),
        Column("located_regions", "list", regions(located)),
        Column("partner_regions", "list", regions(partnered)),
    )


def _relation_regions(dataset: Dataset) -> Column:
    """A relation's partner regions, as ``relations(partner_region=...)`` keeps them: one row per relation, so a
    count of relations per region (``explode`` the column) counts each relation once per region."""
    known = [region for region in PARTNER_REGIONS if region in dataset]
    kept = {region: {r.key for r in dataset.relations(partner_region=region)} for region in known}
    return Column(
        "partner_regions", "list", lambda record: tuple(r for r in known if cast(Relation, record).key in kept[r])
    )


def to_dataframes(dataset: Dataset) -> dict[str, Any]:
    """One frame per entity kind, then ``relations``, ``figures``, ``sources`` and ``citations``."""
    pandas = optional_module("pandas", feature="to_dataframes()", requirement="pandas>=2.1", extra="pandas")
    records = dataset.records
    placing = _placing_columns(dataset)
    frames = {
        table_name(kind): _frame(pandas, (*columns(cls), *placing), (e for e in records.entities if e.kind is kind))
        for kind, cls in ENTITY_CLASSES.items()
    }
    key = Column("key", "text", lambda record: cast(Relation, record).key)
    frames["relations"] = _frame(pandas, (key, *columns(Relation), _relation_regions(dataset)), records.relations)
    frames["figures"] = _frame(pandas, columns(Figure), records.figures)
    frames["sources"] = _frame(pandas, columns(Source), records.sources)
    cited = citation_rows([*records.entities, *records.relations, *records.figures, *records.variants])
    frames["citations"] = pandas.DataFrame(
        [(record_type, record, position, c.source, c.locator) for record_type, record, position, c in cited],
        columns=["record_type", "record", "position", "source", "locator"],
    ).astype(
        {"record_type": "string", "record": "string", "position": "Int64", "source": "string", "locator": "string"}
    )
    return frames
