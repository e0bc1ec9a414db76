"""The EU side: the rule of ``_query._sides`` checked against a brute-force reading of it over generated datasets.

Generated datasets hold the place ``european-union`` with places part of it and others not,
organisations of every category placed in them (or not), units ``part_of`` other organisations,
people who ``works_for`` them, founders, members and chairs, agreements with parties and projects
with participants. The brute force reads each rule of the module's docstring as literally as it can:
fixed points where the module walks, plain recursion where it remembers.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import (
    Agreement,
    Dataset,
    Entity,
    EUSide,
    Kind,
    Organisation,
    OrganisationCategory,
    Person,
    Place,
    PlaceType,
    Project,
    Relation,
)
from eu_iot_coop._cli._parser import SIDE_CHOICES
from eu_iot_coop.exceptions import QueryError

from .test_regions import _dataset, _entity, _place, _relation, brute_within

EU_CATEGORIES = {
    OrganisationCategory.EU_INSTITUTION,
    OrganisationCategory.COMMISSION_SERVICE,
    OrganisationCategory.EU_BODY,
}
MAKING = ("founded", "member_of", "chairs")
PRECEDENCE = list(EUSide)


@st.composite
def sided_graphs(draw: st.DrawFn) -> Dataset:
    """A dataset exercising every clause of the EU-side rule, with distractors it must ignore."""
    places = [
        _place("european-union"),
        *(_place(f"place-{n}", PlaceType.COUNTRY) for n in range(draw(st.integers(1, 4)))),
    ]
    relations: list[Relation] = []
    for place in places[1:]:
        if draw(st.booleans()):
            relations.append(_relation(place.id, "part_of", "european-union"))
    count = draw(st.integers(1, 8))
    organisations = [
        _entity(Organisation, f"organisation-{n}", category=draw(st.sampled_from(list(OrganisationCategory))))
        for n in range(count)
    ]
    for number, organisation in enumerate(organisations):
        for place in draw(st.lists(st.sampled_from(places), max_size=2, unique=True)):
            relations.append(_relation(organisation.id, "located_in", place.id))
        if number and draw(st.booleans()):
            # Wholes come earlier in the list, so part_of never cycles (as the integrity checks ensure).
            whole = organisations[draw(st.integers(0, number - 1))]
            relations.append(_relation(organisation.id, "part_of", whole.id))
        if draw(st.booleans()):
            relations.append(_relation(organisation.id, "cooperates_with_place", draw(st.sampled_from(places)).id))
    people = [_entity(Person, f"person-{n}") for n in range(draw(st.integers(0, 3)))]
    for person in people:
        for body in draw(st.lists(st.sampled_from(organisations), max_size=2, unique=True)):
            relations.append(_relation(person.id, "works_for", body.id))
    for _ in range(draw(st.integers(0, 5))):
        maker = draw(st.sampled_from([*organisations, *people]))
        made = draw(st.sampled_from(organisations))
        predicate = draw(st.sampled_from(MAKING))
        if maker.id != made.id and not (
            predicate != "chairs" and made.id < maker.id and maker.kind is Kind.ORGANISATION
        ):
            relations.append(_relation(maker.id, predicate, made.id))
    works: list[Entity] = []
    for number in range(draw(st.integers(0, 3))):
        agreement = _entity(Agreement, f"agreement-{number}")
        project = _entity(Project, f"project-{number}")
        works += [agreement, project]
        for party in draw(st.lists(st.sampled_from([*organisations, *people]), max_size=3, unique=True)):
            relations.append(_relation(party.id, "party_to", agreement.id))
        for participant in draw(st.lists(st.sampled_from([*organisations, *people]), max_size=3, unique=True)):
            relations.append(_relation(participant.id, "participates_in", project.id))
    return _dataset([*places, *organisations, *people, *works], relations)


def brute_sides(dataset: Dataset) -> dict[str, EUSide]:
    """Each actor's side, read from the rules of ``_query._sides`` one by one."""
    relations = dataset.records.relations
    organisations = {e.id: e for e in dataset.records.entities if isinstance(e, Organisation)}
    people = {e.id for e in dataset.records.entities if isinstance(e, Person)}
    sides: dict[str, EUSide] = {}
    # 1. EU categories, and every organisation linked to one through part_of, either way, to a fixed point.
    eu = {o for o, entity in organisations.items() if entity.category in EU_CATEGORIES}
    while True:
        more = {
            end
            for r in relations
            if r.predicate == "part_of" and r.subject in organisations and r.object in organisations
            for end, other in ((r.subject, r.object), (r.object, r.subject))
            if other in eu
        } - eu
        if not more:
            break
        eu |= more
    sides.update(dict.fromkeys(eu, EUSide.EU_INSTITUTION))
    # 2. Where it is based: its own seats, else those of each whole, recursively.
    in_eu = brute_within(dataset, "european-union") if "european-union" in dataset else set()
    # A base says something only where the data places it: in the EU, or in some country.
    countries = [e.id for e in dataset.records.entities if isinstance(e, Place) and e.place_type is PlaceType.COUNTRY]
    placed = set(in_eu).union(*(brute_within(dataset, country) for country in countries))

    def bases(organisation: str) -> set[str]:
        own = {r.object for r in relations if r.subject == organisation and r.predicate == "located_in"}
        if own:
            return own
        wholes = [
            r.object
            for r in relations
            if r.subject == organisation and r.predicate == "part_of" and r.object in organisations
        ]
        return {base for whole in wholes for base in bases(whole)}

    for organisation in organisations:
        found = bases(organisation) & placed
        if organisation in sides or not found:
            continue
        if found <= in_eu:
            sides[organisation] = EUSide.EU_BASED
        elif not found & in_eu:
            sides[organisation] = EUSide.PARTNER
        else:
            sides[organisation] = EUSide.INTERNATIONAL
    # People: the first side, by precedence, of the bodies they work for.
    for person in people:
        bodies = [
            sides[r.object]
            for r in relations
            if r.subject == person and r.predicate == "works_for" and r.object in sides
        ]
        if bodies:
            sides[person] = min(bodies, key=PRECEDENCE.index)
    # 3. Made up by both sides.
    joint = {}
    for organisation in organisations:
        if organisation in sides:
            continue
        makers = {sides.get(r.subject) for r in relations if r.object == organisation and r.predicate in MAKING}
        if makers & {EUSide.EU_INSTITUTION, EUSide.EU_BASED} and EUSide.PARTNER in makers:
            joint[organisation] = EUSide.INTERNATIONAL
    sides.update(joint)
    return sides


