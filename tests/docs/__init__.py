"""Tests of the built documentation, opened in a browser."""
