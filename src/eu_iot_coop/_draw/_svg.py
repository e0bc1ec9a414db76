"""Pictures of a dataset as SVG: the whole cooperation network, and the helpers every drawing shares.

Pure Python on purpose: a small seeded force-directed layout
(Fruchterman-Reingold with a pull towards the centre) instead of a graph
drawing library, so drawing needs nothing beyond the standard library and the
same dataset always gives the same bytes. Coordinates are rounded to one
decimal so that the last bits of floating-point arithmetic never show.
"""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from eu_iot_coop._model import KINDS, Entity, Kind
from eu_iot_coop._query import Dataset

#: Each entity kind's colour (:attr:`EntityKind.colour`), in the order of the kinds: the legends' order.
KIND_COLOURS: Final[dict[Kind, str]] = {kind: entry.colour for kind, entry in KINDS.items()}
_RELATION_COLOUR: Final = "#555555"
_FONT: Final = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
_SVG_NS: Final = "http://www.w3.org/2000/svg"


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def short_label(entity: Entity) -> str:
    """What a drawing writes next to an entity: its acronym, or its name cut at a word boundary to 28 characters."""
    if entity.acronym:
        return entity.acronym
    return shorten(entity.name, 28)


def shorten(text: str, limit: int) -> str:
    """*text*, or as many of its words as fit in *limit* characters followed by an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-(\u2013") + "…"


@attrs.frozen
class Layout:
    """Positions of entities in a ``width`` by ``height`` box, by id."""

    width: float
    height: float
    positions: dict[str, tuple[float, float]]


def layout(
    ids: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    width: float = 1200.0,
    height: float = 900.0,
    margin: float = 60.0,
    iterations: int = 200,
    seed: int = 2012,
) -> Layout:
    """A seeded force-directed layout: the same input always gives the same positions."""
    order = sorted(ids)
    rng = random.Random(seed)
    pos = {node: [rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)] for node in order}
    pairs = sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b and a in pos and b in pos})
    count = max(len(order), 1)
    k = math.sqrt(4.0 / count)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        shift = {node: [0.0, 0.0] for node in order}
        for i, a in enumerate(order):
            ax, ay = pos[a]
            for b in order[i + 1 :]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                distance = math.hypot(dx, dy) or 1e-6
                force = k * k / distance
                fx, fy = dx / distance * force, dy / distance * force
                shift[a][0] += fx
                shift[a][1] += fy
                shift[b][0] -= fx
                shift[b][1] -= fy
        for a, b in pairs:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = math.hypot(dx, dy) or 1e-6
            force = distance * distance / k
            fx, fy = dx / distance * force, dy / distance * force
            shift[a][0] -= fx
            shift[a][1] -= fy
            shift[b][0] += fx
            shift[b][1] += fy
        for node in order:
            # Gravity keeps entities without relations from drifting off the page.
            shift[node][0] -= pos[node][0] * k * 0.5
            shift[node][1] -= pos[node][1] * k * 0.5
            length = math.hypot(*shift[node]) or 1e-6
            step = min(length, temperature)
            pos[node][0] += shift[node][0] / length * step
            pos[node][1] += shift[node][1] / length * step
        temperature -= cooling
    return Layout(width, height, _fit(pos, width, height, margin))


def _fit(pos: dict[str, list[float]], width: float, height: float, margin: float) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    # Labels are written to the right of each dot: leave them room.
    scale_x = (width - 2 * margin - 140.0) / span_x
    scale_y = (height - 2 * margin) / span_y
    return {
        node: (
            round(margin + (x - min(xs)) * scale_x, 1),
            round(margin + (y - min(ys)) * scale_y, 1),
        )
        for node, (x, y) in pos.items()
    }


def _svg(width: float, height: float, title: str) -> ET.Element:
    root = ET.Element(
        "svg",
        {
            "xmlns": _SVG_NS,
            "width": _n(width),
            "height": _n(height),
            "viewBox": f"0 0 {_n(width)} {_n(height)}",
            "font-family": _FONT,
            "role": "img",
        },
    )
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    return root


def _text(parent: ET.Element, x: float, y: float, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), **attributes})
    element.text = text
    return element


def _legend(parent: ET.Element, kinds: Sequence[Kind], x: float, y: float) -> None:
    group = ET.SubElement(parent, "g", {"class": "legend", "font-size": "12"})
    for row, kind in enumerate(kinds):
        cy = y + row * 18
        ET.SubElement(group, "circle", {"cx": _n(x), "cy": _n(cy), "r": "6", "fill": KIND_COLOURS[kind]})
        _text(group, x + 12, cy + 4, kind.value)


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def network_svg(dataset: Dataset, *, width: float = 1600.0, height: float = 1200.0, seed: int = 2012) -> str:
    """The cooperation network: entities as dots coloured by kind, relations as arrows labelled with predicates."""
    entities = dataset.records.entities
    by_id = {entity.id: entity for entity in entities}
    relations = [r for r in dataset.records.relations if r.subject in by_id and r.object in by_id]
    legend_height = 30.0 + 18 * len(KIND_COLOURS)
    placed = layout(
        [entity.id for entity in entities],
        ((r.subject, r.object) for r in relations),
        width=width,
        height=height - legend_height,
        seed=seed,
    )
    root = _svg(width, height, f"Cooperation network: {len(entities)} entities, {len(relations)} relations")
    ET.SubElement(
        root, "desc"
    ).text = "Entities coloured by kind; each line is a relation, labelled with its predicate."
    defs = ET.SubElement(root, "defs")
    marker = ET.SubElement(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": "16",
            "refY": "5",
            "markerWidth": "6",
            "markerHeight": "6",
            "orient": "auto",
        },
    )
    ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": _RELATION_COLOUR})
    kinds_present = [kind for kind in KIND_COLOURS if any(entity.kind is kind for entity in entities)]
    _legend(root, kinds_present, 20.0, 24.0)

    drawing = ET.SubElement(root, "g", {"transform": f"translate(0,{_n(legend_height)})"})
    edges = ET.SubElement(drawing, "g", {"class": "relations", "stroke": _RELATION_COLOUR, "stroke-width": "0.8"})
    labels = ET.SubElement(drawing, "g", {"class": "relation-labels", "font-size": "8", "fill": "#333333"})
    seen_pairs: dict[tuple[str, str], int] = {}
    for relation in relations:
        (x1, y1), (x2, y2) = placed.positions[relation.subject], placed.positions[relation.object]
        line = ET.SubElement(
            edges,
            "line",
            {
                "x1": _n(x1),
                "y1": _n(y1),
                "x2": _n(x2),
                "y2": _n(y2),
                "marker-end": "url(#arrow)",
                "data-key": relation.key,
            },
        )
        ET.SubElement(line, "title").text = relation.key
        pair = (min(relation.subject, relation.object), max(relation.subject, relation.object))
        nth = seen_pairs.get(pair, 0)
        seen_pairs[pair] = nth + 1
        # Several relations between one pair: stack their labels rather than print them on top of each other.
        _text(
            labels,
            (x1 + x2) / 2,
            (y1 + y2) / 2 - 2 + 9 * nth,
            relation.predicate,
            **{"class": "relation-label", "text-anchor": "middle"},
        )
    # A white outline under each label keeps it legible where lines cross it.
    nodes = ET.SubElement(
        drawing,
        "g",
        {"class": "entities", "font-size": "10", "stroke": "#ffffff", "stroke-width": "3", "paint-order": "stroke"},
    )
    for entity in entities:
        x, y = placed.positions[entity.id]
        group = ET.SubElement(nodes, "g", {"class": "entity", "data-id": entity.id, "data-kind": entity.kind.value})
        circle = ET.SubElement(
            group,
            "circle",
            {"cx": _n(x), "cy": _n(y), "r": "7", "fill": KIND_COLOURS[entity.kind], "stroke-width": "1.5"},
        )
        ET.SubElement(circle, "title").text = f"{entity.name} ({entity.kind.value})"
        _text(group, x + 9, y + 3.5, short_label(entity))
    return _serialise(root)
