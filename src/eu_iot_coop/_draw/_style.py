"""The colours of the drawings: one per entity kind, one per group of predicates, read from the model's tables.

Every drawing reads a kind's colour through :func:`kind_colour` and a predicate's group through
:func:`predicate_group` (or :func:`relation_legend` for a legend's order); the facts themselves are
each kind's entry (:attr:`EntityKind.colour`) and each predicate's (:attr:`Predicate.group`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from eu_iot_coop._model import BY_NAME, KINDS, PREDICATE_GROUPS, PREDICATES, Kind, PredicateGroup

#: A relation drawn in no group's colour: the whole network's lines, the timeline's relation rows.
RELATION_COLOUR: Final = "#555555"
#: The group of a predicate outside the vocabulary (none of a checked dataset's).
OTHER: Final = PredicateGroup("other", "#777777")


def kind_colour(kind: Kind) -> str:
    """The colour of an entity of *kind*."""
    return KINDS[kind].colour


def predicate_group(predicate: str) -> PredicateGroup:
    """The group a relation of *predicate* is drawn in (:data:`OTHER` for a name outside the vocabulary)."""
    known = BY_NAME.get(predicate)
    return OTHER if known is None else known.group


def relation_legend(predicates: Iterable[str]) -> tuple[tuple[PredicateGroup, tuple[str, ...]], ...]:
    """The groups of *predicates* in legend order, each with its predicates present in the vocabulary's order
    (``other`` last, sorted)."""
    present = set(predicates)
    listed = [
        (group, tuple(p.name for p in PREDICATES if p.group == group and p.name in present))
        for group in PREDICATE_GROUPS
    ]
    others = tuple(sorted(p for p in present if p not in BY_NAME))
    return tuple((group, names) for group, names in [*listed, (OTHER, others)] if names)
