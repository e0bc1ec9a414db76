"""What queries return: search matches, neighbours, traversal steps and timeline entries.

Neighbours and steps are named tuples rather than attrs classes: traversals make
one per edge, a tuple is several times cheaper to create, and they unpack like
networkx's edge tuples (``for predicate, entity, relation in ...``).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import attrs

from eu_iot_coop._model import Entity, Figure, PartialDate, Relation, When

EventName = Literal["start", "end", "as_of"]
#: How a search matched, best first (see :meth:`Dataset.search`).
MatchTier = Literal["exact", "code", "prefix", "word", "fuzzy", "description"]


def _brief(record: Entity | Relation | Figure) -> str:
    # Whole records make a list of results unreadable; their identity is enough.
    if isinstance(record, Relation):
        return f"<Relation {record.key!r}>"
    return f"<{type(record).__name__} {record.id!r}>"


@attrs.frozen
class Match:
    """One search hit: the entity, how well it matched (1.0 is exact), the name or code that matched, and how.

    ``tier`` is ``"exact"``, ``"code"``, ``"prefix"``, ``"word"``, ``"fuzzy"`` or ``"description"``
    (for a description match ``matched_name`` is the entity's name); see :meth:`Dataset.search`.
    """

    entity: Entity = attrs.field(repr=_brief)
    score: float
    matched_name: str
    tier: MatchTier = "fuzzy"


class Neighbour(NamedTuple):
    """An adjacent entity, the predicate as read from the entity asked about, and the relation."""

    predicate: str
    entity: Entity
    relation: Relation

    def __repr__(self) -> str:
        return f"Neighbour({self.predicate!r}, {_brief(self.entity)}, {_brief(self.relation)})"


class Step(NamedTuple):
    """One edge of a walk or path: ``source --predicate--> target``, ``depth`` edges from the start.

    ``predicate`` is read from ``source``: an inverse name when the relation points the other way.
    """

    depth: int
    source: Entity
    predicate: str
    target: Entity
    relation: Relation

    def __repr__(self) -> str:
        return f"Step({self.depth}, {_brief(self.source)}, {self.predicate!r}, {_brief(self.target)})"


@attrs.frozen
class TimelineEntry:
    """A dated moment: an entity or relation starting or ending, or a figure's "as of" date."""

    date: PartialDate
    event: EventName
    record: Entity | Relation | Figure = attrs.field(repr=_brief)
    when: When = attrs.field(repr=False)
