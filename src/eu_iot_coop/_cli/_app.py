"""The ``eu-iot-coop`` command: query, export, draw, validate, format and compare the data.

Exit codes: 0 success; 1 nothing found (no such entity, no path), differences
found (``diff``) or files to reformat (``fmt --check``); 2 usage error (bad
arguments, an ambiguous name, an output file that cannot be written); 3 invalid
or unreadable data; 141 (quietly) when standard output is closed early.
Every error is one line on stderr; with ``--json``, also a JSON object on stdout.
"""

from __future__ import annotations

import codecs
import importlib
import io
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TextIO, cast

from eu_iot_coop.exceptions import (
    AmbiguousNameError,
    DataError,
    EuIotCoopError,
    NotFoundError,
    QueryError,
    RetiredIdWarning,
    WriteError,
)

from . import _render as render
from ._common import (
    EXIT_BROKEN_PIPE,
    EXIT_INVALID_DATA,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    UsageError,
    one_line,
)
from ._parser import COMMANDS, build_parser, refuse_ignored, refuse_reversed_window, requested


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)
    return code


def _error_json(error: BaseException, message: str, code: int) -> dict[str, Any]:
    """The error as scripts read it: ``{"error": {"exit_code", "type", "message", ...its fields}}``."""
    document: dict[str, Any] = {"exit_code": code, "type": type(error).__name__, "message": one_line(message)}
    if isinstance(error, OSError):
        document.update(filename=error.filename, errno=error.errno, strerror=error.strerror)
    else:
        # Every field the exception carries (nothing parses its message).
        document.update((name, _jsonable(value)) for name, value in vars(error).items() if not name.startswith("_"))
    return {"error": document}


def _jsonable(value: object) -> object:
    if isinstance(value, DataError):
        return render.problem_json(value)
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _asks_for_json(argv: Sequence[str]) -> bool:
    # Arguments that did not parse still say whether a script is reading (options end at "--").
    options = argv[: list(argv).index("--")] if "--" in argv else argv
    return "--json" in options


def _error_code(error: BaseException) -> tuple[str, int]:
    if isinstance(error, UsageError):
        return (f"{error}; {error.hint}" if error.hint else str(error)), EXIT_USAGE
    if isinstance(error, AmbiguousNameError):
        return (
            f"{error.query!r} names {len(error.candidates)} entities: {', '.join(error.candidates)}; "
            "give one of these ids instead"
        ), EXIT_USAGE
    if isinstance(error, NotFoundError):
        if error.what != "entity":
            # A predicate or kind the options did not catch is still a bad value, not a missing entity.
            return str(error), EXIT_USAGE
        # A retired id that leads to a source or figure says where it leads; a search would not find it.
        hint = "" if error.suggestions or error.replaced_by else f"; try '{PROG} search {error.query}'"
        return str(error) + hint, EXIT_NOT_FOUND
    if isinstance(error, QueryError):
        return str(error), EXIT_USAGE
    if isinstance(error, WriteError):
        return str(error), EXIT_USAGE
    if isinstance(error, DataError):
        return str(error), EXIT_INVALID_DATA
    if isinstance(error, EuIotCoopError):
        return str(error), EXIT_NOT_FOUND
    if isinstance(error, OSError):
        name = getattr(error, "filename", None)
        if name:
            return f"cannot use {name}: {error.strerror or error}; check the path", EXIT_USAGE
        return f"cannot write the output: {error.strerror or error}; check where it goes", EXIT_USAGE
    raise error


def _print_json_error(out: TextIO, document: dict[str, Any]) -> None:
    try:
        print(render.dumps(document), file=out, flush=True)
    except (OSError, ValueError, UsageError):  # stdout failed, is closed, or its reader has gone: stderr says so
        _silence_stdout()


def _silence_stdout() -> None:
    # The reader has gone: send whatever is still buffered to devnull, so that the flush at exit
    # does not raise a second BrokenPipeError.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout closed (None), or without a file descriptor, as under test
        pass


