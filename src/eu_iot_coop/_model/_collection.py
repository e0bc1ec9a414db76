"""The records of a dataset, grouped by record type and kept in canonical order."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Any, Final

import attrs

from ._kinds import RECORD_TYPES
from ._records import Entity, Figure, Redirect, Relation, Source, Variant

_BY_ID: Final = operator.attrgetter("id")
_BY_KEY: Final = operator.attrgetter("subject", "predicate", "object")


def _by_id(records: Iterable[Any]) -> tuple[Any, ...]:
    # Typed loosely on purpose: one converter serves five record types, and each field keeps its own type.
    return tuple(sorted(records, key=_BY_ID))


def _by_key(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(sorted(relations, key=_BY_KEY))


@attrs.frozen(kw_only=True)
class Records:
    """The content of a dataset, grouped by record type: the output of reading and checking, the input of queries.

    Each group is kept in canonical order (:func:`~eu_iot_coop._model.sort_key`), whatever order it was given in.
    """

    sources: tuple[Source, ...] = attrs.field(default=(), converter=_by_id)
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_by_id)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_by_key)
    figures: tuple[Figure, ...] = attrs.field(default=(), converter=_by_id)
    redirects: tuple[Redirect, ...] = attrs.field(default=(), converter=_by_id)
    variants: tuple[Variant, ...] = attrs.field(default=(), converter=_by_id)

    def counts(self) -> dict[str, int]:
        """The number of records of each type, in the order of :data:`RECORD_TYPES`."""
        counts = dict.fromkeys(RECORD_TYPES, 0)
        counts["source"] = len(self.sources)
        for entity in self.entities:
            counts[entity.kind.value] += 1
        counts["relation"] = len(self.relations)
        counts["figure"] = len(self.figures)
        counts["redirect"] = len(self.redirects)
        counts["variant"] = len(self.variants)
        return counts
