"""Tests of the eu-iot-coop command line (eu_iot_coop._cli)."""
