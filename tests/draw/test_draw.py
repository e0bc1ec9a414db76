"""The SVG pictures: well-formed, complete and the same on every run."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from eu_iot_coop import Dataset, Records
from eu_iot_coop._draw._svg import KIND_COLOURS, layout, network_svg, timeline_items, timeline_svg

from ..sample_graph import sample_dataset

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The hand-made sample dataset."""
    return sample_dataset()


def _classed(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [element for element in root.iter(f"{SVG}{tag}") if element.get("class") == cls]


def test_network_has_one_node_per_entity_and_one_label_per_relation(dataset: Dataset) -> None:
    """The network drawing parses as XML and draws every entity and labels every relation."""
    root = ET.fromstring(network_svg(dataset))
    assert root.tag == f"{SVG}svg"
    nodes = _classed(root, "g", "entity")
    assert sorted(node.get("data-id") or "" for node in nodes) == sorted(e.id for e in dataset.records.entities)
    labels = _classed(root, "text", "relation-label")
    assert sorted(label.text or "" for label in labels) == sorted(r.predicate for r in dataset.records.relations)
    lines = [line for line in root.iter(f"{SVG}line") if line.get("data-key")]
    assert sorted(line.get("data-key") or "" for line in lines) == sorted(r.key for r in dataset.records.relations)


def test_network_colours_entities_by_kind_with_a_legend(dataset: Dataset) -> None:
    """Each entity's dot has its kind's colour, and the legend names every kind drawn."""
    root = ET.fromstring(network_svg(dataset))
    for node in _classed(root, "g", "entity"):
        kind = node.get("data-kind")
        circle = node.find(f"{SVG}circle")
        assert circle is not None
        assert circle.get("fill") == KIND_COLOURS[next(k for k in KIND_COLOURS if k.value == kind)]
    legend = _classed(root, "g", "legend")[0]
    assert {text.text for text in legend.iter(f"{SVG}text")} == {e.kind.value for e in dataset.records.entities}


def test_network_stays_inside_the_picture(dataset: Dataset) -> None:
    """Every entity is placed within the drawing's width and height."""
    root = ET.fromstring(network_svg(dataset, width=800, height=600))
    for node in _classed(root, "g", "entity"):
        circle = node.find(f"{SVG}circle")
        assert circle is not None
        assert 0 <= float(circle.get("cx", "-1")) <= 800
        assert 0 <= float(circle.get("cy", "-1")) <= 600


def test_drawings_are_identical_across_runs(dataset: Dataset) -> None:
    """Drawing twice gives the same text: the layout is seeded."""
    assert network_svg(dataset) == network_svg(dataset)
    assert timeline_svg(dataset) == timeline_svg(dataset)


def test_seed_changes_the_layout(dataset: Dataset) -> None:
    """A different seed gives a different layout, so the seed is really what fixes it."""
    ids = [e.id for e in dataset.records.entities]
    edges = [(r.subject, r.object) for r in dataset.records.relations]
    assert layout(ids, edges, seed=1).positions != layout(ids, edges, seed=2).positions


def test_timeline_draws_every_dated_entity_and_relation(dataset: Dataset) -> None:
    """The timeline has one row per dated entity and dated relation, earliest first."""
    root = ET.fromstring(timeline_svg(dataset))
    rows = _classed(root, "g", "timeline-item")
    dated_entities = [e.id for e in dataset.records.entities if e.start is not None]
    dated_relations = [r.key for r in dataset.records.relations if r.start is not None]
    assert sorted(row.get("data-key") or "" for row in rows) == sorted(dated_entities + dated_relations)
    starts = [item.start for item in timeline_items(dataset)]
    assert starts == sorted(starts)


def test_timeline_marks_inferred_dates_hollow(dataset: Dataset) -> None:
    """An inferred start date is drawn as a hollow dot, a stated one filled."""
    root = ET.fromstring(timeline_svg(dataset))
    dots = {row.get("data-key"): row.find(f"{SVG}circle") for row in _classed(root, "g", "timeline-item")}
    hollow = dots["aioti"]
    filled = dots["itac"]
    assert hollow is not None
    assert filled is not None
    assert hollow.get("fill") == "#ffffff"
    assert filled.get("fill") != "#ffffff"


def test_timeline_tooltip_shows_a_date_range_whole(dataset: Dataset) -> None:
    """A start known only as a range shows both its ends in the dot's tooltip; a plain one shows just the date."""
    root = ET.fromstring(timeline_svg(dataset))
    titles = {
        row.get("data-key"): row.findtext(f"{SVG}circle/{SVG}title") for row in _classed(root, "g", "timeline-item")
    }
    assert titles["dg-connect"] == "DG CNECT (organisation): 2012-01 to 2012-07"
    assert titles["itac"] == "ITAC (organisation): 2015-10"


def test_empty_dataset_draws_without_error() -> None:
    """A dataset with nothing in it still gives well-formed pictures."""
    empty = Dataset(Records())
    assert _classed(ET.fromstring(network_svg(empty)), "g", "entity") == []
    assert _classed(ET.fromstring(timeline_svg(empty)), "g", "timeline-item") == []
