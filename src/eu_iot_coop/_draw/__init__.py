"""SVG drawings of the network, the timeline and the world map, made from a dataset.

Each drawing has a geometry module that places it (``_focus``, ``_overview``, ``_timeline``, ``_map``:
pure functions returning frozen pictures of positioned shapes and labels, built on
``_layout`` and ``_labels``) and a writer module that turns the picture into SVG (``_focus_svg``,
...), through the primitives of ``_svg``; ``_style`` holds the colours of kinds and predicates.
"""

from __future__ import annotations

from ._focus import select
from ._focus_svg import focus_svg
from ._map import cooperation_records, country_places
from ._map_svg import map_svg
from ._overview_svg import overview_svg
from ._timeline import LANES
from ._timeline_svg import timeline_svg

__all__ = [
    "LANES",
    "cooperation_records",
    "country_places",
    "focus_svg",
    "map_svg",
    "overview_svg",
    "select",
    "timeline_svg",
]
