"""The closed vocabulary of relation predicates: one entry per predicate, carrying every fact about it.

Each predicate has an inverse name (the same fact read from the object's end),
a domain (kinds allowed as subject) and a range (kinds allowed as object). Data
files use the forward names only; queries accept either. The entry also says
how the rest of the package treats the predicate (its group in drawings and
legends, whether it must not cycle, its part in the region rules and in the
timeline, its standard RDF term), so that adding a predicate is one entry here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

from ._records import Kind

_ALL: Final = frozenset(Kind)
_ACTORS: Final = frozenset({Kind.ORGANISATION, Kind.PERSON})
_NOT_PEOPLE: Final = _ALL - {Kind.PERSON}
_WORKS: Final = frozenset({Kind.DOCUMENT, Kind.AGREEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.STANDARD, Kind.EVENT})
#: What actors meet through in the actors' network: agreements, projects, programmes (the dialogues among them)
#: and events (a dialogue's meetings among them).
_SHARED: Final = frozenset({Kind.AGREEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.EVENT})


class PredicateGroup(NamedTuple):
    """What a set of predicates says, as drawings colour it and legends name it."""

    name: str
    colour: str


STRUCTURE: Final = PredicateGroup("structure", "#4d4d4d")
COOPERATION: Final = PredicateGroup("agreements and cooperation", "#c0392b")
ACTIVITIES: Final = PredicateGroup("projects, funding and events", "#2c6fbb")
PLACES: Final = PredicateGroup("places", "#3a8a3a")
TEXTS: Final = PredicateGroup("documents and topics", "#8e6bb0")
#: Every group, in the order legends list them.
PREDICATE_GROUPS: Final[tuple[PredicateGroup, ...]] = (STRUCTURE, COOPERATION, ACTIVITIES, PLACES, TEXTS)


class SpatialRole(enum.Enum):
    """The part a predicate plays in the region rules (``_query._regions``), beside nesting places."""

    #: The subject is in every region the object (a place) is in: ``located_in``, ``held_in``.
    PLACES = enum.auto()
    #: The subject is based at the object (a place): what it is party to or takes part in follows it.
    SITES = enum.auto()
    #: The object (an agreement) is in every region where the subject, a party, is based.
    PARTY = enum.auto()
    #: The object (a project or programme) is in every region where the subject, an organisation, is based.
    PARTICIPANT = enum.auto()
    #: The subject works with the object (a place): the "cooperating with" filter reads it, the region filter never.
    COOPERATES = enum.auto()


class SideRole(enum.Enum):
    """The part a predicate plays in the EU-side rule (``_query._sides``), beside the category and the place."""

    #: The subject, a person, is on the side of the object, the body they act for.
    ACTS_FOR = enum.auto()
    #: The subject is one of those who make up the object (a founder, a member, a chair): a body made up by both
    #: the EU side and a partner is international.
    CONSTITUTES = enum.auto()


class Fold(enum.Enum):
    """How a timeline row shows a relation folded into its object's row, rather than as a row of its own."""

    PARTIES = enum.auto()
    FOUNDERS = enum.auto()


class StandardTerm(NamedTuple):
    """A standard RDF property (and its inverse) stated beside ``eic:<predicate>`` between these kinds."""

    property: str
    inverse: str
    subjects: frozenset[Kind]
    objects: frozenset[Kind]


