"""Extraction of uncached seeds on a Dask cluster (``briefings generate --executor dask``).

The same chunks as the local process pool (:class:`briefings.build.extraction.Extraction`)
go to Dask workers as tasks of :func:`extract_chunk`, a pure function of its
seeds and the settings; briefings come back to this process, which writes them
into the cache as a local run does, so the cache and the pages hold the same
bytes either way. Each worker loads the spaCy model once, when it joins
(:class:`ModelPreload`); :func:`model_loads` reports how often it did.

This module imports ``distributed``: only :mod:`briefings.build.executors` imports it,
when the Dask executor is asked for.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, WorkerPlugin, wait

from briefings.build.extraction import (
    CHUNK_SIZE,
    SEED_TIME_LIMIT,
    WORKER_START_SECONDS,
    Outcome,
    cache_context,
    chunked,
    extract_chunk,
)
from briefings.build.thread_deadline import thread_deadline
from briefings.errors import BriefingsError, ClusterError, printable
from briefings.extract.pipeline import Settings
from briefings.ingest.seeds import Seed
from briefings.nlp.parse import load_model

if TYPE_CHECKING:
    from distributed import Future
    from spacy.language import Language

#: Seconds to reach a scheduler given with ``--scheduler``.
CONNECT_SECONDS = 30


class ModelPreload(WorkerPlugin):
    """Load the spaCy model on each worker as it joins, before its first task.

    Loading happens in a thread, so the worker keeps answering the scheduler
    meanwhile. A model that cannot be loaded is left for the first task to
    report as a :class:`~briefings.errors.ModelError`, as the local pool does.
    """

    name = "briefings-model"

    def __init__(self, model: str) -> None:
        self.model = model

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(_preload, self.model)


def _preload(model: str) -> None:
    with contextlib.suppress(BriefingsError):
        load_model(model)


def extract_on_worker(
    seeds: list[Seed], settings: Settings, time_limit: float | None
) -> list[Outcome]:
    """One chunk on a worker: Dask runs tasks outside the main thread, so the
    seed time limit is the thread one."""
    return extract_chunk(seeds, settings, time_limit=time_limit, limit=thread_deadline)


def model_loads() -> int:
    """How many times this process loaded a spaCy model (run on each worker)."""
    return load_model.cache_info().misses


def worker_context(settings: Settings) -> str:
    """What the cache key of a worker's results would cover (run on each worker)."""
    return cache_context(settings)


