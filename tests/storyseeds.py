"""The multi-article story fixtures, extracted once per test session with the real model."""

from __future__ import annotations

from pathlib import Path

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"

#: The true story of each fixture article (file-name prefix), for scoring the clustering.
TRUE_STORY = {
    "velm-strike": "the Velm dock strike",
    "storm-idris": "Storm Idris on the Marrow coast",
    "storm-lenka": "Storm Lenka on the Tarn coast",
    "library-opening": "a library opening (no story)",
}


def true_story(briefing_id: str) -> str:
    return next(v for k, v in TRUE_STORY.items() if briefing_id.startswith(k))
