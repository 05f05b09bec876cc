"""Writing output files so that a crash, a kill or a full disk never leaves a torn result.

* :func:`atomic_write` -- one file: written next to its target, renamed over it.
* :func:`replace_dir` -- an import directory as a whole (events.csv, events.parquet,
  import_report.json are one set): every file is written into a hidden staging folder
  beside the directory (``.NAME.staging-PID``), then the staging folder and the directory
  are exchanged in one ``renameat2(RENAME_EXCHANGE)`` call (Linux; elsewhere two renames),
  and the old set is removed. A reader sees the old set or the new one, never a mix.

Both keep file modes: a replaced file keeps its mode, a new one gets the usual mode for
the process umask (``tempfile`` would leave 0600). Other files a user keeps in the
directory are carried over (hard links). A failure or SIGTERM/SIGINT removes the staging
folder; after SIGKILL, which nothing can catch, it stays *beside* the directory (never
inside it) and the next :func:`replace_dir` of that directory removes it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def default_mode(directory: bool = False) -> int:
    """The mode a new file (0o666 & ~umask) or directory (0o777 & ~umask) gets."""
    return (0o777 if directory else 0o666) & ~_umask()


def _mode_of(path: Path, fallback: int) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return fallback


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """``write`` a temporary file next to ``path``, then rename it over ``path``: a failure
    leaves the previous complete file (or none), never a partial one, and no stray file.
    The file keeps the mode of the one it replaces (a new file: the umask's default)."""
    path = Path(path)
    mode = _mode_of(path, default_mode())
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def staging_prefix(target: Path) -> str:
    return f".{target.name}.staging-"


def remove_stale_staging(target: Path) -> list[Path]:
    """Staging folders of ``target`` left by a killed process (its PID no longer runs)."""
    removed = []
    for folder in target.parent.glob(staging_prefix(target) + "*"):
        pid = folder.name[len(staging_prefix(target)):].split("-")[0]
        if pid.isdigit() and _running(int(pid)) and int(pid) != os.getpid():
            continue                                  # another import is writing right now
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def replace_dir(target: Path, write: Callable[[Path], list[str]]) -> list[str]:
    """Replace the directory ``target`` as a whole by what ``write(folder)`` puts in a fresh
    folder (it returns the names it wrote); returns those names. See the module docstring."""
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()                     # replace what the link points at, keep the link
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=f"{staging_prefix(target)}{os.getpid()}-", dir=target.parent))
    try:
        written = write(staging)
        file_mode = default_mode()
        for name in written:
            os.chmod(staging / name, _mode_of(target / name, file_mode))
        if target.is_dir():
            _carry_over(target, staging, set(written))
        os.chmod(staging, _mode_of(target, default_mode(directory=True)))
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)        # now holds the old set
    return written


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """Files in ``old`` the import does not write (a user's notes) go along, as hard links."""
    for entry in old.iterdir():
        if entry.name in written or (new / entry.name).exists():
            continue
        if entry.is_file() and not entry.is_symlink():
            try:
                os.link(entry, new / entry.name)
            except OSError:
                shutil.copy2(entry, new / entry.name)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), new / entry.name)
        else:
            shutil.copytree(entry, new / entry.name, symlinks=True)


def _swap(staging: Path, target: Path) -> None:
    """Exchange ``staging`` and ``target`` (afterwards ``staging`` holds the old set)."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    # No atomic exchange here: two renames (a reader may find the directory missing for an
    # instant, never a mixed set).
    aside = staging.with_name(staging.name + "-old")
    os.rename(target, aside)
    os.rename(staging, target)
    os.rename(aside, staging)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE) through libc; False where it is not available."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):                         # EINVAL / ENOSYS / EOPNOTSUPP: no exchange here
        return False
    raise OSError(errno, os.strerror(errno), str(b))
