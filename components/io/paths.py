"""What kind of events data a path holds, decided before anything opens it (no pandas,
numpy or Arrow here: ``python -m components.events validate`` on a data directory stands on
this and the loader alone).

* ``path_problem`` -- a FIFO or device (opening it could wait forever), a loop of symbolic
  links or a missing path, refused before anything opens it;
* ``is_curated`` -- a curated data directory (articles and events by hand, like ``data/``).
"""
from __future__ import annotations

import errno
import os
import stat as stat_mode
from pathlib import Path


def path_problem(path: Path) -> str | None:
    """Why ``path`` must not be opened as events data, or None for a plain file or directory."""
    try:
        info = os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return f"{path}: a loop of symbolic links (too many levels); point it at a real file or directory"
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"{path}: no such events file or data directory"
        return f"{path}: cannot be read: {err.strerror}"
    if stat_mode.S_ISREG(info.st_mode) or stat_mode.S_ISDIR(info.st_mode):
        return None
    kind = ("a named pipe (FIFO)" if stat_mode.S_ISFIFO(info.st_mode) else
            "a socket" if stat_mode.S_ISSOCK(info.st_mode) else "a device")
    return f"{path}: {kind}, not a file or directory; not opened (reading it could wait forever)"


def is_curated(path: Path) -> bool:
    """A curated data directory (articles and events by hand, like the bundled data/)."""
    return path.is_dir() and (path / "articles.csv").is_file()
