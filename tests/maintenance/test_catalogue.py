"""The catalogue: a page per entity, relations on both ends with their citations, links that resolve."""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import PREDICATES, Dataset, Kind
from eu_iot_coop._draw import map_svg
from eu_iot_coop._maintenance.catalogue import (
    entity_page,
    kind_page,
    region_map,
    region_page,
    regions,
    render,
    write,
)
from eu_iot_coop._maintenance.docgen import SOURCES, render_sources
from eu_iot_coop._model import DESCRIPTION, KINDS
from eu_iot_coop._present import markdown_escape as escape
from eu_iot_coop.strategies import datasets
from tests.sample_graph import sample_dataset

INVERSE = {p.name: p.inverse for p in PREDICATES}
#: A Markdown link's target (the images' targets too): after a "](" whose "]" is not escaped text (an even
#: number of backslashes before it), as ``markdown_escape`` writes a "]" of the data.
_LINK = re.compile(r"(?<!\\)(?:\\\\)*\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def ds(bundled: Dataset) -> Dataset:
    """The bundled dataset (the session's shared one)."""
    return bundled


@pytest.fixture(scope="module")
def pages(ds: Dataset) -> dict[str, str]:
    """The catalogue of the bundled dataset, rendered once."""
    return render(ds)


def _broken_links(pages: dict[str, str], ds: Dataset) -> list[str]:
    """Every link of every page whose target is not a rendered file, or a source the sources page lacks."""
    anchors = set(re.findall(r"^\((.+)\)=$", render_sources(ds), flags=re.MULTILINE))
    broken = []
    for name, text in pages.items():
        if not name.endswith(".md"):
            continue
        for target in _LINK.findall(text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            # Resolve the link against the page's folder, as Sphinx does; docs/ is the catalogue's parent.
            resolved = PurePosixPath("catalogue", name).parent
            for part in PurePosixPath(path).parts:
                resolved = resolved.parent if part == ".." else resolved / part
            inside = resolved.relative_to("catalogue").as_posix() if resolved.is_relative_to("catalogue") else None
            if resolved.as_posix() == SOURCES:
                if anchor not in anchors:
                    broken.append(f"{name}: {target}")
            elif inside not in pages:
                broken.append(f"{name}: {target}")
    return broken


def test_every_entity_has_a_page_and_a_drawing(ds: Dataset, pages: dict[str, str]) -> None:
    """Each entity of the bundled data has its page, headed by its name, and its drawing."""
    for entity in ds.records.entities:
        page = pages[entity_page(entity.id)]
        assert f"# {escape(entity.name)}" in page
        assert escape(entity.description) in page
        assert pages[f"entities/{entity.id}.svg"].startswith("<?xml")
        assert f"]({entity.id}.svg)" in page or f"](./{entity.id}.svg)" in page


def test_every_relation_is_on_both_ends_pages_with_its_citations(ds: Dataset, pages: dict[str, str]) -> None:
    """A relation is a row on its subject's page (forward name) and its object's page (inverse name).

    The row links to the other end's page and carries every locator and a link to every cited source.
    """
    for relation in ds.records.relations:
        ends = (
            (relation.subject, relation.predicate, relation.object),
            (relation.object, INVERSE[relation.predicate], relation.subject),
        )
        for here, predicate, other in ends:
            rows = [
                line
                for line in pages[entity_page(here)].splitlines()
                if line.startswith(f"| {escape(predicate.replace('_', ' '))} | ") and f"/{other}.md)" in line
            ]
            assert rows, f"{relation} is missing from {here}'s page"
            assert any(
                all(escape(c.locator) in row and f"#{c.source})" in row for c in relation.citations) for row in rows
            ), f"{relation}'s citations are missing from {here}'s page"


def test_every_link_resolves(ds: Dataset, pages: dict[str, str]) -> None:
    """Each link goes to a rendered page or drawing, or to a source's entry on the sources page."""
    assert _broken_links(pages, ds) == []


def test_kind_pages_list_every_entity_of_their_kind(ds: Dataset, pages: dict[str, str]) -> None:
    """A kind's page links to each entity of that kind and to no other entity."""
    for kind in Kind:
        linked = set(re.findall(r"\(\.\./entities/([^)]+)\.md\)", pages[kind_page(kind)]))
        assert linked == {e.id for e in ds.entities(kind=kind)}


def test_kind_pages_say_what_each_field_means(pages: dict[str, str]) -> None:
    """A kind's page titles it by its plural and lists each field of its class with the field's own description."""
    for kind, entry in KINDS.items():
        page = pages[kind_page(kind)]
        assert page.startswith(f"# {entry.plural.capitalize()}\n")
        for field in attrs.fields(entry.cls):
            assert f"| `{field.name}` | {escape(field.metadata[DESCRIPTION])} |" in page


def test_region_pages_list_the_region_as_the_region_filters_define_it(ds: Dataset, pages: dict[str, str]) -> None:
    """A region's page links to every place within it and every entity in it, then, apart, to what cooperates with
    it, and to nothing else; its coverage statements follow."""
    found = regions(ds)
    assert {"asia", "europe", "world"} <= {r.id for r in found}
    for region in found:
        page = pages[region_page(region.id)]
        located_part, cooperating_part = page.split("## Cooperating with the region")
        located = set(re.findall(r"\(\.\./entities/([^)]+)\.md\)", located_part))
        cooperating = set(re.findall(r"\(\.\./entities/([^)]+)\.md\)", cooperating_part))
        assert located == {e.id for e in ds.entities(region=region)}
        assert cooperating == {e.id for e in ds.entities(cooperating_with=region)} - located
        assert {p.id for p in ds.places_within(region)} <= located
        assert "## Coverage" in cooperating_part
    assert "ierc" in set(
        re.findall(r"\(\.\./entities/([^)]+)\.md\)", pages[region_page("asia")].split("## Cooperating")[1])
    )


def test_asia_holds_japan_and_its_cities(pages: dict[str, str], ds: Dataset) -> None:
    """The place hierarchy of the data nests Japan under Eastern Asia under Asia, and Tokyo under Japan."""
    asia = pages[region_page("asia")]
    lines = asia.splitlines()
    japan = next(i for i, line in enumerate(lines) if "/japan.md)" in line)
    tokyo = next(i for i, line in enumerate(lines) if "/tokyo.md)" in line)
    eastern = next(i for i, line in enumerate(lines) if "/eastern-asia.md)" in line)
    indent = [len(lines[i]) - len(lines[i].lstrip()) for i in (eastern, japan, tokyo)]
    assert indent == sorted(indent)
    assert len(set(indent)) == 3


def test_region_pages_show_the_world_map_zoomed_to_the_region(pages: dict[str, str], ds: Dataset) -> None:
    """Each region page embeds its map: map_svg zoomed to the region, as draw --map --region draws it."""
    for region in regions(ds):
        assert f"](./{region.id}.svg)" in pages[region_page(region.id)]
        assert pages[region_map(region.id)] == map_svg(ds, region=region)


def test_index_links_every_kind_and_region_page(ds: Dataset, pages: dict[str, str]) -> None:
    """The catalogue's index links to each kind page and each region page, and lists them in its toctree."""
    index = pages["index.md"]
    for page in [kind_page(k) for k in Kind] + [region_page(r.id) for r in regions(ds)]:
        assert f"]({page})" in index
        assert f"\n{page.removesuffix('.md')}\n" in index


def test_no_description_is_copied_beyond_its_own_page(ds: Dataset, pages: dict[str, str]) -> None:
    """An entity's or source's description appears only on pages whose own description holds it."""
    descriptions = {e.id: escape(e.description) for e in ds.records.entities}
    descriptions |= {s.id: escape(s.description) for s in ds.records.sources if s.description}
    for name, text in pages.items():
        if name.endswith(".md"):
            owner = PurePosixPath(name).stem if name.startswith("entities/") else None
            own = descriptions.get(owner or "")
            copied = [i for i, d in descriptions.items() if d not in (own or "") and len(d) > 40 and d in text]
            assert copied == [], f"{name} repeats the descriptions of {copied}"


def test_awkward_text_is_escaped() -> None:
    """Markdown markup in names and descriptions is shown literally, never interpreted."""
    assert escape("a*b_c [d](e) <f> `g` h\nnext") == "a\\*b\\_c \\[d\\](e) \\<f\\> \\`g\\` h next"
    pages = render(sample_dataset())
    assert _broken_links(pages, sample_dataset()) == []


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
        | st.sampled_from("-+%(:1.) \\`*_[]<>{}|#~!&$")
    )
)
def test_escaped_text_renders_as_itself(text: str) -> None:
    """Any text, escaped, renders as exactly that text (whitespace folded), in a paragraph of its own."""
    markdown_it = pytest.importorskip("markdown_it")
    folded = " ".join(text.split())
    rendered = markdown_it.MarkdownIt("commonmark").render(escape(text)).strip()
    if folded:
        assert rendered.startswith("<p>")
        assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>")) == folded


