"""Timeline events: which expressions make events, what an event says, merging, anchoring.

Unit tests run on small articles written for them; one end-to-end test runs on
the user's seed; one measures the whole timeline against hand-made gold
timelines of three fixture articles, beside the dateparser baseline.
"""

from __future__ import annotations

import pytest
from briefings.extract.pipeline import briefing_from_parsed
from briefings.extract.stated_dates import state_dates
from briefings.extract.timeline import extract_events
from briefings.model import Event, Evidence
from briefings.quality.evaluate import run_eval
from briefings.site.timeline import merge_timeline, same_event

from .conftest import FIXTURES, USER_SEED

pytestmark = pytest.mark.model


def events_of(parse_text, body: str, date: str = "2025-05-20") -> tuple[Event, ...]:
    return extract_events(parse_text(body, date))


def dated(events, date: str) -> list[Event]:
    return [e for e in events if e.date == date]


# --- the user's seed, end to end -----------------------------------------------------


@pytest.fixture(scope="module")
def seed_events(parse_file):
    return extract_events(parse_file(USER_SEED))


def test_seed_has_the_call_of_may_19(seed_events):
    assert any("call" in e.text for e in dated(seed_events, "2025-05-19") if not e.approximate)


def test_seed_has_the_talks_of_may_16(seed_events):
    assert any("negotiations" in e.text for e in dated(seed_events, "2025-05-16"))


def test_seed_dates_the_drone_attack_the_day_before_the_call(seed_events):
    attack = [e for e in dated(seed_events, "2025-05-18") if "drone attack" in e.text]
    assert attack, [e.text for e in seed_events]
    assert attack[0].timex and attack[0].timex.startswith("the day before")
    assert not attack[0].approximate
    # The cited sentence states the claim; the one that dates it comes with it.
    assert "drone attack" in attack[0].evidence.text
    assert any("the day before" in x.text for x in attack[0].more_evidence)


def test_seed_keeps_the_february_call_at_month_precision(seed_events):
    february = dated(seed_events, "2025-02")
    assert any("call" in e.text for e in february)
    assert all(e.precision == "month" for e in february)
    assert not any(e.date.startswith("2025-02-") for e in seed_events)


def test_seed_timeline_is_sorted_and_points_at_its_sentences(seed_events, parse_file):
    article = parse_file(USER_SEED)
    assert [e.date for e in seed_events] == sorted(e.date for e in seed_events)
    for e in seed_events:
        assert article.sentences[e.evidence.sentence - 1].text == e.evidence.text
        assert len(e.text.split()) <= 30


# --- anchors --------------------------------------------------------------------------


def test_anchor_phrase_names_the_dated_event(parse_text):
    events = events_of(
        parse_text,
        "The summit opened in Velm on 4 June. The parliament voted on the treaty on 9 June.\n\n"
        "Protesters blocked the main square the day before the vote.",
        "2025-06-12",
    )
    blocked = [e for e in events if "blocked" in e.text]
    assert [e.date for e in blocked] == ["2025-06-08"]


def test_anchor_phrase_without_a_dated_event_gives_no_date(parse_text):
    events = events_of(parse_text, "Protesters blocked the main square the day before the vote.")
    assert events == ()


def test_following_day_moves_from_the_last_date(parse_text):
    events = events_of(
        parse_text,
        "The fire started on 3 June 2021. The following day, officials ordered an evacuation.",
    )
    assert [e.date for e in events if "evacuation" in e.text] == ["2021-06-04"]


def test_a_showing_clause_takes_its_event_from_the_next_sentence(parse_text):
    events = events_of(
        parse_text,
        "The army's resolve was demonstrated on Sunday. Artillery units shelled the airport "
        "and the port for six hours.",
    )
    sunday = dated(events, "2025-05-18")
    assert sunday and "shelled the airport" in sunday[0].text
    # cited: the sentence that states the claim; with it, the one that dates it
    assert "shelled" in sunday[0].evidence.text
    assert sunday[0].more_evidence and "Sunday" in sunday[0].more_evidence[0].text


