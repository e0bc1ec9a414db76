"""From records to answers: the Dataset, its indexes, lookup, search, traversal, timeline, diff, manifest."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._dataset import Dataset
from ._regions import PARTNER_REGIONS
from ._results import Neighbour, Step

if TYPE_CHECKING:
    from ._actors import ActorEdge, ActorNetwork, SharedRecord
    from ._attributes import (
        ACTOR_EDGE_ATTRIBUTES,
        ACTOR_GRAPH_ATTRIBUTES,
        GRAPH_ATTRIBUTES,
        actor_edge_attributes,
        actor_graph_attributes,
        edge_attributes,
        edge_columns,
        graph_attributes,
        node_attributes,
        node_columns,
    )
    from ._coverage import Coverage, Gap
    from ._diff import DatasetDiff, FieldChange, RecordChange, diff
    from ._listing import LIST_COLUMNS, ListColumn, cell_text
    from ._manifest import Manifest, Provenance, shipped
    from ._rows import TimelineEntry, TimelineRow
    from ._search import Match
    from ._sides import EU_PLACE, EU_SIDE, EUSide
    from ._tabular import Column, ColumnType, Value, citation_rows, columns, entity_columns, row, table_name
    from ._view import Disagreement, EntityView, Related, Side

__all__ = [
    "ACTOR_EDGE_ATTRIBUTES",
    "ACTOR_GRAPH_ATTRIBUTES",
    "EU_PLACE",
    "EU_SIDE",
    "GRAPH_ATTRIBUTES",
    "LIST_COLUMNS",
    "PARTNER_REGIONS",
    "ActorEdge",
    "ActorNetwork",
    "Column",
    "ColumnType",
    "Coverage",
    "Dataset",
    "DatasetDiff",
    "Disagreement",
    "EUSide",
    "EntityView",
    "FieldChange",
    "Gap",
    "ListColumn",
    "Manifest",
    "Match",
    "Neighbour",
    "Provenance",
    "RecordChange",
    "Related",
    "SharedRecord",
    "Side",
    "Step",
    "TimelineEntry",
    "TimelineRow",
    "Value",
    "actor_edge_attributes",
    "actor_graph_attributes",
    "cell_text",
    "citation_rows",
    "columns",
    "diff",
    "edge_attributes",
    "edge_columns",
    "entity_columns",
    "graph_attributes",
    "node_attributes",
    "node_columns",
    "row",
    "shipped",
    "table_name",
]


# Deliberately lazy, for cold start: loading and querying need neither diff, the manifest, the flat columns
# and graph attributes of the exports (nor json) nor the view of one entity nor the actors' network nor the
# timeline's rows nor search: each name is imported on first use.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("ActorEdge", "ActorNetwork", "SharedRecord"), "_actors"),
    **dict.fromkeys(("DatasetDiff", "FieldChange", "RecordChange", "diff"), "_diff"),
    **dict.fromkeys(("Manifest", "Provenance", "shipped"), "_manifest"),
    **dict.fromkeys(
        ("Column", "ColumnType", "Value", "citation_rows", "columns", "entity_columns", "row", "table_name"), "_tabular"
    ),
    **dict.fromkeys(("Disagreement", "EntityView", "Related", "Side"), "_view"),
    **dict.fromkeys(("EU_PLACE", "EU_SIDE", "EUSide"), "_sides"),
    **dict.fromkeys(("LIST_COLUMNS", "ListColumn", "cell_text"), "_listing"),
    **dict.fromkeys(("Coverage", "Gap"), "_coverage"),
    **dict.fromkeys(("TimelineEntry", "TimelineRow"), "_rows"),
    "Match": "_search",
    **dict.fromkeys(
        (
            "ACTOR_EDGE_ATTRIBUTES",
            "ACTOR_GRAPH_ATTRIBUTES",
            "GRAPH_ATTRIBUTES",
            "actor_edge_attributes",
            "actor_graph_attributes",
            "edge_attributes",
            "edge_columns",
            "graph_attributes",
            "node_attributes",
            "node_columns",
        ),
        "_attributes",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
