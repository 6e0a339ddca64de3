"""The built site in a real browser: headless Debian Chromium driven by Playwright.

The site is built once per session by a real ``mkdocs build --strict`` from the
user's seed and the fixture articles, and served on 127.0.0.1. Expectations are
derived from the briefing/1 JSON the same build published, never written for a
particular article. Every test also fails on a console error, an uncaught page
error, a dialog, or any request that leaves 127.0.0.1 (see ``conftest.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from briefings.model import briefing_from_dict
from briefings.site.actors import merge_actors
from briefings.site.render import date_label
from briefings.site.timeline import merge_timeline
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.model]


def squash(text: str) -> str:
    """Text as a page shows it: runs of whitespace are one space."""
    return " ".join(text.split())


def page_path(briefing_id: str) -> str:
    return f"briefings/{briefing_id}/"


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return r.bottom > 0 && r.top < window.innerHeight; }""",
        selector,
    )


def heading(page) -> str:
    """The page's title as shown, without the permalink mark."""
    return squash(
        page.locator("article h1").evaluate(
            "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink'))"
            ".map(n => n.textContent).join('')"
        )
    )


def background(page, selector: str) -> str:
    return page.evaluate(
        "sel => getComputedStyle(document.querySelector(sel)).backgroundColor", selector
    )


def test_home_lists_the_briefings_newest_first(tab, briefings_json):
    tab.open()
    page = tab.page
    titles = page.locator("article.brf-card h3 a:not(.headerlink)")
    expected = [squash(b["title"]) for b in briefings_json][:20]
    assert [squash(t) for t in titles.all_inner_texts()] == expected
    first = page.locator("article.brf-card").first
    expect(first.locator("time")).to_have_attribute("datetime", briefings_json[0]["date"])
    if briefings_json[0]["actors"]:
        # An actor with a page is a link; one named in this briefing alone is not.
        chips = first.locator(".brf-chip")
        expect(chips.first).to_have_text(squash(briefings_json[0]["actors"][0]["name"]))
        for chip in first.locator("a.brf-chip").all():
            assert "/actors/" in chip.get_attribute("href")
    stats = page.locator(".brf-stats")
    expect(stats.locator("a[href$='/timeline/']")).to_be_visible()
    expect(stats.locator("a[href$='/actors/']")).to_be_visible()
    expect(stats.locator("strong").first).to_have_text(str(len(briefings_json)))
    titles.first.click()
    page.wait_for_url(f"**/{page_path(briefings_json[0]['id'])}")
    assert heading(page) == squash(briefings_json[0]["title"])


@pytest.mark.parametrize("which", ["oldest", "newest"])
def test_typing_an_actor_name_into_search_shows_the_briefing(tab, briefings_json, which):
    from .searching import RESULT_LINKS, search

    briefing = next(
        b for b in (briefings_json[::-1] if which == "oldest" else briefings_json) if b["actors"]
    )
    name = briefing["actors"][0]["name"]
    tab.open()
    page = tab.page
    search(page, name)
    result = page.locator(RESULT_LINKS, has_text=squash(briefing["title"]))
    # The results come a few at a time ("Load more results"); the briefing is among them.
    more = page.locator("#brf-search button.pagefind-ui__button")
    while not result.count() and more.count():
        more.first.click()
        page.wait_for_timeout(300)
    expect(result.first).to_be_visible(timeout=10_000)
    assert result.first.evaluate("a => a.href").endswith("/" + page_path(briefing["id"]))
    result.first.click()
    page.wait_for_url(re.compile(re.escape(page_path(briefing["id"]))))
    assert heading(page) == squash(briefing["title"])


def test_evidence_links_scroll_to_and_highlight_their_sentence(tab, briefings_json):
    briefing = max(briefings_json, key=lambda b: len(b["sentences"]))
    tab.open(page_path(briefing["id"]))
    page = tab.page
    kinds = {
        "summary": "article > p a.brf-ev",
        "key actors": "article table a.brf-ev",
        "timeline": "article .brf-events a.brf-ev",
        "open questions": "article .brf-analysis a.brf-ev",
    }
    clicked = 0
    for kind, selector in kinds.items():
        link = page.locator(selector).first
        if link.count() == 0:
            continue
        page.evaluate("window.scrollTo(0, 0)")
        target = "#" + link.get_attribute("href").rsplit("#", 1)[-1]
        assert re.fullmatch(r"#s\d+", target), (kind, target)
        link.click()
        page.wait_for_function("t => location.hash === t", arg=target)
        assert page.evaluate("document.querySelector(':target')?.id") == target[1:], kind
        assert in_viewport(page, target), f"{kind}: {target} not scrolled into view"
        other = "#s1" if target != "#s1" else "#s2"
        assert background(page, target) != background(page, other), f"{kind}: not highlighted"
        clicked += 1
    assert clicked >= 3

    # From another page: the timeline's source links open the briefing at the sentence.
    tab.open("timeline/")
    page.locator("article a.brf-chip").first.click()
    page.wait_for_url(re.compile(r"/timeline/\d{4}-[\w-]+/$"))
    source = page.locator("article a.brf-from").first
    sentence = "#" + source.get_attribute("href").rsplit("#", 1)[-1]
    source.click()
    page.wait_for_function("t => location.hash === t", arg=sentence)
    expect(page.locator(sentence)).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == sentence[1:]
    # Instant navigation swaps the page in; the highlight is painted on a later frame.
    page.wait_for_function(
        "sel => getComputedStyle(document.querySelector(sel)).backgroundColor"
        " !== 'rgba(0, 0, 0, 0)'",
        arg=sentence,
        timeout=5_000,
    )


