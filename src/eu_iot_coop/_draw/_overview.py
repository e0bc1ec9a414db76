"""The region overview: the EU's actors on the left, partner regions on the right, links weighted by records.

The EU actors are the organisations on the EU side (:meth:`Dataset.side`: the EU's
institutions and bodies, and what is based in the EU) and the EU's own programmes.
A link joins an EU actor and a partner region for each agreement, project,
event or programme (the dialogues are programmes and events) whose partners are
in the region (the dataset's ``partner_region=`` filter, over the UN M49 place
hierarchy: in the region, or cooperating with it) and which has a relation with the
actor, directly or through one programme (a project funded under a call that is
part of Horizon 2020 counts for Horizon 2020).
Its width grows with that number; its tooltip (``<title>``) gives the number
and every record id, and a table under the picture repeats each count, so
each can be checked against the records. A fixed two-column layout, not a force layout:
the picture depends only on the counts, reads left to right, and has no
crossing labels. :func:`links` counts, :func:`overview_geometry` places the columns, lines
and table (an :class:`OverviewPicture`), and ``_overview_svg.write_overview`` writes the SVG.
"""

from __future__ import annotations

import math
from typing import Final, Literal

import attrs

from eu_iot_coop._model import Entity, Kind
from eu_iot_coop._query import PARTNER_REGIONS, Dataset

from ._labels import short_label, shorten

#: The partner regions and countries, as places of the M49 hierarchy, in the order drawn.
PARTNERS: Final[tuple[str, ...]] = PARTNER_REGIONS
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
    """The EU's actors: the organisations on the EU side (the dataset's one rule, ``side="eu"``), and the EU's
    own programmes (in no partner region, and launched, funded or adopted by no organisation off the EU side)."""
    found: dict[str, Entity] = {e.id: e for e in dataset.entities(kind="organisation", side="eu")}
    organisations = set(found)
    # The EU's own programmes (FP7, Horizon 2020, ...): in no partner region, and no other side's.
    abroad = {
        e.id
        for partner in PARTNERS
        if partner in dataset
        for e in dataset.entities(kind="programme", partner_region=partner)
    }
    for programme in dataset.entities(kind="programme"):
        others = [
            n.entity.id
            for n in dataset.neighbours(programme.id, predicate=("launched_by", "funded_by", "adopted_by"))
            if n.entity.kind is Kind.ORGANISATION and n.entity.id not in organisations
        ]
        if programme.id not in abroad and not others:
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
        for record in dataset.entities(kind=LINKING_KINDS, partner_region=partner):
            for actor in linked_actors(dataset, record, actors):
                by_actor.setdefault(actor, set()).add(record.id)
        result.extend(Link(actor, partner, tuple(sorted(ids))) for actor, ids in sorted(by_actor.items()))
    return result


def linked_actors(dataset: Dataset, record: Entity, actors: set[str]) -> set[str]:
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


#: Where the columns start, and how tall each of their rows is.
TOP: Final = 150.0
ROW: Final = 60.0
CELL_HEIGHT: Final = 24.0
#: Where the table's first count column starts.
TABLE_FIRST: Final = 230.0
TITLE: Final = "EU international IoT cooperation by partner region"
#: The lines under the title, and where they are written.
EXPLANATION: Final = (
    (62, "Line width: the number of agreements, projects, events and programmes"),
    (80, "(dialogues included) that link the two. Hover a line or a count for the"),
    (98, "record ids; the table below gives each count."),
)


@attrs.frozen
class Station:
    """An EU actor or a partner region, placed in its column: a circle sized by its number of records."""

    side: Literal["actor", "partner"]
    id: str
    name: str
    label: str
    x: float
    y: float
    radius: float
    total: int
    colour: str

    @property
    def count_text(self) -> str:
        return _records(self.total)


@attrs.frozen
class Curve:
    """A link, drawn as a curve from its actor's circle to its partner's, as wide as its count asks."""

    link: Link
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: str
    tooltip: str


@attrs.frozen
class Cell:
    """A count in the table (``None``: no link), centred on ``x``."""

    x: float
    count: int | None
    colour: str
    tooltip: str


@attrs.frozen
class TableRow:
    """An actor's row of the table: its top, whether it is shaded, its name and its counts."""

    y: float
    shaded: bool
    label: str
    cells: tuple[Cell, ...]


@attrs.frozen
class Table:
    """The table of counts: its top, each region's heading words (x, y, text), the rows, and how wide they are."""

    top: float
    headings: tuple[tuple[float, float, str], ...]
    rows: tuple[TableRow, ...]
    row_width: float


