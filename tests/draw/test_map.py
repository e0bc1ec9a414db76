"""The world map: its shapes and codes, what it counts, EU members, hover texts, provenance, zoom, bytes."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset
from eu_iot_coop._draw import map_svg
from eu_iot_coop._draw._map import NAMED_RECORDS, world
from eu_iot_coop._draw._overview import links
from eu_iot_coop._maintenance.worldmap import codes_by_name
from eu_iot_coop._model import Kind, Place, PlaceType
from eu_iot_coop._query import EU_PLACE, PARTNER_REGIONS
from eu_iot_coop.exceptions import QueryError

from ..conftest import OverlayWriter

SVG = "{http://www.w3.org/2000/svg}"
COOPERATION_KINDS = (Kind.AGREEMENT, Kind.PROJECT, Kind.EVENT, Kind.PROGRAMME)


@pytest.fixture(scope="module")
def drawn(bundled: Dataset) -> ET.Element:
    """The world map of the bundled data, parsed."""
    return ET.fromstring(map_svg(bundled))


def _countries(bundled: Dataset) -> list[Place]:
    return [p for p in bundled.entities(kind="place") if isinstance(p, Place) and p.place_type is PlaceType.COUNTRY]


def _shaded(root: ET.Element) -> dict[str, ET.Element]:
    """The shaded shapes (paths of the countries of the data), by place id."""
    return {e.get("data-place", ""): e for e in root.iter(f"{SVG}path") if e.get("data-place")}


def test_every_country_place_has_a_code_and_a_shape(bundled: Dataset) -> None:
    """Each country place of the bundled data is matched to an ISO 3166-1 numeric code that has a shape."""
    shapes = world()
    countries = _countries(bundled)
    assert len(countries) > 40
    missing = [p.id for p in countries if p.id not in shapes.places or shapes.places[p.id] not in shapes.shapes]
    assert missing == []
    # Where the data states an M49 code, the asset agrees with it.
    assert all(shapes.places[p.id] == p.m49 for p in countries if p.m49 is not None)
    assert shapes.places["korea"] == "410"
    assert shapes.shapes["410"].name == "South Korea"


def test_the_asset_matches_the_data_it_was_built_from(bundled: Dataset) -> None:
    """Matching the data's country places by name again, against the asset's own names, gives the asset's table:
    the shapes file is not stale for the bundled data."""
    shapes = world()
    names = {shape.name: code for code, shape in shapes.shapes.items()}
    assert codes_by_name(bundled, names) == dict(shapes.places)


def test_the_asset_says_where_it_comes_from_and_is_small() -> None:
    shapes = world()
    assert "Natural Earth" in shapes.origin
    assert "world-atlas" in shapes.origin
    assert "public domain" in shapes.licence
    assert "ISC" in shapes.licence
    assert "Equal Earth" in shapes.projection
    asset = Path(eu_iot_coop.__file__).parent / "_draw" / "world.json"
    assert asset.stat().st_size < 150_000
    assert "010" not in shapes.shapes  # Antarctica left out


def test_every_country_of_the_data_is_shaded(bundled: Dataset, drawn: ET.Element) -> None:
    """One shaded shape per country place; every other country is plain land."""
    shaded = _shaded(drawn)
    assert set(shaded) == {p.id for p in _countries(bundled)}
    land = [e for e in drawn.iter(f"{SVG}path") if e.get("class") == "country"]
    assert land
    assert all(e.get("fill") == "#e2e2e2" for e in land)
    assert all(e.get("fill") != "#e2e2e2" for e in shaded.values())


def test_counts_follow_the_rule(bundled: Dataset, drawn: ET.Element) -> None:
    """A country's records are the cooperation records whose partners are in it and that an EU actor is related
    to, directly or through a programme: computed here from the dataset's own queries."""
    eu_organisations = {e.id for e in bundled.entities(kind="organisation", side="eu")}
    abroad = {e.id for region in PARTNER_REGIONS for e in bundled.entities(kind="programme", partner_region=region)}
    backers = ("launched_by", "funded_by", "adopted_by")
    eu_actors = eu_organisations | {
        p.id
        for p in bundled.entities(kind="programme")
        if p.id not in abroad
        and all(
            n.entity.id in eu_organisations or n.entity.kind is not Kind.ORGANISATION
            for n in bundled.neighbours(p, predicate=backers)
        )
    }

    def eu_related(record_id: str) -> bool:
        for n in bundled.neighbours(record_id):
            if n.entity.id in eu_actors:
                return True
            if n.entity.kind is Kind.PROGRAMME and any(m.entity.id in eu_actors for m in bundled.neighbours(n.entity)):
                return True
        return False

    for place_id, element in _shaded(drawn).items():
        records = set(element.get("data-records", "").split())
        candidates = {e.id for e in bundled.entities(kind=COOPERATION_KINDS, partner_region=place_id)}
        assert records == {r for r in candidates if eu_related(r)}, place_id
        assert int(element.get("data-count", "-1")) == len(records)
    assert int(_shaded(drawn)["japan"].get("data-count", "0")) >= 20