def test_an_actor_page_lists_each_briefing_it_appears_in(tab, briefings_json):
    entries = merge_actors([briefing_from_dict(b) for b in briefings_json])
    entry = max(entries.values(), key=lambda e: (len({b.id for b, _ in e.appearances}), e.name))
    newest, as_named = entry.appearances[0]
    assert len({b.id for b, _ in entry.appearances}) >= 2, "the fixtures share actors"
    # Reach the actor page the way a reader does: from a briefing's key actors table.
    tab.open(page_path(newest.id))
    page = tab.page
    table = page.locator("article table")
    table.get_by_role("link", name=squash(as_named.name), exact=True).first.click()
    page.wait_for_url(f"**/actors/{entry.slug}/")
    assert heading(page) == squash(entry.name)
    listed = page.locator("h2#briefings + ul > li > a:not(.brf-ev)")
    expected = [squash(b.title) for b, _ in entry.appearances]
    assert [squash(t) for t in listed.all_inner_texts()] == expected
    hrefs = listed.evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [tab.base_url + page_path(b.id) for b, _ in entry.appearances]
    # Co-occurring actors link to their own pages.
    related = page.locator("article a.brf-chip")
    assert related.count() >= 1
    related.first.click()
    page.wait_for_url(re.compile(r"/actors/[a-z0-9-]+/$"))
    expect(page.locator("h2#briefings + ul > li").first).to_be_visible()


def test_the_timeline_shows_every_event_in_date_order(tab, briefings_json):
    items = merge_timeline([briefing_from_dict(b) for b in briefings_json])
    tab.open("timeline/")
    page = tab.page
    years = [t.rstrip("¶").strip() for t in page.locator("article h2").all_inner_texts()]
    assert [y.split()[0] for y in years] == sorted({it.date[:4] for it in items})
    # Each year's months, in order, each a page of its own: read them the way a reader does.
    months = page.locator("article a.brf-chip").evaluate_all("els => els.map(e => e.href)")
    assert len(months) == len({it.date[:7] if len(it.date) >= 7 else it.date for it in items})
    dates, labels, approx, grouped = [], [], 0, 0
    for href in months:
        page.goto(href)
        times = page.locator("article .brf-events > ul > li > time")
        dates += [times.nth(i).get_attribute("datetime") for i in range(times.count())]
        labels += times.all_inner_texts()
        approx += page.locator("article .brf-approx").count()
        grouped += page.locator("article .brf-events li:has(a.brf-from + a.brf-from)").count()
        for link in page.locator("article a.brf-from").evaluate_all("els => els.map(e => e.href)"):
            assert re.search(r"/briefings/[a-z0-9-]+/#s\d+$", link), link
    # Year-only events come before the months of their year, as the one page had them.
    assert dates == [it.date for it in items]
    # Precision shown as given: "Feb 2025" for a month, "19 May 2025" for a day, "1990s".
    assert labels == [date_label(it.date, it.precision) for it in items]
    assert approx == sum(it.approximate for it in items)
    assert grouped == sum(len(it.sources) > 1 for it in items)


def test_a_year_page_charts_its_months_and_each_bar_opens_its_month(tab, briefings_json):
    items = merge_timeline([briefing_from_dict(b) for b in briefings_json])
    year = max({it.date[:4] for it in items if len(it.date) >= 7})
    in_year = [it for it in items if it.date[:4] == year and len(it.date) >= 7]
    tab.open(f"timeline/{year}/")
    page = tab.page
    # The build-time chart: month and count of every bar are text on the page, not only
    # a tooltip; its caption says what it shows; each bar opens its month's page.
    bars = page.locator(".brf-chart a.brf-bar")
    assert bars.count() == len({it.date[:7] for it in in_year})
    for i in range(bars.count()):
        bar = bars.nth(i)
        label = bar.get_attribute("aria-label")
        expect(bar.locator(".brf-count")).to_be_visible()
        expect(bar.locator(".brf-tick .brf-m")).to_be_visible()
        month = squash(bar.locator(".brf-tick").inner_text())
        count = bar.locator(".brf-count").inner_text()
        assert label.startswith(month) and f": {count} event" in label, (label, month, count)
    total = sum(int(t) for t in bars.locator(".brf-count").all_inner_texts())
    assert total == sum(len(it.sources) for it in in_year)
    caption = page.locator(".brf-chart-wrap figcaption")
    expect(caption).to_be_visible()
    expect(caption).to_contain_text(f"{total} event")
    last = max(it.date[:7] for it in in_year)
    page.locator(".brf-chart a.brf-bar").last.click()
    page.wait_for_url(f"**/timeline/{last}/")
    first = page.locator("article .brf-events > ul > li > time").first
    assert first.get_attribute("datetime").startswith(last)