def brute_members(dataset: Dataset, wanted: set[EUSide]) -> set[str]:
    """The actors on the wanted sides, the agreements they are party to and the projects their bodies are in."""
    sides = brute_sides(dataset)
    actors = {actor for actor, side in sides.items() if side in wanted}
    kinds = {e.id: e.kind for e in dataset.records.entities}
    works = {
        r.object
        for r in dataset.records.relations
        if r.subject in actors
        and (
            r.predicate == "party_to"
            or (
                r.predicate == "participates_in"
                and kinds[r.subject] is Kind.ORGANISATION
                and kinds[r.object] in {Kind.PROJECT, Kind.PROGRAMME}
            )
        )
    }
    return actors | works


@given(sided_graphs())
def test_each_actors_side_matches_the_rule(dataset: Dataset) -> None:
    """Dataset.side gives, for every entity, what the brute-force reading of the rule gives (None: no side)."""
    expected = brute_sides(dataset)
    for entity in dataset.records.entities:
        assert dataset.side(entity.id) == expected.get(entity.id), entity.id


@given(sided_graphs(), st.sampled_from(["eu", *(side.value for side in EUSide)]))
def test_the_side_filter_matches_the_rule(dataset: Dataset, name: str) -> None:
    """entities(side=S) and relations(side=S) keep, in record order, what the brute-force reading keeps."""
    wanted = {EUSide.EU_INSTITUTION, EUSide.EU_BASED} if name == "eu" else {EUSide(name)}
    members = brute_members(dataset, wanted)
    assert [e.id for e in dataset.entities(side=name)] == [e.id for e in dataset.records.entities if e.id in members]
    assert list(dataset.relations(side=name)) == [
        r for r in dataset.records.relations if r.subject in members or r.object in members
    ]
    several = [e.id for e in dataset.entities(side=[side.value for side in wanted])]
    assert several == [e.id for e in dataset.entities(side=name)]


def _union() -> Dataset:
    """The Union, the Commission and a DG's unit; a member state and a company in it; a partner ministry;
    a joint group made up by the DG and the ministry; an unplaced cluster; an official; a memorandum."""
    entities: list[Entity] = [
        _place("european-union"),
        _place("france", PlaceType.COUNTRY),
        _place("japan", PlaceType.COUNTRY),
        _entity(Organisation, "union"),
        _entity(Organisation, "commission", category=OrganisationCategory.EU_INSTITUTION),
        _entity(Organisation, "dg", category=OrganisationCategory.COMMISSION_SERVICE),
        _entity(Organisation, "dg-unit"),
        _entity(Organisation, "company"),
        _entity(Organisation, "company-lab"),
        _entity(Organisation, "ministry", category=OrganisationCategory.NATIONAL_MINISTRY),
        _entity(Organisation, "joint-group", category=OrganisationCategory.WORKING_GROUP),
        _entity(Organisation, "cluster", category=OrganisationCategory.RESEARCH_CLUSTER),
        _entity(Person, "official"),
        _entity(Agreement, "memorandum"),
    ]
    relations = [
        _relation("france", "part_of", "european-union"),
        _relation("commission", "part_of", "union"),
        _relation("dg", "part_of", "commission"),
        _relation("dg-unit", "part_of", "dg"),
        _relation("company", "located_in", "france"),
        _relation("company-lab", "part_of", "company"),
        _relation("ministry", "located_in", "japan"),
        _relation("dg", "founded", "joint-group"),
        _relation("ministry", "founded", "joint-group"),
        _relation("cluster", "cooperates_with_place", "japan"),
        _relation("official", "works_for", "dg-unit"),
        _relation("company", "party_to", "memorandum"),
        _relation("ministry", "party_to", "memorandum"),
    ]
    return _dataset(entities, relations)


