"""``briefings eval``: extraction quality as numbers, always beside baselines.

Runs the pipeline over articles with gold annotations (the format of
``../shared/corpus/gold``) and scores actors, events, summaries and questions.
The same run scores reference systems on the same articles — raw spaCy entities
as actors, lead-3 as the summary, dateparser's ``search_dates`` as the timeline —
so every figure can be read as a ratio to a baseline.

Measures (means over articles):

* actors: a predicted actor matches a gold actor when its name or one of its
  aliases equals the gold name or one of its aliases (case-, accent- and
  punctuation-insensitive); matching is one-to-one, so a second actor for the
  same entity is a false positive. Precision, recall, F1; key@10 is the share of
  gold key actors matched among the first ten predicted.
* events: a predicted event matches a gold event when its date agrees at the gold
  precision (``2025-05-19`` agrees with gold ``2025-05``, not the reverse) and its
  text shares at least two content-word stems with the gold text or evidence;
  one-to-one. Date F1 compares the sets of distinct dates, a predicted date
  agreeing with a gold date at the gold precision.
* summary: ROUGE-1/2/L F1 (Google's ``rouge-score``, Porter-stemmed) against the
  hand-written reference.
* questions: a gold question is covered when some predicted question shares at
  least two content-word stems and at least 35% of the gold question's stems;
  well-formed = one sentence ending in "?", opening with a question word or an
  auxiliary, with a verb, and not opening on a pronoun; evidence = the question's
  evidence is a sentence of the article.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import fmean
from typing import TYPE_CHECKING, Any, Protocol

from briefings.errors import BriefingsError
from briefings.extract.pipeline import Settings, briefing_from_parsed
from briefings.ingest.seeds import read_seed
from briefings.model import Briefing
from briefings.nlp.parse import ParsedArticle, load_model, parse
from briefings.quality.leave_one_out import PoolArticle
from briefings.quality.ner_coverage import actor_keys, entity_keys, ner_held, rep_gold_held
from briefings.quality.rouge import rouge
from briefings.quality.salience_fit import actor_names

if TYPE_CHECKING:
    from spacy.language import Language

_WORD = re.compile(r"[A-Za-z0-9]+")
_QUESTION_OPENERS = {
    "who", "what", "when", "where", "why", "how", "which", "whose", "whom",
    "will", "would", "can", "could", "should", "shall", "may", "might", "must",
    "is", "are", "was", "were", "do", "does", "did", "has", "have", "had",
}  # fmt: skip
_PRONOUN_OPENERS = {"he", "she", "it", "they", "this", "that", "these", "those", "him", "them"}
RAW_ENTITY_LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC")


class _Stemmer(Protocol):
    """What is asked of NLTK's Porter stemmer (NLTK ships no types)."""

    def stem(self, word: str) -> str: ...


def _stemmer() -> _Stemmer:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


_STEM: _Stemmer | None = None


def content_stems(text: str) -> set[str]:
    """Lower-cased, Porter-stemmed words of a text, stop words left out."""
    global _STEM
    if _STEM is None:
        _STEM = _stemmer()
    from spacy.lang.en.stop_words import STOP_WORDS

    return {
        _STEM.stem(w)
        for w in (m.group(0).lower() for m in _WORD.finditer(text))
        if w not in STOP_WORDS and len(w) > 1
    }


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# --- actors -----------------------------------------------------------------


@dataclass(frozen=True)
class PredictedActor:
    names: frozenset[str]


def score_actors(pred: Sequence[PredictedActor], gold: list[dict[str, Any]]) -> dict[str, float]:
    gold_names = [actor_names(g["name"], g.get("aliases", ())) for g in gold]
    matched: dict[int, int] = {}  # gold index -> rank of the prediction that took it
    for rank, p in enumerate(pred):
        for gi, names in enumerate(gold_names):
            if gi not in matched and p.names & names:
                matched[gi] = rank
                break
    p_, r_, f_ = prf(len(matched), len(pred), len(gold))
    keys = [gi for gi, g in enumerate(gold) if g.get("key")]
    key10 = sum(1 for gi in keys if matched.get(gi, 99) < 10) / len(keys) if keys else 1.0
    return {"actor_p": p_, "actor_r": r_, "actor_f": f_, "key_at_10": key10}


