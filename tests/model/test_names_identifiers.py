"""Names in other languages and identifiers in a scheme: what the loader accepts and what it refuses (issue 19).

A bad language tag, an unknown scheme, a scheme the entity's kind may not carry and a value not written as
its scheme writes it are each a SchemaError naming the file, the record, the field and the fix; a name or
identifier citing nothing, or an unknown source, is a CitationError.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import strategies as eis
from eu_iot_coop._ingest import build_records, read_paths, structure_record, unstructure
from eu_iot_coop._model import (
    LANGUAGE_TAG,
    SCHEMES,
    SCHEMES_BY_NAME,
    Entity,
    Identifier,
    LanguageName,
    Project,
    identifier_problems,
)
from eu_iot_coop.exceptions import CitationError, DataError, SchemaError

from ..engine_support import CITE, valid_files, write_files
from ..profiles import examples


def _load(folder: Path, files: dict[str, Any]) -> Any:
    return build_records(read_paths([write_files(folder, files)]))


def _with(field: str, items: list[dict[str, Any]], kind_file: str = "organisations.json") -> dict[str, Any]:
    files = valid_files()
    files[kind_file]["records"][0][field] = items
    return files


def _problems(folder: Path, files: dict[str, Any]) -> list[DataError]:
    with pytest.raises(DataError) as caught:
        _load(folder, files)
    error = caught.value
    return list(getattr(error, "problems", ())) or [error]


def _name(name: str = "アイオティ", language: str = "ja", citations: Any = CITE) -> dict[str, Any]:
    return {"name": name, "language": language, "citations": citations}


def _identifier(scheme: str, value: str, citations: Any = CITE) -> dict[str, Any]:
    return {"scheme": scheme, "value": value, "citations": citations}


def _project_files(identifiers: list[dict[str, Any]]) -> dict[str, Any]:
    files = valid_files()
    files["projects.json"] = {
        "kind": "project",
        "records": [
            {
                "id": "synchronicity",
                "name": "SynchroniCity",
                "identifiers": identifiers,
                "description": "A project.",
                "citations": CITE,
            }
        ],
    }
    return files


@pytest.mark.parametrize("tag", ["ja", "ko", "pt", "zh-Hans", "zh-Hant", "pt-BR", "es-419", "yue-Hant-HK"])
def test_well_formed_language_tags_load(tmp_path: Path, tag: str) -> None:
    records = _load(tmp_path, _with("names_in_languages", [_name(language=tag)]))
    (aioti,) = [e for e in records.entities if e.id == "aioti"]
    assert aioti.names_in_languages == (LanguageName(name="アイオティ", language=tag, citations=aioti.citations),)


@pytest.mark.parametrize("tag", ["JA", "jp-", "zh-hans", "zh_Hant", "pt-br", "english", "j", "", "zh-Hans-"])
def test_malformed_language_tags_are_refused_naming_the_field(tmp_path: Path, tag: str) -> None:
    (problem,) = _problems(tmp_path, _with("names_in_languages", [_name(language=tag)]))
    assert isinstance(problem, SchemaError)
    assert problem.file is not None
    assert problem.file.endswith("organisations.json")
    assert problem.record == "aioti"
    assert problem.field == "names_in_languages[0].language"
    assert problem.fix is not None
    assert "zh-Hans" in problem.fix


_NOT_TAGS = st.text(max_size=12).filter(lambda text: re.fullmatch(LANGUAGE_TAG, text) is None)


@examples(0.3)
@given(tag=_NOT_TAGS)
def test_any_text_that_is_not_a_tag_is_refused(tmp_path_factory: pytest.TempPathFactory, tag: str) -> None:
    problems = _problems(tmp_path_factory.mktemp("tag"), _with("names_in_languages", [_name(language=tag)]))
    assert all(isinstance(p, SchemaError) and p.record == "aioti" for p in problems)
    assert any(p.field is not None and p.field.startswith("names_in_languages[0]") for p in problems)


def test_each_example_value_loads_on_a_kind_its_scheme_allows(tmp_path: Path) -> None:
    for scheme in SCHEMES:
        kind = sorted(scheme.kinds)[0]
        assert scheme.matches(scheme.example), scheme.name
        assert not scheme.matches(" " + scheme.example), scheme.name
        assert kind.value in {"project", "programme", "document", "standard"}
    records = _load(tmp_path, _project_files([_identifier("eu-grant-agreement", "732240")]))
    (project,) = [e for e in records.entities if isinstance(e, Project)]
    assert project.identifiers == (
        Identifier(scheme="eu-grant-agreement", value="732240", citations=project.citations),
    )
    assert "732240" in project.codes


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("eu-grant-agreement", "73224"),
        ("eu-grant-agreement", "732240 "),
        ("eu-grant-agreement", "GA-732240"),
        ("eclipse-project", "Agail"),
    ],
)
def test_a_malformed_value_is_refused_with_the_schemes_example(tmp_path: Path, scheme: str, value: str) -> None:
    (problem,) = _problems(tmp_path, _project_files([_identifier(scheme, value)]))
    assert isinstance(problem, SchemaError)
    assert problem.file is not None
    assert problem.file.endswith("projects.json")
    assert problem.record == "synchronicity"
    assert problem.field == "identifiers[0].value"
    assert problem.fix is not None
    assert repr(SCHEMES_BY_NAME[scheme].example) in problem.fix


@examples(0.5)
@given(scheme=st.sampled_from([s for s in SCHEMES if "project" in s.kinds]), value=st.text(min_size=1, max_size=16))
def test_any_value_not_in_the_schemes_format_is_refused(
    tmp_path_factory: pytest.TempPathFactory, scheme: Any, value: str
) -> None:
    folder = tmp_path_factory.mktemp("identifier")
    files = _project_files([_identifier(scheme.name, value)])
    if scheme.matches(value):
        _load(folder, files)
        return
    problems = _problems(folder, files)
    assert all(isinstance(p, SchemaError) and p.record == "synchronicity" for p in problems)
    assert any(p.field is not None and p.field.startswith("identifiers[0]") for p in problems)


def test_an_unknown_scheme_is_refused_with_the_nearest_name(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, _project_files([_identifier("eu-grant-agreemnt", "732240")]))
    assert isinstance(problem, SchemaError)
    assert problem.field == "identifiers[0].scheme"
    assert problem.fix is not None
    assert "did you mean 'eu-grant-agreement'" in problem.fix


def test_a_scheme_the_kind_may_not_carry_is_refused(tmp_path: Path) -> None:
    files = _with("identifiers", [_identifier("doi", "10.1109/MS.2017.2")])
    (problem,) = _problems(tmp_path, files)
    assert isinstance(problem, SchemaError)
    assert problem.record == "aioti"
    assert problem.field == "identifiers[0].scheme"
    assert "organisation" in str(problem)
    assert problem.fix is not None
    assert "document" in problem.fix


@pytest.mark.parametrize("field", ["names_in_languages", "identifiers"])
def test_a_name_or_identifier_citing_an_unknown_source_is_refused(tmp_path: Path, field: str) -> None:
    unknown = [{"source": "no-such-page", "locator": "x"}]
    item = (
        _name(citations=unknown)
        if field == "names_in_languages"
        else _identifier("eu-grant-agreement", "732240", unknown)
    )
    files = _with(field, [item]) if field == "names_in_languages" else _project_files([item])
    (problem,) = _problems(tmp_path, files)
    assert isinstance(problem, CitationError)
    assert problem.field == f"{field}[0].citations[0].source"


def test_a_name_citing_nothing_is_refused(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, _with("names_in_languages", [_name(citations=[])]))
    assert isinstance(problem, CitationError)
    assert problem.field == "names_in_languages[0].citations"


def test_the_fast_path_compiles_no_scheme_pattern() -> None:
    # Loading the bundled data from its pickle and looking up by name checks no identifier, so no pattern is compiled.
    code = (
        "import eu_iot_coop; from eu_iot_coop._model import _schemes; "
        "eu_iot_coop.load().find('AIOTI'); print(_schemes._compiled.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"


def test_names_and_identifiers_show_with_their_tag_and_scheme() -> None:
    assert str(LanguageName(name="総務省", language="ja", citations=())) == "総務省 [ja]"
    assert str(Identifier(scheme="doi", value="10.1109/MS.2017.2", citations=())) == "doi 10.1109/MS.2017.2"
    assert SCHEMES_BY_NAME["doi"].link("10.1109/MS.2017.2") == "https://doi.org/10.1109/MS.2017.2"
    assert SCHEMES_BY_NAME["eu-call"].link("EUJ-02-2018") is None


@examples(1)
@given(entity=eis.entities())
def test_drawn_names_and_identifiers_keep_the_rules_the_loader_checks(entity: Entity) -> None:
    assert all(re.fullmatch(LANGUAGE_TAG, tagged.language) for tagged in entity.names_in_languages)
    assert identifier_problems(entity) == []
    # And the loader reads them back as they were drawn.
    again = structure_record(unstructure(entity), type(entity))
    assert again.names_in_languages == entity.names_in_languages
    assert again.identifiers == entity.identifiers
