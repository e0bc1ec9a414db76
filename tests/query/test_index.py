"""The lookup indexes: what is built on first use equals what a scan of the records gives."""

from __future__ import annotations

from hypothesis import given

from eu_iot_coop import strategies
from eu_iot_coop._query import Dataset
from eu_iot_coop._query._index import Index

from ..profiles import examples
from ..sample_graph import sample_dataset

DIRECTIONS = ("out", "in", "both")


@examples(1)
@given(strategies.datasets())
def test_one_entity_s_neighbours_by_scan_equal_the_adjacency_s(dataset: Dataset) -> None:
    """Before the adjacency exists a few lookups scan the relations: same neighbours, same order, as after."""
    entity_ids = [entity.id for entity in dataset.records.entities]
    scanned = Index(dataset.records)
    by_scan = {(i, d): scanned.neighbours_of(i, d) for i in entity_ids[:8] for d in DIRECTIONS}
    built = Index(dataset.records)
    assert built.by_direction  # the adjacency, built
    assert by_scan == {(i, d): built.neighbours_of(i, d) for i, d in by_scan}


def test_the_adjacency_is_built_after_a_few_scans() -> None:
    """Many single lookups (a catalogue of every entity) stop scanning: the adjacency is built once and used."""
    index = Index(sample_dataset().records)
    for _ in range(40):
        index.neighbours_of("aioti", "both")
    assert index._adjacency is not None  # white-box: what is observable is only the time it saves
