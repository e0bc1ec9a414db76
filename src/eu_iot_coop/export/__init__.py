"""Write a dataset out in other formats: JSON, CSV, GraphML, JSON-LD, Turtle and SQLite.

Every export is deterministic: the same dataset gives byte-identical output on
every run (records sorted, no timestamps), so exports can be committed and
diffed. None of them needs a third-party library. Each states its provenance
(:meth:`Dataset.provenance <eu_iot_coop.Dataset.provenance>`: data version,
fingerprint, package version) and carries the sources.

>>> import eu_iot_coop as eic
>>> from eu_iot_coop import export
>>> text = export.to_turtle(eic.load())
>>> text.startswith("@prefix dataset: <https://w3id.org/eu-iot-coop/dataset/> .")
True

The text formats return the text or, given a *path*, write it there and return the path: record by
record, so that the whole text never exists in memory at once. CSV writes a directory of files and
SQLite a database file, so both need a path.
:data:`REGISTRY` declares each format's :class:`Shape` (text, one file, a directory); the
command line reads it, so a new format is its module, its ``to_<format>`` and one entry there.
Every file is written beside its target and renamed over it once complete; a symlink
is followed (the link stays, its target is replaced), and a directory, device, FIFO or
socket at the path is refused with :class:`~eu_iot_coop.exceptions.ExportError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, overload

from eu_iot_coop._query import Dataset
from eu_iot_coop._write import write_chunks
from eu_iot_coop.exceptions import ExportError

from ._formats import ExportFormat, Shape

if TYPE_CHECKING:
    from eu_iot_coop._query import ActorNetwork

__all__ = [
    "FORMATS",
    "REGISTRY",
    "ExportFormat",
    "Shape",
    "to_csv",
    "to_graphml",
    "to_json",
    "to_jsonld",
    "to_sqlite",
    "to_turtle",
]

# Each writer imports its format's module when called (deliberate laziness): an export loads the
# code of its own format only.


def _text_or_file(chunks: Iterable[str], path: str | os.PathLike[str] | None) -> str | Path:
    """The text of *chunks*; or, given *path*, the chunks written there one at a time, and the path."""
    if path is None:
        return "".join(chunks)
    return write_chunks(Path(path), chunks, error=ExportError)


@overload
def to_json(dataset: Dataset, path: None = None) -> str: ...
@overload
def to_json(dataset: Dataset, path: str | os.PathLike[str]) -> Path: ...
def to_json(dataset: Dataset, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The whole dataset as one JSON document: its text, or, given *path*, written there (the path returned).

    Keys ``data_version``, ``fingerprint`` and ``package_version`` (the
    provenance), then ``sources``, ``entities`` (each with its ``kind``),
    ``relations``, ``figures``, ``redirects`` and ``variants``; records in the
    canonical form of the data files (see the data dictionary).
    :meth:`Dataset.from_export <eu_iot_coop.Dataset.from_export>` and
    ``eu-iot-coop diff`` read it back.
    """
    from ._json import json_chunks, json_members

    return _text_or_file(json_chunks(json_members(dataset)), path)


