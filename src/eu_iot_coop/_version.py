"""Package and data versions, kept as literals so reading them costs nothing at import."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING, which would import typing
if TYPE_CHECKING:
    from typing import Final

__version__: Final = "0.2.0"

#: Version of the bundled data. Bump it whenever a file under ``data/`` changes;
#: ``tests/maintenance/test_manifest.py`` fails until ``data/manifest.json`` agrees.
DATA_VERSION: Final = "2026.12.3"
