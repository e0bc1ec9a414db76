"""How the command line shows results: aligned plain-text tables, dates and citations."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from eu_iot_coop._model import Citation, Entity


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
