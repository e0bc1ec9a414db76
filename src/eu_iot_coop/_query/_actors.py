"""The actors' network: organisations (and people) linked by the agreements, projects, dialogues and events they share.

Which relations make an actor take part in a record is a fact about predicates: each
:class:`~eu_iot_coop.Predicate` entry's ``joins`` names the kinds of object through which it joins
actors (``party_to`` an agreement; ``participates_in``, ``coordinates`` or ``implements`` a project or
programme; ``organises``, ``chairs`` or ``participates_in`` an event). :func:`actor_network` is the one
routine; the exports and the command line read what it returns.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from eu_iot_coop._model import PREDICATES, Entity, Kind, PartialDate, Records, When

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._manifest import Provenance


@attrs.frozen(kw_only=True)
class SharedRecord:
    """A record two actors share: its id, kind and name, and its own start and end as the data gives them."""

    id: str
    kind: Kind
    name: str
    start: When | None
    end: When | None


@attrs.frozen(kw_only=True)
class ActorEdge:
    """Two actors (ids, in id order) and the records both take part in, earliest first (undated last)."""

    actors: tuple[str, str]
    shared: tuple[SharedRecord, ...]

    @property
    def weight(self) -> int:
        """How many records the two actors share."""
        return len(self.shared)

    @property
    def records(self) -> tuple[str, ...]:
        """The ids of the shared records, in :attr:`shared` order."""
        return tuple(record.id for record in self.shared)


@attrs.frozen(kw_only=True, repr=False)
class ActorNetwork:
    """Actors (organisations, and people when asked for) and the links between those sharing a record.

    ``actors`` holds every actor of the dataset, linked or not, in record order; ``edges`` holds one
    :class:`ActorEdge` per pair of actors sharing at least one record, ordered by the pair's ids.
    ``people`` and ``as_of`` say how it was asked for. Built by :meth:`Dataset.actor_network
    <eu_iot_coop.Dataset.actor_network>`.
    """

    actors: tuple[Entity, ...]
    edges: tuple[ActorEdge, ...]
    people: bool
    as_of: PartialDate | None
    dataset: Dataset = attrs.field(eq=False)

    def __repr__(self) -> str:
        people = " and people" if self.people else ""
        moment = "" if self.as_of is None else f", as of {self.as_of}"
        return f"<ActorNetwork of organisations{people}{moment}: {len(self.actors)} actors, {len(self.edges)} edges>"

    def provenance(self) -> Provenance:
        """Data version, fingerprint and package version of the dataset the network was read from."""
        return self.dataset.provenance()

    def strongest(self, limit: int | None = None) -> tuple[ActorEdge, ...]:
        """The edges by weight, heaviest first (ties in :attr:`edges` order); at most *limit* of them."""
        ranked = sorted(self.edges, key=lambda edge: -edge.weight)
        return tuple(ranked[:limit])

    def degree_centrality(self) -> dict[str, float]:
        """Each actor's share of the other actors it is linked to (networkx's ``degree_centrality``), by id.

        >>> import eu_iot_coop as eic
        >>> centrality = eic.load().actor_network().degree_centrality()
        >>> max(centrality, key=centrality.__getitem__)
        'european-commission'
        """
        degree = dict.fromkeys((actor.id for actor in self.actors), 0)
        for edge in self.edges:
            for actor in edge.actors:
                degree[actor] += 1
        others = len(degree) - 1
        return {actor: count / others if others > 0 else 1.0 for actor, count in degree.items()}

    def to_networkx(self) -> Any:
        """A networkx ``Graph``: actors as nodes with their fields, edges with ``weight``, ``records``, ``starts``
        and ``ends`` (JSON lists, one item per shared record); ``graph.graph`` holds the provenance, ``people``
        and ``as_of``. The attributes are those of the GraphML export. Needs networkx (the ``graph`` extra).
        """
        from ._networkx import actors_to_networkx  # deliberately lazy: only this method needs networkx

        return actors_to_networkx(self)


def _undated_last(record: SharedRecord) -> tuple[bool, datetime.date, str]:
    start = record.start
    return (start is None, datetime.date.min if start is None else start.date.earliest(), record.id)


def _joining() -> dict[str, frozenset[Kind]]:
    return {predicate.name: predicate.joins for predicate in PREDICATES if predicate.joins}


def actor_network(
    records: Records, *, kinds: Iterable[Kind], as_of: PartialDate | None, dataset: Dataset
) -> ActorNetwork:
    """The network of the actors of *kinds* in *records*: two are linked by every record both take part in."""
    actor_kinds = frozenset(kinds)
    joining = _joining()
    by_id = {entity.id: entity for entity in records.entities}
    taking_part: dict[str, set[str]] = {}
    for relation in records.relations:
        objects = joining.get(relation.predicate)
        if objects is None:
            continue
        subject, shared = by_id.get(relation.subject), by_id.get(relation.object)
        if subject is None or shared is None or subject.kind not in actor_kinds or shared.kind not in objects:
            continue
        taking_part.setdefault(shared.id, set()).add(subject.id)
    pairs: dict[tuple[str, str], list[SharedRecord]] = {}
    for record_id, ids in taking_part.items():
        if len(ids) < 2:
            continue
        record = by_id[record_id]
        shared_record = SharedRecord(
            id=record.id, kind=record.kind, name=record.name, start=record.start, end=record.end
        )
        for pair in itertools.combinations(sorted(ids), 2):
            pairs.setdefault(pair, []).append(shared_record)
    edges = tuple(
        ActorEdge(actors=pair, shared=tuple(sorted(shared, key=_undated_last)))
        for pair, shared in sorted(pairs.items())
    )
    actors = tuple(entity for entity in records.entities if entity.kind in actor_kinds)
    return ActorNetwork(actors=actors, edges=edges, people=Kind.PERSON in actor_kinds, as_of=as_of, dataset=dataset)
