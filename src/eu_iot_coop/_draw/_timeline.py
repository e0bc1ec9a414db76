"""The timeline picture: the rows of :meth:`Dataset.timeline_rows`, in lanes by partner region or by kind.

Each row is a dot at its date, or a bar where it covers a span (a period, or a
date known only to lie between two bounds); hollow and dashed where a date is
inferred. Rows are packed into the fewest lines of their lane such that no
label touches another label or marker: the greedy interval packing of a row's
extent (its marker and its label), earliest first. Labels are cut at a word
boundary, and the whole text, dates, parties and record ids are in each row's
``<title>`` tooltip. Figures are left out: they are values, not events, and the
``timeline`` command lists them.
"""

from __future__ import annotations

import datetime
import math
import xml.etree.ElementTree as ET
from typing import Final, Literal

import attrs

from eu_iot_coop._model import Entity
from eu_iot_coop._present import period_text
from eu_iot_coop._query import Dataset, TimelineRow
from eu_iot_coop.exceptions import QueryError

from ._focus import text_width
from ._overview import PARTNERS
from ._svg import _RELATION_COLOUR, KIND_COLOURS, _n, _serialise, _svg, _text, short_label, shorten

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


@attrs.frozen
class Placed:
    """A row as drawn: its lane, line within the lane, marker from ``x`` to ``end_x``, and label."""

    row: TimelineRow
    lane: str
    line: int
    x: float
    end_x: float
    label: str
    label_x: float
    anchor: str


def _colour(row: TimelineRow) -> str:
    return _RELATION_COLOUR if row.kind is None else KIND_COLOURS[row.kind]


def _region_lanes(dataset: Dataset, rows: list[TimelineRow]) -> tuple[list[str], dict[int, str]]:
    members = {
        partner: {entity.id for entity in dataset.entities(region=partner)}
        for partner in PARTNERS
        if partner in dataset
    }
    names = {partner: dataset.get(partner).name for partner in members}
    lane_of: dict[int, str] = {}
    for index, row in enumerate(rows):
        # The row's own entity decides, or a relation's object: the Commission cooperates with Brazil,
        # which puts it in Brazil's region, but what it founds or adopts is not thereby Brazilian.
        own = row.entities[1] if row.predicate is not None else row.entities[0]
        found = [partner for partner, ids in members.items() if own in ids]
        lane_of[index] = names[found[0]] if len(found) == 1 else SEVERAL if found else NO_PARTNER
    order = [names[p] for p in members] + [SEVERAL, NO_PARTNER]
    return order, lane_of


def _kind_lanes(rows: list[TimelineRow]) -> tuple[list[str], dict[int, str]]:
    lane_of = {index: RELATIONS if row.kind is None else row.kind.value for index, row in enumerate(rows)}
    return [kind.value for kind in KIND_COLOURS] + [RELATIONS], lane_of


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


