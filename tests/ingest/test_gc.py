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


def test_overlapping_pauses_in_two_threads_keep_the_collector_off_until_the_last_ends() -> None:
    """Thread A pauses, B pauses, A ends: still off (B is building); B ends: on again, as the caller had it."""
    import threading

    a_in, b_in, a_out, b_out = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            a_in.set()
            b_in.wait(10)
        a_out.set()

    def second() -> None:
        a_in.wait(10)
        with collector_paused():
            b_in.set()
            a_out.wait(10)
            seen["after A ended, inside B"] = gc.isenabled()
        b_out.set()

    assert gc.isenabled()
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert seen == {"after A ended, inside B": False}
    assert gc.isenabled()


@pytest.mark.parametrize("caller_enabled", [False, True])
def test_loads_in_threads_leave_the_callers_setting(caller_enabled: bool) -> None:
    """Several loads in threads at once leave gc.isenabled() exactly as the caller set it beforehand."""
    from concurrent.futures import ThreadPoolExecutor

    from eu_iot_coop._ingest import bundled_folder

    folder = Path(str(bundled_folder()))
    was = gc.isenabled()
    if caller_enabled:
        gc.enable()
    else:
        gc.disable()
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            datasets = list(pool.map(lambda _: eu_iot_coop.Dataset.from_files(folder), range(12)))
        assert len({d.fingerprint for d in datasets}) == 1
        assert gc.isenabled() is caller_enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
