"""Writing generated pages into a folder without ever touching a file that is not ours.

``briefings generate --out DIR`` may point at a folder people also write in (a
``docs/`` folder with hand-written pages). Two rules keep their files safe:

* **Ownership is proved by content.** The manifest records, for every file this
  generator wrote, the SHA-256 of the bytes it wrote. A file is ours to replace
  or delete only while its bytes still have one of those hashes: a page someone
  replaced or edited by hand is left alone, whatever the manifest says, and so
  is a file in the way of a page we never wrote. Before writing, the manifest is
  widened with the hashes about to be written, for files already proved ours or
  absent, so a run killed at any point leaves every file it wrote provable, and
  never lists a hand-written one.
* **No path leaves the folder.** Every file is reached from the folder's own
  descriptor, one component at a time, refusing symbolic links
  (``O_NOFOLLOW``): a ``briefings/`` that is a link to elsewhere is neither
  written through nor deleted through, even if it is swapped in mid-run.

Every write is atomic (a temporary file in the same folder, flushed, renamed
over the target).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefings.build.locking import LOCK_NAME
from briefings.files import TEMP_SUFFIX, file_mode

MANIFEST = ".briefings-manifest.json"
MANIFEST_FORMAT = "briefings-manifest/2"

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_uri(uri: object) -> bool:
    """Whether ``uri`` names a file strictly inside a folder (a tampered one could not)."""
    if not isinstance(uri, str) or not uri or uri.startswith("/") or "\\" in uri or "\0" in uri:
        return False
    parts = uri.split("/")
    return all(part not in ("", ".", "..") for part in parts) and uri not in (MANIFEST, LOCK_NAME)


class UnsafePath(Exception):
    """A path component is a symbolic link, or not a folder: the file is not reachable safely."""


class Folder:
    """File operations relative to one folder, never following a symbolic link inside it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))

    def close(self) -> None:
        os.close(self.fd)

    @contextlib.contextmanager
    def parent(self, uri: str, create: bool = False) -> Iterator[tuple[int, str]]:
        """The descriptor of ``uri``'s folder and its file name (folders made if ``create``).

        Raises :class:`UnsafePath` when a component is a link or a file, and
        ``FileNotFoundError`` when it is missing and ``create`` is false.
        """
        *folders, name = uri.split("/")
        fds: list[int] = []
        current = self.fd
        try:
            for part in folders:
                try:
                    current = os.open(part, _DIR_FLAGS, dir_fd=current)
                except FileNotFoundError:
                    if not create:
                        raise
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, 0o777, dir_fd=current)
                    current = self._open_dir(part, current)
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                        raise UnsafePath(uri) from None
                    raise
                fds.append(current)
            yield current, name
        finally:
            for fd in fds:
                os.close(fd)

    @staticmethod
    def _open_dir(part: str, at: int) -> int:
        try:
            return os.open(part, _DIR_FLAGS, dir_fd=at)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                raise UnsafePath(part) from None
            raise

    def lstat(self, uri: str) -> os.stat_result | None:
        """The entry's own status (None when it or a folder on its way is missing)."""
        try:
            with self.parent(uri) as (fd, name):
                return os.stat(name, dir_fd=fd, follow_symlinks=False)
        except (FileNotFoundError, NotADirectoryError):
            return None

    def read(self, uri: str) -> bytes | None:
        """The bytes of a regular file reached safely (None when missing or not one)."""
        try:
            with self.parent(uri) as (fd, name):
                file = os.open(name, _READ_FLAGS, dir_fd=fd)
        except (FileNotFoundError, NotADirectoryError, UnsafePath):
            return None
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
                return None
            raise
        try:
            if not stat.S_ISREG(os.fstat(file).st_mode):
                return None
            chunks = []
            while chunk := os.read(file, 1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(file)

    def write(self, uri: str, data: bytes) -> None:
        """Replace ``uri`` atomically with ``data`` (folders on the way created)."""
        with self.parent(uri, create=True) as (fd, name):
            tmp = f".{name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            file = os.open(tmp, flags, 0o600, dir_fd=fd)
            try:
                with os.fdopen(file, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                    os.fchmod(f.fileno(), file_mode())
                os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp, dir_fd=fd)
                raise

    def remove(self, uri: str) -> None:
        """Delete ``uri`` and then each folder on its way that it leaves empty."""
        with self.parent(uri) as (fd, name):
            os.unlink(name, dir_fd=fd)
        folders = uri.split("/")[:-1]
        while folders:
            inner = folders.pop()
            try:
                with self.parent("/".join([*folders, inner])) as (fd, name):
                    os.rmdir(name, dir_fd=fd)
            except (OSError, UnsafePath):
                return

    def remove_temporaries(self) -> int:
        """Delete temporary files an interrupted write left (not through links)."""
        removed = 0
        for top, dirs, files in os.walk(self.root, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                    uri = Path(os.path.relpath(Path(top) / name, self.root)).as_posix()
                    with contextlib.suppress(OSError, UnsafePath):
                        st = self.lstat(uri)
                        if st is not None and stat.S_ISREG(st.st_mode):
                            with self.parent(uri) as (fd, leaf):
                                os.unlink(leaf, dir_fd=fd)
                            removed += 1
        return removed


@dataclass
class Manifest:
    """Files this generator wrote into a folder: each with the hashes of bytes it wrote there."""

    files: dict[str, set[str]] = field(default_factory=dict)
    #: Names listed by an earlier version, which recorded no hashes. Such a file is
    #: adopted only when its bytes are exactly what this run writes there.
    legacy: set[str] = field(default_factory=set)

    def owns(self, uri: str, data: bytes | None) -> bool:
        """Whether ``data``, the current bytes of ``uri``, are bytes this generator wrote there."""
        return data is not None and digest(data) in self.files.get(uri, ())

    def to_json(self) -> str:
        body = {uri: sorted(hashes) for uri, hashes in sorted(self.files.items())}
        return json.dumps({"format": MANIFEST_FORMAT, "files": body}, indent=1) + "\n"


def parse_manifest(data: bytes | None) -> Manifest:
    """The manifest in ``data``; anything unreadable or malformed is an empty one."""
    if data is None:
        return Manifest()
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Manifest()
    if isinstance(value, list):
        return Manifest(legacy={u for u in value if safe_uri(u)})
    if not isinstance(value, dict) or value.get("format") != MANIFEST_FORMAT:
        return Manifest()
    files = value.get("files")
    if not isinstance(files, dict):
        return Manifest()
    out: dict[str, set[str]] = {}
    for uri, hashes in files.items():
        if safe_uri(uri) and isinstance(hashes, list):
            out[uri] = {h for h in hashes if isinstance(h, str) and len(h) == 64}
    return Manifest(files=out)


def read_manifest(folder: Folder) -> Manifest:
    return parse_manifest(folder.read(MANIFEST))


def owned_files(folder: Path) -> list[str]:
    """Files of ``folder`` whose bytes are bytes a ``generate --out`` run wrote there.

    Files the manifest names but whose content changed since (a page someone
    replaced by hand), or that lie behind a symbolic link, are not among them.
    """
    try:
        handle = Folder(folder)
    except OSError:
        return []
    try:
        manifest = read_manifest(handle)
        return sorted(u for u in manifest.files if manifest.owns(u, handle.read(u)))
    finally:
        handle.close()


@dataclass
class WriteReport:
    changed: int = 0
    #: Targets left alone: not ours (hand-written, a link, a folder, behind a link).
    foreign: list[str] = field(default_factory=list)


def write_tree(out: Path, files: dict[str, bytes]) -> WriteReport:
    """Make ``out`` hold ``files`` (uri → bytes) and drop the files of ours no longer generated.

    The caller holds the folder's lock. The order keeps every crash safe: prove
    which targets are ours (or free), widen the manifest with the hashes about to
    be written, write, delete what is no longer generated, narrow the manifest.
    """
    report = WriteReport()
    for uri in files:
        if not safe_uri(uri):
            raise ValueError(f"generated page with an unsafe address: {uri!r}")
    folder = Folder(out)
    try:
        folder.remove_temporaries()
        manifest = read_manifest(folder)
        writable: dict[str, bytes] = {}
        unchanged: set[str] = set()
        for uri, data in sorted(files.items()):
            try:
                st = folder.lstat(uri)
            except UnsafePath:
                report.foreign.append(uri)
                continue
            if st is None:
                writable[uri] = data
                continue
            current = folder.read(uri) if stat.S_ISREG(st.st_mode) else None
            if current == data and uri in manifest.legacy:
                unchanged.add(uri)
            elif not manifest.owns(uri, current):
                report.foreign.append(uri)
            elif current == data:
                unchanged.add(uri)
            else:
                writable[uri] = data
        old_owned = {u for u in manifest.files if manifest.owns(u, folder.read(u))}
        widened = Manifest(files={u: set(hashes) for u, hashes in manifest.files.items()})
        for uri, data in writable.items():
            widened.files.setdefault(uri, set()).add(digest(data))
        if widened.to_json() != (folder.read(MANIFEST) or b"").decode("utf-8", "replace"):
            folder.write(MANIFEST, widened.to_json().encode("utf-8"))
        written: set[str] = set()
        for uri, data in writable.items():
            try:
                folder.write(uri, data)
            except UnsafePath:  # a folder on its way became a link since it was checked
                report.foreign.append(uri)
                continue
            written.add(uri)
            report.changed += 1
        final = Manifest(files={u: {digest(files[u])} for u in sorted(written | unchanged)})
        for uri in sorted(old_owned - set(files)):
            try:
                if manifest.owns(uri, folder.read(uri)):
                    folder.remove(uri)
                    report.changed += 1
            except (OSError, UnsafePath):
                final.files[uri] = widened.files.get(uri, set())  # still ours: retried next run
        folder.write(MANIFEST, final.to_json().encode("utf-8"))
    finally:
        folder.close()
    report.foreign.sort()
    return report
