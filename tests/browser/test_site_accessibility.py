"""axe-core (WCAG 2.2 A and AA, and axe's best practices) on every kind of page, light and dark.

The engine runs inside the page from the copy ``axe-playwright-python`` ships, so
nothing is fetched. Our markup must have no violation at all. The theme's own
chrome had four (Material's nameless search dialog and progress bar, its footer
line at 4.47:1, its count of search results at 4.41:1); the packaged overrides fix
them, so the theme is held to zero too.
"""

from __future__ import annotations

import pytest
from briefings.model import briefing_from_dict
from briefings.site.actor_pages import letter_of
from briefings.site.actors import merge_actors
from briefings.site.timeline import merge_timeline

from .accessibility import axe_violations
from .searching import search

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.model]

SCHEMES = ("light", "dark")


def demo_pages(briefings_json: list[dict]) -> dict[str, str]:
    """One page of every kind the demo site generates, chosen from its published JSON."""
    longest = max(briefings_json, key=lambda b: (len(b["sentences"]), b["id"]))
    entries = merge_actors([briefing_from_dict(b) for b in briefings_json])
    actor = max(entries.values(), key=lambda e: (len({b.id for b, _ in e.appearances}), e.name))
    items = merge_timeline([briefing_from_dict(b) for b in briefings_json])
    month = next(it.date[:7] for it in items if len(it.date) >= 7)
    return {
        "home": "",
        "briefing": f"briefings/{longest['id']}/",
        "actor": f"actors/{actor.slug}/",
        "actors index": "actors/",
        "actors by letter": f"actors/{actor.type}/{letter_of(actor.name)}/",
        "timeline": "timeline/",
        "timeline year": f"timeline/{month[:4]}/",
        "timeline month": f"timeline/{month}/",
        "briefings index": "briefings/",
        "about": "about/",
        "not found": "404.html",
    }


def assert_no_violations(tab, where: str, best_practice: bool = True) -> None:
    violations = axe_violations(tab.page, best_practice=best_practice)
    ours = [str(v) for v in violations if v.ours]
    theme = [str(v) for v in violations if not v.ours]
    assert ours == [], f"{where}: our markup"
    assert theme == [], f"{where}: the theme's chrome"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_generated_page_kind_has_no_axe_violation(tabs, briefings_json, scheme):
    tab = tabs(color_scheme=scheme)
    for kind, path in demo_pages(briefings_json).items():
        tab.open(path)
        expected = "slate" if scheme == "dark" else "default"
        assert tab.page.locator("body").get_attribute("data-md-color-scheme") == expected
        assert_no_violations(tab, f"{kind} ({scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_errors_page_and_banner_have_no_axe_violation(tabs, errors_url, scheme):
    tab = tabs(errors_url, color_scheme=scheme)
    for kind, path in (("home with errors banner", ""), ("errors", "errors/")):
        tab.open(path)
        assert tab.page.locator("article").inner_text().strip()
        assert_no_violations(tab, f"{kind} ({scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_results_have_no_axe_violation(tabs, briefings_json, scheme):
    name = next(b for b in briefings_json if b["actors"])["actors"][0]["name"]
    tab = tabs(color_scheme=scheme)
    tab.open()
    page = tab.page
    search(page, name)
    page.locator("#brf-search details.pagefind-ui__filter-block").first.locator("summary").click()
    assert_no_violations(tab, f"search results ({scheme})")
