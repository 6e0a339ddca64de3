"""Headlines on small articles written for the purpose."""

from __future__ import annotations

import pytest
from briefings.extract.actors.key_actors import extract_actors
from briefings.extract.title import make_title, third_person

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


def test_what_the_object_is_asked_to_do_stays(parse_text):
    title = _title(parse_text("The city of Marn has asked its residents to boil drinking water."))
    assert "asks residents to boil drinking water" in title, title


def test_date_is_left_to_the_dateline(parse_text):
    title = _title(
        parse_text("The Velm council met on Tuesday with the leaders of the fishing guild.")
    )
    assert "Tuesday" not in title and "with leaders" in title, title


def test_clause_of_time_completes_the_event(parse_text):
    body = (
        "Hospitals in Velm cancelled all routine surgery on Friday after hackers shut down "
        "the patient records system."
    )
    title = _title(parse_text(body))
    assert "after hackers shut down" in title, title
    assert len(title.split()) <= 12


def test_unnamed_speaker_does_not_head_the_headline(parse_text):
    body = "At least 12 people were killed when a bridge collapsed in Velm, officials said."
    title = _title(parse_text(body))
    assert not title.lower().startswith("officials"), title
    assert "bridge" in title, title


def test_purpose_clause_is_the_event_of_a_vote(parse_text):
    title = _title(parse_text("The Marn city council voted on Monday to close the old harbour."))
    assert "votes to close old harbour" in title, title


def test_company_name_takes_a_singular_verb(parse_text):
    body = "Norvik Holdings has agreed to buy the shipping group Baltline for 2 billion euros."
    assert "Norvik Holdings agrees to buy" in _title(parse_text(body))


def test_name_after_a_comma_and_and_is_not_lost(parse_text):
    body = (
        "At the close of the summit, President Anna Lind read a statement by Prime Minister "
        "Pavel Morek, and President Ivo Daran."
    )
    title = _title(parse_text(body))
    assert "Morek and Daran" in title, title


def test_phrase_after_a_noun_comes_whole_or_not_at_all(parse_text):
    body = "The Norland government on Tuesday proposed a ban on the sale of new coal boilers."
    title = _title(parse_text(body))
    assert "proposes ban on sale of new coal boilers" in title, title


def test_amount_is_the_complement_of_a_rise_or_fall(parse_text):
    body = "Shares in Norvik Mining fell 18 percent on Monday after a fire closed its largest mine."
    assert "fall 18 percent" in _title(parse_text(body))


def test_manner_is_what_a_bare_verb_says(parse_text):
    body = "The High Court ruled on Friday that the Velm council acted unlawfully."
    assert _title(parse_text(body)).endswith("acts unlawfully")


def test_thesis_headline_keeps_cannot_and_the_infinitive_subject(parse_text):
    body = (
        "The harbour of Velm once lived from cod.\n\n"
        "The lesson is plain: ports cannot wait for the fish to come back."
    )
    title = _title(parse_text(body))
    assert "cannot wait for fish to come back" in title, title
