"""The actors' network: every pair of actors sharing a record is an edge, checked against a brute-force reading."""

from __future__ import annotations

import csv
import io
import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import PREDICATES, ActorNetwork, Dataset, Kind, PartialDate, Records, Relation, export
from eu_iot_coop import strategies as public_strategies
from eu_iot_coop._query import _optional
from eu_iot_coop.exceptions import MissingDependencyError, QueryError

from ..profiles import examples
from ..strategies import BY_NAME, CITES, SOURCE, datasets, entities, partial_dates

_ACTORS = (Kind.ORGANISATION, Kind.PERSON)
#: Records actors may share, and kinds that join no one (an organisation here is the object, as a body one takes
#: part in, not an actor).
_OTHERS = (Kind.AGREEMENT, Kind.PROJECT, Kind.PROGRAMME, Kind.EVENT, Kind.ORGANISATION, Kind.DOCUMENT, Kind.PLACE)


@st.composite
def dense_datasets(draw: st.DrawFn) -> Dataset:
    """Actors and records they may share, each actor related to each record by any predicate allowed between them
    (joining or not) or by none: most examples have several edges, some of them heavy."""
    actors = [draw(entities(number, _ACTORS)) for number in range(draw(st.integers(2, 6)))]
    others = [draw(entities(number, _OTHERS)) for number in range(len(actors), len(actors) + draw(st.integers(1, 5)))]
    relations = []
    for actor, other in itertools.product(actors, others):
        allowed = [p.name for p in PREDICATES if actor.kind in p.domain and other.kind in p.range]
        # Joining predicates first, so that examples shrink towards edges; None (no relation) is one choice of many.
        allowed.sort(key=lambda name: other.kind not in BY_NAME[name].joins)
        predicate = draw(st.sampled_from([*allowed, None]))
        if predicate is not None:
            relations.append(Relation(subject=actor.id, predicate=predicate, object=other.id, citations=CITES))
    return Dataset(Records(sources=(SOURCE,), entities=(*actors, *others), relations=relations))


#: Generated datasets: any kind (the public strategies and the tests' own), and datasets dense in actors.
any_dataset = st.one_of(dense_datasets(), public_strategies.datasets(), datasets())


def brute_force(dataset: Dataset, actor_kinds: set[Kind]) -> dict[tuple[str, str], set[str]]:
    """Every pair of distinct actors (ids in order) and the records both take part in, read pair by pair."""
    kinds = {entity.id: entity.kind for entity in dataset.records.entities}

    def takes_part(actor: str, record: str) -> bool:
        return any(
            r.subject == actor and r.object == record and kinds[record] in BY_NAME[r.predicate].joins
            for r in dataset.records.relations
        )

    actors = sorted(i for i, kind in kinds.items() if kind in actor_kinds)
    found = {}
    for first, second in itertools.combinations(actors, 2):
        shared = {record for record in kinds if takes_part(first, record) and takes_part(second, record)}
        if shared:
            found[(first, second)] = shared
    return found


def _edges(network: ActorNetwork) -> dict[tuple[str, str], set[str]]:
    return {edge.actors: set(edge.records) for edge in network.edges}


@examples(2)
@given(any_dataset, st.booleans())
def test_every_pair_sharing_a_record_is_an_edge_with_its_weight(dataset: Dataset, people: bool) -> None:
    """Edges are exactly the pairs of actors sharing a record; weight counts the shared records; no self-edge;
    every actor of the asked kinds is a node, in record order; edges in id order, records earliest first."""
    actor_kinds = {Kind.ORGANISATION, Kind.PERSON} if people else {Kind.ORGANISATION}
    network = dataset.actor_network(people=people)
    assert _edges(network) == brute_force(dataset, actor_kinds)
    for edge in network.edges:
        first, second = edge.actors
        assert first < second
        assert edge.weight == len(edge.shared) == len(set(edge.records))
        starts = [record.start.date.earliest() for record in edge.shared if record.start is not None]
        assert starts == sorted(starts)
        assert all(record.start is not None for record in edge.shared[: len(starts)])
        for record in edge.shared:
            entity = dataset.get(record.id)
            assert (record.kind, record.name, record.start, record.end) == (
                entity.kind,
                entity.name,
                entity.start,
                entity.end,
            )
    assert [edge.actors for edge in network.edges] == sorted(edge.actors for edge in network.edges)
    assert network.actors == tuple(e for e in dataset.records.entities if e.kind in actor_kinds)
    assert network.people is people


