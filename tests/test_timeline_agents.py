"""Events that say who: fragments and agentless event nouns make no event."""

from __future__ import annotations

import pytest
from briefings.extract.timeline import extract_events

pytestmark = pytest.mark.model


def texts_on(parse_text, body: str, date: str) -> list[str]:
    return [e.text for e in extract_events(parse_text(body, "2025-05-20")) if e.date == date]


def test_an_event_noun_told_without_its_agent_is_no_event(parse_text):
    body = (
        "A two-hour telephone call with Russian leader Vladimir Putin on May 19 had "
        "raised hopes of a ceasefire."
    )
    assert texts_on(parse_text, body, "2025-05-19") == []


def test_an_event_noun_that_says_whose_it_is_stays(parse_text):
    body = "Trump's call with Putin on May 19 lasted two hours."
    assert texts_on(parse_text, body, "2025-05-19")


def test_a_fragment_that_names_no_one_is_no_event(parse_text):
    body = "Officials met again. The meeting on Monday. Nothing was agreed."
    assert texts_on(parse_text, body, "2025-05-19") == []


def test_a_fragment_that_names_someone_stays(parse_text):
    body = "Trump toured the Gulf. Trump's visit to Riyadh on May 13."
    assert texts_on(parse_text, body, "2025-05-13")
