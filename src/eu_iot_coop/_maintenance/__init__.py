"""Maintainers' writers, each run as ``python -m eu_iot_coop._maintenance.<name>``: schema, docgen, manifest, bundle."""

from __future__ import annotations
