"""The data manifest: data version, fingerprint and record counts of the bundled data.

``data/manifest.json`` records them for each release of the data. After
changing a data file, bump ``DATA_VERSION`` in ``_version.py``, then run::

    python -m eu_iot_coop._manifest

It refuses to record a new fingerprint under an unchanged data version.
"""

from __future__ import annotations

import importlib.resources
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ._model import ENTITY_CLASSES

if TYPE_CHECKING:
    from ._dataset import Dataset

#: Every record type counted, in a fixed order: sources, the ten entity kinds, relations, figures, redirects.
COUNTED: tuple[str, ...] = ("source", *(str(k) for k in ENTITY_CLASSES), "relation", "figure", "redirect")


def _frozen_counts(counts: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(counts))


@attrs.frozen(kw_only=True)
class Manifest:
    """What a dataset is: its data version (``None`` unless it is the bundled data), fingerprint and counts."""

    data_version: str | None
    fingerprint: str
    counts: Mapping[str, int] = attrs.field(converter=_frozen_counts)

    def to_json(self) -> dict[str, Any]:
        """The manifest as a JSON object, counts in the fixed order."""
        return {"data_version": self.data_version, "fingerprint": self.fingerprint, "counts": dict(self.counts)}


def manifest_of(dataset: Dataset) -> Manifest:
    """The manifest of a dataset."""
    records = dataset.records
    counts = dict.fromkeys(COUNTED, 0)
    counts["source"] = len(records.sources)
    for entity in records.entities:
        counts[str(entity.kind)] += 1
    counts["relation"] = len(records.relations)
    counts["figure"] = len(records.figures)
    counts["redirect"] = len(records.redirects)
    return Manifest(data_version=dataset.data_version, fingerprint=dataset.fingerprint, counts=counts)


def shipped() -> Manifest | None:
    """The manifest bundled as ``data/manifest.json``, or ``None`` if there is none yet."""
    resource = importlib.resources.files("eu_iot_coop") / "data" / "manifest.json"
    if not resource.is_file():
        return None
    document = json.loads(resource.read_bytes())
    return Manifest(
        data_version=document["data_version"], fingerprint=document["fingerprint"], counts=document["counts"]
    )


def text(manifest: Manifest) -> str:
    """Canonical JSON text of a manifest."""
    return json.dumps(manifest.to_json(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write ``data/manifest.json`` for the bundled data, unless that would reuse a data version."""
    from ._api import load
    from ._version import DATA_VERSION

    current = load().manifest()
    recorded = shipped()
    if recorded is not None and recorded.fingerprint == current.fingerprint:
        if recorded.data_version == DATA_VERSION:
            print(f"manifest.json is up to date (data version {DATA_VERSION})")
            return 0
    elif recorded is not None and recorded.data_version == DATA_VERSION:
        print(
            f"the bundled data changed but DATA_VERSION is still {DATA_VERSION}: "
            "bump DATA_VERSION in src/eu_iot_coop/_version.py first, then run this again",
            file=sys.stderr,
        )
        return 1
    target = Path(__file__).with_name("data") / "manifest.json"
    target.write_text(text(current), encoding="utf-8", newline="\n")
    print(f"wrote manifest.json for data version {DATA_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
