"""`validate --json` puts an unreadable file first and names it as the cause of what follows (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eu_iot_coop._cli import main

from ..engine_support import CITE


def test_validate_json_lists_the_unreadable_file_first_and_as_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The broken file is problem one; the dangling reference after it carries the file in caused_by."""
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    relation = {"subject": "my-cluster", "predicate": "supports", "object": "aioti", "citations": CITE}
    (overlay / "a-relations.json").write_text(json.dumps({"kind": "relation", "records": [relation]}))
    broken = overlay / "b-organisations.json"
    broken.write_text('{"kind": "organisation", "records": [')
    code = main(["validate", "--alone", "--json", str(overlay)])
    assert code == 3
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert problems[0]["file"] == str(broken)
    assert problems[0]["caused_by"] == []
    knock_on = [p for p in problems if p["record"] == "my-cluster:supports:aioti" and p["field"] == "subject"]
    assert [p["caused_by"] for p in knock_on] == [[str(broken)]]
