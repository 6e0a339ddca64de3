"""Headlines on small articles written for the purpose."""

from __future__ import annotations

import pytest

from generator.actors import extract_actors
from generator.title import make_title, third_person

from .conftest import FIXTURES

pytestmark = pytest.mark.model


def _title(article):
    return make_title(article, extract_actors(article))


def test_header_title_wins(parse_text):
    article = parse_text("The mayor resigned on Monday after a long dispute.", title="My own title")
    assert _title(article) == "My own title"


def test_headline_is_short_and_not_a_truncated_first_sentence(parse_file):
    article = parse_file(FIXTURES / "summit.txt")
    title = _title(article)
    first = article.sentences[0].text
    assert 1 <= len(title.split()) <= 12
    assert not first.startswith(title)
    assert "Norland" in title and "Estovia" in title


def test_headline_present_tense_without_articles(parse_text):
    article = parse_text(
        "The government of Norland has abandoned its plan for a new airport near the capital."
    )
    title = _title(article)
    assert "abandons" in title and "has abandoned" not in title
    assert not title.lower().startswith("the ")
    assert len(title.split()) <= 12


def test_headline_future_becomes_to(parse_text):
    title = _title(parse_text("The Norland railway company will close four rural lines next year."))
    assert "to close" in title and "will" not in title


def test_headline_passive_drops_its_auxiliary(parse_text):
    title = _title(
        parse_text("A sensitive report was found on a bench in the central park of Velm.")
    )
    assert "found" in title and "was" not in title.split()


def test_reported_statement_is_headed_by_its_speaker(parse_text):
    body = (
        "After a long telephone call with Prime Minister Anna Lind, President Pavel Morek "
        "said that Estovia will reopen the border crossings."
    )
    title = _title(parse_text(body))
    assert title.startswith("Morek–Lind call:"), title
    assert "Estovia to reopen" in title
    assert len(title.split()) <= 12


def test_long_sentence_headline_keeps_whole_phrases(parse_text):
    body = (
        "The regional council of the northern province of Velmark approved on Tuesday a budget "
        "of four hundred million crowns for the reconstruction of the flooded river valleys."
    )
    title = _title(parse_text(body))
    assert len(title.split()) <= 12
    assert not title.endswith((" of", " for", " the", " in"))


def test_third_person_inflection():
    assert [third_person(v) for v in ("go", "be", "have", "watch", "try", "play", "abandon")] == [
        "goes", "is", "has", "watches", "tries", "plays", "abandons",
    ]  # fmt: skip


def test_headline_is_deterministic(parse_file):
    article = parse_file(FIXTURES / "river_analysis.txt")
    actors = extract_actors(article)
    assert make_title(article, actors) == make_title(article, actors)


def test_reported_plan_of_the_speaker_is_headed_by_the_speaker(parse_text):
    title = _title(parse_text("Norland Steel said on Monday it would close its oldest furnace."))
    assert title.startswith("Norland Steel to close"), title


def test_headline_keeps_the_figure_whole(parse_text):
    body = "At least 12 people were killed when a bridge collapsed in Velm, officials said."
    assert "At least 12 people" in _title(parse_text(body))


def test_thesis_gives_the_event_and_the_lead_the_occasion(parse_text):
    body = (
        "After a long call with President Pavel Morek, Prime Minister Anna Lind said the talks "
        "would continue in June.\n\nThe two leaders did not mention the river.\n\n"
        "It seems clear that Estovia has abandoned its claim to the upper river."
    )
    title = _title(parse_text(body))
    assert title.startswith("Lind–Morek call:"), title
    assert "Estovia abandons" in title
