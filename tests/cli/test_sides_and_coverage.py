"""The command line's EU-side and region filters, and the coverage statements of ``stats``, against the API."""

from __future__ import annotations

import pytest

import eu_iot_coop

from .test_cli import run, run_json


@pytest.mark.parametrize(
    ("options", "filters"),
    [
        (("--side", "eu"), {"side": "eu"}),
        (("--side", "partner"), {"side": "partner"}),
        (("--cooperating-with-region", "Asia"), {"cooperating_with": "asia"}),
        (("--partner-region", "Japan"), {"partner_region": "japan"}),
        (("--side", "eu", "--partner-region", "Asia"), {"side": "eu", "partner_region": "asia"}),
        (("--side", "eu_based", "--region", "Europe"), {"side": "eu_based", "region": "europe"}),
    ],
)
def test_list_filters_follow_the_api(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset, options: tuple[str, ...], filters: dict[str, str]
) -> None:
    """list with --side and the region options lists exactly what Dataset.entities gives with those filters."""
    listed = run_json(capsys, "list", *options)
    expected = bundled.entities(**filters)  # type: ignore[arg-type]
    assert sorted(e["id"] for e in listed) == sorted(e.id for e in expected)
    assert listed, f"the bundled data has entities for {options}"


def test_agreements_between_the_eu_side_and_asia_in_one_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The tutorial's question in one command: EU-side agreements with partners in Asia, none without an EU party."""
    listed = {e["id"] for e in run_json(capsys, "list", "agreement", "--side", "eu", "--partner-region", "Asia")}
    assert {"eu-japan-epa", "mou-itac-aioti-2017", "joint-declaration-eu-china-5g-2015"} <= listed
    assert "mou-itac-nasscom-2017" not in listed


def test_an_unknown_side_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--side outside the rule's names exits 2 and lists the choices."""
    code, _, err = run(capsys, "list", "--side", "europe")
    assert code == 2
    assert "eu_institution" in err


def test_related_side_keeps_the_steps_reaching_that_side(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """related --side keeps the steps whose target the side filter keeps, and only those."""
    everything = run_json(capsys, "related", "european-commission")["steps"]
    kept = run_json(capsys, "related", "european-commission", "--side", "eu")["steps"]
    on_side = {e.id for e in bundled.entities(side="eu")}
    assert kept == [step for step in everything if step["target"] in on_side]
    assert 0 < len(kept) < len(everything)


def test_timeline_partner_region_follows_the_api(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """timeline --partner-region prints the rows of Dataset.timeline_rows(partner_region=...)."""
    rows = run_json(capsys, "timeline", "--partner-region", "Africa")
    expected = bundled.timeline_rows(partner_region="Africa")
    assert [row["records"] for row in rows] == [list(row.records) for row in expected]
    assert len(rows) > len(bundled.timeline_rows(region="Africa"))


def test_stats_states_the_coverage(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """stats --json carries a coverage statement per partner region and kind, with the API's counts and gaps."""
    coverage = run_json(capsys, "stats")["coverage"]
    by_key = {(c["region"], c["kind"]): c for c in coverage}
    (japan,) = bundled.coverage(region="japan", kind="project")
    shown = by_key["japan", "project"]
    assert (shown["located"], shown["cooperating"]) == (japan.located, japan.cooperating)
    assert shown["last"] == str(japan.last)
    assert [g["missing"] for g in shown["gaps"]] == [g.missing for g in japan.gaps]
    assert shown["gaps"], "the bundled gaps name Japan's projects"
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "Coverage" in out
    assert "known gaps" in out
