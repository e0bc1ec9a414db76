"""to_networkx() and to_dataframes(): the same attributes as the GraphML export, and frames that hold every record."""

from __future__ import annotations

import json
from pathlib import Path

import networkx
import pandas
import pytest
from hypothesis import given

from eu_iot_coop import Dataset, export
from eu_iot_coop._query import _optional
from eu_iot_coop.exceptions import MissingDependencyError

from ..profiles import examples
from ..sample_graph import sample_dataset
from ..strategies import datasets


@pytest.fixture(scope="module")
def sample() -> Dataset:
    """The hand-made sample dataset: bounded and inferred dates, aliases, notes, two relations on one pair."""
    return sample_dataset()


def _read_graphml(dataset: Dataset, tmp_path: Path) -> networkx.MultiDiGraph:
    path = tmp_path / "graph.graphml"
    export.to_graphml(dataset, path)
    return networkx.read_graphml(path, force_multigraph=True)


def _assert_same_as_graphml(dataset: Dataset, graph: networkx.MultiDiGraph, exported: networkx.MultiDiGraph) -> None:
    assert dict(graph.nodes(data=True)) == dict(exported.nodes(data=True))
    ours = {data["key"]: data for _, _, data in graph.edges(data=True)}
    theirs = {data["key"]: data for _, _, data in exported.edges(data=True)}
    assert ours == theirs
    assert len(ours) == len(dataset.records.relations)
    # read_graphml adds the (empty) defaults of the key declarations; the data is all the rest.
    assert graph.graph == {k: v for k, v in exported.graph.items() if k not in {"node_default", "edge_default"}}


def test_to_networkx_has_the_attributes_of_the_graphml_export(sample: Dataset, tmp_path: Path) -> None:
    """Nodes, edges and the graph carry what networkx reads back from the GraphML export, value for value."""
    graph = sample.to_networkx()
    _assert_same_as_graphml(sample, graph, _read_graphml(sample, tmp_path))
    assert graph.nodes["dg-connect"]["founded_latest"] == "2012-07"
    assert json.loads(graph.nodes["dg-connect"]["aliases"]) == ["DG CONNECT", "CNECT"]
    edge = graph.edges["mechthild-rohen", "dg-connect", "works_for"]
    assert (edge["start"], edge["start_latest"]) == ("2014", "2015-03-01")


@examples(0.6)
@given(datasets())
def test_to_networkx_matches_graphml_on_any_dataset(dataset: Dataset) -> None:
    """On generated datasets too, to_networkx() and the read-back GraphML agree."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        _assert_same_as_graphml(dataset, dataset.to_networkx(), _read_graphml(dataset, Path(folder)))


def test_to_networkx_carries_the_provenance_and_sources(sample: Dataset) -> None:
    """graph.graph holds the dataset's provenance and its sources in canonical form."""
    graph = sample.to_networkx()
    provenance = sample.provenance()
    assert graph.graph["data_version"] == provenance.data_version == "test.1"
    assert graph.graph["fingerprint"] == sample.fingerprint
    assert graph.graph["package_version"] == provenance.package_version
    assert [source["id"] for source in json.loads(graph.graph["sources"])] == [s.id for s in sample.records.sources]


def test_networkx_writers_accept_the_graph(sample: Dataset, tmp_path: Path) -> None:
    """write_graphml and write_gexf take the graph as it is, and write_graphml's output reads back equal."""
    graph = sample.to_networkx()
    networkx.write_graphml(graph, tmp_path / "out.graphml")
    networkx.write_gexf(graph, tmp_path / "out.gexf")
    again = networkx.read_graphml(tmp_path / "out.graphml", force_multigraph=True)
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert {k: v for k, v in again.graph.items() if k not in {"node_default", "edge_default"}} == graph.graph
    gexf = networkx.read_gexf(tmp_path / "out.gexf")
    assert gexf.number_of_nodes() == graph.number_of_nodes()
    assert gexf.number_of_edges() == graph.number_of_edges()


