"""Write ``data/records.marshal``: the bundled records, validated in full, for the fast load path.

Run it after any change to a JSON file under ``data/`` (after the manifest and schema
writers, since their files count too) or to the record classes::

    python -m eu_iot_coop._maintenance.bundle

It reads and checks every data file exactly as ``load(overlays=...)`` does, and
refuses to write anything if the data is invalid. The file is rewritten only when
the bytes it would write differ from what is there, so running it again on unchanged
data and code changes nothing (another Python version may marshal the same records into
other bytes: tests compare the content, :func:`is_current`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from eu_iot_coop import _bundle
from eu_iot_coop._ingest import build_records, read_paths
from eu_iot_coop._query import Dataset
from eu_iot_coop._write import write_file

from ._paths import DATA_FOLDER


def build(folder: Path = DATA_FOLDER) -> bytes:
    """The artefact for the data files of *folder*, after validating them in full (raises on invalid data)."""
    records = build_records(read_paths([folder]))
    return _bundle.dumps(records, Dataset(records).fingerprint, folder)


def is_current(folder: Path = DATA_FOLDER) -> bool:
    """Whether *folder*'s artefact holds the header and records that :func:`build` would write now."""
    path = folder / _bundle.ARTEFACT
    if not path.is_file():
        return False
    try:
        found = _bundle.loads(path.read_bytes())
    except Exception:  # unreadable or truncated: not current
        return False
    return found == _bundle.loads(build(folder))


def main(folder: Path = DATA_FOLDER) -> int:
    """Write the artefact into *folder* unless it is current; the exit code."""
    artefact = build(folder)
    path = folder / _bundle.ARTEFACT
    if path.is_file() and path.read_bytes() == artefact:
        print(f"{_bundle.ARTEFACT} is up to date")
        return 0

    def fill(temporary: Path) -> None:
        temporary.write_bytes(artefact)

    write_file(folder / _bundle.ARTEFACT, fill, package_data=True)
    print(f"wrote {_bundle.ARTEFACT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
