"""SVG drawings of the network and the timeline, made from a dataset."""

from __future__ import annotations

from ._svg import network_svg, timeline_svg

__all__ = [
    "network_svg",
    "timeline_svg",
]
