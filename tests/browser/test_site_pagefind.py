"""Pagefind search in the browser: words, hyphenated forms, filters, sort, and a sub-path.

Words are typed with the keyboard into the header's search dialog (opened with
"/"). Every expectation comes from the briefing/1 JSON the same build published:
the word searched for is one only one briefing uses, the actor filtered on is the
one named in the most briefings, whatever articles are built.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from briefings.site.search import compounds
from playwright.sync_api import expect

from .searching import RESULT_LINKS, open_search, search, wait_for_results
from .support import serve
from .test_site_browser import heading, page_path, squash

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.model]

WORD = re.compile(r"[A-Za-z]{7,}")


def briefing_of(href: str) -> str | None:
    match = re.search(r"/briefings/([a-z0-9-]+)/$", urlsplit(href).path)
    return match.group(1) if match else None


def briefings_found(hrefs: list[str]) -> set[str]:
    return {briefing_of(h) for h in hrefs} - {None}


def words_of(b: dict) -> set[str]:
    return {w.lower() for s in b["sentences"] for w in WORD.findall(s["text"])}


def unique_word(briefings_json: list[dict]) -> tuple[str, dict]:
    """A long word of one briefing's text that no other text of the site holds."""
    everything = Counter(w for b in briefings_json for w in words_of(b))
    names = " ".join(
        [b["title"] for b in briefings_json]
        + [a["name"] + " " + (a.get("role") or "") for b in briefings_json for a in b["actors"]]
    ).lower()
    for b in briefings_json:
        for word in sorted(words_of(b)):
            if everything[word] == 1 and word not in names:
                return word, b
    raise AssertionError("no briefing has a word of its own")


def test_a_word_of_its_text_finds_a_briefing_and_the_result_opens_it(tab, briefings_json):
    word, briefing = unique_word(briefings_json)
    tab.open()
    page = tab.page
    hrefs = search(page, word)
    assert briefings_found(hrefs) == {briefing["id"]}, (word, hrefs)
    link = page.locator(RESULT_LINKS, has_text=squash(briefing["title"])).first
    marked = page.locator("#brf-search mark").first
    expect(marked).to_contain_text(re.compile(word[:5], re.I))  # the word or its stem
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(page_path(briefing["id"])) + "$"))
    expect(page.locator("dialog#brf-search")).to_be_hidden()
    assert heading(page) == squash(briefing["title"])


def test_escape_closes_the_search_and_the_button_opens_it(tab):
    tab.open()
    page = tab.page
    open_search(page)
    page.keyboard.press("Escape")
    expect(page.locator("dialog#brf-search")).to_be_hidden()
    expect(page.locator("button.brf-search-open")).to_be_focused()
    page.keyboard.press("Enter")  # the focused search button
    expect(page.locator("#brf-search .pagefind-ui__search-input")).to_be_focused()


def hyphenated_word(briefings_json: list[dict]) -> tuple[str, ...]:
    """The hyphenated word (letters only) of the most sentences."""
    counts: Counter[tuple[str, ...]] = Counter()
    for b in briefings_json:
        for s in b["sentences"]:
            for parts in compounds(s["text"]):
                if all(p.isalpha() and len(p) > 2 for p in parts):
                    counts[parts] += 1
    assert counts, "the demo articles use a hyphenated word"
    return max(counts, key=lambda p: (counts[p], p))


def test_a_hyphenated_word_is_found_joined_hyphenated_and_spaced(tab, briefings_json):
    parts = hyphenated_word(briefings_json)
    forms = ("".join(parts), "-".join(parts), " ".join(parts))
    writers = {
        b["id"]
        for b in briefings_json
        for s in b["sentences"]
        if any(re.search(rf"\b{re.escape(f)}\b", s["text"].lower()) for f in forms)
    }
    assert writers
    tab.open()
    found = {form: briefings_found(search(tab.page, form)) for form in forms}
    for form in forms:
        assert writers <= found[form], (form, writers, found[form])
    assert found[forms[0]] == found[forms[1]]


def filter_on(page, name: str, value: str) -> None:
    """Tick one value of a filter with the keyboard (the filter group opens first)."""
    group = page.locator("#brf-search details.pagefind-ui__filter-block", has_text=name.title())
    if group.get_attribute("open") is None:
        group.locator("summary").focus()
        page.keyboard.press("Enter")
    box = group.locator(f"input.pagefind-ui__filter-checkbox[name='{name}'][value='{value}']")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def test_actor_and_year_filters_narrow_one_search(tab, briefings_json):
    counts = Counter(a["name"] for b in briefings_json for a in b["actors"])
    actor = max(counts, key=lambda n: (counts[n], n))
    naming = [b for b in briefings_json if actor in {a["name"] for a in b["actors"]}]
    year = Counter(b["date"][:4] for b in naming).most_common(1)[0][0]
    tab.open()
    page = tab.page
    word = actor.split()[-1]
    everything = briefings_found(search(page, word))
    assert {b["id"] for b in naming} <= everything
    filter_on(page, "actor", actor)
    page.wait_for_timeout(400)  # the filtered search runs after the UI's debounce
    by_actor = wait_for_results(page)
    assert briefings_found(by_actor) == {b["id"] for b in naming}
    filter_on(page, "year", year)
    page.wait_for_timeout(400)
    both = wait_for_results(page)
    expected = {b["id"] for b in naming if b["date"].startswith(year)}
    assert briefings_found(both) == expected
    assert len(both) == len(expected)  # actor pages have no year: only briefings remain


def test_newest_first_sorts_the_results_by_date(tab, briefings_json):
    counts = Counter(a["name"] for b in briefings_json for a in b["actors"])
    actor = max(counts, key=lambda n: (counts[n], n))
    tab.open()
    page = tab.page
    search(page, actor.split()[-1])
    page.locator("#brf-search .brf-search__newest").focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(400)
    hrefs = wait_for_results(page)
    dates = {b["id"]: b["date"] for b in briefings_json}
    found = [briefing_of(h) for h in hrefs if briefing_of(h)]
    assert len(found) >= 2
    assert [dates[b] for b in found] == sorted((dates[b] for b in found), reverse=True)


def test_search_works_under_a_sub_path(tabs, demo_site, briefings_json):
    word, briefing = unique_word(briefings_json)
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / "news").symlink_to(demo_site, target_is_directory=True)
        with serve(Path(root)) as url:
            tab = tabs(url)
            tab.open("news/actors/")
            page = tab.page
            hrefs = search(page, word)
            assert hrefs and all(urlsplit(h).path.startswith("/news/") for h in hrefs), hrefs
            assert briefings_found(hrefs) == {briefing["id"]}
            page.locator(RESULT_LINKS).first.click()
            page.wait_for_url(re.compile(re.escape("/news/" + page_path(briefing["id"])) + "$"))
            assert heading(page) == squash(briefing["title"])
            fetched = [urlsplit(u).path for u in tab.requests if "/pagefind/" in u]
            assert fetched and all(p.startswith("/news/pagefind/") for p in fetched)
