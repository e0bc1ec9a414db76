"""Coverage statements: counts and dates derived from the region filters, gaps read from the curated file."""

from __future__ import annotations

import pytest
from hypothesis import given

import eu_iot_coop
from eu_iot_coop import Coverage, Dataset, Kind
from eu_iot_coop._query._coverage import GAP_STATUSES, gaps, read_gaps
from eu_iot_coop.exceptions import DataFileError

from .test_regions import attached_graphs


def _brute(dataset: Dataset, region: str, kind: Kind) -> tuple[int, int, list[str]]:
    located = {e.id for e in dataset.entities(region=region, kind=kind)}
    cooperating = {e.id for e in dataset.entities(cooperating_with=region, kind=kind)} - located
    dates = sorted(
        when.date
        for e in dataset.entities(kind=kind)
        if e.id in located | cooperating
        for when in (e.start, e.end)
        if when is not None
    )
    return len(located), len(cooperating), [str(d) for d in dates[:1] + dates[-1:]]


@given(attached_graphs())
def test_counts_and_dates_follow_the_two_readings(dataset: Dataset) -> None:
    """For every place and kind: in the region, cooperating and not in it, and the first and last date they carry."""
    for region in dataset.entities(kind="place"):
        statements = dataset.coverage(region=region.id)
        assert [c.kind for c in statements] == list(Kind)
        for statement in statements:
            located, cooperating, span = _brute(dataset, region.id, statement.kind)
            assert (statement.located, statement.cooperating) == (located, cooperating)
            assert [str(d) for d in (statement.first, statement.last) if d is not None] == span
            assert statement.count == located + cooperating


def test_bundled_gaps_are_well_formed_and_placed() -> None:
    """Every curated gap names a place of the bundled data, a kind, a known status and an http(s) lead or none,
    and the coverage of a region lists the gaps of every place within it."""
    dataset = eu_iot_coop.load()
    known = gaps()
    assert len(known) >= 10
    for gap in known:
        assert dataset.get(gap.region).kind is Kind.PLACE
        assert gap.status in GAP_STATUSES
        assert gap.lead is None or gap.lead.startswith(("https://", "http://"))
        assert gap.missing.endswith(".")
    japan = [gap for c in dataset.coverage(region="japan") for gap in c.gaps]
    asia = [gap for c in dataset.coverage(region="asia") for gap in c.gaps]
    assert japan
    assert set(japan) <= set(asia)


def test_default_coverage_lists_the_partner_regions_first() -> None:
    """Without a region: the partner regions in the overview's order, then the other regions a gap names."""
    dataset = eu_iot_coop.load()
    regions = list(dict.fromkeys(c.region for c in dataset.coverage(kind="agreement")))
    assert regions[:7] == ["china", "japan", "korea", "india", "northern-america", "brazil", "africa"]
    assert "european-union" in regions[7:]
    assert all(isinstance(c, Coverage) for c in dataset.coverage(kind=["agreement", "project"]))


@pytest.mark.parametrize(
    ("document", "field", "words"),
    [
        ("[]", None, "no 'gaps' list"),
        ('{"gaps": [{"region": "japan"}]}', None, "must be an object with region"),
        (
            '{"gaps": [{"region": "japan", "kind": "projet", "missing": "x.", "status": "conflict"}]}',
            "kind",
            "not a kind",
        ),
        (
            '{"gaps": [{"region": "japan", "kind": "project", "missing": "x.", "status": "lost"}]}',
            "status",
            "not known",
        ),
        ('{"gaps": [{"region": "japan", "kind": ["project"], "missing": "x.", "status": "lost"}]}', "kind", "a text"),
        (
            '{"gaps": [{"region": "japan", "kind": "project", "missing": "x.", "status": "lost", "extra": 1}]}',
            None,
            "exactly",
        ),
        ("{", None, "not JSON"),
    ],
)
def test_a_malformed_gaps_file_is_refused_naming_where(document: str, field: str | None, words: str) -> None:
    """A bad gaps file raises DataFileError naming the file, the entry and the field, with a fix."""
    with pytest.raises(DataFileError) as raised:
        read_gaps(document, "gaps.json")
    error = raised.value
    assert error.file == "gaps.json"
    assert error.field == field
    assert error.fix
    assert words in str(error)
    if field is not None:
        assert error.record == "gaps[0]"
