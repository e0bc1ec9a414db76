"""Every file the package writes: complete or not at all, never inside the package itself.

Exports, drawings, the formatter and the maintainers' writers all write through
:func:`write_file` (one file; :func:`write_text` and :func:`write_chunks`, which
streams text chunk by chunk, fill it with text) or :func:`write_folder` (a folder of
files that belong together, such as a CSV export). Either one:

- refuses a target inside the package's own directory (symlinks resolved), so that no
  command can damage the installed data; only a maintainers' writer, in a source
  checkout, may write the package's data (``package_data=True``);
- follows a symlink at the path to what it points to (the link stays), and refuses a
  directory, device, FIFO or socket in a file's place;
- fills a temporary file (or folder) beside the target, flushes and syncs it, then
  renames it over the target, so a reader sees the old content or the new, never a mix;
- on any failure (an exception, Ctrl-C, SIGTERM, a full disk, a file-size limit) removes
  the temporary file and leaves the old target as it was; an ``OSError`` becomes the
  caller's :class:`~eu_iot_coop.exceptions.WriteError` naming the target, not the
  temporary file. SIGTERM, whose default would end the process before any clean-up,
  is caught only while a write runs in the main thread, then delivered again once the
  temporary file is gone.

A replaced file keeps its permission bits; a new one gets those ``open(path, "w")`` gives.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from types import FrameType

from eu_iot_coop.exceptions import WriteError

#: The package's own directory, symlinks resolved: nothing but a maintainers' writer writes inside it.
PACKAGE = Path(os.path.realpath(Path(__file__).parent))

_NOT_A_FILE = {
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}

#: What to do when an OSError stopped a write, by errno.
_FIXES = {
    errno.ENOSPC: "free some space, or write somewhere else",
    errno.EFBIG: "the file is larger than this process may write (ulimit -f): raise the limit",
    errno.EACCES: "write to a folder you may write to, or change its permissions",
    errno.EPERM: "write to a folder you may write to, or change its permissions",
    errno.EROFS: "the file system is read-only: write somewhere else",
}


def in_checkout(package: Path) -> bool:
    """Whether *package* (a copy of ``eu_iot_coop``) is ``src/eu_iot_coop`` of a source checkout, not installed."""
    return package.parent.name == "src" and (package.parent.parent / "pyproject.toml").is_file()


def inside_package(path: str | os.PathLike[str]) -> bool:
    """Whether *path*, symlinks resolved, is the package's directory or lies inside it."""
    resolved = Path(os.path.realpath(path))
    return resolved == PACKAGE or PACKAGE in resolved.parents


def refuse_package(
    path: str | os.PathLike[str], error: type[WriteError] = WriteError, *, package_data: bool = False
) -> None:
    """Raise *error* if *path* lies inside the package, unless *package_data* (a maintainers' writer) in a checkout."""
    if not inside_package(path) or (package_data and in_checkout(PACKAGE)):
        return
    raise error(
        str(path),
        f"is inside the eu_iot_coop package ({PACKAGE}), whose files must stay as they were installed",
        f"write it somewhere else, e.g. ./{Path(path).name or 'output'} in a folder of your own",
    )


def regular_target(path: Path, error: type[WriteError] = WriteError) -> Path:
    """The regular file a write to *path* replaces (*path*, or where a symlink there leads), which may not exist yet."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as failure:  # a symlink loop, a path through a file, no permission
        raise error(
            str(path), f"cannot be resolved ({failure.strerror})", "give a path to a new or regular file"
        ) from None
    if not stat.S_ISREG(mode):
        what = _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file")
        inside = " inside it" if stat.S_ISDIR(mode) else ""
        raise error(
            str(path), f"is {what}; only a regular file is replaced", f"give a path to a new or regular file{inside}"
        )
    return target


def _temporary_name(target: Path, suffix: str) -> Path:
    # Short and fixed-length, so that a target whose name is near the file system's limit still gets one.
    return target.with_name(f".eic-{os.urandom(6).hex()}.{suffix}")


def _new_file_beside(target: Path) -> Path:
    """A new, empty file in *target*'s directory, with the permissions ``open(path, "w")`` would give it."""
    while True:
        candidate = _temporary_name(target, "tmp")
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


def _sync(path: Path) -> None:
    """Flush the file *path* to the disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _sync_folder(path: Path) -> None:
    """Flush a folder's entries (a rename just made in it) to the disk, where the system allows it."""
    # Best effort: the rename has happened, so a folder that cannot be synced (Windows, some file
    # systems) must not turn a finished write into a reported failure.
    with contextlib.suppress(OSError):
        _sync(path)