@pytest.mark.slow
@examples(10)
@given(dense_datasets(), st.booleans())
def test_many_dense_networks_match_the_brute_force_reading(dataset: Dataset, people: bool) -> None:
    """The brute-force comparison again, on many datasets dense in actors (the slow tier)."""
    actor_kinds = {Kind.ORGANISATION, Kind.PERSON} if people else {Kind.ORGANISATION}
    assert _edges(dataset.actor_network(people=people)) == brute_force(dataset, actor_kinds)


@examples(1)
@given(any_dataset, partial_dates())
def test_as_of_is_the_network_of_the_dataset_as_it_stood(dataset: Dataset, moment: PartialDate) -> None:
    """``as_of`` gives the network of :meth:`Dataset.as_of`, and every record an edge carries stood then."""
    network = dataset.actor_network(as_of=moment, people=True)
    standing = dataset.as_of(moment)
    again = standing.actor_network(people=True)
    assert (network.actors, network.edges) == (again.actors, again.edges)
    assert network.as_of == moment
    assert all(record.id in standing for edge in network.edges for record in edge.shared)


@examples(1)
@given(any_dataset)
def test_degree_centrality_is_networkx_s(dataset: Dataset) -> None:
    """The network's own degree centrality equals networkx's on its graph; the graph has every node and edge."""
    network = dataset.actor_network(people=True)
    graph = network.to_networkx()
    assert graph.number_of_nodes() == len(network.actors)
    assert graph.number_of_edges() == len(network.edges)
    assert network.degree_centrality() == pytest.approx(networkx.degree_centrality(graph))


def test_joining_predicates_reach_from_actors_to_records_they_allow() -> None:
    """Each predicate that joins actors can have an actor as subject and every kind it joins through as object."""
    joining = [p for p in PREDICATES if p.joins]
    assert {p.name for p in joining} >= {"party_to", "participates_in", "organises", "coordinates"}
    for predicate in joining:
        assert predicate.domain & {Kind.ORGANISATION, Kind.PERSON}
        assert predicate.joins <= predicate.range
        assert not predicate.joins & {Kind.ORGANISATION, Kind.PERSON, Kind.PLACE, Kind.TOPIC}


def test_the_bundled_network(bundled: Dataset) -> None:
    """On the bundled data: the ITAC-AIOTI memorandum links its two parties, dated; people widen the network."""
    network = bundled.actor_network()
    edge = next(e for e in network.edges if e.actors == ("aioti", "itac"))
    assert edge.records == ("mou-itac-aioti-2017",)
    start = edge.shared[0].start
    assert start is not None
    assert str(start.date) == "2017-03-20"
    assert all(actor.kind is Kind.ORGANISATION for actor in network.actors)
    with_people = bundled.actor_network(people=True)
    assert len(with_people.actors) > len(network.actors)
    assert len(with_people.edges) > len(network.edges)
    assert len(bundled.actor_network(as_of="2010").edges) < len(network.edges)
    assert repr(network) == f"<ActorNetwork of organisations: {len(network.actors)} actors, {len(network.edges)} edges>"


def test_bad_arguments_raise_query_errors(bundled: Dataset) -> None:
    """``people`` must be a bool and ``as_of`` a date, each refused with the library's own error."""
    with pytest.raises(QueryError, match="people must be True or False"):
        bundled.actor_network(people="yes")  # type: ignore[arg-type]
    with pytest.raises(QueryError, match=r"^as_of: "):
        bundled.actor_network(as_of="2017-13")


def _network(bundled: Dataset) -> ActorNetwork:
    return bundled.actor_network(people=True, as_of="2019")


