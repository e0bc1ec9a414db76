"""Plain messages for a byte-order mark, runaway nesting and missing permissions (issue 11)."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset
from eu_iot_coop._cli import main
from eu_iot_coop._ingest import MAX_DEPTH, read_paths
from eu_iot_coop._ingest._loader import parse_file
from eu_iot_coop.exceptions import DataError, DataFileError

from ..engine_support import valid_files, write_files

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
_ROOT_SKIP = pytest.mark.skipif(
    RUNNING_AS_ROOT,
    reason="running as root (os.geteuid() == 0): root reads and lists anything whatever its permissions",
)


def _valid_file(tmp_path: Path) -> Path:
    return write_files(tmp_path / "data", valid_files()) / "organisations.json"


def test_a_utf8_byte_order_mark_is_named_with_its_fix(tmp_path: Path) -> None:
    """A file starting with a UTF-8 BOM is refused in words: it names the mark and says to save without it."""
    path = _valid_file(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataFileError) as caught:
        read_paths([path])
    assert caught.value.file == str(path)
    assert "byte-order mark (BOM)" in caught.value.problem
    assert "without BOM" in caught.value.fix
    assert "utf-8-sig" not in str(caught.value)


@pytest.mark.parametrize("check", [True, False], ids=["fmt --check", "fmt"])
def test_fmt_leaves_a_file_with_a_byte_order_mark_as_it_is(
    check: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fmt refuses a file with a BOM with the same message and never rewrites it, byte for byte."""
    path = _valid_file(tmp_path)
    before = b"\xef\xbb\xbf" + path.read_bytes()
    path.write_bytes(before)
    code = main(["fmt", *(["--check"] if check else []), str(path)])
    assert code != 0
    assert "byte-order mark" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("mark", "encoding"),
    [
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
    ],
)
def test_utf16_and_utf32_files_are_named_as_such(mark: bytes, encoding: str) -> None:
    """A file in UTF-16 or UTF-32 (known by its byte-order mark) is called that, with the fix to save it as UTF-8."""
    [problem] = parse_file(mark + '{"kind": "topic", "records": []}'.encode("utf-16-le"), "x.json")[1]
    assert f"is {encoding} text" in problem.problem
    assert "UTF-8" in problem.fix


@given(depth=st.integers(MAX_DEPTH + 1, 20_000), closed=st.booleans(), opener=st.sampled_from(["[", '{"a":']))
def test_runaway_nesting_says_too_deep_and_the_limit(depth: int, closed: bool, opener: str) -> None:
    """Nesting beyond the limit, balanced or not, is 'nested too deeply' with the limit, never a recursion message."""
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "1" + (closer * depth if closed else "")
    [problem] = parse_file(text.encode(), "deep.json")[1]
    assert isinstance(problem, DataFileError)
    assert "nested too deeply" in problem.problem
    assert f"the limit is {MAX_DEPTH}" in problem.problem
    assert "recursion" not in str(problem)


@contextlib.contextmanager
def _denied(*paths: Path) -> Iterator[None]:
    """Make os.open and os.scandir refuse *paths* with EACCES, as for a user without permission (works as root)."""
    real_open, real_scandir = os.open, os.scandir
    refused = {os.fspath(p) for p in paths}

    def fake_open(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path) in refused:  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def fake_scandir(path: object = ".") -> object:
        if os.fspath(path) in refused:  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_scandir(path)  # type: ignore[call-overload]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", fake_open)
        patch.setattr(os, "scandir", fake_scandir)
        yield


def _assert_permission_problem(error: DataError, path: Path, what: str) -> None:
    assert isinstance(error, DataFileError)
    assert error.file == str(path)
    assert error.problem == f"permission denied: you may not read this {what}"
    assert "read permission" in error.fix
    assert "holds no data files" not in str(error)


def test_an_unreadable_file_says_permission_denied(tmp_path: Path) -> None:
    """A data file the user may not read is 'permission denied' naming the file (simulated, so it runs as root too)."""
    path = _valid_file(tmp_path)
    with pytest.raises(DataFileError) as caught, _denied(path):
        read_paths([path])
    _assert_permission_problem(caught.value, path, "file")


def test_an_unlistable_directory_is_not_called_empty(tmp_path: Path) -> None:
    """A directory the user may not list is 'permission denied', not 'holds no data files' (simulated)."""
    folder = write_files(tmp_path / "data", valid_files())
    with pytest.raises(DataFileError) as caught, _denied(folder):
        Dataset.from_files(folder)
    _assert_permission_problem(caught.value, folder, "directory")
    assert len(caught.value.problems) == 1


@_ROOT_SKIP
def test_a_file_without_read_permission_says_permission_denied(tmp_path: Path) -> None:
    """With the real permission bits: a file mode 000 is 'permission denied: you may not read this file'."""
    path = _valid_file(tmp_path)
    path.chmod(0)
    try:
        with pytest.raises(DataFileError) as caught:
            read_paths([path])
    finally:
        path.chmod(0o644)
    _assert_permission_problem(caught.value, path, "file")


@_ROOT_SKIP
def test_a_directory_without_read_permission_is_not_called_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the real permission bits: a directory mode 000 is 'permission denied', in load and in fmt."""
    folder = write_files(tmp_path / "data", valid_files())
    folder.chmod(0)
    try:
        with pytest.raises(DataFileError) as caught:
            Dataset.from_files(folder)
        code = main(["fmt", "--check", str(folder)])
    finally:
        folder.chmod(0o755)
    _assert_permission_problem(caught.value, folder, "directory")
    assert code != 0
    assert "permission denied" in capsys.readouterr().err


def test_fmt_of_an_unlistable_directory_fails_instead_of_finding_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fmt --check on a directory it may not list fails with 'permission denied' (simulated), never 'all canonical'."""
    folder = write_files(tmp_path / "data", valid_files())
    with _denied(folder):
        code = main(["fmt", "--check", str(folder)])
    captured = capsys.readouterr()
    assert code != 0
    assert "permission denied" in captured.err
    assert "canonical" not in captured.out
