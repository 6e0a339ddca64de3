"""A content-hash cache of extraction results.

The key covers everything that can change a briefing: the seed's bytes, the
bytes of the extraction code, the model's name and version, and the extraction
settings.
A hit is therefore never stale, and the folder is safe to delete. Entries are
``briefing/1`` JSON written atomically, so an interrupted run leaves no torn file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from briefings.build.locking import shared_use
from briefings.build.schema_check import briefing_problem
from briefings.errors import printable
from briefings.files import atomic_write, remove_stale_temporaries
from briefings.model import Briefing, briefing_from_dict


def model_fingerprint(name: str) -> str:
    """Name, version and a hash of the metadata of a spaCy pipeline, without loading it.

    A pipeline folder answers from its ``meta.json``; an installed package from
    its distribution version and the ``meta.json`` it ships (found without
    importing the package, so a warm run never imports spaCy). Either way the
    fingerprint changes when the model does.
    """
    path = Path(name)
    meta = path / "meta.json"
    if meta.is_file():
        return f"{name}@{hashlib.sha256(meta.read_bytes()).hexdigest()[:16]}"
    import importlib.util
    from importlib import metadata

    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = "none"
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        package_meta = Path(folder) / "meta.json"
        if package_meta.is_file():
            digest = hashlib.sha256(package_meta.read_bytes()).hexdigest()[:16]
            break
    return f"{name}=={version}@{digest}"


class ExtractionCache:
    """Briefings keyed by content hash: JSON files in one folder, plus an optional memory.

    ``context`` is everything but the seed that the key covers (the code's
    fingerprint, the model's, the settings; see :func:`briefings.build.extraction.cache_context`).
    ``memory`` is a dict the caller keeps between builds (the MkDocs plugin
    keeps one for a whole ``mkdocs serve`` session), so a rebuild does not even
    re-read the files. With ``folder=None`` nothing is written to disk.

    The folder is input like the seeds are (CI restores it, people copy it
    between machines), so nothing in it is trusted: an entry is used only when
    it is a regular file of valid ``briefing/1`` JSON (the published schema, real
    dates, evidence inside the article), exactly the text this code writes for
    that briefing, recorded for the very bytes of the seed asking (its
    ``sha256``). Anything else is a miss, with a line in :attr:`problems`, and
    the seed is extracted again. A folder that cannot be read or written is
    used as far as it can be, then not at all: the build goes on without it.
    """

    def __init__(
        self,
        folder: Path | None,
        context: str,
        memory: dict[str, Briefing] | None = None,
    ) -> None:
        self.folder = Path(folder) if folder else None
        self.context = context
        self.memory = memory
        self.hits = 0
        self.misses = 0
        #: What went wrong with the folder or an entry, one line each, for the user.
        self.problems: list[str] = []
        self.writable = True

    def key(self, seed_sha256: str) -> str:
        """The cache key of a seed's bytes (given by their SHA-256) in this context."""
        return hashlib.sha256(f"{self.context}\n{seed_sha256}".encode()).hexdigest()

    def path(self, key: str) -> Path | None:
        """Where the entry of ``key`` lives on disk (None without a folder)."""
        return self.folder / key[:2] / f"{key}.json" if self.folder else None

    def _problem(self, message: str) -> None:
        self.problems.append(f"cache: {message}")

    def has(self, seed_sha256: str) -> bool:
        """Whether an entry exists for these bytes (cheap: no file is read)."""
        key = self.key(seed_sha256)
        if self.memory is not None and key in self.memory:
            return True
        file = self.path(key)
        if file is None:
            return False
        try:
            os.lstat(file)
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True  # there, but unreadable: :meth:`get` says why
        return True

    def get(self, seed_sha256: str, slug: str, path: str) -> Briefing | None:
        """The cached briefing of these seed bytes, with this seed's id and path.

        The id and path are not part of the key: renaming or moving a seed
        reuses its extraction.
        """
        key = self.key(seed_sha256)
        briefing = self.memory.get(key) if self.memory is not None else None
        if briefing is None:
            briefing = self._read(key, seed_sha256)
            if briefing is not None and self.memory is not None:
                self.memory[key] = briefing
        if briefing is None:
            self.misses += 1
            return None
        self.hits += 1
        if briefing.id == slug and briefing.source.path == path:
            return briefing
        return replace(briefing, id=slug, source=replace(briefing.source, path=path))

    def _read(self, key: str, seed_sha256: str) -> Briefing | None:
        file = self.path(key)
        if file is None:
            return None
        shown = printable(file.as_posix())
        try:
            raw = _read_regular(file)
        except (FileNotFoundError, NotADirectoryError):
            return None  # deleted meanwhile: a plain miss
        except OSError as exc:
            self._problem(f"{shown} cannot be read ({exc.strerror or exc}); extracted again")
            return None
        if raw is None:
            self._problem(f"{shown} is not a regular file; extracted again")
            return None
        why = entry_problem(raw, seed_sha256)
        if isinstance(why, str):
            self._problem(f"{shown} is not a sound entry ({printable(why)}); extracted again")
            return None
        return why

    def put(self, briefing: Briefing) -> None:
        """Store a freshly extracted briefing (on disk and in memory)."""
        key = self.key(briefing.source.sha256)
        if self.memory is not None:
            self.memory[key] = briefing
        file = self.path(key)
        if file is None or not self.writable:
            return
        try:
            if file.is_dir() and not file.is_symlink():
                shutil.rmtree(file)  # an entry that is a folder: ours to replace
            atomic_write(file, briefing.to_json())
        except OSError as exc:
            self.writable = False
            self._problem(
                f"{printable(str(self.folder))} cannot be written ({exc.strerror or exc}); "
                "this build goes on without storing results there"
            )

    def retain(self, seed_sha256s: set[str]) -> None:
        """Forget in-memory entries of seeds that are gone (disk entries stay)."""
        if self.memory is None:
            return
        keep = {self.key(sha) for sha in seed_sha256s}
        for key in [k for k in self.memory if k not in keep]:
            del self.memory[key]

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        """Use the folder for one build: temporaries of killed writers are removed first.

        Every build holds a shared lock on the folder while it runs; only a build
        that finds no other one running removes temporary files, so it never
        removes one that a live writer is about to rename.
        """
        if self.folder is None:
            yield
            return
        with shared_use(self.folder) as alone:
            if alone:
                with contextlib.suppress(OSError):
                    remove_stale_temporaries(self.folder)
            yield


def _read_regular(file: Path) -> bytes | None:
    """The bytes of ``file`` if it is a regular file (never blocks on a pipe), else None."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def entry_problem(raw: bytes, seed_sha256: str) -> Briefing | str:
    """The briefing a cache entry holds, or why it cannot be used for this seed."""
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return f"not UTF-8 JSON: {str(exc)[:60]}"
    problem = briefing_problem(data)
    if problem:
        return problem
    if data["source"]["sha256"] != seed_sha256:
        return "it records another seed's sha256"
    try:
        briefing = briefing_from_dict(data)
    except (ValueError, KeyError, TypeError) as exc:
        return f"not a briefing: {str(exc)[:60]}"
    if briefing.to_json() != text:
        return "its text is not the JSON this version writes for it"
    return briefing
