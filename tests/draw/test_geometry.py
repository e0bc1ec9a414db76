"""The drawings measured as a reader sees them: text size, label overlaps, arrowheads outside their nodes.

Text is measured by an estimate: a line of text is 0.6 x font size per character wide and one font
size high, its box placed by ``text-anchor``. Each drawing is checked at its natural size (the SVG's
own width and height, no scaling). Besides the named drawings, the depth-2 neighbourhoods of the
:data:`BUSIEST` entities with the most relations (chosen from the data) are checked, in the ``slow``
tier (the default tier checks ITAC's), and so are their catalogue pages' drawings, the busiest entity's in
the default tier.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

import pytest

import eu_iot_coop
from eu_iot_coop._draw import focus_svg, overview_svg, timeline_svg
from eu_iot_coop._maintenance.catalogue import drawing as catalogue_drawing

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


DRAWINGS = {
    "around ITAC, depth 2": lambda ds: focus_svg(ds, around="ITAC", depth=2),
    "region overview": overview_svg,
    "around AIOTI, with topics": lambda ds: focus_svg(ds, around="AIOTI", with_topics=True),
    "agreements and parties": lambda ds: focus_svg(ds, kind=["agreement", "organisation"], predicate="party_to"),
    "Japan in 2016": lambda ds: focus_svg(ds, region="Japan", as_of="2016"),
    "timeline by region": timeline_svg,
    "timeline by kind": lambda ds: timeline_svg(ds, lanes="kind"),
}


#: How many of the entities with the most relations have their depth-2 neighbourhood checked.
BUSIEST = 10
#: How many of them the default tier checks (the busiest first), by drawing; the rest are slow. The depth-2
#: neighbourhood of the busiest takes 7 s to draw, a tenth of the default tier: ITAC's stands for it there.
BUSIEST_IN_DEFAULT_TIER = {"busiest": 0, "catalogue": 1}
DRAWING_PARAMS = [
    *sorted(DRAWINGS),
    *(
        pytest.param(f"{drawn} {rank}", marks=() if rank <= BUSIEST_IN_DEFAULT_TIER[drawn] else pytest.mark.slow)
        for drawn in ("busiest", "catalogue")
        for rank in range(1, BUSIEST + 1)
    ),
]


def busiest(dataset: eu_iot_coop.Dataset, count: int = BUSIEST) -> list[str]:
    """The ids of the *count* entities with the most relations (either way), most first, ties by id."""
    relations: Counter[str] = Counter()
    for relation in dataset.records.relations:
        relations.update((relation.subject, relation.object))
    return sorted(relations, key=lambda entity: (-relations[entity], entity))[:count]


def _draw(name: str, dataset: eu_iot_coop.Dataset) -> str:
    """A named drawing; ``busiest N``: the depth-2 neighbourhood of the Nth busiest entity; ``catalogue N``: its
    catalogue page's drawing (its own relations, drawn for the documentation's column)."""
    drawn, _, rank = name.partition(" ")
    if drawn == "busiest":
        return focus_svg(dataset, around=busiest(dataset)[int(rank) - 1], depth=2)
    if drawn == "catalogue":
        return catalogue_drawing(dataset, dataset.get(busiest(dataset)[int(rank) - 1]))
    return DRAWINGS[name](dataset)


def _texts(root: ET.Element) -> Iterator[tuple[ET.Element, float]]:
    """Every text element with its font size, inherited from the nearest ancestor that sets one."""

    def walk(element: ET.Element, size: float) -> Iterator[tuple[ET.Element, float]]:
        size = float(element.get("font-size", size))
        if element.tag == f"{SVG}text":
            yield element, size
        for child in element:
            yield from walk(child, size)

    yield from walk(root, 16.0)


def _box(text: ET.Element, size: float) -> Box:
    width = 0.6 * size * len(text.text or "")
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    anchor = text.get("text-anchor", "start")
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (left, y - 0.8 * size, left + width, y + 0.2 * size)


def _circles(root: ET.Element) -> Iterator[ET.Element]:
    """The circles standing for records: entities of a network, dots of a timeline."""
    for group in root.iter(f"{SVG}g"):
        if group.get("class") in {"entity", "timeline-item"}:
            yield from group.iter(f"{SVG}circle")


def _bars(root: ET.Element) -> Iterator[Box]:
    """The bars of a timeline's spans, as boxes."""
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "timeline-item":
            for rect in group.iter(f"{SVG}rect"):
                x, y = float(rect.get("x", "0")), float(rect.get("y", "0"))
                yield (x, y, x + float(rect.get("width", "0")), y + float(rect.get("height", "0")))


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module", params=DRAWING_PARAMS)
def drawing(request: pytest.FixtureRequest, bundled: eu_iot_coop.Dataset) -> ET.Element:
    """One drawing of the bundled data, parsed."""
    return ET.fromstring(_draw(request.param, bundled))


