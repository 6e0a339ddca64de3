"""Reading every seed and extracting every briefing, for the plugin and the CLI.

One broken seed never stops the others: its :class:`~briefings.errors.SeedError`
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
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn, Protocol

from briefings.build.cache import ExtractionCache, model_fingerprint
from briefings.build.fingerprint import extraction_fingerprint
from briefings.errors import BriefingsError, ConfigError, SeedError, SeedWarning, printable
from briefings.extract.pipeline import Settings, briefing_from_parsed
from briefings.ingest.seed_files import assign_slugs, discover_seeds, list_seeds
from briefings.ingest.seed_limits import MAX_SEED_BYTES
from briefings.ingest.seeds import Seed, date_notices, read_seed
from briefings.model import Briefing
from briefings.nlp.parse import load_model, to_parsed
from briefings.site.pages import BRIEFINGS_DIR

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


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


def utf8_safe(text: str) -> str:
    """``text`` with the bytes of a name that is not UTF-8 written as escapes (``\\udce9``).

    Python holds such bytes as lone surrogates, which no message, page or JSON
    file can encode; every other character is kept as it is.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(ascii(ch)[1:-1] if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


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
    try:
        if not folder.is_dir():
            return []
        return sorted(f"{BRIEFINGS_DIR}/{p.name}" for p in folder.iterdir() if p.is_file())
    except OSError as exc:
        # Unknown hand-written pages could not be kept from being overwritten: stop.
        raise ConfigError(
            f"{printable(str(folder))}: cannot be listed ({exc.strerror or exc}); the "
            "hand-written pages there must be known before anything is generated"
        ) from None


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
        return Path(utf8_safe(display_path(p, root)))

    inside = Path(seeds_dir).resolve()
    seeds: list[Seed] = []
    errors = [SeedError(shown(e.path), e.message, e.line) for e in listing.errors]
    warnings = [replace(w, path=shown(w.path)) for w in listing.warnings]
    warnings += [replace(w, path=shown(w.path)) for w in slug_warnings]
    for p in listing.paths:
        try:
            seed = read_seed(p, slug=slugs[p], root=inside)
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
    code's own bytes (:mod:`briefings.build.fingerprint`), the model and the settings."""
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


#: Seconds one seed's extraction may take before it becomes that seed's error.
#: A normal article takes well under a second; the longest a seed may be (30,000
#: tokens) takes a few seconds alone on a busy machine.
SEED_TIME_LIMIT = 120.0

#: Seconds a worker may take to start and load the model, besides its chunk's limits.
WORKER_START_SECONDS = 120.0

#: The message and line of the error that stopped a seed (plain values: they cross
#: process boundaries, where an exception's own arguments would not survive pickling).
Failure = tuple[str, int | None]
#: One extraction result: the briefing, or why it could not be made.
Outcome = tuple[Briefing | None, Failure | None]
#: What bounds one seed's extraction: seconds (or None) to a context manager that
#: raises :class:`SeedTimeout` inside its block once they have passed.
TimeLimit = Callable[[float | None], contextlib.AbstractContextManager[None]]


def extract_chunk(
    seeds: list[Seed],
    settings: Settings,
    load: Callable[[str], Language] = load_model,
    time_limit: float | None = SEED_TIME_LIMIT,
    limit: TimeLimit | None = None,
) -> list[Outcome]:
    """Extract a chunk of seeds with one ``nlp.pipe`` batch (pure: seeds in, briefings out).

    Whatever goes wrong with one seed (a bug, a recursion too deep, memory, the
    time limit) is that seed's failure, never the chunk's: if the batch itself
    fails, each seed is parsed alone. ``limit`` enforces the time limit
    (default :func:`deadline`; a thread that is not the main one needs another).
    """
    nlp = load(settings.model)
    try:
        docs: list[Doc | None] = list(nlp.pipe((s.text for s in seeds), batch_size=len(seeds)))
    except Exception:  # one text broke the batch: each is parsed alone, under its limit
        docs = [None] * len(seeds)
    return [
        extract_one(seed, doc, nlp, settings, time_limit, limit or deadline)
        for seed, doc in zip(seeds, docs, strict=True)
    ]


def extract_one(
    seed: Seed,
    doc: Doc | None,
    nlp: Language,
    settings: Settings,
    time_limit: float | None,
    limit: TimeLimit | None = None,
) -> Outcome:
    """One seed's briefing, or its failure with the line it points at."""
    try:
        with (limit or deadline)(time_limit):
            if doc is None:
                doc = nlp(seed.text)
            return briefing_from_parsed(to_parsed(seed, doc), settings), None
    except SeedTimeout:
        return None, (
            f"extraction took over {time_limit:g} s, the time limit of one seed; it was "
            "stopped so the other seeds are built (shorten the article, or raise the limit)",
            _body_line(seed),
        )
    except BriefingsError as exc:
        return None, (str(exc), None)
    except (Exception, RecursionError, MemoryError) as exc:
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return None, (
            f"extraction failed ({printable(what)[:160]}); the other seeds are built",
            _failing_line(seed, exc),
        )


class SeedTimeout(BaseException):
    """Raised inside an extraction that ran past its time limit.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in
    the code it interrupts can swallow it and run on without a limit.
    """


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`SeedTimeout` inside the block once ``seconds`` have passed.

    A real-time interval timer (SIGALRM), so it interrupts any Python code, stuck
    or not; it needs the main thread, where the CLI, the worker processes,
    ``mkdocs build`` and ``mkdocs serve`` all extract. Elsewhere, or with no
    limit, the block simply runs.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or seconds is None:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> NoReturn:
        raise SeedTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _body_line(seed: Seed) -> int | None:
    return seed.paragraph_lines[0] if seed.paragraph_lines else None


def _failing_line(seed: Seed, exc: BaseException) -> int | None:
    """The line of the paragraph the failing code was working on, when the traceback shows it.

    The innermost frame holding a spaCy token or span of the seed's text names
    the place; without one, the line where the article starts.
    """
    from spacy.tokens import Span, Token

    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Token | Span):
                start = value.idx if isinstance(value, Token) else value.start_char
                paragraph = seed.text.count("\n\n", 0, start)
                if paragraph < len(seed.paragraph_lines):
                    return seed.paragraph_lines[paragraph]
    return _body_line(seed)


