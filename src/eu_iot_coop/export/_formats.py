"""What each export format writes, declared once, so that its callers (the command line) need no special cases."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, overload

import attrs

if TYPE_CHECKING:
    from eu_iot_coop._query import ActorNetwork, Dataset


class Shape(enum.Enum):
    """The shape of what an export format writes."""

    #: Text: returned, or written to a file when a path is given (standard output on the command line).
    TEXT = "text"
    #: One file, text or binary (SQLite's database): it needs a path.
    FILE = "file"
    #: A directory of files (CSV's tables and their metadata): it needs a path.
    DIRECTORY = "directory"

    @property
    def needs_path(self) -> bool:
        """Whether there is nothing to return as text, so the format writes only to a path."""
        return self is not Shape.TEXT


class TextWriter(Protocol):
    """A text format's ``to_<format>``: the text, or, given *path*, the text written there and the path."""

    @overload
    def __call__(self, dataset: Dataset, path: None = None, /) -> str: ...
    @overload
    def __call__(self, dataset: Dataset, path: str | os.PathLike[str], /) -> Path: ...


class ActorsTextWriter(Protocol):
    """A text format's writer of the actors' network: the text, or, given *path*, written there and the path."""

    @overload
    def __call__(self, network: ActorNetwork, path: None = None, /) -> str: ...
    @overload
    def __call__(self, network: ActorNetwork, path: str | os.PathLike[str], /) -> Path: ...


@attrs.frozen
class ExportFormat:
    """An export format: its name (``export --format NAME``), its shape, and its writers.

    ``write`` writes the dataset to a path: the file (:attr:`Shape.TEXT`, :attr:`Shape.FILE`) or the
    directory (:attr:`Shape.DIRECTORY`), and returns the file's path or the files' paths.
    ``text``, for a text format only, returns the text without writing anything. A format that can also
    write the actors' network (``export --actors``) has ``write_actors`` (and, for a text format,
    ``actors_text``), of the same shape.
    """

    name: str
    shape: Shape
    write: Callable[[Dataset, Path], str | Path | list[Path]]
    text: Callable[[Dataset], str] | None = None
    write_actors: Callable[[ActorNetwork, Path], str | Path | list[Path]] | None = attrs.field(
        default=None, kw_only=True
    )
    actors_text: Callable[[ActorNetwork], str] | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.text is None) is (self.shape is Shape.TEXT):
            raise ValueError(f"export format {self.name!r}: `text` is given exactly when the shape is Shape.TEXT")
        if self.write_actors is not None and (self.actors_text is None) is (self.shape is Shape.TEXT):
            raise ValueError(
                f"export format {self.name!r}: `actors_text` is given exactly when the actors' network is "
                "written as text"
            )

    @classmethod
    def of_text(cls, name: str, writer: TextWriter, *, actors: ActorsTextWriter | None = None) -> ExportFormat:
        """A text format, whose one writer returns the text or, given a path, writes it there
        (and *actors*, the same for the actors' network, when the format can write one)."""
        return cls(name, Shape.TEXT, writer, text=writer, write_actors=actors, actors_text=actors)