@given(datasets())
def test_any_dataset_gets_a_page_per_entity_and_links_that_resolve(dataset: Dataset) -> None:
    """For generated datasets too: a page per entity, each relation on both ends, no broken link."""
    pages = render(dataset)
    assert {entity_page(e.id) for e in dataset.records.entities} <= set(pages)
    for relation in dataset.records.relations:
        assert f"/{relation.object}.md)" in pages[entity_page(relation.subject)]
        assert f"/{relation.subject}.md)" in pages[entity_page(relation.object)]
    assert _broken_links(pages, dataset) == []


def test_write_rewrites_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    """A second write changes nothing; an edited page is rewritten and a stray page removed."""
    ds = sample_dataset()
    folder = tmp_path / "catalogue"
    assert len(write(folder, ds)) == len(render(ds))
    assert write(folder, ds) == []
    page = folder / entity_page(ds.records.entities[0].id)
    page.write_text("edited", encoding="utf-8")
    stray = folder / "entities" / "retired-entity.md"
    stray.write_text("old", encoding="utf-8")
    assert sorted(write(folder, ds)) == sorted([page, stray])
    assert not stray.exists()


def test_an_entity_page_shows_the_values_sources_disagree_on(ds: Dataset, pages: dict[str, str]) -> None:
    """Each variant of an entity or of its figures is on the entity's page: its note and its citations."""
    subjects = {figure.id: figure.subject for figure in ds.records.figures}
    entity_ids = {entity.id for entity in ds.entities()}
    shown = 0
    for variant in ds.records.variants:
        entity_id = subjects.get(variant.record, variant.record)
        if entity_id not in entity_ids:
            continue  # a source's variant has no entity page
        page = pages[entity_page(entity_id)]
        section = page[page.index("## Sources disagree") : page.index("## Neighbourhood")]
        rows = section.splitlines()[4:]  # under the heading, a blank line, the header and its rule
        assert any(
            escape(variant.note) in row
            and all(f"#{c.source})" in row and escape(c.locator) in row for c in variant.citations)
            for row in rows
        ), (variant, section)
        shown += 1
    assert shown


