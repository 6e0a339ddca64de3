"""End to end: real `mkdocs build --strict` over the user's seed and fixture seeds."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import FIXTURES, USER_SEED, mkdocs_build

pytestmark = [pytest.mark.site, pytest.mark.model]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from .conftest import make_project

    proj = make_project(tmp_path_factory.mktemp("site"), [USER_SEED])
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    return proj


def read(proj, rel):
    return (proj / "site" / rel).read_text("utf-8")


def test_briefing_page_has_every_section(built):
    slug = "000-424b30a26a76942e"
    html = read(built, f"briefings/{slug}/index.html")
    for heading in ("Summary", "Key actors", "Timeline", "Open questions", "Source text"):
        assert f">{heading}<" in html
    assert 'id="s1"' in html and 'href="#s1"' in html
    data = json.loads(read(built, f"briefings/{slug}.json"))
    assert data["schema"] == "briefing/1" and data["id"] == slug


def test_actors_of_one_briefing_have_no_page_and_are_listed_with_it(built):
    # One seed: every actor is named in one briefing, so none has a page of its own.
    assert not [p for p in (built / "site/actors").glob("*/index.html")]
    people = read(built, "actors/person/v/index.html")
    for name in ("Vladimir Putin", "Volodymyr Zelensky"):
        assert f"<td>{name}</td>" in people
    assert 'href="../../../briefings/000-424b30a26a76942e/#key-actors"' in people
    page = read(built, "briefings/000-424b30a26a76942e/index.html")
    assert "<td>Donald Trump</td>" in page and "/actors/donald-trump" not in page


def test_timeline_has_the_dated_events(built):
    overview = read(built, "timeline/index.html")
    assert 'href="2025/"' in overview and 'id="m2025-05"' in overview
    html = read(built, "timeline/2025-05/index.html")
    assert "16 May 2025" in html and "19 May 2025" in html


def test_search_index_finds_actors(built):
    from .test_pagefind_search import fragments

    pages = fragments(built / "site")
    text = " ".join(p["content"] for p in pages.values())
    assert "Zelensky" in text
    assert any("Volodymyr Zelensky" in p["filters"].get("actor", []) for p in pages.values())


def test_nothing_loads_from_the_network(built):
    for page in ("index.html", "timeline/index.html", "briefings/000-424b30a26a76942e/index.html"):
        html = read(built, page)
        assert "fonts.googleapis" not in html
        assert '<script src="http' not in html and '<link href="http' not in html


def test_briefing_pages_stay_out_of_the_sidebar(built):
    html = read(built, "index.html")
    assert "briefings/000-424b30a26a76942e/" in html  # listed on the home page
    nav = html[html.find('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.find("</nav>")]
    assert "000-424b30a26a76942e" not in nav


def test_new_seed_appears_after_rebuild(project):
    proj = project([FIXTURES / "summit.txt"])
    assert mkdocs_build(proj).returncode == 0
    assert not (proj / "site/briefings/harbour-strike").exists()
    shutil.copy(FIXTURES / "harbour_strike.txt", proj / "seeds" / "harbour_strike.txt")
    result = mkdocs_build(proj)
    assert result.returncode == 0, result.stderr
    assert "Port Calder" in read(proj, "briefings/harbour-strike/index.html")
    assert "Dock workers strike" in read(proj, "index.html")


def test_bad_seed_fails_strict_build_but_others_are_built(project):
    proj = project([FIXTURES / "summit.txt"])
    (proj / "seeds" / "broken.txt").write_text("no header here\n\nText.\n")
    strict = mkdocs_build(proj, strict=True)
    assert strict.returncode != 0
    assert "broken.txt:1" in strict.stderr
    lenient = mkdocs_build(proj, strict=False)
    assert lenient.returncode == 0
    assert (proj / "site/briefings/summit/index.html").exists()
    assert "broken.txt" in read(proj, "errors/index.html")


def test_document_titles_name_the_page_once(built):
    assert "<title>All briefings - Briefings</title>" in read(built, "briefings/index.html")
    assert "<title>Actors - Briefings</title>" in read(built, "actors/index.html")
    assert "<title>Briefings</title>" in read(built, "index.html")


def test_the_public_pages_say_what_is_quoted_and_give_readers_no_build_steps(built):
    home = read(built, "index.html")
    assert "make serve" not in home and "make build" not in home and "seeds/" not in home
    about = read(built, "about/index.html")
    for words in ("verbatim", "rewritten", "generated", "edited", "analysis"):
        assert words in about
    assert "are sentences of the article" not in about
    page = read(built, "briefings/000-424b30a26a76942e/index.html")
    assert 'class="brf-badge brf-edited">edited<' in page
