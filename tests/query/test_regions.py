"""Regions: places within places, and the region filters, checked against a brute-force reading of the rules.

Random place trees are built from ``part_of`` and ``located_in`` relations
between places; other entities are attached to places by ``located_in``,
``held_in`` and ``cooperates_with_place``, to agreements by ``party_to`` and
to projects and programmes by ``participates_in``. ``cooperates_with_place``
counts for the ``cooperating_with=`` filter only, never for ``region=``.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import (
    Agreement,
    AgreementType,
    Dataset,
    Entity,
    Event,
    EventType,
    Kind,
    Organisation,
    OrganisationCategory,
    PartialDate,
    Person,
    Place,
    PlaceType,
    Programme,
    ProgrammeType,
    Project,
    Records,
    Relation,
    When,
)
from eu_iot_coop.__main__ import main
from eu_iot_coop.exceptions import NotFoundError, QueryError

from ..engine_support import write_files
from ..strategies import CITES, SOURCE

HIERARCHY = ("part_of", "located_in")
ATTACHING = ("located_in", "held_in")
COOPERATING = ("cooperates_with_place",)

#: The predicates that may tie each kind to a place, as the vocabulary allows.
_ATTACHES: dict[type[Entity], tuple[str, ...]] = {
    Organisation: ("located_in", "cooperates_with_place"),
    Event: ("located_in", "held_in"),
    Project: ("cooperates_with_place",),
    Programme: ("cooperates_with_place",),
}


#: The fields each kind needs beyond id, name, description and citations.
_REQUIRED: dict[Kind, dict[str, Any]] = {
    Kind.ORGANISATION: {"category": OrganisationCategory.OTHER},
    Kind.AGREEMENT: {"agreement_type": AgreementType.OTHER},
    Kind.PROGRAMME: {"programme_type": ProgrammeType.OTHER},
    Kind.EVENT: {"event_type": EventType.OTHER},
}


def _entity(cls: type[Entity], identifier: str, **fields: Any) -> Entity:
    return cls(
        id=identifier,
        name=identifier.replace("-", " "),
        description="A test entity.",
        citations=CITES,
        **{**_REQUIRED.get(cls.kind, {}), **fields},
    )


def _place(identifier: str, place_type: PlaceType = PlaceType.REGION) -> Place:
    return Place(id=identifier, name=identifier, description="A place.", place_type=place_type, citations=CITES)


def _relation(subject: str, predicate: str, object_: str) -> Relation:
    return Relation(subject=subject, predicate=predicate, object=object_, citations=CITES)


def _dataset(entities: list[Entity], relations: list[Relation]) -> Dataset:
    unique = {relation.key: relation for relation in relations}
    return Dataset(Records(sources=(SOURCE,), entities=tuple(entities), relations=tuple(unique.values())))


@st.composite
def place_trees(draw: st.DrawFn, *, max_places: int = 8) -> tuple[list[Place], dict[str, str | None], list[Relation]]:
    """Places ``place-0``, ``place-1``, ..., each with at most one parent of a lower number (a forest).

    Returns the places, each place's parent (``None`` for a root) and the ``part_of``/``located_in`` relations.
    """
    count = draw(st.integers(1, max_places))
    places = [_place(f"place-{number}") for number in range(count)]
    parents: dict[str, str | None] = {}
    relations = []
    for number, place in enumerate(places):
        parent = None if number == 0 else draw(st.none() | st.integers(0, number - 1))
        parents[place.id] = None if parent is None else places[parent].id
        if parent is not None:
            relations.append(_relation(place.id, draw(st.sampled_from(HIERARCHY)), places[parent].id))
    return places, parents, relations


def _ancestors(parents: dict[str, str | None], place_id: str) -> list[str]:
    """The place itself and every place above it in a forest."""
    chain: list[str] = []
    current: str | None = place_id
    while current is not None:
        chain.append(current)
        current = parents[current]
    return chain


@st.composite
def attached_graphs(draw: st.DrawFn) -> Dataset:
    """A place forest (plus, sometimes, extra place edges that may close cycles) with entities of every attaching kind.

    Distractors the rules must ignore are mixed in: ``part_of`` between
    organisations and from an organisation to a place, people as parties,
    projects participating in projects, and ``about`` relations to places.
    """
    places, _, relations = draw(place_trees())
    place_ids = [place.id for place in places]
    for _ in range(draw(st.integers(0, 2))):
        relations.append(
            _relation(
                draw(st.sampled_from(place_ids)), draw(st.sampled_from(HIERARCHY)), draw(st.sampled_from(place_ids))
            )
        )
    entities: list[Entity] = list(places)
    attached: list[Entity] = []
    for number in range(draw(st.integers(0, 10))):
        cls = draw(st.sampled_from(list(_ATTACHES)))
        entity = _entity(cls, f"{cls.kind.value}-{number}")
        attached.append(entity)
        for _ in range(draw(st.integers(0, 2))):
            relations.append(
                _relation(entity.id, draw(st.sampled_from(_ATTACHES[cls])), draw(st.sampled_from(place_ids)))
            )
    entities.extend(attached)
    organisations = [e for e in attached if isinstance(e, Organisation)]
    works = [e for e in attached if isinstance(e, Project | Programme)]
    person = _entity(Person, "person-0")
    entities.append(person)
    for number in range(draw(st.integers(0, 3))):
        agreement = _entity(Agreement, f"agreement-{number}")
        entities.append(agreement)
        for party in draw(st.lists(st.sampled_from([*organisations, person]), max_size=3)):
            relations.append(_relation(party.id, "party_to", agreement.id))
        if draw(st.booleans()):
            relations.append(_relation(agreement.id, "about", draw(st.sampled_from(place_ids))))
    if works:
        for participant in draw(st.lists(st.sampled_from([*organisations, *works, person]), max_size=4)):
            relations.append(_relation(participant.id, "participates_in", draw(st.sampled_from(works)).id))
    if organisations:
        for _ in range(draw(st.integers(0, 2))):
            unit = draw(st.sampled_from(organisations))
            whole = draw(st.sampled_from([*organisations, *places]))
            if unit.id != whole.id:
                relations.append(_relation(unit.id, "part_of", whole.id))
    return _dataset(entities, relations)


def brute_within(dataset: Dataset, region: str) -> set[str]:
    """Every place from which a chain of part_of/located_in relations between places leads to *region*, and it."""
    places = {entity.id for entity in dataset.entities(kind="place")}
    edges = [
        (r.subject, r.object)
        for r in dataset.records.relations
        if r.predicate in HIERARCHY and r.subject in places and r.object in places
    ]
    within = {region}
    while True:
        more = {subject for subject, object_ in edges if object_ in within} - within
        if not more:
            return within
        within |= more


def brute_members(dataset: Dataset, region: str) -> set[str]:
    """The ids of the entities in *region*, straight from the rules written in ``places_within``'s docstring."""
    within = brute_within(dataset, region)
    relations = dataset.records.relations
    kinds = {entity.id: entity.kind for entity in dataset.records.entities}

    def direct(entity_id: str) -> bool:
        return entity_id in within or any(
            r.subject == entity_id and r.predicate in ATTACHING and r.object in within for r in relations
        )

    def located(entity_id: str) -> bool:
        return entity_id in within or any(
            r.subject == entity_id and r.predicate == "located_in" and r.object in within for r in relations
        )

    def member(entity: Entity) -> bool:
        if direct(entity.id):
            return True
        if entity.kind is Kind.AGREEMENT:
            return any(r.object == entity.id and r.predicate == "party_to" and located(r.subject) for r in relations)
        if entity.kind in (Kind.PROJECT, Kind.PROGRAMME):
            return any(
                r.object == entity.id
                and r.predicate == "participates_in"
                and kinds[r.subject] is Kind.ORGANISATION
                and located(r.subject)
                for r in relations
            )
        return False

    return {entity.id for entity in dataset.records.entities if member(entity)}


