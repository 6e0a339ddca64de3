"""Hostile text never becomes markup, a link or a script, wherever it appears.

Three levels: the escaping function on each payload (under the site's Markdown
extensions and under a much larger set a site might switch on); every page the
site generates from briefings carrying a payload in every field (the HTML has the
same element skeleton as with harmless text); and a real `mkdocs build` from
hostile seeds, checked page by page, in the search index and in the JSON, and in
real Chromium (no script runs, no dialog opens, no payload element or link exists,
search results stay text).
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from briefings.model import (
    Actor,
    Briefing,
    Event,
    Evidence,
    Question,
    Sentence,
    Source,
    SummarySentence,
)
from briefings.site.pages import build_site
from briefings.site.render import Renderer, attr, md_escape, safe_url

from .browser.searching import search
from .conftest import FIXTURES, ROOT, make_project, mkdocs_build
from .payloads import (
    FORBIDDEN_TAGS,
    HOSTILE_SOURCE,
    HOSTILE_TITLE,
    HOSTILE_URLS,
    PAYLOADS,
    hostile_seed,
)
from .serving import free_port
from .test_pagefind_search import fragments

SITE_EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
#: Extensions a site might switch on later; escaping must hold under them too.
MANY_EXTENSIONS = [
    *SITE_EXTENSIONS,
    "abbr",
    "def_list",
    "footnotes",
    "md_in_html",
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.superfences",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.smartsymbols",
    "pymdownx.critic",
    "pymdownx.arithmatex",
    "pymdownx.tasklist",
    "pymdownx.snippets",
    "pymdownx.inlinehilite",
]
EXTRA = [
    ("snippet", '--8<-- "mkdocs.yml"'),
    ("critic", "{++added++} {--gone--} {==marked==}"),
    ("math", "$x^2$ $$y$$ \\(z\\)"),
    ("footnote", "text[^1] [^1]: note"),
    ("task", "[x] done [ ] todo"),
    ("emoji-keys", ":smile: ++ctrl+alt+del++"),
]
ALL_PAYLOADS = PAYLOADS + EXTRA


class Skeleton(HTMLParser):
    """Elements, attribute names and visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(a for a, _ in attrs))))
        self.attrs.extend((tag, a, v or "") for a, v in attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def skeleton(html: str) -> Skeleton:
    parser = Skeleton()
    parser.feed(html)
    parser.close()
    return parser


def to_html(text: str, extensions: list[str]) -> str:
    configs = {"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": False}}
    md = markdown.Markdown(
        extensions=extensions,
        extension_configs={k: v for k, v in configs.items() if k in extensions},
    )
    return md.convert(text)


def visible(text: str) -> str:
    """What a reader should see of ``text``: whitespace collapsed, invisible characters gone."""
    import unicodedata

    collapsed = " ".join(text.split())
    return "".join(c for c in collapsed if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))


def assert_safe_attributes(sk: Skeleton) -> None:
    for tag, name, value in sk.attrs:
        assert not name.startswith("on"), (tag, name, value)
        if name in ("href", "src", "action", "data", "formaction", "srcset"):
            scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
            assert scheme in ("", "http", "https"), (tag, name, value)


# ------------------------------------------------------------------ md_escape


@pytest.mark.parametrize("extensions", [SITE_EXTENSIONS, MANY_EXTENSIONS], ids=["site", "many"])
@pytest.mark.parametrize(("name", "payload"), ALL_PAYLOADS, ids=[n for n, _ in ALL_PAYLOADS])
def test_escaped_payload_is_one_paragraph_of_its_own_text(name, payload, extensions):
    html = to_html(md_escape(payload), extensions)
    sk = skeleton(html)
    assert sk.tags == [("p", ())], html
    assert "".join(sk.text) == visible(payload)


