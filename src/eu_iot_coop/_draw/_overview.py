"""The region overview: the EU's actors on the left, partner regions on the right, links weighted by records.

A link joins an EU actor and a partner region for each agreement, project,
event or programme (the dialogues are programmes and events) that is *in* the
region (the dataset's ``region=`` filter, over the UN M49 place hierarchy) and
has a relation with the actor, directly or through one programme (a project
funded under a call that is part of Horizon 2020 counts for Horizon 2020).
Its width grows with that number; its tooltip (``<title>``) gives the number
and every record id, and a table under the picture repeats each count, so
each can be checked against the records. A fixed two-column layout, not a force layout:
the picture depends only on the counts, reads left to right, and has no
crossing labels.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Final

import attrs

from eu_iot_coop._model import PREDICATES, Entity, Kind
from eu_iot_coop._query import Dataset

from ._svg import _n, _serialise, _svg, _text, short_label, shorten

#: The partner regions and countries, as places of the M49 hierarchy, in the order drawn.
PARTNERS: Final[tuple[str, ...]] = ("china", "japan", "korea", "india", "northern-america", "brazil", "africa")
#: The EU itself, the Commission, and the European Union as a place: whatever lies inside one of them is an EU actor.
EU: Final[tuple[str, ...]] = ("eu", "european-commission", "european-union")
#: What counts as a link: records of these kinds.
LINKING_KINDS: Final[tuple[Kind, ...]] = (Kind.AGREEMENT, Kind.PROJECT, Kind.EVENT, Kind.PROGRAMME)
_PARTNER_COLOURS: Final[tuple[str, ...]] = ("#c0392b", "#2c6fbb", "#3a8a3a", "#d35400", "#7b4fa0", "#1f8a8a", "#8a6d1f")
_EU_COLOUR: Final = "#003399"
FONT_SIZE: Final = 13.0


@attrs.frozen
class Link:
    """The records linking an EU actor and a partner region."""

    actor: str
    partner: str
    records: tuple[str, ...]


def eu_actors(dataset: Dataset) -> list[Entity]:
    """The EU's actors: the EU (``eu``); every entity but a place that lies inside (a *nested* predicate:
    ``part_of``, ``located_in``) the EU, the Commission (its services) or the European Union as a place;
    and the EU's own programmes (those in no partner region)."""
    found: dict[str, Entity] = {}
    if "eu" in dataset:
        found["eu"] = dataset.get("eu")
    inside = [(predicate.name, target) for predicate in PREDICATES if predicate.nested for target in EU]
    for predicate, target in inside:
        if target in dataset:
            for relation in dataset.relations(predicate=predicate, object=target):
                subject = dataset.get(relation.subject)
                if subject.kind is not Kind.PLACE:
                    found[subject.id] = subject
    # The EU's own programmes (FP7, Horizon 2020, ...): those in no partner region.
    abroad = {
        e.id for partner in PARTNERS if partner in dataset for e in dataset.entities(kind="programme", region=partner)
    }
    for programme in dataset.entities(kind="programme"):
        if programme.id not in abroad:
            found[programme.id] = programme
    return [found[key] for key in sorted(found)]


def links(dataset: Dataset) -> list[Link]:
    """Every (EU actor, partner region) pair with at least one record linking them, with the record ids."""
    actors = {entity.id for entity in eu_actors(dataset)}
    result: list[Link] = []
    for partner in PARTNERS:
        if partner not in dataset:
            continue
        by_actor: dict[str, set[str]] = {}
        for record in dataset.entities(kind=LINKING_KINDS, region=partner):
            for actor in _linked_actors(dataset, record, actors):
                by_actor.setdefault(actor, set()).add(record.id)
        result.extend(Link(actor, partner, tuple(sorted(ids))) for actor, ids in sorted(by_actor.items()))
    return result


def _linked_actors(dataset: Dataset, record: Entity, actors: set[str]) -> set[str]:
    """The EU actors related to *record*, directly or through one programme (FP7 funds a project, say)."""
    found = set()
    for neighbour in dataset.neighbours(record.id):
        if neighbour.entity.id in actors:
            found.add(neighbour.entity.id)
        elif neighbour.entity.kind is Kind.PROGRAMME:
            found.update(n.entity.id for n in dataset.neighbours(neighbour.entity.id) if n.entity.id in actors)
    return found