class _Terminated(BaseException):
    """SIGTERM arrived while a write was under way."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminable() -> Iterator[None]:
    """Let SIGTERM unwind the block (so temporary files are removed), then end the process as SIGTERM would have."""
    if (
        not hasattr(signal, "SIGTERM")
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield  # another thread, or a handler of the program's own (or an outer write), decides
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)
        raise  # pragma: no cover - only when SIGTERM is blocked
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a few renames that must happen together."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:  # pragma: no cover - Windows
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def _as_write_error(failure: OSError, path: Path, existed: bool, error: type[WriteError]) -> WriteError:
    reason = failure.strerror or str(failure)
    left = "the old file is left as it was" if existed else "nothing was written"
    if failure.errno in (errno.EACCES, errno.EPERM) and failure.filename is not None:
        reason = f"{reason} in its folder {Path(path).parent or '.'}"
    fix = _FIXES.get(failure.errno or 0, "check the path and the space left")
    return error(str(path), f"could not be written ({reason}); {left}", fix)


def write_file(
    path: Path, fill: Callable[[Path], None], *, error: type[WriteError] = WriteError, package_data: bool = False
) -> Path:
    """Have *fill* write a new file beside the target of *path*, then rename it over the target; return *path*.

    *error* is the :class:`~eu_iot_coop.exceptions.WriteError` class to raise (exports raise
    :class:`~eu_iot_coop.exceptions.ExportError`); *package_data* lets a maintainers' writer
    replace the package's own data in a source checkout.
    """
    refuse_package(path, error, package_data=package_data)
    target = regular_target(path, error)
    existed = target.exists()
    with _terminable():
        temporary: Path | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = _new_file_beside(target)
            fill(temporary)
            _sync(temporary)
            _keep_mode(target, temporary)
            os.replace(temporary, target)
            _sync_folder(target.parent)
        except BaseException as failure:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
            if isinstance(failure, OSError):
                raise _as_write_error(failure, path, existed, error) from failure
            raise
    return path


def write_chunks(
    path: Path, chunks: Iterable[str], *, error: type[WriteError] = WriteError, package_data: bool = False
) -> Path:
    """:func:`write_file` with the text *chunks* as UTF-8, one after another, line endings as given.

    The chunks are drawn one at a time while the temporary file is written, so a large document
    produced record by record never has to exist whole in memory.
    """

    def fill(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8", newline="") as file:
            for chunk in chunks:
                file.write(chunk)

    return write_file(path, fill, error=error, package_data=package_data)


def write_text(path: Path, text: str, *, error: type[WriteError] = WriteError, package_data: bool = False) -> Path:
    """:func:`write_chunks` of the one chunk *text*."""
    return write_chunks(path, (text,), error=error, package_data=package_data)


def write_folder(
    path: Path,
    fill: Callable[[Path], None],
    *,
    names: Collection[str],
    error: type[WriteError] = WriteError,
) -> Path:
    """Have *fill* write the files *names* into a new folder beside *path*, then swap it in whole; return *path*.

    A folder already at *path* is replaced only when it holds nothing but files of those
    *names* (an earlier run's), so no file of anyone else's is ever removed; a folder with
    other files, or a file at *path*, is refused with *error*. A symlink at *path* is
    followed (the link stays).
    """
    refuse_package(path, error)
    target = Path(os.path.realpath(path))
    existed = target.exists()
    if existed:
        _check_replaceable_folder(path, target, names, error)
    with _terminable():
        temporary: Path | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = _temporary_name(target, "tmp")
            os.mkdir(temporary, 0o777)
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            fill(temporary)
            for name in os.listdir(temporary):
                _sync(temporary / name)
            _swap_in(temporary, target)
            _sync_folder(target.parent)
        except BaseException as failure:
            if temporary is not None:
                _remove_folder(temporary)
            if isinstance(failure, OSError):
                raise _as_write_error(failure, path, existed, error) from failure
            raise
    return path


def _check_replaceable_folder(path: Path, target: Path, names: Collection[str], error: type[WriteError]) -> None:
    # A folder that is gone by now was being swapped by another writer at the same path: nothing to protect.
    try:
        if not stat.S_ISDIR(os.stat(target).st_mode):
            raise error(str(path), "is not a folder, and this writes a folder of files", "give a path to a new folder")
        others = sorted(set(os.listdir(target)) - set(names))
    except FileNotFoundError:
        return
    except OSError as failure:
        raise _as_write_error(failure, path, True, error) from failure
    if others:
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise error(
            str(path),
            f"is a folder holding files this did not write ({shown}), and it replaces the whole folder",
            "give a new or empty folder, or one an earlier export of the same kind wrote",
        )


def _remove_folder(folder: Path) -> None:
    # Deliberately lazy: shutil (and the compression modules it loads) is needed only by folder writes.
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _swap_in(folder: Path, target: Path) -> None:
    """Rename *folder* to *target*, moving aside (then deleting) a folder already there."""
    asides: list[Path] = []
    try:
        while True:
            with _signals_held():
                try:
                    os.rename(folder, target)  # replaces nothing, or an empty folder
                    return
                except OSError as failure:
                    if failure.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                        raise
                aside = _temporary_name(target, "old")
                try:
                    os.rename(target, aside)
                except FileNotFoundError:  # another writer moved it meanwhile: try again
                    continue
                asides.append(aside)
                try:
                    os.rename(folder, target)
                    return
                except OSError as failure:
                    if failure.errno in (errno.ENOTEMPTY, errno.EEXIST):
                        continue  # another writer put its folder there meanwhile: move that aside too
                    os.rename(asides.pop(), target)  # give the old folder back
                    raise
    finally:
        for aside in asides:
            _remove_folder(aside)
