"""The Dataset: validated records plus the indexes that answer queries."""

from __future__ import annotations

import datetime
import functools
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from eu_iot_coop._model import (
    DIRECTION,
    Entity,
    Figure,
    Kind,
    PartialDate,
    Place,
    Records,
    Relation,
    Source,
    Variant,
    card,
)
from eu_iot_coop.exceptions import DataFileError, QueryError

from . import _lookup, _networkx, _regions, _timeline, _traversal
from ._index import Index
from ._lookup import Direction
from ._results import Match, Neighbour, Step, TimelineEntry

if TYPE_CHECKING:
    from ._manifest import Manifest

T = TypeVar("T")


@attrs.frozen(eq=False)
class Dataset:
    """An immutable cooperation graph: entities, relations, figures, sources and redirects.

    Build one with :func:`eu_iot_coop.load` (the bundled data, optionally with
    overlays) or :meth:`Dataset.from_files` (your data alone); both validate
    everything first. Indexes are built once, here. Two datasets are equal only
    when they are the same object; compare :attr:`fingerprint` to compare content.
    """

    records: Records
    data_version: str | None = attrs.field(default=None, kw_only=True)
    _index: Index = attrs.field(
        init=False, repr=False, default=attrs.Factory(lambda self: Index(self.records), takes_self=True)
    )

    @classmethod
    def from_files(cls, *paths: str | os.PathLike[str]) -> Dataset:
        """A dataset of your data alone, validated like the bundled data; no bundled record is included.

        Each path is a directory of data files or a single data file. Later
        paths are overlays on earlier ones: a record they repeat must be listed
        in that file's ``"replace"``.
        """
        from eu_iot_coop._ingest import build_layers  # deliberately lazy: keeps cattrs off the cold-start path

        return cls(build_layers((), paths))

    @classmethod
    def from_export(cls, path: str | os.PathLike[str]) -> Dataset:
        """A dataset read back from a whole-dataset JSON export (:func:`eu_iot_coop.export.to_json`).

        The records pass every check that data files pass. Top-level keys that
        describe the export (``data_version``, ``fingerprint``, ``package_version``,
        ``meta``, ``provenance``) are accepted and not read, so ``data_version`` is
        ``None``; any other key is refused. A file that is not an export raises
        :class:`~eu_iot_coop.exceptions.DataFileError`.
        """
        from eu_iot_coop._ingest import build_records, read_export  # deliberately lazy, as in from_files

        files = read_export(path)
        if files is None:
            raise DataFileError(
                "the file is not a JSON export: it has 'kind' or 'records', or no 'entities' list",
                file=os.fsdecode(path),
                fix="give a file written by 'eu-iot-coop export --format json', or read data files with from_files()",
            )
        return cls(build_records(files))

    @functools.cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of every record in canonical form: equal data, equal fingerprint, however it was laid out."""
        from eu_iot_coop._ingest import fingerprint  # deliberately lazy: keeps cattrs off the cold-start path

        r = self.records
        return fingerprint((*r.sources, *r.entities, *r.relations, *r.figures, *r.redirects, *r.variants))

    def __repr__(self) -> str:
        """One line: data version (or ``modified`` for data that is not a release), fingerprint prefix, counts."""
        r = self.records
        version = self.data_version or "modified"
        return (
            f"<Dataset {version}, fingerprint {self.fingerprint[:12]}, {len(r.entities)} entities, "
            f"{len(r.relations)} relations, {len(r.figures)} figures, {len(r.sources)} sources>"
        )

    def _repr_html_(self) -> str:
        manifest = self.manifest()
        rows = [
            ("data version", manifest.data_version or "none: not a release of the bundled data"),
            ("fingerprint (SHA-256)", manifest.fingerprint),
            *((f"{kind} records", str(count)) for kind, count in manifest.counts.items() if count),
        ]
        return card("Dataset", manifest.data_version or "modified", "", rows)

    def _results(self, items: Iterable[T]) -> tuple[T, ...]:
        shown: tuple[T, ...] = self._index.results(items)
        return shown

    def manifest(self) -> Manifest:
        """Data version, fingerprint and the number of records of each kind."""
        from ._manifest import Manifest  # deliberately lazy: keeps json off the cold-start path

        return Manifest(data_version=self.data_version, fingerprint=self.fingerprint, counts=self.records.counts())

    # Lookup

    def __contains__(self, entity_id: object) -> bool:
        """Whether *entity_id* is the id of an entity, or a retired id that :meth:`get` follows.

        >>> import eu_iot_coop as eic
        >>> "aioti" in eic.load(), "AIOTI" in eic.load()
        (True, False)
        """
        index = self._index
        return isinstance(entity_id, str) and (entity_id in index.entities or entity_id in index.redirects)

    def get(self, entity: str | Entity) -> Entity:
        """The entity with this id; a retired id is followed to its replacement with a :class:`RetiredIdWarning`.

        Raises :class:`NotFoundError` (a :class:`KeyError`) naming the closest ids.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> ds.get("itac").name
        'IoT Acceleration Consortium'
        >>> ds.get("itca")
        Traceback (most recent call last):
        ...
        eu_iot_coop.exceptions.NotFoundError: no entity matches 'itca'; did you mean 'itac', ...?
        """
        return _lookup.entity(self._index, entity)

    def find(self, name: str) -> Entity:
        """The entity with this exact id, name, acronym or alias, ignoring case, accents, punctuation and spacing.

        Raises :class:`NotFoundError` naming the closest names, or
        :class:`AmbiguousNameError` listing the ids when several entities share the name.

        >>> import eu_iot_coop as eic
        >>> eic.load().find("alliance for IOT innovation").id
        'aioti'
        """
        return _lookup.named(self._index, name)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        region: str | Entity | None = None,
    ) -> tuple[Match, ...]:
        """Entities whose names best match *query*, typos and all, best first (ties by name, then id).

        ``score`` is 1.0 for an exact (normalised) name and below 1.0 otherwise;
        ``kind`` keeps one kind or several; ``region`` keeps entities in a
        region (see :meth:`places_within`).

        >>> import eu_iot_coop as eic
        >>> eic.load().search("iot aliance", limit=3)[0].entity.id
        'aioti'
        """
        if not isinstance(query, str):
            raise QueryError(f"search() takes a str, got {type(query).__name__}: {query!r}")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise QueryError(f"limit must be a positive int, got {limit!r}")
        if region is not None:
            members = self._region_members(region)
            everything = self._index.search_index().search(query, limit=len(self._index.entities), kinds=_kinds(kind))
            return self._results(tuple(match for match in everything if match.entity.id in members)[:limit])
        return self._results(self._index.search_index().search(query, limit=limit, kinds=_kinds(kind)))

    def entities(
        self,
        *,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        region: str | Entity | None = None,
    ) -> Iterator[Entity]:
        """Every entity, or every entity of one kind or of several, in record order.

        ``region`` keeps the entities in a region, given by id, name or
        :class:`Place` (see :meth:`places_within` for what "in" means).

        >>> import eu_iot_coop as eic
        >>> sorted({e.kind.value for e in eic.load().entities(kind=["person", "place"])})
        ['person', 'place']
        >>> [e.id for e in eic.load().entities(kind="organisation", region="Japan")]
        ['ierc', 'iot-expert-group', 'itac', 'meti', 'mic-japan', 'nict']
        """
        if region is not None:
            members = self._region_members(region)
            return iter(_regions.Regions.entities(members, self.entities(kind=kind)))
        kinds = _kinds(kind)
        if kinds is None:
            return iter(self.records.entities)
        if len(kinds) == 1:
            return iter(self._index.by_kind.get(next(iter(kinds)), ()))
        return (entity for entity in self.records.entities if entity.kind in kinds)

    def relations(
        self,
        *,
        subject: str | Entity | None = None,
        predicate: str | None = None,
        object: str | Entity | None = None,
        region: str | Entity | None = None,
    ) -> Iterator[Relation]:
        """The relations matching every filter given, as stored (forward predicates).

        An inverse predicate name asks for the same facts read from the other
        end: ``relations(subject=x, predicate="has_member")`` yields the
        ``member_of`` relations whose object is ``x``. A symmetric predicate
        matches its relations either way round. ``region`` keeps the relations
        with either end in a region (see :meth:`places_within`).

        >>> import eu_iot_coop as eic
        >>> [r.subject for r in eic.load().relations(subject="aioti", predicate="founded_by")]
        ['european-commission']
        >>> [r.subject for r in eic.load().relations(predicate="party_to", region="India")]
        ['etsi', 'etsi', 'itac', 'nasscom', 'tsdsi', 'tsdsi']
        """
        if region is not None:
            members = self._region_members(region)
            kept = self.relations(subject=subject, predicate=predicate, object=object)
            return (relation for relation in kept if _regions.Regions.holds(members, relation))
        index = self._index
        subject_id = None if subject is None else _lookup.entity(index, subject).id
        object_id = None if object is None else _lookup.entity(index, object).id
        if predicate is None:
            return _filtered(index, subject_id, None, object_id)
        name = _lookup.predicate(predicate)
        forward, reads_forward = DIRECTION[name]
        if not reads_forward:
            subject_id, object_id = object_id, subject_id
        if forward.symmetric and subject_id != object_id:
            return itertools.chain(
                _filtered(index, subject_id, forward.name, object_id),
                _filtered(index, object_id, forward.name, subject_id),
            )
        return _filtered(index, subject_id, forward.name, object_id)

    def figures(self, entity: str | Entity) -> tuple[Figure, ...]:
        """The figures about an entity, in record order.

        >>> import eu_iot_coop as eic
        >>> all(figure.subject == "aioti" for figure in eic.load().figures("aioti"))
        True
        """
        return self._index.figures.get(_lookup.entity(self._index, entity).id, self._index.no_results)

    def variants(self, record: str | Entity | Figure | Source) -> tuple[Variant, ...]:
        """The values other sources give for the fields of a record, where the sources disagree, by id.

        *record* is an entity (or its id or retired id), a figure or a source (or
        their ids). The record itself holds the value the data prefers; these are the others.

        >>> import eu_iot_coop as eic
        >>> all(variant.record == "aioti" for variant in eic.load().variants("aioti"))
        True
        """
        if isinstance(record, Figure | Source):
            key = record.id
        elif isinstance(record, str) and record in self._index.records_not_entities:
            key = record
        else:
            key = _lookup.entity(self._index, record).id
        return self._index.variants.get(key, self._index.no_results)

    # Traversal

    def neighbours(
        self,
        entity: str | Entity,
        *,
        predicate: str | Iterable[str] | None = None,
        direction: Direction = "both",
    ) -> tuple[Neighbour, ...]:
        """The entities one relation away, as ``(predicate, entity, relation)``, predicate read from *entity*.

        ``predicate`` keeps one name or several, read from *entity* (so
        ``"has_member"`` gives its members); ``direction`` keeps relations
        *entity* is the subject of (``"out"``), the object of (``"in"``) or either.

        >>> import eu_iot_coop as eic
        >>> eic.load().neighbours("aioti", predicate="founded_by")[0].entity.id
        'european-commission'
        """
        index = self._index
        if predicate is None and type(entity) is str and type(direction) is str:
            # The common call, a known id and no filter, needs no argument checks beyond these two lookups.
            adjacency = index.by_direction.get(direction)
            found = None if adjacency is None else adjacency.get(entity)
            if found is not None:
                return found
        return _traversal.neighbours(
            index,
            _lookup.entity(index, entity),
            predicates=_lookup.predicates(predicate),
            direction=_lookup.direction(direction),
        )

    def walk(
        self,
        entity: str | Entity,
        *,
        depth: int | None = None,
        predicates: str | Iterable[str] | None = None,
        direction: Direction = "both",
    ) -> Iterator[Step]:
        """Breadth-first from *entity*, lazily: one :class:`Step` per entity reached, at most *depth* steps out.

        ``predicates`` and ``direction`` filter each step as in :meth:`neighbours`.

        >>> import eu_iot_coop as eic
        >>> steps = eic.load().walk("aioti", depth=2)
        >>> first = next(steps)
        >>> first.depth, first.source.id
        (1, 'aioti')
        >>> max(step.depth for step in steps)
        2
        """
        index = self._index
        return _traversal.walk(
            index,
            _lookup.entity(index, entity),
            depth=_lookup.depth(depth),
            predicates=_lookup.predicates(predicates),
            direction=_lookup.direction(direction),
        )

    def path(
        self,
        source: str | Entity,
        target: str | Entity,
        *,
        predicates: str | Iterable[str] | None = None,
        direction: Direction = "both",
        avoid_kinds: Kind | str | Iterable[Kind | str] | None = (Kind.TOPIC, Kind.PLACE),
    ) -> tuple[Step, ...] | None:
        """A shortest chain of relations from *source* to *target*, or ``None`` when there is none.

        Relations are followed either way round unless ``direction`` says
        otherwise; the path from an entity to itself is empty. By default the
        chain does not pass through topics or places: nearly everything is about
        the Internet of Things, and many bodies sit in the same country, so a
        chain through a topic or a place only says that two entities share a
        subject or a location, not how they are connected. Pass
        ``avoid_kinds=None`` to allow every kind, or other kinds to avoid
        (*source* and *target* themselves may be of any kind).

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> [(s.source.id, s.predicate, s.target.id) for s in ds.path("itac", "european-commission")]
        [('itac', 'party_to', 'mou-itac-aioti-2017'), ('mou-itac-aioti-2017', 'has_party', 'aioti'), \
('aioti', 'founded_by', 'european-commission')]
        >>> [s.target.id for s in ds.path("itac", "european-commission", avoid_kinds=None)]  # through a topic
        ['business-models-and-ecosystems', 'european-commission']
        """
        index = self._index
        kinds = _kinds(avoid_kinds)
        steps = _traversal.path(
            index,
            _lookup.entity(index, source),
            _lookup.entity(index, target),
            predicates=_lookup.predicates(predicates),
            direction=_lookup.direction(direction),
            avoid=index.ids_of_kinds(kinds) if kinds else frozenset(),
        )
        return None if steps is None else self._results(steps)

    # Time

    def timeline(
        self,
        *,
        since: str | PartialDate | datetime.date | None = None,
        until: str | PartialDate | datetime.date | None = None,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        entity: str | Entity | None = None,
        region: str | Entity | None = None,
    ) -> tuple[TimelineEntry, ...]:
        """Entities and relations starting and ending, and figures' "as of" dates, in date order.

        ``since`` and ``until`` keep moments that may fall between them;
        ``kind`` keeps moments about entities of that kind (a relation counts
        if either end does); ``entity`` keeps one entity, its relations and its figures;
        ``region`` keeps moments of entities in a region, of relations with
        either end in it and of figures about entities in it (see :meth:`places_within`).

        >>> import eu_iot_coop as eic
        >>> eic.load().timeline(entity="aioti")[0].date
        PartialDate('2015-03')
        """
        index = self._index
        members = None if region is None else self._region_members(region)
        entries = _timeline.timeline(
            index,
            since=None if since is None else _timeline.partial_date(since, "since"),
            until=None if until is None else _timeline.partial_date(until, "until"),
            kinds=_kinds(kind),
            entity=None if entity is None else _lookup.entity(index, entity),
        )
        if members is not None:
            entries = tuple(entry for entry in entries if _regions.Regions.holds(members, entry.record))
        return self._results(entries)

    # Regions

    def places_within(self, region: str | Entity) -> tuple[Place, ...]:
        """The place *region* and every place inside it, at any depth, in record order.

        *region* is a place's id, name, acronym or alias, or a :class:`Place`;
        anything else raises :class:`QueryError`. A place is inside another
        when a chain of ``part_of`` or ``located_in`` relations between places
        leads from it to the other (a country ``part_of`` a sub-region
        ``part_of`` a region; a city ``located_in`` a country). Only places
        are followed, and a cycle in the data is followed once round.

        An entity is *in* a region (the ``region`` filter of :meth:`entities`,
        :meth:`relations`, :meth:`timeline` and :meth:`search`) when

        - it is one of these places, or
        - it is ``located_in``, ``held_in`` or ``cooperates_with_place`` one of them, or
        - it is an agreement with a party (``party_to``) located in the region
          (one of these places, or ``located_in`` one), or
        - it is a project or programme in which an organisation located in the
          region ``participates_in``.

        The last two rules look at where a party is, not at whom it cooperates
        with, and take one step only. A relation is in a region when
        either of its ends is; a figure, when its subject is.

        >>> import eu_iot_coop as eic
        >>> [p.id for p in eic.load().places_within("Japan")]
        ['fujisawa', 'japan', 'mitaka', 'tokyo']
        >>> eic.load().places_within("aioti")
        Traceback (most recent call last):
        ...
        eu_iot_coop.exceptions.QueryError: a region must be a place (a country, region, city or building), \
