"""Shared fixtures: the real spaCy model (loaded once), fixture articles, site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
USER_SEED = ROOT / "seeds" / "000_424b30a26a76942e.txt"
BIN = Path(sys.executable).parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def nlp():
    from briefings.nlp.parse import load_model

    return load_model()


@pytest.fixture(scope="session")
def parse_text(nlp):
    """Parse a body of text (with a publication date) into a ParsedArticle."""
    import datetime as dt

    from briefings.ingest.seeds import parse_seed_text
    from briefings.nlp.parse import parse

    def _parse(body: str, date: str = "2025-05-20", title: str | None = None):
        header = f"date {date}\n" + (f"title: {title}\n" if title else "")
        seed = parse_seed_text(Path("test.txt"), header + "\n" + body)
        assert seed.date == dt.date.fromisoformat(date)
        return parse(seed, nlp)

    return _parse


@pytest.fixture(scope="session")
def parse_file(nlp):
    from briefings.ingest.seeds import read_seed
    from briefings.nlp.parse import parse

    def _parse(path: Path):
        return parse(read_seed(path), nlp)

    return _parse


def make_project(tmp: Path, seeds: list[Path] | None = None, cache: bool = True) -> Path:
    """A copy of the site project (config, docs, templates) with the given seeds."""
    proj = tmp / "project"
    proj.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", proj / "docs")
    shutil.copytree(ROOT / "templates", proj / "templates")
    (proj / "seeds").mkdir()
    for s in seeds or []:
        shutil.copy(s, proj / "seeds" / s.name)
    if not cache:
        text = (proj / "mkdocs.yml").read_text()
        (proj / "mkdocs.yml").write_text(
            text.replace("cache_dir: .cache/briefings", 'cache_dir: ""')
        )
    return proj


#: Material's own search plugin, as a site choosing ``search: lunr`` lists it.
LUNR_SEARCH_PLUGIN = """  - search:
      separator: '[\\s\\-\\u2010-\\u2015]+'
"""


def use_lunr(proj: Path) -> Path:
    """Switch a project to Material's lunr search (``search: lunr``) from Pagefind."""
    config = proj / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - briefings:\n" in text
    text = text.replace(
        "  - briefings:\n", LUNR_SEARCH_PLUGIN + "  - briefings:\n      search: lunr\n", 1
    )
    text = text.replace(
        "    - content.tooltips\n",
        "    - search.highlight\n    - search.suggest\n    - content.tooltips\n",
        1,
    )
    config.write_text(text, "utf-8")
    return proj


def mkdocs_build(proj: Path, strict: bool = True) -> subprocess.CompletedProcess:
    cmd = [str(BIN / "mkdocs"), "build"]
    if strict:
        cmd.append("--strict")
    return subprocess.run(
        cmd,
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture()
def project(tmp_path):
    return lambda seeds=None, cache=True: make_project(tmp_path, seeds, cache)


SITE_FIXTURES = FIXTURES / "site_articles"


def demo_seeds(with_markup: bool = True) -> list[Path]:
    """The user's seed and the fixture articles the site tests share (actors recur across them)."""
    seeds = [USER_SEED, FIXTURES / "summit.txt", FIXTURES / "harbour_strike.txt"]
    seeds += sorted(SITE_FIXTURES.glob("*.txt"))
    return [s for s in seeds if with_markup or s.name != "markup_in_text.txt"]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """One real `mkdocs build --strict` of the demo seeds, shared by the site and browser tests."""
    proj = make_project(tmp_path_factory.mktemp("demo"), demo_seeds())
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    return proj / "site"


@pytest.fixture(scope="session")
def lunr_demo_site(demo_site: Path, tmp_path_factory) -> Path:
    """The demo seeds built with ``search: lunr`` (Material's search), from the demo's cache."""
    proj = use_lunr(make_project(tmp_path_factory.mktemp("lunr"), demo_seeds()))
    shutil.copytree(demo_site.parent / ".cache", proj / ".cache")
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    return proj / "site"


@pytest.fixture(scope="session")
def story_briefings(nlp, tmp_path_factory):
    """Briefings of every article in tests/fixtures/stories (one extraction per session)."""
    from briefings.build.extraction import build_briefings
    from briefings.extract.pipeline import Settings

    from tests.storyseeds import STORIES

    result = build_briefings(
        STORIES,
        Settings(),
        cache_dir=tmp_path_factory.mktemp("story-cache"),
        jobs=1,
        load=lambda name: nlp,
    )
    assert not result.errors
    return result.briefings
