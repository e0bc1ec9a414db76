"""Search: ranking, typo tolerance and the edit distance behind it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import (
    Dataset,
    Document,
    DocumentType,
    Entity,
    Kind,
    Match,
    Organisation,
    OrganisationCategory,
    Place,
    PlaceType,
    Records,
)
from eu_iot_coop._model import edit_distance, normalize
from eu_iot_coop.exceptions import QueryError

from ..strategies import CITES, SOURCE, datasets, entities, names, words


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
        assert match.matched_name in (*match.entity.names, match.entity.id, *match.entity.codes)


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


# --- ranking tiers ------------------------------------------------------------------------------

_TIERS = ("exact", "code", "prefix", "word", "fuzzy", "description")


def _reference_tier(entity: Entity, query: str) -> str | None:
    """The tier the documented rules give, worked out the slow way; None for fuzzy or no match."""
    keys = [normalize(name) for name in entity.names]
    if query in (*keys, normalize(entity.id)):
        return "exact"
    if query in (normalize(code) for code in entity.codes):
        return "code"
    if any(key.startswith(query) for key in keys):
        return "prefix"
    if any(f" {query}" in f"{key}" for key in keys):
        return "word"
    return None


def _organisation(number: int, name: str, acronym: str | None = None) -> Organisation:
    return Organisation(
        id=f"org-{number}",
        name=name,
        acronym=acronym,
        description="An organisation.",
        citations=CITES,
        category=OrganisationCategory.OTHER,
    )


@st.composite
def _queries(draw: st.DrawFn, ds: Dataset) -> str:
    """A name, a code, the start of a name, a later word of a name, or any short text."""
    names_ = [name for entity in ds.entities() for name in (*entity.names, *entity.codes)]
    name = normalize(draw(st.sampled_from(names_)))
    words_ = name.split()
    return draw(
        st.sampled_from([name, name[: max(1, len(name) // 2)], words_[-1][:3] or name])
        | st.text(alphabet="abcdeéo &-", min_size=1, max_size=6)
    )


@given(datasets(), st.data())
def test_results_follow_the_tiers(ds: Dataset, data: st.DataObject) -> None:
    """Every entity with an exact, code, prefix or word match is found, in that tier, and tiers come in order."""
    query = data.draw(_queries(ds))
    matches = ds.search(query, limit=len(list(ds.entities())))
    if not normalize(query):
        assert matches == ()
        return
    ranks = [_TIERS.index(m.tier) for m in matches]
    assert ranks == sorted(ranks)
    found = {m.entity.id: m.tier for m in matches}
    for entity in ds.entities():
        expected = _reference_tier(entity, normalize(query))
        if expected is not None:
            assert found.get(entity.id) == expected, (entity, query)
        else:
            assert found.get(entity.id) in (None, "fuzzy")


@given(datasets(), words.map(str.upper), words, words)
def test_an_entity_whose_acronym_is_the_query_outranks_one_that_only_contains_it(
    ds: Dataset, acronym: str, before: str, after: str
) -> None:
    """An acronym equal to the query ranks above any entity whose names merely contain it, and above any other."""
    holder = _organisation(1000, f"{before} institute", acronym)
    container = _organisation(1001, f"{before}-{acronym} {after} memorandum")
    if normalize(container.name) == normalize(acronym):
        return
    ds = Dataset(Records(sources=(SOURCE,), entities=(*ds.records.entities, holder, container)))
    ranked = [m.entity.id for m in ds.search(acronym, limit=len(ds.records.entities))]
    assert ranked.index(holder.id) < ranked.index(container.id)
    exact = {e.id for e in ds.entities() if _reference_tier(e, normalize(acronym)) == "exact"}
    assert set(ranked[: len(exact)]) == exact


@given(datasets(), st.lists(st.integers(0, 10**6), min_size=1, max_size=6, unique=True), st.data())
def test_adding_unrelated_entities_never_demotes_an_exact_match(
    ds: Dataset, numbers: list[int], data: st.DataObject
) -> None:
    """Entities whose names do not equal the query never come before an exact match."""
    target = data.draw(st.sampled_from(list(ds.entities())))
    query = data.draw(st.sampled_from(target.names))
    key = normalize(query)
    extra = [data.draw(entities(10**6 + number)) for number in numbers]
    unrelated = [e for e in extra if _reference_tier(e, key) != "exact"]
    bigger = Dataset(Records(sources=(SOURCE,), entities=(*ds.records.entities, *unrelated)))
    everyone = len(bigger.records.entities)
    before = [m.entity.id for m in ds.search(query, limit=everyone)]
    after = [m.entity.id for m in bigger.search(query, limit=everyone)]
    assert after.index(target.id) <= before.index(target.id)
    assert not {e.id for e in unrelated} & set(after[: after.index(target.id)])


@given(names, names)
def test_a_prefix_match_beats_a_fuzzy_one(prefix: str, rest: str) -> None:
    """An entity whose name starts with the query outranks one that is only a typo away from it."""
    query = normalize(prefix)
    starting = _organisation(1, f"{prefix} {rest}")
    typo = _organisation(2, query[:-1] + ("a" if query[-1] != "a" else "b"))
    if _reference_tier(typo, query) is not None:
        return
    ds = Dataset(Records(sources=(SOURCE,), entities=(typo, starting)))
    matches = ds.search(query)
    assert matches[0].entity is starting
    assert matches[0].tier == "prefix"
    assert all(m.tier == "fuzzy" for m in matches[1:])


@given(names, st.sampled_from([Kind.ORGANISATION, Kind.PLACE]), st.booleans())
def test_equal_scores_put_actors_and_places_before_documents(name: str, kind: Kind, exact: bool) -> None:
    """Two entities matching alike: the organisation or place comes before the document, whatever their ids."""
    first = Organisation if kind is Kind.ORGANISATION else Place
    fields = {"category": OrganisationCategory.OTHER} if kind is Kind.ORGANISATION else {"place_type": PlaceType.CITY}
    actor = first(id="zz-actor", name=name, description="An entity.", citations=CITES, **fields)  # type: ignore[arg-type]
    document = Document(
        id="aa-document", name=name, description="A document.", citations=CITES, document_type=DocumentType.OTHER
    )
    ds = Dataset(Records(sources=(SOURCE,), entities=(document, actor)))
    query = name if exact else name[:2]
    assert [m.entity.id for m in ds.search(query)] == ["zz-actor", "aa-document"]


# --- examples on the bundled data ---------------------------------------------------------------


def _ids(matches: tuple[Match, ...]) -> list[str]:
    return [m.entity.id for m in matches]


def test_an_acronym_prefix_puts_the_alliance_above_its_memoranda(bundled: Dataset) -> None:
    """'AIOT' finds AIOTI first (its acronym starts so), above the ITAC-AIOTI MoU, which only has the word."""
    ranked = _ids(bundled.search("AIOT", limit=len(bundled.records.entities)))
    assert ranked[0] == "aioti"
    assert ranked.index("aioti") < ranked.index("mou-itac-aioti-2017")


def test_a_word_match_puts_openfog_above_a_blog_post(bundled: Dataset) -> None:
    """'fog' ranks the OpenFog Consortium (alias 'Open Fog Consortium') above any blog post."""
    matches = bundled.search("fog", limit=len(bundled.records.entities))
    ranked = _ids(matches)
    blog_posts = [m.entity.id for m in matches if m.entity.id.startswith("blog-")]
    assert all(ranked.index("openfog-consortium") < ranked.index(post) for post in blog_posts)


def test_descriptions_are_searched_only_when_asked_and_rank_below_names(bundled: Dataset) -> None:
    """A word found only in descriptions matches nothing by name, and with descriptions=True ranks last."""
    everyone = len(bundled.records.entities)
    entity = next(e for e in bundled.entities() if "blockchain" in normalize(e.description))
    assert entity.id not in _ids(bundled.search("blockchain", limit=everyone))
    matches = bundled.search("blockchain", limit=everyone, descriptions=True)
    described = [m for m in matches if m.tier == "description"]
    assert entity.id in _ids(tuple(described))
    assert all(m.score < 0.3 for m in described)
    assert matches[-len(described) :] == tuple(described)


def test_descriptions_must_be_a_bool() -> None:
    """descriptions= takes True or False only."""
    with pytest.raises(QueryError, match="descriptions"):
        Dataset(Records()).search("x", descriptions="yes")  # type: ignore[arg-type]
