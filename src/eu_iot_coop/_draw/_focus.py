"""Focused pictures of the network: a neighbourhood or a filtered slice, and the region overview.

Layout: the package's own seeded force layout (:func:`._svg.layout`,
Fruchterman-Reingold) followed by a collision-removal pass that pushes apart
any two entities closer than :data:`MIN_GAP`, and a greedy label placer that
tries eight positions around each entity and leaves a label out (its full name
stays in the entity's ``<title>`` tooltip) rather than let it cover another
label or an entity. Chosen over networkx or Graphviz because a focused drawing
holds tens of entities, where a pure-Python layout takes milliseconds; because
the library must not require networkx (an optional extra) or a Graphviz binary;
and because only code we own can promise byte-identical output across versions
and platforms (inputs are sorted, the random generator seeded, coordinates
rounded to one decimal).

The region overview is not a force layout at all: EU actors in a column on the
left, partner regions on the right, one link per pair weighted by how many
records (agreements, projects, events, programmes) link them, so that its
geometry depends only on the counts.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import Final

from eu_iot_coop._model import (
    BY_NAME,
    PREDICATE_GROUPS as GROUPS,
    PREDICATES,
    Entity,
    Kind,
    PartialDate,
    Relation,
    period_text,
)
from eu_iot_coop._query import Dataset

from ._svg import KIND_COLOURS, _n, _serialise, _svg, _text, layout, short_label

#: Entities of these kinds are left out of a focused drawing unless asked for.
HIDDEN_BY_DEFAULT: Final = (Kind.TOPIC, Kind.DOCUMENT)

#: Relations grouped by what they say (:attr:`Predicate.group`), one colour per group (the line styles of the
#: legend): each group's label, colour and predicates, in the vocabulary's order.
PREDICATE_GROUPS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = tuple(
    (group.label, group.colour, tuple(p.name for p in PREDICATES if p.group == group)) for group in GROUPS
)
_OTHER_COLOUR: Final = "#777777"

FONT_SIZE: Final = 12.0
#: The width of a character as a share of the font size, to estimate how wide a label is.
CHAR_WIDTH: Final = 0.62
RADIUS: Final = 8.0
CENTRE_RADIUS: Final = 12.0
ARROW_GAP: Final = 3.0
ARROW_LENGTH: Final = 9.0
MIN_GAP: Final = 44.0

Box = tuple[float, float, float, float]


def predicate_colour(predicate: str) -> str:
    """The colour of a relation's line, by its predicate's group (grey for a name outside the vocabulary)."""
    known = BY_NAME.get(predicate)
    return _OTHER_COLOUR if known is None else known.group.colour


def _inferred(relation: Relation) -> bool:
    return any(when is not None and when.inferred for when in (relation.start, relation.end))


def _entity(dataset: Dataset, name: str) -> Entity:
    return dataset.get(name) if name in dataset else dataset.find(name)


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


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
) -> tuple[list[Entity], list[Relation], str | None]:
    """The entities and relations a focused drawing shows, sorted, and the id of its centre.

    Topics and documents stay out unless ``with_topics``/``with_documents`` or
    ``kind`` asks for them. With ``around``, only what is at most ``depth``
    relations away from that entity (through the entities and relations the
    other filters keep) is drawn.
    """
    if as_of is not None:
        dataset = dataset.as_of(as_of)
    kinds = {Kind(name) for name in _as_tuple(kind)}
    if kinds:
        allowed = set(kinds)
    else:
        allowed = set(Kind) - set(HIDDEN_BY_DEFAULT)
        if with_topics:
            allowed.add(Kind.TOPIC)
        if with_documents:
            allowed.add(Kind.DOCUMENT)
    pool = dataset.entities(region=region) if region is not None else dataset.entities()
    keep = {entity.id: entity for entity in pool if entity.kind in allowed}
    centre = None if around is None else _entity(dataset, around)
    if centre is not None:
        keep[centre.id] = centre
    predicates = _as_tuple(predicate)
    if predicates:
        chosen = {r.key: r for name in predicates for r in dataset.relations(predicate=name)}
        relations = [chosen[key] for key in sorted(chosen)]
    else:
        relations = sorted(dataset.records.relations, key=lambda r: r.key)
    relations = [r for r in relations if r.subject in keep and r.object in keep and r.subject != r.object]
    if centre is not None:
        adjacency: dict[str, set[str]] = {}
        for r in relations:
            adjacency.setdefault(r.subject, set()).add(r.object)
            adjacency.setdefault(r.object, set()).add(r.subject)
        reached = {centre.id}
        frontier = [centre.id]
        for _ in range(max(depth, 0)):
            frontier = sorted({n for node in frontier for n in adjacency.get(node, ()) if n not in reached})
            reached.update(frontier)
        keep = {key: value for key, value in keep.items() if key in reached}
        relations = [r for r in relations if r.subject in keep and r.object in keep]
    elif predicates:
        linked = {r.subject for r in relations} | {r.object for r in relations}
        keep = {key: value for key, value in keep.items() if key in linked}
    return [keep[key] for key in sorted(keep)], relations, None if centre is None else centre.id


def _separate(
    positions: dict[str, tuple[float, float]], box: Box, minimum: float, rounds: int = 120
) -> dict[str, tuple[float, float]]:
    """Push apart entities closer than *minimum*, keeping them inside *box* (x0, y0, x1, y1)."""
    order = sorted(positions)
    pos = {node: list(positions[node]) for node in order}
    x0, y0, x1, y1 = box
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(order):
            for b in order[i + 1 :]:
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                distance = math.hypot(dx, dy)
                if distance >= minimum:
                    continue
                moved = True
                if distance < 1e-6:
                    # Same spot: separate along a direction fixed by the names, not by chance.
                    angle = (sum(map(ord, a + b)) % 360) * math.pi / 180
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (minimum - distance) / 2 + 0.5
                ux, uy = dx / distance, dy / distance
                pos[a][0] -= ux * push
                pos[a][1] -= uy * push
                pos[b][0] += ux * push
                pos[b][1] += uy * push
        for node in order:
            pos[node][0] = min(max(pos[node][0], x0), x1)
            pos[node][1] = min(max(pos[node][1], y0), y1)
        if not moved:
            break
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in pos.items()}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of how wide *text* is at font size *size*."""
    return CHAR_WIDTH * size * len(text)


