"""What the commands print: --json on every data command (errors too), --as-of, figures, wrapping, progress."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eu_iot_coop
from eu_iot_coop.__main__ import main
from eu_iot_coop._cli._parser import COMMANDS, build_parser

from ..engine_support import write_overlay_file as write_overlay
from .test_cli import _organisation, run

#: Commands whose output is a picture or another format, not data to read: they take no --json.
NO_JSON = {"cite", "draw", "export"}
#: Commands to which a date makes no sense: timeline has --from and --to; the data-file commands read files.
NO_AS_OF = {"timeline", "validate", "fmt", "diff", "cite"}


def _options(command: str) -> set[str]:
    parser = build_parser(only=command)
    sub = next(action for action in parser._actions if action.dest == "command")
    return {flag for action in sub.choices[command]._actions for flag in action.option_strings}  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_data_command_has_json_and_the_query_commands_as_of(command: str) -> None:
    """--json on every command that prints data; --as-of on every command where a date means something."""
    options = _options(command)
    assert ("--json" in options) == (command not in NO_JSON)
    assert ("--as-of" in options) == (command not in NO_AS_OF)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code, out, err = run(capsys, *argv, "--json")
    return code, json.loads(out), err


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "aioti"],
        ["search", "ITAC"],
        ["related", "itac"],
        ["path", "ITAC", "aioti"],
        ["timeline", "--from", "2017", "--to", "2017"],
        ["stats"],
        ["list", "agreement"],
        ["figures"],
        ["figures", "AIOTI"],
        ["diff", "bundled", "bundled"],
    ],
)
def test_json_output_parses(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Each command's --json output is one JSON document; nothing else is on stdout."""
    code, document, err = _json(capsys, *argv)
    assert code == 0, err
    assert "error" not in document if isinstance(document, dict) else document


def test_validate_and_fmt_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """validate --json says whether the files are valid and lists each problem's fields; fmt --json lists files."""
    good = write_overlay(tmp_path / "good", [_organisation("good-body", "Good body")])
    code, document, _ = _json(capsys, "validate", str(good))
    assert (code, document["valid"], document["problems"]) == (0, True, [])
    bad = write_overlay(tmp_path / "bad", [_organisation("bad-body", "Bad body", colour="red")])
    code, document, err = _json(capsys, "validate", str(bad))
    assert code == 3
    assert document["valid"] is False
    assert [problem["record"] for problem in document["problems"]] == ["bad-body"]
    assert document["problems"][0]["file"].endswith("organisations.json")
    assert "problem found" in err
    code, document, _ = _json(capsys, "fmt", "--check", str(good))
    assert document["check"] is True
    assert (code == 1) == bool(document["would_reformat"])


def _error(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, *argv)
    assert err.startswith("eu-iot-coop: error: "), err
    assert err.count("\n") == 1, err
    error: dict[str, Any] = json.loads(out)["error"]
    assert error["exit_code"] == code
    assert error["message"] in err
    return code, error


def test_not_found_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """A name that matches nothing: exit 1, and a JSON error with the query and the suggestions."""
    code, error = _error(capsys, "show", "AIOTX", "--json")
    assert code == 1
    assert error["type"] == "NotFoundError"
    assert error["query"] == "AIOTX"
    assert any("aioti" in suggestion for suggestion in error["suggestions"])


def test_invalid_overlay_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An invalid overlay: exit 3, and a JSON error naming file, record and field of each problem."""
    bad = write_overlay(tmp_path, [_organisation("bad-body", "Bad body", colour="red")])
    code, error = _error(capsys, "list", "--overlay", str(bad), "--json")
    assert code == 3
    assert error["record"] == "bad-body"
    assert error["file"].endswith("organisations.json")
    assert error["problems"][0]["record"] == "bad-body"
    assert {"type", "message", "file", "record", "field", "problem", "fix"} <= set(error["problems"][0])


def test_ambiguous_name_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A name two entities share: exit 2, and the candidates in the JSON error."""
    overlay = write_overlay(tmp_path, [_organisation("test-body", "Test body", aliases=["AIOTI"])])
    code, error = _error(capsys, "--overlay", str(overlay), "figures", "AIOTI", "--json")
    assert code == 2
    assert sorted(error["candidates"]) == ["aioti", "test-body"]


@pytest.mark.parametrize(
    "argv",
    [["show", "--json"], ["search", "x", "--limit", "0", "--json"], ["list", "--json", "--as-of", "2015-13"]],
)
def test_usage_errors_as_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Arguments that do not parse still give a JSON error when --json is among them: exit 2."""
    code, error = _error(capsys, *argv)
    assert code == 2
    assert error["type"] == "UsageError"


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["show", "AIOTX"], 1),
        (["search", "x", "--kind", "widget"], 2),
        (["related", "AIOTX"], 1),
        (["path", "AIOTX", "aioti"], 1),
        (["timeline", "--entity", "AIOTX"], 1),
        (["list", "--region", "AIOTX"], 1),
        (["figures", "AIOTX"], 1),
        (["stats", "--overlay", "missing-overlay"], 3),
        (["diff", "bundled", "missing-data"], 3),
        (["fmt", "missing-data"], 3),
    ],
)
def test_every_json_command_reports_errors_as_json(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command with --json prints its errors as a JSON object with the exit code it returns."""
    monkeypatch.chdir(tmp_path)
    assert _error(capsys, *argv, "--json")[0] == code


