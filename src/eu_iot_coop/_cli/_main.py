"""The ``eu-iot-coop`` command: query, export, draw, validate, format and compare the data.

Exit codes: 0 success; 1 nothing found (no such entity, no path), differences
found (``diff``) or files to reformat (``fmt --check``); 2 usage error (bad
arguments, an ambiguous name, an output file that cannot be written); 3 invalid
or unreadable data; 141 (quietly) when standard output is closed early.
Every error is one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from eu_iot_coop._model import Entity, Kind, Relation, period_text, when_text
from eu_iot_coop._query import Dataset
from eu_iot_coop.exceptions import (
    AmbiguousNameError,
    DataError,
    EuIotCoopError,
    NotFoundError,
    QueryError,
    RetiredIdWarning,
)

from . import _render as render

if TYPE_CHECKING:
    from eu_iot_coop._model import PartialDate

PROG = "eu-iot-coop"

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INVALID_DATA = 3
# What a shell reports for a process killed by SIGPIPE (128 + 13), as for `yes | head`.
EXIT_BROKEN_PIPE = 141

_TEXT_FORMATS = ("json", "graphml", "jsonld", "turtle")


class UsageError(Exception):
    """Arguments that cannot be acted on; ``hint`` says what to do instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class _NothingFound(EuIotCoopError):
    """A query that ran and found nothing: no search match, no path."""


class _Parser(argparse.ArgumentParser):
    # argparse would print the whole usage and exit; one line and an exit code are kinder to scripts.
    def error(self, message: str) -> NoReturn:
        if any(marker in message for marker in _SUGGESTS):
            raise UsageError(message)
        raise UsageError(message, f"see '{self.prog} --help'")


# Option errors that already say what to write need no pointer to --help.
_SUGGESTS = ("did you mean", "choose from", "write YYYY")


# --- loading --------------------------------------------------------------------------------------


def _dataset(args: argparse.Namespace) -> Dataset:
    from eu_iot_coop._api import load

    overlays: list[str] = getattr(args, "overlay", None) or []
    return load(overlays=overlays) if overlays else load()


def _entity(dataset: Dataset, text: str) -> Entity:
    """An entity by id, retired id, name, acronym or alias."""
    try:
        return dataset.get(text)
    except NotFoundError:
        pass
    try:
        return dataset.find(text)
    except NotFoundError as error:
        if not error.suggestions:
            raise NotFoundError(text, what="entity") from None
        # The same ranking find() used, shown without repeating an id that is itself the match.
        matches = dataset.search(text, limit=len(error.suggestions))
        raise NotFoundError(text, [render.suggestion(m.matched_name, m.entity.id) for m in matches]) from None


# --- query commands -------------------------------------------------------------------------------


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    entity = _entity(dataset, args.entity)
    figures = dataset.figures(entity)
    neighbours = sorted(dataset.neighbours(entity), key=lambda n: (n.predicate, n.entity.name, n.entity.id))
    cited = [*entity.citations, *(c for f in figures for c in f.citations)]
    cited += [c for n in neighbours for c in n.relation.citations]
    sources = {s.id: s for s in dataset.records.sources}
    used = [sources[source] for source in dict.fromkeys(c.source for c in cited) if source in sources]
    if args.json:
        from eu_iot_coop._ingest import plain  # only here: the text output does without cattrs

        document = {
            "entity": plain(entity),
            "figures": [plain(figure) for figure in figures],
            "relations": [
                {
                    "predicate": n.predicate,
                    "direction": "out" if n.relation.subject == entity.id else "in",
                    "entity": {"id": n.entity.id, "kind": str(n.entity.kind), "name": n.entity.name},
                    "relation": plain(n.relation),
                }
                for n in neighbours
            ],
            "sources": [plain(source) for source in sorted(used, key=lambda s: s.id)],
        }
        print(render.dumps(document), file=out)
        return EXIT_OK
    print(render.label(entity), file=out)
    print(render.fields(_entity_fields(entity)), file=out)
    if figures:
        print("\nFigures", file=out)
        rows: list[Sequence[object]] = [
            (
                f.quantity,
                _qualified(f.qualifier.value, f.value, f.unit) + (" (projection)" if f.projection else ""),
                when_text(f.as_of),
                render.sources(f.citations),
            )
            for f in figures
        ]
        print(render.table(["quantity", "value", "as of", "sources"], rows), file=out)
    if neighbours:
        print(f"\nRelations ({len(neighbours)})", file=out)
        rows = [
            (
                n.predicate,
                n.entity.name,
                n.entity.id,
                period_text(n.relation.start, n.relation.end),
                render.sources(n.relation.citations),
            )
            for n in neighbours
        ]
        print(render.table(["predicate", "entity", "id", "when", "sources"], rows), file=out)
    if used:
        print("\nSources", file=out)
        rows = [(s.id, s.title, s.url) for s in sorted(used, key=lambda s: s.id)]
        print(render.table(["id", "title", "url"], rows), file=out)
    return EXIT_OK