def test_counts_agree_with_the_overview(bundled: Dataset, drawn: ET.Element) -> None:
    """For the partner regions that are countries, the map counts the records the overview's lines count."""
    shaded = _shaded(drawn)
    for partner in ("china", "japan", "korea", "india", "brazil"):
        overview = {r for link in links(bundled) if link.partner == partner for r in link.records}
        assert set(shaded[partner].get("data-records", "").split()) == overview, partner


def test_eu_members_are_outlined_and_a_former_member_is_not(bundled: Dataset, drawn: ET.Element) -> None:
    shaded = _shaded(drawn)
    within = {p.id for p in bundled.places_within(EU_PLACE)}
    members = {place for place, element in shaded.items() if element.get("data-eu") == "member"}
    assert members == {p.id for p in _countries(bundled) if p.id in within} - {"united-kingdom"}
    assert all(shaded[m].get("stroke") == "#003399" for m in members)
    uk = shaded["united-kingdom"]
    assert uk.get("data-eu") == "former"
    assert uk.get("stroke") is None
    assert "former EU member state (1973-01-01 to 2020-01-31)" in (uk.findtext(f"{SVG}title") or "")
    # Malta, too small to see, is also a dot, outlined as a member.
    dots = {e.get("data-place"): e for e in drawn.iter(f"{SVG}circle") if e.get("class") == "dot"}
    assert set(dots) == {"malta", "mauritius", "singapore"}
    assert dots["malta"].get("stroke") == "#003399"


def test_hover_texts_name_the_records(bundled: Dataset, drawn: ET.Element) -> None:
    for place_id, element in _shaded(drawn).items():
        title = element.findtext(f"{SVG}title") or ""
        records = element.get("data-records", "").split()
        assert title.startswith(f"{bundled.get(place_id).name}: {len(records)} cooperation record")
        lines = [line.removeprefix("- ") for line in title.splitlines() if line.startswith("- ")]
        assert len(lines) == min(len(records), NAMED_RECORDS), place_id
        names = [bundled.get(r).name for r in records]
        # Each line is one record's name (cut at a word if long), its kind and its date.
        assert all(any(line.startswith(name[:30]) for name in names) for line in lines), place_id
        if len(records) > NAMED_RECORDS:
            assert title.endswith(f"and {len(records) - NAMED_RECORDS} more")


def test_the_map_states_data_version_and_fingerprint(bundled: Dataset, drawn: ET.Element) -> None:
    assert drawn.get("data-data-version") == eu_iot_coop.DATA_VERSION
    assert drawn.get("data-fingerprint") == bundled.fingerprint
    assert bundled.fingerprint in (drawn.findtext(f"{SVG}metadata") or "")
    notes = " ".join(e.text or "" for e in drawn.iter(f"{SVG}text") if e.get("class") == "note")
    assert bundled.fingerprint[:12] in notes
    assert "all 51 countries of the data are shaded" in notes


def test_the_map_is_the_same_bytes_every_time(bundled: Dataset) -> None:
    first = map_svg(bundled, region="Asia")
    world.cache_clear()
    assert map_svg(bundled, region="Asia") == first


