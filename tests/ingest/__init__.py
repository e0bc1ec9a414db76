"""Tests of eu_iot_coop._ingest: the converter, the loader, integrity checks, overlays, the collector pause."""
