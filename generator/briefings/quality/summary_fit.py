"""How far the summary is from lead-3 and from the best possible choice, honestly.

``python -m briefings.quality.summary_fit ARTICLES GOLD [ARTICLES GOLD ...]`` prints, per
article and on average, ROUGE-1/2 F1 of:

* **lead-3**, the baseline;
* **system**, the summary as shipped (:data:`~briefings.extract.summary.DEFAULT_SHAPE`);
* **LOO**, leave-one-out: the method's two numbers (position decay, target
  length) chosen on all the other articles, then used on the held-out one — the
  estimate for an article the numbers were not chosen on;
* **oracle**, the greedy choice of whole sentences that knows the reference
  (at most five sentences and 120 words, as the product): the ceiling of any
  extractive method on that article.

Several ARTICLES/GOLD pairs are pooled, so the corpus and our own check set
(``tests/fixtures/summary_eval``) can be held out one article at a time together.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from briefings.extract.pipeline import Settings, briefing_from_parsed
from briefings.extract.summary import SummaryShape, extract_summary
from briefings.ingest.seeds import read_seed
from briefings.nlp.parse import ParsedArticle, load_model, parse
from briefings.quality.rouge import rouge

#: The grid the two numbers are chosen from.
DECAYS = (0.5, 1.0, 1.5, 2.0)
TARGETS = (50, 60, 70, 80)


@dataclass
class Case:
    name: str
    article: ParsedArticle
    actors: tuple
    reference: str


def load_cases(pairs: Sequence[tuple[Path, Path]], settings: Settings = Settings()) -> list[Case]:
    """Every article with a gold file, parsed once."""
    nlp = load_model(settings.model)
    cases = []
    for articles, gold in pairs:
        for path in sorted(Path(articles).glob("*.txt")):
            gold_path = Path(gold) / f"{path.stem}.json"
            if not gold_path.is_file():
                continue
            article = parse(read_seed(path), nlp)
            briefing = briefing_from_parsed(article, settings)
            reference = json.loads(gold_path.read_text("utf-8"))["summary"]
            cases.append(Case(path.stem, article, briefing.actors, reference))
    return cases


def _score(text: str, reference: str) -> tuple[float, float]:
    r = rouge(text, reference)
    return r["rouge1"], r["rouge2"]


def summarise(case: Case, shape: SummaryShape, max_sentences: int) -> str:
    chosen = extract_summary(case.article, case.actors, max_sentences=max_sentences, shape=shape)
    return " ".join(s.text for s in chosen)


def oracle(case: Case, max_sentences: int = 5, max_words: int = 120) -> tuple[float, float]:
    """Greedy ROUGE-1 + ROUGE-2 F1 over whole sentences, knowing the reference."""
    texts = [s.text for s in case.article.sentences]
    chosen: list[int] = []
    best = (0.0, 0.0)
    while len(chosen) < max_sentences:
        step = None
        for i in range(len(texts)):
            if i in chosen:
                continue
            text = " ".join(texts[j] for j in sorted([*chosen, i]))
            if len(text.split()) > max_words:
                continue
            score = _score(text, case.reference)
            if sum(score) > sum(best):
                best, step = score, i
        if step is None:
            break
        chosen.append(step)
    return best


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or len(args) % 2:
        raise SystemExit(
            "usage: python -m briefings.quality.summary_fit ARTICLES GOLD [ARTICLES GOLD ...]"
        )
    settings = Settings()
    pairs = [(Path(a), Path(g)) for a, g in zip(args[::2], args[1::2], strict=True)]
    cases = load_cases(pairs, settings)
    n_max = settings.max_summary_sentences
    shapes = [
        SummaryShape(position_decay=d, target_words=t)
        for d, t in itertools.product(DECAYS, TARGETS)
    ]
    # scores[shape][case] for every shape of the grid, computed once
    grid = [[_score(summarise(c, s, n_max), c.reference) for c in cases] for s in shapes]
    rows = []
    for k, case in enumerate(cases):
        others = [j for j in range(len(cases)) if j != k]
        pick = max(range(len(shapes)), key=lambda s: (sum(sum(grid[s][j]) for j in others), -s))
        lead3 = _score(" ".join(s.text for s in case.article.sentences[:3]), case.reference)
        system = _score(summarise(case, SummaryShape(), n_max), case.reference)
        rows.append((case.name, lead3, system, grid[pick][k], oracle(case)))
    print(f"{'article':<34}{'lead-3':>13}{'system':>13}{'LOO':>13}{'oracle':>13}")
    for name, *scores in rows:
        print(f"{name:<34}" + "".join(f"{a:7.3f}{b:6.3f}" for a, b in scores))
    columns = [r[1:] for r in rows]
    means = [(fmean(c[i][0] for c in columns), fmean(c[i][1] for c in columns)) for i in range(4)]
    print(f"{'mean (R-1 R-2)':<34}" + "".join(f"{a:7.3f}{b:6.3f}" for a, b in means))
    lead = means[0]
    for label, (a, b) in zip(("system", "LOO", "oracle"), means[1:], strict=True):
        print(f"{label:<8} minus lead-3: ROUGE-1 {a - lead[0]:+.3f}  ROUGE-2 {b - lead[1]:+.3f}")


if __name__ == "__main__":
    main()
