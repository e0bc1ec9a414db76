"""The generated Markdown (catalogue, sources page) never lets an address or a title carry markup or a script."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset, Records
from eu_iot_coop._maintenance.catalogue import entity_page, render
from eu_iot_coop._maintenance.docgen import render_sources
from eu_iot_coop._present import markdown_autolink as autolink
from tests.sample_graph import ENTITIES, FIGURES, REDIRECTS, RELATIONS, SOURCES

SCRIPT_URL = "https://example.org/a><script>alert(1)</script><b"
SCRIPT_TITLE = "<script>alert(1)</script> & *bold*"


def _with_hostile_source() -> Dataset:
    first = SOURCES[0]
    sources = [attrs.evolve(first, url=SCRIPT_URL, title=SCRIPT_TITLE, publisher="<img src=x>"), *SOURCES[1:]]
    records = Records(sources=sources, entities=ENTITIES, relations=RELATIONS, figures=FIGURES, redirects=REDIRECTS)
    return Dataset(records, data_version="test.1")


def test_a_script_in_an_address_stays_inside_the_autolink() -> None:
    """The characters that would end the autolink are percent-encoded."""
    link = autolink(SCRIPT_URL)
    assert link == "<https://example.org/a%3E%3Cscript%3Ealert(1)%3C/script%3E%3Cb>"


def test_only_web_addresses_are_linked() -> None:
    """A ``javascript:`` address is shown as escaped text, never as a link."""
    assert autolink("javascript:alert('<x>')") == "javascript:alert('\\<x\\>')"


@given(st.text())
def test_an_autolink_is_one_unbroken_link(path: str) -> None:
    """Whatever follows ``https://``, the link opens once, closes once, and holds no space or control."""
    link = autolink("https://" + path)
    assert link.startswith("<https://")
    assert link.endswith(">")
    inside = link[1:-1]
    assert "<" not in inside
    assert ">" not in inside
    assert all(c.isprintable() and not c.isspace() for c in inside)


def test_catalogue_and_sources_page_carry_no_script() -> None:
    """A source whose address, title and publisher hold HTML appears in the pages only escaped."""
    dataset = _with_hostile_source()
    cited = next(e for e in ENTITIES if any(c.source == SOURCES[0].id for c in e.citations))
    pages = {"sources": render_sources(dataset), "entity": render(dataset)[entity_page(cited.id)]}
    for name, page in pages.items():
        # A Markdown-escaped "\\<script" shows the text; an unescaped "<script" would be HTML.
        assert re.search(r"(?<!\\)<(script|img)", page) is None, name
        assert "%3Cscript%3E" in page, name
        assert "\\<script\\>" in page, name


def test_the_rendered_pages_hold_no_script_element() -> None:
    """Rendered by a CommonMark parser, the pages have no script or img element."""
    markdown_it = pytest.importorskip("markdown_it")
    dataset = _with_hostile_source()
    rendered = markdown_it.MarkdownIt("commonmark").render(render_sources(dataset))
    assert "<script" not in rendered
    assert "<img" not in rendered
