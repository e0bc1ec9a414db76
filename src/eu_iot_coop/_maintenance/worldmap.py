"""Write the world map's shapes (``_draw/world.json``) from Natural Earth's countries, as world-atlas ships them.

Run from a source checkout, given the folder of an unpacked ``world-atlas`` 2 package (the
``package`` folder of its npm tarball)::

    python -m eu_iot_coop._maintenance.worldmap PATH/TO/world-atlas/package

It reads ``countries-110m.json`` (and ``countries-50m.json`` for the countries of the data that the
1:110m file leaves out, small island and city states), decodes the TopoJSON (quantised,
delta-encoded arcs stitched into rings), projects every point with the Equal Earth projection,
rounds it to a tenth of a unit and writes each country as an SVG path, keyed by its ISO 3166-1
numeric code (the UN M49 code of a country). Antarctica is left out: no cooperation of the data
is there, and it would take a fifth of the picture. The countries' place records are matched to
codes here, once, by name (:data:`ALIASES` for the names Natural Earth writes otherwise), and the
table is written into the file, so that drawing a map never matches names. The file is read only
when a map is drawn; it is not data of the knowledge graph and takes no part in its fingerprint.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from eu_iot_coop._api import load
from eu_iot_coop._model import Place, PlaceType
from eu_iot_coop._query import Dataset
from eu_iot_coop._write import write_text

COMMAND: Final = "python -m eu_iot_coop._maintenance.worldmap"
#: Where the shapes go: beside the drawing code that reads them, outside ``data/`` (whose every JSON file is a
#: data file of the graph, read by the loader and hashed by the artefact's header).
ASSET: Final = Path(__file__).resolve().parent.parent / "_draw" / "world.json"
#: A country place's name as Natural Earth writes it, where the two differ.
ALIASES: Final[dict[str, str]] = {
    "Dominican Republic": "Dominican Rep.",
    "Korea": "South Korea",
    "Swaziland": "eSwatini",
    "United States": "United States of America",
}
#: Left out of the picture (ISO 3166-1 numeric): Antarctica.
LEFT_OUT: Final = frozenset({"010"})
#: The width of the projected world, in map units; heights follow from the projection.
WIDTH: Final = 1000.0
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_HALF_WIDTH: Final = 2 * math.sqrt(3) * math.pi / (3 * _A1)  # x at longitude 180 on the equator

Ring = list[tuple[float, float]]


class AtlasError(Exception):
    """The world-atlas files are not what this writer expects."""


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson and Jenny, 2018): an equal-area projection; x east, y north, |x| <= 2.7."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """The arcs of a quantised TopoJSON topology as longitude-latitude points (deltas summed, transform applied)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[Ring], indexes: Sequence[int]) -> Ring:
    """A closed ring from arc *indexes* (``~i`` is arc ``i`` reversed), each arc's first point shared with the last."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    """A Polygon or MultiPolygon geometry as polygons of rings (the outer ring first), cut at the antimeridian."""
    if geometry["type"] == "Polygon":
        shapes = [[ring(arcs, r) for r in geometry["arcs"]]]
    elif geometry["type"] == "MultiPolygon":
        shapes = [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    else:
        return []
    return [part for polygon in shapes for part in _cut(polygon)]


def _cut(polygon: list[Ring]) -> list[list[Ring]]:
    """*polygon* as it lies on each side of the antimeridian (Russia and Fiji cross it; d3 cuts them when drawing).

    A crossing ring is unwrapped (longitudes made continuous, beyond 180 where it crosses) and clipped
    to each 360-degree window; its holes, none in the crossing countries, are dropped with it.
    """
    outer = polygon[0]
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(outer)):
        return [polygon]
    unwrapped = [outer[0]]
    for lon, lat in outer[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    parts = []
    for shift in (-360, 0, 360):
        piece = _clip(_clip(unwrapped, -180 - shift, above=True), 180 - shift, above=False)
        if len(piece) >= 3:
            parts.append([[(lon + shift, lat) for lon, lat in piece]])
    return parts


def _clip(points: Ring, bound: float, *, above: bool) -> Ring:
    """Sutherland-Hodgman: the ring cut to longitudes at or *above* (else at or below) *bound*."""

    def inside(point: tuple[float, float]) -> bool:
        return point[0] >= bound if above else point[0] <= bound

    result: Ring = []
    for current, following in zip(points, [*points[1:], *points[:1]], strict=True):
        if inside(current):
            result.append(current)
        if inside(current) != inside(following):
            t = (bound - current[0]) / (following[0] - current[0])
            result.append((bound, current[1] + t * (following[1] - current[1])))
    return result


def _tenths(value: int) -> str:
    """A number of tenths as the shortest SVG number: ``123`` -> ``12.3``, ``-4`` -> ``-.4``, ``50`` -> ``5``."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _joined(numbers: Iterator[str]) -> str:
    """SVG numbers with a space only where the next does not begin with its own sign."""
    text = ""
    for number in numbers:
        text += number if not text or number.startswith("-") else " " + number
    return text


