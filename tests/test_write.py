"""The one write mechanism: whole files or nothing, short temporary names, clear errors, never inside the package."""

from __future__ import annotations

import errno
import hashlib
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import _write
from eu_iot_coop.__main__ import main
from eu_iot_coop.exceptions import ExportError, WriteError

PACKAGE = _write.PACKAGE
DATA = PACKAGE / "data"


def in_chunks(text: str, size: int = 3) -> Iterator[str]:
    """*text* a few characters at a time, made only as the chunked writer asks for them."""
    for start in range(0, len(text), size):
        yield text[start : start + size]


def write_in_chunks(path: Path, text: str, **options: Any) -> Path:
    """:func:`_write.write_chunks` of *text* cut into small chunks: the path streamed exports take."""
    return _write.write_chunks(path, in_chunks(text), **options)


#: Both ways of writing text, whole or chunk by chunk: every guarantee of the one write holds for each.
TEXT_WRITERS = pytest.mark.parametrize("write_text", [_write.write_text, write_in_chunks], ids=["whole", "chunks"])


def _package_state() -> dict[str, str]:
    """Every file under the package directory (caches aside) with its SHA-256."""
    return {
        str(path.relative_to(PACKAGE)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture
def package_unchanged() -> Iterator[None]:
    """Fail the test if any file of the package was added, removed or changed."""
    before = _package_state()
    yield
    assert _package_state() == before


@pytest.mark.usefixtures("package_unchanged")
@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "csv", "--output", str(DATA)],
        ["export", "--format", "csv", "--output", str(DATA / "new-folder")],
        ["export", "--format", "json", "--output", str(DATA / "people.json")],
        ["export", "--format", "sqlite", "--output", str(PACKAGE / "x.sqlite")],
        ["draw", "--output", str(DATA / "sources.json")],
        ["fmt", str(DATA)],
        ["fmt", str(DATA / "people.json")],
    ],
    ids=lambda argv: " ".join(a.replace(str(PACKAGE), "<pkg>") for a in argv),
)
def test_no_command_writes_inside_an_installed_package(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes into the package are refused with exit 2, one line naming the path and where to write instead."""
    monkeypatch.setattr(_write, "in_checkout", lambda package: False)  # as when installed (site-packages)
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert argv[-1] in err
    assert "inside the eu_iot_coop package" in err
    assert "somewhere else" in err


@pytest.mark.usefixtures("package_unchanged")
def test_exports_are_refused_inside_the_package_of_a_checkout_too(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the maintainers' writers may write a checkout's package data: an export never may."""
    assert main(["export", "--format", "json", "--output", str(DATA / "people.json")]) == 2
    assert "inside the eu_iot_coop package" in capsys.readouterr().err


@TEXT_WRITERS
@pytest.mark.usefixtures("package_unchanged")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX symlinks")
def test_a_symlink_into_the_package_is_refused(tmp_path: Path, write_text: Callable[..., Path]) -> None:
    """The guard resolves symlinks: a link to the data folder is the data folder."""
    link = tmp_path / "innocent"
    link.symlink_to(DATA)
    with pytest.raises(ExportError, match="inside the eu_iot_coop package") as caught:
        write_text(link / "people.json", "{}", error=ExportError)
    assert caught.value.path == str(link / "people.json")
    with pytest.raises(WriteError, match="inside the eu_iot_coop package"):
        _write.write_folder(link, lambda folder: None, names=())


@TEXT_WRITERS
def test_maintainers_writers_may_write_package_data_of_a_checkout_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_text: Callable[..., Path]
) -> None:
    """``package_data=True`` is honoured in a source checkout, refused in an installed copy."""
    fake = tmp_path / "src" / "eu_iot_coop"
    (fake / "data").mkdir(parents=True)
    monkeypatch.setattr(_write, "PACKAGE", fake)
    with pytest.raises(WriteError, match="inside the eu_iot_coop package"):
        write_text(fake / "data" / "manifest.json", "{}", package_data=True)
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    write_text(fake / "data" / "manifest.json", "{}", package_data=True)
    assert (fake / "data" / "manifest.json").read_text(encoding="utf-8") == "{}"
    with pytest.raises(WriteError):
        write_text(fake / "data" / "other.json", "{}")


@TEXT_WRITERS
def test_a_target_name_near_the_file_system_limit_still_gets_a_temporary_file(
    tmp_path: Path, write_text: Callable[..., Path]
) -> None:
    """The temporary name does not grow with the target's, so a 250-character name works."""
    name = "x" * 246 + ".svg"
    write_text(tmp_path / name, "<svg/>")
    assert (tmp_path / name).read_text(encoding="utf-8") == "<svg/>"
    folder = tmp_path / ("y" * 250)
    _write.write_folder(folder, lambda temporary: (temporary / "a.csv").write_text("a\n"), names=("a.csv",))
    assert sorted(os.listdir(folder)) == ["a.csv"]


