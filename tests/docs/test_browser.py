"""The built documentation opened in headless Chromium, as a reader would see it.

Builds nothing: it checks ``docs/_build/html`` when a build is there (``sphinx-build -b html
docs docs/_build/html``), with Debian's ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``
driven by Selenium (no browser is downloaded). Each page is opened from the front page's
links, and every catalogue page from the catalogue's index pages: no console errors, every
SVG picture loads with a natural size over 100 px and is shown at a visible size, and every
link inside the documentation leads to a page that exists and, with a ``#fragment``, to an
element with that id. A screenshot of each front-page link, of each full-size picture and of a
few catalogue pages is saved under ``docs/_build/screenshots/``. One browser session serves
every test. Skipped, saying why, where the build, the browser or Selenium is missing. The text of the
catalogue's drawings and the front page's timeline is measured as displayed: the smallest font size
Chromium computes in the SVG, times the width the page shows it at over its own width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

import pytest

import eu_iot_coop

from ..browser_support import SCREENSHOTS, chromium, missing
from ..draw.test_geometry import busiest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "docs" / "_build" / "html"
CATALOGUE = HTML / "catalogue"
#: The catalogue pages photographed: the index, a kind, a region, an organisation, a place, an agreement.
CATALOGUE_SHOTS = (
    "index",
    "kinds/agreement",
    "regions/asia",
    "entities/aioti",
    "entities/japan",
    "entities/mou-itac-aioti-2017",
)
#: One call per page: its SVG pictures (source, loaded, natural width and height, shown width) and link targets.
_INSPECT = (
    "return [Array.from(document.images).filter(i => i.src.endsWith('.svg')).map(i => "
    "[i.src, i.complete, i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width]),"
    " Array.from(document.querySelectorAll('a[href]'), a => a.href)]"
)
#: The smallest text a picture in the documentation may show, in CSS pixels as displayed.
LEGIBLE_PX = 11.0
#: The smallest font size Chromium computes for any text of the SVG document open in the window.
_SMALLEST_FONT = (
    "return Math.min(...Array.from(document.querySelectorAll('text'), t => parseFloat(getComputedStyle(t).fontSize)))"
)
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def _why_not() -> str | None:
    if not (HTML / "index.html").is_file():
        return f"no built documentation at {HTML}; run 'sphinx-build -b html docs docs/_build/html' first"
    return missing()


# The browser tier (left out of the default run), and skipped, saying why, where it cannot run here.
pytestmark = [pytest.mark.browser, pytest.mark.skipif(_why_not() is not None, reason=_why_not() or "")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium keeping the console's messages, closed after the module's tests."""
    with chromium(console_log=True) as driver:
        yield driver


