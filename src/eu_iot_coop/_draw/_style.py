"""The colours of the drawings: one per entity kind, one per group of predicates.

Every drawing reads a kind's colour through :func:`kind_colour` and a predicate's group through
:func:`predicate_group` (or :func:`relation_legend` for a legend's order), so that these facts can
move into the vocabulary's tables by changing this module alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from eu_iot_coop._model import Kind

#: One colour per entity kind (the Tableau 10 palette, readable on white and for most colour-blind readers).
KIND_COLOURS: Final[dict[Kind, str]] = {
    Kind.ORGANISATION: "#4e79a7",
    Kind.PERSON: "#f28e2b",
    Kind.PLACE: "#59a14f",
    Kind.AGREEMENT: "#e15759",
    Kind.DOCUMENT: "#76b7b2",
    Kind.PROGRAMME: "#edc948",
    Kind.PROJECT: "#b07aa1",
    Kind.STANDARD: "#ff9da7",
    Kind.EVENT: "#9c755f",
    Kind.TOPIC: "#bab0ac",
}
#: A relation drawn in no group's colour: the whole network's lines, the timeline's relation rows.
RELATION_COLOUR: Final = "#555555"

#: Relations grouped by what they say, one colour per group (the line styles of the legend).
PREDICATE_GROUPS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("structure", "#4d4d4d", ("part_of", "member_of", "works_for", "chairs", "has_pillar", "broader")),
    (
        "agreements and cooperation",
        "#c0392b",
        ("party_to", "cooperates_with", "signed_at", "aligned_with", "supports", "implements", "adopted"),
    ),
    (
        "projects, funding and events",
        "#2c6fbb",
        ("participates_in", "coordinates", "funds", "founded", "launched", "organises", "developed"),
    ),
    ("places", "#3a8a3a", ("located_in", "held_in", "cooperates_with_place")),
    (
        "documents and topics",
        "#8e6bb0",
        ("about", "focuses_on", "authored", "published", "has_objective", "accompanies"),
    ),
)


@attrs.frozen
class RelationGroup:
    """A group of predicates as a legend names it, and the colour of its lines."""

    name: str
    colour: str


#: The group of a predicate no group lists.
OTHER: Final = RelationGroup("other", "#777777")
_GROUPS: Final = tuple(RelationGroup(name, colour) for name, colour, _ in PREDICATE_GROUPS)
_GROUP_OF: Final = {
    predicate: group for group, (_, _, names) in zip(_GROUPS, PREDICATE_GROUPS, strict=True) for predicate in names
}


def kind_colour(kind: Kind) -> str:
    """The colour of an entity of *kind*."""
    return KIND_COLOURS[kind]


def predicate_group(predicate: str) -> RelationGroup:
    """The group a relation of *predicate* is drawn in (:data:`OTHER` for a predicate in no group)."""
    return _GROUP_OF.get(predicate, OTHER)


def relation_legend(predicates: Iterable[str]) -> tuple[tuple[RelationGroup, tuple[str, ...]], ...]:
    """The groups of *predicates* in legend order, each with its predicates present (``other`` last, sorted)."""
    present = set(predicates)
    listed = [
        (group, tuple(p for p in names if p in present))
        for group, (_, _, names) in zip(_GROUPS, PREDICATE_GROUPS, strict=True)
    ]
    others = tuple(sorted(p for p in present if p not in _GROUP_OF))
    return tuple((group, names) for group, names in [*listed, (OTHER, others)] if names)
