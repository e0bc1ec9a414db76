"""Tests of eu_iot_coop._query: lookup, search, traversal, timeline and diff."""
