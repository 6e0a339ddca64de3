"""Writing files so that no reader ever sees a part of one.

Every file the package writes (cache entries, pages, seeds, reports) goes
through here: bytes land in a hidden temporary file beside the target, flushed
to disk, then take the target's name in one step.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Suffix of the temporary files :func:`atomic_write` makes; a crash may leave one
#: behind, and :func:`remove_stale_temporaries` recognises them by it.
TEMP_SUFFIX = ".briefings-tmp"


def _default_mode() -> int:
    """Permissions a plainly created file gets (0666 less the umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


def file_mode() -> int:
    """Permissions every file the generator writes gets (0666 less the umask at start)."""
    return _FILE_MODE


def _temporary(path: Path, raw: bytes, suffix: str = TEMP_SUFFIX) -> str:
    """A hidden temporary file beside ``path`` holding ``raw``, flushed to disk.

    Hidden (seed readers and MkDocs skip dot files) and with ordinary
    permissions (``mkstemp`` alone would make it readable by its owner only).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _FILE_MODE)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file so readers see the old content or the new, never a part.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    and the file is renamed over ``path`` (atomic on POSIX and Windows). A crash
    at any point leaves either the old file or the new one, plus at worst a
    temporary file that the next run removes. The file gets ordinary
    permissions (``mkstemp`` alone would make it readable by its owner only).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = _temporary(path, raw)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files an interrupted :func:`atomic_write` left under ``folder``.

    Only safe while no other writer uses the folder (the caller holds its lock).
    """
    removed = 0
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(top, name))
                    removed += 1
    return removed


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` in one step, never over an existing file.

    The bytes go to a hidden temporary file first (seed readers skip hidden
    files), which is then hard-linked under its name: the link fails if the
    name is taken, and a reader sees the whole file or none.
    """
    tmp = _temporary(path, data)
    try:
        try:
            os.link(tmp, path)
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                raise
            if path.exists():  # no hard links here: the next best, checked first
                raise FileExistsError(path) from None
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
