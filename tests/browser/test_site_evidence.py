"""Evidence at a glance: the cited sentences of a claim show on hover, keyboard focus and tap.

The reader stays where they are: the address does not change and the page does not
scroll. Every sentence a claim rests on is shown (an event's further evidence
included), and the text shown is the sentence of the source text it cites.
Expectations come from the briefing/1 JSON the same build published.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .accessibility import axe_violations
from .test_site_browser import page_path, squash

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.model]


def event_with_most_evidence(briefings_json: list[dict]) -> tuple[dict, int, list[int]]:
    """(briefing, event index, cited sentence numbers) of the event citing the most sentences."""
    best = None
    for b in briefings_json:
        for i, e in enumerate(b["events"]):
            numbers = [e["evidence"]["sentence"]] + [
                x["sentence"] for x in e.get("more_evidence", [])
            ]
            numbers = list(dict.fromkeys(numbers))
            if best is None or len(numbers) > len(best[2]):
                best = (b, i, numbers)
    assert best is not None
    return best


def chip_numbers(group) -> list[int]:
    """The sentence numbers of a claim's chips (each reads "Sentence 12" to a screen reader)."""
    texts = group.locator("a.brf-ev").all_inner_texts()
    assert all(squash(t).startswith("Sentence ") for t in texts), texts
    return [int(t.split()[-1]) for t in texts]


def sentence(briefing: dict, number: int) -> str:
    return squash(next(s["text"] for s in briefing["sentences"] if s["index"] == number))


def assert_stayed(page, path: str) -> None:
    """Still on the same page and not moved to a sentence (Material's navigation.tracking
    may put the heading of the section in view into the address, which is no jump)."""
    assert page.evaluate("location.pathname") == path
    assert not page.evaluate("/^#s\\d+$/.test(location.hash)"), page.url


def assert_shows(group, briefing: dict, numbers: list[int]) -> None:
    pop = group.locator(".brf-pop")
    expect(pop).to_be_visible()
    quotes = [squash(t) for t in pop.locator(".brf-q").all_inner_texts()]
    assert quotes == [f"{n} {sentence(briefing, n)}" for n in numbers]
    # Inside the screen, whatever the chip's place on the line.
    box = pop.bounding_box()
    width = group.page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


def test_every_cited_sentence_of_an_event_shows_on_hover(tab, briefings_json):
    briefing, index, numbers = event_with_most_evidence(briefings_json)
    assert len(numbers) >= 2, "a fixture event has further evidence"
    tab.open(page_path(briefing["id"]))
    page = tab.page
    group = page.locator("article .brf-events li .brf-evs").nth(index)
    chips = group.locator("a.brf-ev")
    assert chip_numbers(group) == numbers
    expect(group.locator(".brf-pop")).to_be_hidden()
    path = page.evaluate("location.pathname")
    chips.first.hover()
    assert_shows(group, briefing, numbers)
    # The tooltip can be hovered itself (its text can be selected), and Escape dismisses it.
    group.locator(".brf-pop").hover()
    expect(group.locator(".brf-pop")).to_be_visible()
    page.keyboard.press("Escape")
    expect(group.locator(".brf-pop")).to_be_hidden()
    assert_stayed(page, path)


def test_every_evidence_of_a_key_actor_is_shown_with_its_sentences(tab, briefings_json):
    briefing = max(
        briefings_json, key=lambda b: max((len(a["evidence"]) for a in b["actors"]), default=0)
    )
    tab.open(page_path(briefing["id"]))
    page = tab.page
    rows = page.locator("article .brf-stack tbody tr")
    for i, actor in enumerate(briefing["actors"]):
        numbers = [e["sentence"] for e in actor["evidence"]]
        group = rows.nth(i).locator(".brf-evs")
        assert chip_numbers(group) == numbers
    first = rows.first.locator(".brf-evs")
    first.locator("a.brf-ev").last.hover()
    assert_shows(first, briefing, [e["sentence"] for e in briefing["actors"][0]["evidence"]])


def test_keyboard_focus_shows_the_sentence(tab, briefings_json):
    briefing = max(briefings_json, key=lambda b: (len(b["summary"]), b["id"]))
    tab.open(page_path(briefing["id"]))
    page = tab.page
    # Reach the first summary chip with the keyboard: Tab from the summary heading
    # (past its permalink).
    page.locator("article h2#summary").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('brf-ev')"):
            break
    # The summary shows its sentences but the one the bottom line states word for word.
    first = next(s for s in briefing["summary"] if s["text"] != briefing["bottom_line"])
    chip = page.locator("article h2#summary ~ p a.brf-ev").first
    assert page.evaluate("document.activeElement.classList.contains('brf-ev')")
    assert page.evaluate("document.activeElement.textContent") == chip.text_content()
    group = page.locator("article h2#summary ~ p .brf-evs").first
    assert_shows(group, briefing, [first["sentence"]])
    # Its accessible description is the cited sentence.
    described = chip.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").get_attribute("role") == "tooltip"
    assert squash(page.locator(f"#{described}").inner_text()).endswith(
        sentence(briefing, first["sentence"])
    )
    assert [str(v) for v in axe_violations(page)] == []
    page.keyboard.press("Tab")
    expect(group.locator(".brf-pop")).to_be_hidden()


def test_a_tap_shows_the_sentence_and_a_second_tap_follows_it(tabs, briefings_json):
    briefing, index, numbers = event_with_most_evidence(briefings_json)
    tab = tabs(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    tab.open(page_path(briefing["id"]))
    page = tab.page
    group = page.locator("article .brf-events li .brf-evs").nth(index)
    chip = group.locator("a.brf-ev").first
    chip.scroll_into_view_if_needed()
    path, scroll = page.evaluate("location.pathname"), page.evaluate("scrollY")
    chip.tap()
    assert_shows(group, briefing, numbers)
    assert_stayed(page, path)
    assert page.evaluate("scrollY") == scroll
    # A tap elsewhere closes it; tapping the chip twice goes to the sentence.
    page.locator("article h1").tap()
    expect(group.locator(".brf-pop")).to_be_hidden()
    chip.tap()
    chip.tap()
    page.wait_for_function("n => location.hash === '#s' + n", arg=numbers[0])


def test_an_actor_page_shows_the_sentences_of_other_briefings(tab, briefings_json):
    by_id = {b["id"]: b for b in briefings_json}
    tab.open("actors/")
    # The index's most covered actors link to their pages.
    tab.page.locator("article table tbody a").first.click()
    page = tab.page
    page.wait_for_url("**/actors/*/")
    item = page.locator("h2#briefings + ul > li").first
    href = item.locator("a:not(.brf-ev)").first.get_attribute("href")
    briefing = by_id[href.rstrip("/").rsplit("/", 1)[-1]]
    group = item.locator(".brf-evs")
    numbers = chip_numbers(group)
    group.locator("a.brf-ev").first.hover()
    assert_shows(group, briefing, numbers)
