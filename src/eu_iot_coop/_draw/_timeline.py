"""The timeline picture: the rows of :meth:`Dataset.timeline_rows`, in lanes by partner region or by kind.

Each row is a dot at its date, or a bar where it covers a span (a period, or a
date known only to lie between two bounds); hollow and dashed where a date is
inferred. Rows are packed into the fewest lines of their lane such that no
label touches another label or marker: the greedy interval packing of a row's
extent (its marker and its label), earliest first. A lane is at most :data:`MAX_LINES`
lines tall: a busier one (the catch-all "EU and worldwide") is cut into parts in date
order, each under a heading naming its part and years. Labels are cut at a word
boundary, and the whole text, dates, parties and record ids are in each row's
``<title>`` tooltip. Figures are left out: they are values, not events, and the
``timeline`` command lists them. :func:`timeline_geometry` places the rows, lanes, axis and
legend (a :class:`TimelinePicture`); ``_timeline_svg.write_timeline`` writes the SVG.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from typing import Final, Literal

import attrs

from eu_iot_coop._model import KINDS, Entity, Kind
from eu_iot_coop._present import period_text
from eu_iot_coop._query import Dataset, TimelineRow
from eu_iot_coop.exceptions import QueryError

from ._labels import short_label, shorten, text_width
from ._overview import PARTNERS
from ._style import RELATION_COLOUR, kind_colour

Lanes = Literal["region", "kind"]
#: The ways :func:`timeline_svg` can split the rows into lanes.
LANES: Final[tuple[Lanes, ...]] = ("region", "kind")

FONT_SIZE: Final = 11.0
LINE: Final = 18.0
LABEL_CHARACTERS: Final = 36
DOT_RADIUS: Final = 4.5
BAR_HEIGHT: Final = 8.0
#: Space kept free between one row's label and the next row's marker on the same line.
GAP: Final = 10.0
#: How wide the zone of sparse early years is, and the gap between years with rows that starts it.
EARLY_WIDTH: Final = 64.0
MAX_YEAR_GAP: Final = 2
EARLY_SHARE: Final = 0.1
SEVERAL: Final = "Several partner regions"
NO_PARTNER: Final = "EU and worldwide"
RELATIONS: Final = "relation"
#: The most lines a lane holds: a fuller lane goes on in a part of its own, headed with its years.
MAX_LINES: Final = 20


#: Where the picture's content starts and ends, left and right of its width.
MARGIN: Final = 24.0
LANE_HEADING: Final = 26.0
LEGEND_SIZE: Final = 12.0
#: The shapes of the legend: their text, and whether each is a span (a bar) and inferred (hollow, dashed).
SHAPES: Final = (
    ("a date", False, False),
    ("a span: a period, or a date known between two bounds", True, False),
    ("inferred date", False, True),
    ("inferred span", True, True),
)


@attrs.frozen
class Packed:
    """A row given its lane and line within the lane, its marker from ``x`` to ``end_x``, and its label."""

    row: TimelineRow
    lane: str
    part: int
    line: int
    x: float
    end_x: float
    label: str
    label_x: float
    anchor: str


@attrs.frozen
class Mark:
    """A row as drawn: its marker (a dot at ``x``, or a bar to ``end_x``) on the line at ``y``, and its label."""

    row: TimelineRow
    x: float
    end_x: float
    y: float
    label: str
    label_x: float
    anchor: str

    @property
    def colour(self) -> str:
        return _colour(self.row)

    @property
    def tooltip(self) -> str:
        return _tooltip(self.row)


@attrs.frozen
class LaneBand:
    """A lane: its name, its top, how tall it is, and whether it is shaded."""

    name: str
    top: float
    height: float
    shaded: bool


@attrs.frozen
class Tick:
    """A year's line across the lanes, and its number where one is written."""

    x: float
    year: str | None


@attrs.frozen
class Axis:
    """The years: their line (``y``), where the lines stop, the first year and axis break of sparse early years."""

    y: float
    bottom: float
    ticks: tuple[Tick, ...]
    first_year: str | None
    break_x: float | None


@attrs.frozen
class LegendItem:
    """An entry of the legend: a heading, a kind's colour or a shape, and where its marker starts."""

    role: Literal["heading", "colour", "shape"]
    x: float
    y: float
    text: str
    colour: str = ""
    ranged: bool = False
    inferred: bool = False

    @property
    def text_x(self) -> float:
        """Where the text starts: after the marker, if there is one."""
        if self.role == "heading":
            return self.x
        return self.x + (14.0 if self.role == "colour" else _marker_width(self.ranged))


