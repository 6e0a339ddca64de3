"""Material's lunr search index (``search: lunr``) holds each text once: the source text,
not its repetitions."""

from __future__ import annotations

import json

import pytest

from .conftest import FIXTURES, make_project, mkdocs_build, use_lunr

pytestmark = [pytest.mark.site, pytest.mark.model]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    proj = use_lunr(
        make_project(
            tmp_path_factory.mktemp("search"),
            [FIXTURES / "summit.txt", FIXTURES / "harbour_strike.txt"],
        )
    )
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    index = json.loads((proj / "site" / "search" / "search_index.json").read_text("utf-8"))
    briefing = json.loads((proj / "site" / "briefings" / "harbour-strike.json").read_text("utf-8"))
    return index["docs"], briefing


def entries(docs, prefix: str) -> dict[str, str]:
    return {
        d["location"]: d["title"] + " " + d["text"]
        for d in docs
        if d["location"].startswith(prefix)
    }


def test_briefing_page_indexes_source_actors_and_questions(site):
    docs, briefing = site
    page = entries(docs, "briefings/harbour-strike/")
    sections = {loc.partition("#")[2] for loc in page}
    # The source text is indexed sentence by sentence, each entry addressed to its sentence.
    assert {"key-actors"} | {f"s{s['index']}" for s in briefing["sentences"]} <= sections
    assert not sections & {"summary", "timeline", "source-text"}
    text = " ".join(page.values())
    for sentence in briefing["sentences"]:
        assert sentence["text"].split()[-2] in text  # every sentence stays findable
    for actor in briefing["actors"]:
        assert actor["name"] in text


def test_summary_sentences_are_indexed_once_in_the_source_text(site):
    docs, briefing = site
    everything = " ".join(d["text"] for d in docs)
    bottom_line = briefing["bottom_line"] or ""
    for s in briefing["summary"]:
        sentence = briefing["sentences"][s["sentence"] - 1]["text"]
        assert everything.count(sentence) == 1 + (sentence in bottom_line)


def test_actor_pages_index_the_name_not_the_lists(site):
    docs, briefing = site
    actors = entries(docs, "actors/")
    assert actors and all("#" not in loc for loc in actors if loc != "actors/")
    names = " ".join(actors.values())
    assert briefing["actors"][0]["name"] in names
    assert briefing["title"] not in names


def test_timeline_page_is_not_indexed(site):
    docs, _ = site
    assert not entries(docs, "timeline/")


def test_the_lunr_site_has_no_pagefind_bundle_nor_search_dialog(tmp_path_factory):
    proj = use_lunr(make_project(tmp_path_factory.mktemp("lunr"), [FIXTURES / "summit.txt"]))
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    site = proj / "site"
    assert not (site / "pagefind").exists()
    home = (site / "index.html").read_text("utf-8")
    assert 'data-md-component="search"' in home
    assert 'id="brf-search"' not in home and "brf-search-open" not in home
    assert "data-pagefind-body" not in (site / "briefings" / "summit" / "index.html").read_text(
        "utf-8"
    )
