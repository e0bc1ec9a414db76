"""How the command line shows results: tables and fields (wrapped on a terminal), figures, errors as JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final, TextIO

from eu_iot_coop._model import Citation, Entity, Figure, code_escaped, value_text
from eu_iot_coop.exceptions import DataError

# A column is never wrapped narrower than this, however many columns share the terminal.
_NARROWEST = 8


#: What a terminal would act on instead of showing, or what shows other than it is: C0 controls but tab and
#: newline (ESC starts a command), DEL and C1 controls (U+009B is a command too), lone surrogates, line and
#: paragraph separators, bidirectional marks, embeddings, overrides and isolates, and invisible zero-width ones.
_NOT_FOR_A_TERMINAL: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def terminal_text(text: str) -> str:
    """*text* safe to print: every character of :data:`_NOT_FOR_A_TERMINAL` written as its code (``\\u001b``).

    The codes are JSON's escapes, so JSON text stays valid JSON for the same value. Every line the
    command line prints from the data or from a path goes through here.
    """
    return code_escaped(text, _NOT_FOR_A_TERMINAL)


def terminal_width(stream: TextIO) -> int | None:
    """The width of the terminal *stream* writes to, or ``None`` when it goes to a pipe or a file."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):  # closed, or not a real stream
        return None
    # Imported here on purpose: shutil (and through it bz2 and lzma) costs cold-start time, and only
    # output to a terminal needs its width.
    import shutil

    return max(shutil.get_terminal_size().columns, 1)


class Page:
    """Where a command prints: tables and fields wrapped to the terminal's width, plain in a pipe or file."""

    def __init__(self, out: TextIO, width: int | None = None) -> None:
        self.out = out
        self.width = terminal_width(out) if width is None else width

    def print(self, text: str = "") -> None:
        """A line (or lines) of text, each wrapped to the width."""
        text = terminal_text(text)
        if self.width is None or not text:
            print(text, file=self.out)
            return
        for line in text.split("\n"):
            print("\n".join(_wrap(line, self.width) or [""]), file=self.out)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        """:func:`table`, wrapped to the width."""
        print(table(headers, rows, width=self.width), file=self.out)

    def fields(self, pairs: Iterable[tuple[str, object]]) -> None:
        """:func:`fields`, wrapped to the width."""
        print(fields(pairs, width=self.width), file=self.out)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, width: int | None = None) -> str:
    """Rows under a header, each column as wide as its widest cell; the last column is not padded.

    With *width*, columns too wide to fit are narrowed and their cells wrapped onto more lines.
    """
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], len(value))
    if width is None:
        lines = [_line(headers, widths), _line(["-" * width for width in widths], widths)]
        lines.extend(_line(row, widths) for row in cells)
        return "\n".join(lines)
    columns = zip(headers, *cells, strict=True)
    words = [max((len(word) for value in column for word in value.split()), default=0) for column in columns]
    widths = _fitted(widths, words, width - 2 * (len(widths) - 1))
    lines = [*_wrapped_row(headers, widths), _line(["-" * width for width in widths], widths)]
    for row in cells:
        lines.extend(_wrapped_row(row, widths))
    return "\n".join(lines)


def _fitted(widths: Sequence[int], words: Sequence[int], room: int) -> list[int]:
    """Column widths that fit in *room*: the widest cut to one cap, as high as fits.

    A column is not cut below its longest word (up to a third of the room) while the others can give way;
    when even that does not fit, words are broken too (never below a floor of a few characters).
    """
    if sum(widths) <= room:
        return list(widths)
    # A word longer than a third of the room (a long id or URL) is broken rather than squeezing every other column.
    longest = max(room // 3, _NARROWEST)
    least = [min(width, word, longest) for width, word in zip(widths, words, strict=True)]
    if sum(least) > room:
        widths, least = least, [min(width, _NARROWEST) for width in least]
    cap = max(widths)
    while cap > 1 and sum(max(low, min(width, cap)) for width, low in zip(widths, least, strict=True)) > room:
        cap -= 1
    return [max(low, min(width, cap)) for width, low in zip(widths, least, strict=True)]


def _wrapped_row(values: Sequence[str], widths: Sequence[int]) -> list[str]:
    columns = [_wrap(value, width) or [""] for value, width in zip(values, widths, strict=True)]
    height = max(len(column) for column in columns)
    return [
        _line([column[index] if index < len(column) else "" for column in columns], widths) for index in range(height)
    ]


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text] if text else []
    # Imported here on purpose: only output to a terminal is wrapped.
    import textwrap

    return textwrap.wrap(text, width, break_on_hyphens=False) or [text]


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    padded = [value.ljust(width) for value, width in zip(values[:-1], widths[:-1], strict=True)]
    return "  ".join([*padded, values[-1]]).rstrip()


def _cell(value: object) -> str:
    if value is None:
        return ""
    # One record per line, whatever the text holds.
    return terminal_text(" ".join(str(value).split()))


def fields(pairs: Iterable[tuple[str, object]], *, width: int | None = None) -> str:
    """``name  value`` lines, names aligned, empty values left out; with *width*, values wrapped under themselves."""
    shown = [(name, _cell(value)) for name, value in pairs if value not in (None, "", ())]
    names = max((len(name) for name, _ in shown), default=0)
    if width is None:
        return "\n".join(f"{name.ljust(names)}  {value}" for name, value in shown)
    room = max(width - names - 2, _NARROWEST)
    lines = []
    for name, value in shown:
        wrapped = _wrap(value, room)
        lines.append(f"{name.ljust(names)}  {wrapped[0]}")
        lines.extend(f"{'':{names}}  {more}" for more in wrapped[1:])
    return "\n".join(lines)


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


def figure_value(figure: Figure) -> str:
    """``about 1,000 members``, ``less than 1 year``; a forecast ends in `` (projection)``."""
    return value_text(figure) + (" (projection)" if figure.projection else "")


def problem_json(problem: DataError) -> dict[str, Any]:
    """One data problem for scripts: its type, message and the fields naming where it is and what to do."""
    return {
        "type": type(problem).__name__,
        "message": problem.describe(),
        "file": problem.file,
        "record": problem.record,
        "field": problem.field,
        "problem": problem.problem,
        "fix": problem.fix,
        "caused_by": list(problem.caused_by),
    }


def dumps(value: Any) -> str:
    """JSON for scripts: two-space indent, UTF-8 characters kept but those :func:`terminal_text` escapes."""
    return terminal_text(json.dumps(value, indent=2, ensure_ascii=False))


class Progress:
    """Progress lines on *stream* (standard error) while something long runs, only when it is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = terminal_width(stream) is not None

    def step(self, text: str) -> None:
        """Say what is being done now."""
        if self.shown:
            print(f"{text}...", file=self.stream, flush=True)