def timeline_svg(dataset: Dataset, *, lanes: Lanes = "region", width: float = 1000.0) -> str:
    """The timeline of dated entities and relations (see the module's docstring), in lanes.

    ``lanes="region"`` (the default) gives a lane to each partner region of the
    region overview, one to rows in several of them and one to the rest; a row is
    in a region when its entity is (a relation's: its object; see
    :meth:`Dataset.entities` for what is in a region);
    ``lanes="kind"`` one to each kind of entity and one to relations.
    """
    if lanes not in LANES:
        raise QueryError(f"lanes must be one of {', '.join(LANES)}, not {lanes!r}")
    rows = [row for row in dataset.timeline_rows() if row.row_type != "figure"]
    order, lane_of = _region_lanes(dataset, rows) if lanes == "region" else _kind_lanes(rows)
    by = "partner region" if lanes == "region" else "kind"
    title = f"Timeline: {len(rows)} dated entities, agreements and relations, by {by}"
    left, right = 24.0, width - 24.0
    plot_left = left
    if not rows:
        root = _svg(width, 120.0, title)
        _text(root, left, 32, title, **{"font-size": "16", "font-weight": "bold", "class": "heading"})
        _text(root, left, 70, "No dated entities or relations.", **{"font-size": "12"})
        return _serialise(root)
    first_year = min(row.date.year for row in rows)
    last_year = max(row.last.year for row in rows) + 1
    cut = _dense_from(rows)
    # The sparse early years share a narrow zone of their own, so that the dense years get the width.
    early = EARLY_WIDTH if cut > first_year else 0.0
    span = last_year - cut

    def x_of(day: datetime.date) -> float:
        moment = _fraction(day)
        if moment < cut:
            return plot_left + (moment - first_year) / (cut - first_year) * early
        return plot_left + early + (moment - cut) / span * (right - plot_left - early)

    placed: list[Placed] = []
    lines_in: dict[str, list[list[tuple[float, float]]]] = {}
    for index, row in enumerate(rows):
        lane = lane_of[index]
        x = x_of(row.date.earliest())
        end_x = max(x_of(row.last.latest() + datetime.timedelta(days=1)), x + 2 * DOT_RADIUS) if row.ranged else x
        label = _label(dataset, row)
        size = text_width(label, FONT_SIZE)
        reach = end_x + (DOT_RADIUS if not row.ranged else 0.0)
        sides = [
            (reach + 6, "start", x - DOT_RADIUS, reach + 6 + size),
            (x - DOT_RADIUS - 6, "end", x - DOT_RADIUS - 6 - size, reach),
        ]
        taken = lines_in.setdefault(lane, [])
        # The label goes right of its marker, or left where that finds a line higher up (or the right is full).
        best: tuple[int, float, str, float, float] | None = None
        for label_x, anchor, low, high in sides:
            if low < left or high > right:
                continue
            line = next(
                (
                    number
                    for number, spans in enumerate(taken)
                    if all(high + GAP <= a or b + GAP <= low for a, b in spans)
                ),
                len(taken),
            )
            if best is None or line < best[0]:
                best = (line, label_x, anchor, low, high)
        if best is None:
            best = (len(taken), *sides[0])
        line, label_x, anchor, low, high = best
        if line == len(taken):
            taken.append([])
        taken[line].append((low, high))
        placed.append(Placed(row, lane, line, x, end_x, label, label_x, anchor))

    used = [lane for lane in order if lane in lines_in]
    lane_heading = 26.0
    legend = ET.Element("g", {"class": "legend", "font-size": "12", "fill": "#222222"})
    legend_bottom = _legend(legend, rows, left, 50.0, right)
    axis_y = legend_bottom + 30.0
    top = axis_y + 14.0
    lane_top: dict[str, float] = {}
    y = top
    for lane in used:
        lane_top[lane] = y
        y += lane_heading + LINE * len(lines_in[lane]) + 8.0
    height = y + 16.0
    root = _svg(width, height, title)
    ET.SubElement(root, "desc").text = (
        "Dated entities, agreements (one row each, its parties in the tooltip) and relations, in lanes; "
        "a dot marks a date, a bar a span, and a hollow, dashed marker a date that was inferred. "
        "Each row's tooltip gives its full text, dates and record ids."
    )
    _text(root, left, 32, title, **{"font-size": "16", "font-weight": "bold", "class": "heading"})
    root.append(legend)

    axis = ET.SubElement(root, "g", {"class": "axis", "font-size": "11", "fill": "#333333"})
    per_year = (right - plot_left - early) / span
    step = max(1, math.ceil((text_width("0000", 11.0) + 8.0) / per_year))
    if early:
        _text(axis, plot_left, axis_y, str(first_year), **{"class": "year"})
        # A break in the axis: the years before the dense ones are squeezed together.
        x = plot_left + early * 0.55
        ET.SubElement(
            axis,
            "path",
            {
                "d": f"M {_n(x - 4)} {_n(axis_y + 8)} l 4 -8 M {_n(x)} {_n(axis_y + 8)} l 4 -8",
                "stroke": "#555555",
                "stroke-width": "1.2",
                "fill": "none",
                "class": "axis-break",
            },
        )
    for year in range(cut, last_year + 1):
        x = x_of(datetime.date(year, 1, 1))
        ET.SubElement(
            axis,
            "line",
            {"x1": _n(x), "y1": _n(axis_y + 4), "x2": _n(x), "y2": _n(height - 12), "stroke": "#e4e4e4"},
        )
        if (year - cut) % step == 0 and year < last_year:
            _text(axis, x, axis_y, str(year), **{"text-anchor": "middle", "class": "year"})

    lanes_group = ET.SubElement(root, "g", {"class": "lanes", "font-size": _n(FONT_SIZE)})
    for number, lane in enumerate(used):
        y = lane_top[lane]
        band = lane_heading + LINE * len(lines_in[lane]) + 4.0
        if number % 2 == 0:
            ET.SubElement(
                lanes_group,
                "rect",
                {"x": _n(left - 8), "y": _n(y), "width": _n(right - left + 16), "height": _n(band), "fill": "#f4f5f8"},
            )
        _text(
            lanes_group,
            left,
            y + 17,
            lane,
            **{"font-size": "13", "font-weight": "bold", "fill": "#222222", "class": "lane"},
        )
    items = ET.SubElement(root, "g", {"class": "rows", "font-size": _n(FONT_SIZE)})
    for item in placed:
        _draw_row(items, item, lane_top[item.lane] + lane_heading + LINE * item.line + LINE / 2)
    return _serialise(root)