def test_the_documented_rule_on_a_small_graph() -> None:
    """Each clause of the rule, once: category and part_of both ways, seats and wholes, people, joint bodies."""
    dataset = _union()
    sides = {e.id: dataset.side(e.id) for e in dataset.entities(kind=["organisation", "person"])}
    assert sides == {
        "union": EUSide.EU_INSTITUTION,
        "commission": EUSide.EU_INSTITUTION,
        "dg": EUSide.EU_INSTITUTION,
        "dg-unit": EUSide.EU_INSTITUTION,
        "company": EUSide.EU_BASED,
        "company-lab": EUSide.EU_BASED,
        "ministry": EUSide.PARTNER,
        "joint-group": EUSide.INTERNATIONAL,
        "cluster": None,
        "official": EUSide.EU_INSTITUTION,
    }
    assert dataset.side("memorandum") is None
    # Agreements between the EU side and partners in Japan, in one call.
    assert [e.id for e in dataset.entities(kind="agreement", side="eu", region="japan")] == ["memorandum"]
    assert [r.subject for r in dataset.relations(predicate="party_to", side="partner")] == ["company", "ministry"]


def test_a_side_must_be_named_as_the_rule_names_them() -> None:
    """An unknown side raises QueryError listing the choices; the CLI offers exactly the rule's names."""
    dataset = _union()
    with pytest.raises(QueryError, match="choose from eu, eu_institution"):
        list(dataset.entities(side="europe"))
    with pytest.raises(QueryError, match="side must be"):
        list(dataset.entities(side=3))  # type: ignore[arg-type]
    assert set(SIDE_CHOICES) == {"eu", *(side.value for side in EUSide)}
    assert [e.id for e in dataset.entities(side="EU-based")] == [e.id for e in dataset.entities(side=EUSide.EU_BASED)]


def test_without_the_eu_place_nothing_is_based_in_the_eu() -> None:
    """A dataset with no place european-union has no EU-based body: its bases are all outside."""
    dataset = _dataset(
        [_place("france", PlaceType.COUNTRY), _entity(Organisation, "company")],
        [_relation("company", "located_in", "france")],
    )
    assert dataset.side("company") is EUSide.PARTNER


def test_bundled_sides_and_regions() -> None:
    """On the bundled data: the EU's bodies, a body based in a member state, a partner, a joint body; IERC is not
    in Asia but cooperates with it; every place IERC cooperates with is an M49 area or a country inside one."""
    import eu_iot_coop

    dataset = eu_iot_coop.load()
    assert dataset.side("european-commission") is EUSide.EU_INSTITUTION
    assert dataset.side("etsi") is EUSide.EU_BASED  # Sophia Antipolis, France
    assert dataset.side("meti") is EUSide.PARTNER
    assert "ierc" not in {e.id for e in dataset.entities(region="Asia")}
    assert "ierc" in {e.id for e in dataset.entities(cooperating_with="Asia")}
    assert "northern-america" in {p.id for p in dataset.places_within("north-america")}
    m49 = [p for p in dataset.entities(kind="place") if getattr(p, "m49", None)]
    for relation in dataset.relations(subject="ierc", predicate="cooperates_with_place"):
        assert any(relation.object in {p.id for p in dataset.places_within(area)} for area in m49), relation.object
    agreements = [e.id for e in dataset.entities(kind="agreement", partner_region="Asia", side="eu")]
    assert {"eu-japan-epa", "mou-itac-aioti-2017", "eu-korea-digital-partnership"} <= set(agreements)
    assert "mou-itac-nasscom-2017" not in agreements  # Japan and India, no EU party


def test_a_base_the_data_places_in_no_country_says_nothing() -> None:
    """A body seated in a city whose country is not recorded has no side, not "partner"; beside an EU seat, EU-based."""
    dataset = _dataset(
        [
            _place("european-union", PlaceType.REGION),
            _place("france", PlaceType.COUNTRY),
            _place("helsinki", PlaceType.CITY),
            _entity(Organisation, "city-lab"),
            _entity(Organisation, "two-seats"),
        ],
        [
            _relation("france", "part_of", "european-union"),
            _relation("city-lab", "located_in", "helsinki"),
            _relation("two-seats", "located_in", "helsinki"),
            _relation("two-seats", "located_in", "france"),
        ],
    )
    assert dataset.side("city-lab") is None
    assert dataset.side("two-seats") is EUSide.EU_BASED
