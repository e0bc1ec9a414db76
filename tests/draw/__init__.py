"""Tests of eu_iot_coop._draw: the SVG drawings."""