class DaskExtraction:
    """Extraction on a Dask cluster, with the interface of the local :class:`Extraction`.

    ``scheduler`` is the address of a running scheduler; without one, a
    ``LocalCluster`` of one single-threaded worker process per job is started
    and closed afterwards. The cluster is reached in :meth:`prestart`, so the
    workers load the model while this process reads the seeds and the cache.
    """

    def __init__(
        self,
        settings: Settings,
        jobs: int,
        keep_model: bool,
        load: Callable[[str], Language] = load_model,
        time_limit: float | None = SEED_TIME_LIMIT,
        scheduler: str | None = None,
    ) -> None:
        self.settings = settings
        self.jobs = jobs
        self.time_limit = time_limit
        self.scheduler = scheduler
        self.chunks: list[list[Seed]] = []
        self.client: Client | None = None
        self.cluster: LocalCluster | None = None
        #: Worker address to the times it loaded the model, read once extraction ends.
        self.model_loads: dict[str, int] = {}

    @classmethod
    def at(cls, scheduler: str | None) -> Callable[..., DaskExtraction]:
        """A factory for :func:`~briefings.build.extraction.build_briefings` (its ``executor``)."""

        def make(*args: Any, **kwargs: Any) -> DaskExtraction:
            kwargs["scheduler"] = scheduler
            return cls(*args, **kwargs)

        return make

    def prestart(self, expected: int) -> None:
        """Reach the cluster (or start one) if ``expected`` seeds are to be extracted."""
        if expected and self.client is None:
            self._connect(expected)

    def submit(self, seeds: list[Seed]) -> None:
        """Queue seeds for extraction, chunk by chunk (the same chunks as a local run)."""
        if seeds and self.client is None:
            self._connect(len(seeds))
        self.chunks.extend(chunked(seeds))

    def _connect(self, expected: int) -> None:
        try:
            if self.scheduler is None:
                workers = max(1, min(self.jobs, -(-expected // CHUNK_SIZE)))
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster, set_as_default=False)
            else:
                self.client = Client(
                    self.scheduler, timeout=f"{CONNECT_SECONDS}s", set_as_default=False
                )
        except (OSError, TimeoutError) as exc:
            self.close()
            where = f"the Dask scheduler at {printable(self.scheduler or 'a local cluster')}"
            raise ClusterError(f"cannot reach {where}: {printable(str(exc))}") from None
        try:
            self.client.register_plugin(ModelPreload(self.settings.model))
            self.client.wait_for_workers(1, timeout=WORKER_START_SECONDS)
            self._check_workers()
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(
                f"no Dask worker joined the scheduler at {printable(self.scheduler or '')} "
                f"within {WORKER_START_SECONDS:g} s ({printable(str(exc)) or 'timed out'}); "
                "start one with `dask worker ADDRESS`"
            ) from None
        except BaseException:
            self.close()
            raise

    def _check_workers(self) -> None:
        """Every worker must compute what this process would: the same extraction code,
        model and settings (their cache key), or its results would not be the same bytes."""
        assert self.client is not None
        here = cache_context(self.settings)
        for address, there in sorted(self.client.run(worker_context, self.settings).items()):
            if there != here:
                raise ClusterError(
                    f"Dask worker {printable(address)} runs other extraction code or another "
                    "model than this process; install the same briefings version and spaCy "
                    f"model on every worker (worker: {printable(there)[:200]}; here: "
                    f"{printable(here)[:200]})"
                )

    def results(self) -> Iterator[tuple[list[Seed], list[Outcome]]]:
        """Each chunk with its outcomes, as they finish (callers sort the results).

        A chunk whose task failed (its worker died, the scheduler went away) is
        that chunk's seeds' error; a :class:`BriefingsError` (the model cannot be
        loaded) stops the build, as in a local run. Past the time a chunk may
        take, the chunks still out are failed too: Dask cannot stop a running task.
        """
        try:
            if self.client is None or not self.chunks:
                return
            futures = {
                self.client.submit(
                    extract_on_worker, chunk, self.settings, self.time_limit, pure=False
                ): number
                for number, chunk in enumerate(self.chunks)
            }
            bound = None
            if self.time_limit:
                bound = self.time_limit * CHUNK_SIZE + WORKER_START_SECONDS
            pending = set(futures)
            while pending:
                try:
                    with self.client.as_current():
                        done, pending = wait(pending, bound, "FIRST_COMPLETED")
                except TimeoutError:
                    break
                for future in sorted(done, key=futures.__getitem__):
                    chunk = self.chunks[futures[future]]
                    yield chunk, self._outcomes(future, len(chunk))
            lost = ("extraction did not finish in time on its Dask worker", None)
            for future in sorted(pending, key=futures.__getitem__):
                future.cancel()
                chunk = self.chunks[futures[future]]
                yield chunk, [(None, lost)] * len(chunk)
            with contextlib.suppress(Exception):  # a report only: a lost worker cannot answer
                self.model_loads = dict(self.client.run(model_loads))
        finally:
            self.close()

    @staticmethod
    def _outcomes(future: Future, size: int) -> list[Outcome]:
        try:
            return future.result()
        except BriefingsError:
            raise
        except Exception as exc:
            what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            lost = (f"extraction failed on its Dask worker ({printable(what)[:160]})", None)
            return [(None, lost)] * size

    def close(self) -> None:
        """Close the client, and the cluster if this object started it."""
        client, self.client = self.client, None
        cluster, self.cluster = self.cluster, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
