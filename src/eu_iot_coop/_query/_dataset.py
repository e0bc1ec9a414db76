"""The Dataset: validated records plus the indexes that answer queries."""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from eu_iot_coop._model import (
    DIRECTION,
    Entity,
    Event,
    Figure,
    Kind,
    Lookup,
    PartialDate,
    Place,
    Records,
    Relation,
    Source,
    Variant,
    normalize,
)
from eu_iot_coop._present import card
from eu_iot_coop.exceptions import DataFileError, QueryError

from . import _lookup, _regions, _succession, _timeline, _traversal
from ._index import Index
from ._lookup import Direction
from ._results import Neighbour, Step

if TYPE_CHECKING:
    import datetime

    from ._actors import ActorNetwork
    from ._coverage import Coverage
    from ._manifest import Manifest, Provenance
    from ._rows import TimelineEntry, TimelineRow
    from ._search import Match
    from ._sides import EUSide, Sides
    from ._view import Disagreement, EntityView

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
    #: Internal: the records the bundled artefact holds, their lookup tables and their fingerprint, stored beside
    #: them so that loading normalises no name and nothing hashes the records again. Read only while they are this
    #: dataset's records (not after ``attrs.evolve``, say).
    _bundled: tuple[Records, Lookup, Lookup, str] | None = attrs.field(
        default=None, kw_only=True, repr=False, alias="_bundled"
    )
    _index: Index = attrs.field(
        init=False, repr=False, default=attrs.Factory(lambda self: self._indexed(), takes_self=True)
    )

    def _indexed(self) -> Index:
        known = self._known()
        return Index(self.records, None if known is None else (known[1], known[2]))

    def _known(self) -> tuple[Records, Lookup, Lookup, str] | None:
        known = self._bundled
        return known if known is not None and known[0] is self.records else None

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
        known = self._known()
        if known is not None:
            return known[3]
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

    def provenance(self) -> Provenance:
        """Data version, fingerprint and package version: what every export says it comes from.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> ds.provenance().package_version == eic.__version__
        True
        """
        return self.manifest().provenance()

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
        return _lookup.by_id(self._index, entity)

    def find(self, name: str) -> Entity:
        """The entity with this exact id, name, acronym, alias or code, ignoring case, accents, punctuation and spacing.

        "&" and "and" are the same, as are a hyphen and a space. The first of
        these that any entity has wins: its id; a name, acronym or alias; a
        retired id (followed with a :class:`RetiredIdWarning`); a place's code
        (ISO 3166-1 alpha-2 or alpha-3, or UN M49). So a code never shadows
        another entity's id or name.

        Raises :class:`NotFoundError` naming the closest names, or
        :class:`AmbiguousNameError` listing the ids when several entities share the name.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> ds.find("alliance for IOT innovation").id
        'aioti'
        >>> ds.find("Ministry of Economy, Trade & Industry").id
        'meti'
        >>> ds.find("jp").id, ds.find("150").id  # ISO 3166-1 alpha-2 and UN M49 codes
        ('japan', 'europe')
        """
        return _lookup.named(self._index, name)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        region: str | Entity | None = None,
        descriptions: bool = False,
    ) -> tuple[Match, ...]:
        """Entities whose names best match *query*, typos and all, best first.

        Names, ids, codes and the query are compared as :meth:`find` compares
        them (case, accents, punctuation and "&" for "and" do not matter). Each
        entity is ranked by its best match, in tiers: ``exact`` (an id, name,
        acronym or alias equals the query, score 1.0), ``code`` (a place's ISO
        3166-1 or M49 code equals it, 0.98), ``prefix`` (a name, acronym or alias
        starts with it, 0.8 to 0.95), ``word`` (a later word of one starts with
        it, 0.6 to 0.75), then ``fuzzy`` (a name or id resembles it, 0.3 to 0.59).
        Each tier has its own band of scores, so results come in score order;
        within a prefix or word tier, the query covering more of the name
        scores higher. Equal scores are ordered by kind (organisations, people
        and places; then programmes, projects, standards, events and topics;
        then agreements and documents), then by the matched name, then by id.
        :attr:`Match.tier` says which tier matched.

        ``descriptions=True`` also finds entities whose description has the
        query's words (tier ``description``, below every name match: 0.25 when
        the words come together and in order, 0.15 otherwise). ``kind`` keeps
        one kind or several; ``region`` keeps entities in a region (see
        :meth:`places_within`).

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> ds.search("iot aliance", limit=3)[0].entity.id
        'aioti'
        >>> [(m.entity.id, m.tier) for m in ds.search("AIOT", limit=2)]
        [('aioti', 'prefix'), ('aioti-steering-group', 'prefix')]
        >>> [(m.entity.id, m.tier) for m in ds.search("JP", limit=1)]
        [('japan', 'code')]
        """
        if not isinstance(query, str):
            raise QueryError(f"search() takes a str, got {type(query).__name__}: {query!r}")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise QueryError(f"limit must be a positive int, got {limit!r}")
        if not isinstance(descriptions, bool):
            raise QueryError(f"descriptions must be True or False, got {descriptions!r}")
        index = self._index.search_index()
        if region is not None:
            members = self._region_members(region)
            everything = index.search(
                query, limit=len(self._index.entities), kinds=_kinds(kind), descriptions=descriptions
            )
            return self._results(tuple(match for match in everything if match.entity.id in members)[:limit])
        return self._results(index.search(query, limit=limit, kinds=_kinds(kind), descriptions=descriptions))

    def entities(
        self,
        *,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        region: str | Entity | None = None,
        since: str | PartialDate | datetime.date | None = None,
        until: str | PartialDate | datetime.date | None = None,
        predicate: str | None = None,
        cooperating_with: str | Entity | None = None,
        partner_region: str | Entity | None = None,
        side: str | Iterable[str] | None = None,
        linked_to: str | Entity | None = None,
    ) -> Iterator[Entity]:
        """Every entity, or those passing every filter given, in record order.

        ``kind`` keeps one kind or several; ``region`` the entities in a region, given by id, name
        or :class:`Place` (located in it, or a party or participant is: see :meth:`places_within`);
        ``cooperating_with`` those that cooperate with a region (``cooperates_with_place`` a place
        within it), a reading apart from ``region``; ``partner_region`` those that either reading puts
        in a region (where the partners of a record are); ``side`` the actors on a side of the EU's
        cooperation and the agreements, projects and programmes they are party to or take part in
        (an :class:`EUSide`, its value, or ``"eu"`` for the EU's institutions and what is based in the
        EU: see :meth:`side`); ``since`` and ``until``
        the entities whose own dates (founded, signed, published, began, ended) may fall in that
        window, as for :meth:`timeline_rows`, so undated entities are left out; ``predicate`` the
        entities that are the subject of such a relation when it is read in the direction the name
        gives: ``"party_to"`` keeps the parties, its inverse ``"has_party"`` the agreements;
        ``linked_to`` the entities one relation away from that entity, either way (with ``kind="agreement"``
        and a party: the agreements it is party to, or is otherwise tied to).

        >>> import eu_iot_coop as eic
        >>> sorted({e.kind.value for e in eic.load().entities(kind=["person", "place"])})
        ['person', 'place']
        >>> [e.id for e in eic.load().entities(kind="organisation", region="Japan")]
        ['eu-delegation-japan', 'itac', 'keidanren', 'meti', 'mic-japan', 'nict']
        >>> [e.id for e in eic.load().entities(kind="organisation", cooperating_with="Japan")]
        ['ierc', 'iot-expert-group']
        >>> [e.id for e in eic.load().entities(kind="agreement", since="2017", until="2017")]
        ['eu-india-st-agreement', 'mou-itac-aioti-2017', 'mou-itac-nasscom-2017']

        (the two memoranda signed in 2017, and an agreement in force from 2001 to 2020).

        Agreements between the EU side and partners in Asia, in one call:

        >>> [e.id for e in eic.load().entities(kind="agreement", partner_region="Asia", side="eu")][:3]
        ['cooperation-agreement-etsi-tsdsi-2015', 'eu-india-st-agreement', 'eu-japan-digital-partnership']

        What METI agreed, with whom (``list agreement --with METI`` on the command line):

        >>> [e.id for e in eic.load().entities(kind="agreement", linked_to="METI")]
        ['eu-japan-digital-partnership', 'moc-japan-eu-semiconductors-2023']
        """
        found = self._entities_of(kind, region)
        for members in (
            None if cooperating_with is None else self._cooperating_members(cooperating_with),
            None if partner_region is None else self._partner_members(partner_region),
        ):
            if members is not None:
                found = _kept(members, found)
        if side is not None:
            on_side = self._side_index.members_of(side)
            found = _kept(on_side, found)
        if since is not None or until is not None:
            start, end = _timeline.window(since, until)
            found = (entity for entity in found if _timeline.overlaps(entity.start, entity.end, start, end))
        if predicate is not None:
            ends = self._subjects_of(predicate)
            found = (entity for entity in found if entity.id in ends)
        if linked_to is not None:
            linked = frozenset(n.entity.id for n in self.neighbours(_lookup.entity(self._index, linked_to)))
            found = _kept(linked, found)
        return found

    def _entities_of(self, kind: object, region: str | Entity | None) -> Iterator[Entity]:
        if region is not None:
            members = self._region_members(region)
            return iter(_regions.Regions.entities(members, self._entities_of(kind, None)))
        kinds = _kinds(kind)
        if kinds is None:
            return iter(self.records.entities)
        if len(kinds) == 1:
            return iter(self._index.by_kind.get(next(iter(kinds)), ()))
        return (entity for entity in self.records.entities if entity.kind in kinds)

    def _subjects_of(self, predicate: str) -> frozenset[str]:
        """The ids of the entities that are the subject of *predicate* read in the direction its name gives."""
        forward, reads_forward = DIRECTION[_lookup.predicate(predicate)]
        relations = self._index.by_predicate.get(forward.name, ())
        if forward.symmetric:
            return frozenset(end for relation in relations for end in (relation.subject, relation.object))
        return frozenset(relation.subject if reads_forward else relation.object for relation in relations)

    def relations(
        self,
        *,
        subject: str | Entity | None = None,
        predicate: str | None = None,
        object: str | Entity | None = None,
        region: str | Entity | None = None,
        cooperating_with: str | Entity | None = None,
        partner_region: str | Entity | None = None,
        side: str | Iterable[str] | None = None,
    ) -> Iterator[Relation]:
        """The relations matching every filter given, as stored (forward predicates).

        An inverse predicate name asks for the same facts read from the other
        end: ``relations(subject=x, predicate="has_member")`` yields the
        ``member_of`` relations whose object is ``x``. A symmetric predicate
        matches its relations either way round. ``region``, ``cooperating_with``,
        ``partner_region`` and ``side`` keep the relations with either end kept by that
        filter of :meth:`entities`.

        >>> import eu_iot_coop as eic
        >>> [r.subject for r in eic.load().relations(subject="aioti", predicate="founded_by")]
        ['european-commission']
        >>> [r.subject for r in eic.load().relations(predicate="party_to", region="India")]
        ['etsi', 'etsi', 'itac', 'nasscom', 'tsdsi', 'tsdsi']
        >>> [r.subject for r in eic.load().relations(predicate="party_to", partner_region="India", side="eu")]
        ['etsi', 'etsi', 'eu', 'tsdsi', 'tsdsi']
        """
        if region is not None or cooperating_with is not None or partner_region is not None or side is not None:
            kept = self.relations(subject=subject, predicate=predicate, object=object)
            for members in (
                None if region is None else self._region_members(region),
                None if cooperating_with is None else self._cooperating_members(cooperating_with),
                None if partner_region is None else self._partner_members(partner_region),
                None if side is None else self._side_index.members_of(side),
            ):
                if members is not None:
                    kept = _holding(members, kept)
            return kept
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

    def figures(
        self,
        entity: str | Entity | None = None,
        *,
        quantity: str | None = None,
        unit: str | None = None,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        region: str | Entity | None = None,
    ) -> tuple[Figure, ...]:
        """The figures about an entity, or every figure, in record order; narrowed by what they measure and about whom.

        ``quantity`` keeps figures whose quantity holds these words (``"budget"`` keeps ``EU budget`` and
        ``budget``); ``unit`` those in this unit (``"EUR"``), compared as names are; ``kind`` and
        ``region`` those about entities that :meth:`entities` gives for the same ``kind`` and ``region``.

        >>> import eu_iot_coop as eic
        >>> all(figure.subject == "aioti" for figure in eic.load().figures("aioti"))
        True
        >>> {figure.unit for figure in eic.load().figures(quantity="budget", unit="eur")}
        {'EUR'}
        """
        index = self._index
        if entity is not None:
            found: tuple[Figure, ...] = index.figures.get(_lookup.entity(index, entity).id, index.no_results)
            if quantity is None and unit is None and kind is None and region is None:
                return found
        else:
            found = self.records.figures
        if quantity is not None:
            words = f" {normalize(quantity)} "
            found = tuple(f for f in found if words in f" {normalize(f.quantity)} ")
        if unit is not None:
            wanted_unit = normalize(unit)
            found = tuple(f for f in found if normalize(f.unit) == wanted_unit)
        if kind is not None or region is not None:
            about = {e.id for e in self.entities(kind=kind, region=region)}
            found = tuple(f for f in found if f.subject in about)
        return self._results(found)

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

    def disagreements(self) -> tuple[Disagreement, ...]:
        """Every field sources disagree on, across the dataset: each variant beside the record it disputes.

        Each :class:`Disagreement` holds the record (an entity, a figure or a source), the variant (the other
        value, its sources and note), and both values typed as the field. Ordered by record id, then field;
        what ``eu-iot-coop disagreements`` lists.

        >>> import eu_iot_coop as eic
        >>> found = eic.load().disagreements()
        >>> all(d.preferred != d.other for d in found) and len(found) == len(eic.load().records.variants)
        True
        """
        # Deliberately lazy, like view(): only disagreements need the view module (and the converter it loads).
        from ._view import disagreements_of

        index = self._index
        figures = _lookup.figures_by_id(index)
        pairs: list[tuple[Entity | Figure | Source, Variant]] = []
        for variant in sorted(self.records.variants, key=lambda v: (v.record, v.field, v.id)):
            record = index.entities.get(variant.record) or figures.get(variant.record)
            pairs.append((record or index.results.sources[variant.record], variant))
        return self._results(disagreements_of(pairs))

    # Traversal

    def view(self, entity: str | Entity) -> EntityView:
        """Everything the data says about an entity, gathered: figures, relations both ways, disagreements, sources.

        What ``eu-iot-coop show`` prints and the catalogue's entity page shows; in a notebook it
        shows itself as one card with its tables.

        >>> import eu_iot_coop as eic
        >>> view = eic.load().view("aioti")
        >>> view.entity.id, len(view.relations) == len(eic.load().neighbours("aioti"))
        ('aioti', True)
        """
        # Deliberately lazy: loading and querying never need the view (nor what it imports).
        from ._view import gather

        return gather(self, _lookup.entity(self._index, entity), self._index.results.sources)

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
        if predicate is None and type(entity) is str and entity in index.entities:
            # The common call, a known id and no filter, needs no other argument checks.
            return index.neighbours_of(entity, _lookup.direction(direction))
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

    # Succession and series

    def successors(self, entity: str | Entity) -> tuple[Step, ...]:
        """The records that took over from *entity*, nearest first: what it was renamed to, merged into, succeeded by.

        One :class:`Step` per record reached, following the predicates flagged
        :attr:`Predicate.succession` forward (each record once, so a chain ends).

        >>> import eu_iot_coop as eic
        >>> [(s.predicate, s.target.id) for s in eic.load().successors("dg-infso")]
        [('renamed_to', 'dg-connect')]
        """
        return self._lineage(entity, later=True)

    def predecessors(self, entity: str | Entity) -> tuple[Step, ...]:
        """The records *entity* took over from, nearest first: its former names, what merged into it, what it followed.

        >>> import eu_iot_coop as eic
        >>> [(s.predicate, s.target.id) for s in eic.load().predecessors("dg-connect")]
        [('renamed_from', 'dg-infso')]
        """
        return self._lineage(entity, later=False)

    def _lineage(self, entity: str | Entity, *, later: bool) -> tuple[Step, ...]:
        index = self._index
        return self._results(_succession.lineage(index, _lookup.entity(index, entity), later=later))

    def name_at(self, entity: str | Entity, date: str | PartialDate | datetime.date) -> str:
        """The name *entity* bore at the end of *date*, following its renamings (``renamed_to``) either way.

        A renaming counts from the first day its start can be, as :meth:`as_of` reads starts; an
        undated renaming is not followed. Mergers and successors are other bodies, so they are not
        followed: see :meth:`successors`.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> ds.name_at("dg-connect", "2010"), ds.name_at("dg-infso", "2015")
        ('Directorate-General Information Society and Media', \
'Directorate General for Communications Networks, Content and Technology')
        """
        index = self._index
        moment = _timeline.partial_date(date, "date")
        return _succession.named_at(index, _lookup.entity(index, entity), moment.latest()).name

    def rounds(self, series: str | Entity) -> tuple[Event, ...]:
        """The meetings of a standing dialogue, council or other series: numbered rounds in order, then the others.

        A meeting names its series in its ``series`` field and its ordinal number in ``round``.

        >>> import eu_iot_coop as eic
        >>> [(e.round, str(e.started.date)) for e in eic.load().rounds("eu-japan-ict-dialogue")][:2]
        [(21, '2015-03-24'), (22, '2016-11-30')]
        """
        index = self._index
        return self._results(_succession.rounds(index, _lookup.entity(index, series)))

    # Time

    def timeline(
        self,
        *,
        since: str | PartialDate | datetime.date | None = None,
        until: str | PartialDate | datetime.date | None = None,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        entity: str | Entity | None = None,
        region: str | Entity | None = None,
        partner_region: str | Entity | None = None,
    ) -> tuple[TimelineEntry, ...]:
        """Entities and relations starting and ending, and figures' "as of" dates, in date order.

        ``since`` and ``until`` keep moments that may fall between them;
        ``kind`` keeps moments about entities of that kind (a relation counts
        if either end does); ``entity`` keeps one entity, its relations and its figures;
        ``region`` keeps moments of entities in a region, of relations with
        either end in it and of figures about entities in it (see :meth:`places_within`);
        ``partner_region`` does the same with both readings of a region, in it or cooperating
        with it (see :meth:`entities`).

        >>> import eu_iot_coop as eic
        >>> eic.load().timeline(entity="aioti")[0].date
        PartialDate('2015-03')
        """
        index = self._index
        members = self._place_members(region, partner_region)
        start, end = _timeline.window(since, until)
        from . import _rows  # deliberately lazy: only the timeline queries define and make timeline rows

        entries = _rows.timeline(
            index,
            since=start,
            until=end,
            kinds=_kinds(kind),
            entity=None if entity is None else _lookup.entity(index, entity),
        )
        if members is not None:
            entries = tuple(entry for entry in entries if _regions.Regions.holds(members, entry.record))
        return self._results(entries)

    def timeline_rows(
        self,
        *,
        since: str | PartialDate | datetime.date | None = None,
        until: str | PartialDate | datetime.date | None = None,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        entity: str | Entity | None = None,
        region: str | Entity | None = None,
        partner_region: str | Entity | None = None,
    ) -> tuple[TimelineRow, ...]:
        """The timeline as a reader is shown it: one :class:`TimelineRow` per dated entity, relation or figure.

        Unlike :meth:`timeline`, which lists each start, end and "as of" date on its own, a period is
        one row with its start and end, an agreement is one row naming its parties and an entity
        one row naming its founders (its ``party_to`` and ``founded`` relations are part of that
        row, not rows of their own), and rows name entities by name. The filters are those of
        :meth:`timeline`, applied to every entity a row is about (an agreement's row is about the
        agreement and its parties, an entity's about it and its founders); ``since`` and ``until``
        keep rows whose span may overlap them. The ``eu-iot-coop timeline`` command and
        the timeline drawing show these rows.

        >>> import eu_iot_coop as eic
        >>> row = eic.load().timeline_rows(entity="mou-itac-aioti-2017")[0]
        >>> row.text
        'ITAC-AIOTI Memorandum of Understanding for IoT Cooperation'
        >>> row.parties
        ('Alliance for Internet of Things Innovation', 'IoT Acceleration Consortium')
        >>> str(row.date), row.precision, row.inferred
        ('2017-03-20', 'day', False)
        """
        index = self._index
        start, end = _timeline.window(since, until)
        from . import _rows  # deliberately lazy, as in timeline()

        rows = _rows.rows(
            index,
            since=start,
            until=end,
            kinds=_kinds(kind),
            entity=None if entity is None else _lookup.entity(index, entity),
            members=self._place_members(region, partner_region),
        )
        return self._results(rows)

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
        - it is ``located_in`` or ``held_in`` one of them, or
        - it is an agreement with a party (``party_to``) located in the region
          (one of these places, or ``located_in`` one), or
        - it is a project or programme in which an organisation located in the
          region ``participates_in``.

        The last two rules look at where a party is, not at whom it cooperates
        with, and take one step only. A relation is in a region when
        either of its ends is; a figure, when its subject is. What is
        ``cooperates_with_place`` one of these places *cooperates with* the region
        (the ``cooperating_with`` filter), a reading kept apart; ``partner_region``
        takes both.

        >>> import eu_iot_coop as eic
        >>> [p.id for p in eic.load().places_within("Japan")]
        ['fujisawa', 'imperial-hotel-tokyo', 'japan', 'mitaka', 'osaka', 'sapporo', 'tokyo', 'yokosuka']
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

    def _place_members(self, region: object, partner_region: object) -> frozenset[str] | None:
        """What the two region filters of the timeline keep together (``None``: no filter)."""
        members = None if region is None else self._region_members(region)
        if partner_region is not None:
            partners = self._partner_members(partner_region)
            members = partners if members is None else members & partners
        return members

    def _cooperating_members(self, region: object) -> frozenset[str]:
        return self._region_index.cooperating(_regions.place(self._index, region))

    def _partner_members(self, region: object) -> frozenset[str]:
        return self._region_index.partnering(_regions.place(self._index, region))

    # The EU side

    def side(self, entity: str | Entity) -> EUSide | None:
        """Where an actor stands: an EU institution or body, based in the EU, international, a partner, or ``None``.

        Derived from the data by one rule (the category of a body, the bodies it is part of,
        where it is based, who makes it up; a person, the bodies they work for), written out in
        the data dictionary. An entity no rule places, and any entity but an organisation or a
        person, has no side.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> [str(ds.side(actor)) for actor in ("dg-connect", "eu", "etsi", "meti", "eu-china-expert-groups")]
        ['eu_institution', 'eu_institution', 'eu_based', 'partner', 'international']
        >>> ds.side("ierc") is None  # where the cluster is based is not recorded
        True
        """
        return self._side_index.of.get(_lookup.entity(self._index, entity).id)

    @functools.cached_property
    def _side_index(self) -> Sides:
        # Built, and its module imported, on the first side query: most uses of a dataset never ask about sides.
        from ._sides import Sides

        return Sides(self._index, self._region_index)

    # Coverage

    def coverage(
        self, *, region: str | Entity | None = None, kind: Kind | str | Iterable[Kind | str] | None = None
    ) -> tuple[Coverage, ...]:
        """What the data covers, per partner region and kind, up to which date, and the gaps known in it.

        One :class:`Coverage` per partner region (or the one given) and kind of record (or those
        given): how many records of that kind are in the region (the ``region=`` filter) or
        cooperate with it, the span of their dates, and the leads of the data release that could not
        be confirmed there. A missing record is not an answer: the gaps say where the data is known
        to be short.

        >>> import eu_iot_coop as eic
        >>> japan = eic.load().coverage(region="Japan", kind="agreement")[0]
        >>> japan.region, str(japan.kind), japan.count > 0
        ('japan', 'agreement', True)
        """
        from . import _coverage  # deliberately lazy: only this method reads the gaps file

        regions = None if region is None else (_regions.place(self._index, region),)
        return _coverage.coverage(self, regions, _kinds(kind))

    def as_of(self, date: str | PartialDate | datetime.date) -> Dataset:
        """The dataset as it stood at the end of *date*: what may have started by then and had not surely ended.

        The definition, record by record:

        - **The moment is one day.** A year or a month means its last day:
          ``as_of("2017")`` is ``as_of("2017-12-31")`` and ``as_of("2017-03")`` is
          ``as_of("2017-03-31")``, the state at the end of that year or month.
          So a later moment never holds fewer records, unless something ended
          in between.
        - **Started**: a record has started when the first day its start can be
          is on or before that day (a start of ``2015-03`` counts from 1 March
          2015; a start known to lie in a range, from the range's first day).
        - **Ended**: a record has ended when the last day its end can be is
          before that day (an end of ``2017-03-24`` still stands on the 24th; an
          end in a range, only after the range's last day). A record stands
          while it has started and not ended.
        - **Inferred dates** count like stated ones: they are the data's best
          knowledge (:attr:`When.inferred` tells them apart).
        - **Undated records stay**: a record with no start is taken to have stood
          since before any moment asked about, one with no end not to have
          ended. Countries, people and topics carry no dates, and most
          bodies' founding is not recorded; leaving them out would drop them
          and every relation touching them from every view.
        - **What hangs on a record goes with it**: a relation stands when both
          its ends do and its own start and end allow it; a figure, when its
          subject does and its "as of" date may have come; a redirect, when the
          entity it leads to does; a variant, when its record does.

        >>> import eu_iot_coop as eic
        >>> ds = eic.load()
        >>> "aioti" in ds.as_of("2014"), "aioti" in ds.as_of("2016")  # founded 2015-03
        (False, True)
        >>> ds.get("cebit-2017").end.date
        PartialDate('2017-03-24')
        >>> "cebit-2017" in ds.as_of("2017-03-24"), "cebit-2017" in ds.as_of("2017-03")  # the 31st: over
        (True, False)
        >>> ds.as_of("2017").records == ds.as_of("2017-12-31").records
        True
        >>> "japan" in ds.as_of("1900")  # undated: always there
        True
        """
        moment = _timeline.partial_date(date, "date")
        return Dataset(_timeline.as_of(self.records, moment), data_version=self.data_version)

    # The actors' network

    def actor_network(
        self, *, people: bool = False, as_of: str | PartialDate | datetime.date | None = None
    ) -> ActorNetwork:
        """Organisations (and people, with ``people=True``) linked when they share an agreement, project, programme
        (a dialogue, say) or event.

        An actor shares a record when it is the subject of a relation whose predicate joins actors through
        records of that kind (its ``Predicate.joins``): ``party_to`` an agreement;
        ``participates_in`` an agreement, project, programme or event; ``coordinates`` a project, programme or
        event; ``implements`` an agreement, project or programme; ``organises`` or ``chairs`` an event. Each
        :class:`ActorEdge` joins two actors and carries the records they share (ids, kinds, names and the
        records' own dates); its ``weight`` is their number. Every actor is a node, linked or not.
        ``as_of`` keeps what stood at that date, as :meth:`as_of` does.

        >>> import eu_iot_coop as eic
        >>> network = eic.load().actor_network()
        >>> edge = next(e for e in network.edges if e.actors == ("aioti", "itac"))
        >>> edge.weight, edge.records
        (1, ('mou-itac-aioti-2017',))
        >>> str(edge.shared[0].start.date)
        '2017-03-20'
        """
        from ._actors import actor_network  # deliberately lazy: loading and lookups never need it

        if not isinstance(people, bool):
            raise QueryError(f"people must be True or False, got {people!r}")
        moment = None if as_of is None else _timeline.partial_date(as_of, "as_of")
        dataset = self if moment is None else self.as_of(moment)
        kinds = (Kind.ORGANISATION, Kind.PERSON) if people else (Kind.ORGANISATION,)
        return actor_network(dataset.records, kinds=kinds, as_of=moment, dataset=dataset)

    # Interchange

    def to_networkx(self) -> Any:
        """A networkx ``MultiDiGraph`` with the attributes the GraphML export writes; edges keyed by predicate.

        Nodes are ids and carry every non-empty entity field; edges carry ``predicate``, ``key``
        (``subject:predicate:object``), dates and ``note``; both carry ``citations``, and a list
        (``aliases``) is JSON text, so ``networkx.write_graphml`` and ``write_gexf`` accept the
        graph as it is. ``graph.graph`` holds ``data_version``, ``fingerprint``,
        ``package_version`` and ``sources`` (JSON text). Needs networkx (the ``graph`` extra).

        >>> import eu_iot_coop as eic
        >>> graph = eic.load().to_networkx()
        >>> graph.nodes["aioti"]["kind"]
        'organisation'
        >>> graph.graph["package_version"] == eic.__version__
        True
        """
        from . import _networkx  # deliberately lazy: only this method needs it (and networkx)

        return _networkx.to_networkx(self)

    def to_dataframes(self) -> dict[str, Any]:
        """pandas data frames: one per entity kind (``organisations``, ``people``, ...), ``relations``,
        ``figures``, ``sources`` and ``citations`` (one row per citation of an entity, relation, figure or
        variant).

        Columns are those of the CSV and SQLite exports, with nullable pandas types; a list
        (``aliases``) is a tuple. Each entity frame adds ``side`` (:meth:`side`), ``located_regions``
        and ``partner_regions`` (the partner regions it is in, and those it is in or cooperates with,
        as ``entities(region=...)`` and ``entities(partner_region=...)`` read them); the relations
        frame adds ``partner_regions`` (as ``relations(partner_region=...)``), so that relations per
        partner region are one ``explode`` and ``groupby`` away. Needs pandas (the ``pandas`` extra).

        >>> import eu_iot_coop as eic
        >>> frames = eic.load().to_dataframes()
        >>> frames["organisations"].set_index("id").loc["aioti", "acronym"]
        'AIOTI'
        >>> frames["organisations"].set_index("id").loc["aii", ["side", "partner_regions"]].tolist()
        ['partner', ('china',)]
        """
        from . import _dataframes  # deliberately lazy: only this method needs it (and pandas)

        return _dataframes.to_dataframes(self)


def _kinds(kind: object) -> frozenset[Kind] | None:
    if kind is None:
        return None
    if isinstance(kind, Kind | str):
        return frozenset({_lookup.kind(kind)})
    if not isinstance(kind, Iterable):
        raise QueryError(f"kind must be a Kind, its value, or an iterable of them, got {type(kind).__name__}")
    return frozenset(_lookup.kind(one) for one in kind)


def _kept(members: frozenset[str], entities: Iterable[Entity]) -> Iterator[Entity]:
    return (entity for entity in entities if entity.id in members)


def _holding(members: frozenset[str], relations: Iterable[Relation]) -> Iterator[Relation]:
    return (relation for relation in relations if _regions.Regions.holds(members, relation))


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
