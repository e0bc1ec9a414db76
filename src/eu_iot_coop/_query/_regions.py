"""Regions: the places within a place, and which entities and relations are in a region.

The place hierarchy is made of relations between places whose predicate is
*nested* (:attr:`Predicate.nested`, the subject lies inside the object): ``X part_of Y``
(a country of a sub-region, a sub-region of a region, a region of the world) and
``X located_in Y`` (a city in a country, a building in a city). The places
*within* a region are the region itself and every place reached by following
those predicates inward (from the object to the subject), to any depth; a
cycle is followed once round. Only places are followed: a ``part_of`` between
organisations, or from an organisation to a place, is not a place hierarchy.

Every other predicate takes part through its :class:`SpatialRole` in the vocabulary
(named here as the bundled vocabulary assigns them), and the vocabulary is the one place
that says which predicate counts for which of the two readings below.

An entity is *in* (located in) a region, the ``region=`` filter, when

1. it is one of the places within the region, or
2. it is ``located_in`` or ``held_in`` a place within it (:attr:`SpatialRole.PLACES`), or
3. it is an agreement with a party (``party_to``, :attr:`SpatialRole.PARTY`) *located* in
   the region: one of its places, or ``located_in`` one (:attr:`SpatialRole.SITES`), or
4. it is a project or programme in which an organisation located in the region
   ``participates_in`` (:attr:`SpatialRole.PARTICIPANT`).

Rules 3 and 4 look at where a party or participant is, not at whom it
cooperates with: the Commission cooperates with Brazil, but its declaration with
Japan is not thereby Brazilian. They take one step only: an agreement is not in a
region because a project in the region is party to it, nor a project because
another project participates in it. A relation is in a region when either of its
ends is.

An entity *cooperates with* a region, the ``cooperating_with=`` filter, when it is
``cooperates_with_place`` a place within it (:attr:`SpatialRole.COOPERATES`). The two
readings are apart on purpose: the IERC organises interactions with Japan and China, but
it is not thereby in Asia. A relation cooperates with a region when either of its ends does.
The ``partner_region=`` filter takes both readings together: what is in a region or cooperates
with it, as where the partners of an agreement or project are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from eu_iot_coop._gc import collector_paused
from eu_iot_coop._model import PREDICATES, Entity, Figure, Kind, Place, Relation, SpatialRole, with_role
from eu_iot_coop.exceptions import QueryError

from . import _lookup
from ._index import Index

#: The partner regions and countries the EU's cooperation is summed up by (the overview, the coverage statements),
#: as places of the UN M49 hierarchy, in the order they are shown.
PARTNER_REGIONS: Final[tuple[str, ...]] = ("china", "japan", "korea", "india", "northern-america", "brazil", "africa")
#: Predicates that build the place hierarchy, read inward: the subject is within the object (one hierarchy,
#: which the integrity checks keep free of cycles through any of them).
NESTING = frozenset(p.name for p in PREDICATES if p.nested)
#: Predicates that tie an entity to a place directly.
ATTACHING = with_role(SpatialRole.PLACES)
#: Predicates saying that their subject works with a place (the "cooperating with" reading).
COOPERATING = with_role(SpatialRole.COOPERATES)
#: Predicates that say where their subject is based.
SITING = with_role(SpatialRole.SITES)
#: Predicates from a party to an agreement.
PARTY = with_role(SpatialRole.PARTY)
#: Predicates from an organisation to what it takes part in.
PARTICIPATING = with_role(SpatialRole.PARTICIPANT)
#: The kinds that are in a region when an organisation in it participates in them.
PARTICIPATED = frozenset({Kind.PROJECT, Kind.PROGRAMME})


def place(index: Index, reference: object) -> Place:
    """The place a caller names: an id (or retired id), a name, acronym or alias, or a :class:`Place`."""
    found = _lookup.named(index, reference)
    if not isinstance(found, Place):
        raise QueryError(
            f"a region must be a place (a country, region, city or building), "
            f"but {found.id!r} is {_article(found.kind.value)} {found.kind.value}; give a place's id or name"
        )
    return found


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


class Regions:
    """What is in each region, built on first use from the dataset's index and kept per region."""

    __slots__ = (
        "_attached",
        "_children",
        "_cooperating",
        "_cooperators",
        "_index",
        "_located",
        "_members",
        "_participants",
        "_parties",
        "_within",
    )

    def __init__(self, index: Index) -> None:
        self._index = index
        entities = index.entities
        children: dict[str, list[str]] = {}
        attached: dict[str, list[str]] = {}
        located: dict[str, list[str]] = {}
        parties: dict[str, list[str]] = {}
        participants: dict[str, list[str]] = {}
        cooperators: dict[str, list[str]] = {}
        with collector_paused():
            for relation in index.relations:
                subject, predicate, object_ = relation.subject, relation.predicate, relation.object
                if (
                    predicate in NESTING
                    and entities[subject].kind is Kind.PLACE
                    and entities[object_].kind is Kind.PLACE
                ):
                    children.setdefault(object_, []).append(subject)
                if predicate in ATTACHING:
                    attached.setdefault(object_, []).append(subject)
                if predicate in COOPERATING:
                    cooperators.setdefault(object_, []).append(subject)
                if predicate in SITING:
                    located.setdefault(object_, []).append(subject)
                if predicate in PARTY:
                    parties.setdefault(subject, []).append(object_)
                elif (
                    predicate in PARTICIPATING
                    and entities[subject].kind is Kind.ORGANISATION
                    and entities[object_].kind in PARTICIPATED
                ):
                    participants.setdefault(subject, []).append(object_)
        self._children = children
        self._attached = attached
        self._located = located
        self._parties = parties
        self._participants = participants
        self._cooperators = cooperators
        self._within: dict[str, frozenset[str]] = {}
        self._members: dict[str, frozenset[str]] = {}
        self._cooperating: dict[str, frozenset[str]] = {}

    def within(self, region: Place) -> frozenset[str]:
        """The ids of *region* and every place inside it, at any depth; a cycle ends the walk."""
        found = self._within.get(region.id)
        if found is None:
            seen = {region.id}
            frontier = [region.id]
            children = self._children
            while frontier:
                following: list[str] = []
                for parent in frontier:
                    for child in children.get(parent, ()):
                        if child not in seen:
                            seen.add(child)
                            following.append(child)
                frontier = following
            found = self._within[region.id] = frozenset(seen)
        return found

    def members(self, region: Place) -> frozenset[str]:
        """The ids of every entity in *region* (see the module's rules)."""
        found = self._members.get(region.id)
        if found is None:
            within = self.within(region)
            members = set(within)
            resident = set(within)
            for place_id in within:
                members.update(self._attached.get(place_id, ()))
                resident.update(self._located.get(place_id, ()))
            for entity_id in resident:
                members.update(self._parties.get(entity_id, ()))
                members.update(self._participants.get(entity_id, ()))
            found = self._members[region.id] = frozenset(members)
        return found

    def cooperating(self, region: Place) -> frozenset[str]:
        """The ids of every entity that cooperates with *region* (see the module's rules)."""
        found = self._cooperating.get(region.id)
        if found is None:
            cooperators = self._cooperators
            found = frozenset(subject for place_id in self.within(region) for subject in cooperators.get(place_id, ()))
            self._cooperating[region.id] = found
        return found

    def partnering(self, region: Place) -> frozenset[str]:
        """The ids of every entity either reading puts in *region*: in it, or cooperating with it."""
        return self.members(region) | self.cooperating(region)

    def places(self, region: Place) -> tuple[Place, ...]:
        """The places within *region*, in record order."""
        within = self.within(region)
        return tuple(p for p in self._index.by_kind.get(Kind.PLACE, ()) if isinstance(p, Place) and p.id in within)

    @staticmethod
    def holds(members: frozenset[str], record: Entity | Relation | Figure) -> bool:
        """Whether an entity, a relation (either end) or a figure (its subject) is among *members*."""
        if isinstance(record, Entity):
            return record.id in members
        if isinstance(record, Relation):
            return record.subject in members or record.object in members
        return record.subject in members

    @staticmethod
    def entities(members: frozenset[str], candidates: Iterable[Entity]) -> list[Entity]:
        """The *candidates* among *members*, in the order given."""
        return [entity for entity in candidates if entity.id in members]