def test_an_old_link_to_a_month_heading_lands_on_that_months_link(tab, briefings_json):
    items = merge_timeline([briefing_from_dict(b) for b in briefings_json])
    month = min(it.date[:7] for it in items if len(it.date) >= 7)
    tab.open(f"timeline/#m{month}")
    page = tab.page
    link = page.locator(f"#m{month}")
    expect(link).to_be_in_viewport()
    link.click()
    page.wait_for_url(f"**/timeline/{month}/")


def test_the_actors_index_is_grouped_by_type_and_sorts_by_column(tab):
    tab.open("actors/")
    page = tab.page
    assert page.locator("article h2").count() >= 2
    # Each type's letters open a page of that type's actors under that letter.
    page.locator("article .brf-letters a.brf-chip").first.click()
    page.wait_for_url(re.compile(r"/actors/[a-z]+/[a-z0-9-]+/$"))
    table = page.locator("article .brf-sortable table").first
    column = {"Briefings": 1, "Mentions": 2}

    def values(name: str) -> list[int]:
        cells = table.locator(f"tbody tr td:nth-child({column[name] + 1})")
        return [int(t) for t in cells.all_inner_texts()]

    assert values("Briefings") == sorted(values("Briefings"), reverse=True)
    expect(table.locator("th").nth(1)).to_have_attribute("aria-sort", "descending")
    mentions = table.locator("th button", has_text="Mentions")
    mentions.click()
    assert values("Mentions") == sorted(values("Mentions"), reverse=True)
    mentions.click()
    assert values("Mentions") == sorted(values("Mentions"))
    table.locator("th button", has_text="Actor").click()
    names = table.locator("tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.casefold) or len(names) < 2


def test_markup_in_a_seed_is_shown_as_text(tab, briefings_json):
    briefing = next(b for b in briefings_json if "<script>" in b["title"])
    tab.open(page_path(briefing["id"]))
    page = tab.page
    assert heading(page) == squash(briefing["title"])
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert page.title() == f"{squash(briefing['title'])} - Briefings"
    assert page.locator("article script, article img, article h1 b, article [onclick]").count() == 0
    assert page.locator("article a[href^='javascript']").count() == 0


def test_briefing_prints_without_site_chrome(tab, briefings_json):
    tab.open(page_path(briefings_json[0]["id"]))
    page = tab.page
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("a.brf-json")).to_be_hidden()
    expect(page.locator("article .brf-text")).to_be_visible()


def test_no_request_leaves_localhost_on_any_kind_of_page(tab, briefings_json):
    for path in (
        "",
        page_path(briefings_json[0]["id"]),
        "actors/",
        "timeline/",
        "briefings/",
        "about/",
        "404.html",
    ):
        tab.page.goto(tab.base_url + path)
        tab.page.wait_for_load_state("networkidle")
    # Instant navigation, the palette toggle and search fetch only local files too.
    page = tab.page
    page.locator("label.md-header__button[title='Switch to dark mode']").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    from .searching import search

    search(page, "the")
    page.keyboard.press("Escape")
    page.locator(".md-nav--primary a", has_text="Timeline").first.click()
    page.wait_for_url("**/timeline/")
    page.wait_for_load_state("networkidle")
    fetched = {u.split("?")[0].rsplit("/", 1)[-1] for u in tab.requests}
    assert {"pagefind-ui.js", "pagefind.js", "pagefind-entry.json", "briefings.js"} <= fetched
    assert {"briefings.css", "pagefind-search.css", "pagefind-search.js"} <= fetched
    assert "search_index.json" not in fetched
    assert any(u.endswith(".min.js") for u in tab.requests)
    assert tab.problems() == []


def test_download_json_gives_the_briefing_object(tab, briefings_json):
    briefing = briefings_json[-1]
    tab.open(page_path(briefing["id"]))
    with tab.page.expect_download() as download:
        tab.page.locator("article a.brf-json").click()
    assert download.value.suggested_filename == f"{briefing['id']}.json"
    data = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert data == briefing
