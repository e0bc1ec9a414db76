"""The vocabulary and the record types are complete tables: every entry states every property, each valid.

What the package knows about a predicate or a kind lives in its entry; these tests fail when an entry
is missing a property, holds one that no consumer can use, or when a kind, a record class or a field
has no entry or description.
"""

from __future__ import annotations

import re
import typing

import attrs
import pytest

from eu_iot_coop._ingest import HIERARCHICAL as INGEST_HIERARCHICAL
from eu_iot_coop._model import (
    BY_NAME,
    DESCRIPTION,
    DIRECTION,
    ENTITY_KINDS,
    FILE_NAMES,
    HIERARCHICAL,
    KINDS,
    PREDICATE_GROUPS,
    PREDICATES,
    RECORD_CLASSES,
    RECORD_KINDS,
    SUCCESSION,
    Citation,
    EntityKind,
    Fold,
    Kind,
    Predicate,
    SideRole,
    SpatialRole,
    StandardTerm,
    When,
    visible,
)
from eu_iot_coop.export._rdf import PREFIXES

_COLOUR = re.compile(r"#[0-9a-f]{6}")


def _prefixed(name: str) -> bool:
    prefix, _, local = name.partition(":")
    return prefix in PREFIXES and bool(local)


#: The type each property of an entry must hold (``None`` allowed only where the annotation says so).
_PREDICATE_TYPES = typing.get_type_hints(Predicate)
_KIND_TYPES = typing.get_type_hints(EntityKind)


def test_the_tables_have_the_properties_their_consumers_read() -> None:
    """The properties issue 18 asks of the entries exist, so that a consumer never needs a list of its own."""
    assert {
        "name",
        "inverse",
        "domain",
        "range",
        "description",
        "group",
        "hierarchical",
        "nested",
        "spatial",
        "fold",
        "rdf",
        "succession",
        "role",
        "sides",
        "side_role",
    } <= set(Predicate._fields)
    assert {"label", "cls", "plural", "colour", "search_rank", "rdf_types"} <= set(EntityKind._fields)


@pytest.mark.parametrize("predicate", PREDICATES, ids=lambda p: p.name)
def test_every_predicate_states_every_property(predicate: Predicate) -> None:
    """Each property of the entry is set, of its declared type, and usable by the consumer that reads it."""
    for field in Predicate._fields:
        value = getattr(predicate, field)
        declared = _PREDICATE_TYPES[field]
        if value is None:
            assert type(None) in typing.get_args(declared), f"{predicate.name}.{field} is None"
        elif typing.get_origin(declared) is frozenset:
            (member,) = typing.get_args(declared)
            assert isinstance(value, frozenset)
            assert all(isinstance(item, member) for item in value)
        else:
            allowed = typing.get_args(declared) or (declared,)
            assert isinstance(value, tuple(a for a in allowed if a is not type(None))), (predicate.name, field)
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", predicate.name)
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", predicate.inverse)
    assert predicate.domain, "a predicate no kind may be the subject of"
    assert predicate.range, "a predicate no kind may be the object of"
    assert visible(predicate.description)
    assert predicate.description.endswith(".")
    assert predicate.group in PREDICATE_GROUPS, "drawn under no group of the legend"
    assert _prefixed(predicate.rdf_term)
    if predicate.rdf is not None:
        assert isinstance(predicate.rdf, StandardTerm)
        assert _prefixed(predicate.rdf.property)
        assert _prefixed(predicate.rdf.inverse)
        assert predicate.rdf.subjects & predicate.domain
        assert predicate.rdf.objects & predicate.range
    if predicate.hierarchical:
        assert predicate.domain & predicate.range, "a hierarchy whose subject can never be an object cannot cycle"
    if predicate.nested or {SpatialRole.PLACES, SpatialRole.SITES, SpatialRole.COOPERATES} & predicate.spatial:
        assert Kind.PLACE in predicate.range, "a place role needs a place at the object's end"
    if predicate.side_role is SideRole.ACTS_FOR:
        assert Kind.PERSON in predicate.domain, "a person acts for a body"
        assert Kind.ORGANISATION in predicate.range, "a person acts for a body"
    if predicate.side_role is SideRole.CONSTITUTES:
        assert Kind.ORGANISATION in predicate.range, "what is made up must be able to be a body"
    if predicate.fold is not None:
        assert isinstance(predicate.fold, Fold)


