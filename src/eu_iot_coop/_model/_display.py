"""Showing things in a notebook or the REPL: one-line ``repr`` text and small, escaped HTML.

Everything taken from the data goes through :func:`escape` before it is put in
HTML, and only ``http``/``https`` addresses become links, so a record cannot
inject markup or a script. Nothing here knows the record classes: they say
what to show, this module says how.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

#: The longest one-line ``repr`` wanted; only an id longer than this makes one longer.
REPR_WIDTH: Final = 100


def one_line(type_name: str, key: str, text: str | None = None) -> str:
    """``Organisation('aioti', 'Alliance for ...')``: a type, an identity and a text shortened to fit one line."""
    head = f"{type_name}({key!r}"
    if text is None:
        return head + ")"
    return f"{head}, {clip(text, REPR_WIDTH - len(head) - 3)})"


def clip(text: str, room: int) -> str:
    """``repr(text)``, shortened with an ellipsis to at most *room* characters (at least the quotes and one more)."""
    shown = repr(text)
    if len(shown) <= room:
        return shown
    keep = len(text)
    while keep > 0:
        # Each step drops about what is still too long; repr can be longer than the text (escapes).
        keep -= max(1, len(shown) - room)
        shown = repr(text[: max(keep, 0)] + "…")
        if len(shown) <= room:
            break
    return shown


def escape(value: object) -> str:
    """*value* as text that is safe anywhere in HTML: ``&``, ``<``, ``>`` and both quotes escaped."""
    # Deliberately lazy: html (and its table of named entities) loads only when something is shown as HTML.
    import html

    return html.escape(str(value), quote=True)


#: What XML 1.0 cannot hold at all, not even as a character reference: C0 controls but tab, newline and
#: carriage return, lone surrogates, and the noncharacters U+FFFE and U+FFFF.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def code_escaped(text: str, characters: re.Pattern[str]) -> str:
    """*text* with each of *characters* written as its code, ``\\u001b``: visible, and valid inside JSON strings."""
    return characters.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def xml_safe(text: str) -> str:
    """*text* (a whole XML document, or a part of one) with the characters XML 1.0 forbids written as ``\\uffff``.

    ElementTree escapes markup but writes such characters as they are, and then no XML parser
    reads the document: a name holding U+FFFF would break a whole GraphML export or drawing.
    """
    return code_escaped(text, _NOT_XML)


def link(text: str, url: str) -> str:
    """*text* escaped and linked to *url* when that is a web address; *text* alone otherwise (never ``javascript:``)."""
    if url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def listing(items: Iterable[str]) -> str:
    """An ordered HTML list of items that are HTML already; empty text for no items."""
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"<ol>{body}</ol>" if body else ""


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table: *header* is plain text (escaped here), each cell of *rows* is HTML already."""
    head = "".join(f"<th>{escape(name)}</th>" for name in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def card(type_name: str, key: str, title: str, fields: Iterable[tuple[str, str]], after: str = "") -> str:
    """A record as HTML: type, id and *title* (HTML), a table of *fields* (plain text, escaped here), then *after*."""
    rows = "".join(f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>" for name, value in fields)
    return (
        f'<div class="eu-iot-coop"><p><strong>{escape(type_name)}</strong> <code>{escape(key)}</code> {title}</p>'
        f"<table>{rows}</table>{after}</div>"
    )
