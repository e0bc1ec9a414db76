"""Writing a placed region overview (:class:`._overview.OverviewPicture`) as SVG, and :func:`overview_svg`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eu_iot_coop._query import Dataset

from ._overview import (
    CELL_HEIGHT,
    EXPLANATION,
    FONT_SIZE,
    TITLE,
    TOP,
    Curve,
    OverviewPicture,
    Station,
    Table,
    overview_geometry,
)
from ._svg import Stated, add_provenance, add_text, add_tooltip, document, number, serialise, stated


def write_overview(picture: OverviewPicture, data: Stated | None = None) -> str:
    """The SVG of a placed overview, stating the *data* it was drawn from."""
    root = document(picture.width, picture.height, TITLE)
    if data is not None:
        add_provenance(root, *data)
    ET.SubElement(root, "desc").text = (
        "EU actors on the left, partner regions on the right; each line joins an actor and a region "
        "for the agreements, projects, events and programmes in the region the actor is related to, "
        "its width growing with their number. Each line's tooltip lists the record ids."
    )
    add_text(root, 24, 36, TITLE, **{"font-size": "20", "font-weight": "bold", "class": "heading"})
    for y, line in EXPLANATION:
        add_text(root, 24, y, line, **{"font-size": "13", "fill": "#444444"})
    if picture.table is None:
        add_text(root, 24, TOP, "No records link an EU actor to a partner region.", **{"font-size": "13"})
        return serialise(root)
    column = {"font-size": "14", "font-weight": "bold"}
    add_text(root, picture.left_x, TOP - 14, "EU actors", **column, **{"text-anchor": "end"})
    add_text(root, picture.right_x, TOP - 14, "Partner regions", **column)
    _write_curves(root, picture.curves)
    nodes = ET.SubElement(root, "g", {"class": "entities", "font-size": number(FONT_SIZE)})
    for station in picture.stations:
        _write_station(nodes, station)
    _write_table(root, picture.table)
    return serialise(root)


def _write_curves(root: ET.Element, curves: tuple[Curve, ...]) -> None:
    lines = ET.SubElement(root, "g", {"class": "links", "fill": "none", "stroke-opacity": "0.7"})
    for curve in curves:
        x1, y1, x2, y2 = number(curve.x1), number(curve.y1), number(curve.x2), number(curve.y2)
        middle = number((curve.x1 + curve.x2) / 2)
        attributes = {
            "d": f"M {x1} {y1} C {middle} {y1} {middle} {y2} {x2} {y2}",
            "stroke": curve.colour,
            "stroke-width": number(curve.width),
            "class": "link",
            "data-actor": curve.link.actor,
            "data-partner": curve.link.partner,
            "data-count": str(len(curve.link.records)),
            "data-records": " ".join(curve.link.records),
        }
        add_tooltip(ET.SubElement(lines, "path", attributes), curve.tooltip)


def _write_station(nodes: ET.Element, station: Station) -> None:
    group = ET.SubElement(nodes, "g", {"class": "entity", "data-id": station.id})
    circle = {
        "cx": number(station.x),
        "cy": number(station.y),
        "r": number(station.radius),
        "fill": station.colour,
        "stroke": "#ffffff",
    }
    add_tooltip(ET.SubElement(group, "circle", circle), f"{station.name}: {station.total} records")
    count = {"class": "label", "font-size": "11", "fill": "#555555"}
    if station.side == "actor":
        x = station.x - station.radius - 8
        label = add_text(group, x, station.y + 4.5, station.label, **{"text-anchor": "end", "class": "label"})
        add_tooltip(label, station.name)
        add_text(group, x, station.y + 21, station.count_text, **{"text-anchor": "end"}, **count)
    else:
        x = station.x + station.radius + 8
        add_text(group, x, station.y + 4.5, station.label, **{"class": "label", "font-weight": "bold"})
        add_text(group, x, station.y + 21, station.count_text, **count)


def _write_table(root: ET.Element, table: Table) -> None:
    group = ET.SubElement(root, "g", {"class": "table", "font-size": "12"})
    add_text(group, 24, table.top - 14, "Records per pair", **{"font-size": "14", "font-weight": "bold"})
    for x, y, word in table.headings:
        add_text(group, x, y, word, **{"text-anchor": "middle", "font-weight": "bold"})
    for row in table.rows:
        if row.shaded:
            stripe = {
                "x": "20",
                "y": number(row.y),
                "width": number(table.row_width),
                "height": number(CELL_HEIGHT),
                "fill": "#f3f4f7",
            }
            ET.SubElement(group, "rect", stripe)
        add_text(group, 24, row.y + 16, row.label)
        for cell in row.cells:
            if cell.count is None:
                add_text(group, cell.x, row.y + 16, "·", **{"text-anchor": "middle", "fill": cell.colour})
                continue
            style = {"text-anchor": "middle", "fill": cell.colour, "font-weight": "bold", "class": "count"}
            add_tooltip(add_text(group, cell.x, row.y + 16, str(cell.count), **style), cell.tooltip)


def overview_svg(dataset: Dataset, *, width: float = 760.0) -> str:
    """The region overview as SVG (see the module's docstring for what is counted).

    760 px wide by default: the width of a documentation page's column, so that the
    picture is shown at (nearly) its natural size and its 12-13 px text stays readable.
    """
    return write_overview(overview_geometry(dataset, width=width), stated(dataset))
