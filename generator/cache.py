"""A content-hash cache of extraction results.

The key covers everything that can change a briefing: the seed's bytes, the
pipeline version, the model's name and version, and the extraction settings.
A hit is therefore never stale, and the folder is safe to delete. Entries are
``briefing/1`` JSON written atomically, so an interrupted run leaves no torn file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from .model import Briefing, briefing_from_dict


def model_fingerprint(name: str) -> str:
    """Name and version of a spaCy pipeline without loading it.

    An installed package answers from its metadata; a pipeline folder from its
    ``meta.json``. Either way the fingerprint changes when the model does.
    """
    path = Path(name)
    meta = path / "meta.json"
    if meta.is_file():
        return f"{name}@{hashlib.sha256(meta.read_bytes()).hexdigest()[:16]}"
    from importlib import metadata

    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name}==unknown"


#: Suffix of the temporary files :func:`atomic_write` makes; a crash may leave one
#: behind, and :func:`remove_stale_temporaries` recognises them by it.
TEMP_SUFFIX = ".briefings-tmp"


def _default_mode() -> int:
    """Permissions a plainly created file gets (0666 less the umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _FILE_MODE)
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
    for tmp in sorted(Path(folder).rglob(f".*{TEMP_SUFFIX}")):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed += 1
    return removed


class ExtractionCache:
    """Briefings keyed by content hash, stored as JSON files in one folder."""

    def __init__(self, folder: Path | None, context: str) -> None:
        self.folder = Path(folder) if folder else None
        self.context = context
        self.hits = 0
        self.misses = 0

    def key(self, seed_bytes_sha256: str) -> str:
        return hashlib.sha256(f"{self.context}\n{seed_bytes_sha256}".encode()).hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder else None

    def get(self, seed_sha256: str, slug: str, path: str) -> Briefing | None:
        """The cached briefing of these seed bytes, with this seed's id and path."""
        file = self._path(self.key(seed_sha256))
        if file is None or not file.is_file():
            self.misses += 1
            return None
        try:
            briefing = briefing_from_dict(json.loads(file.read_text("utf-8")))
        except (ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return replace(briefing, id=slug, source=replace(briefing.source, path=path))

    def put(self, briefing: Briefing) -> None:
        file = self._path(self.key(briefing.source.sha256))
        if file is not None:
            atomic_write(file, briefing.to_json())
