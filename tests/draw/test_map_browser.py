"""The world map in headless Chromium: every shaded country is drawn at a visible size, the legend fits.

Uses Debian's chromium and chromedriver through Selenium (``tests/browser_support.py``) but no documentation
build: the maps are written into a temporary folder. Screenshots go under ``docs/_build/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop import Dataset
from eu_iot_coop._draw import map_svg

from ..browser_support import SCREENSHOTS, chromium, missing

pytestmark = [pytest.mark.browser, pytest.mark.skipif(missing() is not None, reason=missing() or "")]

# Per shaded country: its place, and whether its box on screen is non-empty and inside the map's frame;
# then the picture's box and the legend's.
_MEASURE = """
const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const frame = box(document.querySelector('rect.sea'));
const shaded = Array.from(document.querySelectorAll('path.shaded'), e => [e.dataset.place, box(e)]);
return [frame, box(document.documentElement), box(document.querySelector('g.legend')), shaded];
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.mark.parametrize("region", [None, "asia", "european-union"])
def test_every_shaded_country_is_visible_and_the_legend_fits(
    browser: Any, bundled: Dataset, tmp_path: Path, region: str | None
) -> None:
    path = tmp_path / "map.svg"
    path.write_text(map_svg(bundled, region=region), encoding="utf-8")
    browser.get(path.as_uri())
    frame, picture, legend, shaded = browser.execute_script(_MEASURE)
    assert len(shaded) == sum(1 for p in bundled.entities(kind="place") if p.place_type.value == "country")
    for place, (left, top, right, bottom) in shaded:
        assert right > left, place
        assert bottom > top, place
        if region is None:  # the whole world: every country lies inside the map's frame
            inside = frame[0] <= left and right <= frame[2] + 0.5 and frame[1] <= top and bottom <= frame[3] + 0.5
            assert inside, place
    assert picture[0] <= legend[0]
    assert legend[2] <= picture[2]
    assert legend[3] <= picture[3]
    assert legend[1] >= frame[3]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"map-{region or 'world'}.png"))