def _overlaps(a: Box, b: Box, pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _hits_circle(box: Box, cx: float, cy: float, r: float) -> bool:
    nearest_x = min(max(cx, box[0]), box[2])
    nearest_y = min(max(cy, box[1]), box[3])
    return math.hypot(cx - nearest_x, cy - nearest_y) < r + 1.0


def _crosses(box: Box, segment: Box) -> bool:
    """Whether the segment (x1, y1, x2, y2) passes through *box* (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def place_labels(
    labels: Sequence[tuple[str, str, float, float, float]],
    circles: Sequence[tuple[float, float, float]],
    bounds: Box,
    taken: Iterable[Box] = (),
    segments: Sequence[Box] = (),
) -> dict[str, tuple[float, float, str, Box]]:
    """Greedy label placement: (id, text, x, y, radius) in priority order -> (x, y, anchor, box) of those that fit.

    Each label tries eight spots around its entity; one that would cover a
    placed label, an entity or leave *bounds* is refused, and of the others
    the one crossed by the fewest *segments* (the relations' lines) wins,
    nearest first among equals. A label with no free spot is left out.
    """
    placed: dict[str, tuple[float, float, str, Box]] = {}
    boxes = list(taken)
    height = FONT_SIZE
    for key, text, x, y, r in labels:
        width = text_width(text)
        gap = r + 4.0
        candidates = (
            (x + gap, y + height * 0.35, "start"),
            (x - gap, y + height * 0.35, "end"),
            (x, y - gap - 2, "middle"),
            (x, y + gap + height * 0.8, "middle"),
            (x + gap * 0.7, y - gap * 0.7 - 1, "start"),
            (x + gap * 0.7, y + gap * 0.7 + height * 0.7, "start"),
            (x - gap * 0.7, y - gap * 0.7 - 1, "end"),
            (x - gap * 0.7, y + gap * 0.7 + height * 0.7, "end"),
        )
        best: tuple[int, float, float, str, Box] | None = None
        for tx, ty, anchor in candidates:
            left = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
            box = (left, ty - height * 0.8, left + width, ty + height * 0.2)
            if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                continue
            if any(_overlaps(box, other) for other in boxes):
                continue
            if any(_hits_circle(box, cx, cy, cr) for cx, cy, cr in circles):
                continue
            crossings = sum(1 for segment in segments if _crosses(box, segment))
            if best is None or crossings < best[0]:
                best = (crossings, tx, ty, anchor, box)
            if crossings == 0:
                break
        if best is not None:
            placed[key] = best[1:]
            boxes.append(best[4])
    return placed


def _markers(defs: ET.Element, colours: Iterable[str]) -> None:
    for colour in sorted(set(colours)):
        marker = ET.SubElement(
            defs,
            "marker",
            {
                "id": f"arrow-{colour.lstrip('#')}",
                "viewBox": "0 0 10 10",
                "refX": "10",
                "refY": "5",
                "markerUnits": "userSpaceOnUse",
                "markerWidth": _n(ARROW_LENGTH),
                "markerHeight": _n(ARROW_LENGTH),
                "orient": "auto",
            },
        )
        ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": colour})


def _legend_panel(
    parent: ET.Element, x: float, y: float, kinds: Sequence[Kind], predicates: Sequence[str], dashed: bool
) -> float:
    """Draw the legend at (x, y); return where it ends."""
    group = ET.SubElement(parent, "g", {"class": "legend", "font-size": _n(FONT_SIZE), "fill": "#222222"})
    _text(group, x, y, "Entities", **{"font-weight": "bold"})
    y += 20
    for kind in kinds:
        ET.SubElement(group, "circle", {"cx": _n(x + 6), "cy": _n(y - 4), "r": "6", "fill": KIND_COLOURS[kind]})
        _text(group, x + 18, y, kind.value)
        y += 18
    y += 10
    _text(group, x, y, "Relations (arrow: subject → object)", **{"font-weight": "bold"})
    y += 20
    present = set(predicates)
    groups = [(name, colour, [p for p in names if p in present]) for name, colour, names in PREDICATE_GROUPS]
    others = sorted(present - {p for _, _, names in PREDICATE_GROUPS for p in names})
    if others:
        groups.append(("other", _OTHER_COLOUR, others))
    for name, colour, names in groups:
        if not names:
            continue
        ET.SubElement(
            group,
            "line",
            {"x1": _n(x), "y1": _n(y - 4), "x2": _n(x + 24), "y2": _n(y - 4), "stroke": colour, "stroke-width": "2"},
        )
        _text(group, x + 32, y, name)
        y += 16
        for predicate in names:
            _text(group, x + 40, y, predicate.replace("_", " "), fill="#555555")
            y += 15
        y += 4
    if dashed:
        ET.SubElement(
            group,
            "line",
            {
                "x1": _n(x),
                "y1": _n(y - 4),
                "x2": _n(x + 24),
                "y2": _n(y - 4),
                "stroke": "#4d4d4d",
                "stroke-width": "2",
                "stroke-dasharray": "6 4",
            },
        )
        _text(group, x + 32, y, "dashed: date inferred")
        y += 18
    ET.SubElement(
        group,
        "circle",
        {
            "cx": _n(x + 6),
            "cy": _n(y - 4),
            "r": "6",
            "fill": "#ffffff",
            "stroke": "#222222",
            "stroke-width": "1.5",
            "stroke-dasharray": "3 2",
        },
    )
    _text(group, x + 18, y, "dashed ring: start inferred")
    y += 18
    _text(group, x, y + 6, "Hover for full names and relations.", fill="#555555")
    return y + 6


def focus_svg(
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
    seed: int = 2012,
    width: float = 1400.0,
    height: float = 1000.0,
) -> str:
    """A focused network drawing: the neighbourhood of ``around`` and/or a slice by kind, predicate, region, date.

    Each relation is an arrow coloured by its predicate's group, its head
    ending just outside the object's circle; relations with an inferred date
    are dashed. Labels sit beside their entities and are left out where they
    would collide (the full name is in each entity's tooltip). See
    :func:`select` for the filters.
    """
    entities, relations, centre = select(
        dataset,
        around=around,
        depth=depth,
        kind=kind,
        predicate=predicate,
        region=region,
        as_of=as_of,
        with_topics=with_topics,
        with_documents=with_documents,
    )
    legend_width = 300.0
    plot: Box = (50.0, 60.0, width - legend_width - 40.0, height - 40.0)
    raw = layout(
        [e.id for e in entities],
        ((r.subject, r.object) for r in relations),
        width=plot[2] - plot[0],
        height=plot[3] - plot[1],
        margin=0.0,
        seed=seed,
    ).positions
    shifted = {key: (x + plot[0] + 70.0, y + plot[1]) for key, (x, y) in raw.items()}
    positions = _separate(shifted, plot, MIN_GAP)
    radius = {e.id: CENTRE_RADIUS if e.id == centre else RADIUS for e in entities}
    by_id = {e.id: e for e in entities}

    focus = "" if centre is None else f" around {short_label(by_id[centre])} (depth {depth})"
    title = f"Cooperation network{focus}: {len(entities)} entities, {len(relations)} relations"
    root = _svg(width, height, title)
    ET.SubElement(root, "desc").text = (
        "Entities coloured by kind; each arrow is a relation coloured by the group of its predicate, "
        "dashed where its date is inferred. Labels that would collide are left out; every entity's "
        "full name is in its tooltip."
    )
    _text(root, 20, 30, title, **{"font-size": "16", "font-weight": "bold", "class": "heading"})
    defs = ET.SubElement(root, "defs")
    colours = [predicate_colour(r.predicate) for r in relations]
    _markers(defs, colours)

    edges = ET.SubElement(root, "g", {"class": "relations", "fill": "none", "stroke-width": "1.4"})
    pair_count: dict[tuple[str, str], int] = {}
    for r in relations:
        pair = (min(r.subject, r.object), max(r.subject, r.object))
        pair_count[pair] = pair_count.get(pair, 0) + 1
    pair_seen: dict[tuple[str, str], int] = {}
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
        colour = predicate_colour(r.predicate)
        attributes = {
            "x1": _n(x1 + ux * start + ox),
            "y1": _n(y1 + uy * start + oy),
            "x2": _n(x2 - ux * end + ox),
            "y2": _n(y2 - uy * end + oy),
            "stroke": colour,
            "marker-end": f"url(#arrow-{colour.lstrip('#')})",
            "data-key": r.key,
            "data-subject": r.subject,
            "data-object": r.object,
        }
        if _inferred(r):
            attributes["stroke-dasharray"] = "6 4"
        line = ET.SubElement(edges, "line", attributes)
        ET.SubElement(line, "title").text = (
            f"{by_id[r.subject].name} {r.predicate.replace('_', ' ')} {by_id[r.object].name}"
            + (f" ({_when(r)})" if r.start is not None else "")
        )

    degree: dict[str, int] = {}
    for r in relations:
        degree[r.subject] = degree.get(r.subject, 0) + 1
        degree[r.object] = degree.get(r.object, 0) + 1
    circles = [(positions[e.id][0], positions[e.id][1], radius[e.id]) for e in entities]
    priority = sorted(entities, key=lambda e: (e.id != centre, -degree.get(e.id, 0), e.id))
    labels = place_labels(
        [(e.id, short_label(e), *positions[e.id], radius[e.id]) for e in priority],
        circles,
        (10.0, 40.0, plot[2] + 30.0, height - 10.0),
        taken=[(20.0, 14.0, 20.0 + text_width(title, 16.0), 36.0)],
        segments=[(*positions[r.subject], *positions[r.object]) for r in relations],
    )
    nodes = ET.SubElement(root, "g", {"class": "entities", "font-size": _n(FONT_SIZE)})
    for e in entities:
        x, y = positions[e.id]
        group = ET.SubElement(nodes, "g", {"class": "entity", "data-id": e.id, "data-kind": e.kind.value})
        attributes = {
            "cx": _n(x),
            "cy": _n(y),
            "r": _n(radius[e.id]),
            "fill": KIND_COLOURS[e.kind],
            "stroke": "#222222" if e.start is not None and e.start.inferred else "#ffffff",
            "stroke-width": "1.5",
        }
        if e.start is not None and e.start.inferred:
            attributes["stroke-dasharray"] = "3 2"
        circle = ET.SubElement(group, "circle", attributes)
        ET.SubElement(circle, "title").text = f"{e.name} ({e.kind.value}, {e.id})"
        if e.id in labels:
            tx, ty, anchor, _ = labels[e.id]
            text = _text(
                group,
                tx,
                ty,
                short_label(e),
                **{
                    "class": "label",
                    "text-anchor": anchor,
                    "stroke": "#ffffff",
                    "stroke-width": "3",
                    "paint-order": "stroke",
                    "fill": "#111111",
                    "font-weight": "bold" if e.id == centre else "normal",
                },
            )
            ET.SubElement(text, "title").text = e.name
    kinds = [k for k in KIND_COLOURS if any(e.kind is k for e in entities)]
    _legend_panel(
        root,
        width - legend_width + 10.0,
        70.0,
        kinds,
        sorted({r.predicate for r in relations}),
        any(_inferred(r) for r in relations),
    )
    omitted = len(entities) - len(labels)
    if omitted:
        _text(
            root,
            width - legend_width + 10.0,
            height - 20.0,
            f"{omitted} label{'s' if omitted != 1 else ''} left out to avoid overlap",
            **{"font-size": "11", "fill": "#555555", "class": "note"},
        )
    return _serialise(root)


def _when(relation: Relation) -> str:
    return period_text(relation.start, relation.end, notes=False)
