"""What a seeds folder holds already, for ``briefings add`` to refuse duplicates.

An article is a duplicate of a seed when its address is the seed's ``url:`` (in
the form :func:`normalize_url` gives) or when its text is the seed's text, as
the seeds' reader normalises it (so re-wrapped lines or a changed header do not
hide it). Broken seeds in the folder match nothing; ``briefings check`` reports
them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from briefings.errors import DuplicateSeed, SeedError
from briefings.ingest.fetch import is_web_address
from briefings.ingest.seed_files import address_form, list_seeds
from briefings.ingest.seed_limits import SEED_SUFFIX
from briefings.ingest.seeds import Seed, read_seed


def normalize_url(url: str) -> str:
    """An address in the form duplicates are compared in: scheme and host in lower
    case, no default port, no fragment, ``/`` for an empty path."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def text_digest(paragraphs: tuple[str, ...]) -> str:
    """Hash of an article's text as seeds read it (whitespace and line breaks normalised)."""
    return hashlib.sha256("\n\n".join(paragraphs).encode("utf-8")).hexdigest()


@dataclass
class KnownSeeds:
    """What the seeds folder holds already: addresses, texts and names in use."""

    urls: dict[str, Path] = field(default_factory=dict)
    texts: dict[str, Path] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    @classmethod
    def scan(cls, seeds_dir: Path) -> KnownSeeds:
        """Read every seed of the folder (a broken one is skipped: it matches nothing)."""
        known = cls()
        if seeds_dir.is_dir():
            for entry in seeds_dir.iterdir():
                known.names.add(entry.name.casefold())
        for path in list_seeds(seeds_dir).paths:
            address = address_form(path)
            if address:
                known.names.add(address + SEED_SUFFIX)
            try:
                known.remember(read_seed(path), path)
            except SeedError:
                continue
        return known

    def remember(self, seed: Seed, path: Path, *also_urls: str) -> None:
        for url in (seed.url, *also_urls):
            if url and is_web_address(url):
                self.urls.setdefault(normalize_url(url), path)
        self.texts.setdefault(text_digest(seed.paragraphs), path)
        self.names.add(path.name.casefold())

    def check_url(self, source: str, url: str | None) -> None:
        if url and is_web_address(url):
            seed = self.urls.get(normalize_url(url))
            if seed is not None:
                raise DuplicateSeed(
                    source, f"already a seed: {shown(seed)} has the url {url}", seed
                )


def shown(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, as messages show it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
