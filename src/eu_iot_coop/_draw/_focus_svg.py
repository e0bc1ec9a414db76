"""Writing a placed focused drawing (:class:`._focus.FocusPicture`) as SVG, and :func:`focus_svg`, which draws one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from eu_iot_coop._model import PartialDate
from eu_iot_coop._query import Dataset

from ._focus import (
    ARROW_LENGTH,
    FONT_SIZE,
    HEADING_X,
    HEADING_Y,
    Arrow,
    FocusPicture,
    LegendPlace,
    LegendRow,
    Node,
    focus_geometry,
    select,
)
from ._style import kind_colour
from ._svg import Stated, add_provenance, add_text, add_tooltip, document, number, serialise, stated


def write_focus(picture: FocusPicture, data: Stated | None = None) -> str:
    """The SVG of a placed focused drawing, stating the *data* it was drawn from."""
    root = document(picture.width, picture.height, picture.title)
    if data is not None:
        add_provenance(root, *data)
    ET.SubElement(root, "desc").text = (
        "Entities coloured by kind; each arrow is a relation coloured by the group of its predicate, "
        "dashed where its date is inferred. Labels that would collide are left out; every entity's "
        "full name is in its tooltip."
    )
    heading = {"font-size": "16", "font-weight": "bold", "class": "heading"}
    for number_of_line, line in enumerate(picture.heading):
        add_text(root, HEADING_X, HEADING_Y + 20.0 * number_of_line, line, **heading)
    _markers(ET.SubElement(root, "defs"), [arrow.colour for arrow in picture.arrows])
    _write_arrows(root, picture.arrows)
    _write_nodes(root, picture.nodes)
    _write_legend(root, picture.legend)
    if picture.note is not None:
        note = picture.note
        add_text(root, note.x, note.y, note.text, **{"font-size": "11", "fill": "#555555", "class": "note"})
    return serialise(root)


def _markers(defs: ET.Element, colours: Iterable[str]) -> None:
    for colour in sorted(set(colours)):
        marker = ET.SubElement(
            defs,
            "marker",
            {
                "id": f"arrow-{colour.lstrip('#')}",
                "viewBox": "0 0 10 10",
                "refX": "10",
                "refY": "5",
                "markerUnits": "userSpaceOnUse",
                "markerWidth": number(ARROW_LENGTH),
                "markerHeight": number(ARROW_LENGTH),
                "orient": "auto",
            },
        )
        ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": colour})


def _write_arrows(root: ET.Element, arrows: tuple[Arrow, ...]) -> None:
    edges = ET.SubElement(root, "g", {"class": "relations", "fill": "none", "stroke-width": "1.4"})
    for arrow in arrows:
        attributes = {
            "x1": number(arrow.x1),
            "y1": number(arrow.y1),
            "x2": number(arrow.x2),
            "y2": number(arrow.y2),
            "stroke": arrow.colour,
            "marker-end": f"url(#arrow-{arrow.colour.lstrip('#')})",
            "data-key": arrow.relation.key,
            "data-subject": arrow.relation.subject,
            "data-object": arrow.relation.object,
        }
        if arrow.dashed:
            attributes["stroke-dasharray"] = "6 4"
        add_tooltip(ET.SubElement(edges, "line", attributes), arrow.tooltip)


def _write_nodes(root: ET.Element, nodes: tuple[Node, ...]) -> None:
    group_of_nodes = ET.SubElement(root, "g", {"class": "entities", "font-size": number(FONT_SIZE)})
    for node in nodes:
        e = node.entity
        group = ET.SubElement(group_of_nodes, "g", {"class": "entity", "data-id": e.id, "data-kind": e.kind.value})
        attributes = {
            "cx": number(node.x),
            "cy": number(node.y),
            "r": number(node.radius),
            "fill": kind_colour(e.kind),
            "stroke": "#222222" if node.start_inferred else "#ffffff",
            "stroke-width": "1.5",
        }
        if node.start_inferred:
            attributes["stroke-dasharray"] = "3 2"
        add_tooltip(ET.SubElement(group, "circle", attributes), f"{e.name} ({e.kind.value}, {e.id})")
        if node.spot is not None:
            text = add_text(
                group,
                node.spot.x,
                node.spot.y,
                node.label,
                **{
                    "class": "label",
                    "text-anchor": node.spot.anchor,
                    "stroke": "#ffffff",
                    "stroke-width": "3",
                    "paint-order": "stroke",
                    "fill": "#111111",
                    "font-weight": "bold" if node.centre else "normal",
                },
            )
            add_tooltip(text, e.name)


def _sample_line(group: ET.Element, row: LegendRow, colour: str, **style: str) -> None:
    """The line a legend row shows its style with, left of its text."""
    attributes = {"x1": number(row.x), "y1": number(row.y - 4), "x2": number(row.x + 24), "y2": number(row.y - 4)}
    ET.SubElement(group, "line", {**attributes, "stroke": colour, "stroke-width": "2", **style})


def _write_legend(root: ET.Element, rows: Sequence[LegendRow]) -> None:
    group = ET.SubElement(root, "g", {"class": "legend", "font-size": number(FONT_SIZE), "fill": "#222222"})
    for row in rows:
        x, y = row.x, row.y
        if row.role == "heading":
            add_text(group, x, y, row.text, **{"font-weight": "bold"})
        elif row.role == "kind":
            ET.SubElement(group, "circle", {"cx": number(x + 6), "cy": number(y - 4), "r": "6", "fill": row.colour})
            add_text(group, x + 18, y, row.text)
        elif row.role == "group":
            _sample_line(group, row, row.colour)
            add_text(group, x + 32, y, row.text)
        elif row.role == "predicate":
            add_text(group, x + 40, y, row.text, fill="#555555")
        elif row.role == "dashed":
            _sample_line(group, row, "#4d4d4d", **{"stroke-dasharray": "6 4"})
            add_text(group, x + 32, y, row.text)
        elif row.role == "ring":
            ring = {
                "cx": number(x + 6),
                "cy": number(y - 4),
                "r": "6",
                "fill": "#ffffff",
                "stroke": "#222222",
                "stroke-width": "1.5",
                "stroke-dasharray": "3 2",
            }
            ET.SubElement(group, "circle", ring)
            add_text(group, x + 18, y, row.text)
        else:
            add_text(group, x, y, row.text, fill="#555555")


def focus_svg(
    dataset: Dataset,
    *,
    around: str | None = None,
    depth: int = 1,
    kind: str | Iterable[str] | None = None,
    predicate: str | Iterable[str] | None = None,
    region: str | None = None,
    as_of: str | PartialDate | None = None,
    with_topics: bool = False,
    with_documents: bool = False,
    through_places: bool = False,
    centre_only: bool = False,
    seed: int = 2012,
    width: float = 1400.0,
    height: float = 1000.0,
    legend: LegendPlace = "right",
) -> str:
    """A focused network drawing: the neighbourhood of ``around`` and/or a slice by kind, predicate, region, date.

    Each relation is an arrow coloured by its predicate's group, its head
    ending just outside the object's circle; relations with an inferred date
    are dashed. Labels sit beside their entities and are left out where they
    would collide (the full name is in each entity's tooltip). See
    :func:`select` for the filters. ``legend="below"`` puts the legend under the
    network, in columns, for a narrow page (the picture grows taller than ``height``).
    """
    entities, relations, centre = select(
        dataset,
        around=around,
        depth=depth,
        kind=kind,
        predicate=predicate,
        region=region,
        as_of=as_of,
        with_topics=with_topics,
        with_documents=with_documents,
        through_places=through_places,
        centre_only=centre_only,
    )
    picture = focus_geometry(
        entities,
        relations,
        centre,
        depth=depth,
        seed=seed,
        width=width,
        height=height,
        legend=legend,
        centre_only=centre_only,
    )
    return write_focus(picture, stated(dataset))
