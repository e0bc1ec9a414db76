"""The entry point: :func:`load` (lazy, cached, thread-safe) and functions on the default dataset.

Importing this module is cheap: the record classes, the loader and the data are
imported and read on the first call to :func:`load`. That is why the imports of
``_bundle``, ``_ingest`` and ``_query`` below sit inside functions: deliberate laziness, not a cycle.
Without overlays the records come from the artefact ``data/records.marshal`` (see
``_bundle``) when it matches the JSON files, so cattrs is not even imported; otherwise,
and always with overlays, the JSON files are validated in full.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from ._gc import collector_paused
from ._version import DATA_VERSION
from .exceptions import QueryError

if TYPE_CHECKING:
    from ._ingest import DataFile
    from ._model import Entity, Kind, Records
    from ._query import Dataset, DatasetDiff, Match

T = TypeVar("T")


class _Once(Generic[T]):
    """A value made on first use and then shared: made once, however many threads ask for it at the same moment."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self) -> T:
        value = self._value
        if value is None:
            # Double-checked: once the value exists, readers never wait for the lock.
            with self._lock:
                value = self._value
                if value is None:
                    value = self._value = self._make()
        return value


def load(*, overlays: Iterable[str | os.PathLike[str]] | None = None) -> Dataset:
    """The bundled dataset, validated; with ``overlays``, a new dataset of the bundled data plus yours.

    Without overlays the bundled data is read once and the same :class:`Dataset`
    is returned on every call, from any thread. Each overlay is a directory of
    data files or a single data file, in the format of the bundled files (see
    ``data/schema.json``); a file may replace existing records on purpose by
    listing their ids (or relation keys ``subject:predicate:object``) under
    ``"replace"``. Every call with overlays builds a new, independent dataset
    (its ``data_version`` is ``None``) and leaves the default one untouched.

    ``overlays`` must be a list (or other iterable) of paths: a single path
    given bare, ``load(overlays="my-data")``, raises
    :class:`~eu_iot_coop.exceptions.QueryError` rather than being read letter
    by letter; write ``load(overlays=["my-data"])``. An empty list changes
    nothing, so it returns the default dataset itself, ``data_version`` and all.

    Raises a :class:`~eu_iot_coop.exceptions.DataError` subclass naming the file,
    record and field of the first problem, with every other problem in ``.problems``
    (in file, then record order).

    >>> import eu_iot_coop
    >>> eu_iot_coop.load() is eu_iot_coop.load()
    True
    """
    if overlays is None:
        return _default_dataset()
    paths = _overlay_paths(overlays)
    if not paths:
        return _default_dataset()
    from ._ingest import build_layers
    from ._query import Dataset

    return Dataset(build_layers(_bundled_files(), paths))


def _overlay_paths(overlays: object) -> list[str | os.PathLike[str]]:
    if isinstance(overlays, str | bytes | os.PathLike):
        raise QueryError(
            f"overlays must be a list of paths, got the single path {overlays!r}: write overlays=[{overlays!r}]"
        )
    if not isinstance(overlays, Iterable):
        raise QueryError(f"overlays must be a list of paths, got {type(overlays).__name__}: {overlays!r}")
    paths = list(overlays)
    for path in paths:
        if not isinstance(path, str | os.PathLike):
            raise QueryError(f"each overlay must be a path (a str or os.PathLike), got {type(path).__name__}: {path!r}")
    return paths


def diff(old: Dataset, new: Dataset) -> DatasetDiff:
    """What changed from ``old`` to ``new``: records added, removed, and changed field by field.

    The result is false when nothing changed; ``str()`` and ``to_markdown()``
    make it readable, ``as_dict()`` JSON-ready.
    """
    from ._query import diff as compare

    return compare(old, new)


def _default_dataset() -> Dataset:
    return _default.get()


def _load_bundled() -> Dataset:
    # One pause for importing, reading and indexing: each pause's end costs a collection of all that was made
    # inside it, and importing the model alone makes enough objects to start a dozen collections.
    with collector_paused():
        from ._bundle import read
        from ._query import Dataset

        # The fast path: the records validated when the data last changed, if the artefact still matches the JSON.
        bundle = read()
        if bundle is None:
            return Dataset(_validate_bundled(), data_version=DATA_VERSION)
        return Dataset(bundle.records, data_version=DATA_VERSION, _bundled=bundle)


def _validate_bundled() -> Records:
    from ._ingest import build_records

    return build_records(_bundled_files())


def _read_bundled() -> tuple[DataFile, ...]:
    from ._ingest import read_bundled

    return read_bundled()


def _bundled_files() -> tuple[DataFile, ...]:
    # The parsed bundled files are immutable, so overlays can share them instead of reading them again.
    return _bundled.get()


# The lambdas look the builders up at call time, so tests can stand in for them.
_default: _Once[Dataset] = _Once(lambda: _load_bundled())
_bundled: _Once[tuple[DataFile, ...]] = _Once(lambda: _read_bundled())


def get(entity: str | Entity) -> Entity:
    """:meth:`Dataset.get` on the bundled dataset: the entity with this id.

    >>> import eu_iot_coop as eic
    >>> eic.get("aioti").acronym
    'AIOTI'
    """
    return _default_dataset().get(entity)


def find(name: str) -> Entity:
    """:meth:`Dataset.find` on the bundled dataset: the entity with this exact name, acronym, alias or id.

    >>> import eu_iot_coop as eic
    >>> eic.find("aioti").id
    'aioti'
    """
    return _default_dataset().find(name)


def search(query: str, *, limit: int = 10, kind: Kind | str | Iterable[Kind | str] | None = None) -> tuple[Match, ...]:
    """:meth:`Dataset.search` on the bundled dataset: the best matches for *query*, best first.

    >>> import eu_iot_coop as eic
    >>> eic.search("AIOTI")[0].entity.id
    'aioti'
    """
    return _default_dataset().search(query, limit=limit, kind=kind)
