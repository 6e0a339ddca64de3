"""The extraction cache is input: every entry proves itself before it is used.

Real `briefings generate --out` and `mkdocs build` processes over a cache that
was poisoned (markup and paths in fields, another seed's entry), damaged (a
flipped byte, wrong types, impossible dates, an entry that is a folder or a
pipe) or unusable (the folder is a file, deleted mid-run). Each is a miss with
a warning; the pages are exactly those of a build without any cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from briefings.build.cache import ExtractionCache
from briefings.build.extraction import cache_context
from briefings.extract.pipeline import Settings

from .conftest import BIN, make_project, mkdocs_build
from .smallseeds import tree, write_small_seeds

pytestmark = [pytest.mark.model]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def generate(proj: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "briefings"), "generate", "--out", "out", *args],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env=ENV,
    )


def entry(proj: Path, seed: Path) -> Path:
    cache = ExtractionCache(proj / ".cache" / "briefings", cache_context(Settings()))
    return cache.path(cache.key(hashlib.sha256(seed.read_bytes()).hexdigest()))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The pages of two seeds, built without any cache."""
    proj = make_project(tmp_path_factory.mktemp("ref"), cache=False)
    write_small_seeds(proj / "seeds", range(2))
    result = generate(proj)
    assert result.returncode == 0, result.stderr
    return tree(proj / "out")


@pytest.fixture()
def warm(tmp_path):
    """A project whose cache holds the entries of its two seeds."""
    proj = make_project(tmp_path)
    seeds = write_small_seeds(proj / "seeds", range(2))
    result = generate(proj)
    assert result.returncode == 0, result.stderr
    shutil.rmtree(proj / "out")
    return proj, seeds


def edit(path: Path, change) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


def assert_clean_run(proj: Path, reference: dict, result) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "warning: cache:" in result.stderr, result.stderr
    assert tree(proj / "out") == reference


def set_actor_type(value: str):
    def change(data):
        for actor in data["actors"]:
            actor["type"] = value

    return change


POISON = {
    "markup-in-type": set_actor_type("x)<img src=x onerror=alert(1)>"),
    "path-in-type": set_actor_type("../../../escaped"),
    "byte-flipped": None,
    "integer-date": lambda d: d.update(date=20250701),
    "impossible-date": lambda d: d.update(date="2025-99-99"),
    "event-date-soon": lambda d: [e.update(date="soon") for e in d["events"]] or d["events"],
    "list-as-name": lambda d: d["actors"][0].update(name=["Rhea", "Brun"]),
    "extra-field": lambda d: d.update(title_html="<script>alert(1)</script>"),
    "evidence-beyond-article": lambda d: d["actors"][0]["evidence"][0].update(sentence=999),
    "truncated": None,
    "folder": None,
    "pipe": None,
}


@pytest.mark.parametrize("kind", sorted(POISON))
def test_a_bad_entry_is_a_miss_with_a_warning(warm, reference, kind, tmp_path):
    proj, seeds = warm
    target = entry(proj, seeds[0])
    if kind == "byte-flipped":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] = 0xFF
        target.write_bytes(bytes(data))
    elif kind == "truncated":
        target.write_bytes(target.read_bytes()[:100])
    elif kind == "folder":
        target.unlink()
        target.mkdir()
        (target / "x").write_text("x")
    elif kind == "pipe":
        target.unlink()
        os.mkfifo(target)
    else:
        edit(target, POISON[kind])
    result = generate(proj)
    assert_clean_run(proj, reference, result)
    assert target.name in result.stderr
    for path in [*(tmp_path).rglob("*escaped*"), *(proj / "out").rglob("*")]:
        assert "escaped" not in path.name and "onerror" not in path.name, path
    # The entry was replaced by a sound one: the next run is quiet and all from cache.
    again = generate(proj)
    assert "warning" not in again.stderr and "2 unchanged (cached)" in again.stdout
    assert tree(proj / "out") == reference


def test_mkdocs_build_never_serves_a_poisoned_entry(warm, tmp_path):
    proj, seeds = warm
    edit(entry(proj, seeds[0]), set_actor_type("x)<img src=x onerror=alert(1)>"))
    edit(entry(proj, seeds[1]), set_actor_type("../../../escaped"))
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "cache:" in result.stderr and "extracted again" in result.stderr
    for path in (proj / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert "onerror" not in path.read_text("utf-8"), path
    assert not list(tmp_path.rglob("escaped*"))


def test_an_entry_of_another_seed_is_a_miss(warm, reference):
    """Alpha's entry replaced by beta's: alpha's page still shows alpha's article."""
    proj, seeds = warm
    alpha, beta = entry(proj, seeds[0]), entry(proj, seeds[1])
    alpha.write_bytes(beta.read_bytes())
    result = generate(proj)
    assert_clean_run(proj, reference, result)
    assert "another seed's sha256" in result.stderr


def test_a_cache_folder_that_is_a_file_builds_without_it(tmp_path, reference):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(2))
    (proj / ".cache").mkdir()
    (proj / ".cache" / "briefings").write_text("not a folder")
    result = generate(proj)
    assert_clean_run(proj, reference, result)
    assert "cannot be written" in result.stderr


def test_cache_deleted_during_a_run(tmp_path, reference):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(2))
    proc = subprocess.Popen(
        [str(BIN / "briefings"), "generate", "--out", "out", "--jobs", "1"],
        cwd=proj,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        text=True,
    )
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if list((proj / ".cache").rglob("*.json")):
            shutil.rmtree(proj / ".cache", ignore_errors=True)
            break
        time.sleep(0.001)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert tree(proj / "out") == reference


def test_temporaries_of_a_killed_writer_are_removed(warm):
    proj, seeds = warm
    folder = entry(proj, seeds[0]).parent
    stale = folder / f".{entry(proj, seeds[0]).name}.k1ll3d.briefings-tmp"
    stale.write_text('{"schema": "brief')
    result = generate(proj)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()


def test_temporaries_stay_while_another_build_uses_the_cache(warm):
    from briefings.build.locking import shared_use

    proj, seeds = warm
    stale = entry(proj, seeds[0]).parent / ".live.briefings-tmp"
    stale.write_text("a live writer's")
    with shared_use(proj / ".cache" / "briefings"):
        result = generate(proj)
    assert result.returncode == 0, result.stderr
    assert stale.exists()


def _keywords(schema) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key == "properties":
                for sub in value.values():
                    found |= _keywords(sub)
            elif key == "items":
                found |= _keywords(value)
    return found


def test_the_checker_reads_every_keyword_the_published_schema_uses():
    from briefings.build.schema_check import KEYWORDS
    from briefings.model import JSON_SCHEMA

    assert _keywords(JSON_SCHEMA) <= KEYWORDS


def test_the_checker_agrees_with_jsonschema(warm):
    """On a real entry and on each schema-level poisoning, the checker and the
    reference implementation of JSON Schema agree."""
    jsonschema = pytest.importorskip("jsonschema")
    from briefings.build.schema_check import schema_problem
    from briefings.model import JSON_SCHEMA

    proj, seeds = warm
    sound = json.loads(entry(proj, seeds[0]).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(JSON_SCHEMA)
    assert validator.is_valid(sound) and schema_problem(sound, JSON_SCHEMA) is None
    for kind in ("markup-in-type", "path-in-type", "integer-date", "list-as-name"):
        data = json.loads(json.dumps(sound))
        POISON[kind](data)
        assert not validator.is_valid(data), kind
        assert schema_problem(data, JSON_SCHEMA), kind
