"""Phones: every kind of generated page fits 360 and 390 px wide, with nothing scrolling sideways.

Checked in Chromium with a phone's viewport, touch and device scale. A page may not
be wider than the screen, and no element of the content may scroll or be cut off
sideways (Material puts wide tables in a scrolling box, which hides the columns past
the edge without a hint): the key actors and the actors index become stacked cards.
"""

from __future__ import annotations

import itertools

import pytest

from .accessibility import axe_violations
from .test_site_accessibility import demo_pages

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.model]

WIDTHS = (360, 390)

#: Every element of the content that is wider than its box (and so scrolls or is cut
#: off) or that reaches past the right edge of the screen. Visually hidden elements
#: (1 px, clipped) are not content a reader can miss.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const hidden = el => {
    for (let up = el; up && up.tagName !== "ARTICLE"; up = up.parentElement) {
      const box = up.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("article *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || hidden(el)) continue;
    const box = el.getBoundingClientRect();
    const scrolls = el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "visible";
    if (scrolls || box.right > width + 1)
      out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.right)} px,` +
               ` scrolls ${el.scrollWidth} in ${el.clientWidth}`);
  }
  return out;
}"""


def phone(tabs, width: int):
    return tabs(
        viewport={"width": width, "height": 800},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_on_a_phone(tabs, briefings_json, errors_url, width):
    tab = phone(tabs, width)
    pages = demo_pages(briefings_json)
    pages.update({f"briefing {b['id']}": f"briefings/{b['id']}/" for b in briefings_json})
    for kind, path in pages.items():
        tab.open(path)
        page = tab.page
        assert page.evaluate("innerWidth") == width
        assert page.evaluate("document.documentElement.scrollWidth") <= width, kind
        assert page.evaluate(_OVERFLOWING) == [], kind
    tab.page.goto(errors_url + "errors/")
    assert tab.page.evaluate(_OVERFLOWING) == []


def test_key_actors_are_stacked_cards_with_every_column_on_a_phone(tabs, briefings_json):
    briefing = max(briefings_json, key=lambda b: (len(b["actors"]), b["id"]))
    tab = phone(tabs, 360)
    tab.open(f"briefings/{briefing['id']}/")
    page = tab.page
    rows = page.locator("article .brf-stack tbody tr")
    assert rows.count() == len(briefing["actors"])
    first = rows.first
    # Every column of the desktop table is still there, labelled, and on screen.
    for label in ("Type", "Role", "Mentions", "Evidence"):
        cell = first.locator(f"td[data-label='{label}']")
        assert cell.is_visible(), label
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, label
    assert " ".join(first.inner_text().split()).startswith(
        " ".join(briefing["actors"][0]["name"].split())
    )
    # Labels and values read from the left, number columns too.
    mentions = first.locator("td[data-label='Mentions']")
    assert mentions.evaluate("td => getComputedStyle(td).textAlign") in ("left", "start")
    # The cards are one above the other, not side by side.
    boxes = [rows.nth(i).bounding_box() for i in range(min(3, rows.count()))]
    assert all(a["y"] + a["height"] <= b["y"] + 1 for a, b in itertools.pairwise(boxes))


def test_the_actors_index_sorts_on_a_phone_too(tabs):
    tab = phone(tabs, 390)
    tab.open("actors/")
    page = tab.page
    page.locator("article .brf-letters a.brf-chip").first.tap()
    page.wait_for_url("**/actors/*/*/")
    table = page.locator("article .brf-sortable table").first
    button = table.locator("th button", has_text="Mentions")
    assert button.is_visible()
    button.tap()
    cells = table.locator("tbody td[data-label='Mentions']")
    values = [int("".join(ch for ch in t if ch.isdigit())) for t in cells.all_inner_texts()]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_phone_layout_has_no_axe_violation(tabs, briefings_json, scheme):
    tab = tabs(viewport={"width": 360, "height": 800}, is_mobile=True, color_scheme=scheme)
    for kind, path in demo_pages(briefings_json).items():
        tab.open(path)
        assert [str(v) for v in axe_violations(tab.page)] == [], kind
