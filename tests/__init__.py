"""The tests of eu_iot_coop, laid out like src/eu_iot_coop: one subpackage per subpackage of the library."""
