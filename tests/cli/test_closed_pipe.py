"""A stdout closed by its reader gives exit code 141 and nothing on stderr, for every command (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and fcntl")

_F_SETPIPE_SZ = 1031  # Linux; fcntl.F_SETPIPE_SZ from Python 3.10, spelled out for type checkers

#: Commands whose output is larger than a 4 KiB pipe: the reader closes while they still write.
LONG_OUTPUT = [
    ["export", "--format", "json"],
    ["list"],
    ["draw"],
    ["show", "aioti"],
]
#: Every command with some output, short or long.
ALL = [
    *LONG_OUTPUT,
    ["export", "--format", "graphml"],
    ["stats"],
    ["search", "iot"],
    ["related", "aioti"],
    ["show", "aioti", "--json"],
    ["fmt", "--check"],
    ["--help"],
    ["--version"],
]


def _run(argv: list[str], *, read_first: bool) -> tuple[int, bytes]:
    """Run a command into a pipe; close the read end at once, or after reading one byte. Return code and stderr."""
    read_end, write_end = os.pipe()
    if read_first and sys.platform.startswith("linux"):
        import fcntl

        fcntl.fcntl(write_end, _F_SETPIPE_SZ, 4096)
    if not read_first:
        os.close(read_end)
    process = subprocess.Popen(
        [sys.executable, "-m", "eu_iot_coop", *argv], stdout=write_end, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    os.close(write_end)
    if read_first:
        assert os.read(read_end, 1)
        os.close(read_end)
    _, err = process.communicate(timeout=120)
    return process.returncode, err


def _all_runs(commands: list[list[str]], runs: int, *, read_first: bool) -> dict[str, list[tuple[int, bytes]]]:
    """Each command *runs* times, a few at once (each run is a fresh interpreter), by command."""
    jobs = [argv for argv in commands for _ in range(runs)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda argv: _run(argv, read_first=read_first), jobs))
    found: dict[str, list[tuple[int, bytes]]] = {}
    for argv, outcome in zip(jobs, outcomes, strict=True):
        found.setdefault(" ".join(argv), []).append(outcome)
    return found


def test_a_pipe_closed_before_writing_gives_141() -> None:
    """With the reader gone before the first byte, every command exits 141 quietly (cheap ones twice)."""
    found = _all_runs(ALL, 1, read_first=False)
    found_again = _all_runs(ALL[-5:], 1, read_first=False)
    assert found == {" ".join(argv): [(141, b"")] for argv in ALL}
    assert set(map(tuple, found_again.values())) == {((141, b""),)}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a small pipe needs F_SETPIPE_SZ")
def test_a_pipe_closed_after_one_byte_gives_141() -> None:
    """`eu-iot-coop ... | head -c1`: the reader takes one byte and leaves; 141 and an empty stderr, every run.

    (A large write the reader abandons halfway used to end without an error, and the command exited 0.)
    """
    found = _all_runs(LONG_OUTPUT, 2, read_first=True)
    assert found == {" ".join(argv): [(141, b"")] * 2 for argv in LONG_OUTPUT}