class Predicate(NamedTuple):
    """A relation type: its names, allowed subject and object kinds, meaning, and how the package treats it.

    The vocabulary's tables are named tuples, not attrs classes: they are code, made once at import, and a
    named tuple costs a tenth of an attrs class to define, which every process pays before its first lookup.
    """

    name: str
    inverse: str
    domain: frozenset[Kind]
    range: frozenset[Kind]
    description: str
    # Each property below is a field of every entry; the defaults say "no", so that an entry states what is so.
    #: Where drawings and legends put it.
    group: PredicateGroup
    #: Whether it orders entities in a hierarchy: no entity may be, through it, (transitively) its own object
    #: (a founder comes before what it founds, an accompanying document after the one it accompanies).
    hierarchical: bool = False
    #: Whether its subject lies inside its object (a part in its whole, a place in a wider place).
    nested: bool = False
    #: Its part in the region rules.
    spatial: frozenset[SpatialRole] = frozenset()
    #: Its part in the EU-side rule (who is an EU institution, based in the EU, a partner or international).
    side_role: SideRole | None = None
    #: Whether a timeline shows it inside its object's row, and how; ``None``: a row of its own.
    fold: Fold | None = None
    #: A standard RDF property stated beside the package's own term, if one fits.
    rdf: StandardTerm | None = None
    #: Whether it says that its object took over from its subject (renamed, merged into, succeeded by).
    succession: bool = False
    #: Whether it is a role its subject holds for a time (a post, a chair), dated by the relation's period.
    role: bool = False
    #: The kinds of entity a relation of it may name as the side it is held for (``Relation.on_behalf_of``: the
    #: country or body a co-chair or head of delegation speaks for); empty: it takes no side.
    sides: frozenset[Kind] = frozenset()
    #: The kinds of object through which it joins actors in the actors' network (``Dataset.actor_network``): its
    #: subject, an organisation or a person, takes part in such an object (as a party, participant, organiser,
    #: coordinator, chair or implementer), and the actors taking part in one object are linked.
    joins: frozenset[Kind] = frozenset()

    @property
    def symmetric(self) -> bool:
        """Whether the predicate reads the same from both ends."""
        return self.name == self.inverse

    @property
    def rdf_term(self) -> str:
        """The package's own RDF property for it: ``eic:<name>``."""
        return f"eic:{self.name}"


_O: Final = frozenset({Kind.ORGANISATION})
_PLACE: Final = frozenset({Kind.PLACE})
_TOPIC: Final = frozenset({Kind.TOPIC})
_DOC: Final = frozenset({Kind.DOCUMENT})
_MEMBERSHIP: Final = StandardTerm("org:memberOf", "org:hasMember", _ACTORS, _ALL)
_SUB_ORGANISATION: Final = StandardTerm("org:subOrganizationOf", "org:hasSubOrganization", _O, _O)
#: Who a co-chair, a head of delegation or a representative acts for: a body (the EU) or a country.
_SIDES: Final = frozenset({Kind.ORGANISATION, Kind.PLACE})
#: What can follow another under a new name, by merger or as its successor.
_SUCCEEDING: Final = frozenset({Kind.ORGANISATION, Kind.PROGRAMME, Kind.PROJECT, Kind.AGREEMENT})