def to_csv(dataset: Dataset | ActorNetwork, directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``entities.csv``, ``relations.csv``, ``figures.csv``, ``sources.csv``, ``citations.csv``,
    ``redirects.csv``, ``variants.csv`` and ``metadata.json`` into *directory*; return their paths.

    Each file has a header row. Entities share one table whose columns are the
    union of every kind's fields (empty where a kind has no such field). A date
    field ``founded`` becomes ``founded``, ``founded_latest`` (the upper bound
    of a date known only as a range), ``founded_inferred`` and
    ``founded_note``; aliases are a JSON array. A text cell beginning with ``=``, ``+``,
    ``-``, ``@``, a tab, a carriage return or ``'`` is written after a ``'``, so that no
    spreadsheet runs it as a formula (remove one leading ``'`` to read it back). ``citations.csv`` has
    one row per citation: ``record_type``, ``record`` (an id or relation key),
    ``position``, ``source`` and ``locator``. ``metadata.json`` holds the
    provenance and each CSV file's ``url``, ``columns`` and number of ``rows``.

    Given the actors' network (:meth:`Dataset.actor_network <eu_iot_coop.Dataset.actor_network>`), write
    ``nodes.csv`` (``id``, ``kind``, ``name``, ``acronym``), ``edges.csv`` (``source``, ``target``,
    ``weight``, and as JSON lists with one item per shared record: ``records``, ``kinds``, ``starts``,
    ``ends``) and ``metadata.json`` (the provenance, ``people``, ``as_of`` and the tables) instead.
    """
    from ._csv import write_actors_csv, write_csv

    if isinstance(dataset, Dataset):
        return write_csv(dataset, Path(directory))
    return write_actors_csv(dataset, Path(directory))


@overload
def to_graphml(dataset: Dataset | ActorNetwork, path: None = None) -> str: ...
@overload
def to_graphml(dataset: Dataset | ActorNetwork, path: str | os.PathLike[str]) -> Path: ...
def to_graphml(dataset: Dataset | ActorNetwork, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The network as GraphML (its text, or, given *path*, written there): every entity a node, every relation
    a directed edge.

    Nodes carry every entity field as an attribute; edges carry ``predicate``,
    ``key``, dates, ``note`` and ``citations`` (a JSON list of ``source`` and
    ``locator`` objects); the graph carries ``data_version``, ``fingerprint``,
    ``package_version`` and ``sources`` (JSON text). ``networkx.read_graphml``
    reads back the attributes :meth:`Dataset.to_networkx
    <eu_iot_coop.Dataset.to_networkx>` gives.

    Given the actors' network (:meth:`Dataset.actor_network <eu_iot_coop.Dataset.actor_network>`), write
    it instead: an undirected graph of the actors, each edge with ``weight`` and the shared ``records``,
    their ``kinds``, ``starts`` and ``ends`` (JSON lists); the graph carries the provenance, ``people``
    and ``as_of``. ``networkx.read_graphml`` reads back the attributes :meth:`ActorNetwork.to_networkx
    <eu_iot_coop.ActorNetwork.to_networkx>` gives.
    """
    from ._graphml import actors_graphml_chunks, graphml_chunks

    chunks = graphml_chunks(dataset) if isinstance(dataset, Dataset) else actors_graphml_chunks(dataset)
    return _text_or_file(chunks, path)


@overload
def to_jsonld(dataset: Dataset, path: None = None) -> str: ...
@overload
def to_jsonld(dataset: Dataset, path: str | os.PathLike[str]) -> Path: ...
def to_jsonld(dataset: Dataset, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The dataset as JSON-LD (its text, or, given *path*, written there), with the published ``@context``
    (``data/context.jsonld``) inline.

    Organisations are ``org:Organization``; membership and sub-organisation
    relations are also stated with W3C ORG terms, both ways; titles, dates,
    identifiers and sources use Dublin Core terms; a date field ``founded`` is
    ``eic:founded_date``. Each relation is also a reified ``rdf:Statement`` that
    is ``prov:wasDerivedFrom`` its sources and keeps each citation's locator.
    The export is a ``dcat:Dataset`` node with the provenance.
    """
    from ._jsonld import jsonld_chunks

    return _text_or_file(jsonld_chunks(dataset), path)


@overload
def to_turtle(dataset: Dataset, path: None = None) -> str: ...
@overload
def to_turtle(dataset: Dataset, path: str | os.PathLike[str]) -> Path: ...
def to_turtle(dataset: Dataset, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The same RDF graph as :func:`to_jsonld`, written as Turtle (its text, or, given *path*, written there)."""
    from ._turtle import turtle_chunks

    return _text_or_file(turtle_chunks(dataset), path)


def to_sqlite(dataset: Dataset, path: str | os.PathLike[str]) -> Path:
    """Write a SQLite database to *path*; return the path.

    Tables: ``entities`` (id, kind, name) and one table per kind
    (``organisations``, ``people``, ``places``, ...), ``aliases``,
    ``relations`` (keyed by ``subject:predicate:object``), ``figures``,
    ``sources``, ``citations``, ``redirects``, ``records`` (every id, for the
    redirects to point at) and ``meta`` (``data_version``, ``fingerprint``,
    ``package_version``). ``relations`` is indexed by subject, object and
    predicate. Foreign keys are declared and checked before the file is written.
    """
    from ._sqlite import write_sqlite

    return write_sqlite(dataset, Path(path))


#: Every export format, by the name the command line uses, with the shape of what it writes.
REGISTRY: Final[Mapping[str, ExportFormat]] = MappingProxyType(
    {
        entry.name: entry
        for entry in (
            ExportFormat.of_text("json", to_json),
            ExportFormat("csv", Shape.DIRECTORY, to_csv, write_actors=to_csv),
            ExportFormat.of_text("graphml", to_graphml, actors=to_graphml),
            ExportFormat.of_text("jsonld", to_jsonld),
            ExportFormat.of_text("turtle", to_turtle),
            ExportFormat("sqlite", Shape.FILE, to_sqlite),
        )
    }
)
#: The names of :data:`REGISTRY`, in its order.
FORMATS: Final[tuple[str, ...]] = tuple(REGISTRY)
