"""Extraction on a real Dask cluster: two worker processes of a ``LocalCluster``.

The cluster's results are the bytes a local run writes, a broken seed stays
that seed's error, the seed time limit holds on a worker, and each worker loads
the spaCy model once however many chunks it extracts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import BIN, FIXTURES, make_project
from .smallseeds import tree, write_small_seeds

distributed = pytest.importorskip(
    "distributed", reason='the Dask extra is not installed (pip install "dask[distributed]")'
)

pytestmark = [pytest.mark.model]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
LONG_BODY = "\n\n".join(f"Rhea Brun met {i} officials in Velm on Monday." for i in range(4000))


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as running:
        yield running


def run(proj: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "briefings"), *args],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env=ENV,
    )


def project_with_seeds(tmp: Path, name: str) -> Path:
    """Fixture articles, markup in text among them, and enough small seeds for two chunks."""
    (tmp / name).mkdir()
    proj = make_project(tmp / name, sorted((FIXTURES / "site_articles").glob("*.txt")))
    write_small_seeds(proj / "seeds", range(9))
    return proj


def cache_entries(proj: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(proj / ".cache" / "briefings").items() if k.endswith(".json")}


def test_a_cluster_writes_the_bytes_of_a_local_run(tmp_path, cluster):
    local = project_with_seeds(tmp_path, "local")
    remote = project_with_seeds(tmp_path, "dask")
    here = run(local, "generate", "--out", "out")
    there = run(remote, "generate", "--out", "out", "--executor", "dask",
                "--scheduler", cluster.scheduler_address)  # fmt: skip
    assert here.returncode == 0, here.stderr
    assert there.returncode == 0, there.stderr
    assert "12 briefing(s): 12 extracted" in there.stdout
    pages = tree(remote / "out")
    assert pages == tree(local / "out")
    assert sum(k.endswith(".json") for k in pages) > 12 and sum(k.endswith(".md") for k in pages)
    entries = cache_entries(remote)
    assert len(entries) == 12 and entries == cache_entries(local)
    # The cache the cluster filled serves the next local run.
    again = run(remote, "generate", "--out", "out")
    assert "12 unchanged (cached)" in again.stdout, again.stdout


def test_a_broken_seed_is_its_own_error_on_a_cluster(tmp_path, cluster):
    proj = make_project(tmp_path, cache=False)
    write_small_seeds(proj / "seeds", range(3))
    (proj / "seeds" / "long.txt").write_text(f"date 2025-05-20\n\n{LONG_BODY}\n")
    (proj / "seeds" / "undated.txt").write_text("title: No date\n\nSomething happened.\n")
    result = run(proj, "generate", "--out", "out", "--seed-timeout", "2",
                 "--executor", "dask", "--scheduler", cluster.scheduler_address)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "error: seeds/long.txt:3: extraction took over 2 s, the time limit of one seed" in (
        result.stderr
    )
    assert "error: seeds/undated.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert "3 briefing(s): 3 extracted" in result.stdout
    for i in range(3):
        assert (proj / "out" / "briefings" / f"article-{i:02d}.md").is_file()
    errors = (proj / "out" / "errors.md").read_text()
    assert "long.txt" in errors and "undated.txt" in errors


def test_each_worker_loads_the_model_once(tmp_path, cluster):
    from briefings.build.dask_extraction import DaskExtraction, model_loads
    from briefings.build.extraction import build_briefings
    from distributed import Client

    seeds = tmp_path / "seeds"
    made = DaskExtraction.at(cluster.scheduler_address)
    for batch in (range(0, 20), range(20, 40)):  # five chunks, then five more
        shutil.rmtree(seeds, ignore_errors=True)
        write_small_seeds(seeds, batch)
        result = build_briefings(seeds, cache_dir=tmp_path / "cache", executor=made)
        assert not result.errors
        assert len(result.extracted) == 20
    with Client(cluster, set_as_default=False) as client:
        loads = client.run(model_loads)
    assert len(loads) == 2
    assert set(loads.values()) == {1}, loads


def test_the_thread_limit_stops_a_busy_thread_and_only_inside_its_block():
    from briefings.build.extraction import SeedTimeout
    from briefings.build.thread_deadline import thread_deadline

    seen: dict[str, object] = {}

    def busy() -> None:
        started = time.monotonic()
        try:
            with thread_deadline(0.2):
                while time.monotonic() - started < 30:
                    pass
        except SeedTimeout:
            seen["stopped_after"] = time.monotonic() - started
        with thread_deadline(0.2):
            pass  # ends well before its limit: nothing may reach the code after it
        try:
            end = time.monotonic() + 0.6
            while time.monotonic() < end:
                pass
            seen["after"] = "ran on"
        except SeedTimeout:
            seen["after"] = "interrupted"

    worker = threading.Thread(target=busy)
    worker.start()
    worker.join(60)
    assert seen["stopped_after"] < 5
    assert seen["after"] == "ran on"


def test_without_dask_the_error_says_how_to_install_it(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(1))
    code = (
        "import sys; sys.modules['distributed'] = None; "
        "from briefings.cli.main import main; sys.argv[0] = 'briefings'; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "generate", "--executor", "dask"],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env=ENV,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'install them with: pip install "dask[distributed]"' in result.stderr
    assert not (proj / "out").exists()


def test_a_scheduler_needs_the_dask_executor(tmp_path):
    proj = make_project(tmp_path)
    result = run(proj, "generate", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 1
    assert "error: --scheduler needs --executor dask" in result.stderr