def brute_cooperating(dataset: Dataset, region: str) -> set[str]:
    """The ids of the entities that cooperate with *region*: cooperates_with_place a place within it."""
    within = brute_within(dataset, region)
    return {r.subject for r in dataset.records.relations if r.predicate in COOPERATING and r.object in within}


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when the block takes longer than *seconds* (POSIX timers)."""

    def expired(*_: object) -> None:
        raise AssertionError(f"took longer than {seconds} s: a cycle is not followed once round")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- places within places ---------------------------------------------------------------------------


@given(place_trees())
def test_every_place_of_a_subtree_is_within_each_ancestor(
    tree: tuple[list[Place], dict[str, str | None], list[Relation]],
) -> None:
    """Each place is within itself and within every place above it, however deep, by part_of or located_in."""
    places, parents, relations = tree
    dataset = _dataset(list(places), relations)
    for place in places:
        for ancestor in _ancestors(parents, place.id):
            assert place in dataset.places_within(ancestor)


@given(place_trees())
def test_places_within_are_exactly_the_subtree(tree: tuple[list[Place], dict[str, str | None], list[Relation]]) -> None:
    """A place holds no place outside its subtree, and lists its subtree in record (id) order."""
    places, parents, relations = tree
    dataset = _dataset(list(places), relations)
    for region in places:
        within = dataset.places_within(region)
        assert {p.id for p in within} == {p.id for p in places if region.id in _ancestors(parents, p.id)}
        assert [p.id for p in within] == sorted(p.id for p in within)


@given(place_trees(), st.data())
def test_an_attached_entity_is_in_exactly_the_regions_above_its_place(
    tree: tuple[list[Place], dict[str, str | None], list[Relation]], data: st.DataObject
) -> None:
    """An entity tied to one place is in the region of that place and of every place above it, and in no other:
    located or held there for ``region=``, cooperating with it for ``cooperating_with=``, either for
    ``partner_region=``."""
    places, parents, relations = tree
    cls = data.draw(st.sampled_from(list(_ATTACHES)))
    entity = _entity(cls, "attached")
    place = data.draw(st.sampled_from(places))
    predicate = data.draw(st.sampled_from(_ATTACHES[cls]))
    dataset = _dataset([*places, entity], [*relations, _relation(entity.id, predicate, place.id)])
    above = set(_ancestors(parents, place.id))
    cooperates = predicate in COOPERATING
    for region in places:
        located = {e.id for e in dataset.entities(region=region)}
        cooperating = {e.id for e in dataset.entities(cooperating_with=region)}
        partnering = {e.id for e in dataset.entities(partner_region=region)}
        assert ("attached" in located) == (region.id in above and not cooperates), (predicate, place.id, region.id)
        assert ("attached" in cooperating) == (region.id in above and cooperates), (predicate, place.id, region.id)
        assert ("attached" in partnering) == (region.id in above), (predicate, place.id, region.id)


@given(attached_graphs())
def test_entities_in_a_region_match_the_rules(dataset: Dataset) -> None:
    """entities(region=R) is, for every place R, what a brute-force reading of the rules gives, in record order."""
    for region in dataset.entities(kind="place"):
        expected = brute_members(dataset, region.id)
        found = [entity.id for entity in dataset.entities(region=region.id)]
        assert found == [entity.id for entity in dataset.records.entities if entity.id in expected]
        assert {p.id for p in dataset.places_within(region)} == brute_within(dataset, region.id)


@given(attached_graphs())
def test_entities_cooperating_with_a_region_match_the_rules(dataset: Dataset) -> None:
    """entities(cooperating_with=R) and entities(partner_region=R) are, for every place R, what a brute-force
    reading gives (cooperates_with_place a place within R; either reading), in record order; relations follow."""
    for region in dataset.entities(kind="place"):
        cooperating = brute_cooperating(dataset, region.id)
        partnering = cooperating | brute_members(dataset, region.id)
        ordered = [entity.id for entity in dataset.records.entities]
        assert [e.id for e in dataset.entities(cooperating_with=region.id)] == [i for i in ordered if i in cooperating]
        assert [e.id for e in dataset.entities(partner_region=region)] == [i for i in ordered if i in partnering]
        assert list(dataset.relations(cooperating_with=region)) == [
            r for r in dataset.records.relations if r.subject in cooperating or r.object in cooperating
        ]
        assert list(dataset.relations(partner_region=region)) == [
            r for r in dataset.records.relations if r.subject in partnering or r.object in partnering
        ]


@given(attached_graphs())
def test_relations_and_timeline_in_a_region_have_an_end_in_it(dataset: Dataset) -> None:
    """relations(region=R) keeps exactly the relations with an end in R; a kind filter combines with it."""
    for region in dataset.entities(kind="place"):
        members = brute_members(dataset, region.id)
        relations = list(dataset.relations(region=region))
        assert relations == [r for r in dataset.records.relations if r.subject in members or r.object in members]
        assert list(dataset.relations(predicate="party_to", region=region)) == [
            r for r in relations if r.predicate == "party_to"
        ]
        agreements = [e.id for e in dataset.entities(kind="agreement", region=region)]
        assert agreements == [e.id for e in dataset.entities(kind="agreement") if e.id in members]


@given(place_trees(), st.data())
def test_a_cycle_of_places_ends(
    tree: tuple[list[Place], dict[str, str | None], list[Relation]], data: st.DataObject
) -> None:
    """Edges that close a cycle (a root part_of a descendant, a place located_in itself) end the walk, and every
    place on the cycle is within every other."""
    places, parents, relations = tree
    low = data.draw(st.sampled_from(places))
    root = _ancestors(parents, low.id)[-1]
    predicate = data.draw(st.sampled_from(HIERARCHY))
    cyclic = [*relations, _relation(root, predicate, low.id), _relation(low.id, predicate, low.id)]
    event = _entity(Event, "event-0")
    dataset = _dataset([*places, event], [*cyclic, _relation("event-0", "held_in", low.id)])
    with time_limit(5):
        loop = set(_ancestors(parents, low.id))
        for region in loop:
            assert loop <= {p.id for p in dataset.places_within(region)}
            assert "event-0" in {e.id for e in dataset.entities(region=region)}
        for region in places:
            assert {p.id for p in dataset.places_within(region)} == brute_within(dataset, region.id)


# --- the rules, case by case ------------------------------------------------------------------------


def _small() -> Dataset:
    """Asia > Japan > Tokyo, and Europe; an agreement, a project, a programme and a unit around them."""
    when = When(PartialDate(2017))
    entities: list[Entity] = [
        _place("asia"),
        _place("japan", PlaceType.COUNTRY),
        _place("tokyo", PlaceType.CITY),
        _place("europe"),
        _entity(Organisation, "ministry"),
        _entity(Organisation, "ministry-unit"),
        _entity(Organisation, "alliance"),
        _entity(Agreement, "memorandum", signed=when),
        _entity(Project, "project-a", started=when),
        _entity(Project, "project-b"),
        _entity(Programme, "programme"),
        _entity(Event, "fair", started=when),
    ]
    relations = [
        _relation("japan", "part_of", "asia"),
        _relation("tokyo", "located_in", "japan"),
        _relation("ministry", "located_in", "tokyo"),
        _relation("ministry-unit", "part_of", "ministry"),
        _relation("alliance", "located_in", "europe"),
        _relation("ministry", "party_to", "memorandum"),
        _relation("alliance", "party_to", "memorandum"),
        _relation("ministry", "participates_in", "project-a"),
        _relation("project-a", "participates_in", "project-b"),
        _relation("programme", "cooperates_with_place", "japan"),
        _relation("fair", "held_in", "europe"),
    ]
    return _dataset(entities, relations)


def test_the_documented_rules_on_a_small_graph() -> None:
    """Parties and organisation participants count one step; a unit of an organisation is not placed by it."""
    dataset = _small()
    assert [p.id for p in dataset.places_within("asia")] == ["asia", "japan", "tokyo"]
    asia = [e.id for e in dataset.entities(region="asia")]
    assert asia == ["asia", "japan", "memorandum", "ministry", "project-a", "tokyo"]
    assert [e.id for e in dataset.entities(cooperating_with="asia")] == ["programme"]
    assert [e.id for e in dataset.entities(partner_region="asia")] == [*asia[:4], "programme", *asia[4:]]
    europe = [e.id for e in dataset.entities(region="europe")]
    assert europe == ["alliance", "europe", "fair", "memorandum"]
    assert [e.record.id for e in dataset.timeline(region="asia") if isinstance(e.record, Entity)] == [
        "memorandum",
        "project-a",
    ]


def test_a_party_counts_where_it_is_not_where_it_cooperates() -> None:
    """A party that only cooperates with a place does not carry its agreements there; one located there does."""
    dataset = _small()
    records = attrs.evolve(
        dataset.records,
        relations=(*dataset.records.relations, _relation("alliance", "cooperates_with_place", "japan")),
    )
    widened = Dataset(records)
    assert "alliance" not in {e.id for e in widened.entities(region="asia")}
    assert "alliance" in {e.id for e in widened.entities(cooperating_with="asia")}
    europe_only = _dataset(
        [_place("asia"), _place("europe"), _entity(Organisation, "alliance"), _entity(Agreement, "pact")],
        [
            _relation("alliance", "located_in", "europe"),
            _relation("alliance", "cooperates_with_place", "asia"),
            _relation("alliance", "party_to", "pact"),
        ],
    )
    assert [e.id for e in europe_only.entities(region="asia")] == ["asia"]
    assert [e.id for e in europe_only.entities(cooperating_with="asia")] == ["alliance"]
    assert [e.id for e in europe_only.entities(region="europe")] == ["alliance", "europe", "pact"]


def test_region_given_by_id_name_or_place() -> None:
    """A region may be an id, a name (through find) or a Place; all give the same answer."""
    dataset = _small()
    by_id = list(dataset.entities(region="japan"))
    assert list(dataset.entities(region="JAPAN")) == by_id
    assert list(dataset.entities(region=dataset.get("japan"))) == by_id


def test_a_region_that_is_not_a_place_is_refused() -> None:
    """An organisation as a region raises QueryError saying to give a place; an unknown name, NotFoundError."""
    dataset = _small()
    with pytest.raises(QueryError, match="give a place"):
        list(dataset.entities(region="ministry"))
    with pytest.raises(QueryError, match="give a place"):
        dataset.places_within(dataset.get("memorandum"))
    with pytest.raises(QueryError, match="give a place"):
        dataset.timeline(region="fair")
    with pytest.raises(NotFoundError):
        dataset.relations(region="atlantis")


def test_without_a_region_nothing_changes() -> None:
    """region=None is the old behaviour of entities, relations and timeline."""
    dataset = _small()
    assert list(dataset.entities(region=None)) == list(dataset.records.entities)
    assert list(dataset.relations(region=None)) == list(dataset.records.relations)
    assert dataset.timeline(region=None) == dataset.timeline()


def test_search_in_a_region_keeps_the_ranking() -> None:
    """search(region=R) is the unfiltered ranking with the entities outside R left out."""
    dataset = _small()
    everything = dataset.search("project", limit=20)
    in_asia = dataset.search("project", limit=20, region="asia")
    asia = {e.id for e in dataset.entities(region="asia")}
    assert [m.entity.id for m in in_asia] == [m.entity.id for m in everything if m.entity.id in asia]
    assert "project-b" in {m.entity.id for m in everything} - {m.entity.id for m in in_asia}
    assert dataset.search("project", limit=1, region="europe") == ()


# --- the command line -------------------------------------------------------------------------------

_BUNDLED_SOURCE = "source-ec-internet-of-things"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _cited(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "citations": [{"source": _BUNDLED_SOURCE, "locator": "test"}]}


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    """An overlay with a region, a country part of it and a fair held in the country."""
    files = {
        "places.json": {
            "kind": "place",
            "records": [
                _cited(
                    {"id": "test-country", "name": "Testland", "description": "A country.", "place_type": "country"}
                ),
                _cited(
                    {"id": "test-region", "name": "Test Region", "description": "A region.", "place_type": "region"}
                ),
            ],
        },
        "events.json": {
            "kind": "event",
            "records": [
                _cited(
                    {
                        "id": "test-fair",
                        "name": "Testland IoT Fair",
                        "description": "A fair.",
                        "event_type": "trade_fair",
                        "started": "2019-05-02",
                    }
                )
            ],
        },
        "relations.json": {
            "kind": "relation",
            "records": [
                _cited({"subject": "test-country", "predicate": "part_of", "object": "test-region"}),
                _cited({"subject": "test-fair", "predicate": "held_in", "object": "test-country"}),
            ],
        },
    }
    return write_files(tmp_path, files)


def test_list_kind_in_a_region_prints_a_table(capsys: pytest.CaptureFixture[str], overlay: Path) -> None:
    """list event --region R shows the fair held in R's country, with its start date, and no other event."""
    code, out, err = _run(capsys, "--overlay", str(overlay), "list", "event", "--region", "Test Region")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["id", "kind", "name", "start"]
    assert lines[2].split() == ["test-fair", "event", "Testland", "IoT", "Fair", "2019-05-02"]
    assert lines[3] == "1 entity; '~' marks an inferred date"
    assert "cebit" not in out