def test_names_are_unique_and_each_read_one_way() -> None:
    """A forward or inverse name belongs to one predicate; only a symmetric one uses a name both ways."""
    names = [p.name for p in PREDICATES]
    assert len(set(names)) == len(names)
    inverses = [p.inverse for p in PREDICATES if not p.symmetric]
    assert len(set(inverses)) == len(inverses)
    assert set(names).isdisjoint(inverses)
    assert len(DIRECTION) == len(names) + len(inverses)


def test_one_hierarchical_set() -> None:
    """The predicates that must not cycle are those whose entry says so, and the integrity checks use that set."""
    assert tuple(p.name for p in PREDICATES if p.hierarchical) == HIERARCHICAL
    assert set(HIERARCHICAL) == {
        "accompanies",
        "broader",
        "builds_on",
        "founded",
        "located_in",
        "member_of",
        "merged_into",
        "part_of",
        "renamed_to",
        "succeeded_by",
    }
    assert INGEST_HIERARCHICAL is HIERARCHICAL


def test_successions_must_not_cycle() -> None:
    """Every succession predicate is hierarchical, so the cycle rule keeps chains of successors acyclic."""
    assert SUCCESSION == ("merged_into", "renamed_to", "succeeded_by")
    assert all(BY_NAME[name].hierarchical for name in SUCCESSION)
    assert all(BY_NAME[name].domain & BY_NAME[name].range for name in SUCCESSION)


def test_sides_are_taken_by_roles_and_participation() -> None:
    """The predicates that take a side are the held roles and participation, and a side is a body or a place."""
    assert {p.name for p in PREDICATES if p.sides} == {"chairs", "participates_in", "works_for"}
    assert all(p.sides == {Kind.ORGANISATION, Kind.PLACE} for p in PREDICATES if p.sides)


def test_every_group_is_used() -> None:
    """No group of the legend is empty, and the legend names each once."""
    assert {p.group for p in PREDICATES} == set(PREDICATE_GROUPS)
    assert len({g.name for g in PREDICATE_GROUPS}) == len(PREDICATE_GROUPS)


@pytest.mark.parametrize("entry", ENTITY_KINDS, ids=lambda e: e.label)
def test_every_kind_states_every_property(entry: EntityKind) -> None:
    """Each kind's entry is complete: its class, plural, colour, search rank and RDF types, each valid."""
    for field in EntityKind._fields:
        assert getattr(entry, field) is not None, f"{entry.label}.{field}"
    assert entry.cls.kind is entry.kind
    assert entry.label == entry.kind.value
    assert visible(entry.plural)
    assert entry.plural != entry.label
    assert _COLOUR.fullmatch(entry.colour)
    assert isinstance(entry.search_rank, int)
    assert entry.search_rank >= 0
    assert all(_prefixed(rdf_type) for rdf_type in (entry.rdf_class, *entry.rdf_types))


def test_every_kind_and_record_type_has_one_entry() -> None:
    """Each member of Kind has exactly one entry; record types, plurals, files and colours are unique."""
    assert list(KINDS) == list(Kind)
    labels = [entry.label for entry in RECORD_KINDS]
    assert len(set(labels)) == len(labels)
    assert len(set(FILE_NAMES.values())) == len(RECORD_KINDS)
    assert len({entry.plural for entry in RECORD_KINDS}) == len(RECORD_KINDS)
    assert len({entry.colour for entry in ENTITY_KINDS}) == len(ENTITY_KINDS)
    assert dict(RECORD_CLASSES) == {entry.label: entry.cls for entry in RECORD_KINDS}


@pytest.mark.parametrize("cls", [*RECORD_CLASSES.values(), When, Citation], ids=lambda cls: cls.__name__)
def test_every_field_says_what_it_means(cls: type) -> None:
    """Each field of each record and value class carries its description in its metadata."""
    for field in attrs.fields(cls):
        assert visible(field.metadata.get(DESCRIPTION, "")), f"describe {cls.__name__}.{field.name}"