def test_graphml_parses_and_round_trips(bundled: Dataset, tmp_path: Path) -> None:
    """The GraphML of the actors' network parses as XML and reads back in networkx with the same nodes, edges
    and attributes as ``to_networkx()``, provenance included."""
    network = _network(bundled)
    path = tmp_path / "actors.graphml"
    assert export.to_graphml(network, path) == path
    text = export.to_graphml(network)
    assert path.read_text(encoding="utf-8") == text
    ET.fromstring(text.encode("utf-8"))
    read = networkx.read_graphml(path)
    graph = network.to_networkx()
    assert not read.is_directed()
    assert (read.number_of_nodes(), read.number_of_edges()) == (len(network.actors), len(network.edges))
    assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
    # read_graphml keeps each edge's GraphML id (the two actors' ids) beside its data.
    read_edges = {frozenset((a, b)): d for a, b, d in read.edges(data=True)}
    assert all(d.pop("id") == ":".join(sorted(pair)) for pair, d in read_edges.items())
    assert read_edges == {frozenset((a, b)): d for a, b, d in graph.edges(data=True)}
    provenance = bundled.as_of("2019").provenance()
    assert read.graph["fingerprint"] == provenance.fingerprint
    assert read.graph["data_version"] == provenance.data_version
    assert (read.graph["people"], read.graph["as_of"]) == (True, "2019")
    edge = graph.edges["aioti", "itac"]
    assert edge["weight"] == 1
    assert json.loads(edge["records"]) == ["mou-itac-aioti-2017"]
    assert json.loads(edge["starts"]) == ["2017-03-20"]


def test_csv_has_nodes_edges_and_metadata(bundled: Dataset, tmp_path: Path) -> None:
    """CSV: ``nodes.csv`` and ``edges.csv`` with their columns, one row per actor and per edge, and the metadata."""
    network = _network(bundled)
    written = export.to_csv(network, tmp_path / "actors")
    assert [path.name for path in written] == ["nodes.csv", "edges.csv", "metadata.json"]
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "actors" / "nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((tmp_path / "actors" / "edges.csv").read_text(encoding="utf-8"))))
    assert list(nodes[0]) == ["id", "kind", "name", "acronym"]
    assert list(edges[0]) == ["source", "target", "weight", "records", "kinds", "starts", "ends"]
    assert [row["id"] for row in nodes] == [actor.id for actor in network.actors]
    assert [(row["source"], row["target"]) for row in edges] == [edge.actors for edge in network.edges]
    assert [int(row["weight"]) for row in edges] == [edge.weight for edge in network.edges]
    assert [tuple(json.loads(row["records"])) for row in edges] == [edge.records for edge in network.edges]
    metadata = json.loads((tmp_path / "actors" / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["fingerprint"] == network.provenance().fingerprint
    assert (metadata["people"], metadata["as_of"]) == (True, "2019")
    assert [(t["url"], t["rows"]) for t in metadata["tables"]] == [
        ("nodes.csv", len(network.actors)),
        ("edges.csv", len(network.edges)),
    ]


def test_formats_that_write_the_network_are_declared(bundled: Dataset) -> None:
    """The registry declares which formats write the actors' network: GraphML and CSV, each in its own shape."""
    able = {name: entry.shape for name, entry in export.REGISTRY.items() if entry.write_actors is not None}
    assert able == {"graphml": export.Shape.TEXT, "csv": export.Shape.DIRECTORY}


def test_a_missing_networkx_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, bundled: Dataset) -> None:
    """Without networkx, ``ActorNetwork.to_networkx()`` names itself, the extra and the README's install command."""
    real_import = _optional.importlib.import_module

    def no_networkx(name: str) -> object:
        if name == "networkx":
            raise ImportError(name)
        return real_import(name)

    network = bundled.actor_network()
    monkeypatch.setattr(_optional.importlib, "import_module", no_networkx)
    with pytest.raises(MissingDependencyError) as caught:
        network.to_networkx()
    error = caught.value
    assert (error.module, error.extra) == ("networkx", "graph")
    assert "ActorNetwork.to_networkx() needs networkx" in str(error)
    assert "python -m pip install '.[graph]'" in error.hint


def test_the_network_is_public() -> None:
    """The network's classes are public names of the package."""
    assert eu_iot_coop.ActorNetwork is ActorNetwork
    assert {"ActorEdge", "ActorNetwork", "SharedRecord"} <= set(eu_iot_coop.__all__)
