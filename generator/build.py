"""Reading every seed and extracting every briefing, for the plugin and the CLI.

One broken seed never stops the others: its :class:`~generator.errors.SeedError`
is collected and reported, and every other seed is built. Extraction results
come from the content-hash cache when they can; the model is loaded only when a
seed actually needs extracting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import ExtractionCache, model_fingerprint
from .errors import BriefingsError, SeedError, SeedWarning
from .fingerprint import extraction_fingerprint
from .model import Briefing
from .nlp import load_model, to_parsed
from .pipeline import Settings, briefing_from_parsed
from .seeds import (
    MAX_SEED_BYTES,
    Seed,
    assign_slugs,
    date_notices,
    discover_seeds,
    list_seeds,
    read_seed,
)
from .site import BRIEFINGS_DIR

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass
class BuildResult:
    """Briefings built (sorted by id), errors met, and what the cache did."""

    briefings: list[Briefing] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Informational lines (an ignored non-.txt file): never fail a strict build.
    notes: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def display_path(path: Path, root: Path | None) -> str:
    """The seed path as users see it: relative to the project root when possible."""
    if root is not None:
        try:
            return Path(os.path.relpath(path, root)).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def hand_written_slugs(uris: Iterable[str]) -> set[str]:
    """Slugs a seed may not take: names of hand-written files in ``briefings/``.

    ``uris`` are docs-relative paths of the hand-written files (the plugin passes
    MkDocs' file list, the CLI a walk of ``docs/``), so both agree on every slug.
    """
    reserved = {"index"}
    for uri in uris:
        parts = uri.split("/")
        if len(parts) == 2 and parts[0] == BRIEFINGS_DIR:
            reserved.add(parts[1].rsplit(".", 1)[0])
    return reserved


def docs_uris(docs_dir: Path) -> list[str]:
    """Docs-relative paths of the files in ``briefings/`` of a docs folder."""
    folder = Path(docs_dir) / BRIEFINGS_DIR
    if not folder.is_dir():
        return []
    return sorted(f"{BRIEFINGS_DIR}/{p.name}" for p in folder.iterdir() if p.is_file())


def read_seeds(
    seeds_dir: Path,
    reserved_slugs: set[str] | frozenset[str] = frozenset(),
    root: Path | None = None,
    today: dt.date | None = None,
) -> tuple[list[Seed], list[SeedError], list[SeedWarning]]:
    """Read and validate every seed of a folder; errors and warnings are returned, not raised.

    One bad seed never stops the others. Paths in every result are as users see
    them (relative to ``root``). Warnings come in file order: those of the
    folder listing, then each seed's own (its content, its date against
    ``today``, its address).
    """
    today = today or dt.date.today()
    listing = list_seeds(seeds_dir)
    slugs, slug_warnings = assign_slugs(listing.paths, reserved=set(reserved_slugs) | {"index"})

    def shown(p: Path) -> Path:
        return Path(display_path(p, root))

    seeds: list[Seed] = []
    errors = [SeedError(shown(e.path), e.message, e.line) for e in listing.errors]
    warnings = [replace(w, path=shown(w.path)) for w in listing.warnings]
    warnings += [replace(w, path=shown(w.path)) for w in slug_warnings]
    for p in listing.paths:
        try:
            seed = read_seed(p, slug=slugs[p])
        except SeedError as exc:
            errors.append(SeedError(shown(p), exc.message, exc.line))
            continue
        seed = replace(
            seed,
            path=shown(p),
            notices=tuple(replace(w, path=shown(p)) for w in seed.notices),
        )
        seeds.append(seed)
        warnings.extend(seed.notices)
        warnings.extend(date_notices(seed, today))
    errors.sort(key=lambda e: (e.path.as_posix(), e.line or 0))
    warnings.sort(key=lambda w: (Path(w.path).as_posix(), w.line or 0))
    return seeds, errors, warnings


def cache_context(settings: Settings) -> str:
    """Everything besides the seed's bytes that the cache key covers: the extraction
    code's own bytes (:mod:`generator.fingerprint`), the model and the settings."""
    return f"code={extraction_fingerprint()};{model_fingerprint(settings.model)};{settings.key()}"


