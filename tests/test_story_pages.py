"""Story pages and story/1 JSON from the fixture stories: statuses, key dates, redirects."""

from __future__ import annotations

import json

import jsonschema
import pytest
from briefings.site.pages import build_site
from briefings.site.render import Renderer
from briefings.site.story_pages import JSON_SCHEMA

from tests.conftest import make_project, mkdocs_build
from tests.storyseeds import STORIES
from tests.test_stories import shifted


@pytest.fixture(scope="module")
def site(story_briefings):
    return build_site(story_briefings, Renderer())


def page(site, uri: str) -> str:
    return next(p.content for p in site.pages if p.uri == uri)


def uris(site) -> set[str]:
    return {p.uri for p in site.pages}


def test_one_page_and_one_json_per_story_of_two_or_more(site):
    stories = {u for u in uris(site) if u.startswith("stories/") and u.endswith(".md")}
    assert stories == {
        "stories/index.md",
        "stories/velm-strike-1.md",
        "stories/storm-idris-1.md",
        "stories/storm-lenka-1.md",
    }
    assert "stories/library-opening.md" not in uris(site)
    for sid in ("velm-strike-1", "storm-idris-1", "storm-lenka-1"):
        data = json.loads(page(site, f"stories/{sid}.json"))
        jsonschema.validate(data, JSON_SCHEMA)
        assert data["id"] == sid and data["briefings"][0] == sid


def test_published_schema_is_the_one_the_json_follows(site):
    assert json.loads(page(site, "schema/story-1.json")) == JSON_SCHEMA
    jsonschema.Draft202012Validator.check_schema(JSON_SCHEMA)


def status_of(data: dict, words: str) -> dict:
    (q,) = [q for q in data["questions"] if words in q["text"]]
    return q


def test_a_question_one_article_raises_and_a_later_one_answers(site):
    data = json.loads(page(site, "stories/velm-strike-1.json"))
    meeting = status_of(data, "meet both sides")
    assert meeting["status"] == "answered"
    assert meeting["expected"] == "2025-03-18"
    # Raised by two briefings, listed once; the answer is a later briefing's statement.
    assert [r["briefing"] for r in meeting["raised"]] == ["velm-strike-1", "velm-strike-2"]
    assert meeting["evidence"]["briefing"] == "velm-strike-3"
    assert "met both sides" in meeting["evidence"]["text"]
    offer = status_of(data, "put to members")
    assert offer["status"] == "answered" and offer["evidence"]["briefing"] == "velm-strike-4"


def test_a_question_whose_date_passed_unanswered_is_overtaken(site):
    data = json.loads(page(site, "stories/velm-strike-1.json"))
    ballot = status_of(data, "ballot")
    assert ballot["status"] == "overtaken" and ballot["evidence"] is None
    assert ballot["expected"] == "2025-03-20" < data["last_date"]


def test_a_question_with_no_date_and_no_answer_stays_open(site):
    data = json.loads(page(site, "stories/velm-strike-1.json"))
    assert status_of(data, "stay out for weeks")["status"] == "open"


def test_key_dates_are_ranked_by_reporting_briefings_and_cite_each(site):
    data = json.loads(page(site, "stories/velm-strike-1.json"))
    weights = [kd["weight"] for kd in data["key_dates"]]
    assert weights == sorted(weights, reverse=True)
    top = data["key_dates"][0]
    assert top["date"] == "2025-03-18" and top["weight"] == 3
    assert [e["briefing"] for e in top["evidence"]] == [
        "velm-strike-1",
        "velm-strike-2",
        "velm-strike-3",
    ]
    # Reported as done by the later briefing: not "expected", and its sentence is the one shown.
    assert top["expected"] is False and "met both sides" in top["text"]
    assert len({kd["date"] for kd in data["key_dates"]}) == len(data["key_dates"])


def test_whats_new_is_what_the_latest_briefing_adds(site):
    data = json.loads(page(site, "stories/velm-strike-1.json"))
    new = data["whats_new"]
    assert new["briefing"] == "velm-strike-4"
    assert {e["date"] for e in new["events"]} == {"2025-03-24"}
    md = page(site, "stories/velm-strike-1.md")
    assert "(../briefings/velm-strike-4.md#s1)" in md