@attrs.frozen
class TimelinePicture:
    """The timeline, placed. With no rows, only its heading and a sentence saying so."""

    width: float
    height: float
    title: str
    legend: tuple[LegendItem, ...]
    axis: Axis | None
    lanes: tuple[LaneBand, ...]
    marks: tuple[Mark, ...]


@attrs.frozen
class Scale:
    """Dates to x: the sparse years before ``cut`` squeezed into ``early`` pixels, the dense ones sharing the rest."""

    left: float
    right: float
    first_year: int
    last_year: int
    cut: int
    early: float

    @property
    def span(self) -> int:
        return self.last_year - self.cut

    @property
    def per_year(self) -> float:
        return (self.right - self.left - self.early) / self.span

    def x(self, day: datetime.date) -> float:
        moment = _fraction(day)
        if moment < self.cut:
            return self.left + (moment - self.first_year) / (self.cut - self.first_year) * self.early
        return self.left + self.early + (moment - self.cut) / self.span * (self.right - self.left - self.early)


def _colour(row: TimelineRow) -> str:
    return RELATION_COLOUR if row.kind is None else kind_colour(row.kind)


def _region_lanes(dataset: Dataset, rows: list[TimelineRow]) -> tuple[list[str], dict[int, str]]:
    members = {
        partner: {entity.id for entity in dataset.entities(partner_region=partner)}
        for partner in PARTNERS
        if partner in dataset
    }
    names = {partner: dataset.get(partner).name for partner in members}
    lane_of: dict[int, str] = {}
    for index, row in enumerate(rows):
        # The row's own entity decides, or a relation's object: the Commission cooperates with Brazil,
        # which puts it in Brazil's lane (in a partner region or cooperating with it), but what it founds
        # or adopts is not thereby Brazilian.
        own = row.entities[1] if row.predicate is not None else row.entities[0]
        found = [partner for partner, ids in members.items() if own in ids]
        lane_of[index] = names[found[0]] if len(found) == 1 else SEVERAL if found else NO_PARTNER
    order = [names[p] for p in members] + [SEVERAL, NO_PARTNER]
    return order, lane_of


def _kind_lanes(rows: list[TimelineRow]) -> tuple[list[str], dict[int, str]]:
    lane_of = {index: RELATIONS if row.kind is None else row.kind.value for index, row in enumerate(rows)}
    return [kind.value for kind in Kind] + [RELATIONS], lane_of


def _dense_from(rows: list[TimelineRow]) -> int:
    """Where the dense years begin: after the last gap of more than two years between years with rows
    that leaves no more than a tenth of the rows before it (the rows are in date order)."""
    years = [row.date.year for row in rows]
    cut = years[0]
    for index in range(1, len(years)):
        if index > len(years) * EARLY_SHARE:
            break
        if years[index] - years[index - 1] > MAX_YEAR_GAP:
            cut = years[index]
    return cut


def _short(entity: Entity) -> str:
    return entity.name if len(entity.name) <= LABEL_CHARACTERS else short_label(entity)


def _label(dataset: Dataset, row: TimelineRow) -> str:
    """What is written beside a row: an entity's name (its acronym when the name is long), or a relation
    between two such names; cut at a word boundary."""
    ends = [_short(dataset.get(identifier)) for identifier in row.entities]
    if row.predicate is not None:
        half = LABEL_CHARACTERS * 2 // 3
        return f"{shorten(ends[0], half)} {row.predicate.replace('_', ' ')} {shorten(ends[1], half)}"
    return shorten(ends[0], LABEL_CHARACTERS)


