"""An exclusive lock on an output folder, so two generators never interleave writes.

``briefings generate --out DIR`` holds it while it writes ``DIR``; a second
generator writing the same folder waits for the first to finish rather than
mixing its pages and manifest with the other's. The lock is an advisory
``flock`` on a file inside the folder (``LockFileEx`` on Windows): the kernel
drops it when its holder exits, even on SIGKILL, so a crash never leaves a stale
lock behind. The lock file itself is never deleted (deleting it would let two
processes hold "the" lock on two different files).

What MkDocs builds needs no lock: ``mkdocs build`` and ``mkdocs serve`` write only
their own site folder, and the one thing they share with the CLI, the extraction
cache, is content-addressed and written atomically (two writers of one entry
write the same bytes, and readers see a whole file or none).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from briefings.errors import LockTimeout

LOCK_NAME = ".briefings.lock"

if sys.platform != "win32":  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

else:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextmanager
def folder_lock(
    folder: Path,
    timeout: float = 600.0,
    on_wait: Callable[[], None] | None = None,
    poll: float = 0.05,
) -> Iterator[None]:
    """Hold the exclusive lock of ``folder`` (created if missing) inside the block.

    Waits up to ``timeout`` seconds for another holder, calling ``on_wait`` once
    when it starts waiting; raises :class:`~briefings.errors.LockTimeout` after.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a lock file replaced by a link never makes us create a file elsewhere.
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        if not _try_lock(fd):
            if on_wait is not None:
                on_wait()
            deadline = time.monotonic() + timeout
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise LockTimeout(
                        f"{folder}: another generator has been writing here for over "
                        f"{timeout:.0f} s; try again when it has finished"
                    )
                time.sleep(poll)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


@contextmanager
def shared_use(folder: Path) -> Iterator[bool]:
    """Hold a shared lock on ``folder`` inside the block; yield whether no one else held it.

    Many builds may share a folder (the extraction cache) at once; the one that
    finds it unused at the start may clean up after killed ones. A folder that
    cannot be made or locked yields False: the caller simply cleans nothing.
    """
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fd = os.open(
            Path(folder) / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644
        )
    except OSError:
        yield False
        return
    try:
        alone = _try_lock(fd)
        with suppress(OSError):
            _share(fd)
        yield alone
    finally:
        os.close(fd)  # releases the lock


def _share(fd: int) -> None:
    """Turn this process's lock on ``fd`` into a shared one (taking it if need be)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no shared locks, nothing cleaned
        return
    fcntl.flock(fd, fcntl.LOCK_SH)
