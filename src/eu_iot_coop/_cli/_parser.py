"""The argument parser: every command, its options, and option values checked while parsing."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, NoReturn

import attrs

from eu_iot_coop._model import DIRECTION, Kind, PartialDate, closest, latest_in_order
from eu_iot_coop._version import __version__

from ._common import PROG, UsageError

_QUERY: Final = "_query_commands"
_DATA: Final = "_data_commands"


class _Formatter(argparse.HelpFormatter):
    # argparse's own formatter imports shutil (and through it bz2 and lzma) for the terminal width,
    # even when it only checks an option's metavar; os gives the same width at no import cost.
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_width() if width is None else width)


def _terminal_width() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(columns, 1) - 2


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

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
        type=_data_path,
        metavar="PATH",
        default=default,
        help="add an overlay data file or directory to the bundled data (repeatable)",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print JSON for scripts instead of text; errors too, as a JSON object"
    )


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the data as it stood at the end of this day, month or year (YYYY-MM-DD, YYYY-MM, YYYY)",
    )


def _show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "entity", metavar="NAME_OR_ID", help="an id, name, acronym, alias or a place's code, e.g. AIOTI or JP"
    )
    _as_of_option(parser)


def _rounds(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "series",
        metavar="NAME_OR_ID",
        help="a standing dialogue, council or recurring event, e.g. eu-japan-ict-dialogue",
    )
    _as_of_option(parser)


def _search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT")
    parser.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)")
    parser.add_argument("--kind", type=_kind, metavar="KIND", help="only entities of this kind, e.g. organisation")
    parser.add_argument(
        "--descriptions", action="store_true", help="also search descriptions (ranked below every name match)"
    )
    _region_option(parser)
    _as_of_option(parser)


def _related(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", metavar="NAME_OR_ID")
    _traversal_options(parser)
    _side_option(parser, "only entities reached on this side")
    parser.add_argument("--depth", type=_non_negative, default=1, metavar="N", help="steps out (default 1)")
    _as_of_option(parser)


def _path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="A")
    parser.add_argument("target", metavar="B")
    _traversal_options(parser)
    parser.add_argument(
        "--through-topics",
        action="store_true",
        help="also pass through topics (by default a chain does not: a shared topic is not a connection)",
    )
    parser.add_argument(
        "--through-places",
        action="store_true",
        help="also pass through places (by default a chain does not: a shared country is not a connection)",
    )
    _as_of_option(parser)


def _window_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="since", type=_date, metavar="DATE", help="from this date: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    parser.add_argument("--to", dest="until", type=_date, metavar="DATE", help="up to this date")


def _timeline(parser: argparse.ArgumentParser) -> None:
    _window_option(parser)
    parser.add_argument("--kind", type=_kind, metavar="KIND", help="only moments about this kind of entity")
    parser.add_argument("--entity", metavar="NAME_OR_ID", help="only this entity, its relations and figures")
    _region_option(parser)
    _partner_region_option(parser)


def _stats(parser: argparse.ArgumentParser) -> None:
    _as_of_option(parser)


def _disagreements(parser: argparse.ArgumentParser) -> None:
    _as_of_option(parser)


def _list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", nargs="?", type=_kind, metavar="KIND", help="only this kind, e.g. agreement")
    _region_option(parser)
    parser.add_argument(
        "--cooperating-with-region",
        dest="cooperating_with",
        metavar="NAME_OR_ID",
        help="only what cooperates with this place (cooperates_with_place it or a place within it)",
    )
    _partner_region_option(parser)
    _side_option(parser, "only actors on this side, and the agreements and projects they are party to or in")
    _window_option(parser)
    parser.add_argument(
        "--predicate",
        type=_predicate,
        metavar="NAME",
        help="only the subjects of this kind of relation, read as named (party_to: the parties; has_party: agreements)",
    )
    parser.add_argument(
        "--with",
        dest="linked_to",
        metavar="NAME_OR_ID",
        help="only what is one relation away from this entity, e.g. the agreements a body is party to",
    )
    parser.add_argument(
        "--sort", choices=("name", "date"), default="name", help="by name (default) or by start date, undated last"
    )
    parser.add_argument(
        "--columns",
        type=_list_columns,
        metavar="NAMES",
        help="the columns to show, comma-separated, e.g. start,parties (default: the kind's own)",
    )
    _as_of_option(parser)


def _figures(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", nargs="?", metavar="NAME_OR_ID", help="only the figures about this entity")
    parser.add_argument("--quantity", metavar="WORDS", help="only what measures this, e.g. budget")
    parser.add_argument("--unit", metavar="UNIT", help="only values in this unit, e.g. EUR")
    parser.add_argument("--kind", type=_kind, metavar="KIND", help="only figures about entities of this kind")
    _region_option(parser)
    _as_of_option(parser)


def _export(parser: argparse.ArgumentParser) -> None:
    # Imported here, where the export command is built: other commands never load the export package.
    from eu_iot_coop import export

    _overlay_option(parser, default=argparse.SUPPRESS)
    parser.add_argument("--format", required=True, choices=tuple(export.REGISTRY), help="output format")
    directories = [entry.name for entry in export.REGISTRY.values() if entry.shape is export.Shape.DIRECTORY]
    where = f"file (directory for {', '.join(directories)})" if directories else "file"
    parser.add_argument("--output", metavar="PATH", help=f"{where}; text formats default to stdout")
    writes_actors = [entry.name for entry in export.REGISTRY.values() if entry.write_actors is not None]
    parser.add_argument(
        "--actors",
        action="store_true",
        help=f"write the actors' network instead: organisations linked by the records they share "
        f"({' or '.join(writes_actors)})",
    )
    _people_option(parser)
    _as_of_option(parser)


def _people_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", action="store_true", help="with the actors' network: people are actors too")


def _actors(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--top", type=_positive, default=10, metavar="N", help="the N most central actors and strongest links (10)"
    )
    _people_option(parser)
    _as_of_option(parser)


def _draw(parser: argparse.ArgumentParser) -> None:
    # Imported here, where the draw command is built: other commands never load the drawing package.
    from eu_iot_coop._draw import LANES

    _overlay_option(parser, default=argparse.SUPPRESS)
    parser.add_argument("--output", metavar="PATH", help="SVG file to write (default: stdout)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--timeline", action="store_true", help="draw the timeline instead of the network")
    what.add_argument(
        "--overview",
        action="store_true",
        help="draw the region overview: EU actors and partner regions (the default without a focus option)",
    )
    what.add_argument("--around", metavar="NAME_OR_ID", help="draw the neighbourhood of this entity")
    what.add_argument(
        "--map",
        action="store_true",
        help="draw the world map: countries shaded by their records with the EU side (--region zooms to a region)",
    )
    parser.add_argument(
        "--depth", type=_non_negative, default=1, metavar="N", help="steps out from --around (default 1)"
    )
    parser.add_argument(
        "--kind", action="append", type=_kind, metavar="KIND", help="only entities of this kind (repeatable)"
    )
    parser.add_argument(
        "--predicate", action="append", type=_predicate, metavar="NAME", help="only relations of this kind (repeatable)"
    )
    _region_option(parser)
    _as_of_option(parser)
    parser.add_argument("--with-topics", action="store_true", help="also draw topics (left out by default)")
    parser.add_argument("--with-documents", action="store_true", help="also draw documents (left out by default)")
    parser.add_argument(
        "--through-places",
        action="store_true",
        help="with --around, go on through places too (by default a place is drawn but not walked through)",
    )
    parser.add_argument(
        "--own-relations",
        action="store_true",
        help="with --around, only the entity's own relations, one arrow each, whatever --depth (as the catalogue)",
    )
    parser.add_argument(
        "--legend",
        choices=("right", "below"),
        help="where a network drawing puts its legend: right of it (the default) or below, in columns (narrow pages)",
    )
    parser.add_argument("--seed", type=int, default=2012, help="layout seed (default 2012)")
    parser.add_argument(
        "--lanes",
        choices=LANES,
        help="with --timeline: one lane per partner region (region, the default) or per kind of entity (kind)",
    )


def _validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", type=_data_path, metavar="PATH", help="overlay or data files, or directories of them"
    )
    parser.add_argument("--alone", action="store_true", help="check the files as a dataset of their own")
    _json_option(parser)


def _fmt(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=_data_path,
        metavar="PATH",
        help="files or directories (default: the bundled data, when it is in a source checkout)",
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")
    _json_option(parser)


def _diff(parser: argparse.ArgumentParser) -> None:
    _overlay_option(parser, default=argparse.SUPPRESS)
    side = "a data directory or file, a JSON export, or 'bundled'"
    parser.add_argument("old", nargs="?", metavar="OLD", help=f"{side}; leave both out with --overlay")
    parser.add_argument("new", nargs="?", metavar="NEW", help=side)
    _json_option(parser)


def _read_only(reasons: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(reasons))


def _cite(parser: argparse.ArgumentParser) -> None:
    # Imported here, where the cite command is built, as FORMATS is for export.
    from eu_iot_coop._citation import CITATION_FORMATS

    _overlay_option(parser, default=argparse.SUPPRESS)
    parser.add_argument("--format", choices=CITATION_FORMATS, default="bibtex", help="citation format (default bibtex)")


@attrs.frozen
class Command:
    """A subcommand: its help line, the module that runs it, whether it queries the data, and its options."""

    help: str
    module: str
    options: Callable[[argparse.ArgumentParser], None]
    query: bool = False
    #: The global options this command has no use for (by ``dest``), each with the reason it is refused.
    refuses: Mapping[str, str] = attrs.field(factory=dict, converter=_read_only)


#: Every subcommand, in the order ``--help`` lists them.
COMMANDS: Final[Mapping[str, Command]] = MappingProxyType(
    {
        "show": Command("show an entity: fields, figures, relations and sources", _QUERY, _show, query=True),
        "search": Command("find entities by name, typos and all", _QUERY, _search, query=True),
        "related": Command("entities reached from one by following relations", _QUERY, _related, query=True),
        "path": Command("a shortest chain of relations between two entities", _QUERY, _path, query=True),
        "timeline": Command("dated moments in date order", _QUERY, _timeline, query=True),
        "rounds": Command(
            "the meetings of a dialogue or council, round by round, with their dates", _QUERY, _rounds, query=True
        ),
        "stats": Command("counts, data version, package version and fingerprint", _QUERY, _stats, query=True),
        "list": Command("entities of one kind, or of every kind, sorted by name or date", _QUERY, _list, query=True),
        "figures": Command(
            "figures (counts, budgets, durations) with as-of date and sources", _QUERY, _figures, query=True
        ),
        "actors": Command(
            "the actors' network: the most central actors and the strongest links", _QUERY, _actors, query=True
        ),
        "disagreements": Command(
            "every field sources disagree on: the value the data prefers and the other, each cited",
            _QUERY,
            _disagreements,
            query=True,
        ),
        "export": Command("write the data in another format", _DATA, _export),
        "draw": Command(
            "draw the region overview, a neighbourhood, the timeline or the world map as SVG", _DATA, _draw
        ),
        "validate": Command(
            "check data files and list every problem",
            _DATA,
            _validate,
            refuses={"overlay": "it checks its PATH arguments as overlays already; give every file as a PATH"},
        ),
        "fmt": Command(
            "rewrite data files in canonical form",
            _DATA,
            _fmt,
            refuses={"overlay": "it rewrites the files it is given one by one and reads no dataset; drop --overlay"},
        ),
        "diff": Command("compare two datasets, or the bundled data with and without overlays", _DATA, _diff),
        "cite": Command("how to cite the data: package version, data version and fingerprint", _QUERY, _cite),
    }
)


def refuse_ignored(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Raise :class:`UsageError` for a global option given to a command that would ignore it, saying why."""
    reasons = COMMANDS[args.command].refuses
    for dest, flag in global_options(parser).items():
        if dest in reasons and getattr(args, dest, None) != parser.get_default(dest):
            raise UsageError(f"{args.command} takes no {flag}: {reasons[dest]}")


