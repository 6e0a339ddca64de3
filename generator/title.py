"""Headline of a briefing."""

from __future__ import annotations

from .model import Actor
from .nlp import ParsedArticle


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
