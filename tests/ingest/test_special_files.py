"""Only regular files are read, the size cap applies before reading, and odd file names never crash (issue 11)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from eu_iot_coop._ingest import _loader as loader
from eu_iot_coop._ingest import read_paths
from eu_iot_coop.exceptions import DataError, DataFileError

from ..engine_support import valid_files, write_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and sockets are POSIX")


def _read_within(paths: list[Path], seconds: float = 20) -> BaseException | None:
    """Run read_paths in a thread; fail the test if it blocks. Returns what it raised."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            read_paths(paths)
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, "read_paths blocked"
    return outcome[0]


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe given as a data file is a DataFileError naming it; nothing waits for a writer."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    error = _read_within([fifo])
    assert isinstance(error, DataFileError)
    assert error.file == str(fifo)
    assert "named pipe" in error.problem
    assert error.fix


def test_a_fifo_inside_a_data_directory_is_refused(tmp_path: Path) -> None:
    """A FIFO named *.json among the files of a directory is refused too, the others still read."""
    folder = write_files(tmp_path / "data", valid_files())
    os.mkfifo(folder / "zz-pipe.json")
    error = _read_within([folder])
    assert isinstance(error, DataFileError)
    assert error.file == str(folder / "zz-pipe.json")
    assert len(error.problems) == 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    """/dev/zero is refused before a byte is read (it used to be read until MemoryError)."""
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    error = _read_within([Path(device)])
    assert isinstance(error, DataFileError)
    assert error.file == device
    assert "a device" in error.problem


def test_a_socket_is_refused(tmp_path: Path) -> None:
    """A Unix socket is refused with a clear error."""
    path = tmp_path / "s.json"
    if len(str(path)) > 100:
        pytest.skip("path too long for a Unix socket")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        error = _read_within([path])
    finally:
        server.close()
    assert isinstance(error, DataFileError)
    assert "a socket" in error.problem


def test_the_size_cap_applies_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the cap is refused from its size, and no more than cap + 1 bytes are ever read."""
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 11)
    with pytest.raises(DataFileError, match="larger than 10 bytes"):
        loader.read_regular_file(path)
    path.write_bytes(b"{}")
    assert loader.read_regular_file(path) == b"{}"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    """An undecodable file name is named with its bytes escaped, in the error and on the command line."""
    folder = tmp_path / "data"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/caf\xe9.json"
    with open(bad, "wb") as handle:
        handle.write(b"not json")
    with pytest.raises(DataError) as caught:
        read_paths([folder])
    assert caught.value.file is not None
    assert caught.value.file.endswith("caf\\xe9.json")
    caught.value.file.encode("utf-8")  # printable
    result = subprocess.run(
        [sys.executable, "-m", "eu_iot_coop", "validate", os.fsdecode(bad)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"caf\\xe9.json" in result.stdout  # validate lists each problem on stdout
    result.stdout.decode("utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "eu_iot_coop", "show", "aioti", "--overlay", os.fsdecode(bad)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(b"eu-iot-coop: error: ")
    assert b"caf\\xe9.json" in result.stderr
    assert result.stderr.count(b"\n") == 1
