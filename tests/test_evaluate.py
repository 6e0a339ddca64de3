"""The evaluation harness: measures computed as documented, baselines in the same run."""

from __future__ import annotations

import json

import pytest

from generator.evaluate import (
    PredictedActor,
    PredictedEvent,
    actor_names,
    date_agrees,
    format_report,
    run_eval,
    score_actors,
    score_events,
)

from .conftest import FIXTURES

GOLD_ACTORS = [
    {"name": "Donna Reyes", "aliases": ["Donna Reyes", "Reyes"], "key": True},
    {"name": "Harbour Board", "aliases": ["Harbour Board"], "key": False},
]


def test_duplicate_actor_is_a_false_positive():
    pred = [
        PredictedActor(actor_names("Donna Reyes", [])),
        PredictedActor(actor_names("Reyes", [])),
    ]
    s = score_actors(pred, GOLD_ACTORS)
    assert s["actor_p"] == 0.5 and s["actor_r"] == 0.5 and s["key_at_10"] == 1.0


def test_date_agreement_is_at_gold_precision():
    assert date_agrees("2025-05-19", "2025-05")
    assert not date_agrees("2025-05", "2025-05-19")
    gold = [{"date": "2025-05", "text": "talks collapse in Velm", "evidence": "talks collapsed"}]
    s = score_events([PredictedEvent("2025-05-03", "The talks collapsed in Velm")], gold)
    assert s["event_f"] == 1.0 and s["date_f"] == 1.0


@pytest.mark.model
def test_run_eval_reports_system_and_baselines(tmp_path):
    report = run_eval(FIXTURES / "articles", FIXTURES / "gold")
    assert set(report["articles"]) == {"harbour_strike"}
    for key in ("actor_f", "key_at_10", "event_f", "date_f", "rouge1", "rouge2", "q_coverage"):
        assert 0.0 <= report["mean"][key] <= 1.0
    for key in ("actor_f", "event_f", "rouge1"):
        assert key in report["baseline_mean"]
    text = format_report(report)
    assert "lead-3" in text and "raw spaCy entities" in text and "dateparser" in text
    json.dumps(report)