PREDICATES: Final[tuple[Predicate, ...]] = (
    Predicate(
        "about",
        "subject_of",
        _WORKS,
        _ALL,
        "A work is about a subject: a topic, body, place or other entity.",
        group=TEXTS,
    ),
    Predicate(
        "accompanies",
        "accompanied_by",
        _DOC,
        _DOC,
        "A document accompanies or supports another document.",
        group=TEXTS,
        hierarchical=True,
    ),
    Predicate(
        "adopted",
        "adopted_by",
        _O,
        _DOC | {Kind.PROGRAMME},
        "A body formally adopted a document or initiative.",
        group=COOPERATION,
    ),
    Predicate(
        "aligned_with", "aligned_with", _WORKS, _WORKS, "Two works pursue the same line (symmetric).", group=COOPERATION
    ),
    Predicate(
        "authored", "authored_by", _ACTORS, _DOC | {Kind.STANDARD}, "A person or body wrote a document.", group=TEXTS
    ),
    Predicate(
        "broader",
        "narrower",
        _TOPIC,
        _TOPIC,
        "A topic is a narrower case of another (the object is the broader topic).",
        group=STRUCTURE,
        hierarchical=True,
    ),
    Predicate(
        "builds_on",
        "built_on_by",
        _WORKS | _O,
        _WORKS | _O,
        "A later partnership, body or work takes up an earlier one, which goes on (not a succession).",
        group=COOPERATION,
        hierarchical=True,
    ),
    Predicate(
        "chairs",
        "chaired_by",
        _ACTORS,
        _O | {Kind.EVENT},
        "A person or body chairs a body or event.",
        group=STRUCTURE,
        role=True,
        sides=_SIDES,
        joins=frozenset({Kind.EVENT}),
        side_role=SideRole.CONSTITUTES,
    ),
    Predicate(
        "cooperates_with",
        "cooperates_with",
        _O | {Kind.PROJECT, Kind.PROGRAMME},
        _O | {Kind.PROJECT, Kind.PROGRAMME},
        "Two bodies, projects or programmes work together (symmetric).",
        group=COOPERATION,
    ),
    Predicate(
        "cooperates_with_place",
        "place_cooperating_with",
        _O | {Kind.PROJECT, Kind.PROGRAMME, Kind.AGREEMENT},
        _PLACE,
        "A body, project, programme or agreement organises cooperation with a country or region.",
        group=PLACES,
        spatial=frozenset({SpatialRole.COOPERATES}),
    ),
    Predicate(
        "coordinates",
        "coordinated_by",
        _ACTORS | {Kind.PROJECT},
        _NOT_PEOPLE,
        "Leads or coordinates an activity.",
        group=ACTIVITIES,
        role=True,
        joins=_SHARED - {Kind.AGREEMENT},
    ),
    Predicate(
        "developed",
        "developed_by",
        _ACTORS | {Kind.PROJECT},
        _WORKS,
        "Developed a standard, document or work.",
        group=ACTIVITIES,
    ),
    Predicate(
        "focuses_on",
        "focus_of",
        _O | {Kind.PROJECT, Kind.PROGRAMME, Kind.EVENT},
        _TOPIC,
        "A body, project, programme or event concentrates its work on a topic.",
        group=TEXTS,
    ),
    Predicate(
        "founded",
        "founded_by",
        _ACTORS,
        _O | {Kind.PROJECT},
        "Founded, inaugurated or set up a body.",
        group=ACTIVITIES,
        fold=Fold.FOUNDERS,
        hierarchical=True,
        side_role=SideRole.CONSTITUTES,
    ),
    Predicate(
        "funds",
        "funded_by",
        _O | {Kind.PROGRAMME},
        _NOT_PEOPLE,
        "Pays for a project, programme or body.",
        group=ACTIVITIES,
    ),
    Predicate(
        "has_objective",
        "objective_of",
        _WORKS,
        _TOPIC,
        "A programme, strategy or agreement pursues an objective.",
        group=TEXTS,
    ),
    Predicate("has_pillar", "pillar_of", _WORKS, _TOPIC, "A strategy or vision rests on a pillar.", group=STRUCTURE),
    Predicate(
        "held_in",
        "venue_of",
        frozenset({Kind.EVENT}),
        _PLACE,
        "An event took place in a place.",
        group=PLACES,
        spatial=frozenset({SpatialRole.PLACES}),
    ),
    Predicate(
        "implements",
        "implemented_by",
        _O | {Kind.PROJECT},
        _WORKS,
        "Carries out a programme, project or agreement.",
        group=COOPERATION,
        joins=_SHARED - {Kind.EVENT},
    ),
    Predicate(
        "launched",
        "launched_by",
        _ACTORS,
        _WORKS | _O,
        "Launched a body, initiative, project or standard.",
        group=ACTIVITIES,
    ),
    Predicate(
        "located_in",
        "location_of",
        _O | _PLACE | {Kind.EVENT, Kind.PROJECT},
        _PLACE,
        "Is in, or based in, a place.",
        group=PLACES,
        hierarchical=True,
        nested=True,
        spatial=frozenset({SpatialRole.PLACES, SpatialRole.SITES}),
    ),
    Predicate(
        "member_of",
        "has_member",
        _ACTORS | _PLACE,
        _O,
        "Belongs to a body as a member.",
        group=STRUCTURE,
        hierarchical=True,
        rdf=_MEMBERSHIP,
        role=True,
        side_role=SideRole.CONSTITUTES,
    ),
    Predicate(
        "merged_into",
        "absorbed",
        _SUCCEEDING,
        _SUCCEEDING,
        "A body or initiative joined another, which carried on its work and took in its members.",
        group=STRUCTURE,
        hierarchical=True,
        succession=True,
    ),
    Predicate(
        "mentions",
        "mentioned_in",
        _DOC,
        _ALL,
        "A document names an entity without being mainly about it.",
        group=TEXTS,
    ),
    Predicate(
        "organises",
        "organised_by",
        _ACTORS | {Kind.PROJECT},
        frozenset({Kind.EVENT}),
        "A person, body or project organises or hosts an event.",
        group=ACTIVITIES,
        joins=frozenset({Kind.EVENT}),
    ),
    Predicate(
        "part_of",
        "has_part",
        _NOT_PEOPLE,
        _NOT_PEOPLE,
        "Is a component, unit or sub-initiative of a larger whole.",
        group=STRUCTURE,
        hierarchical=True,
        nested=True,
        rdf=_SUB_ORGANISATION,
    ),
    Predicate(
        "participates_in",
        "has_participant",
        _ACTORS | {Kind.PROJECT},
        _WORKS | _O,
        "Takes part in an activity.",
        group=ACTIVITIES,
        spatial=frozenset({SpatialRole.PARTICIPANT}),
        sides=_SIDES,
        joins=_SHARED,
    ),
    Predicate(
        "party_to",
        "has_party",
        _ACTORS,
        frozenset({Kind.AGREEMENT}),
        "Is a party to (signed) an agreement.",
        group=COOPERATION,
        spatial=frozenset({SpatialRole.PARTY}),
        fold=Fold.PARTIES,
        joins=frozenset({Kind.AGREEMENT}),
    ),
    Predicate(
        "published",
        "published_by",
        _O | {Kind.PROJECT},
        _DOC | {Kind.STANDARD},
        "A body or project published a document or standard.",
        group=TEXTS,
    ),
    Predicate(
        "recommends",
        "recommended_by",
        _DOC | _O,
        _ALL,
        "Recommends a course of action, work or topic.",
        group=TEXTS,
    ),
    Predicate(
        "renamed_to",
        "renamed_from",
        _SUCCEEDING,
        _SUCCEEDING,
        "The same body or initiative under a new name, from the relation's start.",
        group=STRUCTURE,
        hierarchical=True,
        succession=True,
    ),
    Predicate(
        "signed_at",
        "signing_venue_of",
        frozenset({Kind.AGREEMENT}),
        frozenset({Kind.EVENT}),
        "Signed at an event.",
        group=COOPERATION,
    ),
    Predicate(
        "succeeded_by",
        "succeeds",
        _SUCCEEDING,
        _SUCCEEDING,
        "A body, initiative or project was followed by another that took over its work (a next phase, a follow-up).",
        group=STRUCTURE,
        hierarchical=True,
        succession=True,
    ),
    Predicate(
        "supports",
        "supported_by",
        _NOT_PEOPLE,
        _NOT_PEOPLE,
        "Supports an activity without leading it.",
        group=COOPERATION,
    ),
    Predicate(
        "works_for",
        "employs",
        frozenset({Kind.PERSON}),
        _O,
        "A person works for or represents a body.",
        group=STRUCTURE,
        rdf=_MEMBERSHIP,
        role=True,
        sides=_SIDES,
        side_role=SideRole.ACTS_FOR,
    ),
    Predicate(
        "writes_about",
        "written_about_by",
        frozenset({Kind.PERSON}),
        _ALL - {Kind.PERSON},
        "A person wrote about a subject: a post or paper of theirs is about it.",
        group=TEXTS,
    ),
)

