"""The columns a list of entities can show: what each one says about an entity, read from the dataset.

Each column is one entry of :data:`LIST_COLUMNS`: its name, what it shows, and a function giving
its value for one entity as plain JSON data (text, numbers, lists and dicts), which ``list --json``
prints as it is and a table joins into one cell (:func:`cell_text`). Which columns a kind shows by
default is a fact of the kind, kept in its entry of ``_model._kinds.ENTITY_KINDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from eu_iot_coop._model import BY_NAME, Entity, Kind, PlaceType, When, normalize
from eu_iot_coop._present import figure_value, marked_period, marked_text

from ._regions import ATTACHING, COOPERATING, PARTICIPATING, PARTY, SITING

if TYPE_CHECKING:
    from ._dataset import Dataset

Value = Callable[["Dataset", Entity], Any]


@attrs.frozen
class ListColumn:
    """A column of ``list``: its name, what it shows, and its value for one entity as plain JSON data."""

    name: str
    description: str
    value: Value


def _date(when: When | None) -> dict[str, Any] | None:
    return None if when is None else {"date": str(when.date), "inferred": when.inferred, "text": marked_text(when)}


def _named(dataset: Dataset, entity: Entity, predicate: str) -> list[dict[str, str]]:
    return [_end(n.entity) for n in dataset.neighbours(entity.id, predicate=predicate)]


def _end(entity: Entity) -> dict[str, str]:
    # A table cell names it short: its acronym where it has one.
    return {"id": entity.id, "name": entity.name, "text": entity.acronym or entity.name}


def _period(dataset: Dataset, entity: Entity) -> dict[str, Any]:
    return {"start": _date(entity.start), "end": _date(entity.end), "text": marked_period(entity.start, entity.end)}


def _budget(dataset: Dataset, entity: Entity) -> list[dict[str, Any]]:
    # Money only, so that a budget is never read in another unit; each with its currency.
    return [
        {"quantity": f.quantity, "value": f.value, "unit": f.unit, "text": figure_value(f)}
        for f in dataset.figures(entity.id)
        if f.money and " budget " in f" {normalize(f.quantity)} "
    ]


#: The predicates, read from the entity, whose other ends take part in it: its parties and participants, as the
#: region rules read them (read here from the agreement's or project's side), and its coordinators.
_TAKING_PART: Final = frozenset(BY_NAME[p].inverse for p in PARTY | PARTICIPATING) | {BY_NAME["coordinates"].inverse}
#: The predicates, read from the entity, that put it in a place: where it is, is held, or cooperates.
_ITS_PLACES: Final = ATTACHING | COOPERATING


def _countries(dataset: Dataset, entity: Entity) -> list[dict[str, str]]:
    found: dict[str, Entity] = {}
    # Its own places, then only where those taking part are located (not where they cooperate elsewhere).
    places = [n.entity for n in dataset.neighbours(entity.id, predicate=_ITS_PLACES)]
    for end in dataset.neighbours(entity.id, predicate=_TAKING_PART):
        places.extend(n.entity for n in dataset.neighbours(end.entity.id, predicate=SITING))
    for place in places:
        if place.kind is Kind.PLACE and getattr(place, "place_type", None) is PlaceType.COUNTRY:
            found.setdefault(place.id, place)
    return [_end(place) for place in sorted(found.values(), key=lambda place: place.name)]


def _roles(dataset: Dataset, entity: Entity) -> list[dict[str, Any]]:
    roles = [n for n in dataset.neighbours(entity.id, direction="out") if BY_NAME[n.predicate].role]
    return [
        {
            "predicate": n.predicate,
            **_end(n.entity),
            "when": marked_period(n.relation.start, n.relation.end),
        }
        for n in roles
    ]


#: Every column ``list`` can show, by name.
LIST_COLUMNS: Final[Mapping[str, ListColumn]] = MappingProxyType(
    {
        column.name: column
        for column in (
            ListColumn("start", "when it began: founded, signed, started or published", lambda _, e: _date(e.start)),
            ListColumn("period", "when it began and ended", _period),
            ListColumn("parties", "the parties to an agreement", lambda ds, e: _named(ds, e, "has_party")),
            ListColumn("coordinator", "who coordinates it", lambda ds, e: _named(ds, e, "coordinated_by")),
            ListColumn("participants", "who takes part in it", lambda ds, e: _named(ds, e, "has_participant")),
            ListColumn("organisers", "who organises an event", lambda ds, e: _named(ds, e, "organised_by")),
            ListColumn("place", "where an event is held", lambda ds, e: _named(ds, e, "held_in")),
            ListColumn("budget", "its budgets in money, each with its currency", _budget),
            ListColumn(
                "countries",
                "the countries it is in, held in or cooperates with, and those its parties, participants and"
                " coordinators are located in",
                _countries,
            ),
            ListColumn("roles", "the roles a person or body holds (chairs, works for ...), with their dates", _roles),
        )
    }
)


def cell_text(value: Any) -> str:
    """A column's value as one table cell: a date marked ``~`` when inferred, names joined by commas."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("text") or "")
    if isinstance(value, list):
        return ", ".join(filter(None, (_item_text(item) for item in value)))
    return str(value)


def _item_text(item: Any) -> str:
    if isinstance(item, dict) and "predicate" in item:
        when = f" ({item['when']})" if item.get("when") else ""
        return f"{item['predicate']} {item['text']}{when}"
    return cell_text(item)
