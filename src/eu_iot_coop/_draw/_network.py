"""The whole cooperation network: every entity a dot coloured by kind, every relation an arrow.

Nothing a reader reaches draws it (the documentation's pictures, the catalogue and the ``draw``
command draw focused slices, the overview and the timeline): at hundreds of entities it is
unreadable. :func:`network_geometry` places everything; ``_network_svg.write_network`` writes the SVG.
"""

from __future__ import annotations

import attrs

from eu_iot_coop._model import Entity, Kind, Relation
from eu_iot_coop._query import Dataset

from ._labels import short_label
from ._layout import layout

#: The rows of the legend: where the first is, and how far apart they are.
LEGEND_X, LEGEND_Y, LEGEND_ROW = 20.0, 24.0, 18


@attrs.frozen
class LegendEntry:
    """A kind in the legend: its dot's centre."""

    kind: Kind
    x: float
    y: float


@attrs.frozen
class Dot:
    """An entity, placed."""

    entity: Entity
    x: float
    y: float

    @property
    def label(self) -> str:
        return short_label(self.entity)


@attrs.frozen
class Arrow:
    """A relation from its subject's dot to its object's, and where its predicate is written."""

    relation: Relation
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@attrs.frozen
class NetworkPicture:
    """The whole network, placed: the legend above, the network below it (shifted down by ``top``)."""

    width: float
    height: float
    top: float
    legend: tuple[LegendEntry, ...]
    arrows: tuple[Arrow, ...]
    dots: tuple[Dot, ...]

    @property
    def title(self) -> str:
        return f"Cooperation network: {len(self.dots)} entities, {len(self.arrows)} relations"


def network_geometry(
    dataset: Dataset, *, width: float = 1600.0, height: float = 1200.0, seed: int = 2012
) -> NetworkPicture:
    """Every entity and relation of *dataset*, placed by the seeded force layout under a legend of kinds."""
    entities = dataset.records.entities
    by_id = {entity.id: entity for entity in entities}
    relations = [r for r in dataset.records.relations if r.subject in by_id and r.object in by_id]
    top = 30.0 + LEGEND_ROW * len(Kind)
    positions = layout(
        [entity.id for entity in entities],
        ((r.subject, r.object) for r in relations),
        width=width,
        height=height - top,
        seed=seed,
    ).positions
    kinds = [kind for kind in Kind if any(entity.kind is kind for entity in entities)]
    legend = tuple(LegendEntry(kind, LEGEND_X, LEGEND_Y + row * LEGEND_ROW) for row, kind in enumerate(kinds))
    dots = tuple(Dot(entity, *positions[entity.id]) for entity in entities)
    return NetworkPicture(width, height, top, legend, _arrows(relations, positions), dots)


def _arrows(relations: list[Relation], positions: dict[str, tuple[float, float]]) -> tuple[Arrow, ...]:
    arrows = []
    seen_pairs: dict[tuple[str, str], int] = {}
    for relation in relations:
        (x1, y1), (x2, y2) = positions[relation.subject], positions[relation.object]
        pair = (min(relation.subject, relation.object), max(relation.subject, relation.object))
        nth = seen_pairs.get(pair, 0)
        seen_pairs[pair] = nth + 1
        # Several relations between one pair: stack their labels rather than print them on top of each other.
        arrows.append(Arrow(relation, x1, y1, x2, y2, (x1 + x2) / 2, (y1 + y2) / 2 - 2 + 9 * nth))
    return tuple(arrows)
