"""The SVG pictures: well-formed, complete and the same on every run."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from eu_iot_coop import Dataset, Records
from eu_iot_coop._draw import overview_svg, timeline_svg
from eu_iot_coop._draw._layout import layout
from eu_iot_coop.exceptions import QueryError

from ..sample_graph import sample_dataset

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The hand-made sample dataset."""
    return sample_dataset()


def _classed(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [element for element in root.iter(f"{SVG}{tag}") if element.get("class") == cls]


def test_drawings_are_identical_across_runs(dataset: Dataset) -> None:
    """Drawing twice gives the same text: the layout is seeded."""
    assert overview_svg(dataset) == overview_svg(dataset)
    assert timeline_svg(dataset) == timeline_svg(dataset)


def test_seed_changes_the_layout(dataset: Dataset) -> None:
    """A different seed gives a different layout, so the seed is really what fixes it."""
    ids = [e.id for e in dataset.records.entities]
    edges = [(r.subject, r.object) for r in dataset.records.relations]
    assert layout(ids, edges, seed=1).positions != layout(ids, edges, seed=2).positions


def _items(root: ET.Element) -> dict[str, ET.Element]:
    return {row.get("data-key") or "": row for row in _classed(root, "g", "timeline-item")}


@pytest.mark.parametrize("lanes", ["region", "kind"])
def test_timeline_draws_each_row_once(dataset: Dataset, lanes: str) -> None:
    """The timeline has one item per timeline row but figures, the agreement once and not its party_to relations."""
    root = ET.fromstring(timeline_svg(dataset, lanes=lanes))  # type: ignore[arg-type]
    keys = [row.get("data-key") for row in _classed(root, "g", "timeline-item")]
    expected = [row.records[0] for row in dataset.timeline_rows() if row.row_type != "figure"]
    assert sorted(keys) == sorted(expected)
    assert len(keys) == len(set(keys))
    assert "aioti-itac-mou" in keys
    assert not any(key and "party_to" in key for key in keys)


def test_timeline_marks_inferred_dates_hollow_and_dashed(dataset: Dataset) -> None:
    """An inferred date is drawn hollow and dashed, a stated one filled; a span (a range of dates) is a bar."""
    items = _items(ET.fromstring(timeline_svg(dataset)))
    hollow, filled = items["aioti"].find(f"{SVG}circle"), items["itac"].find(f"{SVG}circle")
    assert hollow is not None
    assert filled is not None
    assert (hollow.get("fill"), hollow.get("stroke-dasharray")) == ("#ffffff", "3 2")
    assert filled.get("fill") != "#ffffff"
    assert filled.get("stroke-dasharray") is None
    bar = items["dg-connect"].find(f"{SVG}rect")
    assert bar is not None
    assert float(bar.get("width", "0")) > 2 * 4.5
    assert bar.get("fill") == "#ffffff"
    assert items["cebit-2017"].find(f"{SVG}rect") is not None


def test_timeline_tooltip_holds_the_whole_row(dataset: Dataset) -> None:
    """Each item's tooltip has the full text, the dates (a range whole), the parties and the record ids."""
    items = _items(ET.fromstring(timeline_svg(dataset)))
    dg = items["dg-connect"].findtext(f"{SVG}title") or ""
    assert dg.splitlines()[:2] == [
        "Directorate-General for Communications Networks, Content and Technology",
        "2012-01 to 2012-07 (inferred: renamed during 2012)",
    ]
    mou = items["aioti-itac-mou"].findtext(f"{SVG}title") or ""
    assert "Parties: Alliance for Internet of Things Innovation, IoT Acceleration Consortium" in mou
    assert "aioti:party_to:aioti-itac-mou" in mou


def test_timeline_labels_are_cut_at_word_boundaries(dataset: Dataset) -> None:
    """A label is made of whole words of the row's full text (or acronyms standing for long names), never a
    word cut in two."""
    root = ET.fromstring(timeline_svg(dataset))
    acronyms = {word for e in dataset.records.entities if e.acronym for word in e.acronym.split()}
    for key, item in _items(root).items():
        label = item.findtext(f"{SVG}text") or ""
        full = (item.findtext(f"{SVG}title") or "").splitlines()[0]
        words = set(full.split()) | {word.rstrip(",;:") for word in full.split()} | acronyms
        for part in label.split():
            assert part.rstrip("…") in words, (key, label)


def test_timeline_lanes_must_be_known(dataset: Dataset) -> None:
    """An unknown lanes= value is refused with a QueryError naming the choices."""
    with pytest.raises(QueryError, match="region, kind"):
        timeline_svg(dataset, lanes="colour")  # type: ignore[arg-type]


def test_empty_dataset_draws_without_error() -> None:
    """A dataset with nothing in it still gives well-formed pictures."""
    empty = Dataset(Records())
    assert ET.fromstring(overview_svg(empty)).tag == f"{SVG}svg"
    assert _classed(ET.fromstring(timeline_svg(empty)), "g", "timeline-item") == []
