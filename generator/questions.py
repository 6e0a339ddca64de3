"""Open questions: what a reader should watch, each grounded in one sentence.

A sentence qualifies when it states something uncertain, planned, conditional,
hedged or awaited. The statement is turned into a yes/no question by moving its
modal or auxiliary in front of the subject; sentences that cannot be turned
cleanly are asked about with "Will ... ?" on their main clause.
"""

from __future__ import annotations

import re

from .model import Actor, Evidence, Question
from .nlp import ParsedArticle

_CUES = re.compile(
    r"\b(unlikely|likely|could|would|might|may|if|plans? to|expected to|remains? unclear|"
    r"uncertain|whether|possible|proposal|proposed|doubts?|skeptical|sceptical|"
    r"will|shall|deadline|pending|awaits?|awaited)\b",
    re.IGNORECASE,
)
_MODALS = {"will", "would", "could", "can", "may", "might", "should", "shall", "must"}
_PRONOUN_START = re.compile(r"^(?:he|she|it|they|this|that|these|those|his|her|their)\b", re.I)


def _question_from(sent) -> str | None:
    """Invert the main clause of ``sent`` into a yes/no question."""
    root = sent.root
    subj = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    aux = [t for t in root.children if t.dep_ in ("aux", "auxpass") and t.i < root.i]
    if not subj or not aux:
        return None
    subj_tokens = list(subj[0].subtree)
    subj_text = sent.doc[subj_tokens[0].i : subj_tokens[-1].i + 1].text
    if _PRONOUN_START.match(subj_text):
        return None
    first_aux = aux[0]
    rest_start = first_aux.i + 1
    rest = sent.doc[rest_start : sent.end].text.strip().rstrip(".!;:")
    if not rest:
        return None
    aux_word = first_aux.text.lower()
    if aux_word not in _MODALS and aux_word not in ("is", "are", "was", "were", "has", "have"):
        return None
    subj_text = subj_text[0].upper() + subj_text[1:] if subj_text[0].isupper() else subj_text
    q = f"{aux_word.capitalize()} {subj_text} {rest}?"
    return re.sub(r"\s+", " ", q)


def extract_questions(
    article: ParsedArticle, actors: tuple[Actor, ...], limit: int = 7
) -> tuple[Question, ...]:
    names = {alias for a in actors[:10] for alias in a.aliases}
    candidates: list[tuple[float, int, str]] = []
    for n, sent in enumerate(article.sents, start=1):
        text = sent.text.strip()
        if not _CUES.search(text) or text.endswith("?"):
            continue
        q = _question_from(sent)
        if q is None:
            continue
        score = sum(1 for name in names if name in text) + 0.5 * len(_CUES.findall(text))
        if len(q.split()) > 30:
            score -= 1
        candidates.append((score, n, q))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    seen: set[str] = set()
    out: list[Question] = []
    for _, n, q in candidates:
        key = q.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(Question(text=q, evidence=Evidence(n, article.sentences[n - 1].text)))
        if len(out) == limit:
            break
    return tuple(out)