# --- what is not an event ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Seventeen years ago, this would not have been possible.",
        "The workers said they would return if the authority paid them in April.",
        "Applicants who applied before last summer will receive a form.",
        "The mayor served the city from 2004 to 2009.",
        "Today, most people understand the risks of smoking.",
        "This year's theme was water security.",
        "The 1990s were good years for the region.",
        "Negotiations lasted more than three years without a result.",
        "Ministers may meet to discuss the budget.",
        "The first face-to-face talks in three years ended without agreement.",
        "Every Monday the committee reviews the accounts.",
        "Shares fell to their lowest level since 2008.",
    ],
)
def test_no_event(parse_text, body):
    assert events_of(parse_text, body) == (), body


def test_a_decade_dates_an_event_only_as_its_time(parse_text):
    events = events_of(parse_text, "The region prospered in the 1990s.")
    assert [(e.date, e.precision, e.approximate) for e in events] == [("1990", "decade", True)]


def test_a_range_keeps_its_start_and_end(parse_text):
    events = events_of(parse_text, "The festival ran from 3 to 5 May 2024 in the old harbour.")
    assert [(e.date, e.end) for e in events] == [("2024-05-03", "2024-05-05")]


# --- what an event says ----------------------------------------------------------------------


def test_event_text_is_the_clause_not_the_sentence(parse_text):
    body = (
        "After a long night of talks, the minister, who had flown in from Paris, "
        "announced her resignation on Monday, according to officials."
    )
    (event,) = events_of(parse_text, body)
    assert event.date == "2025-05-19"
    assert "the minister" in event.text.lower() and "announced her resignation" in event.text
    assert "Paris" not in event.text and "according" not in event.text
    assert event.evidence.text == body


def test_distinct_events_on_one_day_stay_apart(parse_text):
    events = events_of(
        parse_text,
        "Rebels shelled the airport on Monday.\n\nThe government declared a curfew on Monday.",
    )
    assert len(dated(events, "2025-05-19")) == 2


def test_two_mentions_of_one_event_are_merged(parse_text):
    events = events_of(
        parse_text,
        "Pay talks collapsed on March 8.\n\n"
        "Union leaders said the pay talks collapsed on March 8 because the offer was too low.",
    )
    march = dated(events, "2025-03-08")
    assert len(march) == 1
    assert march[0].evidence.sentence == 1
    assert [x.sentence for x in march[0].more_evidence] == [2]


def test_future_and_planned_events_are_expected(parse_text):
    events = events_of(
        parse_text,
        "The minister will visit the port on Friday. The minister visited the dock on Monday. "
        "The hearing is scheduled for June 3. Unions have called a strike for May 28.",
    )
    expected = {e.date: e.expected for e in events}
    assert expected == {
        "2025-05-23": True,
        "2025-05-19": False,
        "2025-06-03": True,
        "2025-05-28": True,
    }


def test_same_input_same_events(parse_text):
    body = "The talks began on 3 March 2024. Two days later, they collapsed."
    assert events_of(parse_text, body) == events_of(parse_text, body)


# --- the merged site timeline -------------------------------------------------------------


def test_merged_timeline_groups_the_same_event_of_two_seeds(parse_text):
    a = briefing_from_parsed(
        parse_text(
            "Dock workers at Port Calder walked off the job on Tuesday.\n\n"
            "The port authority said talks with the union collapsed on March 8.",
            "2024-03-14",
            title="Strike at Port Calder",
        )
    )
    b = briefing_from_parsed(
        parse_text(
            "Talks between the union and the port authority collapsed on March 8, "
            "officials said.\n\nThe harbour has been closed since then.",
            "2024-03-15",
            title="Port Calder closed",
        )
    )
    items = merge_timeline([a, b])
    collapse = [it for it in items if it.date == "2024-03-08"]
    assert len(collapse) == 1
    assert {src.id for src, _ in collapse[0].sources} == {a.id, b.id}
    strike = [it for it in items if it.date == "2024-03-12"]
    assert len(strike) == 1 and len(strike[0].sources) == 1


def test_same_event_needs_the_same_date_and_most_words():
    ev = Evidence(1, "x")
    talks = Event("2024-03-08", False, "Talks with the union collapsed", ev)
    assert same_event(talks, Event("2024-03-08", False, "The union talks collapsed", ev))
    assert not same_event(talks, Event("2024-03-09", False, "The union talks collapsed", ev))
    assert not same_event(talks, Event("2024-03-08", False, "The union called a strike", ev))