but 'aioti' is an organisation; give a place's id or name
        """
        return self._results(self._region_index.places(_regions.place(self._index, region)))

    @functools.cached_property
    def _region_index(self) -> _regions.Regions:
        # Built on the first region query: most uses of a dataset never ask about regions.
        return _regions.Regions(self._index)

    def _region_members(self, region: object) -> frozenset[str]:
        return self._region_index.members(_regions.place(self._index, region))

    def as_of(self, date: str | PartialDate | datetime.date) -> Dataset:
        """The dataset as it stood on *date*: nothing that surely started after it or surely ended before it.

        Undated records stay; relations and figures whose entities go, go too.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> [e.id for e in ds.as_of("2014").entities() if e.id == "aioti"], ds.as_of("2016").get("aioti").id
        ([], 'aioti')
        """
        moment = _timeline.partial_date(date, "date")
        return Dataset(_timeline.as_of(self.records, moment), data_version=self.data_version)

    # Interchange

    def to_networkx(self) -> Any:
        """A networkx ``MultiDiGraph``: nodes are ids (attributes ``kind``, ``name``), edges keyed by predicate.

        Edges carry ``predicate`` and ``citations``. Needs networkx (the ``graph`` extra).

        >>> import eu_iot_coop as eic
        >>> graph = eic.load().to_networkx()
        >>> graph.nodes["aioti"]["kind"]
        'organisation'
        """
        return _networkx.to_networkx(self.records)


def _kinds(kind: object) -> frozenset[Kind] | None:
    if kind is None:
        return None
    if isinstance(kind, Kind | str):
        return frozenset({_lookup.kind(kind)})
    if not isinstance(kind, Iterable):
        raise QueryError(f"kind must be a Kind, its value, or an iterable of them, got {type(kind).__name__}")
    return frozenset(_lookup.kind(one) for one in kind)


def _filtered(index: Index, subject: str | None, predicate: str | None, object_: str | None) -> Iterator[Relation]:
    if subject is not None:
        candidates: Iterable[Relation] = (neighbour.relation for neighbour in index.outgoing.get(subject, ()))
    elif object_ is not None:
        candidates = (neighbour.relation for neighbour in index.incoming.get(object_, ()))
    elif predicate is not None:
        candidates = index.by_predicate.get(predicate, ())
    else:
        candidates = index.relations
    for relation in candidates:
        if (
            (subject is None or relation.subject == subject)
            and (predicate is None or relation.predicate == predicate)
            and (object_ is None or relation.object == object_)
        ):
            yield relation