@TEXT_WRITERS
def test_an_unwritable_folder_is_named_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_text: Callable[..., Path]
) -> None:
    """A permission error (here simulated: the tests may run as root) names the target and its folder."""
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if Path(path).name.startswith(".eic-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(_write.os, "open", refusing_open)
    target = tmp_path / "out.json"
    with pytest.raises(WriteError) as caught:
        write_text(target, "{}")
    message = str(caught.value)
    assert message.startswith(f"{target}: could not be written (Permission denied in its folder {tmp_path})")
    assert ".eic-" not in message
    assert "nothing was written" in message
    assert os.listdir(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_says_so(tmp_path: Path) -> None:
    """An OSError while filling (ENOSPC) becomes the caller's error class; the old file stays."""
    target = tmp_path / "out.sqlite"
    target.write_text("old", encoding="utf-8")

    def full(file: Path) -> None:
        file.write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device", str(file))

    with pytest.raises(ExportError, match="old file is left as it was") as caught:
        _write.write_file(target, full, error=ExportError)
    assert caught.value.path == str(target)
    assert "free some space" in caught.value.fix
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.sqlite"]


@pytest.mark.parametrize("failure", [RuntimeError("stop"), OSError(errno.ENOSPC, "No space left on device")])
def test_a_chunk_that_fails_mid_file_leaves_the_old_file(tmp_path: Path, failure: Exception) -> None:
    """Chunks already written when a later one fails (a bug, a full disk) are thrown away with the temporary file."""
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "x" * 100_000  # more than one buffer: part of the new text has reached the temporary file
        raise failure

    with pytest.raises((RuntimeError, ExportError)) as caught:
        _write.write_chunks(target, chunks(), error=ExportError)
    if isinstance(failure, OSError):
        assert isinstance(caught.value, ExportError)
        assert caught.value.path == str(target)
        assert "old file is left as it was" in str(caught.value)
        assert "free some space" in caught.value.fix
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.json"]


def test_chunks_are_drawn_while_the_file_is_written(tmp_path: Path) -> None:
    """The writer draws each chunk only when it writes it, so a caller never needs the whole text at once."""
    target = tmp_path / "out.txt"
    drawn: list[int] = []

    def chunks() -> Iterator[str]:
        for number in range(3):
            drawn.append(number)
            yield f"{number}\n"

    made = chunks()
    assert drawn == []
    assert _write.write_chunks(target, made) == target
    assert drawn == [0, 1, 2]
    assert target.read_text(encoding="utf-8") == "0\n1\n2\n"


def test_a_folder_with_files_of_its_own_is_refused_and_kept(tmp_path: Path) -> None:
    """A folder swap never removes a file the writer did not write (say, ``--output ~`` by mistake)."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "thesis.tex").write_text("years of work", encoding="utf-8")
    (folder / "entities.csv").write_text("old", encoding="utf-8")
    with pytest.raises(ExportError, match=r"holding files this did not write \(thesis.tex\)"):
        _write.write_folder(folder, lambda t: None, names=("entities.csv",), error=ExportError)
    assert sorted(os.listdir(folder)) == ["entities.csv", "thesis.tex"]
    file = tmp_path / "file"
    file.write_text("a file", encoding="utf-8")
    with pytest.raises(WriteError, match="not a folder"):
        _write.write_folder(file, lambda t: None, names=())


def test_a_folder_is_swapped_in_whole_or_not_at_all(tmp_path: Path) -> None:
    """The new folder replaces the old one entirely; a failed fill leaves the old one as it was."""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "old.csv").write_text("old", encoding="utf-8")
    (folder / "metadata.json").write_text("old", encoding="utf-8")
    names = ("old.csv", "new.csv", "metadata.json")

    def failing(temporary: Path) -> None:
        (temporary / "new.csv").write_text("new", encoding="utf-8")
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        _write.write_folder(folder, failing, names=names)
    assert sorted(os.listdir(tmp_path)) == ["csv"]
    assert sorted(os.listdir(folder)) == ["metadata.json", "old.csv"]

    def filling(temporary: Path) -> None:
        (temporary / "new.csv").write_text("new", encoding="utf-8")
        (temporary / "metadata.json").write_text("new", encoding="utf-8")

    _write.write_folder(folder, filling, names=names)
    assert sorted(os.listdir(tmp_path)) == ["csv"]
    assert sorted(os.listdir(folder)) == ["metadata.json", "new.csv"]
    assert (folder / "metadata.json").read_text(encoding="utf-8") == "new"


@TEXT_WRITERS
@given(text=st.text())
def test_written_text_reads_back_exactly_and_alone(text: str, write_text: Callable[..., Path]) -> None:
    """Whatever the text (newlines of every kind included), the file holds exactly it, and nothing else is left."""
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.txt"
        target.write_text("old", encoding="utf-8")
        write_text(target, text)
        assert target.read_bytes() == text.encode("utf-8")
        assert os.listdir(folder) == ["out.txt"]


def test_concurrent_folder_writes_leave_one_whole_folder(tmp_path: Path) -> None:
    """Eight threads swapping in folders at one path: one complete folder wins, nothing else is left."""
    folder = tmp_path / "csv"
    names = ("a.csv", "b.csv", "metadata.json")
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        def fill(temporary: Path) -> None:
            for name in names:
                (temporary / name).write_text(f"{number}\n" * 1000, encoding="utf-8")

        try:
            for _ in range(5):
                _write.write_folder(folder, fill, names=names)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(os.listdir(tmp_path)) == ["csv"]
    assert sorted(os.listdir(folder)) == sorted(names)
    contents = {(folder / name).read_text(encoding="utf-8") for name in names}
    assert len(contents) == 1  # the metadata describes the tables beside it: all from one writer