def raw_spacy_actors(article: ParsedArticle) -> list[PredictedActor]:
    """Baseline: every distinct entity text of an actor-like label, first mention first."""
    seen: dict[str, PredictedActor] = {}
    for ent in article.doc.ents:
        if ent.label_ in RAW_ENTITY_LABELS and ent.text not in seen:
            seen[ent.text] = PredictedActor(actor_names(ent.text, ()))
    return list(seen.values())


# --- events -----------------------------------------------------------------


@dataclass(frozen=True)
class PredictedEvent:
    date: str
    text: str


def date_agrees(pred: str, gold: str) -> bool:
    return len(pred) >= len(gold) and pred[: len(gold)] == gold


def score_events(pred: Sequence[PredictedEvent], gold: list[dict[str, Any]]) -> dict[str, float]:
    gold_stems = [content_stems(g["text"]) | content_stems(g.get("evidence", "")) for g in gold]
    used: set[int] = set()
    tp = 0
    for p in pred:
        stems = content_stems(p.text)
        for gi, g in enumerate(gold):
            if gi in used or not date_agrees(p.date, g["date"]):
                continue
            if len(stems & gold_stems[gi]) >= 2:
                used.add(gi)
                tp += 1
                break
    ep, er, ef = prf(tp, len(pred), len(gold))
    pred_dates = {p.date for p in pred}
    gold_dates = {g["date"] for g in gold}
    dp = sum(any(date_agrees(p, g) for g in gold_dates) for p in pred_dates)
    dr = sum(any(date_agrees(p, g) for p in pred_dates) for g in gold_dates)
    precision = dp / len(pred_dates) if pred_dates else float(not gold_dates)
    recall = dr / len(gold_dates) if gold_dates else 1.0
    df = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"event_p": ep, "event_r": er, "event_f": ef, "date_f": df}


