"""Reading every seed and extracting every briefing, for the plugin and the CLI.

One broken seed never stops the others: its :class:`~generator.errors.SeedError`
is collected and reported, and every other seed is built. Extraction results
come from the content-hash cache when they can; the model is loaded only when a
seed actually needs extracting.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import ExtractionCache, model_fingerprint
from .errors import BriefingsError, SeedError
from .model import Briefing
from .nlp import load_model, to_parsed
from .pipeline import PIPELINE_VERSION, Settings, briefing_from_parsed
from .seeds import Seed, assign_slugs, discover_seeds, read_seed

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
    return f"pipeline={PIPELINE_VERSION};{model_fingerprint(settings.model)};{settings.key()}"


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


class Extraction:
    """The extraction of a list of seeds, started at once and collected later.

    In worker processes, the work begins when the object is made, so the
    caller can read the cache while the workers load the model and parse.
    Workers are started with ``spawn``: a fresh interpreter is safe whatever
    threads the caller runs (``mkdocs serve`` has a few), and each worker loads
    the model once (:func:`load_model` caches it per process) on its first chunk.
    In this process, the work happens when :meth:`results` is iterated.
    """

    def __init__(
        self,
        seeds: list[Seed],
        settings: Settings,
        workers: int,
        load: Callable[[str], Language] = load_model,
    ) -> None:
        self.settings = settings
        self.load = load
        self.chunks = chunked(seeds)
        self.pool = None
        self.futures: dict = {}
        if workers > 0 and self.chunks:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=min(workers, len(self.chunks)),
                mp_context=multiprocessing.get_context("spawn"),
            )
            self.futures = {
                self.pool.submit(extract_chunk, chunk, settings): chunk for chunk in self.chunks
            }

    def results(self) -> Iterator[tuple[list[Seed], list[Outcome]]]:
        """Each chunk with its outcomes, as they finish (callers sort the results)."""
        if self.pool is None:
            for chunk in self.chunks:
                yield chunk, extract_chunk(chunk, self.settings, self.load)
            return
        from concurrent.futures import as_completed

        try:
            for future in as_completed(self.futures):
                yield self.futures[future], future.result()
        finally:
            self.pool.shutdown(cancel_futures=True)


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
    seeds, errors = read_seeds(seeds_dir, reserved_slugs, root)
    result = BuildResult(errors=errors)
    cache = ExtractionCache(cache_dir, cache_context(settings), memory=memory)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    # Start extracting what the cache cannot have before reading what it has.
    stored = [s for s in seeds if cache.has(s.sha256)]
    missing = [s for s in seeds if not cache.has(s.sha256)]
    running = Extraction(missing, settings, worker_count(len(missing), jobs, keep_model), load=load)
    unreadable: list[Seed] = []
    for seed in stored:
        hit = cache.get(seed.sha256, seed.slug, seed.path.as_posix())
        if hit is None:
            unreadable.append(seed)  # a damaged entry: extracted again below
            continue
        result.briefings.append(hit)
        result.cached.append(seed.slug)
    cache.retain({s.sha256 for s in seeds})
    extractions = [running]
    if unreadable:
        workers = worker_count(len(unreadable), jobs, keep_model)
        extractions.append(Extraction(unreadable, settings, workers, load=load))
    for extraction in extractions:
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