def _entity_fields(entity: Entity) -> Iterator[tuple[str, object]]:
    import attrs

    yield "id", entity.id
    yield "kind", entity.kind.value
    for field in attrs.fields(type(entity)):
        if field.name in {"id", "citations"}:
            continue
        value = getattr(entity, field.name)
        if field.name == "aliases":
            value = ", ".join(value)
        elif hasattr(value, "date"):
            value = when_text(value)
        elif hasattr(value, "value"):
            value = value.value
        yield field.name, value
    yield "cited", render.citations(entity.citations)


def _qualified(qualifier: str, value: float, unit: str) -> str:
    prefix = {"approximately": "about ", "more_than": "more than ", "less_than": "less than "}.get(qualifier, "")
    return f"{prefix}{value:,} {unit}"


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    matches = dataset.search(args.text, limit=args.limit, kind=args.kind)
    if args.json:
        rows = [
            {
                "id": m.entity.id,
                "kind": str(m.entity.kind),
                "name": m.entity.name,
                "score": round(m.score, 4),
                "matched_name": m.matched_name,
            }
            for m in matches
        ]
        print(render.dumps(rows), file=out)
        return EXIT_OK
    if not matches:
        raise _NothingFound(f"no entity name resembles {args.text!r}; try fewer or other words")
    rows_text = [(f"{m.score:.2f}", m.entity.id, m.entity.kind.value, m.entity.name, m.matched_name) for m in matches]
    print(render.table(["score", "id", "kind", "name", "matched"], rows_text), file=out)
    return EXIT_OK


def _step_json(step: Any) -> dict[str, Any]:
    return {
        "depth": step.depth,
        "source": step.source.id,
        "predicate": step.predicate,
        "target": step.target.id,
        "target_kind": str(step.target.kind),
        "target_name": step.target.name,
        "relation": step.relation.key,
    }