def dateparser_events(article: ParsedArticle) -> list[PredictedEvent]:
    """Baseline: dateparser's ``search_dates`` over each sentence, article date as base."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(article.date, dt.time())
    out: list[PredictedEvent] = []
    for sent in article.sentences:
        try:
            found = search_dates(sent.text, languages=["en"], settings={"RELATIVE_BASE": base})
        except Exception:  # dateparser raises on odd inputs; the baseline skips them
            found = None
        for _, when in found or ():
            out.append(PredictedEvent(when.date().isoformat(), sent.text))
    return out


# --- summary ----------------------------------------------------------------


# --- questions --------------------------------------------------------------


def well_formed(question: str, nlp: Language) -> bool:
    q = question.strip()
    if not q.endswith("?") or q.count("?") != 1 or not q[:1].isupper():
        return False
    words = q.split()
    if not 4 <= len(words) <= 40:
        return False
    first = words[0].lower().strip(",")
    if first not in _QUESTION_OPENERS:
        return False
    doc = nlp(q)
    if len(list(doc.sents)) != 1 or not any(t.pos_ in ("VERB", "AUX") for t in doc):
        return False
    second = words[1].lower() if len(words) > 1 else ""
    return second not in _PRONOUN_OPENERS or first in ("who", "what", "how", "why")


def score_questions(
    briefing: Briefing,
    gold: list[str],
    sentences: set[str],
    nlp: Language,
) -> dict[str, float]:
    preds = [content_stems(q.text) for q in briefing.questions]
    covered = 0
    for g in gold:
        gs = content_stems(g)
        if any(len(gs & p) >= 2 and len(gs & p) >= 0.35 * len(gs) for p in preds):
            covered += 1
    qs = briefing.questions
    return {
        "q_coverage": covered / len(gold) if gold else 1.0,
        "q_well_formed": (sum(well_formed(q.text, nlp) for q in qs) / len(qs)) if qs else 0.0,
        "q_evidence": (sum(q.evidence.text in sentences for q in qs) / len(qs)) if qs else 0.0,
        "q_count": float(len(qs)),
    }


# --- the run ----------------------------------------------------------------

#: The sections a gold file can declare (``"sections"``; all four when absent).
SECTIONS = ("actors", "events", "summary", "questions")
#: The measures each section gives, system and baseline.
SECTION_MEASURES = {
    "actors": (
        "actor_p",
        "actor_r",
        "actor_f",
        "key_at_10",
        "ner_held",
        "ner_held_org",
        "rep_gold",
    ),
    "events": ("event_p", "event_r", "event_f", "date_f"),
    "summary": ("rouge1", "rouge2", "rougeL", "summary_words"),
    "questions": ("q_coverage", "q_well_formed", "q_evidence", "q_count"),
}


@dataclass
class ArticleScores:
    name: str
    sections: tuple[str, ...] = SECTIONS
    system: dict[str, float] = field(default_factory=dict)
    baseline: dict[str, float] = field(default_factory=dict)
    #: The system again, with every fitted number chosen without this article.
    loo: dict[str, float] = field(default_factory=dict)


def gold_sections(gold: dict[str, Any], gold_path: Path) -> tuple[str, ...]:
    """The sections a gold file declares: only those are scored."""
    declared = gold.get("sections", SECTIONS)
    unknown = [x for x in declared if x not in SECTIONS]
    if unknown or not declared:
        raise BriefingsError(
            f'{gold_path}: "sections" must list some of {", ".join(SECTIONS)}, got {declared!r}'
        )
    return tuple(x for x in SECTIONS if x in declared)


def score_briefing(
    briefing: Briefing,
    article: ParsedArticle,
    gold: dict[str, Any],
    sections: Sequence[str],
    nlp: Language,
) -> dict[str, float]:
    """The system's measures of the declared sections."""
    out: dict[str, float] = {}
    if "actors" in sections:
        predicted = [PredictedActor(actor_names(a.name, a.aliases)) for a in briefing.actors]
        out.update(score_actors(predicted, gold["actors"]))
        keys = actor_keys(briefing.actors)
        out.update(ner_held(article, keys))
        out.update(rep_gold_held(article, gold["actors"], keys))
    if "events" in sections:
        predicted_events = [PredictedEvent(e.date, e.text) for e in briefing.events]
        out.update(score_events(predicted_events, gold["events"]))
    if "summary" in sections:
        summary = " ".join(s.text for s in briefing.summary)
        out.update(rouge(summary, gold["summary"]))
        out["summary_words"] = float(len(summary.split()))
    if "questions" in sections:
        sentences = {s.text for s in article.sentences}
        out.update(score_questions(briefing, gold.get("questions", []), sentences, nlp))
    return out


def score_baselines(
    article: ParsedArticle, gold: dict[str, Any], sections: Sequence[str]
) -> dict[str, float]:
    """The reference systems' measures of the declared sections, on the same parse."""
    out: dict[str, float] = {}
    if "actors" in sections:
        out.update(score_actors(raw_spacy_actors(article), gold["actors"]))
        # spaCy's entities as the actors: they hold every repeated entity by construction
        out.update(ner_held(article, entity_keys(article)))
        out.update(rep_gold_held(article, gold["actors"], entity_keys(article)))
    if "events" in sections:
        out.update(score_events(dateparser_events(article), gold["events"]))
    if "summary" in sections:
        lead3 = " ".join(s.text for s in article.sentences[:3])
        out.update(rouge(lead3, gold["summary"]))
    return out


@dataclass(frozen=True)
class Corpus:
    """A folder of articles and the folder of their gold files, under one name."""

    name: str
    articles: Path
    gold: Path


def read_corpus(corpus: Corpus, nlp: Language) -> list[PoolArticle]:
    """Every article of the corpus that has a gold file, parsed and extracted once."""
    items = []
    for article_path in sorted(Path(corpus.articles).glob("*.txt")):
        gold_path = Path(corpus.gold) / f"{article_path.stem}.json"
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        article = parse(read_seed(article_path), nlp)
        items.append(
            PoolArticle(article_path.stem, article, gold, gold_sections(gold, gold_path), ())
        )
    if not items:
        raise FileNotFoundError(f"no article in {corpus.articles} has a gold file in {corpus.gold}")
    return items


