"""Reading every seed and extracting every briefing, for the plugin and the CLI.

One broken seed never stops the others: its :class:`~generator.errors.SeedError`
is collected and reported, and every other seed is built. Extraction results
come from the content-hash cache when they can; the model is loaded only when a
seed actually needs extracting.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import ExtractionCache, model_fingerprint, model_source_fingerprint
from .errors import BriefingsError, SeedError
from .model import Briefing
from .nlp import load_model, to_parsed
from .pipeline import PIPELINE_VERSION, Settings, briefing_from_parsed
from .seeds import MAX_SEED_BYTES, Seed, assign_slugs, discover_seeds, read_seed

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass
class BuildResult:
    """Briefings built (sorted by id), errors met, and what the cache did."""

    briefings: list[Briefing] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
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


def read_seeds(
    seeds_dir: Path, reserved_slugs: set[str] = frozenset(), root: Path | None = None
) -> tuple[list[Seed], list[SeedError]]:
    """Read and validate every seed of a folder; errors are returned, not raised."""
    paths = discover_seeds(seeds_dir)
    slugs = assign_slugs(paths, reserved=set(reserved_slugs))
    seeds: list[Seed] = []
    errors: list[SeedError] = []
    for p in paths:
        shown = Path(display_path(p, root))
        try:
            seed = read_seed(p, slug=slugs[p])
        except SeedError as exc:
            errors.append(SeedError(shown, exc.message, exc.line))
            continue
        seeds.append(Seed(**{**seed.__dict__, "path": shown}))
    return seeds, errors


def cache_context(settings: Settings) -> str:
    """Everything besides the seed's bytes that the cache key covers."""
    return (
        f"pipeline={PIPELINE_VERSION};document={model_source_fingerprint()};"
        f"{model_fingerprint(settings.model)};{settings.key()}"
    )


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
    seeds, errors = read_seeds(seeds_dir, reserved_slugs, root)
    result = BuildResult(errors=errors)
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
    for b in result.briefings:
        result.warnings.extend(f"{b.source.path}: {w}" for w in b.warnings)
    result.briefings.sort(key=lambda b: b.id)
    result.extracted.sort()
    result.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    return result