def _draw_row(parent: ET.Element, item: Placed, y: float) -> None:
    row = item.row
    colour = _colour(row)
    group = ET.SubElement(
        parent,
        "g",
        {"class": "timeline-item", "data-key": row.records[0], "data-inferred": "true" if row.inferred else "false"},
    )
    ET.SubElement(group, "title").text = _tooltip(row)
    style = {"stroke": colour, "stroke-width": "1.5", "fill": "#ffffff" if row.inferred else colour}
    if row.inferred:
        style["stroke-dasharray"] = "3 2"
    if row.ranged:
        ET.SubElement(
            group,
            "rect",
            {
                "x": _n(item.x),
                "y": _n(y - BAR_HEIGHT / 2),
                "width": _n(item.end_x - item.x),
                "height": _n(BAR_HEIGHT),
                "rx": "3",
                **style,
            },
        )
    else:
        ET.SubElement(group, "circle", {"cx": _n(item.x), "cy": _n(y), "r": _n(DOT_RADIUS), **style})
    _text(group, item.label_x, y + 4, item.label, **{"class": "label", "text-anchor": item.anchor, "fill": "#111111"})


def _legend_entries(rows: list[TimelineRow]) -> list[tuple[str, str]]:
    kinds = [kind for kind in KIND_COLOURS if any(row.kind is kind for row in rows)]
    entries = [(kind.value, KIND_COLOURS[kind]) for kind in kinds]
    if any(row.kind is None for row in rows):
        entries.append((RELATIONS, _RELATION_COLOUR))
    return entries


def _legend_heading(group: ET.Element, text: str, x: float, y: float) -> float:
    # Bold text is wider: measured as one character more.
    _text(group, x, y, text, **{"font-weight": "bold"})
    return x + text_width(text + " ", 12.0) + 8


def _legend(group: ET.Element, rows: list[TimelineRow], x0: float, y0: float, right: float) -> float:
    """Colours (kinds) on a line, then the shapes (date, span, inferred date, inferred span); return the last y."""
    x, y = x0, y0 + 10
    x = _legend_heading(group, "Colour: kind", x, y)
    for name, colour in _legend_entries(rows):
        if x + 14 + text_width(name, 12.0) > right:
            x, y = x0, y + LINE + 4
        ET.SubElement(group, "circle", {"cx": _n(x + 5), "cy": _n(y - 4), "r": "5", "fill": colour})
        _text(group, x + 14, y, name)
        x += 14 + text_width(name, 12.0) + 18
    x, y = x0, y + LINE + 6
    x = _legend_heading(group, "Shape:", x, y)
    shapes = (
        ("a date", False, False),
        ("a span: a period, or a date known between two bounds", True, False),
        ("inferred date", False, True),
        ("inferred span", True, True),
    )
    for name, ranged, inferred in shapes:
        marker = 34.0 if ranged else 14.0
        if x + marker + text_width(name, 12.0) > right:
            x, y = x0, y + LINE + 4
        style = {"stroke": "#555555", "stroke-width": "1.5", "fill": "#ffffff" if inferred else "#555555"}
        if inferred:
            style["stroke-dasharray"] = "3 2"
        if ranged:
            bar = {"x": _n(x), "y": _n(y - 4 - BAR_HEIGHT / 2), "width": "28", "height": _n(BAR_HEIGHT), "rx": "3"}
            ET.SubElement(group, "rect", {**bar, **style})
        else:
            ET.SubElement(group, "circle", {"cx": _n(x + 5), "cy": _n(y - 4), "r": _n(DOT_RADIUS), **style})
        _text(group, x + marker, y, name)
        x += marker + text_width(name, 12.0) + 18
    return y
