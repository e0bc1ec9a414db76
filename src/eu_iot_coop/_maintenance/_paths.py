"""Where the writers write: the data folder of a source checkout."""

from __future__ import annotations

from pathlib import Path
from typing import Final

#: The package's data folder as files on disk; the writers run from a source checkout, never from a wheel.
DATA_FOLDER: Final = Path(__file__).resolve().parent.parent / "data"
