"""Where the command line prints: a page wrapped to the terminal (plain in a pipe), JSON for scripts, progress."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from eu_iot_coop._present import terminal_text, text_fields, text_table, wrap_text
from eu_iot_coop.exceptions import DataError


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
            print("\n".join(wrap_text(line, self.width) or [""]), file=self.out)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        """:func:`~eu_iot_coop._present.text_table`, wrapped to the width."""
        print(text_table(headers, rows, width=self.width), file=self.out)

    def fields(self, pairs: Iterable[tuple[str, object]]) -> None:
        """:func:`~eu_iot_coop._present.text_fields`, wrapped to the width."""
        print(text_fields(pairs, width=self.width), file=self.out)


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
    # Imported here on purpose: only --json output needs it, and it is a tenth of `show`'s own imports.
    import json

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
