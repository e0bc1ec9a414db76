"""Escaping by target for the characters a target cannot show or would act on: XML documents and terminals.

Both write such a character as its code, ``\\u001b``: visible to a reader, and valid inside JSON strings.
"""

from __future__ import annotations

import re
from typing import Final

#: What XML 1.0 cannot hold at all, not even as a character reference: C0 controls but tab, newline and
#: carriage return, lone surrogates, and the noncharacters U+FFFE and U+FFFF.
_NOT_XML: Final = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"

#: What a terminal would act on instead of showing, or what shows other than it is: C0 controls but tab and
#: newline (ESC starts a command), DEL and C1 controls (U+009B is a command too), lone surrogates, line and
#: paragraph separators, bidirectional marks, embeddings, overrides and isolates, and invisible zero-width ones.
_NOT_FOR_A_TERMINAL: Final = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def code_escaped(text: str, characters: str) -> str:
    """*text* with each of *characters* written as its code, ``\\u001b``: visible, and valid inside JSON strings.

    *characters* is a pattern: a class of characters, each of which must be unprintable (``str.isprintable``), so
    that printable text is returned at once. It is compiled on first need (:mod:`re` keeps it), not at import.
    """
    if text.isprintable():
        return text
    return re.sub(characters, lambda match: f"\\u{ord(match.group()):04x}", text)


def xml_safe(text: str) -> str:
    """*text* (a whole XML document, or a part of one) with the characters XML 1.0 forbids written as ``\\uffff``.

    ElementTree escapes markup but writes such characters as they are, and then no XML parser
    reads the document: a name holding U+FFFF would break a whole GraphML export or drawing.
    """
    return code_escaped(text, _NOT_XML)


def terminal_text(text: str) -> str:
    """*text* safe to print: every character a terminal would act on, or show as something else, as its code.

    The codes are JSON's escapes, so JSON text stays valid JSON for the same value. Every line the
    command line prints from the data or from a path goes through here.
    """
    return code_escaped(text, _NOT_FOR_A_TERMINAL)
