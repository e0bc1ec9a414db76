"""Markup for the generated documentation pages: literal Markdown text and pipe tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

#: CommonMark lets a backslash escape any ASCII punctuation; these would otherwise mean something.
#: A pipe is left to :func:`markdown_table`, which escapes it in cells, the only place it means something.
_MARKUP: Final = frozenset("\\`*_[]<>{}#~!&$")
_LIST_MARK: Final = re.compile(r"[-+%(:]|[0-9]+[.)]")
#: What CommonMark ends an autolink at, besides spaces and controls.
_NOT_IN_AUTOLINK: Final = frozenset("<>`\\")


def markdown_escape(text: str) -> str:
    """*text* as literal Markdown: markup characters escaped, whitespace folded to single spaces."""
    escaped = "".join("\\" + char if char in _MARKUP else char for char in " ".join(text.split()))
    # At the start of a line, "- ", "+ " or "1. " would begin a list, and in MyST "%" a comment,
    # "(name)=" a target and ":::" a fence.
    start = _LIST_MARK.match(escaped)
    return escaped if start is None else f"{escaped[: start.end() - 1]}\\{escaped[start.end() - 1 :]}"


def markdown_autolink(url: str) -> str:
    """*url* as a Markdown autolink, ``<https://...>``, that cannot end early or carry markup.

    The characters an autolink may not hold (``<``, ``>``, spaces, controls and other invisible ones)
    are percent-encoded, so a ``<script>`` in an address stays inside it; anything but an ``http(s)``
    address is shown as escaped text, never linked.
    """
    if not url.startswith(("https://", "http://")):
        return markdown_escape(url)
    encoded = "".join(
        "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        if char in _NOT_IN_AUTOLINK or not char.isprintable() or char.isspace()
        else char
        for char in url
    )
    return f"<{encoded}>"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a pipe table; each cell is Markdown already, folded to one line with its pipes escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows)
    return lines


def _cell(text: str) -> str:
    # A bare pipe would end the table cell.
    return " ".join(text.split()).replace("|", "\\|")
