"""Summary, bottom line and title: extractive, deterministic.

Sentences are scored by position, centrality (word overlap with the rest of the
article) and the salience of the actors they name, then picked greedily with a
redundancy penalty and shown in article order.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Actor, SummarySentence
from .nlp import ParsedArticle

DANGLING = re.compile(
    r"^(?:however|but|and|also|still|yet|meanwhile|moreover|furthermore|this|that|these|"
    r"those|it|he|she|they|his|her|their|its|such|so|thus|then)\b",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(r"^(?:however|moreover|meanwhile|furthermore|still|also),\s+", re.I)


def _content_words(span) -> set[str]:
    return {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and len(t) > 2}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def repair(text: str) -> str:
    """Drop an opening connective ("However, ...") and re-capitalise."""
    fixed = _CONNECTIVE.sub("", text)
    return fixed[:1].upper() + fixed[1:] if fixed != text else text


def extract_summary(
    article: ParsedArticle, actors: tuple[Actor, ...], max_sentences: int = 4, max_words: int = 120
) -> tuple[SummarySentence, ...]:
    sents = article.sents
    if not sents:
        return ()
    words = [_content_words(s) for s in sents]
    freq = Counter(w for ws in words for w in ws)
    actor_weight: dict[str, float] = {}
    for a in actors:
        for alias in a.aliases:
            actor_weight[alias] = max(actor_weight.get(alias, 0.0), a.salience)
    top = max(actor_weight.values(), default=1.0) or 1.0
    n = len(sents)
    scores = []
    for i, s in enumerate(sents):
        ws = words[i]
        centrality = sum(freq[w] - 1 for w in ws) / (len(ws) + 5)
        position = 1.0 - i / n
        names = sum(actor_weight.get(alias, 0) for alias in actor_weight if alias in s.text) / top
        length = len(s)
        penalty = 0.5 if length < 8 or length > 60 else 0.0
        dangling = 0.6 if DANGLING.match(s.text.strip()) else 0.0
        scores.append(
            0.8 * position + 0.35 * centrality + 0.25 * min(names, 3) - penalty - dangling
        )
    chosen: list[int] = []
    total = 0
    while len(chosen) < max_sentences:
        best, best_val = None, -1e9
        for i in range(n):
            if i in chosen:
                continue
            redundancy = max((_jaccard(words[i], words[j]) for j in chosen), default=0.0)
            val = scores[i] - 1.5 * redundancy
            if val > best_val:
                best, best_val = i, val
        if best is None:
            break
        wc = len(sents[best].text.split())
        if chosen and total + wc > max_words:
            if len(chosen) >= 3:
                break
            scores[best] = -1e9
            if all(scores[i] <= -1e9 for i in range(n) if i not in chosen):
                break
            continue
        chosen.append(best)
        total += wc
    return tuple(
        SummarySentence(text=repair(article.sentences[i].text), sentence=i + 1)
        for i in sorted(chosen)
    )


def bottom_line(summary: tuple[SummarySentence, ...]) -> str | None:
    """The single most informative summary sentence (the first, for now)."""
    return summary[0].text if summary else None


def make_title(article: ParsedArticle, actors: tuple[Actor, ...], max_words: int = 12) -> str:
    """A short headline: the header's title if given, else main actors and main event."""
    if article.seed.title:
        return article.seed.title
    people = [a for a in actors if a.type in ("person", "organization")][:2]
    names = [a.name.split()[-1] if a.type == "person" else a.name for a in people]
    lead = article.sents[0] if article.sents else None
    event = ""
    if lead is not None:
        root = lead.root
        obj = [t for t in root.children if t.dep_ in ("dobj", "xcomp", "ccomp", "prep")]
        phrase = [root] + [t for c in obj[:1] for t in c.subtree]
        phrase.sort(key=lambda t: t.i)
        event = " ".join(t.text for t in phrase[: max_words - 3])
    head = "–".join(names) if names else ""
    title = (
        f"{head}: {event}"
        if head and event
        else head or event or f"Briefing of {article.date.isoformat()}"
    )
    words = title.split()
    if len(words) > max_words:
        title = " ".join(words[:max_words])
    return title[:1].upper() + title[1:]
