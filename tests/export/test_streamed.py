"""File exports are written record by record: the file holds exactly the text the export gives without a path,
and that text never exists whole in memory while the file is written."""

from __future__ import annotations

import gc
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given

from eu_iot_coop import ActorNetwork, Dataset, export
from eu_iot_coop.export import _csv

from ..profiles import examples
from ..sample_graph import sample_dataset
from ..strategies import datasets

TEXT_FORMATS = [entry for entry in export.REGISTRY.values() if entry.shape is export.Shape.TEXT]


def _assert_streamed_files_are_the_texts(dataset: Dataset, folder: Path) -> None:
    for entry in TEXT_FORMATS:
        assert entry.text is not None
        path = folder / f"out.{entry.name}"
        assert entry.write(dataset, path) == path, entry.name
        assert path.read_bytes() == entry.text(dataset).encode("utf-8"), entry.name
    tables = _csv.csv_tables(dataset)
    written = export.to_csv(dataset, folder / "csv")
    assert [path.name for path in written] == [*tables, _csv.METADATA_FILE]
    for name, text in tables.items():
        assert (folder / "csv" / name).read_bytes() == text.encode("utf-8"), name
    metadata = (folder / "csv" / _csv.METADATA_FILE).read_text(encoding="utf-8")
    assert metadata == _csv.csv_metadata(dataset, tables)


@pytest.mark.slow
def test_the_bundled_data_streams_to_the_same_bytes(bundled: Dataset, tmp_path: Path) -> None:
    """Every text export, and each CSV table and its metadata, written to a file is byte for byte the text."""
    _assert_streamed_files_are_the_texts(bundled, tmp_path)


def test_the_sample_data_streams_to_the_same_bytes(tmp_path: Path) -> None:
    """The hand-made sample (awkward text, ranges, variants) streams to the same bytes too."""
    _assert_streamed_files_are_the_texts(sample_dataset(), tmp_path)


@examples(0.3)
@given(datasets())
def test_any_dataset_streams_to_the_same_bytes(dataset: Dataset) -> None:
    """Generated datasets (empty lists, odd text, every kind) stream to the same bytes as their texts."""
    with tempfile.TemporaryDirectory() as folder:
        _assert_streamed_files_are_the_texts(dataset, Path(folder))


def _network(bundled: Dataset) -> ActorNetwork:
    return bundled.actor_network(people=True, as_of="2019")


def test_the_actors_network_streams_to_the_same_bytes(bundled: Dataset, tmp_path: Path) -> None:
    """The actors' network as GraphML and as CSV: the files hold exactly the texts."""
    network = _network(bundled)
    path = tmp_path / "actors.graphml"
    assert export.to_graphml(network, path) == path
    assert path.read_bytes() == export.to_graphml(network).encode("utf-8")
    tables = _csv.actors_csv_tables(network)
    export.to_csv(network, tmp_path / "csv")
    for name, text in tables.items():
        assert (tmp_path / "csv" / name).read_bytes() == text.encode("utf-8"), name


def _peak(action: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "to_file", "whole"),
    [
        ("json", export.to_json, export.to_json),
        ("graphml", export.to_graphml, export.to_graphml),
        ("csv", export.to_csv, _csv.csv_tables),
    ],
)
def test_a_file_export_never_holds_its_whole_text(
    bundled: Dataset,
    tmp_path: Path,
    name: str,
    to_file: Callable[[Dataset, Path], object],
    whole: Callable[[Dataset], object],
) -> None:
    """Writing a file takes less than half the memory that making its whole text takes (both measured warm)."""
    path = tmp_path / f"out.{name}"
    to_file(bundled, path)  # warm: caches filled on first use are not the export's
    streamed = _peak(lambda: to_file(bundled, path))
    at_once = _peak(lambda: whole(bundled))
    assert streamed < at_once / 2, (streamed, at_once)
