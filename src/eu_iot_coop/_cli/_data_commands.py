"""The data commands: export, draw, validate, fmt and diff."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from eu_iot_coop import _api, export
from eu_iot_coop._draw import focus_svg, map_svg, overview_svg, timeline_svg
from eu_iot_coop._ingest import BUNDLED_NAMES, bundled_folder, format_paths, is_export_file, noting_warnings
from eu_iot_coop._present import terminal_text
from eu_iot_coop._query import Dataset
from eu_iot_coop._write import in_checkout, write_text
from eu_iot_coop.exceptions import DataError

from . import _render as render
from ._common import (
    EXIT_INVALID_DATA,
    EXIT_NOT_FOUND,
    EXIT_OK,
    PROG,
    UsageError,
    announce_reading,
    load_dataset,
    one_line,
    printable,
)


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    # Each format declares its shape and whether it writes the actors' network; nothing here knows a format by name.
    chosen = export.REGISTRY[args.format]
    if args.people and not args.actors:
        raise UsageError("--people adds people to the actors' network, which was not asked for", "add --actors")
    text: Callable[[], str] | None
    if args.actors:
        write_actors = chosen.write_actors
        if write_actors is None:
            able = [entry.name for entry in export.REGISTRY.values() if entry.write_actors is not None]
            raise UsageError(
                f"{chosen.name} export cannot write the actors' network", f"use --format {' or '.join(able)}"
            )
        network = load_dataset(args, cut=False).actor_network(people=args.people, as_of=args.as_of)
        actors_text = chosen.actors_text
        text = None if actors_text is None else functools.partial(actors_text, network)
        write: Callable[[Path], str | Path | list[Path]] = functools.partial(write_actors, network)
    else:
        dataset = load_dataset(args)
        text = None if chosen.text is None else functools.partial(chosen.text, dataset)
        write = functools.partial(chosen.write, dataset)
    if args.output is None:
        if text is None:
            raise UsageError(
                f"{chosen.name} export writes a {chosen.shape.value}, so it needs --output", "add --output PATH"
            )
        out.write(text())
        return EXIT_OK
    # The export writes the file itself, so the command line keeps its symlink and device checks.
    written = write(Path(args.output))
    if chosen.shape is export.Shape.DIRECTORY and isinstance(written, list):
        print(printable(f"wrote {len(written)} files to {args.output}"), file=sys.stderr)
    else:
        print(printable(f"wrote {args.output}"), file=sys.stderr)
    return EXIT_OK


def run_draw(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    # --as-of is applied to the dataset by load_dataset, so every picture takes it; the rest focus a network drawing.
    narrowed = args.around is not None or any(
        (args.kind, args.predicate, args.region, args.with_topics, args.with_documents, args.through_places)
    )
    if args.depth != 1 and args.around is None:
        raise UsageError("--depth counts steps out from --around, which is missing", "add --around NAME_OR_ID")
    if args.lanes is not None and not args.timeline:
        raise UsageError("--lanes splits the timeline, which was not asked for", "add --timeline, or drop --lanes")
    if args.own_relations and args.around is None:
        raise UsageError("--own-relations keeps the relations of --around, which is missing", "add --around NAME_OR_ID")
    if args.legend is not None and (args.map or args.timeline or args.overview or not narrowed):
        raise UsageError(
            "--legend places the legend of a network drawing", "add --around or a focus option, or drop --legend"
        )
    if args.map:
        # A map is zoomed by --region alone (and drawn --as-of like every picture): the rest focus a network drawing.
        if args.around is not None or any(
            (args.kind, args.predicate, args.with_topics, args.with_documents, args.through_places)
        ):
            raise UsageError("--map takes no focus options but --region", "drop --map, or the focus options")
        text = map_svg(dataset, region=args.region)
    elif args.timeline:
        # A timeline is narrowed by kind alone: the other options focus a network drawing.
        if args.around is not None or any(
            (args.predicate, args.region, args.with_topics, args.with_documents, args.through_places)
        ):
            raise UsageError("--timeline takes no focus options but --kind", "drop --timeline, or the focus options")
        text = timeline_svg(dataset, lanes=args.lanes or "region", kinds=args.kind)
    elif args.overview or not (narrowed or args.as_of):
        if narrowed:
            raise UsageError("--overview takes no focus options", "drop --overview, or the focus options")
        text = overview_svg(dataset)
    else:
        text = focus_svg(
            dataset,
            around=args.around,
            depth=args.depth,
            kind=args.kind,
            predicate=args.predicate,
            region=args.region,
            as_of=args.as_of,
            with_topics=args.with_topics,
            with_documents=args.with_documents,
            through_places=args.through_places,
            centre_only=args.own_relations,
            seed=args.seed,
            legend=args.legend or "right",
        )
    emit(text, args.output, out)
    return EXIT_OK


def run_validate(args: argparse.Namespace, out: TextIO) -> int:
    what = "on their own" if args.alone else "with the bundled data"
    announce_reading(args.paths, what)
    document = {"valid": True, "paths": args.paths, "alone": args.alone, "problems": [], "warnings": []}
    with noting_warnings() as noted:
        try:
            if args.alone:
                Dataset.from_files(*args.paths)
            else:
                _api.load(overlays=args.paths)
        except DataError as error:
            # Every stage's problems (files, records, integrity) arrive together in .problems.
            problems = error.problems or (error,)
        else:
            problems = ()
    # With the bundled data, its own warnings are the maintainers' business (validate its folder --alone to see them).
    warned = [w for w in noted if args.alone or not (w.file or "").startswith(BUNDLED_NAMES)]
    if args.json:
        document.update(
            valid=not problems,
            problems=[render.problem_json(problem) for problem in problems],
            warnings=[render.problem_json(warning) for warning in warned],
        )
        print(render.dumps(document), file=out)
    else:
        for problem in problems:
            print(one_line(problem.describe()), file=out)
        if not problems:
            print(printable(f"valid: {', '.join(args.paths)} ({what})"), file=out)
        for warning in warned:
            print(one_line(f"warning: {warning.describe()}"), file=out)
    if problems:
        count = len(problems)
        print(f"{PROG}: {count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return EXIT_INVALID_DATA
    return EXIT_OK


def _bundled_data() -> Path:
    return Path(str(bundled_folder()))


def run_fmt(args: argparse.Namespace, out: TextIO) -> int:
    paths: list[str] = args.paths
    if not paths:
        data = _bundled_data()
        # Rewriting an installed package (site-packages) would corrupt its recorded hashes; checking is harmless.
        if not args.check and not in_checkout(data.parent):
            raise UsageError(
                "without a PATH, fmt rewrites the bundled data only in a source checkout; this one is installed",
                f"give the files or directories to format, e.g. '{PROG} fmt my-data/', or use '{PROG} fmt --check'",
            )
        paths = [str(data)]
    # Only a source checkout's data may be rewritten: the one write mechanism refuses an installed package's files.
    changed = format_paths(paths, check=args.check, package_data=True)
    if args.json:
        key = "would_reformat" if args.check else "reformatted"
        print(render.dumps({"check": args.check, key: [printable(str(path)) for path in changed]}), file=out)
    else:
        verb = "would reformat" if args.check else "reformatted"
        for path in changed:
            print(printable(f"{verb} {path}"), file=out)
    if args.check and changed:
        print(f"{PROG}: {len(changed)} file(s) not in canonical form; run '{PROG} fmt' on them", file=sys.stderr)
        return EXIT_NOT_FOUND
    if not changed and not args.json:
        print("all files already in canonical form", file=out)
    return EXIT_OK


def _diff_side(text: str) -> Dataset:
    if text == "bundled":
        return _api.load()
    if Path(text).is_file() and is_export_file(text):
        return Dataset.from_export(text)
    try:
        return Dataset.from_files(text)
    except DataError as error:
        if not _is_an_overlay(text):
            raise
        # Read alone, an overlay's references to the bundled records dangle: say what it is instead.
        raise UsageError(
            f"{text} is an overlay: it refers to records of the bundled data, so it is not a whole dataset to compare"
            f" (alone: {error.problem})",
            f"to compare the bundled data without and with it, run '{PROG} diff --overlay {text}'",
        ) from None


def _is_an_overlay(text: str) -> bool:
    try:
        _api.load(overlays=[text])
    except DataError:
        return False
    return True


def run_diff(args: argparse.Namespace, out: TextIO) -> int:
    overlays: list[str] = args.overlay
    if overlays:
        if args.old is not None:
            raise UsageError(
                "diff compares either OLD with NEW, or the bundled data with the bundled data plus --overlay, not both",
                "drop --overlay, or OLD and NEW",
            )
        old, new = _api.load(), load_dataset(args)
    elif args.new is None:
        raise UsageError("diff needs OLD and NEW, or --overlay", f"e.g. '{PROG} diff bundled my-data/'")
    else:
        old, new = _diff_side(args.old), _diff_side(args.new)
    result = _api.diff(old, new)
    if args.json:
        print(render.dumps(result.as_dict()), file=out)
    else:
        print(terminal_text(str(result)), file=out)
    return EXIT_NOT_FOUND if result else EXIT_OK


def emit(text: str, output: str | None, out: TextIO) -> None:
    """Write *text*, a file format, to *output* (a path), or to *out* when there is none: as UTF-8 either way.

    A file format is UTF-8 whatever the terminal's encoding, so on standard output it goes to the bytes
    underneath (an ASCII console would otherwise fail on the first 'í', or need escapes that corrupt it).
    """
    if output is None:
        buffer = getattr(out, "buffer", None)
        if buffer is None:  # a text-only stream, as under test
            out.write(text)
        else:
            out.flush()
            buffer.write(text.encode("utf-8"))
    else:
        write_text(Path(output), text)
        print(printable(f"wrote {output}"), file=sys.stderr)
