"""Pagefind search: the word forms added to a page, and the index a real build writes."""

from __future__ import annotations

import gzip
import json
import re
from html import escape, unescape
from pathlib import Path

import pytest
from briefings.errors import SearchIndexError
from briefings.site.pagefind import (
    BUNDLE_DIR,
    VARIANTS_CLASS,
    index_site,
    page_variants,
    pagefind_value,
    with_variants,
)
from briefings.site.search import vocabulary

#: Every Pagefind fragment starts with this signature once decompressed.
FRAGMENT_SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict]:
    """Each indexed page's address to its Pagefind fragment (text, filters, sort, meta)."""
    found = {}
    for path in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(FRAGMENT_SIGNATURE), path
        data = json.loads(raw[len(FRAGMENT_SIGNATURE) :])
        found[data["url"]] = data
    return found


def shown(value: str) -> str:
    """A filter value as the index holds it: escaped once, for the UI's HTML."""
    return escape(" ".join(value.split()), quote=False)


def test_filter_values_are_escaped_for_the_page_and_for_pagefind():
    assert pagefind_value("Putin") == "Putin"
    assert pagefind_value("A&B <i>") == "A&amp;amp;B &amp;lt;i&amp;gt;"
    assert pagefind_value(" two\n lines ") == "two lines"


def test_a_page_gets_the_forms_pagefind_cannot_find_by_itself():
    vocab = vocabulary(["The cease-fire held."])
    # Pagefind indexes a hyphenated word joined and in parts: nothing to add.
    assert page_variants("the cease-fire held", vocab) == ""
    assert page_variants("a ceasefire now", vocab) == "cease fire"
    assert page_variants("a cease fire now", vocab) == "ceasefire"
    assert page_variants("nothing to add", vocab) == ""


def test_the_forms_are_a_hidden_element_after_the_page_text():
    vocab = vocabulary(["The cease-fire held."])
    html = "<p>A <em>ceasefire</em> &amp; talks.</p>"
    shaped = with_variants(html, vocab)
    assert shaped.startswith(html)
    hidden = f'<div class="{VARIANTS_CLASS}" hidden aria-hidden="true">cease fire</div>'
    assert shaped.endswith(hidden)
    assert with_variants("<p>Nothing here.</p>", vocab) == "<p>Nothing here.</p>"


def test_a_site_with_no_page_is_a_clear_error(tmp_path):
    with pytest.raises(SearchIndexError, match="pagefind failed"):
        index_site(tmp_path)
    assert not (tmp_path / BUNDLE_DIR).exists()
    assert list(tmp_path.iterdir()) == []  # no temporary folder left behind


@pytest.mark.site
@pytest.mark.model
def test_the_built_site_has_a_pagefind_index_of_briefing_actor_and_story_pages(demo_site):
    entry = json.loads((demo_site / BUNDLE_DIR / "pagefind-entry.json").read_text("utf-8"))
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    marked = {
        "/" + p.parent.relative_to(demo_site).as_posix() + "/"
        for p in demo_site.rglob("index.html")
        if "data-pagefind-body" in p.read_text("utf-8")
    }
    indexed = fragments(demo_site)
    assert pages == len(indexed) == len(marked) > 0
    assert set(indexed) == marked
    kinds = {url.split("/")[1] for url in indexed}
    assert {"briefings", "actors"} <= kinds <= {"briefings", "actors", "stories"}
    assert "/briefings/" not in indexed and "/actors/" not in indexed  # the index pages are not
    assert not (demo_site / "search" / "search_index.json").exists()
    assert (demo_site / BUNDLE_DIR / "pagefind-ui.js").is_file()


@pytest.mark.site
@pytest.mark.model
def test_briefing_pages_carry_their_filters_and_date(demo_site):
    indexed = fragments(demo_site)
    for path in (demo_site / "briefings").glob("*.json"):
        b = json.loads(path.read_text("utf-8"))
        page = indexed[f"/briefings/{b['id']}/"]
        # Filter values are indexed escaped: Pagefind's UI shows them as HTML.
        assert page["filters"]["year"] == [b["date"][:4]]
        assert set(page["filters"].get("actor", [])) == {shown(a["name"]) for a in b["actors"]}
        assert set(page["filters"].get("type", [])) == {shown(a["type"]) for a in b["actors"]}
        if b["source"].get("name"):
            assert page["filters"]["source"] == [shown(b["source"]["name"])]
        html = unescape((demo_site / "briefings" / b["id"] / "index.html").read_text("utf-8"))
        assert f'<time datetime="{b["date"]}" data-pagefind-sort="date[datetime]"' in html
        assert page["meta"]["title"] == " ".join(b["title"].split())
        # Sentence numbers, evidence marks and permalinks stay out of the text.
        assert "¶" not in page["content"]
        assert not re.search(r"Sentence \d", page["content"])


def small_site(folder: Path) -> Path:
    """Hand-written pages with many filter values (Pagefind writes them in hash order)."""
    for i in range(12):
        page = folder / f"p{i}" / "index.html"
        page.parent.mkdir(parents=True)
        actors = "".join(
            f'<span data-pagefind-filter="actor">Actor {j}</span>' for j in range(i, i + 8)
        )
        page.write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>Page {i}</h1>'
            f"<p>A cease-fire, talks number {i}.</p>"
            f'<div hidden data-pagefind-ignore>{actors}<span data-pagefind-filter="year">'
            f"{2020 + i % 3}</span></div></main></body></html>",
            "utf-8",
        )
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_same_pages_give_a_byte_identical_bundle(tmp_path):
    bundles = []
    for name in ("a", "b", "c"):
        site = small_site(tmp_path / name)
        assert index_site(site) == 12
        bundles.append(tree(site / BUNDLE_DIR))
    assert bundles[0] == bundles[1] == bundles[2]
    assert any(k.startswith("filter/") for k in bundles[0])
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".pagefind")]


@pytest.mark.site
@pytest.mark.model
def test_with_materials_search_plugin_listed_the_header_holds_one_search(tmp_path):
    from .conftest import FIXTURES, LUNR_SEARCH_PLUGIN, make_project, mkdocs_build

    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    config = proj / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  - briefings:\n", LUNR_SEARCH_PLUGIN + "  - briefings:\n"))
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    home = (proj / "site" / "index.html").read_text("utf-8")
    assert home.count('class="md-header__button md-icon brf-search-open"') == 1
    assert 'data-md-component="search"' not in home and "md-search__input" not in home
    assert (proj / "site" / "pagefind" / "pagefind-entry.json").is_file()
