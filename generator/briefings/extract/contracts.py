"""What each extraction stage promises, declared once and checked on every article.

spaCy's components declare what they require and assign; a stage here declares
what it reads (the parse, the actors, the pronoun referents) and what its
result promises the pages. :func:`check` holds a result to those promises
before it enters a briefing, so a stage that breaks one (a rule edited
carelessly, an article nobody foresaw) fails like a stage that raises: its
section is left out with a warning naming the stage and the broken promise,
never a page that cites a sentence the article does not have.

The promises every section shares: evidence is a sentence of this article,
quoted exactly (``Evidence.text`` is that sentence's text); text shown to a
reader is non-empty and on one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, get_args

from briefings.model import (
    Actor,
    ActorType,
    Event,
    Evidence,
    Question,
    Sentence,
    SummarySentence,
)

if TYPE_CHECKING:
    from briefings.nlp.parse import ParsedArticle


R = TypeVar("R")


class ContractError(ValueError):
    """A stage returned something it promises never to return (a bug of that stage)."""


@dataclass(frozen=True)
class Contract:
    """One stage's declaration: what it reads, what it returns, what it promises."""

    stage: str
    #: What the stage reads besides the parse, each produced by an earlier stage.
    reads: tuple[str, ...]
    #: The name its result goes by in the briefing (what later stages may read).
    assigns: str
    #: The promises, as a checker returning the broken ones (empty: all kept).
    promises: Callable[[object, Sequence[Sentence]], list[str]]


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _evidence(e: Evidence, sentences: Sequence[Sentence], what: str) -> list[str]:
    if not 1 <= e.sentence <= len(sentences):
        return [f"{what} cites sentence {e.sentence}, which the article does not have"]
    if sentences[e.sentence - 1].text != e.text:
        return [f"{what} quotes sentence {e.sentence} other than the article states it"]
    return []


def _shown(text: object, what: str) -> list[str]:
    if not isinstance(text, str) or not text.strip():
        return [f"{what} is empty"]
    if "\n" in text:
        return [f"{what} spans lines"]
    return []


def _actors(result: object, sentences: Sequence[Sentence]) -> list[str]:
    broken: list[str] = []
    names: set[str] = set()
    for a in _items(result, Actor, broken):
        broken += _shown(a.name, "an actor's name")
        if a.name in names:
            broken.append(f"the actor {a.name!r} is listed twice")
        names.add(a.name)
        if a.type not in get_args(ActorType):
            broken.append(f"the actor {a.name!r} has no known type ({a.type!r})")
        for e in a.evidence:
            broken += _evidence(e, sentences, f"the actor {a.name!r}")
    return broken


def _events(result: object, sentences: Sequence[Sentence]) -> list[str]:
    broken: list[str] = []
    events = _items(result, Event, broken)
    for ev in events:
        broken += _shown(ev.text, "an event")
        if not _ISO.fullmatch(ev.date) or (ev.end is not None and not _ISO.fullmatch(ev.end)):
            broken.append(f"the event {ev.text!r} has a date that is not ISO 8601 ({ev.date})")
        for e in (ev.evidence, *ev.more_evidence):
            broken += _evidence(e, sentences, f"the event {ev.text!r}")
    if [ev.date for ev in events] != sorted(ev.date for ev in events):
        broken.append("the events are not in date order")
    return broken


def _summary(result: object, sentences: Sequence[Sentence]) -> list[str]:
    broken: list[str] = []
    numbers = [s.sentence for s in _items(result, SummarySentence, broken)]
    for n in numbers:
        if not 1 <= n <= len(sentences):
            broken.append(f"the summary cites sentence {n}, which the article does not have")
    if numbers != sorted(set(numbers)):
        broken.append("the summary's sentences are not in article order, once each")
    return broken


def _questions(result: object, sentences: Sequence[Sentence]) -> list[str]:
    broken: list[str] = []
    seen: set[str] = set()
    for q in _items(result, Question, broken):
        broken += _shown(q.text, "a question")
        if not q.text.endswith("?"):
            broken.append(f"the question {q.text!r} does not end with a question mark")
        if q.text in seen:
            broken.append(f"the question {q.text!r} is asked twice")
        seen.add(q.text)
        broken += _evidence(q.evidence, sentences, f"the question {q.text!r}")
    return broken


def _title(result: object, sentences: Sequence[Sentence]) -> list[str]:
    return _shown(result, "the title")


def _bottom_line(result: object, sentences: Sequence[Sentence]) -> list[str]:
    if result is None:
        return []
    if not isinstance(result, tuple) or len(result) != 2:
        return ["the bottom line is not a (text, sentence) pair"]
    text, number = result
    broken = _shown(text, "the bottom line")
    if not isinstance(number, int) or not 1 <= number <= len(sentences):
        broken.append(f"the bottom line cites sentence {number}, which the article does not have")
    return broken


def _items(result: object, kind: type, broken: list[str]) -> list:
    if not isinstance(result, tuple):
        broken.append(f"the result is a {type(result).__name__}, not a tuple")
        return []
    wrong = [x for x in result if not isinstance(x, kind)]
    if wrong:
        broken.append(f"the result holds a {type(wrong[0]).__name__}, not only {kind.__name__}")
    return [x for x in result if isinstance(x, kind)]


#: Every stage in the order the pipeline runs them; each reads only what an
#: earlier one assigns (checked by :func:`check_order`).
CONTRACTS: tuple[Contract, ...] = (
    Contract("actors", (), "actors", _actors),
    Contract("timeline", ("actors", "referents"), "events", _events),
    Contract("summary", ("actors",), "summary", _summary),
    Contract("questions", ("actors",), "questions", _questions),
    Contract("title", ("actors",), "title", _title),
    Contract("bottom line", ("actors",), "bottom_line", _bottom_line),
)
BY_STAGE = {c.stage: c for c in CONTRACTS}
#: What the pipeline derives between stages, not a stage's section.
DERIVED = {"referents": ("actors",)}


def check_order(contracts: Sequence[Contract] = CONTRACTS) -> None:
    """Raise :class:`ContractError` unless every stage reads only what comes before it."""
    available: set[str] = set()
    for c in contracts:
        missing = [r for r in c.reads if r not in available]
        if missing:
            raise ContractError(f"the {c.stage} stage reads {missing} before anything assigns it")
        available.add(c.assigns)
        available.update(d for d, needs in DERIVED.items() if set(needs) <= available)


def check(stage: str, result: R, article: ParsedArticle) -> R:
    """``result`` as it is, or :class:`ContractError` naming the first broken promise."""
    broken = BY_STAGE[stage].promises(result, article.sentences)
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise ContractError(f"{broken[0]}{more}")
    return result


check_order()
