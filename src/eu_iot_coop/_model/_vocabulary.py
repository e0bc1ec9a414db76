"""The closed vocabulary of relation predicates.

Each predicate has an inverse name (the same fact read from the object's end),
a domain (kinds allowed as subject) and a range (kinds allowed as object). Data
files use the forward names only; queries accept either.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from ._records import Kind

_ALL: Final = frozenset(Kind)
_ACTORS: Final = frozenset({Kind.ORGANISATION, Kind.PERSON})
_NOT_PEOPLE: Final = _ALL - {Kind.PERSON}
_WORKS: Final = frozenset({Kind.DOCUMENT, Kind.AGREEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.STANDARD, Kind.EVENT})


@attrs.frozen
class Predicate:
    """A relation type: forward name, inverse name, allowed subject and object kinds."""

    name: str
    inverse: str
    domain: frozenset[Kind]
    range: frozenset[Kind]
    description: str
    #: The hierarchy the predicate orders entities in, if any: the relations of all predicates of one
    #: hierarchy taken together may form no cycle (``part_of`` and ``located_in`` both nest places).
    hierarchy: str = ""
    #: Whether no entity may have the relation with itself (true of every hierarchical or symmetric predicate).
    no_self_loops: bool = False

    @property
    def symmetric(self) -> bool:
        """Whether the predicate reads the same from both ends (and so is stated once, either way)."""
        return self.name == self.inverse

    @property
    def irreflexive(self) -> bool:
        """Whether a relation of this predicate from an entity to itself is an error."""
        return self.no_self_loops or bool(self.hierarchy) or self.symmetric


def _p(
    name: str,
    inverse: str,
    domain: frozenset[Kind],
    range_: frozenset[Kind],
    description: str,
    *,
    hierarchy: str = "",
    no_self_loops: bool = False,
) -> Predicate:
    return Predicate(name, inverse, frozenset(domain), frozenset(range_), description, hierarchy, no_self_loops)


_O = frozenset({Kind.ORGANISATION})
_PLACE = frozenset({Kind.PLACE})
_TOPIC = frozenset({Kind.TOPIC})
_DOC = frozenset({Kind.DOCUMENT})

PREDICATES: Final[tuple[Predicate, ...]] = (
    _p("about", "subject_of", _WORKS, _ALL, "A work is about a subject: a topic, body, place or other entity."),
    _p(
        "accompanies",
        "accompanied_by",
        _DOC,
        _DOC,
        "A document accompanies or supports another document.",
        no_self_loops=True,
    ),
    _p("adopted", "adopted_by", _O, _DOC | {Kind.PROGRAMME}, "A body formally adopted a document or initiative."),
    _p("aligned_with", "aligned_with", _WORKS, _WORKS, "Two works pursue the same line (symmetric)."),
    _p("authored", "authored_by", _ACTORS, _DOC | {Kind.STANDARD}, "A person or body wrote a document."),
    _p(
        "broader",
        "narrower",
        _TOPIC,
        _TOPIC,
        "A topic is a narrower case of another (the object is the broader topic).",
        hierarchy="topics",
    ),
    _p("chairs", "chaired_by", _ACTORS, _O | {Kind.EVENT}, "A person or body chairs a body or event."),
    _p(
        "cooperates_with",
        "cooperates_with",
        _O | {Kind.PROJECT, Kind.PROGRAMME},
        _O | {Kind.PROJECT, Kind.PROGRAMME},
        "Two bodies, projects or programmes work together (symmetric).",
    ),
    _p(
        "cooperates_with_place",
        "place_cooperating_with",
        _O | {Kind.PROJECT, Kind.PROGRAMME, Kind.AGREEMENT},
        _PLACE,
        "A body, project, programme or agreement organises cooperation with a country or region.",
    ),
    _p("coordinates", "coordinated_by", _ACTORS | {Kind.PROJECT}, _NOT_PEOPLE, "Leads or coordinates an activity."),
    _p("developed", "developed_by", _ACTORS | {Kind.PROJECT}, _WORKS, "Developed a standard, document or work."),
    _p(
        "focuses_on",
        "focus_of",
        _O | {Kind.PROJECT, Kind.PROGRAMME, Kind.EVENT},
        _TOPIC,
        "A body, project, programme or event concentrates its work on a topic.",
    ),
    _p(
        "founded",
        "founded_by",
        _ACTORS,
        _O | {Kind.PROJECT},
        "Founded, inaugurated or set up a body.",
        no_self_loops=True,
    ),
    _p("funds", "funded_by", _O | {Kind.PROGRAMME}, _NOT_PEOPLE, "Pays for a project, programme or body."),
    _p("has_objective", "objective_of", _WORKS, _TOPIC, "A programme, strategy or agreement pursues an objective."),
    _p("has_pillar", "pillar_of", _WORKS, _TOPIC, "A strategy or vision rests on a pillar."),
    _p("held_in", "venue_of", frozenset({Kind.EVENT}), _PLACE, "An event took place in a place."),
    _p("implements", "implemented_by", _O | {Kind.PROJECT}, _WORKS, "Carries out a programme, project or agreement."),
    _p("launched", "launched_by", _ACTORS, _WORKS | _O, "Launched a body, initiative, project or standard."),
    _p(
        "located_in",
        "location_of",
        _O | _PLACE | {Kind.EVENT, Kind.PROJECT},
        _PLACE,
        "Is in, or based in, a place.",
        hierarchy="containment",
    ),
    _p("member_of", "has_member", _ACTORS | _PLACE, _O, "Belongs to a body as a member.", hierarchy="membership"),
    _p("mentions", "mentioned_in", _DOC, _ALL, "A document names an entity without being mainly about it."),
    _p(
        "organises",
        "organised_by",
        _ACTORS | {Kind.PROJECT},
        frozenset({Kind.EVENT}),
        "A person, body or project organises or hosts an event.",
    ),
    _p(
        "part_of",
        "has_part",
        _NOT_PEOPLE,
        _NOT_PEOPLE,
        "Is a component, unit or sub-initiative of a larger whole.",
        hierarchy="containment",
    ),
    _p("participates_in", "has_participant", _ACTORS | {Kind.PROJECT}, _WORKS | _O, "Takes part in an activity."),
    _p("party_to", "has_party", _ACTORS, frozenset({Kind.AGREEMENT}), "Is a party to (signed) an agreement."),
    _p(
        "published",
        "published_by",
        _O | {Kind.PROJECT},
        _DOC | {Kind.STANDARD},
        "A body or project published a document or standard.",
    ),
    _p("recommends", "recommended_by", _DOC | _O, _ALL, "Recommends a course of action, work or topic."),
    _p("signed_at", "signing_venue_of", frozenset({Kind.AGREEMENT}), frozenset({Kind.EVENT}), "Signed at an event."),
    _p("supports", "supported_by", _NOT_PEOPLE, _NOT_PEOPLE, "Supports an activity without leading it."),
    _p("works_for", "employs", frozenset({Kind.PERSON}), _O, "A person works for or represents a body."),
    _p(
        "writes_about",
        "written_about_by",
        frozenset({Kind.PERSON}),
        _ALL - {Kind.PERSON},
        "A person wrote about a subject: a post or paper of theirs is about it.",
    ),
)

#: Forward predicates by name.
BY_NAME: Final[Mapping[str, Predicate]] = MappingProxyType({p.name: p for p in PREDICATES})

#: Every accepted name, forward and inverse, mapped to its predicate and whether it reads forward.
DIRECTION: Final[Mapping[str, tuple[Predicate, bool]]] = MappingProxyType(
    {**{p.inverse: (p, False) for p in PREDICATES}, **{p.name: (p, True) for p in PREDICATES}}
)
