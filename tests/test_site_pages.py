"""The built demo site as files: links, evidence anchors, feeds, sitemap, size, no CDN.

One real `mkdocs build --strict` of the user's seed and the fixture articles
(``demo_site`` in conftest.py, shared with the browser tests). Expectations are
derived from the briefing/1 JSON the same build published.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from briefings.model import ACTOR_TYPES, briefing_from_dict
from briefings.site.actors import merge_actors

pytestmark = [pytest.mark.site, pytest.mark.model]

ATOM = "{http://www.w3.org/2005/Atom}"
#: Where the demo build's pages are published (mkdocs.yml's default site_url).
SITE_URL = "http://127.0.0.1:8000/"


class Page(HTMLParser):
    """Ids, links, resources and elements of one HTML file."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []
        self.resources: list[str] = []
        self.classes: list[str] = []
        self.feeds: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        self.classes.extend(a.get("class", "").split())
        if tag == "a" and "href" in a:
            self.links.append((a["href"], a))
        if tag in ("script", "img", "iframe", "source", "video", "audio") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link":
            rel = a.get("rel", "")
            if rel == "alternate":
                self.feeds.append(a.get("type", ""))
            elif rel != "canonical":
                self.resources.append(a.get("href", ""))


@pytest.fixture(scope="module")
def pages(demo_site: Path) -> dict[str, Page]:
    """Every HTML page of the site by its path relative to the site folder."""
    return {
        p.relative_to(demo_site).as_posix(): Page(p.read_text("utf-8"))
        for p in sorted(demo_site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def briefings(demo_site: Path) -> list[dict]:
    data = [json.loads(p.read_text("utf-8")) for p in (demo_site / "briefings").glob("*.json")]
    return sorted(data, key=lambda d: (d["date"], d["id"]), reverse=True)


def target_file(page: str, href: str) -> str | None:
    """The site file a relative link on ``page`` points to (None for other schemes)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    base = PurePosixPath("/") if parts.path.startswith("/") else PurePosixPath(page).parent
    path = base / unquote(parts.path.lstrip("/"))
    resolved: list[str] = []
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        if part == "..":
            resolved.pop()
        elif part != ".":
            resolved.append(part)
    target = "/".join(resolved)
    return target + "/index.html" if href.split("#")[0].endswith("/") else target


def test_every_link_and_anchor_on_the_site_resolves(demo_site, pages):
    checked = 0
    for name, page in pages.items():
        for href, _ in page.links:
            target = target_file(name, href)
            if target is None:
                continue
            target = target.removeprefix("/").removesuffix("/") or "index.html"
            assert (demo_site / target).exists(), f"{name}: broken link {href}"
            fragment = urlsplit(href).fragment
            if fragment and target.endswith(".html"):
                assert fragment in pages[target].ids, f"{name}: no #{fragment} in {target}"
            checked += 1
    assert checked > 500


def test_every_claim_links_to_a_numbered_sentence_of_the_source(pages, briefings):
    for b in briefings:
        page = pages[f"briefings/{b['id']}/index.html"]
        sentences = {f"s{s['index']}" for s in b["sentences"]}
        assert sentences <= page.ids
        evidence = {href for href, a in page.links if "brf-ev" in a.get("class", "")}
        claims = [s["sentence"] for s in b["summary"]]
        claims += [e["evidence"]["sentence"] for e in b["events"]]
        claims += [q["evidence"]["sentence"] for q in b["questions"]]
        claims += [e["sentence"] for a in b["actors"] for e in a["evidence"][:1]]
        assert {f"#s{n}" for n in claims} <= evidence, b["id"]


def test_briefing_page_shows_facts_then_analysis_then_source(demo_site, briefings):
    for b in briefings:
        html = (demo_site / f"briefings/{b['id']}/index.html").read_text("utf-8")
        order = [html.index(f">{h}<") for h in ("Summary", "Key actors", "Timeline")]
        order += [html.index('id="open-questions"'), html.index("admonition question brf-analysis")]
        order += [html.index(">Source text<")]
        assert order == sorted(order), b["id"]
        assert f'href="../{b["id"]}.json"' in html and "min read" in html
        assert f'datetime="{b["date"]}"' in html.replace("&#45;", "-")
        if b["bottom_line"]:
            assert 'class="brf-bottom-line"' in html


def test_home_lists_latest_briefings_with_counts_and_no_build_steps(pages, briefings):
    home = pages["index.html"]
    cards = [h for h, a in home.links if h.startswith("briefings/") and h.count("/") == 2]
    assert cards[: len(briefings)] == [f"briefings/{b['id']}/" for b in briefings][:20]
    assert home.classes.count("brf-card") == min(20, len(briefings))
    chips = [h for h, a in home.links if "brf-chip" in a.get("class", "")]
    assert chips and all(h.startswith("actors/") for h in chips)
    stats = [h for h, a in home.links if "brf-stat" in a.get("class", "")]
    assert stats == ["briefings/", "actors/", "timeline/"]
    assert "add-a-briefing" not in home.ids  # readers of a hosted site need no build steps


def test_actor_pages_list_every_briefing_newest_first(pages, briefings):
    entries = merge_actors([briefing_from_dict(b) for b in briefings])
    with_page = [e for e in entries.values() if len({b.id for b, _ in e.appearances}) > 1]
    assert with_page
    actor_pages = {n for n in pages if n.startswith("actors/") and n.count("/") == 2}
    letters = {n for n in pages if n.startswith("actors/") and n.count("/") == 3}
    # Only actors of two or more briefings have a page; the index pages are by type/letter.
    assert actor_pages == {f"actors/{e.slug}/index.html" for e in with_page}
    assert letters and all(n.split("/")[1] in ACTOR_TYPES for n in letters)
    for entry in with_page:
        page = pages[f"actors/{entry.slug}/index.html"]
        listed = [
            h
            for h, a in page.links
            if h.startswith("../../briefings/") and "#" not in h and not a.get("class")
        ]
        assert listed == [f"../../briefings/{b.id}/" for b, _ in entry.appearances], entry.name


def test_feeds_list_the_newest_briefings_as_plain_text(demo_site, pages, briefings):
    root = ET.fromstring((demo_site / "feed.xml").read_bytes())
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [b["title"] for b in briefings]
    assert {e.find(f"{ATOM}title").get("type") for e in entries} == {"text"}
    first = entries[0].find(f"{ATOM}link").get("href")
    assert first == f"{SITE_URL}briefings/{briefings[0]['id']}/"
    feed = json.loads((demo_site / "feed.json").read_text("utf-8"))
    assert [i["title"] for i in feed["items"]] == [b["title"] for b in briefings]
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert pages["index.html"].feeds == ["application/atom+xml", "application/feed+json"]


def test_sitemap_lists_briefing_and_actor_pages(demo_site, briefings):
    sitemap = (demo_site / "sitemap.xml").read_text("utf-8")
    for b in briefings:
        assert f"<loc>{SITE_URL}briefings/{b['id']}/</loc>" in sitemap
    assert f"<loc>{SITE_URL}actors/" in sitemap and f"<loc>{SITE_URL}timeline/</loc>" in sitemap


def test_nothing_loads_from_another_host(pages):
    for name, page in pages.items():
        for src in page.resources:
            assert not urlsplit(src).netloc and not src.startswith("//"), f"{name}: {src}"
        # Material fetches Mermaid from a CDN when a page has a .mermaid block.
        assert "mermaid" not in page.classes, name


class Markup(HTMLParser):
    """Elements, attributes and text of a page, references decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {a: v or "" for a, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def test_markup_in_a_seed_never_becomes_markup(demo_site, briefings):
    """The seed's markup is text on every page: no element, attribute or script of it."""
    hostile = next(b for b in briefings if "<script>" in b["title"])
    for path in demo_site.rglob("*.html"):
        page = Markup()
        page.feed(path.read_text("utf-8"))
        assert not any("window.__injected" in s for s in page.scripts), path
        for tag, attrs in page.elements:
            assert "onerror" not in attrs and "onclick" not in attrs, (path, tag, attrs)
            assert not attrs.get("href", "").startswith("javascript:"), (path, tag, attrs)
            assert tag not in ("b", "img"), (path, tag)
    page = Markup()
    page.feed((demo_site / f"briefings/{hostile['id']}/index.html").read_text("utf-8"))
    shown = "".join(page.text)
    assert "<script>window.__injected = 1</script>" in shown
    assert 'rename the harbour road <img src=x onerror="window.__injected = 2">' in shown


def test_briefing_pages_are_lean(demo_site, briefings):
    sizes = [(demo_site / f"briefings/{b['id']}/index.html").stat().st_size for b in briefings]
    assert sum(sizes) / len(sizes) < 40_000
