"""Rules behind the release-2 audit fixes (issue 19, item 3), held on the bundled data."""

from __future__ import annotations

from typing import Final

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset, Kind, Project, Relation
from eu_iot_coop._model import BY_NAME

#: Relations the audit found over-read or misused, with what replaced them; none may come back.
RETIRED: Final[dict[str, str]] = {
    "horizon-2020:funds:decenter": "the page says a framework was granted (now decenter part_of horizon-2020)",
    "5gchampion:focuses_on:internet-of-things": "one module of one work package",
    "iot-horizontal-activities-iot-02-2016:focuses_on:international-cooperation-in-science-and-technology": (
        "one of nine horizontal issues"
    ),
    "iot-european-platforms-initiative:cooperates_with:aioti": "an intention to link, not cooperation",
    "digital-assembly:focuses_on:trust-and-security": "options examined there (the post is about it)",
    "digital-assembly:focuses_on:data-protection-and-flows": "options examined there, not its focus",
    "ierc:focuses_on:business-models-and-ecosystems": "one of several activities the page names",
    "eu-india-ict-workshop-2014:focuses_on:internet-of-things": "one of eight areas called promising",
    "eu-japan-ict-dialogue:focuses_on:internet-of-things": "one topic of one meeting",
    "eu-japan-ict-symposium-2014:focuses_on:internet-of-things": "named in the title of one parallel session",
    "horizon-2020:funds:exciting": "only called a Horizon 2020 project",
    "horizon-2020:funds:incobra": "only said to belong to a Horizon 2020 sub-programme",
    "fp7:funds:eciao": "only called an FP7 project",
    "horizon-2020:funds:inter-iot": "the page names the Commission as funder",
    "horizon-2020:funds:iot-european-platforms-initiative": "the page says the initiative's projects are funded",
    "european-commission:funds:5gchampion": "the article says supported",
    "msit:funds:5gchampion": "the article says supported",
    "korea-eu-joint-ict-call-2015:cooperates_with_place:european-union": "the EU is a side of the call, not a partner",
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The bundled dataset."""
    return eu_iot_coop.load()


@pytest.fixture(scope="module")
def keys(ds: Dataset) -> set[str]:
    """Every relation key."""
    return {r.key for r in ds.records.relations}


def _kinds(ds: Dataset) -> dict[str, Kind]:
    return {e.id: e.kind for e in ds.records.entities}


def test_retired_relations_stay_out(keys: set[str]) -> None:
    """None of the over-read or misused relations the audit found is back."""
    assert sorted(keys & set(RETIRED)) == []


def test_what_the_pages_state_replaces_them(keys: set[str]) -> None:
    """Each retired relation whose page states something weaker has that weaker relation instead."""
    assert {
        "decenter:part_of:horizon-2020",
        "exciting:part_of:horizon-2020",
        "incobra:part_of:horizon-2020",
        "eciao:part_of:fp7",
        "european-commission:funds:inter-iot",
        "european-commission:supports:5gchampion",
        "msit:supports:5gchampion",
        "blog-franklin-digital-assembly-trust:about:trust-and-security",
    } <= keys


def test_no_person_is_a_party_to_an_agreement(ds: Dataset) -> None:
    """A person who signs an agreement does not become a party to it: the body signed for is the party."""
    kinds = _kinds(ds)
    persons = [r.key for r in ds.records.relations if r.predicate == "party_to" and kinds[r.subject] is Kind.PERSON]
    assert persons == []


def test_signatories_keep_their_signature(ds: Dataset, keys: set[str]) -> None:
    """The signatories once recorded as parties still take part in the declarations they signed."""
    assert {
        "gunther-oettinger:participates_in:joint-declaration-eu-china-5g-2015",
        "gunther-oettinger:participates_in:joint-declaration-eu-japan-5g-2015",
        "miao-wei:participates_in:joint-declaration-eu-china-5g-2015",
        "mun-kee-choi:participates_in:joint-declaration-eu-korea-ict-5g-2014",
        "neelie-kroes:participates_in:joint-declaration-eu-korea-ict-5g-2014",
        "sanae-takaichi:participates_in:joint-declaration-eu-japan-5g-2015",
    } <= keys


def test_no_end_date_is_a_deadline(ds: Dataset) -> None:
    """A call's submission deadline is not when the call or programme ended: no `ended` is noted as a deadline."""
    deadlines = [
        e.id
        for e in ds.records.entities
        if (end := getattr(e, "ended", None)) is not None and "deadline" in end.note.lower()
    ]
    assert deadlines == []


def test_coordinates_and_member_of_are_roles() -> None:
    """Coordinating and membership are held for a time, like chairs and works_for."""
    assert {name for name in ("chairs", "works_for", "coordinates", "member_of") if BY_NAME[name].role} == {
        "chairs",
        "works_for",
        "coordinates",
        "member_of",
    }


def test_a_quarter_of_role_relations_are_dated(ds: Dataset) -> None:
    """At least a quarter of the relations whose predicate is a role carry a start or an end."""
    roles = [r for r in ds.records.relations if BY_NAME[r.predicate].role]
    dated = [r for r in roles if r.start is not None or r.end is not None]
    assert roles
    assert len(dated) * 4 >= len(roles), f"{len(dated)} of {len(roles)} role relations are dated"


def _inferred_project_spans(ds: Dataset) -> list[tuple[Relation, Project]]:
    projects = {e.id: e for e in ds.records.entities if isinstance(e, Project)}
    return [
        (r, projects[r.object])
        for r in ds.records.relations
        if r.predicate == "coordinates" and r.object in projects and r.start is not None and r.start.inferred
    ]


def _spans(relation: Relation, project: Project) -> bool:
    started, ended = project.started, project.ended
    if started is None or relation.start is None or relation.start.date.earliest() != started.date.earliest():
        return False
    if relation.end is None:
        return True
    return ended is not None and relation.end.date.latest() == ended.date.latest()


def test_inferred_coordination_spans_its_project(ds: Dataset) -> None:
    """A coordinating role dated by inference spans the project's own dates, no wider and no narrower."""
    spans = _inferred_project_spans(ds)
    assert spans
    wrong = [relation.key for relation, project in spans if not _spans(relation, project)]
    assert wrong == []


def test_the_three_seed_statements_are_relations(keys: set[str]) -> None:
    """The IERC's common statements, the Innovation Union and Horizon 2020 on cooperation, AIOTI members in
    Industrie 4.0: each is a relation, not only prose."""
    assert {
        "ierc:developed:common-statements-arm-identifiers-standardisation",
        "common-statements-arm-identifiers-standardisation:about:architecture-reference-model",
        "common-statements-arm-identifiers-standardisation:about:identification-and-numbering",
        "common-statements-arm-identifiers-standardisation:about:standardisation",
        "innovation-union:supports:international-cooperation-in-science-and-technology",
        "horizon-2020-proposals:supports:international-cooperation-in-science-and-technology",
        "aioti-member-companies:participates_in:industrie-4-0",
    } <= keys
