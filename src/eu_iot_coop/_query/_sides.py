"""The EU side: which actors are EU institutions and bodies, based in the EU, partners or international.

One rule, read from the data; nothing about a side is stored. An organisation's
side is the first of these that holds:

1. **EU institution or body** (:attr:`EUSide.EU_INSTITUTION`): its ``category`` is
   ``eu_institution``, ``commission_service`` or ``eu_body``, or a chain of *nested*
   predicates between organisations (``part_of``) links it to such an organisation,
   read either way: a unit of DG CONNECT, and the Union the Commission is part of.
2. **By where it is based.** Its bases are the places it is ``located_in``
   (:attr:`SpatialRole.SITES`); an organisation with none takes the bases of each
   organisation it is part of, found the same way. A base is in the EU when it is
   within the place ``european-union`` (the place hierarchy: member states are
   ``part_of`` it), and outside it when it is within a country that is not; a base the
   data places in no country (a city whose country is not recorded) says nothing. Every
   base that says something in the EU: **based in the EU** (:attr:`EUSide.EU_BASED`);
   none: **partner** (:attr:`EUSide.PARTNER`); some of each: **international**.
3. **International** (:attr:`EUSide.INTERNATIONAL`), for an organisation neither rule
   places: those who make it up (:attr:`SideRole.CONSTITUTES`: its founders, members
   and chairs) include both the EU side (rules 1 and 2, or a person on it) and a partner,
   as for the EU-China expert groups, founded by DG CONNECT and two Chinese ministries.

A person is on the side of the bodies they act for (:attr:`SideRole.ACTS_FOR`:
``works_for``) as rules 1 and 2 place them; of several, the first in the order of
:class:`EUSide`. Anything else has no side, and neither has an organisation no rule
places (most bodies' seat is not recorded).

The ``side=`` filter keeps the actors on a side, and the works one step away from
one: an agreement with a party on it (:attr:`SpatialRole.PARTY`), a project or
programme in which an organisation on it participates (:attr:`SpatialRole.PARTICIPANT`),
as the region rule reads parties and participants. A relation is kept when either end is.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

from eu_iot_coop._model import (
    PREDICATES,
    Kind,
    Organisation,
    OrganisationCategory,
    Place,
    PlaceType,
    SideRole,
    with_side_role,
)
from eu_iot_coop.exceptions import QueryError

from ._index import Index
from ._regions import PARTICIPATED, PARTICIPATING, PARTY, SITING, Regions


class EUSide(enum.StrEnum):
    """Where an actor stands in the EU's cooperation, in order of precedence (see ``_query._sides``)."""

    #: An EU institution or body, or a part of one, or the Union itself.
    EU_INSTITUTION = "eu_institution"
    #: An organisation based in the EU (within the place ``european-union``), or a person working for one.
    EU_BASED = "eu_based"
    #: Based on both sides, or made up by the EU side and a partner.
    INTERNATIONAL = "international"
    #: Based outside the EU.
    PARTNER = "partner"


#: The EU side as a whole, the filter's ``"eu"``: its institutions and bodies, and what is based in the EU.
EU_SIDE: Final = frozenset({EUSide.EU_INSTITUTION, EUSide.EU_BASED})
#: The names the ``side=`` filter accepts beside each side's value.
SIDE_GROUPS: Final = {"eu": EU_SIDE}
#: The categories of the EU's own institutions and bodies.
EU_CATEGORIES: Final = frozenset(
    {OrganisationCategory.EU_INSTITUTION, OrganisationCategory.COMMISSION_SERVICE, OrganisationCategory.EU_BODY}
)
#: The place whose places within are the EU.
EU_PLACE: Final = "european-union"

_NESTING: Final = frozenset(p.name for p in PREDICATES if p.nested)
_ACTS_FOR: Final = with_side_role(SideRole.ACTS_FOR)
_CONSTITUTES: Final = with_side_role(SideRole.CONSTITUTES)


def sides(reference: object) -> frozenset[EUSide]:
    """The sides a filter names: a :class:`EUSide`, its value, ``"eu"`` (the EU side as a whole), or several."""
    if isinstance(reference, str):
        group = SIDE_GROUPS.get(reference.strip().lower().replace("-", "_"))
        if group is not None:
            return group
        try:
            return frozenset({EUSide(reference.strip().lower().replace("-", "_"))})
        except ValueError:
            choices = ", ".join([*SIDE_GROUPS, *(side.value for side in EUSide)])
            raise QueryError(f"no side {reference!r}; choose from {choices}") from None
    if isinstance(reference, Iterable):
        found: frozenset[EUSide] = frozenset()
        for one in reference:
            if not isinstance(one, str):
                raise QueryError(f"a side must be a EUSide or its name, got {type(one).__name__}")
            found |= sides(one)
        return found
    raise QueryError(f"side must be a EUSide, its name, 'eu' or an iterable of them, got {type(reference).__name__}")