def test_list_json_is_sorted_by_name(capsys: pytest.CaptureFixture[str], overlay: Path) -> None:
    """list --region R --json lists the region, its country and the fair, sorted by name."""
    code, out, err = _run(capsys, "list", "--region", "test-region", "--overlay", str(overlay), "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [row["id"] for row in rows] == ["test-region", "test-country", "test-fair"]
    assert rows[2] == {
        "id": "test-fair",
        "kind": "event",
        "name": "Testland IoT Fair",
        "start": "2019-05-02",
        "start_inferred": False,
    }
    assert rows[0]["start"] is None


def test_list_without_arguments_lists_every_entity(capsys: pytest.CaptureFixture[str]) -> None:
    """list with no kind and no region lists every bundled entity once, sorted by name."""
    code, out, err = _run(capsys, "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    dataset = eu_iot_coop.load()
    assert sorted(row["id"] for row in rows) == sorted(e.id for e in dataset.entities())
    assert [row["name"].casefold() for row in rows] == sorted(row["name"].casefold() for row in rows)


def test_timeline_and_search_take_a_region(capsys: pytest.CaptureFixture[str], overlay: Path) -> None:
    """timeline --region and search --region keep what is in the region only."""
    code, out, err = _run(capsys, "--overlay", str(overlay), "timeline", "--region", "Testland", "--json")
    assert code == 0, err
    assert [row["record"] for row in json.loads(out)] == ["test-fair"]
    code, out, err = _run(capsys, "--overlay", str(overlay), "search", "fair", "--region", "test-region", "--json")
    assert code == 0, err
    assert [row["id"] for row in json.loads(out)] == ["test-fair"]
    code, out, err = _run(capsys, "--overlay", str(overlay), "search", "CeBIT", "--region", "test-region")
    assert code == 1
    assert out == ""


def test_a_region_that_is_not_a_place_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--region naming an organisation exits 2 with one line saying to give a place; an unknown one exits 1."""
    code, out, err = _run(capsys, "list", "--region", "AIOTI")
    assert (code, out) == (2, "")
    assert err.startswith("eu-iot-coop: error: ")
    assert err.count("\n") == 1
    assert "give a place" in err
    code, _, err = _run(capsys, "timeline", "--region", "Japn")
    assert code == 1
    assert "japan" in err


def test_list_rejects_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown KIND is a usage error naming the near kind."""
    code, _, err = _run(capsys, "list", "agrement")
    assert code == 2
    assert "'agreement'" in err
