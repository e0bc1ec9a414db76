"""Maintainers' writers, each run as ``python -m eu_iot_coop._maintenance.<name>``: schema, docgen, manifest."""

from __future__ import annotations
