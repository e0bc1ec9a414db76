"""Which characters no text of a record may hold: those that display differently from what they are.

A name holding a right-to-left override reads backwards on screen, one holding a zero-width space
looks like another name without it, and a control character rewrites a terminal. Such text cannot
be trusted as shown, so it is refused wherever a record's text is read (ids already allow only
lowercase letters, digits and hyphens). Tabs and line breaks are allowed in free text alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

# Each class of refused character: what it is called in a message, and its code point ranges (inclusive).
_CLASSES: Final[tuple[tuple[str, tuple[tuple[int, int], ...]], ...]] = (
    ("a control character", ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F))),
    ("a lone surrogate", ((0xD800, 0xDFFF),)),
    ("a line or paragraph separator", ((0x2028, 0x2029),)),
    ("a bidirectional override, embedding or isolate", ((0x202A, 0x202E), (0x2066, 0x2069))),
    ("an invisible zero-width character", ((0x200B, 0x200D), (0x2060, 0x2060), (0xFEFF, 0xFEFF))),
    (
        "a noncharacter",
        ((0xFDD0, 0xFDEF), *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))),
    ),
)
# Allowed in free text (a description, a note) and nowhere else.
_LINE_CHARACTERS: Final = "\t\n"


def _characters(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(chr(code) for first, last in ranges for code in range(first, last + 1))


def _class(ranges: Iterable[tuple[int, int]]) -> str:
    # Ranges, not every character: a class of two thousand single characters takes milliseconds to compile.
    return "".join(
        re.escape(chr(first)) + ("" if first == last else "-" + re.escape(chr(last))) for first, last in ranges
    )


_RANGES: Final = tuple(span for _, ranges in _CLASSES for span in ranges)
#: Every character refused in any text of a record, tab and line break apart (refused outside free text).
REFUSED_CHARACTERS: Final = _characters(_RANGES)
# Patterns, compiled on first need (re keeps them): most texts are printable and never need one.
_REFUSED_IN_FREE_TEXT: Final = f"[{_class(_RANGES)}]"
_REFUSED: Final = f"[{_class(_RANGES)}{re.escape(_LINE_CHARACTERS)}]"


def refused_character(text: str, *, free: bool = False) -> int | None:
    """The position of the first character *text* may not hold, or ``None``; ``free`` allows tabs and line breaks.

    >>> refused_character("AIOTI"), refused_character("AI\\u202eOTI"), refused_character("a\\nb", free=True)
    (None, 2, None)
    """
    if text.isprintable():  # one C-speed scan: every refused character, tab and line break too, is unprintable
        return None
    found = re.search(_REFUSED_IN_FREE_TEXT if free else _REFUSED, text)
    return None if found is None else found.start()


def character_text(char: str) -> str:
    """What a refused character is, for a message: ``'U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional ...'``.

    >>> character_text("\\u200b")
    'U+200B (ZERO WIDTH SPACE), an invisible zero-width character'
    """
    code = ord(char)
    name = unicodedata.name(char, "")
    shown = f"U+{code:04X}" + (f" ({name})" if name else "")
    what = next((what for what, ranges in _CLASSES if any(a <= code <= b for a, b in ranges)), None)
    if what is None and char in _LINE_CHARACTERS:
        what = "a control character (a tab or a line break)"
    return shown if what is None else f"{shown}, {what}"
