"""Tests of eu_iot_coop.export: every export format."""
