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
from typing import Final

import attrs

from ._records import Kind

_ALL: Final = frozenset(Kind)
_ACTORS: Final = frozenset({Kind.ORGANISATION, Kind.PERSON})
_NOT_PEOPLE: Final = _ALL - {Kind.PERSON}
_WORKS: Final = frozenset({Kind.DOCUMENT, Kind.AGREEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.STANDARD, Kind.EVENT})


@attrs.frozen
class PredicateGroup:
    """What a set of predicates says, as drawings colour it and legends name it."""

    label: str
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
    PLACES = "places"
    #: The subject is based at the object (a place): what it is party to or takes part in follows it.
    SITES = "sites"
    #: The object (an agreement) is in every region where the subject, a party, is based.
    PARTY = "party"
    #: The object (a project or programme) is in every region where the subject, an organisation, is based.
    PARTICIPANT = "participant"


class Fold(enum.Enum):
    """How a timeline row shows a relation folded into its object's row, rather than as a row of its own."""

    PARTIES = "parties"
    FOUNDERS = "founders"


@attrs.frozen
class StandardTerm:
    """A standard RDF property (and its inverse) stated beside ``eic:<predicate>`` between these kinds."""

    property: str
    inverse: str
    subjects: frozenset[Kind]
    objects: frozenset[Kind]


@attrs.frozen
class Predicate:
    """A relation type: its names, allowed subject and object kinds, meaning, and how the package treats it."""

    name: str
    inverse: str
    domain: frozenset[Kind]
    range: frozenset[Kind]
    description: str
    #: Where drawings and legends put it.
    group: PredicateGroup = attrs.field(kw_only=True)
    #: Whether it orders entities in a hierarchy: no entity may be, through it, (transitively) its own object.
    hierarchical: bool = attrs.field(kw_only=True)
    #: Whether its subject lies inside its object (a part in its whole, a place in a wider place).
    nested: bool = attrs.field(kw_only=True)
    #: Its part in the region rules.
    spatial: frozenset[SpatialRole] = attrs.field(kw_only=True)
    #: Whether a timeline shows it inside its object's row, and how; ``None``: a row of its own.
    fold: Fold | None = attrs.field(kw_only=True)
    #: A standard RDF property stated beside the package's own term, if one fits.
    rdf: StandardTerm | None = attrs.field(kw_only=True)
    #: Whether it says that its object took over from its subject (renamed, merged into, succeeded by).
    succession: bool = attrs.field(kw_only=True)
    #: Whether it is a role its subject holds for a time (a post, a chair), dated by the relation's period.
    role: bool = attrs.field(kw_only=True)

    @property
    def symmetric(self) -> bool:
        """Whether the predicate reads the same from both ends."""
        return self.name == self.inverse

    @property
    def rdf_term(self) -> str:
        """The package's own RDF property for it: ``eic:<name>``."""
        return f"eic:{self.name}"


def _p(
    name: str,
    inverse: str,
    domain: frozenset[Kind],
    range_: frozenset[Kind],
    description: str,
    group: PredicateGroup,
    *,
    hierarchical: bool = False,
    nested: bool = False,
    spatial: frozenset[SpatialRole] = frozenset(),
    fold: Fold | None = None,
    rdf: StandardTerm | None = None,
    succession: bool = False,
    role: bool = False,
) -> Predicate:
    # The table below states only what differs from "no": every flag is still a field of every entry.
    return Predicate(
        name,
        inverse,
        frozenset(domain),
        frozenset(range_),
        description,
        group=group,
        hierarchical=hierarchical,
        nested=nested,
        spatial=spatial,
        fold=fold,
        rdf=rdf,
        succession=succession,
        role=role,
    )


_O = frozenset({Kind.ORGANISATION})
_PLACE = frozenset({Kind.PLACE})
_TOPIC = frozenset({Kind.TOPIC})
_DOC = frozenset({Kind.DOCUMENT})
_MEMBERSHIP: Final = StandardTerm("org:memberOf", "org:hasMember", _ACTORS, _ALL)
_SUB_ORGANISATION: Final = StandardTerm("org:subOrganizationOf", "org:hasSubOrganization", _O, _O)

