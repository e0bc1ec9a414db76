"""Global options are used or refused, never dropped; diff on exports and on overlays."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eu_iot_coop
from eu_iot_coop import export
from eu_iot_coop.__main__ import main
from eu_iot_coop._cli import _app
from eu_iot_coop._cli._parser import COMMANDS, build_parser, global_options

from ..engine_support import write_overlay_file

SOURCE = "source-ec-internet-of-things"


def _overlay(directory: Path) -> Path:
    """An overlay adding one organisation."""
    record = {
        "id": "overlay-body",
        "name": "Overlay body",
        "description": "A test organisation.",
        "citations": [{"source": SOURCE, "locator": "test"}],
        "category": "other",
    }
    return write_overlay_file(directory, [record])


def _arguments(command: str, tmp_path: Path) -> list[str]:
    """The smallest arguments that make *command* run."""
    data = _overlay(tmp_path / "args")
    return {
        "show": ["aioti"],
        "rounds": ["eu-japan-ict-dialogue"],
        "search": ["aioti"],
        "related": ["aioti"],
        "path": ["aioti", "etsi"],
        "timeline": [],
        "stats": [],
        "disagreements": [],
        "list": ["topic"],
        "figures": ["aioti"],
        "export": ["--format", "json"],
        "draw": ["--timeline"],
        "validate": [str(data)],
        "fmt": ["--check", str(data)],
        "diff": [],
        "cite": [],
        "actors": ["--top", "1"],
    }[command]


#: A value for each global option, by ``dest``; a new global option must be added here, or the test fails.
def _value(dest: str, tmp_path: Path) -> list[str]:
    return {"overlay": [str(_overlay(tmp_path / "overlay"))]}[dest]


class _Watched(argparse.Namespace):
    """A namespace that records which attributes the command read."""

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):
            object.__getattribute__(self, "_read").add(name)
        return object.__getattribute__(self, name)


def test_every_global_option_is_used_or_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For every command and every global option: the command reads it, or refuses it with exit 2 saying why."""
    read: set[str] = set()
    handler_of = _app._handler

    def watching(command: str) -> Callable[..., int]:
        handler = handler_of(command)

        def run(args: argparse.Namespace, out: Any) -> int:
            watched = _Watched(**vars(args))
            object.__setattr__(watched, "_read", read)
            return handler(watched, out)

        return run

    monkeypatch.setattr(_app, "_handler", watching)
    options = global_options(build_parser())
    assert options, "the parser has global options"
    for command in COMMANDS:
        for dest, flag in options.items():
            read.clear()
            code = main([flag, *_value(dest, tmp_path), command, *_arguments(command, tmp_path)])
            out, err = capsys.readouterr()
            if dest in COMMANDS[command].refuses:
                assert code == 2, (command, flag, err)
                assert f"{command} takes no {flag}: " in err
                assert out == ""
            else:
                assert code in (0, 1), (command, flag, err)
                assert dest in read, f"{command} neither reads nor refuses {flag}"


def test_refusal_reasons_name_only_global_options() -> None:
    """A command can only refuse an option that exists, so no reason is dead text."""
    options = global_options(build_parser())
    for command in COMMANDS.values():
        assert set(command.refuses) <= set(options)


def test_diff_compares_the_bundled_data_with_the_overlay(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--overlay X diff` shows what X adds to the bundled data, and exits 1."""
    code = main(["--overlay", str(_overlay(tmp_path)), "diff", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [a["record"]["id"] for a in result["added"]] == ["overlay-body"]
    assert result["removed"] == []
    assert result["changed"] == []


def test_diff_takes_the_overlay_after_the_command_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`diff --overlay X` means the same as `--overlay X diff`."""
    before = main(["--overlay", str(_overlay(tmp_path)), "diff"])
    first = capsys.readouterr().out
    after = main(["diff", "--overlay", str(_overlay(tmp_path))])
    assert (after, capsys.readouterr().out) == (before, first)


def test_diff_refuses_an_overlay_with_two_sides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With OLD and NEW, an overlay would have no clear meaning: exit 2, one line."""
    code = main(["--overlay", str(_overlay(tmp_path)), "diff", "bundled", "bundled"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "not both" in err
    assert err.count("\n") == 1


def test_diff_without_sides_or_overlay_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """diff with nothing to compare says what to give."""
    assert main(["diff"]) == 2
    assert "OLD and NEW" in capsys.readouterr().err


def test_diff_reads_a_json_export_on_either_side(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An export of the bundled data does not differ from it, whichever side it is on."""
    path = tmp_path / "export.json"
    export.to_json(eu_iot_coop.load(), path)
    for argv in (["diff", "bundled", str(path)], ["diff", str(path), "bundled"]):
        assert main(argv) == 0
        assert capsys.readouterr().out == "no differences\n"


def test_diff_shows_an_edit_made_to_an_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An entity renamed in an export is shown as that one change against a data directory."""
    document = json.loads(export.to_json(eu_iot_coop.load()))
    for entity in document["entities"]:
        if entity["id"] == "aioti":
            entity["name"] = "Renamed alliance"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    bundled = str(Path(eu_iot_coop.__file__).parent / "data")
    assert main(["diff", bundled, str(path), "--json"]) == 1
    changed = json.loads(capsys.readouterr().out)["changed"]
    assert [(c["id"], [f["field"] for f in c["fields"]]) for c in changed] == [("aioti", ["name"])]


def test_diff_refuses_a_broken_export_as_invalid_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An export with an unknown top-level key is invalid data (exit 3), not half-read."""
    document = json.loads(export.to_json(eu_iot_coop.load()))
    document["extra"] = []
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["diff", "bundled", str(path)]) == 3
    err = capsys.readouterr().err
    assert "'extra'" in err
    assert "export" in err


def test_diff_of_the_bundled_data_with_an_overlay_given_as_new_names_the_overlay_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`diff bundled OVERLAY` reads OVERLAY as a whole dataset, where it dangles: exit 2 saying what was meant."""
    overlay = str(_overlay(tmp_path))
    code = main(["diff", "bundled", overlay])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert f"{overlay} is an overlay" in err
    assert f"eu-iot-coop diff --overlay {overlay}" in err


def test_diff_of_a_broken_directory_that_is_no_overlay_either_keeps_its_own_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder that fails alone and as an overlay is not called an overlay: its data error stands (exit 3)."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "topics.json").write_text('{"kind": "topic", "records": [{"id": "x"}]}', encoding="utf-8")
    code = main(["diff", "bundled", str(broken)])
    err = capsys.readouterr().err
    assert code == 3
    assert "is an overlay" not in err