def _fraction(day: datetime.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366.0


def _tooltip(row: TimelineRow) -> str:
    end = row.end if row.start is None or row.ranged else None
    lines = [row.text, period_text(row.start, end)]
    if row.parties:
        lines.append("Parties: " + ", ".join(row.parties))
    if row.founders:
        lines.append("Founded by " + ", ".join(row.founders))
    kind = "relation" if row.kind is None else row.kind.value
    lines.append(f"{kind}; records: {', '.join(row.records)}")
    return "\n".join(line for line in lines if line)


def _scale(rows: list[TimelineRow], left: float, right: float) -> Scale:
    first_year = min(row.date.year for row in rows)
    last_year = max(row.last.year for row in rows) + 1
    cut = _dense_from(rows)
    # The sparse early years share a narrow zone of their own, so that the dense years get the width.
    return Scale(left, right, first_year, last_year, cut, EARLY_WIDTH if cut > first_year else 0.0)


def _pack(dataset: Dataset, rows: list[TimelineRow], lane_of: dict[int, str], scale: Scale) -> list[Packed]:
    """Each row on the first line of its lane where its marker and label touch nothing (greedy, earliest first);
    a row that would need line :data:`MAX_LINES` + 1 starts the lane's next part, which later rows fill."""
    packed: list[Packed] = []
    parts_in: dict[str, list[list[list[tuple[float, float]]]]] = {}
    for index, row in enumerate(rows):
        lane = lane_of[index]
        x = scale.x(row.date.earliest())
        end_x = max(scale.x(row.last.latest() + datetime.timedelta(days=1)), x + 2 * DOT_RADIUS) if row.ranged else x
        label = _label(dataset, row)
        size = text_width(label, FONT_SIZE)
        reach = end_x + (DOT_RADIUS if not row.ranged else 0.0)
        sides = [
            (reach + 6, "start", x - DOT_RADIUS, reach + 6 + size),
            (x - DOT_RADIUS - 6, "end", x - DOT_RADIUS - 6 - size, reach),
        ]
        parts = parts_in.setdefault(lane, [[]])
        line, label_x, anchor, low, high = _free_line(parts[-1], sides, scale.left, scale.right)
        if line == MAX_LINES:
            parts.append([])
            line, label_x, anchor, low, high = _free_line(parts[-1], sides, scale.left, scale.right)
        taken = parts[-1]
        if line == len(taken):
            taken.append([])
        taken[line].append((low, high))
        packed.append(Packed(row, lane, len(parts) - 1, line, x, end_x, label, label_x, anchor))
    return packed


def _band_names(packed: list[Packed], order: list[str]) -> dict[tuple[str, int], str]:
    """Each lane part's heading, in drawing order: the lane's name, and where a lane has several parts,
    which part and the years its rows start in."""
    years: dict[tuple[str, int], list[int]] = {}
    for p in packed:
        years.setdefault((p.lane, p.part), []).append(p.row.date.year)
    names: dict[tuple[str, int], str] = {}
    for lane in order:
        parts = sorted(part for name, part in years if name == lane)
        for part in parts:
            first, last = min(years[lane, part]), max(years[lane, part])
            span = str(first) if first == last else f"{first}\u2013{last}"
            names[lane, part] = lane if len(parts) == 1 else f"{lane} ({part + 1} of {len(parts)}): {span}"
    return names


def _free_line(
    taken: list[list[tuple[float, float]]], sides: list[tuple[float, str, float, float]], left: float, right: float
) -> tuple[int, float, str, float, float]:
    """The line and side for a label: right of its marker, or left where that finds a line higher up
    (or the right is full); as (line, label x, anchor, extent's low, extent's high)."""
    best: tuple[int, float, str, float, float] | None = None
    for label_x, anchor, low, high in sides:
        # Only the label's far end can leave the picture: the marker lies on the scale, inside the margins.
        if (anchor == "start" and high > right) or (anchor == "end" and low < left):
            continue
        line = next(
            (index for index, spans in enumerate(taken) if all(high + GAP <= a or b + GAP <= low for a, b in spans)),
            len(taken),
        )
        if best is None or line < best[0]:
            best = (line, label_x, anchor, low, high)
    if best is None:
        # Too wide for either side: the side it overflows least, on a line of its own.
        overflow = {
            anchor: max(0.0, high - right) if anchor == "start" else max(0.0, left - low)
            for _, anchor, low, high in sides
        }
        return (len(taken), *min(sides, key=lambda side: overflow[side[1]]))
    return best


def _legend_heading(text: str, x: float, y: float) -> tuple[LegendItem, float]:
    # Bold text is wider: measured as one character more.
    return LegendItem("heading", x, y, text), x + text_width(text + " ", LEGEND_SIZE) + 8


def _legend(rows: list[TimelineRow], x0: float, y0: float, right: float) -> tuple[list[LegendItem], float]:
    """Colours (kinds) on a line, then the shapes (date, span, inferred date, inferred span), wrapped at *right*;
    the items and the last line's y."""
    x, y = x0, y0 + 10
    heading, x = _legend_heading("Colour: kind", x, y)
    items = [heading]
    for name, colour in _legend_entries(rows):
        if x + 14 + text_width(name, LEGEND_SIZE) > right:
            x, y = x0, y + LINE + 4
        items.append(LegendItem("colour", x, y, name, colour))
        x += 14 + text_width(name, LEGEND_SIZE) + 18
    x, y = x0, y + LINE + 6
    heading, x = _legend_heading("Shape:", x, y)
    items.append(heading)
    for name, ranged, inferred in SHAPES:
        marker = _marker_width(ranged)
        if x + marker + text_width(name, LEGEND_SIZE) > right:
            x, y = x0, y + LINE + 4
        items.append(LegendItem("shape", x, y, name, ranged=ranged, inferred=inferred))
        x += marker + text_width(name, LEGEND_SIZE) + 18
    return items, y


def _marker_width(ranged: bool) -> float:
    """How far a legend shape's text starts from its marker."""
    return 34.0 if ranged else 14.0


def _legend_entries(rows: list[TimelineRow]) -> list[tuple[str, str]]:
    entries = [(kind.value, kind_colour(kind)) for kind in Kind if any(row.kind is kind for row in rows)]
    if any(row.kind is None for row in rows):
        entries.append((RELATIONS, RELATION_COLOUR))
    return entries


def _axis(scale: Scale, y: float, bottom: float) -> Axis:
    step = max(1, math.ceil((text_width("0000", 11.0) + 8.0) / scale.per_year))
    ticks = tuple(
        Tick(
            scale.x(datetime.date(year, 1, 1)),
            str(year) if (year - scale.cut) % step == 0 and year < scale.last_year else None,
        )
        for year in range(scale.cut, scale.last_year + 1)
    )
    if not scale.early:
        return Axis(y, bottom, ticks, None, None)
    # A break in the axis: the years before the dense ones are squeezed together.
    return Axis(y, bottom, ticks, str(scale.first_year), scale.left + scale.early * 0.55)


def timeline_geometry(
    dataset: Dataset, *, lanes: Lanes = "region", width: float = 1000.0, kinds: Iterable[Kind | str] | None = None
) -> TimelinePicture:
    """Place the timeline's rows (figures left out) in lanes, under a legend and an axis of years.

    With ``kinds``, only the dated entities of those kinds (no relations): a picture of the agreements
    alone reads at a glance where every dated record does not.
    """
    if lanes not in LANES:
        raise QueryError(f"lanes must be one of {', '.join(LANES)}, not {lanes!r}")
    rows = [row for row in dataset.timeline_rows() if row.row_type != "figure"]
    by = "partner region" if lanes == "region" else "kind"
    if kinds is None:
        title = f"Timeline: {len(rows)} dated entities, agreements and relations, by {by}"
    else:
        wanted = [KINDS[Kind(kind)] for kind in kinds]
        kept = {entry.kind for entry in wanted}
        rows = [row for row in rows if row.row_type == "entity" and row.kind in kept]
        title = f"Timeline: {len(rows)} dated {' and '.join(entry.plural for entry in wanted)}, by {by}"
    left, right = MARGIN, width - MARGIN
    if not rows:
        return TimelinePicture(width, 120.0, title, (), None, (), ())
    order, lane_of = _region_lanes(dataset, rows) if lanes == "region" else _kind_lanes(rows)
    scale = _scale(rows, left, right)
    packed = _pack(dataset, rows, lane_of, scale)
    lines: dict[tuple[str, int], int] = {}
    for p in packed:
        lines[p.lane, p.part] = max(lines.get((p.lane, p.part), 0), p.line + 1)
    legend, legend_bottom = _legend(rows, left, 50.0, right)
    axis_y = legend_bottom + 30.0
    bands = []
    top: dict[tuple[str, int], float] = {}
    y = axis_y + 14.0
    for position, (band, name) in enumerate(_band_names(packed, order).items()):
        bands.append(LaneBand(name, y, LANE_HEADING + LINE * lines[band] + 4.0, position % 2 == 0))
        top[band] = y
        y += LANE_HEADING + LINE * lines[band] + 8.0
    height = y + 16.0
    marks = tuple(
        Mark(
            p.row,
            p.x,
            p.end_x,
            top[p.lane, p.part] + LANE_HEADING + LINE * p.line + LINE / 2,
            p.label,
            p.label_x,
            p.anchor,
        )
        for p in packed
    )
    axis = _axis(scale, axis_y, height - 12)
    return TimelinePicture(width, height, title, tuple(legend), axis, tuple(bands), marks)
