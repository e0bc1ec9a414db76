"""Finding entities by their names in other languages and by their identifiers (issue 19).

``find``/``get`` resolve a name in another language like an alias and an identifier's value like a code;
``search`` finds a name in Chinese, Japanese or Korean by any part that begins at one of its characters,
since those scripts put no spaces between words.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from eu_iot_coop import Dataset
from eu_iot_coop import strategies as eis
from eu_iot_coop._model import normalize
from eu_iot_coop._query._search import word_starts
from eu_iot_coop.exceptions import AmbiguousNameError

from ..profiles import examples


def _expected_holders(dataset: Dataset, text: str) -> set[str]:
    """Who ``find(text)`` may return, by its documented precedence: id, then names, then redirects, then codes."""
    entities = dataset.records.entities
    if any(e.id == text for e in entities):
        return {text}
    key = normalize(text)
    by_name = {e.id for e in entities if key in {normalize(n) for n in e.names}}
    if by_name:
        return by_name
    if any(r.id == text for r in dataset.records.redirects):
        return set()  # a retired id: followed with a warning, checked elsewhere
    return {e.id for e in entities if key in {normalize(c) for c in e.codes}}


def _check_finds(dataset: Dataset, text: str, owner: str) -> None:
    holders = _expected_holders(dataset, text)
    if not holders:
        return
    assert owner in holders or text in {e.id for e in dataset.records.entities}
    if len(holders) == 1:
        assert dataset.find(text).id == next(iter(holders))
    else:
        with pytest.raises(AmbiguousNameError):
            dataset.find(text)


@examples(1)
@given(dataset=eis.datasets())
def test_find_by_every_name_in_another_language_and_every_identifier(dataset: Dataset) -> None:
    for entity in dataset.records.entities:
        for tagged in entity.names_in_languages:
            _check_finds(dataset, tagged.name, entity.id)
        for identifier in entity.identifiers:
            _check_finds(dataset, identifier.value, entity.id)


@examples(1)
@given(dataset=eis.datasets())
def test_search_finds_every_name_in_another_language_exactly(dataset: Dataset) -> None:
    for entity in dataset.records.entities:
        for tagged in entity.names_in_languages:
            if not normalize(tagged.name):
                continue
            found = dataset.search(tagged.name, limit=len(dataset.records.entities))
            assert any(m.entity.id == entity.id and m.tier == "exact" for m in found)


def test_words_start_at_spaces_and_at_each_character_of_unspaced_scripts() -> None:
    assert word_starts("alliance for iot") == [9, 13]
    key = normalize("IoT推進コンソーシアム")
    assert [key[i:] for i in word_starts(key)][:2] == [normalize("推進コンソーシアム"), normalize("進コンソーシアム")]
    assert word_starts(normalize("工业互联网产业联盟")) == list(range(1, 9))
    # Korean decomposes into letters when normalised: a word may begin only where a syllable does.
    hangul = normalize("과학기술정보통신부")
    assert len(word_starts(hangul)) == 8
    assert normalize("정보통신부") in [hangul[i:] for i in word_starts(hangul)]


@pytest.mark.parametrize(
    ("query", "entity_id", "tier"),
    [
        ("IoT推進コンソーシアム", "itac", "exact"),
        ("推進コンソーシアム", "itac", "word"),
        ("工业互联网产业联盟", "aii", "exact"),
        ("产业联盟", "aii", "word"),
        ("工業互聯網產業聯盟", "aii", "exact"),
        ("과학기술정보통신부", "msit", "exact"),
        ("정보통신부", "msit", "word"),
        ("ブルトン", "thierry-breton", "word"),
    ],
)
def test_real_names_are_found_whole_and_in_part(bundled: Dataset, query: str, entity_id: str, tier: str) -> None:
    best = bundled.search(query, limit=1)[0]
    assert (best.entity.id, best.tier) == (entity_id, tier)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("IoT推進コンソーシアム", "itac"),
        ("工业互联网产业联盟", "aii"),
        ("과학기술정보통신부", "msit"),
        ("732240", "synchronicity"),
        ("10.1155/2018/1028578", "hindawi-waziup-testbeds-2018"),
        ("HORIZON-CL4-2021-DATA-01-05", "he-cl4-2021-data-01-05"),
        ("COM(2016) 180 final", "com-2016-180-digitising-european-industry"),
    ],
)
def test_bundled_entities_are_found_by_name_in_another_language_or_identifier(
    bundled: Dataset, text: str, entity_id: str
) -> None:
    assert bundled.find(text).id == entity_id
    assert bundled.get(entity_id).id == entity_id


def test_the_view_and_its_html_show_names_with_their_tags(bundled: Dataset) -> None:
    view = bundled.view("itac")
    assert any(n.name == "IoT推進コンソーシアム" and n.language == "ja" for n in view.entity.names_in_languages)
    html = view._repr_html_()
    assert "IoT推進コンソーシアム [ja]" in html
    cited = {c.source for n in view.entity.names_in_languages for c in n.citations}
    assert cited <= {s.id for s in view.sources}


def test_show_and_show_json_list_names_and_identifiers(bundled: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    from eu_iot_coop.__main__ import main

    assert main(["show", "工业互联网产业联盟"]) == 0
    text = capsys.readouterr().out
    assert "工业互联网产业联盟 [zh-Hans]" in text
    assert "工業互聯網產業聯盟 [zh-Hant]" in text
    assert main(["show", "--json", "10.1155/2018/1028578"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["entity"]["identifiers"][0]["scheme"] == "doi"
    assert shown["entity"]["identifiers"][0]["value"] == "10.1155/2018/1028578"