def test_story_page_lists_briefings_newest_first_and_links_actor_pages(site):
    md = page(site, "stories/velm-strike-1.md")
    section = md.split("## Briefings, newest first", 1)[1]
    order = [section.index(f"velm-strike-{i}.md") for i in (4, 3, 2, 1)]
    assert order == sorted(order)
    assert "(../actors/ilse-brandt.md)" in md
    for status in ("answered", "overtaken", "open"):
        assert f"brf-status-{status}" in md


def test_home_shows_the_most_recently_active_stories_first(site):
    home = site.home_page(None)
    assert home.index("## Developing stories") < home.index("## Latest briefings")
    block = home.split("## Developing stories", 1)[1].split("## Latest briefings", 1)[0]
    positions = [block.index(f"stories/{sid}.md") for sid in ("storm-lenka-1", "storm-idris-1")]
    assert positions == sorted(positions)
    assert block.index("stories/storm-idris-1.md") < block.index("stories/velm-strike-1.md")


def test_every_other_member_of_a_story_redirects_to_it(site, story_briefings):
    redirect = page(site, "stories/velm-strike-3/index.html")
    assert 'http-equiv="refresh" content="0; url=../velm-strike-1/"' in redirect
    flat = build_site(story_briefings, Renderer(), directory_urls=False)
    assert 'url=velm-strike-1.html"' in page(flat, "stories/velm-strike-3.html")


def test_merged_story_keeps_the_older_id_and_the_younger_redirects(story_briefings):
    velm = sorted((b for b in story_briefings if b.id.startswith("velm")), key=lambda b: b.date)
    halves = [velm[0], velm[1], shifted(velm[2], 45), shifted(velm[3], 45)]
    before = build_site(halves, Renderer())
    assert "stories/velm-strike-3.md" in uris(before)
    after = build_site([*halves, shifted(velm[2], 20, "velm-strike-3-again")], Renderer())
    assert "stories/velm-strike-3.md" not in uris(after)
    assert "url=../velm-strike-1/" in page(after, "stories/velm-strike-3/index.html")


def test_a_site_without_a_multi_article_story_has_no_story_page(story_briefings):
    one_each = [b for b in story_briefings if b.id.endswith("-1") or b.id == "library-opening"]
    site = build_site(one_each, Renderer())
    assert not [u for u in uris(site) if u.startswith("stories/")]
    assert "Developing stories" not in site.home_fragment


def test_story_pages_do_not_depend_on_input_order(site, story_briefings):
    again = build_site(list(reversed(story_briefings)), Renderer())
    assert again.pages == site.pages and again.home_fragment == site.home_fragment


def test_real_mkdocs_build_publishes_story_pages_json_and_redirects(tmp_path):
    """`mkdocs build --strict`: the story page, its JSON, a redirect page copied as it is."""
    proj = make_project(tmp_path, sorted(STORIES.glob("*.txt")))
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    out = proj / "site" / "stories"
    page_html = (out / "velm-strike-1" / "index.html").read_text("utf-8")
    assert "Key dates" in page_html and "brf-status-answered" in page_html
    data = json.loads((out / "velm-strike-1.json").read_text("utf-8"))
    jsonschema.validate(data, JSON_SCHEMA)
    redirect = (out / "velm-strike-2" / "index.html").read_text("utf-8")
    assert redirect.startswith("<!doctype html>") and "url=../velm-strike-1/" in redirect
    assert (proj / "site" / "schema" / "story-1.json").is_file()
    home = (proj / "site" / "index.html").read_text("utf-8")
    assert 'href="stories/velm-strike-1/"' in home


def test_each_briefing_of_a_story_links_its_story_page_and_a_lone_one_does_not(site):
    for bid in ("velm-strike-1", "velm-strike-4"):
        text = page(site, f"briefings/{bid}.md")
        assert "Part of the story **[" in text
        assert "](../stories/velm-strike-1.md)** (4 briefings, latest 24 March 2025)" in text
    assert "Part of the story" not in page(site, "briefings/library-opening.md")


def test_an_actor_page_ranks_the_days_its_briefings_report(site):
    """The minister of the strike story: 18 March, which three of her four briefings
    report, is her first key date; days one briefing reports are not key dates."""
    text = page(site, "actors/ilse-brandt.md")
    block = text.split("## Key dates", 1)[1].split("## Dated events", 1)[0]
    first = block.split("\n- ", 1)[1]
    assert first.startswith('<time datetime="2025&#45;03&#45;18">18 March 2025</time>')
    assert ">3 briefings</span>" in first
    assert ">1 briefing</span>" not in block
