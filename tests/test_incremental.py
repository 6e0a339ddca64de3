"""The extraction cache, incremental regeneration and parallel extraction, end to end.

Every test runs the real model over fixture articles; what is counted is what
the build reports it extracted and what it took from the cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from briefings.build.cache import ExtractionCache, model_fingerprint
from briefings.build.extraction import CHUNK_SIZE, build_briefings, cache_context, worker_count
from briefings.build.fingerprint import code_fingerprint, extraction_modules
from briefings.extract.pipeline import Settings, extract
from briefings.ingest.seeds import read_seed
from briefings.nlp.parse import DEFAULT_MODEL

from .conftest import BIN, FIXTURES, ROOT

pytestmark = pytest.mark.model

ARTICLES = [FIXTURES / "summit.txt", FIXTURES / "harbour_strike.txt"]


def body_of(path: Path) -> str:
    """A fixture article without its header lines."""
    return path.read_text("utf-8").split("\n\n", 1)[1]


def write_seeds(folder: Path, n: int) -> list[Path]:
    """``n`` distinct seeds: the fixture articles under different publication dates."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"seed_{i:02d}.txt"
        article = ARTICLES[i % len(ARTICLES)]
        path.write_text(f"date 2024-{1 + i % 12:02d}-{10 + i:02d}\n\n{body_of(article)}", "utf-8")
        paths.append(path)
    return paths


