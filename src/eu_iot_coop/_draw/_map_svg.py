"""Writing a placed world map (:class:`._map.MapPicture`) as SVG, and :func:`map_svg`."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from eu_iot_coop._model import Entity, PartialDate
from eu_iot_coop._query import Dataset

from ._map import BORDER, EU_OUTLINE, FONT_SIZE, LAND, MARGIN, TITLE, WIDTH, Country, MapPicture, map_geometry
from ._svg import add_provenance, add_text, add_tooltip, document, number, serialise

#: On screen, in pixels, whatever the zoom: borders, the EU's outlines, the dots of the smallest countries.
_BORDER_PX = 0.5
_OUTLINE_PX = 1.6
_DOT_PX = 3.5


def write_map(picture: MapPicture) -> str:
    """The SVG of a placed map."""
    root = document(picture.width, picture.height, TITLE)
    add_provenance(root, picture.data_version, picture.fingerprint)
    ET.SubElement(root, "desc").text = (
        "A world map: each country of the data shaded by its number of agreements, projects, events and "
        "programmes that involve it and an EU actor, EU member states outlined. Each country's tooltip "
        "gives its count and names its records."
    )
    add_text(root, MARGIN, 32, TITLE, **{"font-size": "20", "font-weight": "bold", "class": "heading"})
    add_text(root, MARGIN, 56, picture.subtitle, **{"font-size": "13", "fill": "#444444"})
    x, y, width, height = picture.box
    vx, vy, vw, vh = picture.view
    frame = {"x": number(x), "y": number(y), "width": number(width), "height": number(height)}
    ET.SubElement(root, "rect", {**frame, "fill": "#f4f8fb", "class": "sea"})
    area = ET.SubElement(
        root, "svg", {**frame, "viewBox": f"{number(vx)} {number(vy)} {number(vw)} {number(vh)}", "class": "map"}
    )
    unit = picture.unit
    land = ET.SubElement(
        area, "g", {"class": "countries", "stroke": BORDER, "stroke-width": f"{_BORDER_PX * unit:.2f}"}
    )
    for name, path in picture.unnumbered:
        add_tooltip(ET.SubElement(land, "path", {"d": path, "fill": LAND, "class": "land"}), name)
    for country in picture.countries:
        _write_country(land, country, unit)
    dots = ET.SubElement(area, "g", {"class": "dots", "stroke": "#ffffff", "stroke-width": f"{_BORDER_PX * unit:.2f}"})
    for country in picture.countries:
        if country.shape.dot is not None and country.shaded:
            cx, cy = country.shape.dot
            circle = {
                "cx": number(cx),
                "cy": number(cy),
                "r": f"{_DOT_PX * unit:.2f}",
                "fill": country.fill,
                "class": "dot",
                "data-place": country.place or "",
            }
            if country.member is not None and country.member.current:
                circle.update(stroke=EU_OUTLINE, **{"stroke-width": f"{_OUTLINE_PX * unit:.2f}"})
            add_tooltip(ET.SubElement(dots, "circle", circle), country.tooltip)
    ET.SubElement(root, "rect", {**frame, "fill": "none", "stroke": "#cccccc"})
    _write_legend(root, picture)
    return serialise(root)


def _write_country(parent: ET.Element, country: Country, unit: float) -> None:
    attributes = {"d": country.shape.path, "fill": country.fill, "class": "country", "data-code": country.shape.code}
    if country.shaded:
        attributes.update(
            {
                "class": "country shaded",
                "data-place": country.place or "",
                "data-count": str(len(country.records)),
                "data-records": " ".join(country.records),
            }
        )
    if country.member is not None:
        attributes["data-eu"] = "member" if country.member.current else "former"
        if country.member.current:
            attributes.update(stroke=EU_OUTLINE, **{"stroke-width": f"{_OUTLINE_PX * unit:.2f}"})
    add_tooltip(ET.SubElement(parent, "path", attributes), country.tooltip)


def _write_legend(root: ET.Element, picture: MapPicture) -> None:
    legend = ET.SubElement(root, "g", {"class": "legend", "font-size": number(FONT_SIZE)})
    add_text(legend, MARGIN, picture.legend_y + 12, "Records:", **{"font-weight": "bold"})
    for swatch in picture.swatches:
        square = {
            "x": number(swatch.x),
            "y": number(swatch.y),
            "width": "14",
            "height": "14",
            "fill": swatch.fill,
            "stroke": swatch.stroke,
            "stroke-width": "2" if swatch.fill == "none" else "1",
        }
        ET.SubElement(legend, "rect", square)
        add_text(legend, swatch.x + 20, swatch.y + 12, swatch.label)
    for y, line in picture.notes:
        add_text(legend, MARGIN, y, line, **{"fill": "#444444", "class": "note"})


def map_svg(
    dataset: Dataset,
    *,
    region: str | Entity | None = None,
    as_of: str | PartialDate | datetime.date | None = None,
    width: float = WIDTH,
) -> str:
    """A world map as SVG: each country of the data shaded by its cooperation records with the EU side.

    What is counted is said once, in :func:`eu_iot_coop._draw._map.cooperation_records`; EU member states
    are outlined. *region* (an id, name or place) zooms to its countries of the data; *as_of* draws the
    data as it stood that day (:meth:`Dataset.as_of`). The SVG states the data version and fingerprint
    (root attributes ``data-data-version`` and ``data-fingerprint``, and a ``<metadata>`` element), and the
    same data always gives the same bytes. The shapes (Natural Earth, public domain) are read on the first map.
    """
    return write_map(map_geometry(dataset, region=region, as_of=as_of, width=width))
