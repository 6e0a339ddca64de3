"""Shaping the search index: sentence entries and hyphenated words in every form."""

from __future__ import annotations

from briefings.model import Briefing, Sentence, Source
from briefings.site.search import compounds, shape_index, variants, vocabulary


def briefing(sentences: list[str]) -> Briefing:
    return Briefing(
        id="b",
        date="2025-01-02",
        title="T",
        summary=(),
        actors=(),
        events=(),
        questions=(),
        source=Source(path="seeds/b.txt", sha256="0" * 64, words=9),
        sentences=tuple(Sentence(i, t, 1) for i, t in enumerate(sentences, 1)),
    )


def test_compounds_are_words_joined_by_hyphens_not_number_ranges():
    text = "A cease-fire, a water\u2011sharing deal, COVID-19, pages 2-3, Trump\u2013Putin."
    assert compounds(text) == [("cease", "fire"), ("water", "sharing"), ("covid", "19")]


def test_each_form_gets_the_forms_it_lacks():
    vocab = vocabulary(["The cease-fire held."])
    assert variants("the cease-fire held", vocab) == "ceasefire"
    assert variants("a ceasefire now", vocab) == "cease fire"
    assert variants("a cease fire now", vocab) == "ceasefire"
    assert variants("nothing to add", vocab) == ""


def test_the_source_text_becomes_one_entry_per_sentence():
    b = briefing(["A cease-fire & more.", "Then a ceasefire."])
    data = {
        "config": {"fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "briefings/b/", "title": "T", "text": "top"},
            {"location": "briefings/b/#key-actors", "title": "Key actors", "text": "x"},
            {
                "location": "briefings/b/#source-text",
                "title": "Source text",
                "text": "...",
                "boost": 2,
            },
            {"location": "about/", "title": "About", "text": "a cease fire"},
        ],
    }
    shaped = shape_index(data, {"briefings/b/": b})
    docs = {d["location"]: d for d in shaped["docs"]}
    assert list(docs) == [
        "briefings/b/",
        "briefings/b/#key-actors",
        "briefings/b/#s1",
        "briefings/b/#s2",
        "about/",
    ]
    assert docs["briefings/b/#s1"] == {
        "location": "briefings/b/#s1",
        "title": "Sentence 1",
        "text": "A cease-fire &amp; more.",
        "boost": 2,
        "variants": "ceasefire",
    }
    assert docs["briefings/b/#s2"]["variants"] == "cease fire"
    assert docs["about/"]["variants"] == "ceasefire"
    assert "variants" not in docs["briefings/b/"]
    assert shaped["config"]["fields"] == {"title": {"boost": 1000.0}, "variants": {"boost": 1.0}}
    assert data["docs"][2]["location"] == "briefings/b/#source-text"  # the input is unchanged
