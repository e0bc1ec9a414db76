"""Where an export's files go: complete files only, written through a symlink, never over anything but a file.

Every file an export writes passes through :func:`write_file`. It resolves a symlink at the
path to the file it points to, so the link stays and its target is replaced; it refuses a
directory, a device, a FIFO or a socket with an :class:`~eu_iot_coop.exceptions.ExportError`
naming the path; and it fills a new file in the target's own directory, then renames it over
the target, so the replacement is atomic and a failed export leaves the old file as it was. A
replaced file keeps its permission bits; a new one gets those ``open(path, "w")`` would give it.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from eu_iot_coop.exceptions import ExportError

_NOT_A_FILE = {
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}


def target_of(path: Path) -> Path:
    """The regular file an export to *path* replaces: *path* itself, or where a symlink at *path* leads."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:  # a symlink loop, a path through a file, no permission
        raise ExportError(
            str(path), f"cannot be resolved ({error.strerror})", "give a path to a new or regular file"
        ) from None
    if not stat.S_ISREG(mode):
        what = _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file")
        inside = " inside it" if stat.S_ISDIR(mode) else ""
        raise ExportError(
            str(path),
            f"is {what}; an export replaces only a regular file",
            f"give a path to a new or regular file{inside}",
        )
    return target


def _new_file_beside(path: Path) -> Path:
    """A new, empty file in *path*'s directory, with the permissions ``open(path, "w")`` would give it."""
    while True:
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            # Not tempfile.mkstemp: its 0600 would survive the rename, unlike a plain file's umask-based mode.
            handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        os.close(handle)
        return candidate


def _keep_mode(target: Path, replacement: Path) -> None:
    # A file replaced in place keeps its permissions: a private 0600 export must not become readable by others.
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    os.chmod(replacement, stat.S_IMODE(mode))


def write_file(path: Path, fill: Callable[[Path], None]) -> Path:
    """Have *fill* write a new file beside :func:`target_of` *path*, then rename it over the target; return *path*."""
    target = target_of(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _new_file_beside(target)
    try:
        fill(temporary)
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """:func:`write_file` with *text* as UTF-8, line endings as given."""

    def fill(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8", newline="")

    return write_file(path, fill)