#: Seeds per unit of extraction work: one ``nlp.pipe`` batch in one process.
#: Chunks are cut from the sorted list of seeds to extract, the same way whatever
#: the number of jobs, so every article is parsed in the same batch either way.
CHUNK_SIZE = 8
#: From this many seeds to extract, a long-lived process (``mkdocs serve``)
#: also hands them to worker processes instead of extracting them itself.
MIN_PARALLEL_SEEDS = 32


def default_jobs() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(seeds: list[Seed], size: int = CHUNK_SIZE) -> list[list[Seed]]:
    return [seeds[i : i + size] for i in range(0, len(seeds), size)]


#: One extraction result: the briefing, or the message of the error that stopped it.
Outcome = tuple[Briefing | None, str | None]


def extract_chunk(
    seeds: list[Seed], settings: Settings, load: Callable[[str], Language] = load_model
) -> list[Outcome]:
    """Extract a chunk of seeds with one ``nlp.pipe`` batch (pure: seeds in, briefings out)."""
    nlp = load(settings.model)
    outcomes: list[Outcome] = []
    docs = nlp.pipe((s.text for s in seeds), batch_size=len(seeds))
    for seed, doc in zip(seeds, docs, strict=True):
        try:
            outcomes.append((briefing_from_parsed(to_parsed(seed, doc), settings), None))
        except BriefingsError as exc:
            outcomes.append((None, str(exc)))
    return outcomes


def _preload(model: str) -> None:
    """Worker start-up: import spaCy and load the model before the first chunk arrives.

    A failure is left for the first chunk to raise as a :class:`ModelError`
    (a failing initializer would make the pool restart the worker forever).
    """
    with contextlib.suppress(BriefingsError):
        load_model(model)


def _extract_numbered(task: tuple[int, list[Seed], Settings]) -> tuple[int, list[Outcome]]:
    number, seeds, settings = task
    return number, extract_chunk(seeds, settings)