def refuse_reversed_window(args: argparse.Namespace) -> None:
    """Raise :class:`UsageError` for ``--from`` after ``--to``: the window would match nothing, in silence."""
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since is not None and until is not None and not latest_in_order(since, until):
        raise UsageError(f"--from {since} is after --to {until}: the window would match nothing; swap the two dates")


def global_options(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The options given before the command, by ``dest``, each with its flag; ``--help`` and ``--version`` left out."""
    return {
        action.dest: action.option_strings[0]
        for action in parser._actions  # argparse keeps no public list of a parser's options
        if action.option_strings and not isinstance(action, argparse._HelpAction | argparse._VersionAction)
    }


def requested(argv: Sequence[str]) -> str | None:
    """The subcommand *argv* names, when it names a known one before any option it does not know."""
    values = iter(argv)
    for token in values:
        if token == "--overlay":
            next(values, None)
        elif not token.startswith("-"):
            return token if token in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``eu-iot-coop``; with *only*, just that subcommand's (building all costs time)."""
    parser = Parser(
        prog=PROG,
        description="Query, export and check the EU international IoT cooperation dataset.",
        epilog="Exit codes: 0 ok; 1 not found, differences or files to reformat; 2 usage error; 3 invalid data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _overlay_option(parser, default=[])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for name, command in COMMANDS.items():
        if only is not None and name != only:
            continue
        sub: Parser = commands.add_parser(name, help=command.help, description=command.help)
        if command.query:
            # Accepted after the command too; SUPPRESS keeps one given before it.
            _overlay_option(sub, default=argparse.SUPPRESS)
            _json_option(sub)
        command.options(sub)
    return parser


def _region_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--region",
        metavar="NAME_OR_ID",
        help="only what is in this place: located or held there, or a party or participant is",
    )


def _partner_region_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--partner-region",
        metavar="NAME_OR_ID",
        help="only what is in this place or cooperates with it (where the partners are)",
    )


#: The names --side accepts: the EU side as a whole, then each side.
SIDE_CHOICES: Final = ("eu", "eu_institution", "eu_based", "international", "partner")


def _side_option(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument(
        "--side",
        choices=SIDE_CHOICES,
        help=f"{text}: eu (EU institutions and bodies, and what is based in the EU), or one side",
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


def _list_columns(text: str) -> tuple[str, ...]:
    # Imported here, where an option asks for it: only `list --columns` needs the column table.
    from eu_iot_coop._query import LIST_COLUMNS

    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in LIST_COLUMNS]
    if unknown or not names:
        raise _choice("column", unknown[0] if unknown else text, list(LIST_COLUMNS), list_all=True)
    return names


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


def _data_path(text: str) -> str:
    # An empty argument would read as the current directory ('' is '.' to pathlib): almost always a mistake.
    if not text:
        raise argparse.ArgumentTypeError("the path is empty: give a data file or a directory ('.' for this one)")
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
