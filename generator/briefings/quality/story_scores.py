"""Scores of story clustering and key dates, as timeline-summarisation research reports them.

* **B³** (Bagga and Baldwin, 1998): for each briefing, the share of its
  predicted story that is truly its story (precision) and the share of its true
  story that was predicted with it (recall), averaged over briefings. A
  briefing alone in its story counts too: a story of one is a correct
  prediction of a story of one.
* **Date-F1** (Martschat and Markert, 2018; the news-tls "Datewise" baseline
  reaches 0.544): the F1 of the set of dates a timeline picks against the dates
  of a journalist's timeline of the same story.

Both take plain mappings, so any corpus with story labels and reference
timelines can be scored the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping


def b_cubed(
    predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]
) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``predicted`` story labels against ``truth``, by item."""
    items = sorted(set(predicted) & set(truth))
    if not items:
        return 0.0, 0.0, 0.0
    by_predicted: dict[Hashable, set[str]] = defaultdict(set)
    by_truth: dict[Hashable, set[str]] = defaultdict(set)
    for item in items:
        by_predicted[predicted[item]].add(item)
        by_truth[truth[item]].add(item)
    precision = recall = 0.0
    for item in items:
        mine, real = by_predicted[predicted[item]], by_truth[truth[item]]
        both = len(mine & real)
        precision += both / len(mine)
        recall += both / len(real)
    p, r = precision / len(items), recall / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def date_f1(picked: Iterable[str], reference: Iterable[str]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the set of ``picked`` dates against ``reference``."""
    mine, real = set(picked), set(reference)
    if not mine or not real:
        return 0.0, 0.0, 0.0
    both = len(mine & real)
    p, r = both / len(mine), both / len(real)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
