"""Lookup: get, find, entities, relations and figures, on generated datasets."""

from __future__ import annotations

import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import (
    AmbiguousNameError,
    Dataset,
    EuIotCoopError,
    Kind,
    NotFoundError,
    Person,
    Place,
    PlaceType,
    Records,
    Redirect,
)
from eu_iot_coop._model import normalize  # the library's name key; no public equivalent
from eu_iot_coop.exceptions import QueryError, RetiredIdWarning, SchemaError

from ..engine_support import valid_files, write_files
from ..strategies import CITES, DIRECTION, SOURCE, datasets, names


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _owners(ds: Dataset, name: str) -> set[str]:
    key = normalize(name)
    return {e.id for e in ds.entities() if any(normalize(n) == key for n in e.names)}


@given(datasets())
def test_get_returns_every_entity_by_id_and_by_itself(ds: Dataset) -> None:
    """get() finds each entity by its id and by the entity object."""
    for entity in ds.entities():
        assert ds.get(entity.id) is entity
        assert ds.get(entity) is entity


@given(datasets(), st.sampled_from([str.upper, _strip_accents, lambda s: f"  {s.replace(' ', '   ')} "]))
def test_find_returns_the_entity_for_every_variant_of_its_names(ds: Dataset, variant: object) -> None:
    """find() returns the entity for each of its names, upper-cased, accent-stripped or spaced out."""
    assert callable(variant)
    for entity in ds.entities():
        for name in entity.names:
            query = variant(name)
            owners = _owners(ds, name)
            if query in {e.id for e in ds.entities()}:
                continue  # an id always wins over a name
            if len(owners) == 1:
                assert ds.find(query) is entity
            else:
                with pytest.raises(AmbiguousNameError) as raised:
                    ds.find(query)
                assert set(raised.value.candidates) == owners


@given(datasets())
def test_find_accepts_ids(ds: Dataset) -> None:
    """find() also takes an entity's id."""
    for entity in ds.entities():
        assert ds.find(entity.id) is entity


def test_shared_name_is_ambiguous() -> None:
    """A name two entities share raises AmbiguousNameError listing both ids."""
    people = tuple(Person(id=f"jo-{n}", name="Jo Smith", description="A person.", citations=CITES) for n in range(2))
    ds = Dataset(Records(sources=(SOURCE,), entities=people))
    with pytest.raises(AmbiguousNameError, match="jo-0, jo-1"):
        ds.find("jo smith")


@given(datasets())
def test_unknown_id_raises_not_found_which_is_a_key_error(ds: Dataset) -> None:
    """An unknown id raises NotFoundError, a KeyError and a library error."""
    with pytest.raises(NotFoundError) as raised:
        ds.get("no-such-entity-anywhere")
    assert isinstance(raised.value, KeyError)
    assert isinstance(raised.value, EuIotCoopError)
    assert "no-such-entity-anywhere" in str(raised.value)


@given(datasets(), st.data())
def test_near_miss_id_is_suggested(ds: Dataset, data: st.DataObject) -> None:
    """Dropping one character of an id gives a NotFoundError suggesting that id."""
    entity = data.draw(st.sampled_from(list(ds.entities())))
    position = data.draw(st.integers(0, len(entity.id) - 1))
    typo = entity.id[:position] + entity.id[position + 1 :]
    known = {e.id for e in ds.entities()} | {r.id for r in ds.records.redirects}
    if typo in known or not normalize(typo):
        return
    with pytest.raises(NotFoundError) as raised:
        ds.get(typo)
    rivals = {
        e.id
        for e in ds.entities()
        if e is not entity and any(normalize(n) == normalize(typo) for n in (*e.names, e.id))
    }
    if len(rivals) < 3:
        assert entity.id in raised.value.suggestions
        assert repr(entity.id) in str(raised.value)


@given(datasets())
def test_retired_id_redirects_with_a_warning(ds: Dataset) -> None:
    """A retired id returns its replacement and warns RetiredIdWarning."""
    for redirect in ds.records.redirects:
        with pytest.warns(RetiredIdWarning, match=redirect.replaced_by):
            assert ds.get(redirect.id).id == redirect.replaced_by


def test_redirect_chain_is_followed() -> None:
    """A retired id replaced by another retired id leads to the live entity."""
    person = Person(id="jo", name="Jo", description="A person.", citations=CITES)
    redirects = (
        Redirect(id="old", replaced_by="older", reason="renamed"),
        Redirect(id="older", replaced_by="jo", reason="renamed"),
    )
    ds = Dataset(Records(sources=(SOURCE,), entities=(person,), redirects=redirects))
    with pytest.warns(RetiredIdWarning):
        assert ds.get("old") is person


