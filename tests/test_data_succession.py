"""The bundled data on succession, sides and meeting series: what the pages say, read back through the queries."""

from __future__ import annotations

import re

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset
from eu_iot_coop._model import PREDICATES, SUCCESSION, Event


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return eu_iot_coop.load()


def test_dg_infso_became_dg_connect_on_1_july_2012(ds: Dataset) -> None:
    """The renaming is dated, so the DG's name at a date is known from either record."""
    (step,) = ds.successors("dg-infso")
    assert (step.predicate, step.target.id, str(step.relation.start.date)) == ("renamed_to", "dg-connect", "2012-07-01")
    assert ds.name_at("dg-connect", "2011") == ds.get("dg-infso").name
    assert ds.name_at("dg-infso", "2013") == ds.get("dg-connect").name
    assert ds.find("DG INFSO").id == "dg-infso"


def test_the_2010_expert_group_was_set_up_by_dg_infso(ds: Dataset) -> None:
    """A relation of 2010 names the DG of 2010, whatever name the later page uses."""
    founders = {
        r.subject for r in ds.relations(object="eu-china-expert-group-future-internet-ipv6", predicate="founded")
    }
    assert "dg-infso" in founders
    assert "dg-connect" not in founders


def test_the_successions_the_pages_state(ds: Dataset) -> None:
    """OpenFog merged into the IIC, WAZIUP was followed by WAZIHUB, PDSF I by PDSF II, the Future Cities Catapult
    renamed Connected Places Catapult."""
    assert [(s.predicate, s.target.id) for s in ds.successors("openfog-consortium")] == [
        ("merged_into", "industrial-internet-consortium")
    ]
    assert [s.target.id for s in ds.successors("waziup")] == ["wazihub"]
    assert [s.target.id for s in ds.predecessors("eu-china-pdsf-ii")] == ["eu-china-pdsf-i"]
    assert [s.target.id for s in ds.successors(ds.find("Future Cities Catapult"))] == ["connected-places-catapult"]


def test_every_succession_is_dated_or_says_why_not(ds: Dataset) -> None:
    """A succession carries its start, or a note saying that no page dates it."""
    successions = [r for r in ds.records.relations if r.predicate in SUCCESSION]
    assert len(successions) >= 5
    assert all(r.start is not None or r.note for r in successions)


def test_jiang_lintao_headed_the_chinese_members_and_did_not_chair(ds: Dataset) -> None:
    """The audit finding: the head of one side of a bilateral group is not the group's chair."""
    assert not list(ds.relations(subject="jiang-lintao", predicate="chairs"))
    (held,) = ds.relations(subject="jiang-lintao", predicate="participates_in")
    assert held.on_behalf_of == "china"


_SIDE_IN_NOTE = re.compile(r"\b(EU|Japanese|Korean|Chinese|US|Indian|Mexican|Brazilian|Singapore) (side|co-chair)\b")


def test_no_note_still_carries_the_side(ds: Dataset) -> None:
    """Where a note said which side a co-chair or head of delegation acted for, the side is a field now."""
    taking = {p.name for p in PREDICATES if p.sides}
    left = [
        r.key
        for r in ds.records.relations
        if r.predicate in taking and _SIDE_IN_NOTE.search(r.note) and r.on_behalf_of is None
    ]
    assert left == []
    assert sum(r.on_behalf_of is not None for r in ds.records.relations) >= 60


_ORDINALS = {1: ("first", "inaugural"), 2: ("second",), 3: ("third",), 4: ("fourth",)}


def test_each_round_number_is_the_one_the_meeting_is_named_by(ds: Dataset) -> None:
    """A round number is read off the meeting's name or an alias (21st, First, XIII), never guessed."""
    for event in ds.entities(kind="event"):
        assert isinstance(event, Event)
        if event.round is None:
            continue
        names = " ".join(event.names).lower()
        words = (f"{event.round}{suffix}" for suffix in ("st", "nd", "rd", "th"))
        assert any(re.search(rf"\b{w}\b", names) for w in (*words, *_ORDINALS.get(event.round, ()))), event.id


def test_rounds_of_a_series_come_in_date_order(ds: Dataset) -> None:
    """A later round never starts before an earlier one of the same series."""
    series = {e.series for e in ds.entities(kind="event") if isinstance(e, Event) and e.series}
    assert len(series) >= 15
    for one in series:
        dated = [e.start.date.earliest() for e in ds.rounds(one) if e.round is not None and e.start is not None]
        assert dated == sorted(dated), one


def test_the_japan_eu_ict_policy_dialogue_rounds(ds: Dataset) -> None:
    """The 21st to 29th rounds the data holds (the 24th is not among them), in order."""
    numbered = [e.round for e in ds.rounds("eu-japan-ict-dialogue") if e.round is not None]
    assert numbered == [21, 22, 23, 25, 26, 27, 28, 29]
