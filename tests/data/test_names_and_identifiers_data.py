"""The bundled data's names in other languages and identifiers keep their rules (issue 19).

Every identifier matches its scheme and is carried by a kind the scheme allows; every project's own
grant number has the format of an EU grant agreement number; every name's language tag keeps the rule;
no name in another language repeats another of the same entity; every entity is found by each of them.
"""

from __future__ import annotations

import re

import eu_iot_coop
from eu_iot_coop._model import LANGUAGE_TAG, SCHEMES_BY_NAME, Project, normalize


def test_every_identifier_matches_its_scheme_and_kind() -> None:
    checked = 0
    for entity in eu_iot_coop.load().entities():
        for identifier in entity.identifiers:
            scheme = SCHEMES_BY_NAME[identifier.scheme]
            assert scheme.matches(identifier.value), (entity.id, identifier)
            assert entity.kind in scheme.kinds, (entity.id, identifier.scheme)
            checked += 1
    assert checked > 0


def test_every_grant_number_has_the_format_of_its_scheme() -> None:
    scheme = SCHEMES_BY_NAME["eu-grant-agreement"]
    numbers = [p.grant_number for p in eu_iot_coop.load().entities(kind="project") if isinstance(p, Project)]
    assert [n for n in numbers if n is not None and not scheme.matches(n)] == []


def test_every_language_tag_keeps_the_rule() -> None:
    tags = [n.language for e in eu_iot_coop.load().entities() for n in e.names_in_languages]
    assert tags
    assert [tag for tag in tags if re.fullmatch(LANGUAGE_TAG, tag) is None] == []


def test_no_name_in_another_language_repeats_one_of_the_same_entity() -> None:
    for entity in eu_iot_coop.load().entities():
        keys = [normalize(n.name) for n in entity.names_in_languages]
        assert len(keys) == len(set(keys)), entity.id


def test_each_name_and_identifier_finds_its_entity() -> None:
    dataset = eu_iot_coop.load()
    for entity in dataset.entities():
        for text in [n.name for n in entity.names_in_languages] + [i.value for i in entity.identifiers]:
            assert dataset.find(text).id == entity.id, text
