"""Material's lunr search (``search: lunr``) in the browser: hyphenated words in every form,
and results that land on a sentence (the index shaped by ``generator/briefings/site/search.py``).

Words are typed with the keyboard (Material's search reacts to key events, not to
``fill``). The hyphenated word is taken from the demo articles' own text: the one
used in the most sentences, so the test holds for whichever articles are built.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from briefings.site.search import compounds
from playwright.sync_api import expect

from .test_site_browser import page_path

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.model]


def commonest_compound(briefings_json: list[dict]) -> tuple[tuple[str, ...], set[str]]:
    """The hyphenated word of the most sentences (letters only), and the briefings using it."""
    counts: Counter[tuple[str, ...]] = Counter()
    users: dict[tuple[str, ...], set[str]] = {}
    for b in briefings_json:
        for s in b["sentences"]:
            for parts in compounds(s["text"]):
                if all(p.isalpha() and len(p) > 2 for p in parts):
                    counts[parts] += 1
                    users.setdefault(parts, set()).add(b["id"])
    assert counts, "the demo articles use a hyphenated word"
    parts = max(counts, key=lambda p: (counts[p], p))
    return parts, users[parts]


def search(page, words: str):
    page.locator("input.md-search__input").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(words, delay=25)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    return page.locator("a.md-search-result__link").evaluate_all("as => as.map(a => a.href)")


def briefing_of(href: str) -> str | None:
    match = re.search(r"/briefings/([a-z0-9-]+)/", href)
    return match.group(1) if match else None


def test_joined_hyphenated_and_spaced_forms_find_the_same_briefings(lunr_tab, briefings_json):
    parts, users = commonest_compound(briefings_json)
    lunr_tab.open()
    page = lunr_tab.page
    joined, hyphenated = "".join(parts), "-".join(parts)
    found, hrefs = {}, {}
    for form in (joined, hyphenated, " ".join(parts)):
        hrefs[form] = search(page, form)
        found[form] = {briefing_of(h) for h in hrefs[form]} - {None}
        assert users <= found[form], form
    assert found[joined] == found[hyphenated]
    # A sentence that writes the word one way is found by the other way too.
    for b in briefings_json:
        for s in b["sentences"]:
            text = s["text"].lower()
            anchor = f"/briefings/{b['id']}/#s{s['index']}"
            for written, typed in ((joined, hyphenated), (hyphenated, joined)):
                if re.search(rf"\b{re.escape(written)}\b", text) and typed not in text:
                    landed = {urlsplit(h).path + "#" + urlsplit(h).fragment for h in hrefs[typed]}
                    assert anchor in landed, (written, typed, anchor)


def test_a_result_lands_on_its_sentence_with_the_words_highlighted(lunr_tab, briefings_json):
    parts, users = commonest_compound(briefings_json)
    lunr_tab.open()
    page = lunr_tab.page
    hrefs = search(page, "-".join(parts))
    for href in hrefs:
        query = parse_qs(urlsplit(href).query)
        assert query.get("h", [""])[0].strip(), f"empty highlight: {href}"
        assert not href.endswith("#source-text"), href
    sentences = [h for h in hrefs if re.search(r"#s\d+$", h) and briefing_of(h) in users]
    assert sentences, hrefs
    link = page.locator("a.md-search-result__link[href*='#s']").first
    target = "#" + link.get_attribute("href").rsplit("#", 1)[-1]
    briefing = briefing_of(link.evaluate("a => a.href"))
    link.click()
    page.wait_for_url(re.compile(re.escape(page_path(briefing))))
    page.wait_for_function("t => location.hash === t", arg=target)
    sentence = page.locator(target)
    expect(sentence).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == target[1:]
    text = " ".join(sentence.inner_text().lower().split())
    assert any(form in text for form in ("-".join(parts), "".join(parts), " ".join(parts)))


def test_the_page_result_highlights_the_searched_word(lunr_tab, briefings_json):
    name = next(b for b in briefings_json if b["actors"])["actors"][0]["name"].split()[-1]
    lunr_tab.open()
    page = lunr_tab.page
    search(page, name)
    top = page.locator(".md-search-result__item > a.md-search-result__link").first
    assert parse_qs(urlsplit(top.get_attribute("href")).query).get("h", [""])[0].strip()
    top.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("article mark").first).to_be_visible()