def run_corpora(
    corpora: Sequence[Corpus], settings: Settings = Settings(), loo: bool = True
) -> dict[str, Any]:
    """Score every corpus, plain and (with ``loo``) leave-one-out over their pool.

    The pool is every article of every corpus given: each held-out article is
    extracted with the salience weights and summary shape chosen on all the
    others (:mod:`briefings.quality.leave_one_out`), whichever corpus they come from.
    """
    from briefings.quality.leave_one_out import prepare

    nlp = load_model(settings.model)
    per_corpus = [read_corpus(c, nlp) for c in corpora]
    pool: list[PoolArticle] = []
    scores: list[list[ArticleScores]] = []
    for items in per_corpus:
        rows = []
        for item in items:
            briefing = briefing_from_parsed(item.article, settings)
            pool.append(replace(item, actors=briefing.actors))
            row = ArticleScores(item.name, item.sections)
            row.system = score_briefing(briefing, item.article, item.gold, item.sections, nlp)
            row.baseline = score_baselines(item.article, item.gold, item.sections)
            rows.append(row)
        scores.append(rows)
    fitted: dict[str, Any] = {}
    if loo and len(pool) > 1:
        refit = prepare(pool, settings.max_summary_sentences)
        k = 0
        for corpus, rows in zip(corpora, scores, strict=True):
            for row in rows:
                item = pool[k]
                chosen = refit.fitted_without(k)
                briefing = briefing_from_parsed(item.article, settings, chosen)
                row.loo = score_briefing(briefing, item.article, item.gold, item.sections, nlp)
                fitted[f"{corpus.name}/{row.name}"] = {
                    "salience_weights": dict(chosen.salience_weights),
                    "summary": {
                        "position_decay": chosen.summary.position_decay,
                        "target_words": chosen.summary.target_words,
                    },
                }
                k += 1
    return {
        "corpora": [
            _corpus_report(corpus, rows) for corpus, rows in zip(corpora, scores, strict=True)
        ],
        "loo": {"pool": len(pool), "fitted": fitted} if fitted else None,
        "model": settings.model,
    }


def _means(rows: Sequence[ArticleScores], attribute: str) -> dict[str, float]:
    """Mean of each measure over the articles that have it."""
    values: dict[str, list[float]] = {}
    for row in rows:
        for key, value in getattr(row, attribute).items():
            values.setdefault(key, []).append(value)
    return {key: fmean(v) for key, v in values.items()}


def _corpus_report(corpus: Corpus, rows: Sequence[ArticleScores]) -> dict[str, Any]:
    return {
        "name": corpus.name,
        "articles_dir": str(corpus.articles),
        "gold_dir": str(corpus.gold),
        "sections": [x for x in SECTIONS if any(x in r.sections for r in rows)],
        "articles": {
            r.name: {"sections": list(r.sections), "system": r.system, "baseline": r.baseline}
            | ({"loo": r.loo} if r.loo else {})
            for r in rows
        },
        "mean": _means(rows, "system"),
        "loo_mean": _means(rows, "loo"),
        "baseline_mean": _means(rows, "baseline"),
    }


def run_eval(articles_dir: Path, gold_dir: Path, settings: Settings = Settings()) -> dict[str, Any]:
    """Score every article of ``articles_dir`` that has a gold file in ``gold_dir`` (no LOO)."""
    corpus = Corpus(Path(articles_dir).name, Path(articles_dir), Path(gold_dir))
    report = run_corpora([corpus], settings, loo=False)
    return {**report["corpora"][0], "model": settings.model}


ARTICLE_COLUMNS = [
    ("actor_p", "act P"), ("actor_r", "act R"), ("actor_f", "act F1"), ("key_at_10", "key@10"),
    ("ner_held", "NER hld"), ("rep_gold", "rep gld"),
    ("event_p", "ev P"), ("event_r", "ev R"), ("event_f", "ev F1"), ("date_f", "date F1"),
    ("rouge1", "R-1"), ("rouge2", "R-2"), ("rougeL", "R-L"),
    ("q_coverage", "q cov"), ("q_well_formed", "q wf"), ("q_evidence", "q ev"),
]  # fmt: skip

