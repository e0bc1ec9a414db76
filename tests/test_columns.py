"""Packing attrs instances into columns: what comes back equals what went in, shared instances stay shared."""

from __future__ import annotations

import enum
import marshal

import attrs
import pytest
from hypothesis import given

from eu_iot_coop import _bundle, _columns, load, strategies
from eu_iot_coop._model import Records
from eu_iot_coop._query import Dataset

from .profiles import examples


def _round_trip(records: Records) -> Records:
    # Through marshal, as the artefact goes: the packed form must hold nothing else.
    packed = marshal.loads(marshal.dumps(_columns.pack(records), 4))
    back = _columns.unpack(packed, _bundle._model_classes())
    assert isinstance(back, Records)
    return back


@examples(1)
@given(strategies.datasets())
def test_generated_records_come_back_equal(dataset: Dataset) -> None:
    """Every dataset the public strategies draw packs, goes through marshal, and unpacks to equal records."""
    assert _round_trip(dataset.records) == dataset.records


def test_bundled_records_come_back_equal_with_shared_citations_shared() -> None:
    """The bundled records come back equal, and a citation shared by two records is one object again."""
    records = _bundle._shared(load().records)
    back = _round_trip(records)
    assert back == records
    shared = {id(c) for r in back.relations for c in r.citations}
    assert len(shared) == len({c for r in back.relations for c in r.citations})


class _Colour(enum.Enum):
    RED = "red"


@attrs.frozen
class _Box:
    value: object


@pytest.mark.parametrize(
    "value",
    [{1, 2}, (_Colour.RED, 1), [_Box(1)], object()],
    ids=["a set", "an enum member inside a tuple", "instances in a list", "an object"],
)
def test_a_value_no_column_form_holds_is_refused_naming_the_field(value: object) -> None:
    """A value neither plain, an enum member, an instance nor a tuple of instances: a TypeError naming the field."""
    with pytest.raises(TypeError, match=r"_Box\.value holds values that cannot be packed"):
        _columns.pack(_Box(value))


def test_instances_of_a_class_the_reader_does_not_know_are_an_error() -> None:
    """Unpacking needs every class by name: an unknown one is a KeyError (the artefact's reader then validates)."""
    with pytest.raises(KeyError):
        _columns.unpack(_columns.pack(_Box(1)), {})
