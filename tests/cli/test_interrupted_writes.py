"""A command stopped while it writes (SIGTERM, Ctrl-C, a file-size limit) leaves the old file and no temporary one.

Each command runs in a child process whose ``os.fsync`` stalls: the atomic write calls it once
the temporary file is complete and before the rename, so the signal lands exactly mid-write.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from ..engine_support import OVERLAY_ORGANISATION

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and resource limits")

#: Runs the command line with ``os.fsync`` replaced by a stall that first announces itself in the file argv[1].
_STALLED = """
import os, sys, time
def stall(descriptor):
    with open(sys.argv[1], "w") as announce:
        announce.write("mid-write")
    time.sleep(120)
os.fsync = stall
from eu_iot_coop.__main__ import main
sys.exit(main(sys.argv[2:]))
"""

#: Runs the command line as it is.
_PLAIN = "import sys\nfrom eu_iot_coop.__main__ import main\nsys.exit(main(sys.argv[1:]))\n"

_ORGANISATION = OVERLAY_ORGANISATION
#: A valid data file that is not in canonical form, so that fmt rewrites it, and larger than the file-size limit.
_NOT_CANONICAL = json.dumps(
    {"kind": "organisation", "records": [{**_ORGANISATION, "id": f"fmt-body-{n:02}"} for n in range(40)]}
)


def _leftovers(folder: Path) -> list[str]:
    """Temporary files or folders of the write mechanism under *folder*."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".eic-*"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _old_file(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(_NOT_CANONICAL if name.endswith(".json") and "data" in name else "old content\n")
        return path

    return make


def _old_csv_folder(folder: Path) -> Path:
    path = folder / "csv"
    path.mkdir()
    (path / "entities.csv").write_text("id\nold\n", encoding="utf-8")
    (path / "metadata.json").write_text('{"old": true}\n', encoding="utf-8")
    return path


#: What each case writes: (set up the old target, the command's arguments for that target).
CASES: dict[str, tuple[Callable[[Path], Path], Callable[[Path], list[str]]]] = {
    "fmt": (_old_file("data.json"), lambda target: ["fmt", str(target)]),
    "draw": (_old_file("out.svg"), lambda target: ["draw", "--around", "aioti", "--output", str(target)]),
    **{
        f"export {fmt}": (
            _old_file(f"out.{fmt}"),
            lambda target, fmt=fmt: ["export", "--format", fmt, "--output", str(target)],
        )
        for fmt in ("json", "graphml", "jsonld", "turtle", "sqlite")
    },
    "export csv": (_old_csv_folder, lambda target: ["export", "--format", "csv", "--output", str(target)]),
}


def _stop_mid_write(folder: Path, argv: Sequence[str], signum: int) -> subprocess.CompletedProcess[str]:
    announce = folder.parent / "announce"
    child = subprocess.Popen(
        [sys.executable, "-c", _STALLED, str(announce), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not announce.exists():
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            out, err = child.communicate()
            pytest.fail(f"the command never reached its write: {child.returncode} {err}")
        time.sleep(0.05)
    assert _leftovers(folder), "the signal must land while the temporary file exists"
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_sigterm_mid_write_leaves_the_old_target_and_no_temporary_file(tmp_path: Path, case: str) -> None:
    """SIGTERM while the new file is being written: the old content stays, the temporary file goes."""
    folder = tmp_path / "out"
    folder.mkdir()
    make_old, argv = CASES[case]
    target = make_old(folder)
    before = _snapshot(folder)
    result = _stop_mid_write(folder, argv(target), signal.SIGTERM)
    assert result.returncode == -signal.SIGTERM, result.stderr  # still ended by the signal, as it asked
    assert "Traceback" not in result.stderr
    assert _snapshot(folder) == before
    assert _leftovers(folder) == []


@pytest.mark.slow
@pytest.mark.parametrize("case", ["fmt", "export sqlite", "export csv"])
def test_ctrl_c_mid_write_leaves_the_old_target_and_no_temporary_file(tmp_path: Path, case: str) -> None:
    """SIGINT (Ctrl-C) while writing: exit 130, the old content stays, the temporary file goes."""
    folder = tmp_path / "out"
    folder.mkdir()
    make_old, argv = CASES[case]
    target = make_old(folder)
    before = _snapshot(folder)
    result = _stop_mid_write(folder, argv(target), signal.SIGINT)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(folder) == before
    assert _leftovers(folder) == []


def _limit_file_size() -> None:
    import resource  # POSIX only, and only in the child

    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def _run_limited(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PLAIN, *argv],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size,
        check=False,
    )


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=() if case == "export sqlite" else pytest.mark.slow)
        for case in ("fmt", "export json", "export sqlite", "export csv", "draw")
    ],
)
def test_a_file_size_limit_is_a_one_line_error_naming_the_path(tmp_path: Path, case: str) -> None:
    """Under ``ulimit -f``: exit 2, one line naming the output and saying the old file stays; it does."""
    folder = tmp_path / "out"
    folder.mkdir()
    make_old, argv = CASES[case]
    target = make_old(folder)
    before = _snapshot(folder)
    result = _run_limited(argv(target))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(target) in result.stderr
    assert "ulimit -f" in result.stderr
    assert ".eic-" not in result.stderr
    assert _snapshot(folder) == before
    assert _leftovers(folder) == []