#: (measure, baseline name, target) — the rows of the comparison table.
COMPARISON = [
    ("actor_p", "raw spaCy entities", None),
    ("actor_r", "raw spaCy entities", None),
    ("actor_f", "raw spaCy entities", 0.85),
    ("key_at_10", "raw spaCy entities", 0.95),
    ("ner_held", None, None),
    ("ner_held_org", None, None),
    ("rep_gold", "spaCy NER", "baseline"),
    ("event_p", "dateparser search_dates", 0.80),
    ("event_r", "dateparser search_dates", None),
    ("event_f", "dateparser search_dates", 0.75),
    ("date_f", "dateparser search_dates", 0.85),
    ("rouge1", "lead-3", "lead-3 + 0.04"),
    ("rouge2", "lead-3", "lead-3 + 0.04"),
    ("rougeL", "lead-3", None),
    ("q_coverage", None, 0.5),
    ("q_well_formed", None, 1.0),
    ("q_evidence", None, 1.0),
]


def _cell(values: dict[str, float], key: str, width: int = 7) -> str:
    return f"{values[key]:{width}.2f}" if key in values else " " * (width - 1) + "-"


def format_report(report: dict[str, Any]) -> str:
    """One corpus: the per-article table, the means (plain and, when computed,
    leave-one-out), and the side-by-side comparison with the baselines."""
    columns = [(k, label) for k, label in ARTICLE_COLUMNS if k in report["mean"]]
    loo = report.get("loo_mean") or {}
    width = max(len(n) for n in [*report["articles"], "mean, leave-one-out"]) + 1
    head = "article".ljust(width) + " ".join(f"{label:>7}" for _, label in columns)
    lines = [head, "-" * len(head)]
    for name, r in report["articles"].items():
        lines.append(name.ljust(width) + " ".join(_cell(r["system"], k) for k, _ in columns))
    lines.append("-" * len(head))
    lines.append("mean".ljust(width) + " ".join(_cell(report["mean"], k) for k, _ in columns))
    if loo:
        lines.append(
            "mean, leave-one-out".ljust(width) + " ".join(_cell(loo, k) for k, _ in columns)
        )
    lines += [
        "",
        f"{'measure':<15}{'system':>8}{'LOO':>8}{'baseline':>10}{'ratio':>8}  "
        f"{'target (system / LOO)':<28}baseline",
    ]
    for key, base_name, target in COMPARISON:
        if key not in report["mean"]:
            continue
        value = report["mean"][key]
        held = loo.get(key)
        base = report["baseline_mean"].get(key) if base_name else None
        ratio = f"{value / base:8.2f}" if base else " " * 8
        base_s = f"{base:10.3f}" if base is not None else " " * 10
        held_s = f"{held:8.3f}" if held is not None else " " * 7 + "-"
        goal = None
        if isinstance(target, float):
            goal = target
        elif target == "baseline" and base is not None:
            goal = base
        elif target and base is not None:
            goal = base + 0.04
        tgt = ""
        if goal is not None:
            tgt = f">= {goal:.3f} {_verdict(value, goal)}"
            if held is not None:
                tgt += f" / {_verdict(held, goal)}"
        lines.append(f"{key:<15}{value:8.3f}{held_s}{base_s}{ratio}  {tgt:<28}{base_name or ''}")
    return "\n".join(lines)


def _verdict(value: float, goal: float) -> str:
    return "met" if value >= goal - 1e-9 else "MISSED"


def format_corpora(report: dict[str, Any]) -> str:
    """Every corpus of a :func:`run_corpora` report, one after the other."""
    blocks = []
    loo = report.get("loo")
    for corpus in report["corpora"]:
        n = len(corpus["articles"])
        title = (
            f"== {corpus['name']} ({corpus['articles_dir']}): {n} article(s); "
            f"sections scored: {', '.join(corpus['sections'])}"
        )
        blocks.append(title + "\n" + format_report(corpus))
    if loo:
        blocks.append(
            f"LOO: each article extracted with salience weights and summary shape chosen on "
            f"the other {loo['pool'] - 1} article(s) of all corpora above."
        )
    else:
        blocks.append("LOO: not computed.")
    return "\n\n".join(blocks)
