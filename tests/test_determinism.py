"""Same seeds, same bytes: independent of file-system order, locale, hash seed and cache.

Each run is a separate process, so ``PYTHONHASHSEED`` and the locale really
differ. The seeds are written in opposite orders into folders on a tmpfs when
one is available (tmpfs lists a folder newest first), so the order the file
system returns them in differs too.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from .conftest import BIN, make_project
from .smallseeds import tree, write_small_seeds

pytestmark = [pytest.mark.model]
N_SEEDS = 8
RUNS = [
    {"PYTHONHASHSEED": "0", "LC_ALL": "C", "LANG": "C", "TZ": "UTC"},
    {"PYTHONHASHSEED": "4242", "LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "Asia/Kolkata"},
]


def scratch_root() -> Path | None:
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def project(tmp: Path, order: list[int], cache: bool) -> Path:
    proj = make_project(tmp, cache=cache)
    for i in order:  # one file at a time, in this order
        write_small_seeds(proj / "seeds", [i])
    return proj


def run(proj: Path, env: dict, *cmd: str) -> None:
    result = subprocess.run(
        [str(BIN / cmd[0]), *cmd[1:]],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def two_projects(tmp_path_factory):
    root = scratch_root()
    base = Path(tempfile.mkdtemp(dir=root)) if root else tmp_path_factory.mktemp("det")
    (base / "a").mkdir()
    (base / "b").mkdir()
    forward = project(base / "a", list(range(N_SEEDS)), cache=True)
    backward = project(base / "b", list(reversed(range(N_SEEDS))), cache=False)
    yield forward, backward
    if root:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


def test_generate_is_byte_identical_across_processes(two_projects):
    forward, backward = two_projects
    if scratch_root():
        assert os.listdir(forward / "seeds") != os.listdir(backward / "seeds")
    run(forward, RUNS[0], "briefings", "generate", "--out", "out")
    run(backward, RUNS[1], "briefings", "generate", "--out", "out")
    first = tree(forward / "out")
    assert len([k for k in first if k.startswith("briefings/article-")]) == 2 * N_SEEDS
    assert first == tree(backward / "out")
    # A second run from the warm cache, under the other environment, changes nothing.
    run(forward, RUNS[1], "briefings", "generate", "--out", "out")
    assert tree(forward / "out") == first


@pytest.mark.site
def test_mkdocs_site_is_byte_identical_across_processes(two_projects):
    forward, backward = two_projects
    run(forward, RUNS[1], "mkdocs", "build", "--strict")
    run(backward, RUNS[0], "mkdocs", "build", "--strict")
    # The gzipped sitemap holds its own creation time; the rest must be identical.
    a = {k: v for k, v in tree(forward / "site").items() if not k.endswith(".gz")}
    b = {k: v for k, v in tree(backward / "site").items() if not k.endswith(".gz")}
    assert a.keys() == b.keys()
    differ = [k for k in a if a[k] != b[k]]
    assert differ == []