#: Forward predicates by name.
BY_NAME: Final[Mapping[str, Predicate]] = MappingProxyType({p.name: p for p in PREDICATES})

#: Every accepted name, forward and inverse, mapped to its predicate and whether it reads forward.
DIRECTION: Final[Mapping[str, tuple[Predicate, bool]]] = MappingProxyType(
    {**{p.inverse: (p, False) for p in PREDICATES}, **{p.name: (p, True) for p in PREDICATES}}
)

#: The names of the predicates that must not cycle (:attr:`Predicate.hierarchical`), in vocabulary order.
HIERARCHICAL: Final[tuple[str, ...]] = tuple(p.name for p in PREDICATES if p.hierarchical)

#: The names of the predicates saying that their object took over from their subject (:attr:`Predicate.succession`).
SUCCESSION: Final[tuple[str, ...]] = tuple(p.name for p in PREDICATES if p.succession)


def with_role(role: SpatialRole) -> frozenset[str]:
    """The names of the predicates that play *role* in the region rules."""
    return frozenset(p.name for p in PREDICATES if role in p.spatial)


def with_side_role(role: SideRole) -> frozenset[str]:
    """The names of the predicates that play *role* in the EU-side rule."""
    return frozenset(p.name for p in PREDICATES if p.side_role is role)
