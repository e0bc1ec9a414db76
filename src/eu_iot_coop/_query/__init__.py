"""From records to answers: the Dataset, its indexes, lookup, search, traversal, timeline, diff, manifest."""

from __future__ import annotations

from ._dataset import Dataset
from ._diff import DatasetDiff, FieldChange, RecordChange, diff
from ._manifest import Manifest, shipped
from ._results import Match, Neighbour, Step, TimelineEntry

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
    "diff",
    "shipped",
]
