"""The dataset fingerprint: SHA-256 over the canonical serialisation of every record.

Independent of how records are spread over files, of their order and of the
hash seed: records are serialised canonically (field order, defaults omitted),
tagged with their kind, and sorted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from ._converter import record_kind, record_sort_key, unstructure
from ._model import Record


def fingerprint(records: Iterable[Record]) -> str:
    """The hex SHA-256 of the records, whatever their order."""
    tagged = sorted((((record_kind(r), record_sort_key(r)), r) for r in records), key=lambda pair: pair[0])
    digest = hashlib.sha256()
    for (kind, _), record in tagged:
        line = json.dumps([kind, unstructure(record)], ensure_ascii=False, separators=(",", ":"))
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
