"""Text that displays differently from what it is is refused in every field (issue 21).

A right-to-left override, a zero-width character, a C1 control, a line separator or a noncharacter
inside a name, an alias, an acronym or a title makes the text on screen differ from the text in the
file. Each is a SchemaError naming the file, the record, the field, the character (as U+XXXX) and
where it is, with a fix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eu_iot_coop._ingest import build_records, read_paths
from eu_iot_coop._model import REFUSED_CHARACTERS, character_text, refused_character
from eu_iot_coop.exceptions import SchemaError

from ..engine_support import CITE, valid_files, write_files

# One of each class the issue names, with the words the message uses for it.
_SPOOFS = [
    ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional"),
    ("\u202a", "U+202A (LEFT-TO-RIGHT EMBEDDING), a bidirectional"),
    ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE), a bidirectional"),
    ("\u2069", "U+2069 (POP DIRECTIONAL ISOLATE), a bidirectional"),
    ("\x85", "U+0085, a control character"),
    ("\x9b", "U+009B, a control character"),
    ("\x1b", "U+001B, a control character"),
    ("\u2028", "U+2028 (LINE SEPARATOR), a line or paragraph separator"),
    ("\u2029", "U+2029 (PARAGRAPH SEPARATOR), a line or paragraph separator"),
    ("\ufdd0", "U+FDD0, a noncharacter"),
    ("\ufffe", "U+FFFE, a noncharacter"),
    ("\uffff", "U+FFFF, a noncharacter"),
    ("\U0001fffe", "U+1FFFE, a noncharacter"),
    ("\U0010ffff", "U+10FFFF, a noncharacter"),
    ("\u200b", "U+200B (ZERO WIDTH SPACE), an invisible zero-width character"),
    ("\u200c", "U+200C (ZERO WIDTH NON-JOINER), an invisible zero-width character"),
    ("\u200d", "U+200D (ZERO WIDTH JOINER), an invisible zero-width character"),
    ("\u2060", "U+2060 (WORD JOINER), an invisible zero-width character"),
    ("\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE), an invisible zero-width character"),
]


def _load(tmp_path: Path, files: dict[str, Any]) -> None:
    build_records(read_paths([write_files(tmp_path / "data", files)]))


@pytest.mark.parametrize(("char", "words"), _SPOOFS)
@pytest.mark.parametrize("field", ["name", "acronym", "aliases"])
def test_spoofing_characters_in_names_are_refused(tmp_path: Path, char: str, words: str, field: str) -> None:
    files = valid_files()
    text = "AIO" + char + "TI"
    files["organisations.json"]["records"][0][field] = [text] if field == "aliases" else text
    with pytest.raises(SchemaError) as caught:
        _load(tmp_path, files)
    error = caught.value
    assert error.file is not None
    assert error.file.endswith("organisations.json")
    assert (error.record, error.field) == ("aioti", "aliases[0]" if field == "aliases" else field)
    assert f"{words}" in error.problem
    assert "at position 3" in error.problem
    assert error.fix.startswith("remove it")
    assert "bidirectional" in error.fix
    assert "zero-width" in error.fix
    str(error).encode("utf-8")  # the message itself holds no lone surrogate


@pytest.mark.parametrize(("char", "words"), _SPOOFS)
def test_spoofing_characters_in_free_text_are_refused_too(tmp_path: Path, char: str, words: str) -> None:
    """A description may hold tabs and line breaks, but not text that displays differently from what it is."""
    files = valid_files()
    files["organisations.json"]["records"][0]["description"] = "An alliance\n" + char
    with pytest.raises(SchemaError) as caught:
        _load(tmp_path, files)
    assert (caught.value.record, caught.value.field) == ("aioti", "description")
    assert words in caught.value.problem


def test_a_title_of_a_source_and_a_variant_value_are_checked(tmp_path: Path) -> None:
    files = valid_files()
    files["sources.json"]["records"][0]["title"] = "Press release\u202e"
    with pytest.raises(SchemaError) as caught:
        _load(tmp_path, files)
    assert caught.value.field == "title"
    files = valid_files()
    files["variants.json"] = {
        "kind": "variant",
        "records": [{"id": "v1", "record": "aioti", "field": "name", "value": "AIOTI\u200b", "citations": CITE}],
    }
    with pytest.raises(SchemaError) as caught:
        _load(tmp_path / "variant", files)
    assert (caught.value.record, caught.value.field) == ("v1", "value")
    assert "U+200B" in caught.value.problem


def test_escaped_in_the_json_is_refused_alike(tmp_path: Path) -> None:
    """``\\u202e`` written as an escape in the file is the same character once read."""
    folder = write_files(tmp_path / "data", valid_files())
    path = folder / "organisations.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["records"][0]["name"] = "@@"
    path.write_text(json.dumps(document).replace('"@@"', r'"AIOTI\u202e"'), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        build_records(read_paths([folder]))
    assert "U+202E" in caught.value.problem


@pytest.mark.parametrize("text", ["Zürich", "東京", "مرحبا", "AIOTI\u00a0Europe", "Cafe\u0301", "\u0915\u094d\u0937"])
def test_ordinary_text_of_any_script_passes(text: str) -> None:
    assert refused_character(text) is None


def test_every_refused_character_is_found_and_named() -> None:
    for char in REFUSED_CHARACTERS:
        assert refused_character("a" + char) == 1
        assert character_text(char).startswith(f"U+{ord(char):04X}")
    assert refused_character("a\tb") == 1
    assert refused_character("a\tb\nc", free=True) is None
