"""Two generators at once never corrupt output.

`briefings generate --out DIR` locks DIR while it writes, so a second writer
waits; `mkdocs build` and `mkdocs serve` write only their own site folder and
share with the CLI just the content-addressed, atomically written cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from briefings.build.locking import folder_lock
from briefings.files import TEMP_SUFFIX

from .conftest import BIN, make_project
from .serving import fetch, mkdocs_serve, wait_for
from .smallseeds import tree, write_small_seeds

pytestmark = [pytest.mark.model]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
N_SEEDS = 6


def popen(proj: Path, *cmd: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / cmd[0]), *cmd[1:]],
        cwd=proj,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        text=True,
    )


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out + err


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("ref"))
    write_small_seeds(proj / "seeds", range(N_SEEDS))
    finish(popen(proj, "briefings", "generate", "--out", "out"))
    return tree(proj / "out")


def assert_cache_whole(proj: Path) -> None:
    for entry in (proj / ".cache").rglob("*"):
        assert not entry.name.endswith(TEMP_SUFFIX), entry
        if entry.suffix == ".json":
            assert json.loads(entry.read_text("utf-8"))["schema"] == "briefing/1"


def test_a_second_writer_waits_for_the_lock(tmp_path, reference):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(N_SEEDS))
    out = proj / "out"
    with folder_lock(out):
        proc = popen(proj, "briefings", "generate", "--out", "out")
        # It extracts (the cache is not locked) and then waits at the output folder.
        wait_for(lambda: len(list((proj / ".cache").rglob("*.json"))) == N_SEEDS, proc=proc)
        time.sleep(2)
        assert proc.poll() is None
        assert not (out / "briefings").exists()
    output = finish(proc)
    assert "waiting for another generator to finish writing out" in output
    assert tree(out) == reference


@pytest.mark.site
def test_cli_and_mkdocs_build_at_once(tmp_path, reference):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(N_SEEDS))
    for _ in range(2):  # a cold cache, then a warm one
        procs = [
            popen(proj, "briefings", "generate", "--out", "out"),
            popen(proj, "mkdocs", "build", "--strict"),
            popen(proj, "briefings", "generate", "--out", "out"),
        ]
        for proc in procs:
            finish(proc)
        assert tree(proj / "out") == reference
        assert_cache_whole(proj)
        site = proj / "site"
        assert len(list((site / "briefings").glob("article-*/index.html"))) == N_SEEDS


@pytest.mark.site
def test_cli_while_mkdocs_serve_runs(tmp_path, reference):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(N_SEEDS - 1))
    with mkdocs_serve(proj) as (serve, base):
        wait_for(lambda: fetch(f"{base}/briefings/article-00/")[0] == 200, proc=serve)
        # A seed arrives; the CLI and the server's rebuild run at the same time.
        write_small_seeds(proj / "seeds", [N_SEEDS - 1])
        generators = [popen(proj, "briefings", "generate", "--out", "out") for _ in range(2)]
        last = f"{base}/briefings/article-{N_SEEDS - 1:02d}/"
        wait_for(lambda: fetch(last)[0] == 200, proc=serve)
        for proc in generators:
            finish(proc)
        assert serve.poll() is None
        assert tree(proj / "out") == reference
        assert_cache_whole(proj)
