"""Following redirects: the chain from a retired id and where it ends, cycles included."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop._model import final_id, redirect_chain

_IDS = st.sampled_from(["a", "b", "c", "d", "e"])


@given(replaced_by=st.dictionaries(_IDS, _IDS), retired=_IDS)
def test_the_chain_follows_each_redirect_once_and_ends_at_final_id(replaced_by: dict[str, str], retired: str) -> None:
    """The chain starts at the id, follows one redirect per step, holds no id twice and ends where final_id says.

    It ends at a live id, or at a retired one whose redirect points back into the chain (a cycle).
    """
    chain = redirect_chain(replaced_by, retired)
    assert chain[0] == retired
    assert len(set(chain)) == len(chain)
    assert all(replaced_by[a] == b for a, b in itertools.pairwise(chain))
    assert chain[-1] == final_id(replaced_by, retired)
    end = chain[-1]
    assert end not in replaced_by or replaced_by[end] in chain
