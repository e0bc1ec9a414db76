"""The actors' network on the command line: the ``actors`` listing and ``export --actors``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx
import pytest

from eu_iot_coop import Dataset

from .test_cli import assert_one_line_error, run, run_json


def test_actors_lists_the_most_central_actors_and_the_strongest_links(
    capsys: pytest.CaptureFixture[str], bundled: Dataset
) -> None:
    """The listing names the network, its provenance, the N most central actors and the N heaviest links."""
    code, out, _ = run(capsys, "actors", "--top", "3")
    assert code == 0
    network = bundled.actor_network()
    assert f"{len(network.actors)} organisations, {len(network.edges)} links" in out
    assert f"fingerprint {bundled.fingerprint[:12]}" in out
    central, strongest = out.split("Most central actors")[1].split("Strongest links")
    assert central.count("\n") == 3 + 4  # the heading's rest, the table's header and rule, three rows, a blank line
    centrality = network.degree_centrality()
    top = max(centrality, key=centrality.__getitem__)
    assert top in central
    heaviest = network.strongest(1)[0]
    assert str(heaviest.weight) in strongest.splitlines()[3]


def test_actors_json_matches_the_api(capsys: pytest.CaptureFixture[str], bundled: Dataset) -> None:
    """``--json`` gives the provenance, the counts, the central actors and the links with their dated records."""
    document = run_json(capsys, "actors", "--top", "5", "--people", "--as-of", "2019")
    network = bundled.actor_network(people=True, as_of="2019")
    assert document["fingerprint"] == network.provenance().fingerprint
    assert (document["people"], document["as_of"]) == (True, "2019")
    assert (document["actors"], document["edges"]) == (len(network.actors), len(network.edges))
    centrality = network.degree_centrality()
    assert [row["degree_centrality"] for row in document["central"]] == sorted(centrality.values(), reverse=True)[:5]
    links = document["strongest"]
    assert [link["weight"] for link in links] == [edge.weight for edge in network.strongest(5)]
    assert [record["id"] for record in links[0]["records"]] == list(network.strongest(1)[0].records)


def test_export_actors_graphml_goes_to_standard_output(capsys: pytest.CaptureFixture[str], bundled: Dataset) -> None:
    """``export --actors --format graphml`` prints a GraphML graph of the actors that networkx reads."""
    code, out, _ = run(capsys, "export", "--actors", "--format", "graphml")
    assert code == 0
    graph = networkx.read_graphml(io.BytesIO(out.encode("utf-8")))
    network = bundled.actor_network()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (len(network.actors), len(network.edges))
    assert graph.graph["fingerprint"] == bundled.fingerprint


def test_export_actors_csv_with_people_as_of(
    capsys: pytest.CaptureFixture[str], bundled: Dataset, tmp_path: Path
) -> None:
    """CSV needs --output and writes the nodes, edges and metadata of the network asked for."""
    target = tmp_path / "actors"
    code, _, err = run(
        capsys, "export", "--actors", "--people", "--as-of", "2016", "--format", "csv", "--output", str(target)
    )
    assert code == 0, err
    assert "wrote 3 files" in err
    network = bundled.actor_network(people=True, as_of="2016")
    with (target / "edges.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(network.edges)
    metadata = json.loads((target / "metadata.json").read_text(encoding="utf-8"))
    assert (metadata["people"], metadata["as_of"]) == (True, "2016")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--actors", "--format", "json"], "json export cannot write the actors' network; use --format"),
        (["export", "--people", "--format", "graphml"], "--people adds people to the actors' network"),
        (["export", "--actors", "--format", "csv"], "csv export writes a directory, so it needs --output"),
    ],
)
def test_export_actors_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    """A format that cannot write the network, --people alone, and CSV without --output: one line, exit 2."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert_one_line_error(err)
    assert message in err
