"""Writing the placed whole network (:class:`._network.NetworkPicture`) as SVG, and :func:`network_svg`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eu_iot_coop._query import Dataset

from ._network import Arrow, Dot, NetworkPicture, network_geometry
from ._style import RELATION_COLOUR, kind_colour
from ._svg import add_text, add_tooltip, document, number, serialise


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
        add_text(group, dot.x + 9, dot.y + 3.5, dot.label)


def network_svg(dataset: Dataset, *, width: float = 1600.0, height: float = 1200.0, seed: int = 2012) -> str:
    """The cooperation network: entities as dots coloured by kind, relations as arrows labelled with predicates."""
    return write_network(network_geometry(dataset, width=width, height=height, seed=seed))