@pytest.mark.parametrize("bad", [42, None, b"aioti", ["aioti"]])
def test_wrong_argument_type_raises_query_error(bad: object) -> None:
    """get() and find() reject anything but a str or an Entity with QueryError."""
    ds = Dataset(Records())
    with pytest.raises(QueryError, match="expected an entity id"):
        ds.get(bad)  # type: ignore[arg-type]
    with pytest.raises(QueryError):
        ds.find(bad)  # type: ignore[arg-type]


@given(datasets(), st.sampled_from(list(Kind)))
def test_entities_of_a_kind(ds: Dataset, kind: Kind) -> None:
    """entities(kind=) yields exactly the entities of that kind, given as enum or string."""
    expected = [e for e in ds.records.entities if e.kind is kind]
    assert list(ds.entities(kind=kind)) == expected
    assert list(ds.entities(kind=kind.value)) == expected
    assert list(ds.entities()) == list(ds.records.entities)


@given(datasets(), st.sets(st.sampled_from(list(Kind))))
def test_entities_of_several_kinds(ds: Dataset, kinds: set[Kind]) -> None:
    """entities(kind=) takes an iterable of kinds, as enums or strings, keeping record order."""
    expected = [e for e in ds.records.entities if e.kind in kinds]
    assert list(ds.entities(kind=sorted(kinds))) == expected
    assert list(ds.entities(kind=(k.value for k in kinds))) == expected


def test_entities_refuses_a_kind_that_is_not_a_kind_or_iterable() -> None:
    """entities(kind=3) raises QueryError, as search(kind=3) does."""
    with pytest.raises(QueryError, match="kind must be a Kind"):
        Dataset(Records()).entities(kind=3)  # type: ignore[arg-type]


def test_unknown_kind_suggests_the_right_spelling() -> None:
    """A misspelt kind raises NotFoundError suggesting the right one."""
    with pytest.raises(NotFoundError, match="'organisation'"):
        Dataset(Records()).entities(kind="organization")


@given(datasets(), st.data())
def test_relations_filter_matches_brute_force(ds: Dataset, data: st.DataObject) -> None:
    """relations() with any filters, forward or inverse predicate, yields the facts a scan finds."""
    ids = [e.id for e in ds.entities()]
    subject = data.draw(st.none() | st.sampled_from(ids))
    object_ = data.draw(st.none() | st.sampled_from(ids))
    name = data.draw(st.none() | st.sampled_from(sorted(DIRECTION)))

    def matches(r_subject: str, r_object: str) -> bool:
        return subject in (None, r_subject) and object_ in (None, r_object)

    expected = []
    for relation in ds.records.relations:
        if name is None:
            keep = matches(relation.subject, relation.object)
        else:
            predicate, forward = DIRECTION[name]
            if relation.predicate != predicate.name:
                continue
            ends = (relation.subject, relation.object) if forward else (relation.object, relation.subject)
            keep = matches(*ends) or (predicate.symmetric and matches(*reversed(ends)))
        if keep:
            expected.append(relation)
    found = list(ds.relations(subject=subject, predicate=name, object=object_))
    assert sorted(found, key=lambda r: r.key) == sorted(expected, key=lambda r: r.key)
    assert len(set(map(id, found))) == len(found)


def test_unknown_predicate_suggests_names() -> None:
    """An unknown predicate raises NotFoundError suggesting the nearest names."""
    with pytest.raises(NotFoundError, match="no predicate matches 'member_off'; did you mean 'member_of'"):
        list(Dataset(Records()).relations(predicate="member_off"))


@given(datasets())
def test_figures_are_the_entitys_figures(ds: Dataset) -> None:
    """figures(x) returns exactly the figures whose subject is x."""
    for entity in ds.entities():
        assert ds.figures(entity) == tuple(f for f in ds.records.figures if f.subject == entity.id)


# --- codes and the "&" equivalence --------------------------------------------------------------


def _name_owners(ds: Dataset, text: str) -> set[str]:
    """Entities that text names by id, name, acronym or alias: these come before any code."""
    key = normalize(text)
    return {e.id for e in ds.entities() if e.id == text or any(normalize(n) == key for n in e.names)}


@given(datasets(), st.sampled_from([str, str.lower]))
def test_find_resolves_a_place_code_unless_an_id_or_name_claims_it(ds: Dataset, case: object) -> None:
    """Each code finds its place, in any case; an id, name or retired id equal to it wins instead."""
    assert callable(case)
    for place in ds.entities(kind="place"):
        for code in place.codes:
            query = case(code)
            named = _name_owners(ds, query)
            retired = query in {r.id for r in ds.records.redirects}
            holders = {e.id for e in ds.entities() if normalize(query) in map(normalize, e.codes)}
            if named or retired:
                found = _found(ds, query)
                assert found is None or found in named or retired
            elif len(holders) == 1:
                assert ds.find(query) is place
            else:
                with pytest.raises(AmbiguousNameError) as raised:
                    ds.find(query)
                assert set(raised.value.candidates) == holders