@attrs.frozen
class OverviewPicture:
    """The overview, placed; with no links, only its heading and a sentence saying so."""

    width: float
    height: float
    stations: tuple[Station, ...]
    curves: tuple[Curve, ...]
    table: Table | None
    left_x: float
    right_x: float


def _name(entity: Entity) -> str:
    """The full name where it is short enough to read at a glance, else the acronym."""
    return entity.name if len(entity.name) <= 30 else short_label(entity)


def _radius(total: int) -> float:
    return 6.0 + 2.0 * math.sqrt(total)


def _records(count: int) -> str:
    return f"{count} record{'s' if count != 1 else ''}"


def overview_geometry(dataset: Dataset, *, width: float = 760.0) -> OverviewPicture:
    """Place the links of *dataset*: actors on the left by their number of records, regions on the right."""
    found = links(dataset)
    actor_totals: dict[str, set[str]] = {}
    partner_totals: dict[str, set[str]] = {}
    for link in found:
        actor_totals.setdefault(link.actor, set()).update(link.records)
        partner_totals.setdefault(link.partner, set()).update(link.records)
    actors = sorted(actor_totals, key=lambda a: (-len(actor_totals[a]), a))
    partners = [p for p in PARTNERS if p in partner_totals]
    rows = max(len(actors), len(partners), 1)
    table_top = TOP + rows * ROW + 50.0
    height = table_top + 40.0 + len(actors) * CELL_HEIGHT + 30.0
    left_x, right_x = 270.0, width - 180.0
    if not found:
        return OverviewPicture(width, height, (), (), None, left_x, right_x)

    def y_of(index: int, count: int) -> float:
        # Each column is centred vertically, so a short column does not hang from the top.
        return TOP + (rows - count) * ROW / 2 + index * ROW + ROW / 2

    colour = {p: _PARTNER_COLOURS[PARTNERS.index(p) % len(_PARTNER_COLOURS)] for p in partners}
    on_left = {}
    for index, actor in enumerate(actors):
        entity, total = dataset.get(actor), len(actor_totals[actor])
        y = y_of(index, len(actors))
        on_left[actor] = Station(
            "actor", actor, entity.name, _name(entity), left_x, y, _radius(total), total, _EU_COLOUR
        )
    on_right = {}
    for index, partner in enumerate(partners):
        entity, total = dataset.get(partner), len(partner_totals[partner])
        y = y_of(index, len(partners))
        on_right[partner] = Station(
            "partner", partner, entity.name, entity.name, right_x, y, _radius(total), total, colour[partner]
        )
    curves = tuple(_curve(dataset, link, on_left[link.actor], on_right[link.partner]) for link in found)
    table = _table(dataset, found, actors, partners, table_top, width, colour)
    return OverviewPicture(width, height, (*on_left.values(), *on_right.values()), curves, table, left_x, right_x)


def _curve(dataset: Dataset, link: Link, actor: Station, partner: Station) -> Curve:
    count = len(link.records)
    tooltip = f"{_name(dataset.get(link.actor))} and {partner.name}: {_records(count)}\n" + _records_text(
        dataset, link.records
    )
    return Curve(
        link,
        actor.x + actor.radius,
        actor.y,
        partner.x - partner.radius,
        partner.y,
        1.5 + 2.0 * math.sqrt(count),
        partner.colour,
        tooltip,
    )


def _table(
    dataset: Dataset,
    found: list[Link],
    actors: list[str],
    partners: list[str],
    top: float,
    width: float,
    colour: dict[str, str],
) -> Table:
    """The counts of the links as a table under the picture, one row per actor, one column per region."""
    cell = (width - 20.0 - TABLE_FIRST) / max(len(partners), 1)
    centres = [TABLE_FIRST + column * cell + cell / 2 for column in range(len(partners))]
    # One word a line, so that "Northern America" fits its column.
    headings = tuple(
        (x, top + 14 + 15 * line, shorten(word, int(cell / 7.5)))
        for x, partner in zip(centres, partners, strict=True)
        for line, word in enumerate(dataset.get(partner).name.split()[:2])
    )
    counts = {(link.actor, link.partner): link for link in found}
    rows = []
    for index, actor in enumerate(actors):
        cells = []
        for x, partner in zip(centres, partners, strict=True):
            link = counts.get((actor, partner))
            if link is None:
                cells.append(Cell(x, None, "#999999", ""))
            else:
                cells.append(Cell(x, len(link.records), colour[partner], _records_text(dataset, link.records)))
        y = top + 16 + (index + 1) * CELL_HEIGHT
        rows.append(TableRow(y, index % 2 == 0, _name(dataset.get(actor)), tuple(cells)))
    return Table(top, headings, tuple(rows), TABLE_FIRST - 20 + cell * len(partners))
