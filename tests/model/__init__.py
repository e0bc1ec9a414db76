"""Tests of eu_iot_coop._model: partial dates and name normalisation."""
