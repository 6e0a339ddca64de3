"""The extraction pipeline: seed → one spaCy pass → stages → :class:`Briefing`.

Every stage is a pure function of the parsed article (and of the actors, which
the summary, title and questions weigh by). :func:`extract` is the one place
that wires them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .actors import extract_actors
from .model import Briefing, Source
from .nlp import DEFAULT_MODEL, ParsedArticle, load_model, parse
from .questions import extract_questions
from .summary import bottom_line, extract_summary
from .timeline import extract_events
from .title import make_title

if TYPE_CHECKING:
    from spacy.language import Language

    from .seeds import Seed


@dataclass(frozen=True)
class Settings:
    """Settings that change what extraction produces (all part of the cache key)."""

    model: str = DEFAULT_MODEL
    #: A guard, not the usual length: the actor stage drops noise itself, and an
    #: election report can name sixty people who all matter.
    max_actors: int = 60
    max_summary_sentences: int = 4
    max_questions: int = 7

    def key(self) -> str:
        return (
            f"model={self.model};actors={self.max_actors};"
            f"summary={self.max_summary_sentences};questions={self.max_questions}"
        )


def briefing_from_parsed(article: ParsedArticle, settings: Settings = Settings()) -> Briefing:
    """Run every extraction stage over one parsed article."""
    seed = article.seed
    actors = extract_actors(article, limit=settings.max_actors)
    events = extract_events(article)
    summary = extract_summary(article, actors, max_sentences=settings.max_summary_sentences)
    questions = extract_questions(article, actors, limit=settings.max_questions)
    return Briefing(
        id=seed.slug,
        date=seed.date.isoformat(),
        title=make_title(article, actors),
        summary=summary,
        actors=actors,
        events=events,
        questions=questions,
        source=Source(
            path=seed.path.as_posix(),
            sha256=seed.sha256,
            words=seed.words,
            name=seed.source,
            url=seed.url,
        ),
        bottom_line=bottom_line(article, actors),
        sentences=article.sentences,
        warnings=seed.warnings,
    )


def extract(seed: Seed, nlp: Language | None = None, settings: Settings = Settings()) -> Briefing:
    """Seed in, briefing out: the whole pipeline for one article."""
    nlp = nlp or load_model(settings.model)
    return briefing_from_parsed(parse(seed, nlp), settings)