@pytest.mark.parametrize("chunked", [False, True], ids=["whole", "chunks"])
def test_the_sigterm_handling_is_there_only_while_writing(tmp_path: Path, chunked: bool) -> None:
    """The write puts back the SIGTERM disposition it found, whether it succeeded or failed."""
    from eu_iot_coop import _write

    before = signal.getsignal(signal.SIGTERM)
    if chunked:
        _write.write_chunks(tmp_path / "a.txt", iter(["a"]))
    else:
        _write.write_text(tmp_path / "a.txt", "a")

    def failing(file: Path) -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        _write.write_file(tmp_path / "b.txt", failing)
    assert signal.getsignal(signal.SIGTERM) is before
    assert os.listdir(tmp_path) == ["a.txt"]


#: Writes the file argv[1] (holding "old") in chunks, and in the middle of them does what argv[2] says.
_CHUNKED = """
import os, resource, signal, sys
from pathlib import Path
from eu_iot_coop import _write
from eu_iot_coop.exceptions import WriteError
if sys.argv[2] == "limit":
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
def chunks():
    yield "new " * 10_000
    if sys.argv[2] == "sigterm":
        os.kill(os.getpid(), signal.SIGTERM)
    yield "more"
try:
    _write.write_chunks(Path(sys.argv[1]), chunks())
except WriteError as error:
    print(error, file=sys.stderr)
    sys.exit(2)
"""


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["sigterm", "limit"])
def test_a_chunked_write_stopped_between_chunks_leaves_the_old_file(tmp_path: Path, stop: str) -> None:
    """SIGTERM, or the file-size limit, while chunks are still being made: the old file, no temporary one."""
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _CHUNKED, str(target), stop], capture_output=True, text=True, timeout=120, check=False
    )
    if stop == "sigterm":
        assert result.returncode == -signal.SIGTERM, result.stderr
    else:
        assert result.returncode == 2, result.stderr
        assert str(target) in result.stderr
        assert "ulimit -f" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        pytest.param(["stats", "--json"], marks=pytest.mark.slow),
        pytest.param(["show", "aioti"], marks=pytest.mark.slow),
    ],
)
def test_a_closed_standard_output_is_a_one_line_error(argv: list[str]) -> None:
    """``stats >&-``: exit 2 and one line saying standard output is closed, no traceback."""
    result = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" "$@" >&-', sys.executable, "-c", _PLAIN, *argv],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "standard output is closed" in result.stderr


@pytest.mark.slow
def test_a_closed_standard_output_does_not_stop_a_write_to_a_file(tmp_path: Path) -> None:
    """A command that writes its result to --output needs no standard output."""
    target = tmp_path / "out.json"
    result = subprocess.run(
        [
            "/bin/sh",
            "-c",
            'exec "$0" "$@" >&-',
            sys.executable,
            "-c",
            _PLAIN,
            "export",
            "--format",
            "json",
            "--output",
            str(target),
        ],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["entities"]


@pytest.mark.slow
def test_processes_exporting_csv_to_one_folder_leave_one_whole_export(tmp_path: Path) -> None:
    """Six processes exporting CSV to one folder at once: all succeed, and the folder is one whole export."""
    folder = tmp_path / "csv"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _PLAIN, "export", "--format", "csv", "--output", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    assert sorted(os.listdir(tmp_path)) == ["csv"]
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert sorted(table["url"] for table in metadata["tables"]) == sorted(
        name for name in os.listdir(folder) if name.endswith(".csv")
    )
