"""Name normalisation: case, accents, punctuation and spacing are ignored."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop._model import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AIOTI", "aioti"),
        ("  Internet-of-Things   Week ", "internet of things week"),
        ("Mechthild RÖHEN", "mechthild rohen"),
        ("DG CONNECT/E.4", "dg connect e 4"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_examples(text: str, expected: str) -> None:
    """Known names normalise as expected."""
    assert normalize(text) == expected


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    """Normalising twice changes nothing more."""
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalized_text_is_trimmed_single_spaced_lowercase(text: str) -> None:
    """The result has no leading, trailing or double spaces and no upper case."""
    result = normalize(text)
    assert result == result.strip()
    assert "  " not in result
    assert result == result.casefold()


def test_normalize_folds_compatibility_letters() -> None:
    """Mathematical and full-width letters fold to plain lower case, once and for all."""
    bold_a = "\N{MATHEMATICAL BOLD CAPITAL A}"
    full_width = "".join(chr(0xFF21 + ord(letter) - ord("A")) for letter in "AIOTI")
    assert normalize(bold_a + "IOTI") == "aioti"
    assert normalize(full_width) == "aioti"
    assert normalize(normalize(bold_a)) == normalize(bold_a)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_normalises_as_the_general_rule_says(text: str) -> None:
    """ASCII text takes a shortcut (a translation table); it gives what the rule's regular expression gives."""
    by_the_rule = re.sub(r"[\W_]+", " ", text.casefold().replace("&", " and ")).strip()
    assert normalize(text) == by_the_rule
