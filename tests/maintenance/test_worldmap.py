"""The world map's shapes writer: TopoJSON decoding, the antimeridian cut, the projection, the written text."""

from __future__ import annotations

import json
import math

import pytest

from eu_iot_coop import Dataset
from eu_iot_coop._maintenance.worldmap import (
    AtlasError,
    _cut,
    codes_by_name,
    decode_arcs,
    equal_earth,
    polygons,
    ring,
    text,
)


def test_arcs_are_delta_decoded_and_transformed() -> None:
    topology = {"transform": {"scale": [0.5, 2.0], "translate": [-10, 5]}, "arcs": [[[0, 0], [2, 1], [2, -1]]]}
    assert decode_arcs(topology) == [[(-10.0, 5.0), (-9.0, 7.0), (-8.0, 5.0)]]


def test_rings_follow_arcs_both_ways_and_share_their_ends() -> None:
    arcs = [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]]
    # Arc 0 forward, then arc 1 backwards (~1): each shared end once.
    assert ring(arcs, [0, ~1]) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    geometry = {"type": "MultiPolygon", "arcs": [[[0, ~1]], [[1, ~0]]]}
    assert len(polygons(geometry, arcs)) == 2


def test_a_ring_across_the_antimeridian_is_cut_in_two() -> None:
    crossing = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0), (170.0, 0.0)]
    parts = _cut([crossing])
    assert len(parts) == 2
    for part in parts:
        longitudes = [lon for lon, _ in part[0]]
        assert max(longitudes) - min(longitudes) <= 10.0 + 1e-9
    assert {round(min(lon for lon, _ in p[0])) for p in parts} == {-180, 170}
    assert _cut([[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]]) == [[[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]]]


def test_equal_earth() -> None:
    assert equal_earth(0, 0) == (0.0, 0.0)
    x, y = equal_earth(180, 0)
    assert x == pytest.approx(2.7066, abs=1e-4)
    assert y == 0.0
    assert equal_earth(0, 90)[1] == pytest.approx(1.3173, abs=1e-4)
    assert equal_earth(-30, -40) == pytest.approx(tuple(-v for v in equal_earth(30, 40)))
    assert not math.isnan(equal_earth(179.9, 89.9)[0])


def test_every_country_place_needs_a_name_natural_earth_knows(bundled: Dataset) -> None:
    with pytest.raises(AtlasError, match="add each to ALIASES"):
        codes_by_name(bundled, {"Japan": "392"})


def test_the_text_is_json_with_a_country_per_line() -> None:
    content = {
        "origin": "o",
        "width": 1000.0,
        "places": {"japan": "392"},
        "countries": {"392": {"name": "Japan", "d": "M1 2l3 4z"}, "410": {"name": "South Korea", "d": "M0 0z"}},
        "unnumbered": [{"name": "Kosovo", "d": "M0 0z"}],
    }
    written = text(content)
    assert json.loads(written) == content
    assert '    "410": {"name": "South Korea", "d": "M0 0z"}\n' in written
