"""Crashes: `briefings generate --out` killed with SIGKILL at random points.

After every kill, no file is half-written (each page present is the page an
uninterrupted run writes; every cache entry and the manifest parse). After all
kills, and again after the seeds change under an interrupted run, one more run
converges to exactly the tree an uninterrupted run writes, byte for byte.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from briefings.files import TEMP_SUFFIX

from .conftest import BIN, make_project
from .smallseeds import tree, write_small_seeds

pytestmark = [pytest.mark.model]

N_SEEDS = 10
MIN_KILLS = 20
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def start(proj: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "briefings"), "generate", "--out", "out"],
        cwd=proj,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )


def run(proj: Path) -> float:
    began = time.monotonic()
    proc = start(proj)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - began


def reference(tmp: Path, indices) -> tuple[dict[str, bytes], float]:
    proj = make_project(tmp)
    write_small_seeds(proj / "seeds", indices)
    took = run(proj)
    return tree(proj / "out"), took


def cache_files(proj: Path) -> list[Path]:
    return sorted((proj / ".cache").rglob("*.json")) if (proj / ".cache").exists() else []


def wait_until(proc: subprocess.Popen, condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if condition():
            return True
        time.sleep(0.002)
    return False


def assert_no_torn_file(proj: Path, ref: dict[str, bytes]) -> None:
    out = proj / "out"
    for rel, data in tree(out).items():
        if data == b"/" or rel.endswith(TEMP_SUFFIX):
            continue
        if rel == ".briefings-manifest.json":
            assert isinstance(json.loads(data)["files"], dict)
            continue
        assert rel in ref, rel
        assert data == ref[rel], f"{rel} differs from the uninterrupted run's"
    for entry in cache_files(proj):
        json.loads(entry.read_text("utf-8"))


def kill_repeatedly(proj: Path, ref: dict[str, bytes], full_run: float, kills: int, rng) -> dict:
    """SIGKILL generate until ``kills`` runs died mid-way; return where they died."""
    stats = {"killed": 0, "finished": 0, "phases": {"start": 0, "extract": 0, "write": 0}}
    attempts = 0
    while stats["killed"] < kills and attempts < kills * 3:
        attempts += 1
        n_cache = len(cache_files(proj))
        out_before = {p: p.stat().st_mtime_ns for p in (proj / "out").rglob("*") if p.is_file()}
        proc = start(proj)
        mode = attempts % 3
        if mode == 0:  # anywhere in the run
            time.sleep(rng.uniform(0, full_run))
        elif mode == 1:  # while extracting: just after a cache entry lands
            wait_until(proc, lambda n=n_cache: len(cache_files(proj)) > n, full_run * 2)
            time.sleep(rng.uniform(0, 0.05))
        else:  # while writing pages: just after the first output file changes

            def writing(before=out_before):
                try:
                    return any(
                        before.get(p) != p.stat().st_mtime_ns
                        for p in (proj / "out").rglob("*")
                        if p.is_file()
                    )
                except FileNotFoundError:
                    return True

            wait_until(proc, writing, full_run * 2)
            time.sleep(rng.uniform(0, 0.01))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stderr.close()
        if proc.returncode == -signal.SIGKILL:
            stats["killed"] += 1
            written = len(cache_files(proj)) > n_cache
            wrote_out = any(
                out_before.get(p) != p.stat().st_mtime_ns
                for p in (proj / "out").rglob("*")
                if p.is_file()
            )
            phase = "write" if wrote_out else "extract" if written else "start"
            stats["phases"][phase] += 1
        else:
            assert proc.returncode == 0
            stats["finished"] += 1
        assert_no_torn_file(proj, ref)
    return stats


@pytest.fixture(scope="module")
def references(tmp_path_factory):
    first, took = reference(tmp_path_factory.mktemp("ref1"), range(N_SEEDS))
    changed = [*range(2, N_SEEDS), 40]  # two removed, one added
    second, _ = reference(tmp_path_factory.mktemp("ref2"), changed)
    return first, second, changed, took


def test_sigkill_at_random_points_then_rerun_converges(tmp_path, references):
    ref, ref_changed, changed, full_run = references
    rng = random.Random(7)
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(N_SEEDS))
    (proj / "out").mkdir()

    stats = kill_repeatedly(proj, ref, full_run, MIN_KILLS, rng)
    assert stats["killed"] >= MIN_KILLS, stats
    assert stats["phases"]["write"] >= 1, stats
    run(proj)
    assert tree(proj / "out") == ref

    # The seeds change under an interrupted run: the rerun still converges, and no
    # page of a removed seed survives (the manifest lists every file ever written).
    for p in (proj / "seeds").iterdir():
        p.unlink()
    write_small_seeds(proj / "seeds", changed)
    for _ in range(4):
        proc = start(proj)
        wait_until(
            proc,
            lambda: any(p.name.startswith("article-40") for p in (proj / "out").rglob("*")),
            full_run * 3,
        )
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            stats["killed"] += 1
        proc.wait(timeout=60)
        proc.stderr.close()
    run(proj)
    assert tree(proj / "out") == ref_changed
    print(f"kills survived: {stats}")


def test_uninterrupted_runs_are_identical(tmp_path, references):
    ref, _, _, _ = references
    proj = make_project(tmp_path, cache=False)
    write_small_seeds(proj / "seeds", range(N_SEEDS))
    run(proj)
    first = tree(proj / "out")
    run(proj)
    assert tree(proj / "out") == first == ref


def test_written_pages_are_readable_by_others(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(2))
    run(proj)
    old = os.umask(0)
    os.umask(old)
    for page in (proj / "out").rglob("*.md"):
        assert page.stat().st_mode & 0o777 == 0o666 & ~old