@pytest.mark.parametrize(("name", "payload"), ALL_PAYLOADS, ids=[n for n, _ in ALL_PAYLOADS])
def test_escaped_payload_in_an_attribute_stays_in_it(name, payload):
    html = to_html(f'<span title="{attr(payload)}">x</span>', SITE_EXTENSIONS)
    sk = skeleton(html)
    assert [t for t, _ in sk.tags] == ["p", "span"], html
    assert sk.attrs == [("span", "title", visible(payload))]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_never_make_a_link_elsewhere(url):
    safe = safe_url(url)
    text = f"[Original article]({safe}){{ .x }}" if safe else md_escape(url)
    sk = skeleton(to_html(text, SITE_EXTENSIONS))
    links = [v for t, a, v in sk.attrs if a == "href"]
    assert all(v.startswith("https://example.org/") for v in links)
    assert len(links) <= 1
    assert_safe_attributes(sk)


# ------------------------------------------------------- every generated page


def briefing_with(texts: list[str], url: str | None, bid: str, title: str) -> Briefing:
    """A briefing whose every printed field holds one of ``texts``."""
    ev = [Evidence(sentence=i + 1, text=t) for i, t in enumerate(texts)]
    return Briefing(
        id=bid,
        date="2025-05-20",
        title=title,
        summary=tuple(SummarySentence(t, i + 1) for i, t in enumerate(texts[:5])),
        actors=tuple(
            Actor(
                name=f"{t} {bid}",
                type=["person", "organization", "country", "place", "group"][i % 5],
                role=t,
                aliases=(t, f"{t} {bid}"),
                mentions=i + 1,
                salience=1.0 / (i + 1),
                evidence=(ev[i],),
            )
            for i, t in enumerate(texts)
        ),
        events=tuple(
            Event(
                date=f"2025-{i % 12 + 1:02d}" + (f"-{i % 28 + 1:02d}" if i % 3 else ""),
                approximate=bool(i % 2),
                text=f"{t} {bid}",
                evidence=ev[i],
                expected=bool(i % 4 == 0),
            )
            for i, t in enumerate(texts)
        ),
        questions=tuple(Question(f"Will {t}?", ev[i]) for i, t in enumerate(texts)),
        source=Source(
            path=f"seeds/{texts[0]}.txt",
            sha256="0" * 64,
            words=1234,
            name=texts[1],
            url=url,
        ),
        bottom_line=texts[2],
        sentences=tuple(Sentence(i + 1, t, i // 3 + 1) for i, t in enumerate(texts)),
    )


def render_pages(texts: list[str], urls: list[str | None], title: str, errors: list[str]):
    briefings = [
        briefing_with(texts, urls[0], "first", title),
        briefing_with(list(reversed(texts)), urls[1], "second", texts[3]),
    ]
    site = build_site(briefings, Renderer(ROOT / "templates"), errors=errors)
    pages = {p.uri: p.content for p in site.pages if p.uri.endswith(".md")}
    pages["index.md"] = site.home_page(None)
    return pages


@pytest.fixture(scope="module")
def rendered():
    texts = [p for _, p in ALL_PAYLOADS]
    neutral = [f"plain text number {i}" for i in range(len(texts))]
    hostile = render_pages(
        texts,
        [HOSTILE_URLS[0], HOSTILE_URLS[2]],
        HOSTILE_TITLE,
        [f"seeds/{t}.txt: x" for t in texts],
    )
    plain = render_pages(
        neutral,
        [None, "https://example.org/a"],
        "Plain title",
        [f"seeds/{t}.txt: x" for t in neutral],
    )
    return hostile, plain


def test_every_page_has_the_skeleton_it_has_with_plain_text(rendered):
    """Same elements in the same order as with harmless text: the payloads added none.

    Pages that group by content (actor pages match events by name, the timeline
    merges events of similar wording) differ with the text itself; the next test
    checks them, and every other page, for payload markup.
    """
    hostile, plain = rendered
    shared = ["briefings/first.md", "briefings/second.md", "briefings/index.md"]
    shared += ["errors.md", "index.md"]
    assert set(shared) <= set(hostile) and set(shared) <= set(plain)
    for uri in shared:
        sk_h = skeleton(to_html(hostile[uri], SITE_EXTENSIONS))
        sk_p = skeleton(to_html(plain[uri], SITE_EXTENSIONS))
        assert [t for t, _ in sk_h.tags] == [t for t, _ in sk_p.tags], uri


def test_no_page_holds_an_element_or_link_from_a_payload(rendered):
    hostile, _ = rendered
    texts = "".join("".join(skeleton(to_html(md, SITE_EXTENSIONS)).text) for md in hostile.values())
    for uri, md in hostile.items():
        for extensions in (SITE_EXTENSIONS, MANY_EXTENSIONS):
            sk = skeleton(to_html(md, extensions))
            tags = {t for t, _ in sk.tags}
            assert not tags & FORBIDDEN_TAGS, (uri, tags & FORBIDDEN_TAGS)
            assert_safe_attributes(sk)
            hrefs = [v for _, a, v in sk.attrs if a == "href"]
            for href in hrefs:
                assert href.startswith(("#", "../", "https://example.org/")) or re.fullmatch(
                    r"[a-z0-9/_.#-]+", href
                ), (uri, href)
            classes = {c for _, a, v in sk.attrs if a == "class" for c in v.split()}
            ids = {v for _, a, v in sk.attrs if a == "id"}
            assert "evil" not in classes and "evil" not in ids, uri
    for _, payload in ALL_PAYLOADS:
        assert visible(payload) in texts


# ------------------------------------------------------- a real hostile build


def hostile_project(tmp: Path) -> Path:
    proj = make_project(tmp, [FIXTURES / "summit.txt"])
    seeds = proj / "seeds"
    for i in range(len(HOSTILE_URLS)):
        (seeds / f"hostile-{i}.txt").write_text(hostile_seed(f"2025-05-{20 + i}", i % 2 == 0, i))
    (seeds / "<script>alert('name')<").with_suffix(".txt").write_text("no header\n")
    return proj


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    proj = hostile_project(tmp_path_factory.mktemp("hostile"))
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    return proj / "site"


class PageScan(HTMLParser):
    """What a built page holds: elements inside the article, scripts, the <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_in_article = 0
        self.article_tags: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._in.append(tag)
        self.attrs.extend((tag, a, v or "") for a, v in attrs)
        if tag == "article":
            self.depth_in_article += 1
        elif self.depth_in_article:
            self.article_tags.add(tag)

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth_in_article -= 1
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        if self._in and self._in[-1] == "title":
            self.title += data


@pytest.mark.site
@pytest.mark.model
def test_built_pages_hold_no_markup_from_seeds(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    seen_payload = 0
    for page in pages:
        text = page.read_text("utf-8")
        scan = PageScan()
        scan.feed(text)
        allowed_content = scan.article_tags - FORBIDDEN_TAGS
        assert scan.article_tags == allowed_content, (page, scan.article_tags & FORBIDDEN_TAGS)
        for tag, name, value in scan.attrs:
            assert not name.startswith("on"), (page, tag, name)
            if name in ("href", "src", "action"):
                assert not value.lower().startswith(("javascript:", "data:", "vbscript:")), page
            if name == "class":
                assert "evil" not in value.split(), (page, tag, value)
            if name == "id":
                assert value != "evil", (page, tag)
        assert not any("__pwned" in s or "alert(" in s for s in scan.scripts), page
        seen_payload += "__pwned" in htmllib.unescape(text)
    assert seen_payload >= 5  # the payloads are there, as text
    title_page = hostile_site / "briefings" / "hostile-0" / "index.html"
    scan = PageScan()
    scan.feed(title_page.read_text("utf-8"))
    assert scan.title.startswith(HOSTILE_TITLE)


@pytest.mark.site
@pytest.mark.model
def test_search_index_keeps_payloads_as_text(hostile_site):
    # Pagefind keeps each page's text, title and filters as plain text: a payload written
    # in a seed is there as the characters it was written with.
    pages = fragments(hostile_site)
    assert pages
    found = 0
    for url, page in pages.items():
        values = [page["content"], page["meta"].get("title", "")]
        values += [v for vs in page["filters"].values() for v in vs]
        found += any("<script>window.__pwned" in v for v in values)
        assert page["meta"]["title"] == page["meta"]["title"].strip(), url
    assert found >= 1
    assert any(HOSTILE_TITLE in p["meta"].get("title", "") for p in pages.values())


@pytest.mark.site
@pytest.mark.model
def test_json_keeps_seed_text_as_data(hostile_site):
    data = json.loads((hostile_site / "briefings" / "hostile-0.json").read_text("utf-8"))
    assert data["title"] == HOSTILE_TITLE
    assert data["source"]["name"] == " ".join(HOSTILE_SOURCE.split())
    assert data["source"]["url"] == HOSTILE_URLS[0]
    assert any("<script>window.__pwned" in s["text"] for s in data["sentences"])
    html = (hostile_site / "briefings" / "hostile-2" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/a%29%5Bx%5D%28javascript:alert%281%29"' in html


@pytest.mark.site
@pytest.mark.model
def test_errors_page_escapes_file_names(hostile_site):
    html = (hostile_site / "errors" / "index.html").read_text("utf-8")
    scan = PageScan()
    scan.feed(html)
    assert "script" not in scan.article_tags
    assert "alert(&#39;name&#39;)" in html or "alert('name')" in htmllib.unescape(html)


# ------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    """A real MkDocs + Material build of pages rendered from all-field hostile briefings."""
    tmp = tmp_path_factory.mktemp("synthetic")
    hostile = render_pages(
        [p for _, p in ALL_PAYLOADS],
        [HOSTILE_URLS[0], HOSTILE_URLS[2]],
        HOSTILE_TITLE,
        ["seeds/x.txt: <script>window.__pwned='err'</script>"],
    )
    proj = tmp / "project"
    shutil.copytree(ROOT / "docs", proj / "docs")
    shutil.copytree(ROOT / "templates", proj / "templates")
    (proj / "docs" / "index.md").unlink()
    for uri, content in hostile.items():
        target = proj / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"\n  - briefings:\n(      .*\n)+", "\n", config)
    config = re.sub(r"\nnav:\n(  - .*\n)+", "\n", config)
    (proj / "mkdocs.yml").write_text(config)
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    return proj / "site"


def serve(folder: Path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc, f"http://127.0.0.1:{port}"
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("http.server did not start")


CHECK_PAGE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(a.name) &&
          /^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + a.value);
    }
  }
  const article = document.querySelector('article') || document.body;
  for (const el of article.querySelectorAll(FORBIDDEN)) bad.push('element ' + el.tagName);
  for (const el of document.querySelectorAll('.evil, #evil, base, iframe, object, embed'))
    bad.push('payload element ' + el.tagName);
  return {bad, pwned: window.__pwned === undefined ? null : String(window.__pwned),
          text: article.innerText};
}"""


def in_own_thread(fn, *args):
    """Run ``fn`` in a fresh thread: Playwright's sync API refuses a thread whose
    asyncio loop is taken, as it is when another browser fixture holds one open."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def browse(base: str, paths: list[str], search_terms: list[str]) -> dict:
    return in_own_thread(_browse, base, paths, search_terms)


def _browse(base: str, paths: list[str], search_terms: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    forbidden = ", ".join(sorted(FORBIDDEN_TAGS))
    check = CHECK_PAGE.replace("FORBIDDEN", json.dumps(forbidden))
    report: dict = {"dialogs": [], "external": [], "bad": {}, "pwned": {}, "texts": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (report["dialogs"].append(d.message), d.dismiss()))
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((base, "data:")) else report["external"].append(r.url)
                ),
            )
            for path in paths:
                page.goto(f"{base}/{path}", wait_until="load")
                page.mouse.move(300, 300)
                page.mouse.move(600, 500)
                page.wait_for_timeout(150)
                result = page.evaluate(check)
                report["bad"][path] = result["bad"]
                report["pwned"][path] = result["pwned"]
                report["texts"][path] = result["text"]
            page.goto(f"{base}/", wait_until="load")
            pagefind = page.locator("dialog#brf-search").count() > 0
            if not pagefind:
                page.wait_for_timeout(1500)  # Material's search worker loads the index
            for term in search_terms:
                if pagefind:
                    search(page, term)
                    results = "document.querySelector('#brf-search .pagefind-ui__results-area')"
                    # Filter values (actor and source names) are shown as text, no element.
                    page.locator("#brf-search details.pagefind-ui__filter-block").evaluate_all(
                        "ds => ds.forEach(d => d.open = true)"
                    )
                    report["bad"][f"filters:{term}"] = page.locator(
                        "#brf-search .pagefind-ui__filter-label *"
                    ).evaluate_all("es => es.map(e => 'element ' + e.tagName)")
                    labels = page.locator("#brf-search .pagefind-ui__filter-label")
                    report["texts"][f"filters:{term}"] = "\n".join(labels.all_inner_texts())
                else:
                    box = page.locator(".md-search__input")
                    box.click()
                    box.fill("")
                    box.press_sequentially(term, delay=50)
                    page.wait_for_selector(".md-search-result__item", timeout=20000)
                    results = "document.querySelector('.md-search-result')"
                page.wait_for_timeout(300)
                # Both searches list results in an <ol> and highlight matches with <mark>.
                in_results = CHECK_PAGE.replace(
                    "FORBIDDEN", json.dumps(", ".join(sorted(FORBIDDEN_TAGS - {"ol", "mark"})))
                ).replace("document.querySelector('article')", results)
                result = page.evaluate(in_results)
                report["bad"][f"search:{term}"] = result["bad"]
                report["pwned"][f"search:{term}"] = result["pwned"]
                report["texts"][f"search:{term}"] = result["text"]
                page.keyboard.press("Escape")
        finally:
            browser.close()
    return report


def site_paths(site: Path) -> list[str]:
    paths = []
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else f"{rel}/")
    return paths


def assert_clean(report: dict) -> None:
    assert report["dialogs"] == []
    assert report["external"] == []
    assert {k: v for k, v in report["bad"].items() if v} == {}
    assert {k: v for k, v in report["pwned"].items() if v is not None} == {}


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.model
def test_no_payload_runs_in_chromium(hostile_site, synthetic_site):
    sites = (
        (hostile_site, "hostile-0/", ["Mayor", "Injected"]),
        (synthetic_site, "first/", ["Injected"]),
    )
    for site, expect, terms in sites:
        proc, base = serve(site)
        try:
            paths = site_paths(site)
            assert any(p.endswith(expect) for p in paths)
            report = browse(base, paths, terms)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        assert_clean(report)
        everything = "\n".join(report["texts"].values())
        assert "<script>window.__pwned='script'</script>" in everything
        assert "Injected heading" in report["texts"]["search:Injected"]
        if "filters:Mayor" in report["texts"]:  # Pagefind: payload names are filter labels
            assert "<img src=x onerror=" in report["texts"]["filters:Mayor"]


@pytest.mark.browser
def test_browser_check_detects_a_script_that_runs(tmp_path):
    """The browser check itself: a page with a live payload is caught."""
    (tmp_path / "index.html").write_text(
        "<html><body><article><p>ok</p><img src=x onerror=\"window.__pwned='img'\">"
        "</article></body></html>"
    )
    proc, base = serve(tmp_path)

    def check_page():
        from playwright.sync_api import sync_playwright

        forbidden = ", ".join(sorted(FORBIDDEN_TAGS))
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.goto(f"{base}/", wait_until="load")
            page.wait_for_timeout(200)
            result = page.evaluate(CHECK_PAGE.replace("FORBIDDEN", json.dumps(forbidden)))
            browser.close()
        return result

    try:
        result = in_own_thread(check_page)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert result["pwned"] == "img"
    assert result["bad"]


@pytest.mark.site
@pytest.mark.model
def test_feeds_carry_payloads_as_plain_text(hostile_site):
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring((hostile_site / "feed.xml").read_bytes())
    assert all(el.tag.startswith(ns) for el in root.iter())
    titles = [e.find(f"{ns}title") for e in root.iter(f"{ns}entry")]
    assert all(t.get("type") == "text" for t in titles)
    assert HOSTILE_TITLE in [t.text for t in titles]
    for tag in ("summary", "content"):
        assert all(el.get("type") == "text" for el in root.iter(f"{ns}{tag}"))
    assert any("<script>window.__pwned" in (el.text or "") for el in root.iter(f"{ns}content"))
    items = json.loads((hostile_site / "feed.json").read_text("utf-8"))["items"]
    assert HOSTILE_TITLE in [i["title"] for i in items]
    assert all("content_html" not in i and "content_text" in i for i in items)
