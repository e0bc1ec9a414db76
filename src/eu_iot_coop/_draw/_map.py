"""The world map: each country of the data shaded by its number of cooperation records with the EU side.

What is counted (:func:`cooperation_records`, the one place that says it): for a country place,
the agreements, projects, events and programmes (dialogues are programmes and events) whose
partners are in the country, by the dataset's ``partner_region=`` filter (in the country, a city or
region within it, a party or participant based there, or cooperating with a place there), and
that have a relation with one of the EU's actors, directly or through one programme: the
region overview's rule (:func:`._overview.eu_actors`, :func:`._overview.linked_actors`), read
for one country instead of a partner region.

The EU's member states are the country places within the place ``european-union`` (the place
hierarchy: member states are ``part_of`` it in the data), outlined; a country whose every such
relation has ended (the United Kingdom, 1973 to 2020) is a former member: not outlined, and its
hover text says when it was one. Under ``as_of`` the dataset's own ``as_of`` decides what stands.

The shapes are Natural Earth's, projected once at build time into ``world.json`` beside this
module (``python -m eu_iot_coop._maintenance.worldmap``), which also holds each country place's
ISO 3166-1 numeric code. The file is read on the first map drawn, never on import or load. A
country place without a code (one an overlay adds) is counted but not shaded, and the picture's
note says how many were left out. :func:`map_geometry` places everything as a :class:`MapPicture`;
``_map_svg.write_map`` writes it.
"""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import json
from collections.abc import Mapping
from typing import Final

import attrs

from eu_iot_coop._model import BY_NAME, Entity, PartialDate, Place, PlaceType
from eu_iot_coop._present import period_text
from eu_iot_coop._query import EU_PLACE, Dataset

from ._labels import shorten, text_width
from ._overview import LINKING_KINDS, eu_actors, linked_actors