PREDICATES: Final[tuple[Predicate, ...]] = (
    _p("about", "subject_of", _WORKS, _ALL, "A work is about a subject: a topic, body, place or other entity.", TEXTS),
    _p("accompanies", "accompanied_by", _DOC, _DOC, "A document accompanies or supports another document.", TEXTS),
    _p(
        "adopted",
        "adopted_by",
        _O,
        _DOC | {Kind.PROGRAMME},
        "A body formally adopted a document or initiative.",
        COOPERATION,
    ),
    _p("aligned_with", "aligned_with", _WORKS, _WORKS, "Two works pursue the same line (symmetric).", COOPERATION),
    _p("authored", "authored_by", _ACTORS, _DOC | {Kind.STANDARD}, "A person or body wrote a document.", TEXTS),
    _p(
        "broader",
        "narrower",
        _TOPIC,
        _TOPIC,
        "A topic is a narrower case of another (the object is the broader topic).",
        STRUCTURE,
    ),
    _p(
        "chairs",
        "chaired_by",
        _ACTORS,
        _O | {Kind.EVENT},
        "A person or body chairs a body or event.",
        STRUCTURE,
        role=True,
    ),
    _p(
        "cooperates_with",
        "cooperates_with",
        _O | {Kind.PROJECT, Kind.PROGRAMME},
        _O | {Kind.PROJECT, Kind.PROGRAMME},
        "Two bodies, projects or programmes work together (symmetric).",
        COOPERATION,
    ),
    _p(
        "cooperates_with_place",
        "place_cooperating_with",
        _O | {Kind.PROJECT, Kind.PROGRAMME, Kind.AGREEMENT},
        _PLACE,
        "A body, project, programme or agreement organises cooperation with a country or region.",
        PLACES,
        spatial=frozenset({SpatialRole.PLACES}),
    ),
    _p(
        "coordinates",
        "coordinated_by",
        _ACTORS | {Kind.PROJECT},
        _NOT_PEOPLE,
        "Leads or coordinates an activity.",
        ACTIVITIES,
    ),
    _p(
        "developed",
        "developed_by",
        _ACTORS | {Kind.PROJECT},
        _WORKS,
        "Developed a standard, document or work.",
        ACTIVITIES,
    ),
    _p(
        "focuses_on",
        "focus_of",
        _O | {Kind.PROJECT, Kind.PROGRAMME, Kind.EVENT},
        _TOPIC,
        "A body, project, programme or event concentrates its work on a topic.",
        TEXTS,
    ),
    _p(
        "founded",
        "founded_by",
        _ACTORS,
        _O | {Kind.PROJECT},
        "Founded, inaugurated or set up a body.",
        ACTIVITIES,
        fold=Fold.FOUNDERS,
    ),
    _p("funds", "funded_by", _O | {Kind.PROGRAMME}, _NOT_PEOPLE, "Pays for a project, programme or body.", ACTIVITIES),
    _p(
        "has_objective",
        "objective_of",
        _WORKS,
        _TOPIC,
        "A programme, strategy or agreement pursues an objective.",
        TEXTS,
    ),
    _p("has_pillar", "pillar_of", _WORKS, _TOPIC, "A strategy or vision rests on a pillar.", STRUCTURE),
    _p(
        "held_in",
        "venue_of",
        frozenset({Kind.EVENT}),
        _PLACE,
        "An event took place in a place.",
        PLACES,
        spatial=frozenset({SpatialRole.PLACES}),
    ),
    _p(
        "implements",
        "implemented_by",
        _O | {Kind.PROJECT},
        _WORKS,
        "Carries out a programme, project or agreement.",
        COOPERATION,
    ),
    _p(
        "launched",
        "launched_by",
        _ACTORS,
        _WORKS | _O,
        "Launched a body, initiative, project or standard.",
        ACTIVITIES,
    ),
    _p(
        "located_in",
        "location_of",
        _O | _PLACE | {Kind.EVENT, Kind.PROJECT},
        _PLACE,
        "Is in, or based in, a place.",
        PLACES,
        hierarchical=True,
        nested=True,
        spatial=frozenset({SpatialRole.PLACES, SpatialRole.SITES}),
    ),
    _p(
        "member_of",
        "has_member",
        _ACTORS | _PLACE,
        _O,
        "Belongs to a body as a member.",
        STRUCTURE,
        hierarchical=True,
        rdf=_MEMBERSHIP,
    ),
    _p(
        "mentions",
        "mentioned_in",
        _DOC,
        _ALL,
        "A document names an entity without being mainly about it.",
        TEXTS,
    ),
    _p(
        "organises",
        "organised_by",
        _ACTORS | {Kind.PROJECT},
        frozenset({Kind.EVENT}),
        "A person, body or project organises or hosts an event.",
        ACTIVITIES,
    ),
    _p(
        "part_of",
        "has_part",
        _NOT_PEOPLE,
        _NOT_PEOPLE,
        "Is a component, unit or sub-initiative of a larger whole.",
        STRUCTURE,
        hierarchical=True,
        nested=True,
        rdf=_SUB_ORGANISATION,
    ),
    _p(
        "participates_in",
        "has_participant",
        _ACTORS | {Kind.PROJECT},
        _WORKS | _O,
        "Takes part in an activity.",
        ACTIVITIES,
        spatial=frozenset({SpatialRole.PARTICIPANT}),
    ),
    _p(
        "party_to",
        "has_party",
        _ACTORS,
        frozenset({Kind.AGREEMENT}),
        "Is a party to (signed) an agreement.",
        COOPERATION,
        spatial=frozenset({SpatialRole.PARTY}),
        fold=Fold.PARTIES,
    ),
    _p(
        "published",
        "published_by",
        _O | {Kind.PROJECT},
        _DOC | {Kind.STANDARD},
        "A body or project published a document or standard.",
        TEXTS,
    ),
    _p(
        "recommends",
        "recommended_by",
        _DOC | _O,
        _ALL,
        "Recommends a course of action, work or topic.",
        TEXTS,
    ),
    _p(
        "signed_at",
        "signing_venue_of",
        frozenset({Kind.AGREEMENT}),
        frozenset({Kind.EVENT}),
        "Signed at an event.",
        COOPERATION,
    ),
    _p("supports", "supported_by", _NOT_PEOPLE, _NOT_PEOPLE, "Supports an activity without leading it.", COOPERATION),
    _p(
        "works_for",
        "employs",
        frozenset({Kind.PERSON}),
        _O,
        "A person works for or represents a body.",
        STRUCTURE,
        rdf=_MEMBERSHIP,
        role=True,
    ),
    _p(
        "writes_about",
        "written_about_by",
        frozenset({Kind.PERSON}),
        _ALL - {Kind.PERSON},
        "A person wrote about a subject: a post or paper of theirs is about it.",
        TEXTS,
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


def with_role(role: SpatialRole) -> frozenset[str]:
    """The names of the predicates that play *role* in the region rules."""
    return frozenset(p.name for p in PREDICATES if role in p.spatial)
