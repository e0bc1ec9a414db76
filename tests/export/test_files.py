"""Where exports write: through symlinks, never over a directory, device, FIFO or socket, atomically."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from eu_iot_coop import Dataset, _write, export
from eu_iot_coop.__main__ import main
from eu_iot_coop.exceptions import ExportError

from ..sample_graph import sample_dataset

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX symlinks, FIFOs and device nodes")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The hand-made sample dataset."""
    return sample_dataset()


def _sqlite_ok(path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone() == ("test.1",)
    finally:
        connection.close()


#: Each file-writing export, and a check that a file it wrote is complete.
WRITERS: dict[str, tuple[Callable[[Dataset, Path], object], Callable[[Path], bool]]] = {
    "sqlite": (export.to_sqlite, _sqlite_ok),
    "json": (export.to_json, lambda path: path.read_text("utf-8").startswith("{")),
    "graphml": (export.to_graphml, lambda path: "<graphml" in path.read_text("utf-8")),
    "turtle": (export.to_turtle, lambda path: path.read_text("utf-8").startswith("@prefix")),
    "jsonld": (export.to_jsonld, lambda path: '"@context"' in path.read_text("utf-8")),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_symlink_keeps_pointing_at_the_replaced_target(dataset: Dataset, tmp_path: Path, fmt: str) -> None:
    """Exporting to a symlink replaces the file it points to (in another directory) and leaves the link a link."""
    writer, complete = WRITERS[fmt]
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(target)
    writer(dataset, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert complete(target)
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out"]  # no temporary file left


def test_a_dangling_symlink_gets_its_target_created(dataset: Dataset, tmp_path: Path) -> None:
    """A symlink to a file that does not exist yet stays a link; the database is written where it points."""
    link = tmp_path / "db.sqlite"
    link.symlink_to(tmp_path / "elsewhere.sqlite")
    export.to_sqlite(dataset, link)
    assert link.is_symlink()
    assert _sqlite_ok(tmp_path / "elsewhere.sqlite")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_fifo_is_refused_and_kept(dataset: Dataset, tmp_path: Path, fmt: str) -> None:
    """A FIFO at the output path (or behind a symlink there) is refused with an ExportError naming the path."""
    writer, _ = WRITERS[fmt]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    for path in (fifo, link):
        with pytest.raises(ExportError, match="FIFO") as caught:
            writer(dataset, path)
        assert caught.value.path == str(path)
        assert str(path) in str(caught.value)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "pipe"]


def test_a_device_node_is_refused_and_kept(dataset: Dataset, tmp_path: Path) -> None:
    """A character device at the output path is refused; it is not replaced by a regular file."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        device = Path(os.devnull)  # cannot make one here: use the system's own, which must survive too
    with pytest.raises(ExportError, match="character device") as caught:
        export.to_sqlite(dataset, device)
    assert caught.value.path == str(device)
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_directory_is_refused(dataset: Dataset, tmp_path: Path) -> None:
    """A directory at the output path is refused, and what is in it is left alone."""
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ExportError, match="directory") as caught:
        export.to_sqlite(dataset, folder)
    assert "inside it" in caught.value.fix
    assert folder.is_dir()
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_the_temporary_file_sits_beside_the_final_target(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file renamed over the target is in the target's directory, so the rename is atomic."""
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def recording_replace(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
        renames.append((Path(source), Path(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(_write.os, "replace", recording_replace)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    link = tmp_path / "a" / "db.sqlite"
    link.symlink_to(tmp_path / "b" / "db.sqlite")
    export.to_sqlite(dataset, link)
    export.to_csv(dataset, tmp_path / "csv")
    assert renames
    for source, destination in renames:
        assert source.parent == destination.parent
    assert renames[0][1] == tmp_path / "b" / "db.sqlite"


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    """When writing fails half-way, the old file is untouched and no temporary file is left."""
    path = tmp_path / "out.sqlite"
    path.write_text("old", encoding="utf-8")

    def failing(file: Path) -> None:
        file.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        _write.write_file(path, failing)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.sqlite"]


def test_the_command_line_refuses_a_fifo_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export --format sqlite --output FIFO exits 2 with one line naming the path; text formats too."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for fmt in ("sqlite", "json"):
        code = main(["export", "--format", fmt, "--output", str(fifo)])
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1
        assert str(fifo) in err
        assert "FIFO" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_the_command_line_writes_through_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export --format turtle --output LINK keeps the link and replaces its target."""
    target = tmp_path / "data.ttl"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    assert main(["export", "--format", "turtle", "--output", str(link)]) == 0
    capsys.readouterr()
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("@prefix")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_replaced_file_keeps_its_permissions(dataset: Dataset, tmp_path: Path, fmt: str) -> None:
    """An export over an existing 0600 file (here behind a symlink) leaves it 0600, not the umask's mode."""
    writer, complete = WRITERS[fmt]
    target = tmp_path / "private"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link"
    link.symlink_to(target)
    writer(dataset, link)
    assert complete(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