#: The file of shapes, a resource of this package.
ASSET: Final = "world.json"
#: The count bins of the colour scale (lowest, highest; ``None``: no upper bound) and their colours, light to dark.
BINS: Final[tuple[tuple[int, int | None], ...]] = ((0, 0), (1, 1), (2, 4), (5, 9), (10, 19), (20, None))
SHADES: Final[tuple[str, ...]] = ("#fff5eb", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")
#: A country that is not a place of the data.
LAND: Final = "#e2e2e2"
BORDER: Final = "#9a9a9a"
EU_OUTLINE: Final = "#003399"
#: The picture's width: a documentation page's column, as for the overview, so that its 13 px text is shown at
#: (nearly) its natural size; the map fills it less the margins, at the shapes' own proportions.
WIDTH: Final = 760.0
MARGIN: Final = 20.0
MAP_TOP: Final = 76.0
FONT_SIZE: Final = 13.0
#: The tallest a zoomed map's frame may be: as tall as it is wide.
TALLEST: Final = 1.0
#: How many records a country's hover text names before "and N more".
NAMED_RECORDS: Final = 12
TITLE: Final = "Cooperation with the EU side, by country"


@attrs.frozen
class Shape:
    """A country's shape from the asset: its code, Natural Earth's name, its SVG path in map units."""

    code: str
    name: str
    path: str
    box: tuple[float, float, float, float]
    dot: tuple[float, float] | None


@attrs.frozen
class World:
    """The shapes of ``world.json``, with where they come from and the country places' codes."""

    origin: str
    licence: str
    projection: str
    width: float
    height: float
    places: Mapping[str, str]
    shapes: Mapping[str, Shape]
    unnumbered: tuple[tuple[str, str], ...]


@functools.cache
def world() -> World:
    """The shapes, read from the package's resource on first use and kept."""
    raw = json.loads(importlib.resources.files(__package__).joinpath(ASSET).read_text(encoding="utf-8"))
    shapes = {
        code: Shape(code, c["name"], c["d"], tuple(c["box"]), tuple(c["dot"]) if "dot" in c else None)
        for code, c in raw["countries"].items()
    }
    return World(
        origin=raw["origin"],
        licence=raw["licence"],
        projection=raw["projection"],
        width=raw["width"],
        height=raw["height"],
        places=raw["places"],
        shapes=shapes,
        unnumbered=tuple((f["name"], f["d"]) for f in raw["unnumbered"]),
    )


def country_places(dataset: Dataset) -> list[Place]:
    """The places of the data that are countries, in record order."""
    return [p for p in dataset.entities(kind="place") if isinstance(p, Place) and p.place_type is PlaceType.COUNTRY]


def cooperation_records(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """The cooperation records with the EU side of each country place, by place id (the module's rule)."""
    actors = {entity.id for entity in eu_actors(dataset)}
    return {
        place.id: tuple(
            record.id
            for record in dataset.entities(kind=LINKING_KINDS, partner_region=place)
            if linked_actors(dataset, record, actors)
        )
        for place in country_places(dataset)
    }


@attrs.frozen
class Membership:
    """A country's membership of the EU as the data records it: standing or ended, and when."""

    current: bool
    period: str

    @property
    def text(self) -> str:
        when = f" ({self.period})" if self.period else ""
        return f"EU member state{when}" if self.current else f"former EU member state{when}"


def memberships(dataset: Dataset) -> dict[str, Membership]:
    """The EU membership of each country place within the EU, by place id (see the module's docstring)."""
    if EU_PLACE not in dataset:
        return {}
    within = {p.id for p in dataset.places_within(EU_PLACE)}
    result = {}
    for place in country_places(dataset):
        if place.id not in within:
            continue
        ties = [
            r
            for r in dataset.relations(subject=place, object=EU_PLACE)
            if r.predicate in BY_NAME and BY_NAME[r.predicate].nested
        ]
        current = not ties or any(r.end is None for r in ties)
        period = "; ".join(period_text(r.start, r.end, notes=False) for r in ties)
        result[place.id] = Membership(current, period)
    return result


def shade(count: int) -> str:
    """The colour of a country with *count* records."""
    for (low, high), colour in zip(BINS, SHADES, strict=True):
        if count >= low and (high is None or count <= high):
            return colour
    return SHADES[-1]


def bin_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}\N{EN DASH}{high}"


@attrs.frozen
class Country:
    """One country as drawn: its shape, fill, and for a country of the data its place, records and hover text."""

    shape: Shape
    fill: str
    tooltip: str
    place: str | None = None
    records: tuple[str, ...] = ()
    member: Membership | None = None

    @property
    def shaded(self) -> bool:
        return self.place is not None


@attrs.frozen
class Swatch:
    """A legend entry: a square at (x, y), filled or outlined, and its label."""

    x: float
    y: float
    fill: str
    stroke: str
    label: str


@attrs.frozen
class MapPicture:
    """A placed map: the picture's size, the map's box on it and the part of the world it shows, the countries
    (those of the data last, EU members last of all, so that their outlines lie on top), legend and notes."""

    width: float
    height: float
    subtitle: str
    box: tuple[float, float, float, float]
    view: tuple[float, float, float, float]
    unit: float
    countries: tuple[Country, ...]
    unnumbered: tuple[tuple[str, str], ...]
    legend_y: float
    swatches: tuple[Swatch, ...]
    notes: tuple[tuple[float, str], ...]
    data_version: str | None
    fingerprint: str
    left_out: tuple[str, ...]


def _record_line(entity: Entity) -> str:
    when = "" if entity.start is None else f", {entity.start.date}"
    return f"{shorten(entity.name, 70)} ({entity.kind.value}{when})"


def _tooltip(dataset: Dataset, place: Place, records: tuple[str, ...], member: Membership | None) -> str:
    count = len(records)
    lines = [f"{place.name}: {count} cooperation record{'' if count == 1 else 's'} with the EU side"]
    if member is not None:
        lines.append(member.text)
    # Latest first, undated last: what a reader most likely looks for.
    entities = sorted(
        (dataset.get(r) for r in records), key=lambda e: ("" if e.start is None else str(e.start.date), e.id)
    )[::-1]
    lines += [f"- {_record_line(e)}" for e in entities[:NAMED_RECORDS]]
    if count > NAMED_RECORDS:
        lines.append(f"and {count - NAMED_RECORDS} more")
    return "\n".join(lines)


def _view(shapes: list[Shape], whole: World, widest: float) -> tuple[float, float, float, float]:
    """The part of the world to show: the main bodies of *shapes* with a margin, as wide as the world's picture
    (*widest*, width over height) at most and as tall as it is wide at most, so that a tall region (Africa) is
    shown tall rather than with half the world beside it."""
    if not shapes:
        return (0.0, 0.0, whole.width, whole.height)
    left = min(s.box[0] for s in shapes)
    top = min(s.box[1] for s in shapes)
    right = max(s.box[2] for s in shapes)
    bottom = max(s.box[3] for s in shapes)
    pad = max(right - left, bottom - top, 40.0) * 0.12
    left, top, right, bottom = left - pad, top - pad, right + pad, bottom + pad
    width, height = right - left, bottom - top
    aspect = min(widest, max(width / height, TALLEST))
    if width / height < aspect:
        left -= (height * aspect - width) / 2
        width = height * aspect
    else:
        top -= (width / aspect - height) / 2
        height = width / aspect
    return (round(left, 1), round(top, 1), round(width, 1), round(height, 1))


def map_geometry(
    dataset: Dataset,
    *,
    region: str | Entity | None = None,
    as_of: str | PartialDate | datetime.date | None = None,
    width: float = WIDTH,
) -> MapPicture:
    """Place the map of *dataset* (at *as_of*, zoomed to *region*'s countries of the data) as a :class:`MapPicture`."""
    if as_of is not None:
        dataset = dataset.as_of(as_of)
    whole = world()
    counted = cooperation_records(dataset)
    members = memberships(dataset)
    places = {p.id: p for p in country_places(dataset)}
    # A country's own M49 code (cited in the data) first; the asset's match by name for those the data gives none.
    codes = {p: place.m49 or whole.places.get(p) for p, place in places.items()}
    by_code = {code: p for p, code in codes.items() if code is not None and code in whole.shapes}
    left_out = tuple(sorted(places[p].name for p, code in codes.items() if code is None or code not in whole.shapes))
    countries = []
    for code, shape in whole.shapes.items():
        place_id = by_code.get(code)
        if place_id is None:
            countries.append(Country(shape, LAND, shape.name))
            continue
        records = counted[place_id]
        member = members.get(place_id)
        tooltip = _tooltip(dataset, places[place_id], records, member)
        countries.append(Country(shape, shade(len(records)), tooltip, place_id, records, member))
    # Countries of the data over the rest, EU members over all: their outlines are never covered.
    countries.sort(key=lambda c: (c.shaded, c.member is not None and c.member.current, c.shape.code))
    box_width = width - 2 * MARGIN
    if region is None:
        subtitle = "Agreements, projects, events and programmes with the EU side, per country."
        view = _view([], whole, whole.width / whole.height)
    else:
        area = region if isinstance(region, Entity) else dataset.find(region)
        within = {p.id for p in dataset.places_within(area)}  # refuses what is not a place
        zoomed = [whole.shapes[c] for c, p in by_code.items() if p in within]
        view = _view(zoomed, whole, whole.width / whole.height)
        places_word = "country" if len(zoomed) == 1 else "countries"
        subtitle = f"{area.name}: the {len(zoomed)} {places_word} the data places there, zoomed in."
    # The frame has the view's proportions: the world's, or a zoomed region's (up to square).
    box_height = round(box_width * view[3] / view[2], 1)
    box = (MARGIN, MAP_TOP, box_width, box_height)
    legend_y = MAP_TOP + box_height + 26
    swatches, rows = _legend(legend_y, width)
    manifest = dataset.manifest()
    notes = []
    y = legend_y + rows * 22 + 8
    named = (
        f"all {len(by_code)} countries of the data are shaded"
        if not left_out
        else (
            f"{len(left_out)} of the data's {len(places)} countries "
            + (
                "has no shape here and is not shaded: "
                if len(left_out) == 1
                else "have no shape here and are not shaded: "
            )
            + ", ".join(left_out)
        )
    )
    notes.append((y, f"Open the picture and hover a country for its records; {named}."))
    y += 18
    version = manifest.data_version or "modified data"
    notes.append(
        (y, f"Data {version}, fingerprint {manifest.fingerprint[:12]}. Shapes: {whole.licence.split(';')[0]}.")
    )
    return MapPicture(
        width=width,
        height=y + 16,
        subtitle=subtitle,
        box=box,
        view=view,
        unit=view[2] / box_width,
        countries=tuple(countries),
        unnumbered=whole.unnumbered,
        legend_y=legend_y,
        swatches=swatches,
        notes=tuple(notes),
        data_version=manifest.data_version,
        fingerprint=manifest.fingerprint,
        left_out=left_out,
    )


def _legend(top: float, width: float) -> tuple[tuple[Swatch, ...], int]:
    """The legend's swatches, left to right, wrapping at *width*; and how many rows they take."""
    entries = [(colour, BORDER, bin_label(low, high)) for (low, high), colour in zip(BINS, SHADES, strict=True)]
    entries += [(LAND, BORDER, "not a country of the data"), ("none", EU_OUTLINE, "EU member state")]
    swatches = []
    start = MARGIN + text_width("Records: ", FONT_SIZE) + 4
    x, y, rows = start, top, 1
    for fill, stroke, label in entries:
        step = 14 + 6 + text_width(label, FONT_SIZE) + 18
        if x + step > width - MARGIN:
            x, y, rows = start, y + 22, rows + 1
        swatches.append(Swatch(round(x, 1), y, fill, stroke, label))
        x += step
    return tuple(swatches), rows