def test_entity_pages_show_names_with_their_tags_and_linked_identifiers(ds: Dataset, pages: dict[str, str]) -> None:
    """Each name in another language shows with its tag and its citations; an identifier links its registry."""
    aii = pages[entity_page("aii")]
    assert "工业互联网产业联盟 `zh-Hans`" in aii
    assert "工業互聯網產業聯盟 `zh-Hant`" in aii
    (row,) = [line for line in aii.splitlines() if line.startswith("| `names_in_languages`")]
    assert "sources.md#source-slrb-aii-143) title and paragraph 1" in row
    paper = pages[entity_page("hindawi-waziup-testbeds-2018")]
    (row,) = [line for line in paper.splitlines() if line.startswith("| `identifiers`")]
    assert row.startswith(f"| `identifiers` | `doi` {escape('10.1155/2018/1028578')} ")
    assert "(<https://doi.org/10.1155/2018/1028578>)" in row


def test_each_drawing_counts_what_its_page_lists(ds: Dataset, pages: dict[str, str]) -> None:
    """Every entity page's drawing has one arrow per relation of its table (the same relations, by key), and
    the page says how many it shows: the number its table's sentence gives."""
    arrows = re.compile(r'<line [^>]*data-key="([^"]+)"')
    for entity in ds.records.entities:
        page = pages[entity_page(entity.id)]
        drawn = arrows.findall(pages[f"entities/{entity.id}.svg"])
        listed = [related.relation.key for related in ds.view(entity.id).relations]
        assert sorted(html.unescape(key) for key in drawn) == sorted(listed), entity.id
        if len(listed) > 1:
            assert f"The drawing shows each of its {len(listed)} relations" in page, entity.id
            assert f"{len(listed)} in all." in page, entity.id
