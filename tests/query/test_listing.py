"""The columns of `list`: each kind's default columns exist, and each column says what the records say."""

from __future__ import annotations

import json

import pytest

from eu_iot_coop import Dataset, Kind
from eu_iot_coop.__main__ import main
from eu_iot_coop._model import KINDS
from eu_iot_coop._query import LIST_COLUMNS, cell_text


def test_every_kind_lists_columns_that_exist() -> None:
    """A kind's default columns are entries of the one column table."""
    for kind, entry in KINDS.items():
        assert entry.list_columns, kind
        assert set(entry.list_columns) <= set(LIST_COLUMNS), kind


def test_parties_are_the_agreement_s_has_party_neighbours(bundled: Dataset) -> None:
    """The parties column of every agreement names exactly the entities the agreement has as parties."""
    parties = LIST_COLUMNS["parties"]
    for agreement in bundled.entities(kind="agreement"):
        listed = [item["id"] for item in parties.value(bundled, agreement)]
        expected = [n.entity.id for n in bundled.neighbours(agreement.id, predicate="has_party")]
        assert listed == expected, agreement.id


def test_budgets_are_money_with_their_currency(bundled: Dataset) -> None:
    """A project's budget column holds only money, each value with its currency."""
    budget = LIST_COLUMNS["budget"]
    seen = 0
    for project in bundled.entities(kind="project"):
        for item in budget.value(bundled, project):
            seen += 1
            assert item["unit"].isupper()
            assert len(item["unit"]) == 3
            assert item["unit"] in cell_text([item])
    assert seen, "some project has a budget"


def test_roles_are_the_role_relations_read_from_the_person(bundled: Dataset) -> None:
    """A person's roles are their relations of a role predicate, dated where the relation is."""
    roles = LIST_COLUMNS["roles"]
    dated = 0
    for person in bundled.entities(kind="person"):
        for item in roles.value(bundled, person):
            assert item["predicate"] in {"chairs", "works_for", "coordinates", "member_of"}
            dated += bool(item["when"])
    assert dated, "some role is dated"


def test_list_json_carries_the_chosen_columns(capsys: pytest.CaptureFixture[str]) -> None:
    """--columns picks the columns, in order; --json gives each row's values under 'columns'."""
    assert main(["list", "project", "--columns", "coordinator,period", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert all(list(row["columns"]) == ["coordinator", "period"] for row in rows)
    assert main(["list", "project", "--columns", "coordinator,period"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header == ["id", "kind", "name", "coordinator", "period"]


def test_an_unknown_column_is_a_usage_error_naming_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt column stops with exit 2, the nearest name and every column's name."""
    assert main(["list", "agreement", "--columns", "partys"]) == 2
    err = capsys.readouterr().err
    assert "'parties'" in err
    assert all(name in err for name in LIST_COLUMNS)


def test_kind_defaults_apply_without_columns(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --columns a kind shows its own columns; without a kind, the start date."""
    assert main(["list", "event", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0]["columns"]) == list(KINDS[Kind.EVENT].list_columns)
    assert main(["list", "--json"]) == 0
    assert list(json.loads(capsys.readouterr().out)[0]["columns"]) == ["start"]


def test_countries_are_its_own_places_or_where_those_taking_part_are_located(bundled: Dataset) -> None:
    """A country is listed for a project or agreement only through its own place relations or a party's seat."""
    countries = LIST_COLUMNS["countries"]
    listed = 0
    for entity in [*bundled.entities(kind="project"), *bundled.entities(kind="agreement")]:
        own = {
            n.entity.id
            for n in bundled.neighbours(entity, predicate=["located_in", "held_in", "cooperates_with_place"])
        }
        takers = bundled.neighbours(entity, predicate=["has_party", "has_participant", "coordinated_by"])
        seats = {n.entity.id for t in takers for n in bundled.neighbours(t.entity, predicate="located_in")}
        for item in countries.value(bundled, entity):
            listed += 1
            assert item["id"] in own | seats, (entity.id, item["id"])
    assert listed


@pytest.mark.parametrize("other", ["METI", "aioti", "Japan"])
def test_linked_to_keeps_what_is_one_relation_away_either_way(bundled: Dataset, other: str) -> None:
    """entities(linked_to=X) keeps exactly the entities a relation ties to X, whichever end X is."""
    target = bundled.find(other).id
    tied = {r.object for r in bundled.records.relations if r.subject == target}
    tied |= {r.subject for r in bundled.records.relations if r.object == target}
    assert {e.id for e in bundled.entities(linked_to=other)} == tied
    assert [e.id for e in bundled.entities(kind="agreement", linked_to=other)] == [
        e.id for e in bundled.entities(kind="agreement") if e.id in tied
    ]


def test_list_with_names_the_other_end(bundled: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    """`list agreement --with` takes any name of the other end and lists what entities(linked_to=) keeps."""
    assert main(["list", "agreement", "--with", "Ministry of Economy, Trade and Industry", "--json"]) == 0
    listed = sorted(row["id"] for row in json.loads(capsys.readouterr().out))
    assert listed == sorted(e.id for e in bundled.entities(kind="agreement", linked_to="meti"))
    assert listed
