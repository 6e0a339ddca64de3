"""Pages stay light at any number of briefings: a real MkDocs + Material build of a large
synthetic archive (Briefing values, no language model), every page measured with an HTML
parser, every link checked by the strict build."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from briefings.site.actor_pages import ACTOR_BRIEFINGS, has_page
from briefings.site.actors import merge_actors
from briefings.site.briefing_index_pages import BRIEFINGS_PER_PAGE
from briefings.site.packaged import PACKAGED, SCRIPTS, STYLESHEETS, THEME
from briefings.site.page_links import html_href, part_uri, parts
from briefings.site.page_size import (
    MAX_PAGE_BYTES,
    MAX_PAGE_NODES,
    dom_nodes,
    heaviest,
    page_weights,
)
from briefings.site.pages import build_site
from briefings.site.render import Renderer
from briefings.site.timeline_pages import MAX_SOURCES

from .conftest import BIN, ROOT
from .synthsite import synthetic_briefings

pytestmark = [pytest.mark.site]

#: Briefings of the synthetic archive: enough for every split to happen (a month over
#: several pages, the briefings list over several, actors in more briefings than their
#: page lists), while the build stays short.
N_BRIEFINGS = 800


def plain_project(folder: Path, pages: dict[str, str]) -> Path:
    """The site's mkdocs.yml without the briefings plugin (its theme and assets named
    instead), over the generated pages: what ``briefings generate --out docs`` publishes."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"\n  - briefings:\n(?:      .*\n)+", "\n", config)
    assert "briefings:" not in config
    config = config.replace("  name: material\n", f"  name: material\n  custom_dir: {THEME}\n", 1)
    config += "extra_css:\n" + "".join(f"  - {p}\n" for p in STYLESHEETS)
    config += "extra_javascript:\n" + "".join(f"  - {p}\n" for p in SCRIPTS)
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("screenshots"))
    for uri, content in pages.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(content, "utf-8")
    for path in (*STYLESHEETS, *SCRIPTS):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGED / path, docs / path)
    return folder


@pytest.fixture(scope="module")
def archive():
    return synthetic_briefings(N_BRIEFINGS)


@pytest.fixture(scope="module")
def large_site(archive, tmp_path_factory) -> Path:
    site = build_site(archive, Renderer(), site_url="http://127.0.0.1:8000/")
    pages = {p.uri: p.content for p in site.pages}
    pages["index.md"] = site.home_page((ROOT / "docs" / "index.md").read_text("utf-8"))
    proj = plain_project(tmp_path_factory.mktemp("large"), pages)
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)},
    )
    # --strict: a link to a page that does not exist fails the build.
    assert result.returncode == 0, result.stderr[-3000:]
    return proj / "site"


def test_no_page_of_a_large_site_is_heavy(large_site, archive):
    weights = page_weights(large_site)
    most_bytes, most_nodes = heaviest(weights)
    assert most_bytes.bytes < MAX_PAGE_BYTES, most_bytes
    assert most_nodes.nodes < MAX_PAGE_NODES, most_nodes
    by_path = {w.path: w for w in weights}
    # The archive is large enough that each split actually happened.
    assert "timeline/2024-03-2/index.html" in by_path  # the busy month continues
    assert "briefings/all/2/index.html" in by_path
    assert N_BRIEFINGS > 2 * BRIEFINGS_PER_PAGE
    busy = (large_site / "timeline/2024-03/index.html").read_text("utf-8")
    talks = busy[busy.index("Talks collapsed in Velm") :].split("</li>")[0]
    assert talks.count('class="brf-from"') == MAX_SOURCES
    assert f"and {N_BRIEFINGS - MAX_SOURCES} more briefings" in talks
    assert any(w.path.startswith("actors/person/") for w in weights)


def test_only_actors_of_two_or_more_briefings_have_a_page(large_site, archive):
    entries = merge_actors(archive)
    with_page = {e.slug for e in entries.values() if has_page(e)}
    assert 0 < len(with_page) < len(entries) / 2  # most actors are named once
    published = {p.parent.name for p in (large_site / "actors").glob("*/index.html")} - {
        "person",
        "organization",
        "country",
    }
    assert published == with_page


def test_an_actor_of_many_briefings_lists_the_newest(large_site, archive):
    entries = merge_actors(archive)
    top = max(entries.values(), key=lambda e: (len(e.appearances), e.slug))
    assert len(top.appearances) > ACTOR_BRIEFINGS
    html = (large_site / f"actors/{top.slug}/index.html").read_text("utf-8")
    assert f"The newest {ACTOR_BRIEFINGS} of {len(top.appearances)} briefings." in html
    newest = top.appearances[0][0].id
    assert f'href="../../briefings/{newest}/"' in html


def test_raw_html_links_follow_the_url_style():
    assert html_href("timeline/2025.md", "timeline/2025-03.md", True) == "../2025-03/"
    assert html_href("timeline/2025.md", "timeline/2025-03.md", False) == "2025-03.html"
    assert html_href("timeline/2025.md", "timeline.md", True) == "../"
    assert html_href("timeline.md", "timeline/2025.md", False) == "timeline/2025.html"
    assert html_href("index.md", "actors/index.md", True) == "actors/"


def test_parts_are_bounded_by_weight_and_keep_the_order():
    cut = parts(list(range(10)), 10, weight=lambda n: n)
    assert [sum(p) for p in cut] == [10, 5, 6, 7, 8, 9] and [n for p in cut for n in p] == list(
        range(10)
    )
    assert parts([], 5) == [[]] and parts([50], 5) == [[50]]  # a heavy item stands alone
    assert part_uri("timeline/2025-03.md", 1) == "timeline/2025-03.md"
    assert part_uri("timeline/2025-03.md", 3) == "timeline/2025-03-3.md"


def test_the_split_pages_are_the_same_on_every_run(archive):
    def pages() -> dict[str, str]:
        return {p.uri: p.content for p in build_site(archive[:300], Renderer()).pages}

    first = pages()
    assert first == pages()
    assert list(first) == list(pages())  # the same order too


def test_counting_nodes_counts_elements_text_and_comments():
    assert (
        dom_nodes("<!doctype html><html><body><p>a <b>b</b></p><!-- c --><br></body></html>") == 10
    )