class Extraction:
    """Extraction of the seeds the cache lacks, in worker processes or in this one.

    Worker processes can be started before the seeds are known (:meth:`prestart`),
    so they import spaCy and load the model while this process reads and
    validates the seeds and the cache. They are started with ``spawn``: a fresh
    interpreter is safe whatever threads the caller runs (``mkdocs serve`` has
    a few), and each loads the model once. In this process, work happens when
    :meth:`results` is iterated, with the model ``load`` gives.
    """

    def __init__(
        self,
        settings: Settings,
        jobs: int,
        keep_model: bool,
        load: Callable[[str], Language] = load_model,
    ) -> None:
        self.settings = settings
        self.jobs = jobs
        self.keep_model = keep_model
        self.load = load
        self.pool: multiprocessing.pool.Pool | None = None
        self.chunks: list[list[Seed]] = []

    def _processes(self, seeds: int) -> int:
        return min(worker_count(seeds, self.jobs, self.keep_model), -(-seeds // CHUNK_SIZE))

    def prestart(self, expected: int) -> None:
        """Start the workers ``expected`` seeds to extract will need."""
        processes = self._processes(expected)
        if processes and self.pool is None:
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(processes, _preload, (self.settings.model,))

    def submit(self, seeds: list[Seed]) -> None:
        """Queue seeds for extraction, chunk by chunk."""
        if seeds and self.pool is None:
            self.prestart(len(seeds))
        self.chunks.extend(chunked(seeds))

    def results(self) -> Iterator[tuple[list[Seed], list[Outcome]]]:
        """Each chunk with its outcomes, as they finish (callers sort the results)."""
        pool, self.pool = self.pool, None
        if pool is None:
            for chunk in self.chunks:
                yield chunk, extract_chunk(chunk, self.settings, self.load)
            return
        if not self.chunks:
            pool.terminate()  # started for seeds that turned out not to need it
            pool.join()
            return
        tasks = [(n, chunk, self.settings) for n, chunk in enumerate(self.chunks)]
        try:
            for number, outcomes in pool.imap_unordered(_extract_numbered, tasks):
                yield self.chunks[number], outcomes
            pool.close()
        finally:
            pool.terminate()
            pool.join()


def count_uncached(seeds_dir: Path, cache: ExtractionCache) -> int:
    """Seed files whose bytes have no cache entry (a quick look, before validation)."""
    count = 0
    for path in discover_seeds(seeds_dir):
        try:
            if path.stat().st_size > MAX_SEED_BYTES:
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        count += not cache.has(digest)
    return count


def worker_count(todo: int, jobs: int, keep_model: bool) -> int:
    """Worker processes for ``todo`` seeds to extract (0: extract in this process).

    One job means this process. A long-lived caller (``keep_model``) extracts
    a few seeds itself, with the model it loads once and keeps. A short-lived
    one hands even a single seed to a worker: the model then loads on another
    core while this process reads the cache, so adding one seed to a large
    site costs little more than regenerating it unchanged.
    """
    if todo == 0 or jobs <= 1 or (keep_model and todo < MIN_PARALLEL_SEEDS):
        return 0
    return jobs


def build_briefings(
    seeds_dir: Path,
    settings: Settings = Settings(),
    cache_dir: Path | None = None,
    reserved_slugs: set[str] = frozenset(),
    root: Path | None = None,
    progress: Callable[[Seed], None] | None = None,
    jobs: int | None = None,
    memory: dict[str, Briefing] | None = None,
    load: Callable[[str], Language] = load_model,
    keep_model: bool = False,
) -> BuildResult:
    """Every seed of ``seeds_dir`` as a briefing, from the cache where possible.

    Seeds the cache does not hold are extracted in chunks, over ``jobs``
    processes (default: every core) or in this process (see
    :func:`worker_count`), with the model ``load`` gives. The result is the
    same whatever ``jobs`` is: each briefing is a pure function of its seed and
    the settings, every seed is parsed in the same ``nlp.pipe`` chunk, and
    results are sorted by id. ``memory`` is an in-memory cache the caller
    keeps between calls (see :class:`ExtractionCache`).
    """
    cache = ExtractionCache(cache_dir, cache_context(settings), memory=memory)
    extraction = Extraction(
        settings, default_jobs() if jobs is None else max(1, jobs), keep_model, load
    )
    # Workers start loading the model now if any seed file's bytes are not in
    # the cache; reading and validating every seed takes about as long.
    extraction.prestart(count_uncached(seeds_dir, cache))
    seeds, errors, seed_warnings = read_seeds(seeds_dir, reserved_slugs, root)
    result = BuildResult(
        errors=errors,
        warnings=[str(w) for w in seed_warnings if w.level == "warning"],
        notes=[str(w) for w in seed_warnings if w.level != "warning"],
    )
    extraction.submit([s for s in seeds if not cache.has(s.sha256)])
    unreadable: list[Seed] = []
    for seed in seeds:
        if not cache.has(seed.sha256):
            continue
        hit = cache.get(seed.sha256, seed.slug, seed.path.as_posix())
        if hit is None:
            unreadable.append(seed)  # a damaged entry: extracted again
            continue
        result.briefings.append(hit)
        result.cached.append(seed.slug)
    extraction.submit(unreadable)
    cache.retain({s.sha256 for s in seeds})
    for chunk, outcomes in extraction.results():
        for seed, (briefing, error) in zip(chunk, outcomes, strict=True):
            if briefing is None:
                result.errors.append(SeedError(seed.path, error or "extraction failed"))
            else:
                cache.put(briefing)
                result.briefings.append(briefing)
                result.extracted.append(seed.slug)
            if progress is not None:
                progress(seed)
    from_seeds = {s.slug: set(s.warnings) for s in seeds}
    for b in result.briefings:
        extra = [w for w in b.warnings if w not in from_seeds.get(b.id, set())]
        result.warnings.extend(f"{b.source.path}: {w}" for w in extra)
    result.briefings.sort(key=lambda b: b.id)
    result.extracted.sort()
    result.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    return result
