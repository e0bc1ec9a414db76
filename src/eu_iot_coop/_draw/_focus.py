"""Focused pictures of the network: a neighbourhood or a filtered slice.

Three steps, each its own function: :func:`select` chooses the entities and relations,
:func:`focus_geometry` places them (a :class:`FocusPicture` of positioned arrows, entities, labels
and legend rows), and ``_focus_svg.write_focus`` writes the SVG. Placing uses the package's own seeded
force layout (:func:`._layout.layout`, Fruchterman-Reingold), then a collision-removal pass that
pushes apart any two entities closer than :data:`MIN_GAP`, and the greedy label placer of
:func:`._labels.place_labels`, which leaves a label out (its full name stays in the entity's
``<title>`` tooltip) rather than let it cover another label or an entity. Chosen over networkx or
Graphviz because a focused drawing holds tens of entities, where a pure-Python layout takes
milliseconds; because the library must not require networkx (an optional extra) or a Graphviz
binary; and because only code we own can promise byte-identical output across versions and
platforms (inputs are sorted, the random generator seeded, coordinates rounded to one decimal).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Final, Literal

import attrs

from eu_iot_coop._model import Entity, Kind, PartialDate, Relation
from eu_iot_coop._present import period_text
from eu_iot_coop._query import Dataset

from ._labels import LabelSpot, place_labels, short_label, text_width
from ._layout import Box, layout, separate
from ._style import kind_colour, predicate_group, relation_legend

#: Entities of these kinds are left out of a focused drawing unless asked for.
HIDDEN_BY_DEFAULT: Final = (Kind.TOPIC, Kind.DOCUMENT)

FONT_SIZE: Final = 12.0
HEADING_SIZE: Final = 16.0
RADIUS: Final = 8.0
CENTRE_RADIUS: Final = 12.0
ARROW_GAP: Final = 3.0
ARROW_LENGTH: Final = 9.0
MIN_GAP: Final = 44.0
LEGEND_WIDTH: Final = 300.0
#: Where the legend goes: right of the network (the default), or below it, in columns (for a narrow page).
LegendPlace = Literal["right", "below"]
#: Space between the legend's columns when it is below the network.
LEGEND_COLUMN_GAP: Final = 24.0
#: How far each role's text starts right of its row's x (a marker or a sample line comes first).
_LEGEND_INDENT: Final = {"kind": 18.0, "ring": 18.0, "group": 32.0, "dashed": 32.0, "predicate": 40.0}
#: Where the heading is written.
HEADING_X, HEADING_Y = 20.0, 30.0


def _entity(dataset: Dataset, name: str) -> Entity:
    return dataset.get(name) if name in dataset else dataset.find(name)


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _inferred(relation: Relation) -> bool:
    return any(when is not None and when.inferred for when in (relation.start, relation.end))


def _allowed_kinds(kind: str | Iterable[str] | None, with_topics: bool, with_documents: bool) -> set[Kind]:
    kinds = {Kind(name) for name in _as_tuple(kind)}
    if kinds:
        return kinds
    allowed = set(Kind) - set(HIDDEN_BY_DEFAULT)
    if with_topics:
        allowed.add(Kind.TOPIC)
    if with_documents:
        allowed.add(Kind.DOCUMENT)
    return allowed


def _relations_among(dataset: Dataset, keep: dict[str, Entity], predicates: tuple[str, ...]) -> list[Relation]:
    """The relations of *predicates* (or all) between entities of *keep*, sorted by key, no self-loops."""
    if predicates:
        chosen = {r.key: r for name in predicates for r in dataset.relations(predicate=name)}
        relations = [chosen[key] for key in sorted(chosen)]
    else:
        relations = sorted(dataset.records.relations, key=lambda r: r.key)
    return [r for r in relations if r.subject in keep and r.object in keep and r.subject != r.object]


def _within(centre: str, relations: list[Relation], depth: int, ends: frozenset[str] = frozenset()) -> set[str]:
    """The ids at most *depth* relations away from *centre*, not going on from any of *ends* (but the centre)."""
    adjacency: dict[str, set[str]] = {}
    for r in relations:
        adjacency.setdefault(r.subject, set()).add(r.object)
        adjacency.setdefault(r.object, set()).add(r.subject)
    reached = {centre}
    frontier = [centre]
    for _ in range(max(depth, 0)):
        if not frontier:  # nothing left to visit: however deep the asked depth, stop here
            break
        frontier = sorted(
            {n for node in frontier if node == centre or node not in ends for n in adjacency.get(node, ())} - reached
        )
        reached.update(frontier)
    return reached


def select(
    dataset: Dataset,
    *,
    around: str | None = None,
    depth: int = 1,
    kind: str | Iterable[str] | None = None,
    predicate: str | Iterable[str] | None = None,
    region: str | None = None,
    as_of: str | PartialDate | None = None,
    with_topics: bool = False,
    with_documents: bool = False,
    through_places: bool = False,
    centre_only: bool = False,
) -> tuple[list[Entity], list[Relation], str | None]:
    """The entities and relations a focused drawing shows, sorted, and the id of its centre.

    Topics and documents stay out unless ``with_topics``/``with_documents`` or
    ``kind`` asks for them. With ``around``, only what is at most ``depth``
    relations away from that entity (through the entities and relations the
    other filters keep) is drawn. Places are context there: a place is drawn where it is
    reached, but the walk does not go on through it (a country would pull in everything
    located in it) unless ``through_places`` or the place is the centre. With ``centre_only``,
    only the centre's own relations are drawn (with the entities at their other ends), so
    that the drawing counts what the centre's page lists, whatever the depth.
    """
    if as_of is not None:
        dataset = dataset.as_of(as_of)
    allowed = _allowed_kinds(kind, with_topics, with_documents)
    pool = dataset.entities(region=region) if region is not None else dataset.entities()
    keep = {entity.id: entity for entity in pool if entity.kind in allowed}
    centre = None if around is None else _entity(dataset, around)
    if centre is not None:
        keep[centre.id] = centre
    predicates = _as_tuple(predicate)
    relations = _relations_among(dataset, keep, predicates)
    if centre is not None:
        places = frozenset() if through_places else frozenset(k for k, e in keep.items() if e.kind is Kind.PLACE)
        reached = _within(centre.id, relations, depth, places)
        keep = {key: value for key, value in keep.items() if key in reached}
        relations = [r for r in relations if r.subject in keep and r.object in keep]
        if centre_only:
            relations = [r for r in relations if centre.id in (r.subject, r.object)]
            ends = {centre.id} | {r.subject for r in relations} | {r.object for r in relations}
            keep = {key: value for key, value in keep.items() if key in ends}
    elif predicates:
        linked = {r.subject for r in relations} | {r.object for r in relations}
        keep = {key: value for key, value in keep.items() if key in linked}
    return [keep[key] for key in sorted(keep)], relations, None if centre is None else centre.id


@attrs.frozen
class Arrow:
    """A relation as drawn: a line from just outside its subject to just outside its object."""

    relation: Relation
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dashed: bool
    tooltip: str


@attrs.frozen
class Node:
    """An entity as drawn: its circle, and its label where one fits."""

    entity: Entity
    x: float
    y: float
    radius: float
    centre: bool
    label: str
    spot: LabelSpot | None

    @property
    def start_inferred(self) -> bool:
        return self.entity.start is not None and self.entity.start.inferred


LegendRole = Literal["heading", "kind", "group", "predicate", "dashed", "ring", "note"]


@attrs.frozen
class LegendRow:
    """A line of the legend: what it shows (``role``), where its text starts, and its colour if it has one."""

    role: LegendRole
    x: float
    y: float
    text: str
    colour: str = ""


@attrs.frozen
class FocusPicture:
    """A focused drawing, placed: its heading (one line, or two where one is too wide), arrows under entities,
    the legend (right of them or below), a note on labels left out."""

    width: float
    height: float
    heading: tuple[str, ...]
    arrows: tuple[Arrow, ...]
    nodes: tuple[Node, ...]
    legend: tuple[LegendRow, ...]
    note: LegendRow | None

    @property
    def title(self) -> str:
        """The heading as one line (the SVG's title)."""
        return " ".join(self.heading)


def _positions(
    entities: list[Entity], relations: list[Relation], plot: Box, seed: int
) -> dict[str, tuple[float, float]]:
    raw = layout(
        [e.id for e in entities],
        ((r.subject, r.object) for r in relations),
        width=plot[2] - plot[0],
        height=plot[3] - plot[1],
        margin=0.0,
        seed=seed,
    ).positions
    shifted = {key: (x + plot[0] + 70.0, y + plot[1]) for key, (x, y) in raw.items()}
    return separate(shifted, plot, MIN_GAP)


def _when(relation: Relation) -> str:
    return period_text(relation.start, relation.end, notes=False)


def _arrows(
    relations: list[Relation],
    positions: dict[str, tuple[float, float]],
    radius: dict[str, float],
    by_id: dict[str, Entity],
) -> tuple[Arrow, ...]:
    """Each relation's line, its ends just outside the circles; several between one pair side by side."""
    pair_count: dict[tuple[str, str], int] = {}
    for r in relations:
        pair = (min(r.subject, r.object), max(r.subject, r.object))
        pair_count[pair] = pair_count.get(pair, 0) + 1
    pair_seen: dict[tuple[str, str], int] = {}
    arrows = []
    for r in relations:
        pair = (min(r.subject, r.object), max(r.subject, r.object))
        nth = pair_seen.get(pair, 0)
        pair_seen[pair] = nth + 1
        (x1, y1), (x2, y2) = positions[r.subject], positions[r.object]
        distance = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / distance, (y2 - y1) / distance
        # Several relations between one pair run side by side, 5 px apart, in a frame fixed by the pair.
        sign = 1.0 if r.subject == pair[0] else -1.0
        offset = (nth - (pair_count[pair] - 1) / 2) * 5.0 * sign
        ox, oy = -uy * offset, ux * offset
        start = radius[r.subject] + ARROW_GAP
        end = radius[r.object] + ARROW_GAP
        tooltip = f"{by_id[r.subject].name} {r.predicate.replace('_', ' ')} {by_id[r.object].name}" + (
            f" ({_when(r)})" if r.start is not None else ""
        )
        arrows.append(
            Arrow(
                r,
                x1 + ux * start + ox,
                y1 + uy * start + oy,
                x2 - ux * end + ox,
                y2 - uy * end + oy,
                predicate_group(r.predicate).colour,
                _inferred(r),
                tooltip,
            )
        )
    return tuple(arrows)


def _label_spots(
    entities: list[Entity],
    relations: list[Relation],
    positions: dict[str, tuple[float, float]],
    radius: dict[str, float],
    centre: str | None,
    bounds: Box,
    heading: Box,
) -> dict[str, LabelSpot]:
    """Where each label fits: the centre's first, then the most connected entities'."""
    degree: dict[str, int] = {}
    for r in relations:
        degree[r.subject] = degree.get(r.subject, 0) + 1
        degree[r.object] = degree.get(r.object, 0) + 1
    priority = sorted(entities, key=lambda e: (e.id != centre, -degree.get(e.id, 0), e.id))
    return place_labels(
        [(e.id, short_label(e), *positions[e.id], radius[e.id]) for e in priority],
        [(positions[e.id][0], positions[e.id][1], radius[e.id]) for e in entities],
        bounds,
        size=FONT_SIZE,
        taken=[heading],
        segments=[(*positions[r.subject], *positions[r.object]) for r in relations],
    )


def _legend(x: float, y: float, kinds: Sequence[Kind], predicates: Sequence[str], dashed: bool) -> list[LegendRow]:
    """The legend's rows from (x, y) down: the kinds, the groups of predicates, the dashed styles."""
    rows = [LegendRow("heading", x, y, "Entities")]
    y += 20
    for kind in kinds:
        rows.append(LegendRow("kind", x, y, kind.value, kind_colour(kind)))
        y += 18
    y += 10
    rows.append(LegendRow("heading", x, y, "Relations (arrow: subject → object)"))
    y += 20
    for group, names in relation_legend(predicates):
        rows.append(LegendRow("group", x, y, group.name, group.colour))
        y += 16
        for predicate in names:
            rows.append(LegendRow("predicate", x, y, predicate.replace("_", " ")))
            y += 15
        y += 4
    if dashed:
        rows.append(LegendRow("dashed", x, y, "dashed: date inferred"))
        y += 18
    rows.append(LegendRow("ring", x, y, "dashed ring: start inferred"))
    y += 18
    rows.append(LegendRow("note", x, y + 6, "Hover for full names and relations."))
    return rows


def _legend_blocks(rows: list[LegendRow]) -> list[list[LegendRow]]:
    """The legend's rows in blocks kept together in a column: the kinds under their heading, each group of
    predicates (the first under the relations' heading), and the closing rows."""
    blocks: list[list[LegendRow]] = []
    for row in rows:
        previous = blocks[-1][-1].role if blocks else None
        starts = (
            row.role == "heading"
            or (row.role == "group" and previous != "heading")
            or (row.role in ("dashed", "ring") and previous != "dashed")
        )
        if starts or not blocks:
            blocks.append([row])
        else:
            blocks[-1].append(row)
    return blocks


def _row_right(row: LegendRow) -> float:
    # A bold heading is measured one character wider.
    text = row.text + (" " if row.role == "heading" else "")
    return row.x + _LEGEND_INDENT.get(row.role, 0.0) + text_width(text, FONT_SIZE)


def _legend_below(rows: list[LegendRow], left: float, top: float, right: float) -> tuple[list[LegendRow], float]:
    """The legend's blocks flowed into columns from (left, top), as many side by side as fit before *right*,
    each about as tall as an even share; the rows moved there, and the bottom of the lowest."""
    blocks = _legend_blocks(rows)
    heights = [block[-1].y - block[0].y + 20.0 for block in blocks]
    widths = [max(_row_right(row) for row in block) - block[0].x for block in blocks]
    across = max(1, int((right - left + LEGEND_COLUMN_GAP) // (max(widths) + LEGEND_COLUMN_GAP)))
    column_height = max(max(heights), sum(heights) / across)
    placed: list[LegendRow] = []
    x, y, band_top, column_width, bottom = left, top, top, 0.0, top
    for block, height, width in zip(blocks, heights, widths, strict=True):
        if y > band_top and y + height > band_top + column_height:
            x, y, column_width = x + column_width + LEGEND_COLUMN_GAP, band_top, 0.0
        if x > left and x + width > right:
            x, y, band_top, column_width = left, bottom, bottom, 0.0
        dx, dy = x - block[0].x, y - block[0].y
        placed += [attrs.evolve(row, x=row.x + dx, y=row.y + dy) for row in block]
        y += height
        column_width = max(column_width, width)
        bottom = max(bottom, y)
    return placed, bottom


def _heading_lines(title: str, width: float) -> list[str]:
    """The heading on one line, or on two (after its first colon) where one would not fit the picture."""
    if HEADING_X + text_width(title, HEADING_SIZE) <= width - HEADING_X or ": " not in title:
        return [title]
    first, rest = title.split(": ", 1)
    return [f"{first}:", rest]


def focus_geometry(
    entities: list[Entity],
    relations: list[Relation],
    centre: str | None,
    *,
    depth: int = 1,
    seed: int = 2012,
    width: float = 1400.0,
    height: float = 1000.0,
    legend: LegendPlace = "right",
    centre_only: bool = False,
) -> FocusPicture:
    """Place what :func:`select` chose: entities by the force layout, arrows, labels and the legend.

    With ``legend="below"`` the network takes the whole width and ``height``, and the legend (in
    columns) and the note on labels left out are added beneath it: the picture is taller than ``height``.
    """
    by_id = {e.id: e for e in entities}
    if centre is None:
        focus = ""
    elif centre_only:
        focus = f" of {short_label(by_id[centre])}, its own relations"
    else:
        focus = f" around {short_label(by_id[centre])} (depth {depth})"
    title = f"Cooperation network{focus}: {len(entities)} entities, {len(relations)} relations"
    heading = _heading_lines(title, width)
    top = 60.0 + 20.0 * (len(heading) - 1)
    right = width - LEGEND_WIDTH - 40.0 if legend == "right" else width - 110.0
    plot: Box = (50.0, top, right, height - 40.0)
    positions = _positions(entities, relations, plot, seed)
    radius = {e.id: CENTRE_RADIUS if e.id == centre else RADIUS for e in entities}
    label_right = plot[2] + 30.0 if legend == "right" else width - 10.0
    bounds = (10.0, top - 20.0, label_right, height - 10.0)
    taken = (HEADING_X, 14.0, HEADING_X + max(text_width(line, HEADING_SIZE) for line in heading), top - 24.0)
    spots = _label_spots(entities, relations, positions, radius, centre, bounds, taken)
    nodes = tuple(
        Node(e, *positions[e.id], radius[e.id], e.id == centre, short_label(e), spots.get(e.id)) for e in entities
    )
    kinds = [k for k in Kind if any(e.kind is k for e in entities)]
    predicates = sorted({r.predicate for r in relations})
    omitted = len(entities) - len(spots)
    note_text = f"{omitted} label{'s' if omitted != 1 else ''} left out to avoid overlap" if omitted else ""
    dashed = any(_inferred(r) for r in relations)
    if legend == "right":
        legend_x = width - LEGEND_WIDTH + 10.0
        rows = _legend(legend_x, 70.0, kinds, predicates, dashed)
        note_y = height - 20.0
    else:
        rows, bottom = _legend_below(_legend(0.0, 0.0, kinds, predicates, dashed), HEADING_X, height + 14.0, width)
        legend_x, note_y = HEADING_X, bottom + 6.0
        height = note_y + (14.0 if note_text else -6.0)
    note = LegendRow("note", legend_x, note_y, note_text) if note_text else None
    arrows = _arrows(relations, positions, radius, by_id)
    return FocusPicture(width, height, tuple(heading), arrows, nodes, tuple(rows), note)
