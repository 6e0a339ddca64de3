"""ROUGE-1, -2 and -L F-measures of a summary against a reference (``rouge-score``).

Its own module because the summary fit, the leave-one-out pool and the
evaluation all score with it, and they import one another in that order.
"""

from __future__ import annotations


def rouge(summary: str, reference: str) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    s = scorer.score(reference, summary)
    return {"rouge1": s["rouge1"].fmeasure, "rouge2": s["rouge2"].fmeasure,
            "rougeL": s["rougeL"].fmeasure}  # fmt: skip