def _records_text(dataset: Dataset, ids: tuple[str, ...]) -> str:
    lines = []
    for kind in LINKING_KINDS:
        of_kind = [i for i in ids if dataset.get(i).kind is kind]
        if of_kind:
            lines.append(f"{kind.value}: {', '.join(of_kind)}")
    return "\n".join(lines)


def overview_svg(dataset: Dataset, *, width: float = 760.0) -> str:
    """The region overview as SVG (see the module's docstring for what is counted).

    760 px wide by default: the width of a documentation page's column, so that the
    picture is shown at (nearly) its natural size and its 12-13 px text stays readable.
    """
    found = links(dataset)
    actor_totals: dict[str, set[str]] = {}
    partner_totals: dict[str, set[str]] = {}
    for link in found:
        actor_totals.setdefault(link.actor, set()).update(link.records)
        partner_totals.setdefault(link.partner, set()).update(link.records)
    actors = sorted(actor_totals, key=lambda a: (-len(actor_totals[a]), a))
    partners = [p for p in PARTNERS if p in partner_totals]
    top, row = 150.0, 60.0
    rows = max(len(actors), len(partners), 1)
    diagram_bottom = top + rows * row
    table_top = diagram_bottom + 50.0
    cell_height = 24.0
    height = table_top + 40.0 + len(actors) * cell_height + 30.0
    title = "EU international IoT cooperation by partner region"
    root = _svg(width, height, title)
    ET.SubElement(root, "desc").text = (
        "EU actors on the left, partner regions on the right; each line joins an actor and a region "
        "for the agreements, projects, events and programmes in the region the actor is related to, "
        "its width growing with their number. Each line's tooltip lists the record ids."
    )
    _text(root, 24, 36, title, **{"font-size": "20", "font-weight": "bold", "class": "heading"})
    _text(
        root,
        24,
        62,
        "Line width: the number of agreements, projects, events and programmes",
        **{"font-size": "13", "fill": "#444444"},
    )
    _text(
        root,
        24,
        80,
        "(dialogues included) that link the two. Hover a line or a count for the",
        **{"font-size": "13", "fill": "#444444"},
    )
    _text(root, 24, 98, "record ids; the table below gives each count.", **{"font-size": "13", "fill": "#444444"})
    if not found:
        _text(root, 24, top, "No records link an EU actor to a partner region.", **{"font-size": "13"})
        return _serialise(root)
    left_x, right_x = 270.0, width - 180.0

    def y_of(index: int, count: int) -> float:
        # Each column is centred vertically, so a short column does not hang from the top.
        return top + (rows - count) * row / 2 + index * row + row / 2

    def radius(total: int) -> float:
        return 6.0 + 2.0 * math.sqrt(total)

    actor_pos = {a: (left_x, y_of(i, len(actors))) for i, a in enumerate(actors)}
    partner_pos = {p: (right_x, y_of(i, len(partners))) for i, p in enumerate(partners)}
    colour = {p: _PARTNER_COLOURS[PARTNERS.index(p) % len(_PARTNER_COLOURS)] for p in partners}
    _text(root, left_x, top - 14, "EU actors", **{"font-size": "14", "font-weight": "bold", "text-anchor": "end"})
    _text(root, right_x, top - 14, "Partner regions", **{"font-size": "14", "font-weight": "bold"})

    lines = ET.SubElement(root, "g", {"class": "links", "fill": "none", "stroke-opacity": "0.7"})
    for link in found:
        (x1, y1), (x2, y2) = actor_pos[link.actor], partner_pos[link.partner]
        x1 += radius(len(actor_totals[link.actor]))
        x2 -= radius(len(partner_totals[link.partner]))
        middle = (x1 + x2) / 2
        count = len(link.records)
        path = ET.SubElement(
            lines,
            "path",
            {
                "d": f"M {_n(x1)} {_n(y1)} C {_n(middle)} {_n(y1)} {_n(middle)} {_n(y2)} {_n(x2)} {_n(y2)}",
                "stroke": colour[link.partner],
                "stroke-width": _n(1.5 + 2.0 * math.sqrt(count)),
                "class": "link",
                "data-actor": link.actor,
                "data-partner": link.partner,
                "data-count": str(count),
                "data-records": " ".join(link.records),
            },
        )
        actor_name = _name(dataset.get(link.actor))
        partner_name = dataset.get(link.partner).name
        ET.SubElement(path, "title").text = (
            f"{actor_name} and {partner_name}: {count} record{'s' if count != 1 else ''}\n"
            + _records_text(dataset, link.records)
        )
    nodes = ET.SubElement(root, "g", {"class": "entities", "font-size": _n(FONT_SIZE)})
    for actor in actors:
        entity = dataset.get(actor)
        x, y = actor_pos[actor]
        total = len(actor_totals[actor])
        group = ET.SubElement(nodes, "g", {"class": "entity", "data-id": actor})
        circle = ET.SubElement(
            group,
            "circle",
            {"cx": _n(x), "cy": _n(y), "r": _n(radius(total)), "fill": _EU_COLOUR, "stroke": "#ffffff"},
        )
        ET.SubElement(circle, "title").text = f"{entity.name}: {total} records"
        label = _text(group, x - radius(total) - 8, y + 4.5, _name(entity), **{"text-anchor": "end", "class": "label"})
        ET.SubElement(label, "title").text = entity.name
        _text(
            group,
            x - radius(total) - 8,
            y + 21,
            f"{total} record{'s' if total != 1 else ''}",
            **{"text-anchor": "end", "class": "label", "font-size": "11", "fill": "#555555"},
        )
    for partner in partners:
        entity = dataset.get(partner)
        x, y = partner_pos[partner]
        total = len(partner_totals[partner])
        group = ET.SubElement(nodes, "g", {"class": "entity", "data-id": partner})
        circle = ET.SubElement(
            group,
            "circle",
            {"cx": _n(x), "cy": _n(y), "r": _n(radius(total)), "fill": colour[partner], "stroke": "#ffffff"},
        )
        ET.SubElement(circle, "title").text = f"{entity.name}: {total} records"
        _text(group, x + radius(total) + 8, y + 4.5, entity.name, **{"class": "label", "font-weight": "bold"})
        _text(
            group,
            x + radius(total) + 8,
            y + 21,
            f"{total} record{'s' if total != 1 else ''}",
            **{"class": "label", "font-size": "11", "fill": "#555555"},
        )
    _table(dataset, root, found, actors, partners, table_top, cell_height, colour)
    return _serialise(root)


