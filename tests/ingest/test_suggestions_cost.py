"""Reporting N dangling references costs O(N): "did you mean" is worked out for a bounded number of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop._ingest import _integrity, build_records, read_paths
from eu_iot_coop._model import edit_distance
from eu_iot_coop.exceptions import DanglingReferenceError, DataError

from ..engine_support import CITE, valid_files, write_files


def _dangling(tmp_path: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[DataError, int]:
    """Load 300 entities and *n* relations to missing ids; return the error and how many distances were computed."""
    files = valid_files()
    files["organisations.json"]["records"].extend(
        {"id": f"org-{i}", "name": f"Org {i}", "description": "A body.", "citations": CITE, "category": "other"}
        for i in range(300)
    )
    files["relations.json"]["records"].extend(
        {"subject": "aioti", "predicate": "supports", "object": f"org-{i}x", "citations": CITE} for i in range(n)
    )
    calls = 0
    real = _integrity.closest

    def counting(query: str, choices: Any, *, n: int = 3) -> list[str]:
        nonlocal calls
        choices = list(choices)
        calls += len(choices)
        return real(query, choices, n=n)

    monkeypatch.setattr(_integrity, "closest", counting)
    with pytest.raises(DataError) as caught:
        build_records(read_paths([write_files(tmp_path / f"data-{n}", files)]))
    return caught.value, calls


def test_suggestion_work_does_not_grow_with_the_number_of_dangling_references(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 dangling references cost no more edit distances than 200; every one is still reported."""
    small, small_work = _dangling(tmp_path, 200, monkeypatch)
    large, large_work = _dangling(tmp_path, 2000, monkeypatch)
    assert len(small.problems) == 200
    assert len(large.problems) == 2000
    assert all(isinstance(p, DanglingReferenceError) for p in large.problems)
    assert large_work <= small_work * 1.1
    assert large_work <= _integrity.MAX_SUGGESTIONS * 305


def test_the_first_dangling_references_still_get_a_suggestion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the cap, the fix still says "did you mean"; past it, the plain fix."""
    error, _ = _dangling(tmp_path, _integrity.MAX_SUGGESTIONS + 5, monkeypatch)
    assert "did you mean 'org-0'?" in error.problems[0].fix
    assert edit_distance("org-0x", "org-0") == 1
    assert "did you mean" not in error.problems[-1].fix
    assert error.problems[-1].fix == "add the entity, or correct the id"