def tree(folder: Path) -> dict[Path, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def as_json(result) -> list[str]:
    return [b.to_json() for b in result.briefings]


@pytest.fixture()
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    write_seeds(folder, 3)
    return folder


def test_second_build_is_all_cache_hits(seeds, tmp_path):
    cache = tmp_path / "cache"
    first = build_briefings(seeds, cache_dir=cache, jobs=1)
    assert first.extracted == ["seed-00", "seed-01", "seed-02"] and first.cached == []
    second = build_briefings(seeds, cache_dir=cache, jobs=1)
    assert second.extracted == [] and sorted(second.cached) == first.extracted
    assert as_json(second) == as_json(first)


def test_editing_a_seed_re_extracts_only_that_seed(seeds, tmp_path):
    cache = tmp_path / "cache"
    build_briefings(seeds, cache_dir=cache, jobs=1)
    edited = seeds / "seed_01.txt"
    edited.write_text(edited.read_text("utf-8") + "\nOne more closing sentence.\n", "utf-8")
    result = build_briefings(seeds, cache_dir=cache, jobs=1)
    assert result.extracted == ["seed-01"]
    assert sorted(result.cached) == ["seed-00", "seed-02"]


def test_adding_one_seed_extracts_only_that_seed(seeds, tmp_path):
    cache = tmp_path / "cache"
    before = build_briefings(seeds, cache_dir=cache)
    shutil.copy(FIXTURES / "harbour_strike.txt", seeds / "new_one.txt")
    after = build_briefings(seeds, cache_dir=cache)
    assert after.extracted == ["new-one"]
    assert len(after.cached) == len(before.briefings)
    assert len(list(cache.glob("*/*.json"))) == len(before.briefings) + 1


def test_in_memory_cache_alone_serves_a_rebuild(seeds):
    memory: dict = {}
    build_briefings(seeds, cache_dir=None, memory=memory, keep_model=True)
    assert len(memory) == 3
    shutil.copy(FIXTURES / "summit.txt", seeds / "added.txt")
    result = build_briefings(seeds, cache_dir=None, memory=memory, keep_model=True)
    assert result.extracted == ["added"]
    (seeds / "added.txt").unlink()
    build_briefings(seeds, cache_dir=None, memory=memory, keep_model=True)
    assert len(memory) == 3  # entries of removed seeds are dropped


def test_cache_key_covers_each_component(tmp_path):
    seed = read_seed(FIXTURES / "summit.txt")
    base = Settings()
    key = ExtractionCache(None, cache_context(base)).key(seed.sha256)
    other_bytes = ExtractionCache(None, cache_context(base)).key("0" * 64)
    other_settings = ExtractionCache(None, cache_context(replace(base, max_questions=3)))
    assert len({key, other_bytes, other_settings.key(seed.sha256)}) == 3
    assert "code=" in cache_context(base)


def test_editing_extraction_code_in_a_copy_of_the_package_is_a_miss(tmp_path):
    """The key covers the code's bytes: an edited rule re-extracts, an edited page writer does not.

    A copy of the package runs in its own processes, so the installed one is untouched.
    """
    package = tmp_path / "copy" / "briefings"
    shutil.copytree(
        ROOT / "generator" / "briefings", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ARTICLES[0], seeds / "summit.txt")
    script = (
        "import sys; from pathlib import Path; "
        "from briefings.build.extraction import build_briefings; "
        "r = build_briefings(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), jobs=1); "
        "import briefings; assert briefings.__file__.startswith(sys.argv[3]); "
        "print(len(r.extracted), len(r.cached))"
    )

    def build() -> str:
        cmd = [str(BIN / "python"), "-c", script, str(seeds), str(tmp_path / "cache"), str(package)]
        env = {**os.environ, "PYTHONPATH": str(package.parent)}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert build() == "1 0"
    assert build() == "0 1"
    with (package / "extract" / "actors" / "mentions.py").open("a") as f:
        f.write("\n# a rule edited without any version bump\n")
    assert build() == "1 0"
    with (package / "site" / "feeds.py").open("a") as f:
        f.write("\n# the feed writer is not extraction\n")
    assert build() == "0 1"


def test_the_fingerprint_follows_the_imports_of_extraction(tmp_path):
    modules = extraction_modules()
    for stage in (
        "extract.pipeline",
        "model",
        "extract.actors.mentions",
        "extract.temporal.expressions",
        "extract.timeline",
        "extract.summary",
        "extract.questions",
        "extract.title",
        "nlp.parse",
        "lexicon.generated",
    ):
        assert stage in modules
    for other in modules:  # nothing of the site, the shells, the build or the tuning
        assert other.split(".")[0] not in ("site", "cli", "mkdocs_plugin", "build", "quality")
    package = tmp_path / "briefings"
    shutil.copytree(
        ROOT / "generator" / "briefings", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    before = code_fingerprint(package)
    assert before == code_fingerprint(ROOT / "generator" / "briefings")
    temporal = package / "extract" / "temporal" / "expressions.py"
    temporal.write_bytes(temporal.read_bytes() + b"\n")
    assert code_fingerprint(package) != before


def test_settings_invalidate(seeds, tmp_path):
    cache = tmp_path / "cache"
    build_briefings(seeds, cache_dir=cache, jobs=1)
    result = build_briefings(seeds, Settings(max_summary_sentences=3), cache_dir=cache, jobs=1)
    assert len(result.extracted) == 3
    again = build_briefings(seeds, Settings(max_summary_sentences=3), cache_dir=cache, jobs=1)
    assert again.extracted == []


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory):
    """A copy of the installed model's data folder: a model named by its path."""
    import importlib.util

    spec = importlib.util.find_spec(DEFAULT_MODEL)
    package = Path(next(iter(spec.submodule_search_locations)))
    data = next(p for p in package.iterdir() if p.is_dir() and (p / "config.cfg").is_file())
    folder = tmp_path_factory.mktemp("model") / "pipeline"
    shutil.copytree(data, folder)
    return folder


def test_model_name_and_version_invalidate(seeds, tmp_path, model_folder):
    cache = tmp_path / "cache"
    build_briefings(seeds, cache_dir=cache, jobs=1)
    by_path = build_briefings(seeds, Settings(model=str(model_folder)), cache_dir=cache, jobs=1)
    assert len(by_path.extracted) == 3  # another model name: another key
    assert [b.summary for b in by_path.briefings] == [
        b.summary for b in build_briefings(seeds, cache_dir=cache, jobs=1).briefings
    ]
    before = model_fingerprint(str(model_folder))
    meta = json.loads((model_folder / "meta.json").read_text("utf-8"))
    meta["version"] = meta["version"] + ".post1"
    (model_folder / "meta.json").write_text(json.dumps(meta), "utf-8")
    assert model_fingerprint(str(model_folder)) != before
    bumped = build_briefings(seeds, Settings(model=str(model_folder)), cache_dir=cache, jobs=1)
    assert len(bumped.extracted) == 3


def test_package_fingerprint_has_version_and_metadata():
    fingerprint = model_fingerprint(DEFAULT_MODEL)
    name, rest = fingerprint.split("==")
    version, digest = rest.split("@")
    assert name == DEFAULT_MODEL and version[0].isdigit() and digest != "none"


def test_cache_is_safe_to_delete_and_damage(seeds, tmp_path):
    cache = tmp_path / "cache"
    first = build_briefings(seeds, cache_dir=cache, jobs=1)
    entry = next(cache.glob("*/*.json"))
    entry.write_text('{"schema": "briefing/1", "trunc', "utf-8")
    damaged = build_briefings(seeds, cache_dir=cache, jobs=1)
    assert len(damaged.extracted) == 1 and as_json(damaged) == as_json(first)
    shutil.rmtree(cache)
    fresh = build_briefings(seeds, cache_dir=cache, jobs=1)
    assert len(fresh.extracted) == 3 and as_json(fresh) == as_json(first)


def test_renamed_seed_is_a_hit_with_its_new_id(seeds, tmp_path):
    cache = tmp_path / "cache"
    build_briefings(seeds, cache_dir=cache, jobs=1)
    (seeds / "seed_02.txt").rename(seeds / "renamed.txt")
    result = build_briefings(seeds, cache_dir=cache, jobs=1)
    assert result.extracted == []
    renamed = next(b for b in result.briefings if b.id == "renamed")
    assert renamed.source.path.endswith("renamed.txt")


def test_worker_count_policy():
    assert worker_count(0, 4, keep_model=False) == 0
    assert worker_count(100, 1, keep_model=False) == 0
    assert worker_count(1, 2, keep_model=False) == 2  # the model loads on another core
    assert worker_count(1, 2, keep_model=True) == 0  # a serve session keeps its model
    assert worker_count(1000, 2, keep_model=True) == 2


@pytest.fixture(scope="module")
def many_seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many") / "seeds"
    write_seeds(folder, CHUNK_SIZE + 3)  # two chunks: two workers
    return folder


def test_parallel_extraction_equals_serial(many_seeds, tmp_path):
    serial = build_briefings(many_seeds, cache_dir=tmp_path / "one", jobs=1)
    parallel = build_briefings(many_seeds, cache_dir=tmp_path / "two", jobs=2)
    assert parallel.extracted == serial.extracted and len(serial.extracted) == CHUNK_SIZE + 3
    assert as_json(parallel) == as_json(serial)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")  # cache entries, byte for byte


def test_batched_extraction_equals_one_article_at_a_time(many_seeds, tmp_path, nlp):
    batched = build_briefings(many_seeds, cache_dir=None, jobs=1)
    for b in batched.briefings:
        alone = extract(read_seed(many_seeds / Path(b.source.path).name, slug=b.id), nlp)
        assert alone.to_json() == replace(b, source=alone.source).to_json()


@pytest.mark.site
def test_generated_pages_identical_for_one_and_two_jobs(project, many_seeds, tmp_path):
    proj = project()
    for seed in many_seeds.iterdir():
        shutil.copy(seed, proj / "seeds" / seed.name)
    outputs = {}
    for jobs in ("1", "2"):
        shutil.rmtree(proj / ".cache", ignore_errors=True)
        out = tmp_path / f"out-{jobs}"
        run = subprocess.run(
            [str(BIN / "briefings"), "generate", "--jobs", jobs, "--out", str(out)],
            cwd=proj,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, run.stderr
        assert f"{CHUNK_SIZE + 3} extracted" in run.stdout
        outputs[jobs] = tree(out)
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) > 2 * (CHUNK_SIZE + 3)