def test_all_text_is_at_least_10_px(drawing: ET.Element) -> None:
    """No text is smaller than 10 px at the drawing's natural size."""
    sizes = [size for _, size in _texts(drawing)]
    assert sizes
    assert min(sizes) >= 10


def test_no_two_texts_overlap(drawing: ET.Element) -> None:
    """No two pieces of text (labels, legend, headings) share any space."""
    boxes = [(_box(text, size), text.text) for text, size in _texts(drawing)]
    clashes = [
        (a_text, b_text) for i, (a, a_text) in enumerate(boxes) for b, b_text in boxes[i + 1 :] if _overlap(a, b)
    ]
    assert clashes == []


def test_no_text_covers_an_entity(drawing: ET.Element) -> None:
    """No text box touches an entity's circle."""
    circles = [(float(c.get("cx", "0")), float(c.get("cy", "0")), float(c.get("r", "0"))) for c in _circles(drawing)]
    assert circles
    for text, size in _texts(drawing):
        box = _box(text, size)
        for cx, cy, r in circles:
            nearest = (min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3]))
            assert math.dist(nearest, (cx, cy)) >= r, (text.text, cx, cy)


def test_no_text_covers_a_bar(drawing: ET.Element) -> None:
    """No text box touches a timeline's bar."""
    bars = list(_bars(drawing))
    for text, size in _texts(drawing):
        box = _box(text, size)
        assert not any(_overlap(box, bar) for bar in bars), text.text


def test_everything_is_inside_the_picture(drawing: ET.Element) -> None:
    """Texts and circles lie within the SVG's width and height."""
    width, height = float(drawing.get("width", "0")), float(drawing.get("height", "0"))
    for text, size in _texts(drawing):
        box = _box(text, size)
        assert min(box[0], box[1]) >= 0, text.text
        assert box[2] <= width, text.text
        assert box[3] <= height, text.text
    for circle in _circles(drawing):
        assert 0 <= float(circle.get("cx", "-1")) <= width
        assert 0 <= float(circle.get("cy", "-1")) <= height
    for bar in _bars(drawing):
        assert 0 <= bar[0] <= bar[2] <= width
        assert 0 <= bar[1] <= bar[3] <= height


def test_arrowheads_end_outside_their_nodes(drawing: ET.Element) -> None:
    """Each arrow's tip lies outside its object's circle, and its tail outside its subject's."""
    nodes = {
        group.get("data-id"): group.find(f"{SVG}circle")
        for group in drawing.iter(f"{SVG}g")
        if group.get("class") == "entity"
    }
    arrows = [line for line in drawing.iter(f"{SVG}line") if line.get("marker-end")]
    for line in arrows:
        for end, key in (("2", "data-object"), ("1", "data-subject")):
            circle = nodes[line.get(key)]
            assert circle is not None
            tip = (float(line.get(f"x{end}", "0")), float(line.get(f"y{end}", "0")))
            centre = (float(circle.get("cx", "0")), float(circle.get("cy", "0")))
            assert math.dist(tip, centre) > float(circle.get("r", "0")) + 1, line.get("data-key")
        # The line is longer than its arrowhead, so the head is drawn whole.
        length = math.dist(
            (float(line.get("x1", "0")), float(line.get("y1", "0"))),
            (float(line.get("x2", "0")), float(line.get("y2", "0"))),
        )
        assert length > 10, line.get("data-key")


