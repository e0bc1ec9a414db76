"""How every drawing writes SVG: the document, numbers, text and the final text of the file.

The one place that turns positioned shapes into XML. Coordinates are written with one decimal, so
that the last bits of floating-point arithmetic never show and the same drawing always gives the
same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Final, TypeAlias

from eu_iot_coop._present import xml_safe

if TYPE_CHECKING:
    from eu_iot_coop._query import Dataset

FONT: Final = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
SVG_NS: Final = "http://www.w3.org/2000/svg"


def number(value: float) -> str:
    """*value* as SVG writes it: one decimal, never ``-0.0``."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def document(width: float, height: float, title: str) -> ET.Element:
    """An empty ``width`` by ``height`` picture on white, with its *title* (what screen readers announce)."""
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": number(width),
            "height": number(height),
            "viewBox": f"0 0 {number(width)} {number(height)}",
            "font-family": FONT,
            "role": "img",
        },
    )
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    return root


def add_text(parent: ET.Element, x: float, y: float, text: str, **attributes: str) -> ET.Element:
    """A ``<text>`` at (x, y) in *parent*, with *attributes* after the position, in the order given."""
    element = ET.SubElement(parent, "text", {"x": number(x), "y": number(y), **attributes})
    element.text = text
    return element


def add_tooltip(parent: ET.Element, text: str) -> None:
    """A ``<title>`` in *parent*: what a browser shows on hover."""
    ET.SubElement(parent, "title").text = text


def serialise(root: ET.Element) -> str:
    """The text of the SVG file: an XML declaration, the indented document and a final newline."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(ET.tostring(root, encoding="unicode")) + "\n"


#: What a picture says it was drawn from: the data version (``None`` for data that is not a release) and fingerprint.
Stated: TypeAlias = tuple[str | None, str]


def stated(dataset: Dataset) -> Stated:
    """The data version and fingerprint of *dataset*, as a picture of it states them (:func:`add_provenance`)."""
    return (dataset.data_version, dataset.fingerprint)


def add_provenance(root: ET.Element, data_version: str | None, fingerprint: str) -> None:
    """State on *root* which data the picture shows: the data version (``modified`` for data that is not a release)
    and the fingerprint, as attributes of the document and in its ``<metadata>``."""
    version = data_version or "modified"
    root.set("data-data-version", version)
    root.set("data-fingerprint", fingerprint)
    ET.SubElement(root, "metadata").text = f"eu_iot_coop data version {version}, fingerprint {fingerprint}"
