"""Markup for a terminal: tables and fields as plain text, wrapped to a width when one is given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._escape import terminal_text

# A column is never wrapped narrower than this, however many columns share the terminal.
_NARROWEST = 8


def text_table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, width: int | None = None) -> str:
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
    columns = [wrap_text(value, width) or [""] for value, width in zip(values, widths, strict=True)]
    height = max(len(column) for column in columns)
    return [
        _line([column[index] if index < len(column) else "" for column in columns], widths) for index in range(height)
    ]


def wrap_text(text: str, width: int) -> list[str]:
    """*text* as lines of at most *width* characters, broken between words (no lines for no text)."""
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


def text_fields(pairs: Iterable[tuple[str, object]], *, width: int | None = None) -> str:
    """``name  value`` lines, names aligned, empty values left out; with *width*, values wrapped under themselves."""
    shown = [(name, _cell(value)) for name, value in pairs if value not in (None, "", ())]
    names = max((len(name) for name, _ in shown), default=0)
    if width is None:
        return "\n".join(f"{name.ljust(names)}  {value}" for name, value in shown)
    room = max(width - names - 2, _NARROWEST)
    lines = []
    for name, value in shown:
        wrapped = wrap_text(value, room)
        lines.append(f"{name.ljust(names)}  {wrapped[0]}")
        lines.extend(f"{'':{names}}  {more}" for more in wrapped[1:])
    return "\n".join(lines)
