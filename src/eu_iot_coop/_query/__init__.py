"""From records to answers: the Dataset, its indexes, lookup, search, traversal, timeline, diff, manifest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._dataset import Dataset
from ._results import Match, Neighbour, Step, TimelineEntry, TimelineRow

if TYPE_CHECKING:
    from ._diff import DatasetDiff, FieldChange, RecordChange, diff
    from ._manifest import Manifest, shipped

__all__ = [
    "Dataset",
    "DatasetDiff",
    "FieldChange",
    "Manifest",
    "Match",
    "Neighbour",
    "RecordChange",
    "Step",
    "TimelineEntry",
    "TimelineRow",
    "diff",
    "shipped",
]


def __getattr__(name: str) -> Any:
    # Deliberately lazy, for cold start: loading and querying need neither diff nor the manifest (nor json).
    if name in {"DatasetDiff", "FieldChange", "RecordChange", "diff"}:
        from . import _diff

        return getattr(_diff, name)
    if name in {"Manifest", "shipped"}:
        from . import _manifest

        return getattr(_manifest, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
