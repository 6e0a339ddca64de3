"""B³ and Date-F1: the scores story clustering and key dates are judged by."""

from __future__ import annotations

import pytest
from briefings.quality.story_scores import b_cubed, date_f1
from briefings.site.stories import cluster
from briefings.site.story_analysis import key_dates

from tests.storyseeds import true_story


def test_b_cubed_of_a_worked_example():
    """Bagga and Baldwin's definition, by hand: a, b, c truly one story, d alone;
    predicted {a, b} and {c, d}."""
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}
    p, r, f = b_cubed(predicted, truth)
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert b_cubed(truth, truth) == (1.0, 1.0, 1.0)


def test_date_f1_is_the_f1_of_two_sets_of_days():
    assert date_f1(["2025-03-10", "2025-03-18"], ["2025-03-18", "2025-03-24"]) == (0.5, 0.5, 0.5)
    assert date_f1([], ["2025-03-18"]) == (0.0, 0.0, 0.0)


def test_the_fixture_stories_cluster_exactly(story_briefings):
    stories = cluster(story_briefings)
    story_of = {b.id: s.id for s in stories for b in s.briefings}
    predicted = {b.id: story_of.get(b.id, b.id) for b in story_briefings}
    truth = {b.id: true_story(b.id) for b in story_briefings}
    assert b_cubed(predicted, truth) == (1.0, 1.0, 1.0)


def test_key_dates_of_the_strike_story_against_a_reference_timeline(story_briefings):
    """A reference timeline of the four strike articles, as an editor would list it:
    talks collapse (7 March), the strike begins (10), the minister meets both sides
    (18), the ballot (20), the return to work (24). K = its length."""
    reference = ["2025-03-07", "2025-03-10", "2025-03-18", "2025-03-20", "2025-03-24"]
    strike = [b for b in story_briefings if true_story(b.id) == "the Velm dock strike"]
    picked = [kd.date for kd in key_dates(strike, top=len(reference))]
    *_, f = date_f1(picked, reference)
    assert picked[0] == "2025-03-18"  # the day three of the four articles report
    assert f >= 0.6, (picked, f)
