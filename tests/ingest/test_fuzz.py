"""Fuzzing the loader: arbitrary JSON and mutated valid files give a Dataset or a DataError, nothing else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import Records
from eu_iot_coop.exceptions import DataError

from ..engine_support import valid_files

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)

# Keys the data files really use, so mutations reach the interesting code, not just "unknown field".
field_names = st.sampled_from(
    ["id", "name", "kind", "records", "replace", "citations", "source", "locator", "subject", "object", "predicate",
     "start", "end", "date", "inferred", "note", "value", "founded", "category", "place_type", "replaced_by"]
)  # fmt: skip


def _default_state() -> tuple[eu_iot_coop.Dataset, Records, str]:
    default = eu_iot_coop.load()
    return default, default.records, _recomputed_fingerprint(default.records)


def _recomputed_fingerprint(records: Records) -> str:
    # Dataset.fingerprint is cached; only hashing the records again (in a fresh Dataset) shows whether they changed.
    return eu_iot_coop.Dataset(records).fingerprint


def _load_overlay(content: bytes, name: str = "fuzz.json") -> eu_iot_coop.Dataset | DataError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            return eu_iot_coop.load(overlays=[path])
        except DataError as error:
            return error


def _assert_default_unchanged(before: tuple[eu_iot_coop.Dataset, Records, str]) -> None:
    default, records, digest = before
    assert eu_iot_coop.load() is default
    assert default.records is records
    assert _recomputed_fingerprint(default.records) == digest
    assert default.fingerprint == digest


@given(json_values)
def test_arbitrary_json_is_a_dataset_or_a_data_error(value: Any) -> None:
    """Any JSON value as an overlay file loads or raises a DataError; the default dataset is untouched."""
    before = _default_state()
    outcome = _load_overlay(json.dumps(value).encode("utf-8"))
    assert isinstance(outcome, eu_iot_coop.Dataset | DataError)
    if isinstance(outcome, DataError):
        assert outcome.problems[0] is outcome
        assert str(outcome)
    _assert_default_unchanged(before)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_are_a_data_error(content: bytes) -> None:
    """Random bytes as a data file raise a DataError (or, rarely, load), never anything else."""
    before = _default_state()
    outcome = _load_overlay(content)
    assert isinstance(outcome, eu_iot_coop.Dataset | DataError)
    _assert_default_unchanged(before)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, Any]:
    """One of the valid files with one random change deep inside: a replaced, deleted or added value."""
    name, document = draw(st.sampled_from(sorted(valid_files().items())))
    node: Any = document
    path: list[Any] = []
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
        path.append(key)
        node = node[key]
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        return name, draw(json_values)
    last = path[-1]
    if action == "replace":
        parent[last] = draw(json_values)
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[draw(field_names)] = draw(json_values)
    else:
        parent.insert(last, draw(json_values))
    return name, document


@given(mutated_files())
def test_mutated_valid_files_are_a_dataset_or_a_data_error(mutated: tuple[str, Any]) -> None:
    """A valid file mutated anywhere loads or raises a DataError; the default dataset is untouched."""
    name, document = mutated
    before = _default_state()
    with tempfile.TemporaryDirectory() as folder:
        for other, content in valid_files().items():
            text = json.dumps(document if other == name else content)
            (Path(folder) / other).write_text(text, encoding="utf-8")
        try:
            outcome: object = eu_iot_coop.Dataset.from_files(folder)
        except DataError as error:
            outcome = error
    assert isinstance(outcome, eu_iot_coop.Dataset | DataError)
    _assert_default_unchanged(before)
