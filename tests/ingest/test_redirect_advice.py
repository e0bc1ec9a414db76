"""Advice for broken chains of redirects names a live record, or says that none is known (issue 11)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset
from eu_iot_coop.exceptions import DanglingReferenceError, DataError

from ..engine_support import CITE, valid_files, write_files

LIVE_IDS = {"aioti", "dg-cnect", "belgium", "eu-press", "aioti-members-2020"}


def _load_with_redirects(folder: Path, redirects: dict[str, str], relation_to: str | None = None) -> list[DataError]:
    files = valid_files()
    files["redirects.json"]["records"] = [
        {"id": retired, "replaced_by": target, "reason": "renamed"} for retired, target in redirects.items()
    ]
    if relation_to is not None:
        relation = {"subject": "dg-cnect", "predicate": "supports", "object": relation_to, "citations": CITE}
        files["relations.json"]["records"].append(relation)
    try:
        Dataset.from_files(write_files(folder, files))
    except DataError as error:
        return list(error.problems)
    return []


def _quoted(text: str) -> set[str]:
    return set(re.findall(r"'([^']*)'", text))


def test_a_redirect_to_itself_is_called_that_and_not_advised_to_stay(tmp_path: Path) -> None:
    """A redirect pointing at its own id says so, and its fix names no id to point at when none can be guessed."""
    [problem] = _load_with_redirects(tmp_path / "d", {"zq-unknown": "zq-unknown"})
    assert isinstance(problem, DanglingReferenceError)
    assert problem.problem == "the redirect points at itself, so it leads to no live record"
    assert "none could be guessed" in problem.fix
    assert "zq-unknown" not in problem.fix


def test_a_cycle_of_redirects_names_a_live_record_near_them(tmp_path: Path) -> None:
    """Two retired ids redirecting to each other: each is a cycle problem whose fix proposes the live 'aioti'."""
    problems = _load_with_redirects(tmp_path / "d", {"aioti-old": "aioti-older", "aioti-older": "aioti-old"})
    assert [p.record for p in problems] == ["aioti-old", "aioti-older"]
    assert "'aioti-old' -> 'aioti-older' -> 'aioti-old'" in problems[0].problem
    for problem in problems:
        assert "form a cycle" in problem.problem
        assert _quoted(problem.fix) == {"aioti"}


def test_a_reference_to_an_id_in_a_cycle_is_not_sent_to_another_retired_id(tmp_path: Path) -> None:
    """A relation to a retired id whose redirects loop is not told to use a retired id as 'its replacement'."""
    problems = _load_with_redirects(tmp_path / "d", {"zq-a": "zq-b", "zq-b": "zq-a"}, relation_to="zq-a")
    [reference] = [p for p in problems if p.record == "dg-cnect:supports:zq-a"]
    assert reference.problem == "'zq-a' is a retired id"
    assert not _quoted(reference.fix) & {"zq-a", "zq-b"}
    assert "none could be guessed" in reference.fix


def test_a_plain_chain_still_points_straight_at_its_live_end(tmp_path: Path) -> None:
    """Without a loop, a redirect to a retired id is told the live id its chain ends at."""
    [problem] = _load_with_redirects(tmp_path / "d", {"aioti-old": "aioti-older", "aioti-older": "aioti"})
    assert problem.record == "aioti-old"
    assert problem.fix == "point straight at 'aioti'"


@pytest.mark.filterwarnings("ignore")
@given(
    st.dictionaries(
        st.sampled_from(["old-a", "old-b", "old-c", "aioti-old", "zq-retired"]),
        st.sampled_from(["old-a", "old-b", "old-c", "aioti-old", "zq-retired", "aioti", "belgium"]),
        min_size=1,
    )
)
def test_redirect_advice_only_ever_names_live_records(redirects: dict[str, str]) -> None:
    """Whatever the redirects (chains, self-loops, cycles, chains into cycles, missing ends), fixes name live ids only.

    So no fix ever tells a redirect to point at itself or at another retired id, not even as a "did you mean".
    """
    with tempfile.TemporaryDirectory() as folder:
        problems = _load_with_redirects(Path(folder) / "d", redirects)
    for problem in problems:
        assert problem.field == "replaced_by"
        assert problem.record in redirects
        named = _quoted(problem.fix)
        assert named <= LIVE_IDS, problem.describe()
        assert named or "none could be guessed" in problem.fix or problem.fix == "point it at an existing record"
