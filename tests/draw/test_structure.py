"""How _draw is built: geometry (what is drawn, where) apart from SVG writing, primitives by public names."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

import eu_iot_coop
from eu_iot_coop import Dataset
from eu_iot_coop._draw import _focus, _overview, _timeline, focus_svg, overview_svg, timeline_svg
from eu_iot_coop._draw._focus_svg import write_focus
from eu_iot_coop._draw._labels import LABEL_LIMIT, short_label
from eu_iot_coop._draw._overview_svg import write_overview
from eu_iot_coop._draw._style import OTHER, predicate_group, relation_legend
from eu_iot_coop._draw._svg import stated
from eu_iot_coop._draw._timeline_svg import write_timeline

from ..sample_graph import sample_dataset

DRAW = Path(_focus.__file__).parent
SVG = "{http://www.w3.org/2000/svg}"
#: The modules that decide what is drawn and where; the ``*_svg`` modules and ``_svg`` write it.
GEOMETRY = ("_focus", "_overview", "_timeline", "_layout", "_labels", "_style")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The hand-made sample dataset."""
    return sample_dataset()


def _imports(module: str) -> list[tuple[str, str]]:
    """(module, name) for each ``from module import name`` and (module, "") for each ``import module``."""
    tree = ast.parse((DRAW / f"{module}.py").read_text(encoding="utf-8"))
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = "." * node.level + (node.module or "")
            found.extend((source, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, "") for alias in node.names)
    return found


def test_no_module_imports_another_modules_private_name() -> None:
    """The drawing modules share their primitives by public names: no ``from ._x import _private``."""
    modules = sorted(path.stem for path in DRAW.glob("*.py"))
    between = [(module, source, name) for module in modules for source, name in _imports(module) if source[:1] == "."]
    assert len(between) > 20
    assert [entry for entry in between if entry[2].startswith("_")] == []


@pytest.mark.parametrize("module", GEOMETRY)
def test_geometry_writes_no_svg(module: str) -> None:
    """A geometry module imports no XML library and no SVG writer: it returns positioned shapes only."""
    sources = {source for source, _ in _imports(module)}
    assert not any(source.startswith("xml") for source in sources)
    assert not any(source.startswith("._") and source.endswith("svg") for source in sources)


def _frozen(picture: object) -> None:
    assert attrs.has(type(picture))
    field = attrs.fields(type(picture))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(picture, field, None)


def test_a_focused_drawing_is_its_geometry_written(dataset: Dataset) -> None:
    """focus_svg is select, then focus_geometry (a frozen picture), then write_focus; the picture's entities and
    labels are where the SVG draws them."""
    entities, relations, centre = _focus.select(dataset, around="aioti", depth=2)
    picture = _focus.focus_geometry(entities, relations, centre, depth=2)
    _frozen(picture)
    assert write_focus(picture, stated(dataset)) == focus_svg(dataset, around="aioti", depth=2)
    root = ET.fromstring(write_focus(picture))
    circles = {g.get("data-id"): g.find(f"{SVG}circle") for g in root.iter(f"{SVG}g") if g.get("class") == "entity"}
    assert set(circles) == {node.entity.id for node in picture.nodes}
    for node in picture.nodes:
        circle = circles[node.entity.id]
        assert circle is not None
        assert (float(circle.get("cx", "nan")), float(circle.get("cy", "nan"))) == (node.x, node.y)
        labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "label" and t.text == node.label]
        assert bool(labels) is (node.spot is not None)
    assert [node.entity.id for node in picture.nodes if node.centre] == ["aioti"]


def test_the_overview_is_its_geometry_written() -> None:
    """overview_svg writes overview_geometry's frozen picture; each curve of the bundled data's overview runs
    from its actor's circle to its region's."""
    bundled = eu_iot_coop.load()
    picture = _overview.overview_geometry(bundled)
    _frozen(picture)
    assert write_overview(picture, stated(bundled)) == overview_svg(bundled)
    stations = {(station.side, station.id): station for station in picture.stations}
    assert picture.curves
    for curve in picture.curves:
        actor, partner = stations["actor", curve.link.actor], stations["partner", curve.link.partner]
        assert (curve.x1, curve.y1) == (actor.x + actor.radius, actor.y)
        assert (curve.x2, curve.y2) == (partner.x - partner.radius, partner.y)


@pytest.mark.parametrize("lanes", _timeline.LANES)
def test_the_timeline_is_its_geometry_written(dataset: Dataset, lanes: _timeline.Lanes) -> None:
    """timeline_svg writes timeline_geometry's frozen picture; each mark lies inside its lane's band, under the
    axis."""
    picture = _timeline.timeline_geometry(dataset, lanes=lanes)
    _frozen(picture)
    assert write_timeline(picture, stated(dataset)) == timeline_svg(dataset, lanes=lanes)
    assert picture.axis is not None
    assert picture.marks
    for mark in picture.marks:
        assert any(band.top < mark.y < band.top + band.height for band in picture.lanes), mark.label
        assert mark.y > picture.axis.y


