"""Comparing two datasets record by record: what was added, removed, and which fields changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from eu_iot_coop._model import Entity, Figure, Record, Redirect, Source, Variant, identity, label

if TYPE_CHECKING:
    from ._dataset import Dataset


@attrs.frozen
class FieldChange:
    """One field of one record: its value before and after, in the data files' JSON form (``None`` if unset).

    The values are kept as JSON text (``old_json``, ``new_json``), so a change
    cannot be altered once made; ``old`` and ``new`` give each caller its own copy.
    """

    field: str
    old_json: str
    new_json: str

    @classmethod
    def of(cls, field: str, old: Any, new: Any) -> FieldChange:
        """The change of *field* from *old* to *new*, both JSON-ready values."""
        return cls(field, _freeze(old), _freeze(new))

    @property
    def old(self) -> Any:
        """The value before, as JSON-ready data (``None`` if unset)."""
        return json.loads(self.old_json)

    @property
    def new(self) -> Any:
        """The value after, as JSON-ready data (``None`` if unset)."""
        return json.loads(self.new_json)


@attrs.frozen
class RecordChange:
    """A record present in both datasets whose fields differ."""

    record_type: str
    id: str
    fields: tuple[FieldChange, ...]


@attrs.frozen
class DatasetDiff:
    """What changed from one dataset to another. False when nothing did.

    Records are matched by id (relations by ``subject:predicate:object``); a
    record whose type changed counts as removed and added.
    """

    added: tuple[Record, ...]
    removed: tuple[Record, ...]
    changed: tuple[RecordChange, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __str__(self) -> str:
        if not self:
            return "no differences"
        return "\n".join(self._lines(bullet="", code=""))

    def to_markdown(self) -> str:
        """The differences as a Markdown list, one section per change type."""
        if not self:
            return "No differences.\n"
        return "\n".join(self._lines(bullet="- ", code="`", heading="## ")) + "\n"

    def _lines(self, *, bullet: str, code: str, heading: str = "") -> Iterator[str]:
        for title, records, sign in (("Added", self.added, "+"), ("Removed", self.removed, "-")):
            if records:
                yield f"{heading}{title} ({len(records)})"
                for record in records:
                    yield f"{bullet or sign + ' '}{code}{identity(record)}{code} ({label(record)})"
        if self.changed:
            yield f"{heading}Changed ({len(self.changed)})"
            for change in self.changed:
                yield f"{bullet or '~ '}{code}{change.id}{code} ({change.record_type})"
                for field in change.fields:
                    yield f"    {bullet}{field.field}: {_show(field.old)} -> {_show(field.new)}"

    def as_dict(self) -> dict[str, Any]:
        """The differences as JSON-ready data: added and removed records in data-file form, changed fields."""
        # Deliberately lazy: the canonical converter (cattrs) loads only when a diff is computed or written.
        from eu_iot_coop._ingest import unstructure

        return {
            "added": [{"type": label(r), "record": unstructure(r)} for r in self.added],
            "removed": [{"type": label(r), "record": unstructure(r)} for r in self.removed],
            "changed": [
                {
                    "type": c.record_type,
                    "id": c.id,
                    "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
                }
                for c in self.changed
            ],
        }


def diff(old: Dataset, new: Dataset) -> DatasetDiff:
    """The records added, removed and changed from ``old`` to ``new``."""
    before = _byidentity(old)
    after = _byidentity(new)
    added = [after[key] for key in sorted(after.keys() - before.keys())]
    removed = [before[key] for key in sorted(before.keys() - after.keys())]
    changed: list[RecordChange] = []
    for key in sorted(before.keys() & after.keys()):
        was, now = before[key], after[key]
        if was == now:
            continue
        if type(was) is not type(now):
            removed.append(was)
            added.append(now)
            continue
        changed.append(RecordChange(label(now), key[1], tuple(_field_changes(was, now))))
    return DatasetDiff(tuple(added), tuple(removed), tuple(changed))


def _byidentity(dataset: Dataset) -> dict[tuple[int, str], Record]:
    # Relation keys and ids live in separate namespaces; the leading 0/1 keeps them apart and orders output.
    r = dataset.records
    found: dict[tuple[int, str], Record] = {}
    identified: tuple[Source | Entity | Figure | Redirect | Variant, ...] = (
        *r.sources,
        *r.entities,
        *r.figures,
        *r.redirects,
        *r.variants,
    )
    for record in identified:
        found[(0, record.id)] = record
    for relation in r.relations:
        found[(1, relation.key)] = relation
    return found


def _field_changes(was: Record, now: Record) -> Iterator[FieldChange]:
    # Deliberately lazy, as in as_dict: cattrs stays off the path of a plain load.
    from eu_iot_coop._ingest import fast_converter

    converter = fast_converter()
    for attribute in attrs.fields(type(was)):
        old, new = getattr(was, attribute.name), getattr(now, attribute.name)
        if old != new:
            yield FieldChange.of(attribute.name, converter.unstructure(old), converter.unstructure(new))


def _freeze(value: Any) -> str:
    # Key order is kept (it is the canonical field order); floats and non-ASCII text survive the round trip.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _show(value: Any) -> str:
    return "(unset)" if value is None else repr(value)
