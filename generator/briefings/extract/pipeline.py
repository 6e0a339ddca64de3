"""The extraction pipeline: seed → one spaCy pass → stages → :class:`Briefing`.

Every stage is a pure function of the parsed article (and of the actors, which
the summary, title and questions weigh by). :func:`extract` is the one place
that wires them together; a stage that raises costs its own section, never the
briefing (:func:`guarded`).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from briefings.errors import printable
from briefings.extract.actors.key_actors import MAX_ACTORS, extract_actors
from briefings.extract.actors.salience import SALIENCE_WEIGHTS
from briefings.extract.contracts import check
from briefings.extract.questions.questions import extract_questions
from briefings.extract.summary import (
    DEFAULT_SHAPE,
    SummaryShape,
    bottom_line_of,
    extract_summary,
)
from briefings.extract.timeline import extract_events
from briefings.extract.title import make_title
from briefings.model import Actor, Briefing, Event, Question, Source, SummarySentence
from briefings.nlp.parse import DEFAULT_MODEL, ParsedArticle, load_model, parse
from briefings.nlp.referents import person_antecedents, persons_named

if TYPE_CHECKING:
    from spacy.language import Language

    from briefings.ingest.seeds import Seed

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """Settings that change what extraction produces (all part of the cache key)."""

    model: str = DEFAULT_MODEL
    max_actors: int = MAX_ACTORS
    max_summary_sentences: int = 4
    max_questions: int = 7

    def key(self) -> str:
        return (
            f"model={self.model};actors={self.max_actors};"
            f"summary={self.max_summary_sentences};questions={self.max_questions}"
        )


@dataclass(frozen=True)
class Fitted:
    """The numbers of the method chosen on the evaluation corpora, not settings:
    the salience weights of the actors and the summary's shape."""

    salience_weights: Mapping[str, float] = field(default_factory=lambda: SALIENCE_WEIGHTS)
    summary: SummaryShape = DEFAULT_SHAPE


def briefing_from_parsed(
    article: ParsedArticle,
    settings: Settings = Settings(),
    fitted: Fitted = Fitted(),
) -> Briefing:
    """Run every extraction stage over one parsed article.

    ``fitted`` are the numbers chosen on the evaluation corpora; the product
    always uses the shipped ones, the leave-one-out evaluation others.

    A stage that raises loses its own section only: the briefing is built
    without it and carries a warning naming the stage and the error (see
    :func:`guarded`), which the build reports with the file, so a strict build
    fails on it as on any warning, and the other sections and pages stay.
    """
    seed = article.seed
    failures: list[str] = []

    def stage(name: str, run: Callable[[], T], instead: T) -> T:
        # each result is held to its stage's contract (see extract/contracts.py)
        return guarded(name, lambda: check(name, run(), article), instead, failures)

    actors: tuple[Actor, ...] = stage(
        "actors", lambda: extract_actors(article, settings.max_actors, fitted.salience_weights), ()
    )
    events: tuple[Event, ...] = stage(
        "timeline",
        lambda: extract_events(article, person_antecedents(persons_named(article, actors))),
        (),
    )
    summary: tuple[SummarySentence, ...] = stage(
        "summary",
        lambda: extract_summary(
            article, actors, max_sentences=settings.max_summary_sentences, shape=fitted.summary
        ),
        (),
    )
    questions: tuple[Question, ...] = stage(
        "questions", lambda: extract_questions(article, actors, limit=settings.max_questions), ()
    )
    title = stage(
        "title", lambda: make_title(article, actors), seed.title or f"Briefing of {seed.date}"
    )
    line = stage("bottom line", lambda: bottom_line_of(article, actors, fitted.summary), None)
    return Briefing(
        id=seed.slug,
        date=seed.date.isoformat(),
        title=title,
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
        bottom_line=line[0] if line else None,
        bottom_line_sentence=line[1] if line else None,
        sentences=article.sentences,
        warnings=(*seed.warnings, *failures),
    )


def guarded(stage: str, run: Callable[[], T], instead: T, failures: list[str]) -> T:
    """``run()``, or ``instead`` with a line in ``failures`` when it raises.

    Any exception: a stage that fails on some article is a bug to report, but
    it must not lose the article's other sections (nor, in a build, the other
    seeds). The line names the stage, the error and where it was raised.
    """
    try:
        return run()
    except Exception as exc:  # any bug of a stage: reported, never fatal
        failures.append(stage_failure(stage, exc))
        return instead


def stage_failure(stage: str, exc: BaseException) -> str:
    """The warning for a failed stage: ``the timeline stage failed (ValueError: … at
    temporal.py:455 in reference); the briefing is built without it``."""
    message = printable(" ".join(str(exc).split()))
    error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _in_package(f.filename)]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name}"
    return (
        f"the {stage} stage failed ({error}{where if frames else ''}); "
        "the briefing is built without it"
    )


def _in_package(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(_PACKAGE)


_PACKAGE = Path(__file__).resolve().parents[1]


def extract(seed: Seed, nlp: Language | None = None, settings: Settings = Settings()) -> Briefing:
    """Seed in, briefing out: the whole pipeline for one article."""
    nlp = nlp or load_model(settings.model)
    return briefing_from_parsed(parse(seed, nlp), settings)
