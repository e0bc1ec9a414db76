"""Sphinx configuration: furo, MyST Markdown pages, autodoc for the API reference.

The pictures (region overview, a neighbourhood and timeline) are drawn from the bundled data when a
build starts, into ``_generated/``, and the catalogue (a page per entity, kind and region) is written
into ``catalogue/``, so they can never go stale. Nothing here
imports Sphinx at module level: pytest collects this file for doctests in an
environment that may not have Sphinx installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import eu_iot_coop

project = "eu_iot_coop"
author = "eu_iot_coop developers"
copyright = "eu_iot_coop developers"
release = eu_iot_coop.__version__
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "furo"
html_title = f"eu_iot_coop {release}"
html_static_path = ["_static"]
html_css_files = ["pictures.css"]

GENERATED = Path(__file__).parent / "_generated"
CATALOGUE = Path(__file__).parent / "catalogue"


def draw_pictures(app: Any) -> None:
    """Draw the overview, a neighbourhood, the timeline and the world map of the bundled data into ``_generated/``.

    No picture of the whole network: unreadable at hundreds of entities (the package no longer draws one).
    """
    from eu_iot_coop._draw import focus_svg, map_svg, overview_svg, timeline_svg
    from eu_iot_coop._maintenance.catalogue import COLUMN_WIDTH

    dataset = eu_iot_coop.load()
    GENERATED.mkdir(exist_ok=True)
    pictures = (
        ("overview.svg", overview_svg(dataset)),
        ("itac.svg", focus_svg(dataset, around="ITAC", depth=2)),
        ("timeline.svg", timeline_svg(dataset)),
        # Drawn for the front page's column, so that it is shown whole at its own size.
        ("timeline-agreements.svg", timeline_svg(dataset, kinds=["agreement"], width=COLUMN_WIDTH)),
        ("map.svg", map_svg(dataset)),
    )
    for name, text in pictures:
        path = GENERATED / name
        # Rewriting an unchanged file would make Sphinx think every page using it changed.
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def write_catalogue(app: Any) -> None:
    """Write the catalogue pages and their drawings; only files whose text changed are rewritten."""
    from eu_iot_coop._maintenance.catalogue import write

    write(CATALOGUE, eu_iot_coop.load())


def setup(app: Any) -> dict[str, Any]:
    """Register the picture and catalogue hooks."""
    app.connect("builder-inited", draw_pictures)
    app.connect("builder-inited", write_catalogue)
    return {"parallel_read_safe": True}