def _cmd_related(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    entity = _entity(dataset, args.entity)
    steps = list(dataset.walk(entity, depth=args.depth, predicates=args.predicate, direction=args.direction))
    if args.json:
        print(render.dumps({"entity": entity.id, "steps": [_step_json(s) for s in steps]}), file=out)
        return EXIT_OK
    print(f"{render.label(entity)}: {len(steps)} related within {args.depth} step(s)", file=out)
    if steps:
        rows = [(s.depth, s.source.id, s.predicate, s.target.id, s.target.kind.value, s.target.name) for s in steps]
        print(render.table(["depth", "from", "predicate", "to", "kind", "name"], rows), file=out)
    return EXIT_OK


def _cmd_path(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    source, target = _entity(dataset, args.source), _entity(dataset, args.target)
    steps = dataset.path(
        source,
        target,
        predicates=args.predicate,
        direction=args.direction,
        avoid_kinds=None if args.through_topics else (Kind.TOPIC,),
    )
    if steps is None:
        raise _NothingFound(
            f"no chain of relations links {source.id!r} to {target.id!r}; "
            f"try 'eu-iot-coop related {source.id} --depth 3' to see what it reaches"
        )
    if args.json:
        print(
            render.dumps({"source": source.id, "target": target.id, "steps": [_step_json(s) for s in steps]}), file=out
        )
        return EXIT_OK
    print(f"{render.label(source)} to {render.label(target)}: {len(steps)} step(s)", file=out)
    rows = [(s.depth, s.source.id, s.predicate, s.target.id, render.sources(s.relation.citations)) for s in steps]
    if rows:
        print(render.table(["step", "from", "predicate", "to", "sources"], rows), file=out)
    return EXIT_OK


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    entity = None if args.entity is None else _entity(dataset, args.entity)
    entries = dataset.timeline(since=args.since, until=args.until, kind=args.kind, entity=entity)
    if args.json:
        rows = [
            {
                "date": str(e.date),
                "latest": None if e.when.latest is None else str(e.when.latest),
                "event": e.event,
                "record_type": e.record.record_type,
                "record": e.record.key if isinstance(e.record, Relation) else e.record.id,
                "inferred": e.when.inferred,
                "description": _moment(e.record),
            }
            for e in entries
        ]
        print(render.dumps(rows), file=out)
        return EXIT_OK
    rows_text = [
        (
            when_text(e.when, notes=False) + ("~" if e.when.inferred else ""),
            e.event,
            e.record.record_type,
            _moment(e.record),
        )
        for e in entries
    ]
    print(render.table(["date", "event", "type", "what"], rows_text), file=out)
    print(f"{len(entries)} moment(s); '~' marks an inferred date", file=out)
    return EXIT_OK


def _moment(record: object) -> str:
    if isinstance(record, Entity):
        return f"{record.name} ({record.kind.value})"
    if isinstance(record, Relation):
        return f"{record.subject} {record.predicate} {record.object}"
    quantity = getattr(record, "quantity", "")
    return f"{getattr(record, 'subject', '')}: {quantity}"


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    from eu_iot_coop._version import __version__

    dataset = _dataset(args)
    records = dataset.records
    kinds = {kind.value: 0 for kind in Kind}
    for entity in records.entities:
        kinds[entity.kind.value] += 1
    document: dict[str, Any] = {
        "package_version": __version__,
        "data_version": dataset.data_version,
        "fingerprint": dataset.fingerprint,
        "entities": len(records.entities),
        "kinds": kinds,
        "relations": len(records.relations),
        "figures": len(records.figures),
        "sources": len(records.sources),
        "redirects": len(records.redirects),
    }
    if args.json:
        print(render.dumps(document), file=out)
        return EXIT_OK
    print(
        render.fields(
            [
                ("package version", __version__),
                ("data version", dataset.data_version or "(none)"),
                ("fingerprint", dataset.fingerprint),
            ]
        ),
        file=out,
    )
    print(file=out)
    rows: list[tuple[str, int]] = list(kinds.items())
    rows += [("entities (all kinds)", len(records.entities))]
    rows += [(name, document[name]) for name in ("relations", "figures", "sources", "redirects")]
    print(render.table(["records", "count"], rows), file=out)
    return EXIT_OK


# --- output commands ------------------------------------------------------------------------------


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from eu_iot_coop import export

    dataset = _dataset(args)
    if args.format in ("csv", "sqlite"):
        if args.output is None:
            raise UsageError(f"{args.format} export writes files, so it needs --output", "add --output PATH")
        if args.format == "csv":
            written = export.to_csv(dataset, args.output)
            print(f"wrote {len(written)} files to {args.output}", file=sys.stderr)
        else:
            export.to_sqlite(dataset, args.output)
            print(f"wrote {args.output}", file=sys.stderr)
        return EXIT_OK
    writer: Callable[[Dataset], str] = getattr(export, f"to_{args.format}")
    _emit(writer(dataset), args.output, out)
    return EXIT_OK


def _emit(text: str, output: str | None, out: TextIO) -> None:
    if output is None:
        out.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8", newline="")
        print(f"wrote {output}", file=sys.stderr)


def _cmd_draw(args: argparse.Namespace, out: TextIO) -> int:
    from eu_iot_coop._draw import network_svg, timeline_svg

    dataset = _dataset(args)
    _emit(timeline_svg(dataset) if args.timeline else network_svg(dataset, seed=args.seed), args.output, out)
    return EXIT_OK


# --- data-file commands ---------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    if args.overlay:
        # Its PATHs already are overlays on the bundled data; an --overlay here would go unchecked.
        raise UsageError(
            "validate checks its PATH arguments as overlays already and takes no --overlay",
            f"give every file as a PATH: '{PROG} validate {' '.join([*args.overlay, *args.paths])}'",
        )
    try:
        if args.alone:
            Dataset.from_files(*args.paths)
        else:
            from eu_iot_coop._api import load

            load(overlays=args.paths)
    except DataError as error:
        # Every stage's problems (files, records, integrity) arrive together in .problems.
        problems = error.problems or (error,)
        for problem in problems:
            print(_one_line(problem.describe()), file=out)
        count = len(problems)
        print(f"{PROG}: {count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return EXIT_INVALID_DATA
    what = "on their own" if args.alone else "with the bundled data"
    print(f"valid: {', '.join(args.paths)} ({what})", file=out)
    return EXIT_OK


def _bundled_data() -> Path:
    from importlib import resources

    return Path(str(resources.files("eu_iot_coop") / "data"))


def _in_checkout(data: Path) -> bool:
    """Whether *data* is ``src/eu_iot_coop/data`` of a source checkout, not an installed copy."""
    root = data.parent.parent.parent
    return data.parent.parent.name == "src" and (root / "pyproject.toml").is_file()


def _cmd_fmt(args: argparse.Namespace, out: TextIO) -> int:
    from eu_iot_coop._ingest import format_paths

    paths: list[str] = args.paths
    if not paths:
        data = _bundled_data()
        # Rewriting an installed package (site-packages) would corrupt its recorded hashes; checking is harmless.
        if not args.check and not _in_checkout(data):
            raise UsageError(
                "without a PATH, fmt rewrites the bundled data only in a source checkout; this one is installed",
                f"give the files or directories to format, e.g. '{PROG} fmt my-data/', or use '{PROG} fmt --check'",
            )
        paths = [str(data)]
    changed = format_paths(paths, check=args.check)
    verb = "would reformat" if args.check else "reformatted"
    for path in changed:
        print(f"{verb} {path}", file=out)
    if args.check and changed:
        print(f"{PROG}: {len(changed)} file(s) not in canonical form; run '{PROG} fmt' on them", file=sys.stderr)
        return EXIT_NOT_FOUND
    if not changed:
        print("all files already in canonical form", file=out)
    return EXIT_OK


def _diff_side(text: str) -> Dataset:
    from eu_iot_coop._api import load

    return load() if text == "bundled" else Dataset.from_files(text)


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from eu_iot_coop._api import diff

    result = diff(_diff_side(args.old), _diff_side(args.new))
    if args.json:
        print(render.dumps(result.as_dict()), file=out)
    else:
        print(str(result), file=out)
    return EXIT_NOT_FOUND if result else EXIT_OK


# --- the parser -----------------------------------------------------------------------------------


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
    parser = _Parser(
        prog=PROG,
        description="Query, export and check the EU international IoT cooperation dataset.",
        epilog="Exit codes: 0 ok; 1 not found, differences or files to reformat; 2 usage error; 3 invalid data.",
    )
    from eu_iot_coop._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _overlay_option(parser, default=[])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def command(name: str, handler: Callable[..., int], help_text: str, *, query: bool = False) -> _Parser:
        sub: _Parser = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if query:
            # Accepted after the command too; SUPPRESS keeps one given before it.
            _overlay_option(sub, default=argparse.SUPPRESS)
            sub.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
        return sub

    show = command("show", _cmd_show, "show an entity: fields, figures, relations and sources", query=True)
    show.add_argument("entity", metavar="NAME_OR_ID", help="an id, name, acronym or alias, e.g. AIOTI")

    search = command("search", _cmd_search, "find entities by name, typos and all", query=True)
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)")
    search.add_argument("--kind", type=_kind, metavar="KIND", help="only entities of this kind, e.g. organisation")

    related = command("related", _cmd_related, "entities reached from one by following relations", query=True)
    related.add_argument("entity", metavar="NAME_OR_ID")
    _traversal_options(related)
    related.add_argument("--depth", type=_non_negative, default=1, metavar="N", help="steps out (default 1)")

    path = command("path", _cmd_path, "a shortest chain of relations between two entities", query=True)
    path.add_argument("source", metavar="A")
    path.add_argument("target", metavar="B")
    _traversal_options(path)
    path.add_argument(
        "--through-topics",
        action="store_true",
        help="also pass through topics (by default a chain does not: a shared topic is not a connection)",
    )

    timeline = command("timeline", _cmd_timeline, "dated moments in date order", query=True)
    timeline.add_argument(
        "--from", dest="since", type=_date, metavar="DATE", help="from this date: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    timeline.add_argument("--to", dest="until", type=_date, metavar="DATE", help="up to this date")
    timeline.add_argument("--kind", type=_kind, metavar="KIND", help="only moments about this kind of entity")
    timeline.add_argument("--entity", metavar="NAME_OR_ID", help="only this entity, its relations and figures")

    command("stats", _cmd_stats, "counts, data version, package version and fingerprint", query=True)

    export = command("export", _cmd_export, "write the data in another format")
    _overlay_option(export, default=argparse.SUPPRESS)
    from eu_iot_coop.export import FORMATS

    export.add_argument("--format", required=True, choices=FORMATS, help="output format")
    export.add_argument("--output", metavar="PATH", help="file (directory for csv); text formats default to stdout")

    draw = command("draw", _cmd_draw, "draw the network (or a timeline) as SVG")
    _overlay_option(draw, default=argparse.SUPPRESS)
    draw.add_argument("--output", metavar="PATH", help="SVG file to write (default: stdout)")
    draw.add_argument("--timeline", action="store_true", help="draw the timeline instead of the network")
    draw.add_argument("--seed", type=int, default=2012, help="layout seed (default 2012)")

    validate = command("validate", _cmd_validate, "check data files and list every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="overlay or data files, or directories of them")
    validate.add_argument("--alone", action="store_true", help="check the files as a dataset of their own")

    fmt = command("fmt", _cmd_fmt, "rewrite data files in canonical form")
    fmt.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories (default: the bundled data, when it is in a source checkout)",
    )
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")

    diff = command("diff", _cmd_diff, "compare two datasets")
    diff.add_argument("old", metavar="OLD", help="a data directory or file, or 'bundled'")
    diff.add_argument("new", metavar="NEW", help="a data directory or file, or 'bundled'")
    diff.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


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


# Option values are checked while parsing, so that a bad one is a usage error (exit 2) naming the
# option, not a lookup that found nothing (exit 1) naming the library's parameter.


def _choice(what: str, text: str, choices: Sequence[str], *, list_all: bool) -> argparse.ArgumentTypeError:
    from eu_iot_coop._model import closest

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
    from eu_iot_coop._model import DIRECTION

    if text not in DIRECTION:
        # 58 names are too many to list after a near miss; listed only when nothing is near.
        raise _choice("predicate", text, sorted(DIRECTION), list_all=False)
    return text


def _date(text: str) -> PartialDate:
    from eu_iot_coop._model import PartialDate

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


# --- running --------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)
    return code


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
        hint = "" if error.suggestions else f"; try '{PROG} search {error.query}'"
        return str(error) + hint, EXIT_NOT_FOUND
    if isinstance(error, QueryError):
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


def _silence_stdout() -> None:
    # The reader has gone: send whatever is still buffered to devnull, so that the flush at exit
    # does not raise a second BrokenPipeError.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor, as under test
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``eu-iot-coop`` with *argv* (default: the process arguments); return the exit code."""
    out = sys.stdout
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exit_:  # --help and --version
            return exit_.code if isinstance(exit_.code, int) else EXIT_OK
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RetiredIdWarning)
            code: int = args.handler(args, out)
            # Flushed here, not at exit, so that a reader that stopped early is noticed below.
            out.flush()
        for warning in caught:
            print(f"{PROG}: note: {_one_line(str(warning.message))}", file=sys.stderr)
        return code
    except BrokenPipeError:
        # `eu-iot-coop ... | head`: the reader has what it wanted, which is not an error.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (UsageError, EuIotCoopError, OSError) as error:
        message, code = _error_code(error)
        return _fail(message, code)
    except KeyboardInterrupt:
        return 130
