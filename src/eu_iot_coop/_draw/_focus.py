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
) -> tuple[list[Entity], list[Relation], str | None]:
    """The entities and relations a focused drawing shows, sorted, and the id of its centre.

    Topics and documents stay out unless ``with_topics``/``with_documents`` or
    ``kind`` asks for them. With ``around``, only what is at most ``depth``
    relations away from that entity (through the entities and relations the
    other filters keep) is drawn. Places are context there: a place is drawn where it is
    reached, but the walk does not go on through it (a country would pull in everything
    located in it) unless ``through_places`` or the place is the centre.
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
    """A focused drawing, placed: arrows under entities, the legend on the right, a note on labels left out."""

    width: float
    height: float
    title: str
    arrows: tuple[Arrow, ...]
    nodes: tuple[Node, ...]
    legend: tuple[LegendRow, ...]
    note: LegendRow | None


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
    title: str,
) -> dict[str, LabelSpot]:
    """Where each label fits: the centre's first, then the most connected entities'."""
    degree: dict[str, int] = {}
    for r in relations:
        degree[r.subject] = degree.get(r.subject, 0) + 1
        degree[r.object] = degree.get(r.object, 0) + 1
    priority = sorted(entities, key=lambda e: (e.id != centre, -degree.get(e.id, 0), e.id))
    heading = (HEADING_X, 14.0, HEADING_X + text_width(title, HEADING_SIZE), 36.0)
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


def focus_geometry(
    entities: list[Entity],
    relations: list[Relation],
    centre: str | None,
    *,
    depth: int = 1,
    seed: int = 2012,
    width: float = 1400.0,
    height: float = 1000.0,
) -> FocusPicture:
    """Place what :func:`select` chose: entities by the force layout, arrows, labels and the legend."""
    plot: Box = (50.0, 60.0, width - LEGEND_WIDTH - 40.0, height - 40.0)
    positions = _positions(entities, relations, plot, seed)
    radius = {e.id: CENTRE_RADIUS if e.id == centre else RADIUS for e in entities}
    by_id = {e.id: e for e in entities}
    focus = "" if centre is None else f" around {short_label(by_id[centre])} (depth {depth})"
    title = f"Cooperation network{focus}: {len(entities)} entities, {len(relations)} relations"
    bounds = (10.0, 40.0, plot[2] + 30.0, height - 10.0)
    spots = _label_spots(entities, relations, positions, radius, centre, bounds, title)
    nodes = tuple(
        Node(e, *positions[e.id], radius[e.id], e.id == centre, short_label(e), spots.get(e.id)) for e in entities
    )
    legend_x = width - LEGEND_WIDTH + 10.0
    kinds = [k for k in Kind if any(e.kind is k for e in entities)]
    predicates = sorted({r.predicate for r in relations})
    legend = _legend(legend_x, 70.0, kinds, predicates, any(_inferred(r) for r in relations))
    omitted = len(entities) - len(spots)
    note = None
    if omitted:
        text = f"{omitted} label{'s' if omitted != 1 else ''} left out to avoid overlap"
        note = LegendRow("note", legend_x, height - 20.0, text)
    arrows = _arrows(relations, positions, radius, by_id)
    return FocusPicture(width, height, title, arrows, nodes, tuple(legend), note)
