"""Site pages from hand-made Briefing values: no language model, no MkDocs build."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET

import pytest
from briefings.model import Actor, Briefing, Event, Evidence, Question, Sentence, Source
from briefings.model import SummarySentence as Summ
from briefings.site.feeds import atom_feed, json_feed
from briefings.site.pages import build_site, is_verbatim, reading_minutes
from briefings.site.render import Renderer, chart_bins, chart_summary, date_anchor, timeline_chart

from .conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def briefing(
    id: str,
    date: str,
    title: str,
    actors: list[tuple[str, str, str | None]] = (),
    events: list[tuple[str, str, int]] = (),
    approximate: set[str] = frozenset(),
) -> Briefing:
    """A small briefing: actors as (name, type, role), events as (date, text, sentence)."""
    sentences = tuple(Sentence(i, f"Sentence {i} of {title}.", 1) for i in range(1, 6))
    return Briefing(
        id=id,
        date=date,
        title=title,
        summary=(Summ("Sentence 1.", 1),),
        actors=tuple(
            Actor(n, t, r, (n,), 2, 1.0, (Evidence(1, f"{n} acted."),)) for n, t, r in actors
        ),
        events=tuple(
            Event(d, d in approximate, text, Evidence(s, f"{text} ({d}).")) for d, text, s in events
        ),
        questions=(Question("Will it last?", Evidence(4, "It may not last.")),),
        source=Source(path=f"seeds/{id}.txt", sha256="0" * 64, words=450),
        bottom_line=f"Bottom line of {title}.",
        sentences=sentences,
    )


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(ROOT / "templates")


@pytest.fixture(scope="module")
def site(renderer):
    briefings = [
        briefing(
            "accord",
            "2024-03-12",
            "Accord signed",
            [("Anna Lind", "person", "Prime Minister"), ("Norland", "country", None)],
            [
                ("2024-03-03", "Norland and Estovia signed the accord", 2),
                ("2024-02", "Farmers criticised the accord", 3),
                ("2023", "Talks began", 5),
            ],
            approximate={"2023"},
        ),
        briefing(
            "reservoir",
            "2024-06-03",
            "Reservoir opens",
            [("Lind", "person", "Premier"), ("Estovia", "country", None)],
            [
                ("2024-03-03", "Norland and Estovia signed the accord", 2),
                ("2024-06-01", "The reservoir opened", 1),
            ],
        ),
    ]
    s = build_site(briefings, renderer, site_url="https://example.org/news/")
    return s, {p.uri: p.content for p in s.pages}


def test_timeline_overview_lists_years_and_months_with_the_old_heading_ids(site):
    _, pages = site
    md = pages["timeline.md"]
    headings = re.findall(r"^## \[(\d+)\]\((timeline/\d+\.md)\) .+? \{ #([\w-]+) \}$", md, re.M)
    assert headings == [
        ("2023", "timeline/2023.md", "y2023"),
        ("2024", "timeline/2024.md", "y2024"),
    ]
    months = re.findall(r"\]\((timeline/[\w-]+\.md)\)\{ \.brf-chip(?: #([\w-]+))?", md)
    assert months == [
        ("timeline/2023-year.md", ""),
        ("timeline/2024-02.md", "m2024-02"),
        ("timeline/2024-03.md", "m2024-03"),
        ("timeline/2024-06.md", "m2024-06"),
    ]
    assert "signed the accord" not in md  # the events are on the month pages


def test_month_page_groups_identical_events_with_every_source(site):
    _, pages = site
    md = pages["timeline/2024-03.md"]
    assert md.split("---\n", 2)[2].lstrip().startswith("# Mar 2024\n")
    accord = next(line for line in md.splitlines() if "signed the accord" in line)
    assert "2 briefings" in accord and ">3 March 2024</time>" in accord
    assert "(../briefings/accord.md#s2)" in accord and "(../briefings/reservoir.md#s2)" in accord
    assert "[2024](../timeline/2024.md)" in md and "[All years](../timeline.md)" in md
    assert "[← Feb 2024](../timeline/2024-02.md)" in md
    assert "[Jun 2024 →](../timeline/2024-06.md)" in md
    assert ">Feb 2024</time>" in pages["timeline/2024-02.md"]
    talks = next(line for line in pages["timeline/2023-year.md"].splitlines() if "Talks" in line)
    assert ">2023</time>" in talks and "brf-approx" in talks
    periods = [page for uri, page in pages.items() if re.fullmatch(r"timeline/\d{4}-.+", uri)]
    assert sum(page.count("brf-approx") for page in periods) == 1


def test_year_page_charts_its_months_and_shows_its_key_events(site):
    _, pages = site
    md = pages["timeline/2024.md"]
    # Raw HTML bars link to the month pages' published addresses.
    assert 'href="../2024-03/"' in md and 'href="../2024-06/"' in md and "brf-empty" in md
    months = re.findall(r"^- \[(.+?)\]\((.+?)\) <span class=\"brf-n\">(\d+)</span>$", md, re.M)
    assert months == [
        ("Feb 2024", "../timeline/2024-02.md", "1"),
        ("Mar 2024", "../timeline/2024-03.md", "1"),
        ("Jun 2024", "../timeline/2024-06.md", "1"),
    ]
    key = md[md.index("## Key events") :]
    assert key.index("Farmers") < key.index("signed the accord") < key.index("reservoir opened")
    assert "[← 2023](../timeline/2023.md)" in md and "2025" not in md
    assert "Dated to 2023 only" in pages["timeline/2023.md"]


def test_year_chart_links_follow_the_url_style(renderer):
    b = briefing("x", "2024-06-03", "X", events=[("2024-03-03", "A", 2), ("2024-06-01", "B", 1)])
    for directory_urls, href in ((False, "2024-03.html"), (True, "../2024-03/")):
        pages = {
            p.uri: p.content for p in build_site([b], renderer, directory_urls=directory_urls).pages
        }
        assert f'<a class="brf-bar" href="{href}"' in pages["timeline/2024.md"]


def test_actor_across_briefings_lists_each_newest_first_with_the_role_given_there(site):
    _, pages = site
    md = pages["actors/anna-lind.md"]
    # Front matter (the page is in Pagefind's index), then the actor's name as its title.
    assert md.startswith("---\npagefind: true\n---\n# Anna Lind\n")
    listed = re.findall(r"\[(Reservoir opens|Accord signed)\]\(\.\./briefings/(\w+)\.md\)", md)
    assert listed == [("Reservoir opens", "reservoir"), ("Accord signed", "accord")]
    assert "as *Premier*" in md and "as *Prime Minister*" in md
    # Estovia is named in one briefing: it appears with her, but has no page to link.
    assert '<span class="brf-chip" title="In 1 briefing together">Estovia <span' in md
    assert "actors/estovia.md" not in md and "actors/estovia.md" not in pages
    assert "signed the accord" not in md  # its evidence sentences never name her


def test_home_block_has_counts_cards_and_actor_chips(site):
    s, _ = site
    md = s.home_fragment
    assert "[<strong>2</strong> briefings](briefings/index.md)" in md
    assert md.index("Reservoir opens") < md.index("Accord signed")
    assert "[Anna Lind](actors/anna-lind.md){ .brf-chip }" in md
    assert '<span class="brf-chip">Estovia</span>' in md  # named once: no page
    assert "{: .brf-chips }" in md
    assert s.home_page("# Home\n\n<!-- briefings:latest -->\n\nEnd.\n").startswith("# Home\n")


def test_briefing_page_links_every_claim_to_its_sentence(site):
    _, pages = site
    md = pages["briefings/accord.md"]
    targets = {int(n) for n in re.findall(r'href="#s(\d+)"', md)}
    anchors = {int(n) for n in re.findall(r'id="s(\d+)"', md)}
    assert {1, 2, 3, 4, 5} <= targets <= anchors
    assert "[Download JSON](accord.json)" in md
    assert "[Anna Lind](../actors/anna-lind.md)" in md
    assert "| Norland | country |" in md  # named in this briefing alone: no page, no link
    assert md.index("## Timeline") < md.index("!!! question brf-analysis") < md.index("## Source")


def test_actors_index_groups_by_type_and_letter(site):
    _, pages = site
    md = pages["actors/index.md"]
    assert md.index("## People") < md.index("## Countries")
    assert "[A <span" in md and "](../actors/person/a.md)" in md
    assert "](../actors/country/e.md)" in md and "](../actors/country/n.md)" in md
    assert "| [Anna Lind](../actors/anna-lind.md) | 2 |" in md  # most covered
    people = pages["actors/person/a.md"]
    assert '<div class="brf-sortable brf-stack" markdown>' in people
    assert "| [Anna Lind](../../actors/anna-lind.md) | 2 |" in people
    countries = pages["actors/country/e.md"]
    # Named in one briefing: no page; its count links to that briefing's key actors.
    assert "| Estovia | [1](../../briefings/reservoir.md#key-actors)" in countries
    assert {u for u in pages if u.startswith("actors/") and u.count("/") == 1} == {
        "actors/index.md",
        "actors/anna-lind.md",
    }


def test_chart_bins_keep_empty_months_and_switch_to_years_over_long_spans():
    assert chart_bins([("2024-01-05", 1), ("2024-03", 2), ("2024", 4)]) == [
        ("2024-01", 1),
        ("2024-02", 0),
        ("2024-03", 2),
    ]
    years = chart_bins([("1990-05-01", 1), ("2024-03", 2)])
    assert years[0] == ("1990", 1) and years[-1] == ("2024", 2) and len(years) == 35
    assert chart_bins([("2001", 3)]) == [("2001", 3)]
    assert chart_bins([]) == [] and timeline_chart([]) == ""
    html = timeline_chart([("2024-01-05", 1), ("2024-03", 2)])
    assert html.count('<a class="brf-bar"') == 2 and html.count("brf-empty") == 1
    assert f'href="#{date_anchor("2024-03")}"' in html and 'style="--brf-share:100%"' in html
    # Counts and months are text in the chart, not tooltips; the year shows at its first bin.
    assert '<span class="brf-count">2</span>' in html and '<span class="brf-m">Mar</span>' in html
    assert html.count("brf-y--new") == 1 and "brf-chart--columns" in html
    assert "brf-chart--rows" in timeline_chart(
        [(f"{y}-{m:02d}", 1) for y in (2024, 2025) for m in range(1, 13)] + [("2026-01", 1)]
    )


def test_chart_summary_is_the_charts_text_alternative():
    bins = chart_bins([("2024-01-05", 1), ("2024-03", 2), ("2024-03-09", 2)])
    assert chart_summary(bins) == (
        "Events by month, Jan 2024 to Mar 2024: 5 events; the busiest month is Mar 2024 (4)."
    )
    assert (
        chart_summary([("2001", 1)])
        == "Events by year, 2001: 1 event; the busiest year is 2001 (1)."
    )


def test_reading_minutes_round_up():
    assert [reading_minutes(n) for n in (0, 1, 220, 221, 1000)] == [1, 1, 1, 2, 5]


HOSTILE = 'A <script>alert("x")</script> & ]]> {{ x }} \x0b\x01 end'


def test_feeds_carry_hostile_text_as_plain_text():
    b = briefing("hostile", "2024-01-02", HOSTILE, [(HOSTILE, "person", None)])
    atom = atom_feed([b], site_name="S & Co", site_url="https://example.org/")
    root = ET.fromstring(atom.encode("utf-8"))
    entry = root.find(f"{ATOM}entry")
    title = entry.find(f"{ATOM}title")
    assert title.get("type") == "text"
    assert title.text == HOSTILE.replace("\x0b", "").replace("\x01", "")
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/briefings/hostile/"
    assert root.find(f"{ATOM}title").text == "S & Co"
    assert "<script>" not in atom
    feed = json.loads(json_feed([b], site_name="S", site_url=None))
    item = feed["items"][0]
    assert item["title"] == HOSTILE and "content_html" not in item
    assert item["url"] == "briefings/hostile/" and item["id"] == "urn:briefings:hostile"


def test_feeds_follow_the_url_style_and_are_deterministic():
    bs = [briefing("b", "2024-02-01", "B"), briefing("a", "2024-01-01", "A")]
    one = atom_feed(bs, site_name="S", site_url="https://x.org/", directory_urls=False)
    assert one == atom_feed(bs, site_name="S", site_url="https://x.org/", directory_urls=False)
    root = ET.fromstring(one)
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert links == ["https://x.org/briefings/b.html", "https://x.org/briefings/a.html"]
    assert root.find(f"{ATOM}updated").text == "2024-02-01T00:00:00Z"


def test_a_site_without_briefings_still_has_every_page(renderer):
    s = build_site([], renderer, errors=["seeds/bad.txt:1: no date header"])
    pages = {p.uri: p.content for p in s.pages}
    assert {"actors/index.md", "timeline.md", "briefings/index.md", "errors.md"} <= set(pages)
    assert (
        "No dated events yet." in pages["timeline.md"] and "brf-chart" not in pages["timeline.md"]
    )
    assert "No briefings yet" in s.home_fragment
    assert "seeds/bad.txt" in pages["errors.md"]
    assert json.loads(pages["feed.json"])["items"] == []
    assert ET.fromstring(pages["feed.xml"]).find(f"{ATOM}entry") is None


def test_a_decade_is_shown_as_a_decade_on_every_page(renderer):
    b = dataclasses.replace(
        briefing("dam", "2024-05-02", "Dam reopens", [("Norland", "country", None)]),
        events=(
            Event("1990", True, "The dam was built", Evidence(2, "Built in the 1990s."),
                  precision="decade"),
            Event("2019", False, "The dam closed", Evidence(3, "It closed in 2019."),
                  precision="year"),
        ),
    )  # fmt: skip
    pages = {p.uri: p.content for p in build_site([b], renderer).pages}
    for uri in ("timeline/1990-year.md", "briefings/dam.md"):
        assert '>1990s</time> <span class="brf-badge brf-approx"' in pages[uri], uri
    for uri in ("timeline/2019-year.md", "briefings/dam.md"):
        assert ">2019</time>" in pages[uri], uri


def test_verbatim_is_a_run_of_a_sentence_whatever_the_case_spacing_or_end_mark():
    sentence = "Leaders met in  Velm on Thursday to sign an accord."
    assert is_verbatim("leaders met in Velm on Thursday", sentence)
    assert is_verbatim("Leaders met in Velm on Thursday to sign an accord.", None, sentence)
    assert not is_verbatim("Leaders met in Velm on 1 June 2023 to sign an accord.", sentence)
    assert not is_verbatim("", sentence) and not is_verbatim("Leaders met", None)


def test_rewritten_summary_bottom_line_and_events_are_marked_edited(renderer):
    b = briefing("x", "2024-03-12", "X", events=[("2024-03-07", "Sentence 2 of X", 2)])
    b = dataclasses.replace(
        b,
        summary=(Summ("Sentence 1 of X on 7 March 2024.", 1), Summ("Sentence 3 of X.", 3)),
        events=(*b.events, Event("2024-03-08", False, "Talks resumed on Friday", Evidence(4, "."))),
        bottom_line="Sentence 5 of X.",
    )
    md = {p.uri: p.content for p in build_site([b], renderer).pages}["briefings/x.md"]
    summary = md[md.index("## Summary") : md.index("## Key actors")]
    lines = [line for line in summary.splitlines() if "brf-evs" in line]
    assert ["brf-edited" in line for line in lines] == [True, False]
    timeline = md[md.index("## Timeline") : md.index("## Open questions")]
    events = [line for line in timeline.splitlines() if line.startswith("- ")]
    assert ["brf-edited" in line for line in events] == [False, True]
    bottom = next(line for line in md.splitlines() if "Bottom line" in line)
    assert "brf-edited" not in bottom  # the bottom line is sentence 5, word for word
    edited = dataclasses.replace(b, bottom_line="Sentence 5, on Friday.")
    md = {p.uri: p.content for p in build_site([edited], renderer).pages}["briefings/x.md"]
    assert "brf-edited" in next(line for line in md.splitlines() if "Bottom line" in line)


def test_every_evidence_sentence_of_a_claim_is_in_its_tooltip(renderer):
    b = briefing("y", "2024-03-12", "Y", [("Anna Lind", "person", None)])
    event = Event(
        "2024-03-01",
        False,
        "Sentence 2 of Y",
        Evidence(2, "."),
        more_evidence=(Evidence(3, "."), Evidence(5, ".")),
    )
    actor = dataclasses.replace(
        b.actors[0], evidence=tuple(Evidence(i, ".") for i in (1, 2, 3, 4, 5))
    )
    b = dataclasses.replace(b, events=(event,), actors=(actor,))
    md = {p.uri: p.content for p in build_site([b], renderer).pages}["briefings/y.md"]
    timeline = md[md.index("## Timeline") : md.index("## Open questions")]
    assert [int(n) for n in re.findall(r"\]\(#s(\d+)\)", timeline)] == [2, 3, 5]
    assert [int(n) for n in re.findall(r'class="brf-qn">(\d+)<', timeline)] == [2, 3, 5]
    actors = md[md.index("## Key actors") : md.index("## Timeline")]
    assert [int(n) for n in re.findall(r"\]\(#s(\d+)\)", actors)] == [1, 2, 3, 4, 5]
    assert "Sentence 4 of Y&#46;" in actors or "Sentence 4 of Y." in actors
