"""Citing the data: CITATION.cff, BibTeX and CSL-JSON, with the package version, data version and fingerprint."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop.__main__ import main
from eu_iot_coop._citation import AUTHOR, TITLE, bibtex_escape
from eu_iot_coop.exceptions import QueryError

CITATION_CFF = Path(__file__).resolve().parent.parent / "CITATION.cff"
SOURCE = "source-ec-internet-of-things"
_SPECIAL = set("\\{}#$%&_^~")


def read_yaml_subset(text: str) -> dict[str, Any]:
    """The YAML that CITATION.cff uses: ``key: value``, folded ``>-`` blocks, lists of scalars or of ``name:`` maps."""
    result: dict[str, Any] = {}
    key: str | None = None
    folded: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            name, _, value = line.partition(":")
            key, value = name.strip(), value.strip()
            folded = None
            if value == ">-":
                folded = []
                result[key] = ""
            elif value:
                result[key] = value.strip("'\"")
            else:
                result[key] = []
            continue
        assert key is not None, f"indented line before any key: {line!r}"
        item = line.strip()
        if folded is not None:
            folded.append(item)
            result[key] = " ".join(folded)
        elif item.startswith("- "):
            entry = item[2:]
            sub, colon, value = entry.partition(": ")
            result[key].append({sub: value.strip("'\"")} if colon else entry.strip("'\""))
        else:
            sub, _, value = item.partition(": ")
            result[key][-1][sub] = value.strip("'\"")
    return result


def _overlay(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    record = {
        "id": "cited-body",
        "name": "Cited body",
        "description": "A test organisation.",
        "citations": [{"source": SOURCE, "locator": "test"}],
        "category": "other",
    }
    path = directory / "organisations.json"
    path.write_text(json.dumps({"kind": "organisation", "records": [record]}), encoding="utf-8")
    return path


def _unescaped(value: str) -> tuple[int, set[str]]:
    """The brace depth at the end of a BibTeX value (or -1 if it ever went below 0), and the specials left bare."""
    depth, bare, index = 0, set(), 0
    while index < len(value):
        character = value[index]
        if character == "\\":
            command = re.match(r"\\([a-zA-Z]+\{\}|[{}#$%&_])", value[index:])
            if command is None:
                bare.add("\\")
                index += 1
                continue
            index += len(command.group(0))
            continue
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth < 0:
                return -1, bare
        elif character in _SPECIAL:
            bare.add(character)
        index += 1
    return depth, bare


def _bibtex_fields(text: str) -> tuple[str, dict[str, str]]:
    """The key and fields of the one ``@misc`` entry in *text*, checking its layout and every value's braces."""
    match = re.fullmatch(r"@misc\{([A-Za-z0-9_]+),\n((?:  [a-z]+ = \{.*\},\n)+)\}\n", text)
    assert match, text
    fields = dict(re.findall(r"  ([a-z]+) = \{(.*)\},\n", match.group(2)))
    for name, value in fields.items():
        depth, bare = _unescaped(value)
        assert depth == 0, (name, value)
        assert not bare, (name, value)
    return match.group(1), fields


def test_citation_cff_is_cff_1_2_0_with_the_package_version() -> None:
    """CITATION.cff has CFF 1.2.0's required keys, the package's version, title and authors, and the MIT licence."""
    cff = read_yaml_subset(CITATION_CFF.read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"]
    assert cff["version"] == eu_iot_coop.__version__
    assert cff["title"] == TITLE
    assert cff["authors"] == [{"name": AUTHOR}]
    assert cff["license"] == "MIT"
    assert cff["type"] in ("software", "dataset")
    if "date-released" in cff:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cff["date-released"])


def test_the_subset_reader_reads_what_it_claims() -> None:
    """The little YAML reader gives folded text, lists of maps and scalars (so the test above can fail)."""
    text = "a: 1\nb: >-\n  one\n  two\nc:\n  - name: x\n    role: y\nd:\n  - e\n"
    assert read_yaml_subset(text) == {"a": "1", "b": "one two", "c": [{"name": "x", "role": "y"}], "d": ["e"]}


def test_csl_json_parses_and_names_versions_and_fingerprint() -> None:
    """CSL-JSON is a list of one dataset item with title, author, version, year and a note with the fingerprint."""
    dataset = eu_iot_coop.load()
    (item,) = json.loads(eu_iot_coop.citation("csl-json"))
    assert item["type"] == "dataset"
    assert item["title"] == TITLE
    assert item["author"] == [{"literal": AUTHOR}]
    assert item["version"] == eu_iot_coop.DATA_VERSION
    assert item["issued"] == {"date-parts": [[int(eu_iot_coop.DATA_VERSION.split(".")[0])]]}
    assert dataset.fingerprint in item["note"]
    assert eu_iot_coop.__version__ in item["note"]
    assert item["id"]


def test_bibtex_is_well_formed_and_names_versions_and_fingerprint() -> None:
    """The BibTeX entry parses, every brace is balanced and every special character escaped."""
    key, fields = _bibtex_fields(eu_iot_coop.citation("bibtex"))
    assert key == "eu_iot_coop_" + eu_iot_coop.DATA_VERSION.replace(".", "_")
    assert fields["version"] == eu_iot_coop.DATA_VERSION
    assert eu_iot_coop.load().fingerprint in fields["note"]
    assert eu_iot_coop.__version__ in fields["note"]
    assert fields["author"] == "{eu\\_iot\\_coop developers}"


@given(st.text())
def test_bibtex_escape_leaves_no_special_character_bare(text: str) -> None:
    """Whatever the text, its escaped form has balanced braces and no bare special character."""
    assert _unescaped(bibtex_escape(text)) == (0, set())


@given(st.text(alphabet=st.characters(exclude_characters=_SPECIAL)))
def test_bibtex_escape_keeps_ordinary_text(text: str) -> None:
    """Text without special characters is written as it is."""
    assert bibtex_escape(text) == text


def test_a_dataset_with_overlays_is_cited_as_not_the_release(tmp_path: Path) -> None:
    """With an overlay: the combined data's fingerprint, no data version, and a note that it is not the release."""
    dataset = eu_iot_coop.load(overlays=[_overlay(tmp_path)])
    (item,) = json.loads(eu_iot_coop.citation("csl-json", dataset=dataset))
    assert "version" not in item
    assert dataset.fingerprint in item["note"]
    assert eu_iot_coop.load().fingerprint not in item["note"]
    assert "Not a release" in item["note"]
    _, fields = _bibtex_fields(eu_iot_coop.citation(dataset=dataset))
    assert "version" not in fields
    assert dataset.fingerprint in fields["note"]


def test_cite_prints_the_api_citation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`eu-iot-coop cite` prints citation(); with --overlay, the citation of the combined data."""
    for form in ("bibtex", "csl-json"):
        assert main(["cite", "--format", form]) == 0
        assert capsys.readouterr().out == eu_iot_coop.citation(form)
    overlay = _overlay(tmp_path)
    assert main(["--overlay", str(overlay), "cite"]) == 0
    expected = eu_iot_coop.citation(dataset=eu_iot_coop.load(overlays=[overlay]))
    assert capsys.readouterr().out == expected


def test_an_unknown_format_is_refused() -> None:
    """citation() names the formats it knows."""
    with pytest.raises(QueryError, match="csl-json"):
        eu_iot_coop.citation("ris")
