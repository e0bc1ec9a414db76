"""Search: ranking, typo tolerance and the edit distance behind it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset, Kind, Records
from eu_iot_coop._model import edit_distance, normalize
from eu_iot_coop.exceptions import QueryError

from ..strategies import datasets


def _reference_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char_a != char_b))
    return row[-1]


@given(st.text(max_size=70), st.text(max_size=70))
def test_edit_distance_agrees_with_the_textbook_algorithm(a: str, b: str) -> None:
    """The bit-parallel edit distance equals the dynamic-programming one."""
    assert edit_distance(a, b) == _reference_distance(a, b)


@given(datasets())
def test_exact_name_comes_first(ds: Dataset) -> None:
    """Searching an entity's exact name puts an exact match, scored 1.0, first."""
    for entity in ds.entities():
        matches = ds.search(entity.name)
        assert matches[0].score == 1.0
        assert normalize(matches[0].matched_name) == normalize(entity.name)
        exact = {m.entity.id for m in matches if m.score == 1.0}
        if len(exact) < 10:
            assert entity.id in exact


@given(datasets(), st.data())
def test_one_typo_still_finds_the_entity_in_the_top_five(ds: Dataset, data: st.DataObject) -> None:
    """A name of six or more characters with one character changed, dropped or added is in the top 5."""
    candidates = [(e, n) for e in ds.entities() for n in e.names if len(normalize(n)) >= 6]
    if not candidates:
        return
    entity, name = data.draw(st.sampled_from(candidates))
    text = normalize(name)
    position = data.draw(st.integers(0, len(text) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    edit = data.draw(st.sampled_from(["replace", "drop", "add"]))
    head, tail = text[:position], text[position + 1 :] if edit != "add" else text[position:]
    typo = head + ("" if edit == "drop" else letter) + tail
    if not typo.strip():
        return
    ranked = [m.entity.id for m in ds.search(typo, limit=10)]
    # Other entities as close to the typo, or starting with it, may fairly outrank it.
    query = normalize(typo)
    rivals = sum(
        1
        for e in ds.entities()
        if e is not entity
        and any(edit_distance(query, normalize(n)) <= 2 or normalize(n).startswith(query) for n in (*e.names, e.id))
    )
    assert entity.id in ranked[: 5 + rivals]


@given(datasets(), st.text(max_size=12), st.integers(1, 5))
def test_results_are_ordered_limited_and_scored(ds: Dataset, query: str, limit: int) -> None:
    """Results come best first, at most limit of them, one per entity, scores in (0, 1]."""
    matches = ds.search(query, limit=limit)
    assert len(matches) <= limit
    assert len({m.entity.id for m in matches}) == len(matches)
    assert all(0 < m.score <= 1 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    for match in matches:
        assert match.matched_name in (*match.entity.names, match.entity.id)


@given(datasets(), st.sampled_from(list(Kind)))
def test_kind_filter(ds: Dataset, kind: Kind) -> None:
    """search(kind=) returns only entities of that kind."""
    for entity in ds.entities():
        assert all(m.entity.kind is kind for m in ds.search(entity.name, kind=kind.value))


def test_empty_query_finds_nothing() -> None:
    """A query with no letters or digits returns no matches."""
    assert Dataset(Records()).search(" -- ") == ()


@pytest.mark.parametrize("limit", [0, -1, 1.5, True])
def test_bad_limit_raises_query_error(limit: object) -> None:
    """limit must be a positive int."""
    with pytest.raises(QueryError, match="limit"):
        Dataset(Records()).search("x", limit=limit)  # type: ignore[arg-type]
