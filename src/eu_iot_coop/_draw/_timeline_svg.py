"""Writing a placed timeline (:class:`._timeline.TimelinePicture`) as SVG, and :func:`timeline_svg`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from eu_iot_coop._model import Kind
from eu_iot_coop._query import Dataset

from ._svg import Stated, add_provenance, add_text, add_tooltip, document, number, serialise, stated
from ._timeline import (
    BAR_HEIGHT,
    DOT_RADIUS,
    FONT_SIZE,
    MARGIN,
    Axis,
    Lanes,
    LegendItem,
    Mark,
    TimelinePicture,
    timeline_geometry,
)


def write_timeline(picture: TimelinePicture, data: Stated | None = None) -> str:
    """The SVG of a placed timeline, stating the *data* it was drawn from."""
    heading = {"font-size": "16", "font-weight": "bold", "class": "heading"}
    root = document(picture.width, picture.height, picture.title)
    if data is not None:
        add_provenance(root, *data)
    if picture.axis is None:
        add_text(root, MARGIN, 32, picture.title, **heading)
        add_text(root, MARGIN, 70, "No dated entities or relations.", **{"font-size": "12"})
        return serialise(root)
    ET.SubElement(root, "desc").text = (
        "Dated entities, agreements (one row each, its parties in the tooltip) and relations, in lanes; "
        "a dot marks a date, a bar a span, and a hollow, dashed marker a date that was inferred. "
        "Each row's tooltip gives its full text, dates and record ids."
    )
    add_text(root, MARGIN, 32, picture.title, **heading)
    _write_legend(root, picture.legend)
    _write_axis(root, picture.axis)
    lanes_group = ET.SubElement(root, "g", {"class": "lanes", "font-size": number(FONT_SIZE)})
    for band in picture.lanes:
        if band.shaded:
            stripe = {
                "x": number(MARGIN - 8),
                "y": number(band.top),
                "width": number(picture.width - 2 * MARGIN + 16),
                "height": number(band.height),
                "fill": "#f4f5f8",
            }
            ET.SubElement(lanes_group, "rect", stripe)
        style = {"font-size": "13", "font-weight": "bold", "fill": "#222222", "class": "lane"}
        add_text(lanes_group, MARGIN, band.top + 17, band.name, **style)
    items = ET.SubElement(root, "g", {"class": "rows", "font-size": number(FONT_SIZE)})
    for mark in picture.marks:
        _write_mark(items, mark)
    return serialise(root)


def _write_axis(root: ET.Element, axis: Axis) -> None:
    group = ET.SubElement(root, "g", {"class": "axis", "font-size": "11", "fill": "#333333"})
    if axis.first_year is not None and axis.break_x is not None:
        add_text(group, MARGIN, axis.y, axis.first_year, **{"class": "year"})
        x, y = axis.break_x, axis.y
        path = {
            "d": f"M {number(x - 4)} {number(y + 8)} l 4 -8 M {number(x)} {number(y + 8)} l 4 -8",
            "stroke": "#555555",
            "stroke-width": "1.2",
            "fill": "none",
            "class": "axis-break",
        }
        ET.SubElement(group, "path", path)
    for tick in axis.ticks:
        line = {"x1": number(tick.x), "y1": number(axis.y + 4), "x2": number(tick.x), "y2": number(axis.bottom)}
        ET.SubElement(group, "line", {**line, "stroke": "#e4e4e4"})
        if tick.year is not None:
            add_text(group, tick.x, axis.y, tick.year, **{"text-anchor": "middle", "class": "year"})


def _marker_style(colour: str, inferred: bool) -> dict[str, str]:
    style = {"stroke": colour, "stroke-width": "1.5", "fill": "#ffffff" if inferred else colour}
    if inferred:
        style["stroke-dasharray"] = "3 2"
    return style


def _write_mark(parent: ET.Element, mark: Mark) -> None:
    row, y = mark.row, mark.y
    group = ET.SubElement(
        parent,
        "g",
        {"class": "timeline-item", "data-key": row.records[0], "data-inferred": "true" if row.inferred else "false"},
    )
    add_tooltip(group, mark.tooltip)
    style = _marker_style(mark.colour, row.inferred)
    if row.ranged:
        bar = {
            "x": number(mark.x),
            "y": number(y - BAR_HEIGHT / 2),
            "width": number(mark.end_x - mark.x),
            "height": number(BAR_HEIGHT),
            "rx": "3",
        }
        ET.SubElement(group, "rect", {**bar, **style})
    else:
        ET.SubElement(group, "circle", {"cx": number(mark.x), "cy": number(y), "r": number(DOT_RADIUS), **style})
    label = {"class": "label", "text-anchor": mark.anchor, "fill": "#111111"}
    add_text(group, mark.label_x, y + 4, mark.label, **label)


def _write_legend(root: ET.Element, items: tuple[LegendItem, ...]) -> None:
    group = ET.SubElement(root, "g", {"class": "legend", "font-size": "12", "fill": "#222222"})
    for item in items:
        x, y = item.x, item.y
        if item.role == "heading":
            add_text(group, item.text_x, y, item.text, **{"font-weight": "bold"})
            continue
        if item.role == "colour":
            ET.SubElement(group, "circle", {"cx": number(x + 5), "cy": number(y - 4), "r": "5", "fill": item.colour})
            add_text(group, item.text_x, y, item.text)
            continue
        style = _marker_style("#555555", item.inferred)
        if item.ranged:
            bar = {"x": number(x), "y": number(y - 4 - BAR_HEIGHT / 2), "width": "28", "height": number(BAR_HEIGHT)}
            ET.SubElement(group, "rect", {**bar, "rx": "3", **style})
        else:
            ET.SubElement(group, "circle", {"cx": number(x + 5), "cy": number(y - 4), "r": number(DOT_RADIUS), **style})
        add_text(group, item.text_x, y, item.text)


def timeline_svg(
    dataset: Dataset, *, lanes: Lanes = "region", width: float = 1000.0, kinds: Iterable[Kind | str] | None = None
) -> str:
    """The timeline of dated entities and relations (see the module's docstring), in lanes.

    ``lanes="region"`` (the default) gives a lane to each partner region of the
    region overview, one to rows in several of them and one to the rest; a row is
    in a region when its entity is (a relation's: its object; see
    :meth:`Dataset.entities` for what is in a region);
    ``lanes="kind"`` one to each kind of entity and one to relations. ``kinds`` keeps the dated
    entities of those kinds alone (``["agreement"]``: the agreements, by partner region).
    """
    return write_timeline(timeline_geometry(dataset, lanes=lanes, width=width, kinds=kinds), stated(dataset))
