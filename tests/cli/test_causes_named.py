"""Messages that name the file, the record and the cause (issue 21).

An overlay that retires a bundled id is named by every problem it causes; a retired id that
leads to a source says so instead of "no entity matches"; JSON output never drops a problem
whose text holds a lone surrogate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset
from eu_iot_coop._cli import main
from eu_iot_coop.exceptions import DanglingReferenceError, NotFoundError


def _overlay(folder: Path, document: dict[str, object]) -> Path:
    folder.mkdir()
    (folder / "redirects.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_an_overlay_retiring_a_bundled_id_is_named_in_the_headline(tmp_path: Path) -> None:
    overlay = _overlay(
        tmp_path / "overlay",
        {"kind": "redirect", "replace": ["aioti"], "records": [{"id": "aioti", "replaced_by": "etsi", "reason": "x"}]},
    )
    with pytest.raises(DanglingReferenceError) as caught:
        eu_iot_coop.load(overlays=[overlay])
    redirects = str(overlay / "redirects.json")
    for problem in caught.value.problems:
        assert isinstance(problem, DanglingReferenceError)
        assert f"the redirect in {redirects} retires it" in problem.problem or (
            f"itself retired (by the redirect in {redirects})" in problem.problem
        )
        assert f"if {redirects} should not retire 'aioti', drop that redirect" in problem.fix
    assert redirects in str(caught.value)


def test_a_retired_id_leading_to_a_source_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = eu_iot_coop.load().records.sources[0].id
    overlay = _overlay(
        tmp_path / "overlay",
        {"kind": "redirect", "records": [{"id": "old-source", "replaced_by": source, "reason": "renamed"}]},
    )
    dataset = Dataset.from_files(*map(str, (Path(str(eu_iot_coop._ingest.bundled_folder())), overlay)))
    with pytest.raises(NotFoundError) as caught:
        dataset.get("old-source")
    assert caught.value.replaced_by == source
    assert caught.value.replaced_by_type == "source"
    assert f"replaced by {source!r}, which is a source, not an entity" in str(caught.value)
    assert main(["--overlay", str(overlay), "show", "old-source"]) == 1
    err = capsys.readouterr().err
    assert "which is a source" in err
    assert "search" not in err


def test_json_problems_with_a_lone_surrogate_are_all_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "organisations.json").write_text(
        '{"kind": "organisation", "records": [{"id": "x", "\\ud800": 1}]}', encoding="utf-8"
    )
    assert main(["validate", "--json", str(folder)]) == 3
    out = capsys.readouterr().out
    document = json.loads(out)
    assert document["valid"] is False
    fields = [problem["field"] for problem in document["problems"]]
    assert "\ud800" in fields
    out.encode("utf-8")  # the text itself is valid UTF-8: the surrogate is escaped
