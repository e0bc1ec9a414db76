"""From files to validated records: reading, overlays, integrity checks, the canonical form."""

from __future__ import annotations

from eu_iot_coop._gc import collector_paused
from eu_iot_coop._model import HIERARCHICAL, RECORD_CLASSES

from ._build import build_layers, build_records, noting_warnings
from ._canonical import fingerprint, format_paths
from ._converter import (
    FREE_TEXT_FIELDS,
    MAX_NUMBER,
    check_string,
    document,
    dumps,
    dumps_document,
    fast_converter,
    plain,
    structure_record,
    unstructure,
    with_variant,
)
from ._exported import EXPORT_LISTS, PROVENANCE_KEYS, is_export_file, read_export
from ._loader import BUNDLED_NAMES, MAX_DEPTH, MAX_FILE_BYTES, DataFile, bundled_folder, read_bundled, read_paths

__all__ = [
    "BUNDLED_NAMES",
    "EXPORT_LISTS",
    "FREE_TEXT_FIELDS",
    "HIERARCHICAL",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER",
    "PROVENANCE_KEYS",
    "RECORD_CLASSES",
    "DataFile",
    "build_layers",
    "build_records",
    "bundled_folder",
    "check_string",
    "collector_paused",
    "document",
    "dumps",
    "dumps_document",
    "fast_converter",
    "fingerprint",
    "format_paths",
    "is_export_file",
    "noting_warnings",
    "plain",
    "read_bundled",
    "read_export",
    "read_paths",
    "structure_record",
    "unstructure",
    "with_variant",
]