def test_the_itac_neighbourhood_draws_arrows(bundled: eu_iot_coop.Dataset) -> None:
    """The ITAC drawing has arrows, a legend, ITAC's label and no topic or document."""
    root = ET.fromstring(focus_svg(bundled, around="ITAC", depth=2))
    assert sum(1 for line in root.iter(f"{SVG}line") if line.get("marker-end")) > 20
    kinds = {g.get("data-kind") for g in root.iter(f"{SVG}g") if g.get("class") == "entity"}
    assert "topic" not in kinds
    assert "document" not in kinds
    assert any(g.get("class") == "legend" for g in root.iter(f"{SVG}g"))
    assert "ITAC" in {t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"}


def test_overview_counts_are_countable(bundled: eu_iot_coop.Dataset) -> None:
    """Each link's count equals the number of record ids it lists, and each id is a record in that region."""
    root = ET.fromstring(overview_svg(bundled))
    links = [path for path in root.iter(f"{SVG}path") if path.get("class") == "link"]
    assert links
    for link in links:
        ids = (link.get("data-records") or "").split()
        assert int(link.get("data-count", "0")) == len(ids)
        in_region = {e.id for e in bundled.entities(partner_region=link.get("data-partner") or "")}
        assert set(ids) <= in_region
        title = link.findtext(f"{SVG}title") or ""
        assert all(record in title for record in ids)
    partners = {link.get("data-partner") for link in links}
    assert {"china", "japan", "korea"} <= partners


@pytest.mark.parametrize("lanes", ["region", "kind"])
def test_timeline_reads(bundled: eu_iot_coop.Dataset, lanes: str) -> None:
    """The timeline writes each year once, has a legend for kinds, spans and inferred dates, and draws a date
    known only between two bounds (SMART-ACTION's page, 2012-09 to 2013-12) as a hollow bar of that length."""
    root = ET.fromstring(timeline_svg(bundled, lanes=lanes))  # type: ignore[arg-type]
    years = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "year"]
    assert len(years) == len(set(years)) > 5
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    legend_text = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    for words in ("agreement", "relation", "span", "inferred date", "inferred span"):
        assert words in legend_text
    item = next(g for g in root.iter(f"{SVG}g") if g.get("data-key") == "smart-action-international-cooperation-page")
    bar = item.find(f"{SVG}rect")
    assert bar is not None
    assert bar.get("fill") == "#ffffff"
    assert bar.get("stroke-dasharray")
    width = float(bar.get("width", "0"))
    per_year = [float(t.get("x", "0")) for t in root.iter(f"{SVG}text") if t.text in {"2012", "2013"}]
    assert len(per_year) == 2
    assert width == pytest.approx((per_year[1] - per_year[0]) * 16 / 12, rel=0.05)


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_drawings_are_byte_identical_across_runs(bundled: eu_iot_coop.Dataset, name: str) -> None:
    """Drawing twice gives the same bytes."""
    assert DRAWINGS[name](bundled) == DRAWINGS[name](bundled)


def test_the_busiest_entities_are_chosen_by_their_relations(bundled: eu_iot_coop.Dataset) -> None:
    """The busiest entities are distinct, in falling order of relations, and none outside them has more."""
    chosen = busiest(bundled)
    assert len(set(chosen)) == BUSIEST
    counts = [len(bundled.neighbours(entity)) for entity in chosen]
    assert counts == sorted(counts, reverse=True)
    assert all(len(bundled.neighbours(e.id)) <= counts[-1] for e in bundled.records.entities if e.id not in chosen)


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_every_drawing_states_the_data_it_was_drawn_from(bundled: eu_iot_coop.Dataset, name: str) -> None:
    """The data version and fingerprint, on the document and in its metadata, as the map and the exports state them."""
    root = ET.fromstring(DRAWINGS[name](bundled))
    assert root.get("data-data-version") == bundled.data_version
    assert root.get("data-fingerprint") == bundled.fingerprint
    metadata = root.find(f"{SVG}metadata")
    assert metadata is not None
    assert bundled.fingerprint in (metadata.text or "")