def _preload(model: str) -> None:
    """Worker start-up: import spaCy and load the model before the first chunk arrives.

    A failure is left for the first chunk to raise as a :class:`ModelError`
    (a failing initializer would make the pool restart the worker forever).
    """
    with contextlib.suppress(BriefingsError):
        load_model(model)


def _extract_numbered(
    task: tuple[int, list[Seed], Settings, float | None],
) -> tuple[int, list[Outcome]]:
    number, seeds, settings, time_limit = task
    return number, extract_chunk(seeds, settings, time_limit=time_limit)


class Extractor(Protocol):
    """What extracts the uncached seeds: the local pool or a cluster (``--executor``)."""

    def prestart(self, expected: int) -> None: ...

    def submit(self, seeds: list[Seed]) -> None: ...

    def results(self) -> Iterator[tuple[list[Seed], list[Outcome]]]: ...


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
        time_limit: float | None = SEED_TIME_LIMIT,
    ) -> None:
        self.settings = settings
        self.jobs = jobs
        self.keep_model = keep_model
        self.load = load
        self.time_limit = time_limit
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
                yield chunk, extract_chunk(chunk, self.settings, self.load, self.time_limit)
            return
        if not self.chunks:
            pool.terminate()  # started for seeds that turned out not to need it
            pool.join()
            return
        tasks = [(n, chunk, self.settings, self.time_limit) for n, chunk in enumerate(self.chunks)]
        # Each chunk's seeds are bounded by the time limit; a worker that died (killed
        # for memory, a crash in native code) takes its chunk with it, and the pool
        # would wait for it forever: past the bound, the chunks still out are failed.
        bound = None
        if self.time_limit:
            bound = self.time_limit * CHUNK_SIZE + WORKER_START_SECONDS
        pending = set(range(len(tasks)))
        try:
            results = pool.imap_unordered(_extract_numbered, tasks)
            while pending:
                try:
                    number, outcomes = results.next(bound)
                except multiprocessing.TimeoutError:
                    break
                pending.discard(number)
                yield self.chunks[number], outcomes
            for number in sorted(pending):
                lost = ("extraction did not finish: its worker process stopped answering", None)
                yield self.chunks[number], [(None, lost) for _ in self.chunks[number]]
            pool.close()
        finally:
            pool.terminate()
            pool.join()


def count_uncached(seeds_dir: Path, cache: ExtractionCache) -> int:
    """Seed files whose bytes have no cache entry (a quick look, before validation)."""
    count = 0
    for path in discover_seeds(seeds_dir):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SEED_BYTES:
                continue  # never read: a pipe would block, an oversized file is refused
            with os.fdopen(os.dup(fd), "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            continue
        finally:
            os.close(fd)
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
    reserved_slugs: set[str] | frozenset[str] = frozenset(),
    root: Path | None = None,
    progress: Callable[[Seed], None] | None = None,
    jobs: int | None = None,
    memory: dict[str, Briefing] | None = None,
    load: Callable[[str], Language] = load_model,
    keep_model: bool = False,
    time_limit: float | None = SEED_TIME_LIMIT,
    executor: Callable[..., Extractor] | None = None,
) -> BuildResult:
    """Every seed of ``seeds_dir`` as a briefing, from the cache where possible.

    Seeds the cache does not hold are extracted in chunks, over ``jobs``
    processes (default: every core) or in this process (see
    :func:`worker_count`), with the model ``load`` gives. The result is the
    same whatever ``jobs`` is: each briefing is a pure function of its seed and
    the settings, every seed is parsed in the same ``nlp.pipe`` chunk, and
    results are sorted by id. ``memory`` is an in-memory cache the caller
    keeps between calls (see :class:`ExtractionCache`). ``time_limit`` is the
    seconds one seed's extraction may take before it becomes that seed's error
    (None or 0: no limit). ``executor`` makes the object that extracts what the
    cache lacks, called as :class:`Extraction` is (the default); another one
    (:mod:`briefings.build.dask_extraction`) extracts on a cluster.
    """
    if not Path(seeds_dir).is_dir():
        raise ConfigError(f"seeds folder not found: {printable(str(seeds_dir))}")
    cache = ExtractionCache(cache_dir, cache_context(settings), memory=memory)
    extraction = (executor or Extraction)(
        settings, default_jobs() if jobs is None else max(1, jobs), keep_model, load, time_limit
    )
    with cache.session():
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
                    message, line = error or ("extraction failed", None)
                    result.errors.append(SeedError(seed.path, message, line))
                else:
                    cache.put(briefing)
                    result.briefings.append(briefing)
                    result.extracted.append(seed.slug)
                if progress is not None:
                    progress(seed)
    result.warnings.extend(cache.problems)
    from_seeds = {s.slug: set(s.warnings) for s in seeds}
    for b in result.briefings:
        extra = [w for w in b.warnings if w not in from_seeds.get(b.id, set())]
        result.warnings.extend(f"{printable(b.source.path)}: {printable(w)}" for w in extra)
    result.briefings.sort(key=lambda b: b.id)
    result.extracted.sort()
    result.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    return result