def test_validate_of_a_missing_path_is_its_json_result(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """validate reports an unreadable path as one of the problems it found, in its own JSON: exit 3."""
    code, document, _ = _json(capsys, "validate", str(tmp_path / "missing"))
    assert code == 3
    assert document["valid"] is False
    assert document["problems"][0]["type"] == "DataFileError"


def test_no_json_without_asking(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json an error is the one line on stderr and stdout stays empty."""
    code, out, _ = run(capsys, "show", "AIOTX")
    assert (code, out) == (1, "")


# --- --as-of ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "aioti"],
        ["search", "AIOTI"],
        ["related", "aioti"],
        ["path", "ITAC", "aioti"],
        ["list"],
        ["figures"],
        ["stats"],
        ["export", "--format", "json"],
        ["draw", "--timeline"],
    ],
)
def test_as_of_changes_what_every_command_prints(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """--as-of is never accepted and ignored: an earlier date changes each command's output."""
    now = run(capsys, *argv)
    then = run(capsys, *argv, "--as-of", "2016-01")
    assert now[0] == 0
    assert then[0] == 0, then[2]
    assert then[1] != now[1]


def test_as_of_is_the_datasets(capsys: pytest.CaptureFixture[str]) -> None:
    """list and figures --as-of give exactly what Dataset.as_of keeps; show of a later entity is not found."""
    dated = eu_iot_coop.load().as_of("2015")
    listed = json.loads(run(capsys, "list", "--as-of", "2015", "--json")[1])
    assert sorted(row["id"] for row in listed) == sorted(e.id for e in dated.entities())
    figures = json.loads(run(capsys, "figures", "--as-of", "2015", "--json")[1])
    assert sorted(row["id"] for row in figures) == sorted(f.id for f in dated.records.figures)
    stats = json.loads(run(capsys, "stats", "--as-of", "2015", "--json")[1])
    assert (stats["as_of"], stats["figures"]) == ("2015", len(dated.records.figures))
    code, _, err = run(capsys, "show", "aioti", "--as-of", "2014")
    assert code == 1
    assert "--as-of 2014 leaves out what began later" in err


# --- figures ---------------------------------------------------------------------------------------


def test_figures_lists_every_figure_with_its_projection_marked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """figures lists each bundled figure once, sorted by entity name; projections say so in text and JSON."""
    bundled = eu_iot_coop.load()
    rows = json.loads(run(capsys, "figures", "--json")[1])
    assert sorted(row["id"] for row in rows) == sorted(f.id for f in bundled.records.figures)
    names = [row["entity"]["name"].casefold() for row in rows]
    assert names == sorted(names)
    for row in rows:
        figure = next(f for f in bundled.records.figures if f.id == row["id"])
        assert row["entity"]["id"] == figure.subject
        assert (row["value"], row["unit"], row["qualifier"]) == (figure.value, figure.unit, figure.qualifier.value)
        assert row["projection"] == figure.projection == row["text"].endswith("(projection)")
        assert [c["source"] for c in row["citations"]] == [c.source for c in figure.citations]
    code, out, _ = run(capsys, "figures")
    assert code == 0
    assert out.count("(projection)") == sum(f.projection for f in bundled.records.figures)
    # The count closes the table; a note on currencies may follow it.
    assert any(line.startswith(f"{len(rows)} figures, ") for line in out.splitlines()[-2:])
    assert out.splitlines()[0].split() == ["entity", "quantity", "value", "as", "of", "sources"]


def test_figures_of_one_entity(capsys: pytest.CaptureFixture[str]) -> None:
    """figures NAME lists only that entity's figures, as Dataset.figures gives them."""
    rows = json.loads(run(capsys, "figures", "AIOTI", "--json")[1])
    assert sorted(row["id"] for row in rows) == sorted(f.id for f in eu_iot_coop.load().figures("aioti"))
    assert {row["entity"]["id"] for row in rows} == {"aioti"}


# --- terminals and pipes ---------------------------------------------------------------------------


def _under_a_terminal(argv: list[str], columns: int) -> str:
    pty = pytest.importorskip("pty")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its stdout a terminal
        os.environ["COLUMNS"] = str(columns)
        os.execv(sys.executable, [sys.executable, "-m", "eu_iot_coop", *argv])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_show_wraps_to_the_terminal_and_not_in_a_pipe() -> None:
    """On an 80-column terminal no line of show AIOTI is longer than 80; piped, its description is one line."""
    shown = _under_a_terminal(["show", "AIOTI"], 80)
    assert "Alliance for Internet of Things Innovation" in shown
    assert max(len(line) for line in shown.splitlines()) <= 80
    piped = subprocess.run(
        [sys.executable, "-m", "eu_iot_coop", "show", "AIOTI"], capture_output=True, text=True, check=True
    ).stdout
    description = next(line for line in piped.splitlines() if line.startswith("description "))
    assert len(description) > 80


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_validate_shows_progress_only_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """validate says on stderr what it reads when stderr is a terminal, and nothing when it is not."""
    overlay = write_overlay(tmp_path, [_organisation("good-body", "Good body")])
    assert run(capsys, "validate", str(overlay))[2] == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["validate", str(overlay)]) == 0
    assert f"reading and checking 1 path with the bundled data: {overlay}..." in terminal.getvalue()
    terminal.truncate(0)
    assert main(["list", "--overlay", str(overlay)]) == 0
    assert "reading and checking 1 path" in terminal.getvalue()
