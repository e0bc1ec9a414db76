"""SVG drawings of the network and the timeline, made from a dataset."""

from __future__ import annotations

from ._focus import focus_svg, select
from ._network import network_svg
from ._overview import overview_svg
from ._timeline import LANES, timeline_svg

__all__ = [
    "LANES",
    "focus_svg",
    "network_svg",
    "overview_svg",
    "select",
    "timeline_svg",
]