def _found(ds: Dataset, query: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RetiredIdWarning)
            return ds.find(query).id
    except AmbiguousNameError:
        return None


def test_a_code_never_shadows_another_entitys_name() -> None:
    """A name equal to a place's code finds the named entity; the code finds the place only when no name claims it."""
    japan = Place(
        id="japan",
        name="Japan",
        description="A country.",
        citations=CITES,
        place_type=PlaceType.COUNTRY,
        iso_3166_1="JP",
        iso_3166_1_alpha3="JPN",
        m49="392",
    )
    jp = Person(id="j-p", name="Jean-Pierre", acronym="JP", description="A person.", citations=CITES)
    ds = Dataset(Records(sources=(SOURCE,), entities=(japan, jp)))
    assert ds.find("JP") is jp
    assert ds.find("jpn") is japan
    assert ds.find("392") is japan
    assert [(m.entity.id, m.tier) for m in ds.search("JP")][:2] == [("j-p", "exact"), ("japan", "code")]


@given(names, names, st.sampled_from([" & ", "&", " and ", "-&-"]))
def test_ampersand_and_and_are_the_same(first: str, second: str, joiner: str) -> None:
    """A name written with "and" is found written with "&", and the other way round."""
    for written, asked in ((" and ", joiner), (joiner, " and ")):
        entity = Person(id="someone", name=f"{first}{written}{second}", description="A person.", citations=CITES)
        ds = Dataset(Records(sources=(SOURCE,), entities=(entity,)))
        assert ds.find(f"{first}{asked}{second}") is entity
        assert ds.search(f"{first}{asked}{second}")[0].tier == "exact"


def test_codes_in_data_files_resolve_and_bad_codes_are_refused(tmp_path: Path) -> None:
    """A place file with alpha-2, alpha-3 and M49 codes loads; find() and search() resolve each code."""
    files = valid_files()
    files["places.json"]["records"][0].update({"iso_3166_1_alpha3": "BEL", "m49": "056"})
    ds = Dataset.from_files(write_files(tmp_path / "good", files))
    assert {ds.find(code).id for code in ("BE", "be", "BEL", "bel", "056")} == {"belgium"}
    assert ds.search("bel")[0].tier == "code"
    for bad in ("bel", "BE", "BELG", "B3L"):
        files["places.json"]["records"][0]["iso_3166_1_alpha3"] = bad
        with pytest.raises(SchemaError) as raised:
            Dataset.from_files(write_files(tmp_path / bad, files))
        assert raised.value.field == "iso_3166_1_alpha3"


NAME_TAKING_CALLS = {
    "neighbours": lambda ds, e: ds.neighbours(e),
    "view": lambda ds, e: ds.view(e).relations,
    "figures": lambda ds, e: ds.figures(e),
    "variants": lambda ds, e: ds.variants(e),
    "walk": lambda ds, e: [step.target.id for step in ds.walk(e, depth=1)],
    "relations": lambda ds, e: list(ds.relations(subject=e)),
    "path": lambda ds, e: ds.path(e, "european-commission"),
}


@pytest.mark.parametrize("call", NAME_TAKING_CALLS.values(), ids=list(NAME_TAKING_CALLS))
@pytest.mark.parametrize(
    "reference", ["AIOTI", "Alliance for Internet of Things Innovation", "alliance for iot innovation"]
)
def test_methods_taking_an_entity_take_what_find_takes(bundled: Dataset, call: Any, reference: str) -> None:
    """An acronym, a name or an alias (any case) gives what the id gives, as on the command line."""
    assert bundled.find(reference).id == "aioti"
    assert call(bundled, reference) == call(bundled, "aioti")


def test_get_takes_ids_only(bundled: Dataset) -> None:
    """get() is the lookup by id: a name is a miss that suggests the id (find() is the lookup by name)."""
    with pytest.raises(NotFoundError, match="did you mean 'aioti'"):
        bundled.get("AIOTI")


@pytest.mark.parametrize(
    "filters",
    [
        {"quantity": "budget"},
        {"unit": "eur"},
        {"kind": "project"},
        {"region": "Brazil"},
        {"quantity": "budget", "unit": "EUR", "kind": ["programme", "project"]},
    ],
    ids=["quantity", "unit", "kind", "region", "all but region"],
)
def test_figures_narrowed_as_a_plain_reading_of_the_records_says(bundled: Dataset, filters: dict[str, Any]) -> None:
    """figures(quantity=, unit=, kind=, region=) keeps exactly the figures a loop over the records keeps."""
    about = {e.id for e in bundled.entities(kind=filters.get("kind"), region=filters.get("region"))}
    expected = [
        f
        for f in bundled.records.figures
        if ("quantity" not in filters or "budget" in f.quantity.casefold().split())
        and ("unit" not in filters or f.unit == "EUR")
        and f.subject in about
    ]
    found = bundled.figures(**filters)
    assert list(found) == expected
    assert found, "the data has figures of each kind asked"
