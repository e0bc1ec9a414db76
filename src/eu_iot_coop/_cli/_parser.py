"""The argument parser: every command, its options, and option values checked while parsing."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from eu_iot_coop._model import DIRECTION, Kind, PartialDate, closest
from eu_iot_coop._version import __version__
from eu_iot_coop.export import FORMATS

from ._common import PROG, UsageError

#: The module of each command, imported only when that command runs: a query does not pay for the writers.
MODULES = {
    **dict.fromkeys(("show", "search", "related", "path", "timeline", "stats", "list"), "_query_commands"),
    **dict.fromkeys(("export", "draw", "validate", "fmt", "diff"), "_data_commands"),
}


class Parser(argparse.ArgumentParser):
    # argparse would print the whole usage and exit; one line and an exit code are kinder to scripts.
    def error(self, message: str) -> NoReturn:
        if any(marker in message for marker in _SUGGESTS):
            raise UsageError(message)
        raise UsageError(message, f"see '{self.prog} --help'")


# Option errors that already say what to write need no pointer to --help.
_SUGGESTS = ("did you mean", "choose from", "write YYYY")


def _overlay_option(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--overlay",
        action="append",
        metavar="PATH",
        default=default,
        help="add an overlay data file or directory to the bundled data (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``eu-iot-coop``."""
    parser = Parser(
        prog=PROG,
        description="Query, export and check the EU international IoT cooperation dataset.",
        epilog="Exit codes: 0 ok; 1 not found, differences or files to reformat; 2 usage error; 3 invalid data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _overlay_option(parser, default=[])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True

    def command(name: str, help_text: str, *, query: bool = False) -> Parser:
        sub: Parser = commands.add_parser(name, help=help_text, description=help_text)
        if query:
            # Accepted after the command too; SUPPRESS keeps one given before it.
            _overlay_option(sub, default=argparse.SUPPRESS)
            sub.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
        return sub

    show = command("show", "show an entity: fields, figures, relations and sources", query=True)
    show.add_argument("entity", metavar="NAME_OR_ID", help="an id, name, acronym or alias, e.g. AIOTI")

    search = command("search", "find entities by name, typos and all", query=True)
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)")
    search.add_argument("--kind", type=_kind, metavar="KIND", help="only entities of this kind, e.g. organisation")
    _region_option(search)

    related = command("related", "entities reached from one by following relations", query=True)
    related.add_argument("entity", metavar="NAME_OR_ID")
    _traversal_options(related)
    related.add_argument("--depth", type=_non_negative, default=1, metavar="N", help="steps out (default 1)")

    path = command("path", "a shortest chain of relations between two entities", query=True)
    path.add_argument("source", metavar="A")
    path.add_argument("target", metavar="B")
    _traversal_options(path)
    path.add_argument(
        "--through-topics",
        action="store_true",
        help="also pass through topics (by default a chain does not: a shared topic is not a connection)",
    )
    path.add_argument(
        "--through-places",
        action="store_true",
        help="also pass through places (by default a chain does not: a shared country is not a connection)",
    )

    timeline = command("timeline", "dated moments in date order", query=True)
    timeline.add_argument(
        "--from", dest="since", type=_date, metavar="DATE", help="from this date: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    timeline.add_argument("--to", dest="until", type=_date, metavar="DATE", help="up to this date")
    timeline.add_argument("--kind", type=_kind, metavar="KIND", help="only moments about this kind of entity")
    timeline.add_argument("--entity", metavar="NAME_OR_ID", help="only this entity, its relations and figures")
    _region_option(timeline)

    command("stats", "counts, data version, package version and fingerprint", query=True)

    listing = command("list", "entities of one kind, or of every kind, sorted by name", query=True)
    listing.add_argument("kind", nargs="?", type=_kind, metavar="KIND", help="only this kind, e.g. agreement")
    _region_option(listing)

    export = command("export", "write the data in another format")
    _overlay_option(export, default=argparse.SUPPRESS)
    export.add_argument("--format", required=True, choices=FORMATS, help="output format")
    export.add_argument("--output", metavar="PATH", help="file (directory for csv); text formats default to stdout")

    draw = command("draw", "draw the network (or a timeline) as SVG")
    _overlay_option(draw, default=argparse.SUPPRESS)
    draw.add_argument("--output", metavar="PATH", help="SVG file to write (default: stdout)")
    draw.add_argument("--timeline", action="store_true", help="draw the timeline instead of the network")
    draw.add_argument("--seed", type=int, default=2012, help="layout seed (default 2012)")

    validate = command("validate", "check data files and list every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="overlay or data files, or directories of them")
    validate.add_argument("--alone", action="store_true", help="check the files as a dataset of their own")

    fmt = command("fmt", "rewrite data files in canonical form")
    fmt.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories (default: the bundled data, when it is in a source checkout)",
    )
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")

    diff = command("diff", "compare two datasets")
    diff.add_argument("old", metavar="OLD", help="a data directory or file, or 'bundled'")
    diff.add_argument("new", metavar="NEW", help="a data directory or file, or 'bundled'")
    diff.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def _region_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--region",
        metavar="NAME_OR_ID",
        help="only what is in this place: located, held or cooperating there, or a party or participant is",
    )


def _traversal_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--predicate",
        action="append",
        type=_predicate,
        metavar="P",
        help="follow only this predicate (repeatable; inverse names too)",
    )
    parser.add_argument(
        "--direction", choices=("out", "in", "both"), default="both", help="follow relations out, in or both ways"
    )


def _choice(what: str, text: str, choices: Sequence[str], *, list_all: bool) -> argparse.ArgumentTypeError:
    near = [repr(choice) for choice in closest(text, choices)]
    listed = "choose from " + ", ".join(choices)
    if not near:
        return argparse.ArgumentTypeError(f"no {what} {text!r}; {listed}")
    guess = near[0] if len(near) == 1 else f"{', '.join(near[:-1])} or {near[-1]}"
    message = f"no {what} {text!r}; did you mean {guess}?"
    return argparse.ArgumentTypeError(f"{message} ({listed})" if list_all else message)


def _kind(text: str) -> str:
    kinds = [kind.value for kind in Kind]
    if text not in kinds:
        raise _choice("kind", text, kinds, list_all=True)
    return text


def _predicate(text: str) -> str:
    if text not in DIRECTION:
        # 58 names are too many to list after a near miss; listed only when nothing is near.
        raise _choice("predicate", text, sorted(DIRECTION), list_all=False)
    return text


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        message = str(error)
        if "YYYY" not in message:
            message += "; write YYYY, YYYY-MM or YYYY-MM-DD"
        raise argparse.ArgumentTypeError(message) from None


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, got {text!r}")
    return value
