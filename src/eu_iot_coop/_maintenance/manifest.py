"""Write ``data/manifest.json`` (data version, fingerprint, counts) for the bundled data.

After changing a data file, bump ``DATA_VERSION`` in ``_version.py``, then run::

    python -m eu_iot_coop._maintenance.manifest

It refuses to record a new fingerprint under an unchanged data version.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eu_iot_coop._api import load
from eu_iot_coop._query import shipped
from eu_iot_coop._version import DATA_VERSION
from eu_iot_coop._write import write_text

from ._paths import DATA_FOLDER


def main(folder: Path = DATA_FOLDER) -> int:
    """Write the manifest into *folder*, unless that would reuse a data version; the exit code."""
    current = load().manifest()
    recorded = shipped()
    if recorded is not None and recorded.fingerprint == current.fingerprint:
        if recorded.data_version == DATA_VERSION:
            print(f"manifest.json is up to date (data version {DATA_VERSION})")
            return 0
    elif recorded is not None and recorded.data_version == DATA_VERSION:
        print(
            f"the bundled data changed but DATA_VERSION is still {DATA_VERSION}: "
            "bump DATA_VERSION in src/eu_iot_coop/_version.py first, then run this again",
            file=sys.stderr,
        )
        return 1
    write_text(folder / "manifest.json", current.text(), package_data=True)
    print(f"wrote manifest.json for data version {DATA_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