# --- quality on articles written for these tests ---------------------------------------------


def test_timeline_quality_on_fixture_articles_beats_dateparser():
    report = run_eval(FIXTURES / "timeline" / "articles", FIXTURES / "timeline" / "gold")
    mean, base = report["mean"], report["baseline_mean"]
    assert mean["event_f"] >= 0.75 and mean["date_f"] >= 0.85 and mean["event_p"] >= 0.8
    assert mean["event_f"] > base["event_f"] and mean["date_f"] > base["date_f"]


@pytest.mark.parametrize(
    ("body", "date", "stated"),
    [
        ("Freed hostage Anna Lind arrived in Velm today after six years.", "2008-07-04",
         "Freed hostage Anna Lind arrived in Velm on 4 July 2008 after six years."),
        ("The election was held on Sunday with a record turnout.", "2016-09-06",
         "The election was held on 4 September 2016 with a record turnout."),
        ("The court ruled on July 8 that the city could demand the taxes.", "2015-08-02",
         "The court ruled on 8 July 2015 that the city could demand the taxes."),
        ("The office today is to begin issuing the new forms.", "2023-02-23",
         "The office on 23 February 2023 is to begin issuing the new forms."),
        # nowadays, a possessive, a part of a day and a range stay as written
        ("Today, most families in Velm own a car.", "2023-02-23",
         "Today, most families in Velm own a car."),
        ("Today's vote was postponed.", "2023-02-23", "Today's vote was postponed."),
        ("The fire broke out on Monday morning.", "2025-06-30",
         "The fire broke out on Monday morning."),
        ("The fair runs from 3 to 5 May in Velm.", "2025-04-01",
         "The fair runs from 3 to 5 May in Velm."),
    ],
)  # fmt: skip
def test_state_dates_fixes_what_only_the_dateline_fixes(parse_text, body, date, stated):
    article = parse_text(body, date=date)
    assert state_dates(article, article.sents[0]) == stated


# --- events that stand alone -------------------------------------------------------------


def briefing_events(parse_text, body: str, date: str = "2025-05-20") -> tuple[Event, ...]:
    """Events as the pipeline gives them: with the people a "he" or "she" refers to."""
    return briefing_from_parsed(parse_text(body, date)).events


def test_a_he_names_the_person_it_refers_to(parse_text):
    events = briefing_events(
        parse_text,
        "Mayor Anna Lind of Velm spoke to reporters on Monday. "
        "She resigned from the harbour board on 2 May.",
    )
    texts = [e.text for e in dated(events, "2025-05-02")]
    assert texts and all(t.startswith("Anna Lind resigned") for t in texts), texts


def test_a_he_that_refers_to_no_one_leaves_the_event_out(parse_text):
    events = briefing_events(
        parse_text, "Mayor Anna Lind met Governor Tomas Reuter. He resigned on 2 May."
    )
    assert not any(e.text.lower().startswith("he ") for e in events)


@pytest.mark.parametrize(
    "body",
    [
        # a relative clause without its noun
        "The council published a plan, which the union rejected on 2 May.",
        # an infinitive without its subject
        "Work on the depot is due to start next spring.",
        # the writer's own doings
        "I visited the harbour on 2 May. The strike went on.",
    ],
)
def test_no_event_opens_with_a_word_that_needs_its_sentence(parse_text, body):
    for event in events_of(parse_text, body):
        first = event.text.split()[0].lower()
        assert first not in ("which", "who", "to", "i", "we"), event.text


def test_an_event_whose_subject_the_parse_lost_is_left_out(parse_text):
    """ "that pay talks collapsed" read with "pay" as the verb: "Collapsed on 7 March"
    says nothing of what collapsed. The coordinated verb shares its subject."""
    lost = events_of(parse_text, "Ilves told reporters that pay talks collapsed on 7 March.")
    assert [e.text for e in lost] == []
    kept = events_of(parse_text, "Talks collapsed on March 8 and resumed on March 10.")
    assert [e.text for e in kept] == ["Talks collapsed on March 8", "Talks resumed on March 10"]


def test_a_speakers_own_voice_dates_no_event_of_the_story(parse_text):
    events = events_of(parse_text, '"Someone emailed me earlier today," the editor said.')
    assert events == ()
