"""Name normalisation: case, accents, punctuation and spacing are ignored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop._normalize import normalize


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
