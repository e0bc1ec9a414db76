"""The whole cooperation network: every entity a dot coloured by kind, every relation an arrow.

Nothing a reader reaches draws it (the documentation's pictures, the catalogue and the ``draw``
command draw focused slices, the overview and the timeline): at hundreds of entities it is
unreadable. :func:`network_geometry` places everything; :func:`write_network` writes the SVG.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs

from eu_iot_coop._model import Entity, Kind, Relation
from eu_iot_coop._query import Dataset

from ._labels import short_label
from ._layout import layout
from ._style import RELATION_COLOUR, kind_colour
from ._svg import add_text, add_tooltip, document, number, serialise

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


def write_network(picture: NetworkPicture) -> str:
    """The SVG of a placed network."""
    root = document(picture.width, picture.height, picture.title)
    ET.SubElement(
        root, "desc"
    ).text = "Entities coloured by kind; each line is a relation, labelled with its predicate."
    _arrowhead(ET.SubElement(root, "defs"))
    legend = ET.SubElement(root, "g", {"class": "legend", "font-size": "12"})
    for entry in picture.legend:
        attributes = {"cx": number(entry.x), "cy": number(entry.y), "r": "6", "fill": kind_colour(entry.kind)}
        ET.SubElement(legend, "circle", attributes)
        add_text(legend, entry.x + 12, entry.y + 4, entry.kind.value)
    drawing = ET.SubElement(root, "g", {"transform": f"translate(0,{number(picture.top)})"})
    _write_arrows(drawing, picture.arrows)
    _write_dots(drawing, picture.dots)
    return serialise(root)


def _arrowhead(defs: ET.Element) -> None:
    attributes = {
        "id": "arrow",
        "viewBox": "0 0 10 10",
        "refX": "16",
        "refY": "5",
        "markerWidth": "6",
        "markerHeight": "6",
        "orient": "auto",
    }
    marker = ET.SubElement(defs, "marker", attributes)
    ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": RELATION_COLOUR})


def _write_arrows(drawing: ET.Element, arrows: tuple[Arrow, ...]) -> None:
    edges = ET.SubElement(drawing, "g", {"class": "relations", "stroke": RELATION_COLOUR, "stroke-width": "0.8"})
    labels = ET.SubElement(drawing, "g", {"class": "relation-labels", "font-size": "8", "fill": "#333333"})
    for arrow in arrows:
        attributes = {
            "x1": number(arrow.x1),
            "y1": number(arrow.y1),
            "x2": number(arrow.x2),
            "y2": number(arrow.y2),
            "marker-end": "url(#arrow)",
            "data-key": arrow.relation.key,
        }
        add_tooltip(ET.SubElement(edges, "line", attributes), arrow.relation.key)
        label = {"class": "relation-label", "text-anchor": "middle"}
        add_text(labels, arrow.label_x, arrow.label_y, arrow.relation.predicate, **label)


def _write_dots(drawing: ET.Element, dots: tuple[Dot, ...]) -> None:
    # A white outline under each label keeps it legible where lines cross it.
    nodes = ET.SubElement(
        drawing,
        "g",
        {"class": "entities", "font-size": "10", "stroke": "#ffffff", "stroke-width": "3", "paint-order": "stroke"},
    )
    for dot in dots:
        entity = dot.entity
        group = ET.SubElement(nodes, "g", {"class": "entity", "data-id": entity.id, "data-kind": entity.kind.value})
        attributes = {
            "cx": number(dot.x),
            "cy": number(dot.y),
            "r": "7",
            "fill": kind_colour(entity.kind),
            "stroke-width": "1.5",
        }
        add_tooltip(ET.SubElement(group, "circle", attributes), f"{entity.name} ({entity.kind.value})")
        add_text(group, dot.x + 9, dot.y + 3.5, short_label(entity))


def network_svg(dataset: Dataset, *, width: float = 1600.0, height: float = 1200.0, seed: int = 2012) -> str:
    """The cooperation network: entities as dots coloured by kind, relations as arrows labelled with predicates."""
    return write_network(network_geometry(dataset, width=width, height=height, seed=seed))
