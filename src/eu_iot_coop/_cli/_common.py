"""What every command shares: the program name, exit codes, usage errors, loading and finding."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from eu_iot_coop import _api
from eu_iot_coop._model import Entity, PartialDate
from eu_iot_coop._present import suggestion_text, terminal_text
from eu_iot_coop._query import Dataset
from eu_iot_coop.exceptions import EuIotCoopError, NotFoundError

from . import _render as render

PROG = "eu-iot-coop"


EXIT_OK = 0


EXIT_NOT_FOUND = 1


EXIT_USAGE = 2


EXIT_INVALID_DATA = 3


# What a shell reports for a process killed by SIGPIPE (128 + 13), as for `yes | head`.
EXIT_BROKEN_PIPE = 141


class UsageError(Exception):
    """Arguments that cannot be acted on; ``hint`` says what to do instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class NothingFound(EuIotCoopError):
    """A query that ran and found nothing: no search match, no path."""


def load_dataset(args: argparse.Namespace, *, cut: bool = True) -> Dataset:
    """The bundled dataset, with the ``--overlay`` files the command was given, as of its ``--as-of`` date
    (unless *cut* is false: the caller applies the date itself)."""
    overlays: list[str] = getattr(args, "overlay", None) or []
    if overlays:
        announce_reading(overlays, "with the bundled data")
    dataset = _api.load(overlays=overlays) if overlays else _api.load()
    as_of: PartialDate | None = getattr(args, "as_of", None)
    return dataset if as_of is None or not cut else dataset.as_of(as_of)


def announce_reading(paths: Sequence[str], how: str) -> None:
    """Say on standard error (a terminal only) that data files are being read and checked: it can take a while."""
    count = f"{len(paths)} path{'s' if len(paths) != 1 else ''}"
    render.Progress(sys.stderr).step(printable(f"reading and checking {count} {how}: {', '.join(paths)}"))


def find_entity(dataset: Dataset, text: str) -> Entity:
    """An entity by id, retired id, name, acronym or alias."""
    if text in dataset:
        # Asked first, so that a name (the common case) never pays for the suggestions of a missed id.
        return dataset.get(text)
    try:
        return dataset.find(text)
    except NotFoundError as error:
        if not error.suggestions:
            raise NotFoundError(text, what="entity") from None
        # The same ranking find() used, shown without repeating an id that is itself the match.
        matches = dataset.search(text, limit=len(error.suggestions))
        raise NotFoundError(text, [suggestion_text(m.matched_name, m.entity.id) for m in matches]) from None


def region_place(dataset: Dataset, args: argparse.Namespace) -> Entity | None:
    """The entity named by ``--region``, or ``None`` without one; the dataset checks that it is a place."""
    return named_place(dataset, getattr(args, "region", None))


def named_place(dataset: Dataset, text: str | None) -> Entity | None:
    """The entity a region option names (``--region``, ``--partner-region``, ...), or ``None`` without one."""
    return None if text is None else find_entity(dataset, text)


def one_line(text: str) -> str:
    """*text* with every run of white space, newlines included, made one space (and :func:`printable`)."""
    return printable(" ".join(text.split()))


def printable(text: str) -> str:
    """*text* as a terminal can show it: a file name's undecodable bytes as ``\\xff``, never a crash, and
    control characters written as their codes (:func:`~eu_iot_coop._present.terminal_text`)."""
    try:
        raw = text.encode("utf-8", "surrogateescape")  # how the OS gave us the bytes of a file name
    except UnicodeEncodeError:  # some other lone surrogate
        return terminal_text(text)
    return terminal_text(raw.decode("utf-8", "backslashreplace"))
