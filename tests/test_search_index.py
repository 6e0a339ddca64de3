"""Material's lunr search index (``search: lunr``) holds each text once: the source text,
not its repetitions."""

from __future__ import annotations

import json

import pytest
from briefings.model import briefing_from_dict
from briefings.site.actors import merge_actors

from .conftest import FIXTURES, make_project, mkdocs_build, use_lunr

pytestmark = [pytest.mark.site, pytest.mark.model]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two unrelated articles and two of one story (their actors have pages)."""
    story = [FIXTURES / "stories" / f"velm_strike_{n}.txt" for n in (1, 2)]
    proj = use_lunr(
        make_project(
            tmp_path_factory.mktemp("search"),
            [FIXTURES / "summit.txt", FIXTURES / "harbour_strike.txt", *story],
        )
    )
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    return proj


@pytest.fixture(scope="module")
def site(built):
    proj = built
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


def test_actor_pages_index_the_name_not_the_lists(site, built):
    docs, _ = site
    briefings = [
        briefing_from_dict(json.loads(p.read_text("utf-8")))
        for p in sorted((built / "site" / "briefings").glob("*.json"))
    ]
    entries_ = merge_actors(briefings)
    shared = [e for e in entries_.values() if len({b.id for b, _ in e.appearances}) > 1]
    actors = entries(docs, "actors/")
    assert shared and set(actors) == {f"actors/{e.slug}/" for e in shared}
    names = " ".join(actors.values())
    for entry in shared:
        assert entry.name in names
        assert all(b.title not in names for b, _ in entry.appearances)


def test_an_actor_of_one_briefing_is_found_on_its_briefing(site):
    docs, briefing = site
    # No page of its own: the briefing's key actors section is where search finds it.
    key_actors = entries(docs, f"briefings/{briefing['id']}/#key-actors")
    named_once = [a["name"] for a in briefing["actors"]]
    assert key_actors and all(name in " ".join(key_actors.values()) for name in named_once)


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
