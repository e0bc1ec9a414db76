"""The built documentation opened in headless Chromium, as a reader would see it.

Builds nothing: it checks ``docs/_build/html`` when a build is there (``sphinx-build -b html
docs docs/_build/html``), with Debian's ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``
driven by Selenium (no browser is downloaded). Each page is opened from the front page's
links: no console errors, every SVG picture loads with a natural size over 100 px and is shown
at a visible size; a screenshot of each page and of each full-size picture is saved under
``docs/_build/screenshots/``. Skipped, saying why, where the build, the browser or Selenium is
missing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "docs" / "_build" / "html"
SCREENSHOTS = ROOT / "docs" / "_build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
OPTIONS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


def _why_not() -> str | None:
    if not (HTML / "index.html").is_file():
        return f"no built documentation at {HTML}; run 'sphinx-build -b html docs docs/_build/html' first"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.is_file():
            return f"{path} is missing; install Debian's chromium and chromium-driver"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed; pip install -e '.[test]'"
    return None


pytestmark = pytest.mark.skipif(_why_not() is not None, reason=_why_not() or "")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium with a fresh profile, closed after the module's tests."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    with tempfile.TemporaryDirectory() as profile:
        for option in (*OPTIONS, f"--user-data-dir={profile}"):
            options.add_argument(option)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
        try:
            yield driver
        finally:
            driver.quit()


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
    """The front page and every page of the documentation its links reach."""
    index = (HTML / "index.html").as_uri()
    driver.get(index)
    hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    pages = [index]
    for href in hrefs:
        page = urldefrag(urljoin(index, href)).url
        if page.startswith(HTML.as_uri()) and page.endswith(".html") and page not in pages:
            pages.append(page)
    return pages


def test_every_page_opens_without_console_errors_and_shows_its_pictures(browser: Any) -> None:
    """Each page loads with no console error, and each SVG picture on it is loaded and visible."""
    pages = _pages(browser)
    assert len(pages) > 5
    problems = []
    pictures = 0
    for page in pages:
        browser.get(page)
        problems += [f"{page}: {message}" for message in _errors(browser)]
        sizes = browser.execute_script(
            "return Array.from(document.images).filter(i => i.src.endsWith('.svg')).map(i => "
            "[i.src, i.complete, i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width])"
        )
        for src, complete, natural_width, natural_height, shown_width in sizes:
            pictures += 1
            if not (complete and natural_width > 100 and natural_height > 100 and shown_width > 100):
                problems.append(f"{page}: {src} is {natural_width}x{natural_height}, shown {shown_width} px wide")
        name = page[len(HTML.as_uri()) + 1 :].replace("/", "_").removesuffix(".html")
        _screenshot(browser, f"{name}.png")
    assert problems == []
    assert pictures >= 1


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
