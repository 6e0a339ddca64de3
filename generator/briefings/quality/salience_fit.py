"""Choosing the actors' salience weights: a deterministic fit, and its held-out score.

The weights :data:`~briefings.extract.actors.salience.SALIENCE_WEIGHTS` are chosen
here by coordinate ascent over a small grid, measured as key actors in the first
ten (key@10) against gold annotations; ``python -m briefings.quality.salience_fit
ARTICLES GOLD`` refits and prints each article's figure with weights fitted on the
others, so no weight is tuned to an article it is measured on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.extract.actors.salience import FEATURES, SALIENCE_WEIGHTS, score
from briefings.site.actors import name_key

if TYPE_CHECKING:
    from briefings.nlp.parse import ParsedArticle


def actor_names(name: str, aliases: Iterable[str]) -> frozenset[str]:
    """Every name of an actor as matching reads it ("Mr. Putin" and "Putin" alike)."""
    return frozenset(k for k in (name_key(x) for x in [name, *aliases]) if k)


#: Values each weight may take in the fit.
GRID = (0.0, 0.5, 1.0, 2.0, 3.0)


@dataclass(frozen=True)
class FitArticle:
    """One article for the fit: each actor's features and the gold keys it matches."""

    name: str
    actors: tuple[tuple[str, dict[str, float], frozenset[int]], ...]
    n_keys: int


def key_at_10(article: FitArticle, weights: dict[str, float]) -> tuple[float, float]:
    """(key@10, mean reciprocal rank of the keys) when ranking by ``weights``."""
    ranked = sorted(article.actors, key=lambda a: (-score(a[1], weights), a[0]))
    found: dict[int, int] = {}
    for rank, (_, _, keys) in enumerate(ranked):
        for k in sorted(keys):
            found.setdefault(k, rank)
    if not article.n_keys:
        return 1.0, 1.0
    at10 = sum(1 for r in found.values() if r < 10) / article.n_keys
    mrr = sum(1 / (1 + r) for r in found.values()) / article.n_keys
    return at10, mrr


def fit(articles: Sequence[FitArticle], start: dict[str, float]) -> dict[str, float]:
    """Coordinate ascent over :data:`GRID`: mean key@10, then mean reciprocal rank.

    ``weight`` stays at 1 (the scale); every other weight moves in turn until no
    change improves the objective. Deterministic.
    """

    def objective(w: dict[str, float]) -> tuple[float, float]:
        scores = [key_at_10(a, w) for a in articles]
        return (
            round(sum(s[0] for s in scores) / len(scores), 9),
            round(sum(s[1] for s in scores) / len(scores), 9),
        )

    weights = dict(start)
    best = objective(weights)
    improved = True
    while improved:
        improved = False
        for name in FEATURES[1:]:
            for value in GRID:
                trial = {**weights, name: value}
                got = objective(trial)
                if got > best:
                    weights, best, improved = trial, got, True
    return weights


def leave_one_out(
    articles: Sequence[FitArticle], start: dict[str, float]
) -> list[tuple[str, float, dict[str, float]]]:
    """For each article: its key@10 under weights fitted on the others."""
    out = []
    for i, held in enumerate(articles):
        weights = fit([a for j, a in enumerate(articles) if j != i], start)
        out.append((held.name, key_at_10(held, weights)[0], weights))
    return out


def fit_article(
    name: str, article: ParsedArticle, gold_actors: list[dict], collect: Callable
) -> FitArticle:
    """One article for the fit: ``collect(article)`` gives (name, aliases, features)
    per actor; each is linked to the gold key actors its names match."""
    keys = [actor_names(g["name"], g.get("aliases", ())) for g in gold_actors if g.get("key")]
    rows = []
    for actor, aliases, feats in collect(article):
        names = actor_names(actor, aliases)
        rows.append((actor, feats, frozenset(i for i, k in enumerate(keys) if k & names)))
    return FitArticle(name, tuple(rows), len(keys))


def fit_articles(articles_dir: Path, gold_dir: Path, collect: Callable) -> list[FitArticle]:
    """Run the actor stage over every article with a gold file; ``collect(article)``
    returns (name, aliases, features) per actor."""
    from briefings.ingest.seeds import read_seed
    from briefings.nlp.parse import load_model, parse

    nlp = load_model()
    out: list[FitArticle] = []
    for path in sorted(Path(articles_dir).glob("*.txt")):
        gold_path = Path(gold_dir) / f"{path.stem}.json"
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text("utf-8"))["actors"]
        out.append(fit_article(path.stem, parse(read_seed(path), nlp), gold, collect))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m briefings.quality.salience_fit ARTICLES GOLD``: refit the weights, print LOO."""
    from briefings.extract.actors.key_actors import salience_rows

    args = list(sys.argv[1:] if argv is None else argv)
    articles = fit_articles(Path(args[0]), Path(args[1]), salience_rows)
    current = [key_at_10(a, SALIENCE_WEIGHTS)[0] for a in articles]
    # every fit starts from mentions alone, so no held-out article shapes its start
    neutral = {name: (1.0 if name == "weight" else 0.0) for name in FEATURES}
    loo = leave_one_out(articles, neutral)
    full = fit(articles, neutral)
    print(f"{'article':<36}{'current':>8}{'LOO':>8}  weights fitted on the others")
    for now, (name, held, w) in zip(current, loo, strict=True):
        shown = " ".join(f"{k}={v:g}" for k, v in w.items() if k != "weight")
        print(f"{name:<36}{now:8.3f}{held:8.3f}  {shown}")
    n = len(articles)
    print(f"{'mean':<36}{sum(current) / n:8.3f}{sum(h for _, h, _ in loo) / n:8.3f}")
    print("fitted on all:", json.dumps(full))


if __name__ == "__main__":
    main()
