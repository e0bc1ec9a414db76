"""The manifest of a dataset (data version, fingerprint, record counts) and the provenance every export carries."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from eu_iot_coop._version import __version__


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

    def text(self) -> str:
        """Canonical JSON text of the manifest, as ``data/manifest.json`` holds it."""
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"

    def provenance(self) -> Provenance:
        """What an export says it comes from: this data version and fingerprint, and the package's version."""
        return Provenance(data_version=self.data_version, fingerprint=self.fingerprint, package_version=__version__)


@attrs.frozen(kw_only=True)
class Provenance:
    """Where an export comes from: the data version, the fingerprint of its records and the package that wrote it.

    Every export format carries these three values (see :doc:`/howto/export`); the sources
    each record cites travel with the records themselves.
    """

    data_version: str | None
    fingerprint: str
    package_version: str

    def to_json(self) -> dict[str, str | None]:
        """The three values as a JSON object, in a fixed order."""
        return {
            "data_version": self.data_version,
            "fingerprint": self.fingerprint,
            "package_version": self.package_version,
        }


def shipped() -> Manifest | None:
    """The manifest bundled as ``data/manifest.json``, or ``None`` if there is none yet."""
    from eu_iot_coop._ingest import bundled_folder  # deliberately lazy: keeps cattrs off the cold-start path

    resource = bundled_folder() / "manifest.json"
    if not resource.is_file():
        return None
    document = json.loads(resource.read_bytes())
    return Manifest(
        data_version=document["data_version"], fingerprint=document["fingerprint"], counts=document["counts"]
    )
