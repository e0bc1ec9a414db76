"""Tests of eu_iot_coop._maintenance: the generated docs, the JSON Schema and the manifest."""