def test_predicates_are_grouped_by_one_lookup() -> None:
    """A predicate's group comes from predicate_group; one in no group is drawn under 'other', listed last."""
    assert predicate_group("party_to").name == "agreements and cooperation"
    assert predicate_group("no_such_predicate") is OTHER
    legend = relation_legend(["no_such_predicate", "party_to", "located_in", "part_of"])
    assert [(group.name, names) for group, names in legend] == [
        ("structure", ("part_of",)),
        ("agreements and cooperation", ("party_to",)),
        ("places", ("located_in",)),
        ("other", ("no_such_predicate",)),
    ]


def test_places_are_context_in_a_neighbourhood_unless_asked_to_walk_through_them(bundled: Dataset) -> None:
    """Around ITAC, Japan is drawn, but what is merely located in Japan is not pulled in through it."""
    entities, relations, _ = _focus.select(bundled, around="itac", depth=2)
    through, _, _ = _focus.select(bundled, around="itac", depth=2, through_places=True)
    ids, through_ids = {e.id for e in entities}, {e.id for e in through}
    assert "japan" in ids
    assert ids < through_ids
    # Everything drawn is reached without stepping on from a place (other than the centre).
    places = {e.id for e in entities if e.kind is eu_iot_coop.Kind.PLACE}
    steps = {e.id: 0 for e in entities if e.id == "itac"}
    frontier = ["itac"]
    for depth in (1, 2):
        frontier = sorted(
            {
                other
                for node in frontier
                if node == "itac" or node not in places
                for r in relations
                for other in ((r.object,) if r.subject == node else (r.subject,) if r.object == node else ())
                if other not in steps
            }
        )
        steps.update(dict.fromkeys(frontier, depth))
    assert set(steps) == ids


def test_a_place_at_the_centre_is_walked_from(bundled: Dataset) -> None:
    """Around a place, its neighbours are drawn: the centre is never mere context."""
    entities, _, centre = _focus.select(bundled, around="japan", depth=1)
    assert centre == "japan"
    assert len(entities) > 10


def test_a_timeline_of_one_kind_holds_its_dated_entities_alone(bundled: Dataset) -> None:
    """kinds=["agreement"] keeps every dated agreement, one row each, and nothing else."""
    picture = _timeline.timeline_geometry(bundled, kinds=["agreement"])
    dated = [
        row for row in bundled.timeline_rows() if row.row_type == "entity" and row.kind is eu_iot_coop.Kind.AGREEMENT
    ]
    assert len(picture.marks) == len(dated)
    assert {mark.row.row_type for mark in picture.marks} == {"entity"}
    assert picture.title.startswith(f"Timeline: {len(dated)} dated agreements")
    assert (
        max(sum(1 for m in picture.marks if band.top <= m.y < band.top + band.height) for band in picture.lanes) <= 20
    )


def test_agreement_labels_tell_one_body_s_memoranda_apart(bundled: Dataset) -> None:
    """ITAC's memoranda read 'ITAC-OpenFog MoU, 2016' and the like: each label different, none cut short."""
    memoranda = [e for e in bundled.entities(kind="agreement", linked_to="itac") if e.name.startswith("ITAC-")]
    labels = [short_label(e) for e in memoranda]
    assert "ITAC-OpenFog MoU, 2016" in labels
    assert len(set(labels)) == len(labels) >= 4
    assert not any(label.endswith("…") for label in labels)
    assert all(len(short_label(e)) <= LABEL_LIMIT + 1 for e in bundled.entities(kind="agreement"))


@pytest.mark.parametrize("lanes", _timeline.LANES)
def test_no_timeline_lane_is_over_twenty_lines(bundled: Dataset, lanes: _timeline.Lanes) -> None:
    """The whole timeline's lanes are at most 20 lines tall (the catch-all "EU and worldwide" goes on in parts,
    each headed with its part and years); every row is still drawn once, inside its lane."""
    picture = _timeline.timeline_geometry(bundled, lanes=lanes)
    lines = {band.name: round((band.height - _timeline.LANE_HEADING - 4.0) / _timeline.LINE) for band in picture.lanes}
    assert max(lines.values()) <= 20
    assert len({band.name for band in picture.lanes}) == len(picture.lanes)
    rows = [row for row in bundled.timeline_rows() if row.row_type != "figure"]
    assert len(picture.marks) == len(rows)
    for mark in picture.marks:
        band = next(band for band in picture.lanes if band.top < mark.y < band.top + band.height)
        assert mark.y < band.top + _timeline.LANE_HEADING + 20 * _timeline.LINE, band.name
    if lanes == "region":
        assert any(name.startswith(f"{_timeline.NO_PARTNER} (2 of ") for name in lines)