def test_a_region_zooms_to_its_countries(bundled: Dataset, drawn: ET.Element) -> None:
    """--region narrows the part of the world shown to the region's countries of the data, nothing else changes."""
    zoomed = ET.fromstring(map_svg(bundled, region="Asia"))
    whole = next(e for e in drawn.iter(f"{SVG}svg") if e.get("class") == "map").get("viewBox", "")
    view = next(e for e in zoomed.iter(f"{SVG}svg") if e.get("class") == "map").get("viewBox", "")
    left, top, width, height = map(float, view.split())
    assert float(whole.split()[2]) > 1.5 * width
    for place in ("china", "india", "japan", "korea", "singapore", "taiwan"):
        x0, y0, x1, y1 = world().shapes[world().places[place]].box
        assert left <= x0, place
        assert top <= y0, place
        assert x1 <= left + width, place
        assert y1 <= top + height, place
    assert {p: e.get("data-count") for p, e in _shaded(zoomed).items()} == {
        p: e.get("data-count") for p, e in _shaded(drawn).items()
    }
    with pytest.raises(QueryError, match="must be a place"):
        map_svg(bundled, region="aioti")


def test_as_of_draws_the_data_of_that_day(bundled: Dataset, drawn: ET.Element) -> None:
    earlier = _shaded(ET.fromstring(map_svg(bundled, as_of="2014")))
    now = _shaded(drawn)
    assert sum(int(e.get("data-count", "0")) for e in earlier.values()) < sum(
        int(e.get("data-count", "0")) for e in now.values()
    )


def _with_country(bundled: Dataset, write_overlay: OverlayWriter, **fields: str) -> Dataset:
    """The bundled data with one more country place, from an overlay, of these fields."""
    place = {
        "description": "A country added for this test.",
        "place_type": "country",
        "citations": [{"source": bundled.records.sources[0].id, "locator": "test record"}],
        **fields,
    }
    return eu_iot_coop.load(overlays=[write_overlay([place], kind="place")])


def _notes(root: ET.Element) -> str:
    return " ".join(e.text or "" for e in root.iter(f"{SVG}text") if e.get("class") == "note")


def test_a_country_without_a_shape_is_counted_out_loud(bundled: Dataset, write_overlay: OverlayWriter) -> None:
    """A country place an overlay adds has no code: not shaded, and the note under the map names it."""
    root = ET.fromstring(map_svg(_with_country(bundled, write_overlay, id="atlantis", name="Atlantis")))
    assert "atlantis" not in _shaded(root)
    assert "1 of the data's 52 countries has no shape here and is not shaded: Atlantis" in _notes(root)
    assert root.get("data-data-version") == "modified"


def test_a_country_is_shaded_by_its_own_m49_code(bundled: Dataset, write_overlay: OverlayWriter) -> None:
    """A country place an overlay adds with an M49 code is shaded by that code, without any match by name."""
    dataset = _with_country(bundled, write_overlay, id="made-up-name-for-iceland", name="Made-up name", m49="352")
    root = ET.fromstring(map_svg(dataset))
    assert "made-up-name-for-iceland" in _shaded(root)
    assert "all 52 countries of the data are shaded" in _notes(root)


def test_the_shapes_are_read_only_when_a_map_is_drawn(imported_after: dict[str, frozenset[str]]) -> None:
    """Importing the package and loading the data never read the shapes, nor import the map's module."""
    assert "eu_iot_coop._query" in imported_after["load and show"]
    assert not any(name.startswith("eu_iot_coop._draw") for name in imported_after["load and show"])
    script = (
        "import json, eu_iot_coop; eu_iot_coop.load()\n"
        "from eu_iot_coop._draw import overview_svg, map_svg\n"
        "from eu_iot_coop._draw._map import world\n"
        "overview_svg(eu_iot_coop.load())\n"
        "before = world.cache_info().currsize\n"
        "map_svg(eu_iot_coop.load())\n"
        "print(json.dumps([before, world.cache_info().currsize]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [0, 1]
