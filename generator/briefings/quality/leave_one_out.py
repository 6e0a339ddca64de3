"""Leave-one-out: each article scored with numbers chosen without it.

Two things in extraction were chosen by measuring on the evaluation corpora:
the actors' salience weights (:data:`~briefings.extract.actors.salience.SALIENCE_WEIGHTS`,
which rank the actors, and through them the key actors and the questions) and
the summary's shape (:class:`~briefings.extract.summary.SummaryShape`: position decay
and target length). Figures computed with them on those corpora are in-sample.
For each held-out article, :meth:`Refit.fitted_without` chooses both again on
every other article of the pool, by the same rules the shipped numbers were
chosen by:

* salience weights: coordinate ascent from mentions alone
  (:func:`~briefings.extract.actors.salience.fit`), on the articles whose gold has actors;
* summary shape: the point of the 4 × 4 grid of :mod:`briefings.quality.summary_fit`
  with the highest ROUGE-1 + ROUGE-2 summed over the articles whose gold has a
  summary (ties to the first point).

The held-out article is then extracted with what was chosen and scored as usual.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.extract.actors.key_actors import salience_rows
from briefings.extract.actors.salience import FEATURES
from briefings.extract.pipeline import Fitted
from briefings.extract.summary import DEFAULT_SHAPE, SummaryShape, extract_summary
from briefings.model import Actor
from briefings.nlp.parse import ParsedArticle
from briefings.quality.salience_fit import FitArticle, fit, fit_article

#: Where every salience fit starts: mentions alone, so no article shapes the start.
NEUTRAL_WEIGHTS = {name: (1.0 if name == "weight" else 0.0) for name in FEATURES}


def summary_grid() -> list[SummaryShape]:
    """The shapes the summary's two numbers are chosen from."""
    from briefings.quality.summary_fit import DECAYS, TARGETS

    return [
        SummaryShape(position_decay=d, target_words=t)
        for d, t in itertools.product(DECAYS, TARGETS)
    ]


@dataclass(frozen=True)
class Refit:
    """What each article contributes to a fit, computed once for the whole pool."""

    #: Per article: its actors' features and gold keys, or None without actor gold.
    salience: tuple[FitArticle | None, ...]
    #: Per article: ROUGE-1 + ROUGE-2 of its summary under each grid shape, or None.
    summary: tuple[tuple[float, ...] | None, ...]
    shapes: tuple[SummaryShape, ...]

    def fitted_without(self, held_out: int) -> Fitted:
        """The numbers chosen on every article of the pool but ``held_out``."""
        others = [a for j, a in enumerate(self.salience) if j != held_out and a is not None]
        weights = fit(others, NEUTRAL_WEIGHTS) if others else dict(NEUTRAL_WEIGHTS)
        grids = [g for j, g in enumerate(self.summary) if j != held_out and g is not None]
        shape = DEFAULT_SHAPE  # nothing to choose on: the shipped numbers
        if grids:
            best = max(range(len(self.shapes)), key=lambda s: (sum(g[s] for g in grids), -s))
            shape = self.shapes[best]
        return Fitted(salience_weights=weights, summary=shape)


@dataclass(frozen=True)
class PoolArticle:
    """One article of the pool, as the refit needs it."""

    name: str
    article: ParsedArticle
    gold: dict
    sections: tuple[str, ...]
    #: The actors the shipped pipeline gives (the summary reads their names).
    actors: tuple[Actor, ...]


def prepare(pool: Sequence[PoolArticle], max_sentences: int) -> Refit:
    """Features and grid scores of every article of the pool."""
    from briefings.quality.rouge import rouge

    shapes = summary_grid()
    salience: list[FitArticle | None] = []
    summary: list[tuple[float, ...] | None] = []
    for item in pool:
        salience.append(
            fit_article(item.name, item.article, item.gold["actors"], salience_rows)
            if "actors" in item.sections
            else None
        )
        if "summary" not in item.sections:
            summary.append(None)
            continue
        scores = []
        for shape in shapes:
            chosen = extract_summary(
                item.article, item.actors, max_sentences=max_sentences, shape=shape
            )
            r = rouge(" ".join(s.text for s in chosen), item.gold["summary"])
            scores.append(r["rouge1"] + r["rouge2"])
        summary.append(tuple(scores))
    return Refit(tuple(salience), tuple(summary), tuple(shapes))
