"""The command line on succession and meeting series: `show` prints a record's names, `rounds` a series' meetings."""

from __future__ import annotations

import json

import pytest

from eu_iot_coop.__main__ import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_show_by_a_former_name_prints_the_later_one(capsys: pytest.CaptureFixture[str]) -> None:
    """`show "DG INFSO"` finds the DG under its old name and prints the renaming, dated, and the new record."""
    code, out, _ = _run(capsys, "show", "DG INFSO")
    assert code == 0
    section = out.split("Names and succession (earliest first)", 1)[1].split("\nRelations", 1)[0]
    assert "renamed_to" in section
    assert "dg-connect" in section
    assert "2012-07-01~" in section


def test_show_of_the_later_record_prints_its_former_name(capsys: pytest.CaptureFixture[str]) -> None:
    """From DG CONNECT the chain reads the same way, earliest first."""
    code, out, _ = _run(capsys, "show", "dg-connect")
    assert code == 0
    section = out.split("Names and succession (earliest first)", 1)[1].split("\nRelations", 1)[0]
    assert "Directorate-General Information Society and Media" in section
    assert "renamed_from" in section


def test_show_prints_the_side_a_role_is_held_for(capsys: pytest.CaptureFixture[str]) -> None:
    """A relation held on behalf of a side shows it in its own column."""
    code, out, _ = _run(capsys, "show", "jiang-lintao")
    assert code == 0
    assert "on behalf of" in out
    row = next(line for line in out.splitlines() if line.startswith("participates_in"))
    assert "china" in row


def test_rounds_lists_the_japan_eu_dialogue_by_round_and_year(capsys: pytest.CaptureFixture[str]) -> None:
    """One command answers "the Japan-EU dialogue rounds by year": numbered rounds in order, with their dates."""
    code, out, _ = _run(capsys, "rounds", "eu-japan-ict-dialogue")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line[:2].isdigit()]
    assert [int(row[0]) for row in rows] == [21, 22, 23, 25, 26, 27, 28, 29]
    assert [row[1][:4] for row in rows] == ["2015", "2016", "2017", "2019", "2021", "2022", "2023", "2024"]


def test_rounds_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`--json` gives the series and its meetings with round, date, name and id."""
    code, out, _ = _run(capsys, "rounds", "Korea-EU S&T Joint Committee", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["series"] == "korea-eu-st-joint-committee"
    assert [m["round"] for m in found["meetings"]] == [4, 5, 7]


def test_rounds_of_something_that_is_no_series(capsys: pytest.CaptureFixture[str]) -> None:
    """An entity no meeting names as its series is "nothing found" (exit 1), not an empty table."""
    code, _, err = _run(capsys, "rounds", "aioti")
    assert code == 1
    assert "aioti" in err