def test_to_dataframes_has_a_frame_per_kind_and_every_record(sample: Dataset) -> None:
    """One frame per kind plus relations, figures, sources and citations, each with one row per record."""
    frames = sample.to_dataframes()
    records = sample.records
    kinds = {"organisations", "people", "places", "agreements", "documents", "programmes", "projects"}
    assert kinds <= set(frames)
    assert sum(
        len(frames[name]) for name in frames if name not in {"relations", "figures", "sources", "citations"}
    ) == (len(records.entities))
    assert list(frames["relations"]["key"]) == [r.key for r in records.relations]
    assert list(frames["sources"]["id"]) == [s.id for s in records.sources]
    assert len(frames["figures"]) == len(records.figures)
    cited = (*records.entities, *records.relations, *records.figures, *records.variants)
    assert len(frames["citations"]) == sum(len(r.citations) for r in cited)


def test_dataframes_keep_types_and_missing_values(sample: Dataset) -> None:
    """Dates are text, flags nullable booleans, missing values NA, aliases tuples, figures numbers."""
    organisations = sample.to_dataframes()["organisations"].set_index("id")
    assert organisations.loc["dg-connect", "founded_latest"] == "2012-07"
    assert pandas.isna(organisations.loc["aioti", "founded_latest"])
    assert bool(organisations.loc["aioti", "founded_inferred"]) is True
    assert organisations.loc["dg-connect", "aliases"] == ("DG CONNECT", "CNECT")
    figures = sample.to_dataframes()["figures"].set_index("id")
    assert figures.loc["iot-market-2020", "value"] == 1.5
    citations = sample.to_dataframes()["citations"]
    rows = citations[citations["record"] == "aioti:cooperates_with:itac"].sort_values("position")
    assert list(zip(rows["source"], rows["locator"], strict=True)) == [
        ("press-2017", "p. 7"),
        ("aioti-site", "news, item 3"),
    ]


def test_a_missing_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, sample: Dataset) -> None:
    """Without pandas (or networkx), the error names the method and gives one install hint that works as written."""
    real_import = _optional.importlib.import_module

    def no_optional(name: str) -> object:
        if name in {"pandas", "networkx"}:
            raise ImportError(name)
        return real_import(name)

    monkeypatch.setattr(_optional.importlib, "import_module", no_optional)
    for method, module, extra in (("to_dataframes", "pandas", "pandas"), ("to_networkx", "networkx", "graph")):
        with pytest.raises(MissingDependencyError) as caught:
            getattr(sample, method)()
        error = caught.value
        assert (error.module, error.extra) == (module, extra)
        assert f"{method}() needs {module}" in str(error)
        assert f"python -m pip install '.[{extra}]'" in error.hint
        assert isinstance(error, ImportError)


def test_loading_and_exporting_never_import_pandas_or_networkx(imported_after: dict[str, frozenset[str]]) -> None:
    """A fresh interpreter that loads the data and writes every export imports neither pandas nor networkx."""
    assert "eu_iot_coop.export._rdf" in imported_after["export"]  # the stage really exported
    assert imported_after["export"] & {"pandas", "networkx", "rdflib"} == set()


def test_dataframes_place_entities_and_relations_as_the_filters_do(bundled: Dataset) -> None:
    """side, located_regions and partner_regions hold what side(), entities(region=/partner_region=) and
    relations(partner_region=) give: counts per region come from the frames without a join."""
    frames = bundled.to_dataframes()
    organisations = frames["organisations"].set_index("id")
    for region in ("japan", "china", "africa"):
        located = {e.id for e in bundled.entities(kind="organisation", region=region)}
        partnered = {e.id for e in bundled.entities(kind="organisation", partner_region=region)}
        assert {i for i, regions in organisations["located_regions"].items() if region in regions} == located
        assert {i for i, regions in organisations["partner_regions"].items() if region in regions} == partnered
        kept = {r.key for r in bundled.relations(partner_region=region)}
        relations = frames["relations"]
        assert set(relations[relations["partner_regions"].map(lambda rs, r=region: r in rs)]["key"]) == kept
    sides = {i: (None if pandas.isna(side) else side) for i, side in organisations["side"].items()}
    assert sides == {
        e.id: (None if bundled.side(e) is None else bundled.side(e).value)
        for e in bundled.entities(kind="organisation")
    }
