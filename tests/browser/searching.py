"""Driving the site's Pagefind search as a reader does: the "/" key, then typing."""

from __future__ import annotations

from playwright.sync_api import expect

RESULT_LINKS = "#brf-search .pagefind-ui__result-title a.pagefind-ui__result-link"


def open_search(page) -> None:
    """Open the header's search dialog with the keyboard, its box focused."""
    page.locator("body").press("/")
    expect(page.locator("dialog#brf-search")).to_be_visible()
    expect(page.locator("#brf-search .pagefind-ui__search-input")).to_be_focused()


def search(page, words: str) -> list[str]:
    """Type ``words`` into the open (or newly opened) search; the result links' addresses."""
    if not page.locator("dialog#brf-search").is_visible():
        open_search(page)
    box = page.locator("#brf-search .pagefind-ui__search-input")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(words, delay=20)
    return wait_for_results(page)


def wait_for_results(page) -> list[str]:
    """The result links once Pagefind has shown them (and finished loading them all)."""
    expect(page.locator("#brf-search .pagefind-ui__message")).to_be_visible(timeout=15_000)
    page.wait_for_function("() => !document.querySelector('#brf-search .pagefind-ui__loading')")
    expect(page.locator(RESULT_LINKS).first).to_be_visible(timeout=15_000)
    return page.locator(RESULT_LINKS).evaluate_all("as => as.map(a => a.href)")