def _reader_gone(out: object) -> bool:
    # A large write the reader abandoned halfway can end without an error (the kernel reports the part it
    # took, and the buffered writer does not always retry): ask the pipe itself whether anyone still reads it.
    import select  # deliberately lazy: only commands that wrote something to stdout get here

    poll = getattr(select, "poll", None)
    if poll is None:  # Windows: no poll on pipes
        return False
    try:
        fileno = out.fileno()  # type: ignore[attr-defined]
        poller = poll()
        poller.register(fileno, select.POLLOUT)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # not a real file, as under test
        return False


class _ClosedOutput(io.TextIOBase):
    """Standard output when there is none (``>&-``): writing to it is a usage error, the rest works."""

    def write(self, text: str) -> int:
        raise UsageError(
            "standard output is closed, so there is nowhere to print the result",
            "run it with standard output open, or give --output FILE where the command has it",
        )


def _console(stream: TextIO | None) -> TextIO:
    """Standard output that never fails on a character its encoding lacks: it is written as ``\\u00ed``.

    Only a stream that could fail changes (not UTF-8; strict errors, or surrogateescape, which fails on any other
    character), as under ``LC_ALL=C`` without UTF-8 mode or ``PYTHONIOENCODING=ascii``. The escape is JSON's,
    so ``--json`` output stays valid JSON and text stays readable. File formats (SVG, JSON-LD ...) go out as
    UTF-8 bytes instead: see ``emit``. With standard output closed (``None``), a :class:`_ClosedOutput`.
    """
    if stream is None:
        return cast("TextIO", _ClosedOutput())
    if (
        isinstance(stream, io.TextIOWrapper)
        and stream.errors in ("strict", "surrogateescape")
        and codecs.lookup(stream.encoding).name != "utf-8"
    ):
        codecs.register_error(_ESCAPE, _json_escape)
        stream.reconfigure(errors=_ESCAPE)
    return stream


_ESCAPE = "eu-iot-coop-json-escape"


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for character in error.object[error.start : error.end]:
        code = ord(character)
        if code > 0xFFFF:  # a surrogate pair, as JSON writes characters beyond the BMP
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def _handler(command: str) -> Callable[..., int]:
    # A command's module is imported when it runs (deliberate laziness): `show` never loads the writers.
    module = importlib.import_module(f"{__package__}.{COMMANDS[command].module}")
    handler: Callable[..., int] = getattr(module, f"run_{command}")
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``eu-iot-coop`` with *argv* (default: the process arguments); return the exit code."""
    out = _console(sys.stdout)
    given = sys.argv[1:] if argv is None else list(argv)
    as_json = _asks_for_json(given)
    as_of = None
    try:
        try:
            parser = build_parser(only=requested(given))
            args = parser.parse_args(given)
        except SystemExit as exit_:  # --help and --version
            status = exit_.code if isinstance(exit_.code, int) else EXIT_OK
            out.flush()
            if _reader_gone(out):
                raise BrokenPipeError from None
            return status
        as_json, as_of = bool(getattr(args, "json", False)), getattr(args, "as_of", None)
        refuse_ignored(args, parser)
        refuse_reversed_window(args)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RetiredIdWarning)
            code: int = _handler(args.command)(args, out)
            # Flushed here, not at exit, so that a reader that stopped early is noticed below.
            out.flush()
            if _reader_gone(out):
                raise BrokenPipeError

        for warning in caught:
            print(f"{PROG}: note: {one_line(str(warning.message))}", file=sys.stderr)
        return code
    except BrokenPipeError:
        # `eu-iot-coop ... | head`: the reader has what it wanted, which is not an error.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (UsageError, EuIotCoopError, OSError) as error:
        message, code = _error_code(error)
        if as_of is not None and code == EXIT_NOT_FOUND:
            message += f"; --as-of {as_of} leaves out what began later or had ended by then, so try without it"
        if as_json:
            _print_json_error(out, _error_json(error, message, code))
        return _fail(message, code)
    except KeyboardInterrupt:
        return 130
