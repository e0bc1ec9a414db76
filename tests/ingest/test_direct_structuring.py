"""The fast converter structures records straight into instances: it accepts exactly what the detailed one does."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import strategies as eis
from eu_iot_coop._ingest import structure_record, unstructure
from eu_iot_coop._model import Relation

_ODD_VALUES = st.sampled_from([None, 0, 1.5, True, "", " ", "Bad Id", "x\u202ey", [], {}, ["a"], {"date": "2020"}])


@given(
    st.one_of(eis.entities(), eis.relations(), eis.figures(), eis.sources(), eis.redirects(), eis.variants()),
    st.data(),
)
def test_fast_and_detailed_structuring_agree_on_every_change(record: Any, data: st.DataObject) -> None:
    """One key dropped, added or given an odd value: both converters refuse it, or both give the same record."""
    raw = json.loads(json.dumps(unstructure(record), ensure_ascii=False))
    change = data.draw(st.sampled_from(["drop", "add", "odd"]))
    key = data.draw(st.sampled_from(sorted(raw)))
    if change == "drop":
        del raw[key]
    elif change == "add":
        raw[data.draw(st.sampled_from(["colour", key + "s", "kind"]))] = "x"
    else:
        raw[key] = data.draw(_ODD_VALUES)
    outcomes = []
    for detailed in (False, True):
        try:
            outcomes.append(structure_record(raw, type(record), detailed=detailed))
        except Exception:  # any refusal: only whether both refuse matters here
            outcomes.append(None)
    assert outcomes[0] == outcomes[1]


def test_a_record_from_the_fast_path_is_a_full_instance() -> None:
    relation = structure_record(
        {"subject": "a", "predicate": "supports", "object": "b", "citations": [{"source": "s", "locator": "p"}]},
        Relation,
    )
    assert relation == Relation(subject="a", predicate="supports", object="b", citations=relation.citations)
    assert (relation.start, relation.end, relation.note) == (None, None, "")
    assert hash(relation) == hash(Relation(subject="a", predicate="supports", object="b", citations=relation.citations))
