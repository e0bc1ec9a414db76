"""How the command line shows results: aligned plain-text tables, dates and citations."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ._model import Citation, Entity, When


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Rows under a header, each column as wide as its widest cell; the last column is not padded."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], len(value))
    lines = [_line(headers, widths), _line(["-" * width for width in widths], widths)]
    lines.extend(_line(row, widths) for row in cells)
    return "\n".join(lines)


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    padded = [value.ljust(width) for value, width in zip(values[:-1], widths[:-1], strict=True)]
    return "  ".join([*padded, values[-1]]).rstrip()


def _cell(value: object) -> str:
    if value is None:
        return ""
    # One record per line, whatever the text holds.
    return " ".join(str(value).split())


def fields(pairs: Iterable[tuple[str, object]]) -> str:
    """``name  value`` lines, names aligned, empty values left out."""
    shown = [(name, _cell(value)) for name, value in pairs if value not in (None, "", ())]
    width = max((len(name) for name, _ in shown), default=0)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in shown)


def when(value: When | None) -> str:
    """A date as the data gives it, marked when inferred: ``2015-03 (inferred: note)``.

    A date known only to lie in a range shows both ends: ``2012-09 to 2013-12 (inferred: note)``.
    """
    if value is None:
        return ""
    text = span(value)
    if value.inferred and value.note:
        return f"{text} (inferred: {value.note})"
    if value.inferred:
        return f"{text} (inferred)"
    if value.note:
        return f"{text} ({value.note})"
    return text


def span(value: When) -> str:
    """The date alone, or ``date to latest`` when it is known only to lie in that range."""
    return str(value.date) if value.latest is None else f"{value.date} to {value.latest}"


def period(start: When | None, end: When | None) -> str:
    """``start``, ``start to end`` or ``until end``.

    When either end is itself a range (``2012-09 to 2013-12``), the two are joined
    with ``until`` instead, so that the range still reads as one date:
    ``from 2012-09 to 2013-12 until 2015``.
    """
    if start is None and end is None:
        return ""
    if end is None:
        return when(start)
    if start is None:
        return f"until {when(end)}"
    if start.latest is not None or end.latest is not None:
        return f"from {when(start)} until {when(end)}"
    return f"{when(start)} to {when(end)}"


def sources(citations: Sequence[Citation]) -> str:
    """The sources cited, each once, in citation order."""
    return ", ".join(dict.fromkeys(citation.source for citation in citations))


def citations(cited: Sequence[Citation]) -> str:
    """``source-id: locator; ...``: locators hold parentheses of their own, so none are added."""
    return "; ".join(f"{citation.source}: {citation.locator}" for citation in cited)


def label(entity: Entity) -> str:
    """``Name (ACRONYM)`` or just the name."""
    return f"{entity.name} ({entity.acronym})" if entity.acronym else entity.name


def suggestion(name: str, identifier: str) -> str:
    """``name (id)``, or just the id when the name matched is the id itself."""
    return identifier if name == identifier else f"{name} ({identifier})"


def dumps(value: Any) -> str:
    """JSON for scripts: two-space indent, UTF-8 characters kept."""
    return json.dumps(value, indent=2, ensure_ascii=False)