class Frame:
    """Projected points in map units: x right, y down, the world's left and top edges at 0."""

    def __init__(self, left: float, top: float) -> None:
        self.left, self.top = left, top
        self.scale = WIDTH / (2 * _HALF_WIDTH)

    def tenths(self, longitude: float, latitude: float) -> tuple[int, int]:
        x, y = equal_earth(longitude, latitude)
        return round((x * self.scale - self.left) * 10), round((self.top - y * self.scale) * 10)

    def path(self, shape: list[list[Ring]]) -> str:
        """The SVG path of polygons: an absolute move to each ring's start, relative lines, closed."""
        parts = []
        for polygon in shape:
            for points in polygon:
                projected = [self.tenths(lon, lat) for lon, lat in points]
                steps = [(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in itertools.pairwise(projected)]
                steps = [step for step in steps if step != (0, 0)]
                if len(steps) < 2:
                    continue
                (x, y) = projected[0]
                moves = _joined(_tenths(n) for step in steps[:-1] for n in step)
                parts.append(f"M{_joined(iter((_tenths(x), _tenths(y))))}l{moves}z")
        return "".join(parts)

    def box(self, shape: list[list[Ring]]) -> list[float]:
        """The bounding box (left, top, right, bottom) of the largest polygon: the country's main body, for zooming."""
        main = max(shape, key=lambda polygon: abs(_area([self.tenths(*p) for p in polygon[0]])))
        xs, ys = zip(*(self.tenths(*p) for p in main[0]), strict=True)
        return [min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10]

    def centre(self, shape: list[list[Ring]]) -> list[float]:
        """The centroid of the largest polygon's outer ring: where a country too small to see is drawn as a dot."""
        main = max(shape, key=lambda polygon: abs(_area([self.tenths(*p) for p in polygon[0]])))
        points = [self.tenths(*p) for p in main[0]]
        area = _area(points)
        if area == 0:
            xs, ys = zip(*points, strict=True)
            return [round(sum(xs) / len(xs)) / 10, round(sum(ys) / len(ys)) / 10]
        cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            cx, cy = cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
        return [round(cx / (6 * area)) / 10, round(cy / (6 * area)) / 10]


def _area(points: Sequence[tuple[int, int]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, [*points[1:], *points[:1]], strict=True)) / 2


def _features(topology: dict[str, Any]) -> list[tuple[str | None, str, list[list[Ring]]]]:
    arcs = decode_arcs(topology)
    try:
        geometries = topology["objects"]["countries"]["geometries"]
    except (KeyError, TypeError):
        raise AtlasError("no 'countries' object: is this a world-atlas countries file?") from None
    return [(g.get("id"), g["properties"]["name"], polygons(g, arcs)) for g in geometries]


def country_places(dataset: Dataset) -> list[Place]:
    """The places of the data that are countries, in record order."""
    return [p for p in dataset.entities(kind="place") if isinstance(p, Place) and p.place_type is PlaceType.COUNTRY]


def codes_by_name(dataset: Dataset, names: dict[str, str]) -> dict[str, str]:
    """Each country place's code, by place id: its name (or :data:`ALIASES` entry) looked up in *names*.

    A place whose data gives an M49 code must agree with Natural Earth's.
    """
    codes: dict[str, str] = {}
    missing = []
    for place in country_places(dataset):
        code = names.get(ALIASES.get(place.name, place.name))
        if code is None:
            missing.append(place.name)
            continue
        if place.m49 is not None and place.m49 != code:
            raise AtlasError(f"{place.id}: the data's M49 code {place.m49} is not Natural Earth's {code}")
        codes[place.id] = code
    if missing:
        raise AtlasError(f"no Natural Earth country named {missing}: add each to ALIASES")
    return codes


def build(folder: Path, dataset: Dataset) -> dict[str, Any]:
    """The asset's content from the world-atlas package in *folder* and the country places of *dataset*."""
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    coarse = _features(json.loads((folder / "countries-110m.json").read_text(encoding="utf-8")))
    fine = _features(json.loads((folder / "countries-50m.json").read_text(encoding="utf-8")))
    coarse = [f for f in coarse if f[0] not in LEFT_OUT]
    names = {name: code for code, name, _ in coarse if code}
    names.update({name: code for code, name, _ in fine if code and code not in names.values() and name not in names})
    places = codes_by_name(dataset, names)
    present = {code for code, _, _ in coarse}
    added = [f for f in fine if f[0] in set(places.values()) - present]
    points = [equal_earth(lon, lat) for _, _, shape in coarse for polygon in shape for lon, lat in polygon[0]]
    scale = WIDTH / (2 * _HALF_WIDTH)
    frame = Frame(-WIDTH / 2, max(y for _, y in points) * scale)
    height = (max(y for _, y in points) - min(y for _, y in points)) * scale
    countries: dict[str, dict[str, Any]] = {}
    unnumbered = []
    for code, name, shape in coarse:
        if code is None:
            unnumbered.append({"name": name, "d": frame.path(shape)})
        else:
            countries[code] = {"name": name, "box": frame.box(shape), "d": frame.path(shape)}
    for code, name, shape in added:
        assert code is not None
        countries[code] = {"name": name, "box": frame.box(shape), "dot": frame.centre(shape), "d": frame.path(shape)}
    finer = ", ".join(sorted(c["name"] for c in countries.values() if "dot" in c))
    return {
        "origin": (
            f"Natural Earth 1:110m Admin 0 countries (1:50m for {finer}), "
            f"as TopoJSON in the world-atlas package {package['version']}; Antarctica left out"
        ),
        "licence": f"Natural Earth: public domain; world-atlas: {package['license']}",
        "projection": (
            "Equal Earth (Savric, Patterson and Jenny, 2018), centred on longitude 0; "
            f"map units, x to the right, y down, the world {WIDTH:g} wide; points rounded to a tenth"
        ),
        "width": WIDTH,
        "height": round(height, 1),
        "places": dict(sorted(places.items())),
        "countries": dict(sorted(countries.items())),
        "unnumbered": sorted(unnumbered, key=lambda f: f["name"]),
    }


def text(content: dict[str, Any]) -> str:
    """The asset as written: one country per line, so that a change of shapes diffs by country."""
    lines = ["{"]
    for key, value in content.items():
        if key in ("countries", "places"):
            entries = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
            lines.append(f"  {json.dumps(key)}: {{\n" + ",\n".join(entries) + "\n  },")
        elif key == "unnumbered":
            entries = [f"    {json.dumps(v, ensure_ascii=False)}" for v in value]
            lines.append(f"  {json.dumps(key)}: [\n" + ",\n".join(entries) + "\n  ],")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines[-1] = lines[-1].removesuffix(",")
    return "\n".join([*lines, "}"]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the map's shapes from an unpacked world-atlas package."""
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write the world map's shapes into _draw/world.json.")
    parser.add_argument("folder", type=Path, metavar="PATH", help="the unpacked world-atlas 2 package")
    parser.add_argument("--output", type=Path, default=ASSET, help="where to write (default: the package's asset)")
    args = parser.parse_args(argv)
    try:
        content = build(args.folder, load())
    except (OSError, ValueError, KeyError, AtlasError) as error:
        print(f"{COMMAND}: {error}", file=sys.stderr)
        return 1
    write_text(args.output, text(content), package_data=True)
    print(f"wrote {args.output} ({len(content['countries'])} countries, {len(content['places'])} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