class Sides:
    """Each actor's side, computed once per dataset on the first side query."""

    __slots__ = ("_index", "_members", "of")

    def __init__(self, index: Index, regions: Regions) -> None:
        self._index = index
        entities = index.entities
        organisations = {e.id for e in index.by_kind.get(Kind.ORGANISATION, ())}
        linked: dict[str, set[str]] = {}
        wholes: dict[str, list[str]] = {}
        seats: dict[str, list[str]] = {}
        acts_for: dict[str, list[str]] = {}
        makers: dict[str, list[str]] = {}
        for relation in index.relations:
            subject, predicate, object_ = relation.subject, relation.predicate, relation.object
            if predicate in _NESTING and subject in organisations and object_ in organisations:
                linked.setdefault(subject, set()).add(object_)
                linked.setdefault(object_, set()).add(subject)
                wholes.setdefault(subject, []).append(object_)
            if predicate in SITING and subject in organisations:
                seats.setdefault(subject, []).append(object_)
            if predicate in _ACTS_FOR and entities[subject].kind is Kind.PERSON and object_ in organisations:
                acts_for.setdefault(subject, []).append(object_)
            if predicate in _CONSTITUTES and object_ in organisations:
                makers.setdefault(object_, []).append(subject)
        of: dict[str, EUSide] = {}
        # Rule 1: the EU's own bodies and everything linked to them by part_of.
        frontier = [
            o.id
            for o in index.by_kind.get(Kind.ORGANISATION, ())
            if isinstance(o, Organisation) and o.category in EU_CATEGORIES
        ]
        for organisation in frontier:
            of[organisation] = EUSide.EU_INSTITUTION
        while frontier:
            following = []
            for organisation in frontier:
                for other in linked.get(organisation, ()):
                    if other not in of:
                        of[other] = EUSide.EU_INSTITUTION
                        following.append(other)
            frontier = following
        # Rule 2: by where it is based.
        eu_place = index.entities.get(EU_PLACE)
        in_eu = regions.within(eu_place) if isinstance(eu_place, Place) else frozenset()
        # Where a base is known to lie: in the EU, or in a country (inside the EU or not).
        known_bases = in_eu.union(
            *(
                regions.within(place)
                for place in index.by_kind.get(Kind.PLACE, ())
                if isinstance(place, Place) and place.place_type is PlaceType.COUNTRY
            )
        )
        bases: dict[str, frozenset[str]] = {}

        def based(organisation: str, visiting: frozenset[str]) -> frozenset[str]:
            found = bases.get(organisation)
            if found is None:
                own = seats.get(organisation)
                if own:
                    found = frozenset(own)
                else:
                    up = visiting | {organisation}
                    found = frozenset(
                        base for whole in wholes.get(organisation, ()) if whole not in up for base in based(whole, up)
                    )
                bases[organisation] = found
            return found

        for organisation in sorted(organisations):
            if organisation in of:
                continue
            found = based(organisation, frozenset()) & known_bases
            if found:
                inside = sum(base in in_eu for base in found)
                if inside == len(found):
                    of[organisation] = EUSide.EU_BASED
                elif inside == 0:
                    of[organisation] = EUSide.PARTNER
                else:
                    of[organisation] = EUSide.INTERNATIONAL
        # People, by the bodies rules 1 and 2 place.
        order = list(EUSide)
        for person, bodies in acts_for.items():
            placed = [of[body] for body in bodies if body in of]
            if placed:
                of[person] = min(placed, key=order.index)
        # Rule 3: made up by both sides.
        joint = {}
        for organisation, made_by in makers.items():
            if organisation in of:
                continue
            found_sides = {of.get(maker) for maker in made_by}
            if found_sides & EU_SIDE and EUSide.PARTNER in found_sides:
                joint[organisation] = EUSide.INTERNATIONAL
        of.update(joint)
        self.of = of
        self._members: dict[frozenset[EUSide], frozenset[str]] = {}

    def members_of(self, reference: object) -> frozenset[str]:
        """The ids :meth:`members` gives for the sides a filter names (see :func:`sides`)."""
        return self.members(sides(reference))

    def members(self, wanted: frozenset[EUSide]) -> frozenset[str]:
        """The ids of the actors on one of the *wanted* sides, and of the works they are party to or take part in."""
        found = self._members.get(wanted)
        if found is None:
            actors = {entity for entity, side in self.of.items() if side in wanted}
            entities = self._index.entities
            works = set()
            for relation in self._index.relations:
                if relation.subject not in actors:
                    continue
                if relation.predicate in PARTY or (
                    relation.predicate in PARTICIPATING
                    and entities[relation.subject].kind is Kind.ORGANISATION
                    and entities[relation.object].kind in PARTICIPATED
                ):
                    works.add(relation.object)
            found = self._members[wanted] = frozenset(actors | works)
        return found