def _errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _screenshot(driver: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The whole page (or picture) in one image; an SVG document has no scrollHeight, so measure the root's box.
    width, height = driver.execute_script(
        "const r = document.documentElement.getBoundingClientRect();"
        "return [Math.max(r.width, document.documentElement.scrollWidth),"
        " Math.max(r.height, document.documentElement.scrollHeight)]"
    )
    driver.set_window_size(max(1400, min(int(width) + 40, 4000)), max(1000, min(int(height) + 200, 12000)))
    driver.save_screenshot(str(SCREENSHOTS / name))
    driver.set_window_size(1400, 1000)


def _pages(driver: Any) -> list[str]:
    """The front page and every page outside the catalogue that its links reach."""
    index = (HTML / "index.html").as_uri()
    driver.get(index)
    hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    pages = [index]
    for href in hrefs:
        page = urldefrag(urljoin(index, href)).url
        # The catalogue's pages have their own test, which photographs a few of them.
        catalogue = page.startswith(CATALOGUE.as_uri())
        if page.startswith(HTML.as_uri()) and page.endswith(".html") and page not in pages and not catalogue:
            pages.append(page)
    return pages


@cache
def _ids(path: Path) -> frozenset[str]:
    """The element ids of a built page, read from its file."""
    return frozenset(_ID.findall(path.read_text(encoding="utf-8")))


def _check_page(driver: Any, page: str) -> tuple[list[str], list[str], int]:
    """Open *page*: its problems (console errors, pictures not shown, broken links), its links, its picture count."""
    driver.get(page)
    problems = [f"{page}: {message}" for message in _errors(driver)]
    pictures, hrefs = driver.execute_script(_INSPECT)
    for src, complete, natural_width, natural_height, shown_width in pictures:
        if not (complete and natural_width > 100 and natural_height > 100 and shown_width > 100):
            problems.append(f"{page}: {src} is {natural_width}x{natural_height}, shown {shown_width} px wide")
    links = []
    for href in hrefs:
        target, fragment = urldefrag(urljoin(page, href))
        if not target.startswith(HTML.as_uri()):
            continue
        path = Path(unquote(target.removeprefix("file://")))
        if not path.is_file():
            problems.append(f"{page}: the link {href} leads nowhere")
        elif fragment and path.suffix == ".html" and unquote(fragment) not in _ids(path):
            problems.append(f"{page}: the link {href} has no target #{fragment}")
        else:
            links.append(target)
    return problems, links, len(pictures)


def _name(page: str) -> str:
    return page[len(HTML.as_uri()) + 1 :].replace("/", "_").removesuffix(".html")


def test_every_page_opens_without_console_errors_and_shows_its_pictures(browser: Any) -> None:
    """Each page loads with no console error or broken link, and each SVG picture on it is loaded and visible."""
    pages = _pages(browser)
    assert len(pages) > 5
    problems = []
    pictures = 0
    for page in pages:
        found, _, count = _check_page(browser, page)
        problems += found
        pictures += count
        _screenshot(browser, f"{_name(page)}.png")
    assert problems == []
    assert pictures >= 1


def test_every_catalogue_page_opens_with_its_drawing_and_working_links(browser: Any) -> None:
    """Every page the catalogue's index pages link to opens cleanly, shows its drawing and links only to real targets.

    The index, kind and region pages are read for links; every entity page they reach is opened.
    """
    index = (CATALOGUE / "index.html").as_uri()
    indexes = [index]
    entity_pages: list[str] = []
    problems = []
    for page in indexes:  # grows while it is read: the index links to the kind and region pages
        found, links, _ = _check_page(browser, page)
        problems += found
        for link in links:
            if link.startswith((CATALOGUE / "entities").as_uri()) and link.endswith(".html"):
                if link not in entity_pages:
                    entity_pages.append(link)
            elif link.startswith(CATALOGUE.as_uri()) and link.endswith(".html") and link not in indexes:
                indexes.append(link)
    entity_count = len(list((CATALOGUE / "entities").glob("*.html")))
    assert len(entity_pages) == entity_count > 0
    for page in entity_pages:
        found, _, pictures = _check_page(browser, page)
        problems += found
        if pictures != 1:
            problems.append(f"{page}: {pictures} drawings instead of one")
    assert problems == []
    for shot in CATALOGUE_SHOTS:
        browser.get((CATALOGUE / f"{shot}.html").as_uri())
        _screenshot(browser, f"catalogue_{shot.replace('/', '_')}.png")


def test_full_size_pictures_open(browser: Any) -> None:
    """The front page's links to full-size SVGs open pictures at least 700 px wide."""
    browser.get((HTML / "index.html").as_uri())
    links = browser.execute_script("return Array.from(document.querySelectorAll('a[href$=\".svg\"]'), a => a.href)")
    assert links
    for link in links:
        browser.get(link)
        assert _errors(browser) == []
        width = browser.execute_script("return document.documentElement.getBoundingClientRect().width")
        assert width >= 700, link
        _screenshot(browser, "full-" + link.rsplit("/", 1)[1].replace(".svg", ".png"))


def _displayed_text(driver: Any, page: str, picture: str) -> tuple[float, float, float]:
    """The smallest text of *picture* as *page* shows it: (px as displayed, px in the SVG, shown / own width)."""
    driver.get(page)
    shown = driver.execute_script(
        "const i = Array.from(document.images).find(i => i.src.endsWith(arguments[0]));"
        "return [i.src, i.naturalWidth, i.getBoundingClientRect().width]",
        f"/{picture}",
    )
    source, natural_width, shown_width = shown
    driver.get(source)
    smallest = float(driver.execute_script(_SMALLEST_FONT))
    return smallest * shown_width / natural_width, smallest, shown_width / natural_width


def test_catalogue_drawings_and_the_front_page_timeline_read_at_11_px(browser: Any) -> None:
    """The drawings of the busiest entities' pages (and a few others), and the front page's timeline, show
    their smallest text at 11 px or more in the documentation's column."""
    dataset = eu_iot_coop.load()
    entities = [*busiest(dataset), "itac", "aioti", "mou-itac-aioti-2017"]
    pictures = [((CATALOGUE / "entities" / f"{entity}.html").as_uri(), f"{entity}.svg") for entity in entities]
    pictures.append(((HTML / "index.html").as_uri(), "timeline-agreements.svg"))
    measured = {picture: _displayed_text(browser, page, picture) for page, picture in pictures}
    small = {picture: found for picture, found in measured.items() if found[0] < LEGIBLE_PX}
    assert small == {}, f"smallest text as displayed, in the SVG, and the scale: {small}"