def _name(entity: Entity) -> str:
    """The full name where it is short enough to read at a glance, else the acronym."""
    return entity.name if len(entity.name) <= 30 else short_label(entity)


def _table(
    dataset: Dataset,
    root: ET.Element,
    found: list[Link],
    actors: list[str],
    partners: list[str],
    top: float,
    cell_height: float,
    colour: dict[str, str],
) -> None:
    """The counts of the links as a table under the picture, one row per actor, one column per region."""
    table = ET.SubElement(root, "g", {"class": "table", "font-size": "12"})
    _text(table, 24, top - 14, "Records per pair", **{"font-size": "14", "font-weight": "bold"})
    first = 230.0
    cell = (float(root.get("width", "760")) - 20.0 - first) / max(len(partners), 1)
    counts = {(link.actor, link.partner): link for link in found}
    for column, partner in enumerate(partners):
        x = first + column * cell + cell / 2
        # One word a line, so that "Northern America" fits its column.
        for line, word in enumerate(dataset.get(partner).name.split()[:2]):
            _text(
                table,
                x,
                top + 14 + 15 * line,
                shorten(word, int(cell / 7.5)),
                **{"text-anchor": "middle", "font-weight": "bold"},
            )
    for index, actor in enumerate(actors):
        y = top + 16 + (index + 1) * cell_height
        if index % 2 == 0:
            ET.SubElement(
                table,
                "rect",
                {
                    "x": "20",
                    "y": _n(y),
                    "width": _n(first - 20 + cell * len(partners)),
                    "height": _n(cell_height),
                    "fill": "#f3f4f7",
                },
            )
        _text(table, 24, y + 16, _name(dataset.get(actor)))
        for column, partner in enumerate(partners):
            link = counts.get((actor, partner))
            x = first + column * cell + cell / 2
            if link is None:
                _text(table, x, y + 16, "·", **{"text-anchor": "middle", "fill": "#999999"})
                continue
            text = _text(
                table,
                x,
                y + 16,
                str(len(link.records)),
                **{"text-anchor": "middle", "fill": colour[partner], "font-weight": "bold", "class": "count"},
            )
            ET.SubElement(text, "title").text = _records_text(dataset, link.records)
