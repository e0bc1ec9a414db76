"""Loading pauses the cyclic garbage collector and always leaves it as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop._ingest import collector_paused
from eu_iot_coop.exceptions import DataError


def test_collector_is_off_inside_and_restored_after() -> None:
    """Inside the block the collector is off; after it, on again, even when the block raises."""
    seen: list[bool] = []

    def fail_inside() -> None:
        with collector_paused():
            seen.append(gc.isenabled())
            raise RuntimeError

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        fail_inside()
    assert seen == [False]
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    """A caller who turned the collector off finds it still off afterwards."""
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_failed_and_successful_loads_leave_the_collector_on(tmp_path: Path) -> None:
    """A load that fails part-way, and one that succeeds, both leave the collector enabled."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "organisation", "records": [{"id": "x"}]}', encoding="utf-8")
    with pytest.raises(DataError):
        eu_iot_coop.Dataset.from_files(broken)
    assert gc.isenabled()
    eu_iot_coop.load(overlays=[])
    assert gc.isenabled()
