"""The release note: counts, sources, additions, removals, changes and redirects from a diff of two datasets."""

from __future__ import annotations

import attrs

import eu_iot_coop as eic
from eu_iot_coop._maintenance.release_note import render

from ..sample_graph import sample_dataset


def test_release_note_lists_what_changed() -> None:
    """Counts before and after, the added source, the removed relation, the changed field and the redirect."""
    old_records = sample_dataset().records
    entity = old_records.entities[0]
    gone = old_records.relations[0]
    source = attrs.evolve(old_records.sources[0], id="source-new-page", title="A new page")
    redirect = eic.Redirect(id="old-name", replaced_by=entity.id, reason="renamed")
    new_records = attrs.evolve(
        old_records,
        sources=(*old_records.sources, source),
        entities=(attrs.evolve(entity, description="Described again."), *old_records.entities[1:]),
        relations=old_records.relations[1:],
        redirects=(*old_records.redirects, redirect),
    )
    old, new = eic.Dataset(old_records), eic.Dataset(new_records, data_version="9999.1.0")
    text = render(old, new, eic.diff(old, new), old_version="9999.0.0")
    assert text.startswith("# Data release 9999.1.0\n")
    assert "from data version 9999.0.0" in text
    sources = len(old_records.sources)
    assert f"| source | {sources} | {sources + 1} | +1 |" in text
    assert "- `source-new-page`: A new page" in text
    assert f"- relation `{gone.key}`" in text
    assert f"`{entity.id}`: description" in text
    assert f"| `old-name` | `{entity.id}` | renamed |" in text
