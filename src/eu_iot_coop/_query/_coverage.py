"""Coverage statements: per partner region and kind, what the data holds, up to which date, and its known gaps.

Two parts, kept apart on purpose. What the data *covers* is derived, never stored: the
records of a kind in a region (the ``region=`` filter: located there, or a party or
participant is) or cooperating with it (the ``cooperating_with=`` filter), and the
earliest and latest date any of them carries. What it is known *not* to cover is curated
in ``data/coverage-gaps.json``: the leads of a data release that could not be confirmed
on their pages, each said in our own words with the address the lead came from, by the
region and kind of record it would have added. So a missing record reads as "not in the
data", and where a lead is known, as "known to be missing", never as "no cooperation".
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from eu_iot_coop._model import Kind, PartialDate, Place
from eu_iot_coop.exceptions import DataFileError

from ._regions import PARTNER_REGIONS

if TYPE_CHECKING:
    from ._dataset import Dataset

#: The curated gaps, beside the data files (the loader does not read it as one).
GAPS_FILE: Final = "coverage-gaps.json"
#: How a lead failed: its page could not be found, or pages disagree and no reading could be confirmed.
GAP_STATUSES: Final = ("not_found", "conflict")
_GAP_FIELDS: Final = ("region", "kind", "missing", "lead", "status")


@attrs.frozen
class Gap:
    """A known gap: what the data lacks about a region (a place id) and kind, why, and where the lead came from."""

    region: str
    kind: Kind
    missing: str
    status: str
    lead: str | None = None


@attrs.frozen
class Coverage:
    """What the data holds of one kind about one region: counts, the span of dates, and the known gaps."""

    region: str
    kind: Kind
    #: Records in the region (located there, or a party or participant is).
    located: int
    #: Records that cooperate with the region and are not located in it.
    cooperating: int
    #: The earliest and the latest date any of those records carries (a start or an end), if any.
    first: PartialDate | None
    last: PartialDate | None
    gaps: tuple[Gap, ...]

    @property
    def count(self) -> int:
        """Every record of the kind the region's two filters keep."""
        return self.located + self.cooperating


def gaps() -> tuple[Gap, ...]:
    """The curated gaps, read from the bundled file; a malformed entry raises :class:`DataFileError`."""
    text = (importlib.resources.files("eu_iot_coop") / "data" / GAPS_FILE).read_text(encoding="utf-8")
    return read_gaps(text, f"eu_iot_coop/data/{GAPS_FILE}")


def read_gaps(text: str, where: str) -> tuple[Gap, ...]:
    """The gaps a file's *text* holds; *where* names the file in the :class:`DataFileError` a bad entry raises."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise DataFileError(f"the file is not JSON: {error}", file=where, fix="write valid JSON") from None
    if not isinstance(document, dict) or not isinstance(document.get("gaps"), list):
        raise DataFileError("the file holds no 'gaps' list", file=where, fix='write {"gaps": [...]}')
    found = []
    for position, entry in enumerate(document["gaps"]):
        record = f"gaps[{position}]"
        if (
            not isinstance(entry, dict)
            or set(entry) - set(_GAP_FIELDS)
            or not {"region", "kind", "missing", "status"} <= set(entry)
        ):
            raise DataFileError(
                "a gap must be an object with region, kind, missing, status and, optionally, lead",
                file=where,
                record=record,
                fix=f"give exactly the keys {', '.join(_GAP_FIELDS)} (lead may be left out)",
            )
        for name in _GAP_FIELDS:
            if name in entry and not (isinstance(entry[name], str) and entry[name].strip()):
                raise DataFileError(
                    f"the {name} must be a text, got {entry[name]!r}",
                    file=where,
                    record=record,
                    field=name,
                    fix=f"write the {name} as a non-empty JSON string",
                )
        if entry["kind"] not in {kind.value for kind in Kind}:
            raise DataFileError(
                f"the kind {entry['kind']!r} is not a kind of entity",
                file=where,
                record=record,
                field="kind",
                fix=f"use one of {', '.join(kind.value for kind in Kind)}",
            )
        if entry["status"] not in GAP_STATUSES:
            raise DataFileError(
                f"the status {entry['status']!r} is not known",
                file=where,
                record=record,
                field="status",
                fix=f"use one of {', '.join(GAP_STATUSES)}",
            )
        found.append(
            Gap(
                region=entry["region"],
                kind=Kind(entry["kind"]),
                missing=entry["missing"],
                status=entry["status"],
                lead=entry.get("lead"),
            )
        )
    return tuple(found)


def _span(dates: Iterable[PartialDate]) -> tuple[PartialDate | None, PartialDate | None]:
    ordered = sorted(dates)
    return (ordered[0], ordered[-1]) if ordered else (None, None)


def coverage(dataset: Dataset, regions: Sequence[Place] | None, kinds: frozenset[Kind] | None) -> tuple[Coverage, ...]:
    """One :class:`Coverage` per region (the partner regions, then any other a gap names) and kind, in that order."""
    known = tuple(gap for gap in gaps() if gap.region in dataset)
    if regions is None:
        named = [region for region in PARTNER_REGIONS if region in dataset]
        named += sorted({gap.region for gap in known} - set(named))
        regions = [place for place in (dataset.get(region) for region in named) if isinstance(place, Place)]
    wanted = [kind for kind in Kind if kinds is None or kind in kinds]
    result = []
    for region in regions:
        within = {place.id for place in dataset.places_within(region)}
        located = {entity.id: entity for entity in dataset.entities(region=region)}
        cooperating = {
            entity.id: entity for entity in dataset.entities(cooperating_with=region) if entity.id not in located
        }
        for kind in wanted:
            held = [e for e in (*located.values(), *cooperating.values()) if e.kind is kind]
            first, last = _span(when.date for e in held for when in (e.start, e.end) if when is not None)
            result.append(
                Coverage(
                    region=region.id,
                    kind=kind,
                    located=sum(e.kind is kind for e in located.values()),
                    cooperating=sum(e.kind is kind for e in cooperating.values()),
                    first=first,
                    last=last,
                    gaps=tuple(gap for gap in known if gap.kind is kind and gap.region in within),
                )
            )
    return tuple(result)
