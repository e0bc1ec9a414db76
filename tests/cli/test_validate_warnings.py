"""`validate` lists data warnings (a relation dated outside its ends' lifetimes) and still calls the data valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eu_iot_coop._ingest import bundled_folder

from ..engine_support import CITE, valid_files, write_files, write_overlay_file
from .test_cli import _organisation, run


def _warned_folder(tmp_path: Path) -> Path:
    files = valid_files()
    files["relations.json"]["records"].append(
        {"subject": "dg-cnect", "predicate": "funds", "object": "aioti", "start": "2014", "citations": CITE}
    )
    return write_files(tmp_path / "data", files)


def test_validate_lists_a_warning_and_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", "--alone", str(_warned_folder(tmp_path)))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("valid:")
    assert len(lines) == 2
    assert lines[1].startswith("warning: ")
    assert "record 'dg-cnect:funds:aioti', field 'start'" in lines[1]
    assert "before its object 'aioti' began ('founded': 2015-03)" in lines[1]


def test_validate_json_lists_warnings_apart_from_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", "--alone", "--json", str(_warned_folder(tmp_path)))
    document = json.loads(out)
    assert (code, document["valid"], document["problems"]) == (0, True, [])
    [warning] = document["warnings"]
    assert warning["type"] == "LifetimeWarning"
    assert (warning["record"], warning["field"]) == ("dg-cnect:funds:aioti", "start")
    assert warning["file"].endswith("relations.json")
    assert warning["fix"]


def test_the_bundled_datas_own_warnings_are_left_out_of_an_overlays(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Validating an overlay lists only what concerns it; the bundled folder validated alone lists its own."""
    overlay = write_overlay_file(tmp_path / "overlay", [_organisation("good-body", "Good body")])
    code, out, _ = run(capsys, "validate", "--json", str(overlay))
    assert (code, json.loads(out)["warnings"]) == (0, [])
    code, out, _ = run(capsys, "validate", "--alone", "--json", str(bundled_folder()))
    document = json.loads(out)
    assert (code, document["valid"]) == (0, True)
    assert all(w["type"] == "LifetimeWarning" for w in document["warnings"])
    assert all(w["file"].endswith("relations.json") for w in document["warnings"])
