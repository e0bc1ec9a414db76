"""The dataset as a networkx graph, for users who bring networkx (the ``graph`` extra)."""

from __future__ import annotations

import importlib
from typing import Any

from eu_iot_coop._model import Records
from eu_iot_coop.exceptions import EuIotCoopError

#: What to run when networkx is missing; the package itself is installed from its source.
INSTALL_HINT = "python -m pip install 'networkx>=3.2'"


def to_networkx(records: Records) -> Any:
    """A ``MultiDiGraph``: nodes are ids (attributes ``kind``, ``name``), edges keyed by predicate."""
    try:
        # Imported here, not at the top: networkx is an optional, heavy dependency.
        networkx = importlib.import_module("networkx")
    except ImportError:
        raise EuIotCoopError(f"to_networkx() needs networkx: {INSTALL_HINT}") from None
    graph = networkx.MultiDiGraph()
    graph.add_nodes_from((entity.id, {"kind": entity.kind.value, "name": entity.name}) for entity in records.entities)
    graph.add_edges_from(
        (
            relation.subject,
            relation.object,
            relation.predicate,
            {"predicate": relation.predicate, "citations": relation.citations},
        )
        for relation in records.relations
    )
    return graph
