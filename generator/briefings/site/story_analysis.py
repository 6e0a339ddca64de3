"""What a story's briefings say together: key dates, what's new, the fate of each question.

* **Key dates** follow Datewise (news timeline summarisation): a date matters as
  much as the number of articles that report something on it. Only days count
  (a month or a year is no point on a timeline); each date gets one sentence,
  that of the event most briefings report, and cites every briefing that
  reports anything on it; identical events are listed once.
* **What's new** is what the latest briefing reports that no earlier one did:
  events on a date with other words, actors no earlier briefing names, summary
  sentences whose words no earlier sentence holds.
* **Questions**: a question is *answered* when a later briefing states its
  outcome (a statement, not a forecast, holding most of the question's words),
  *overtaken* when its expected date has passed in the story with no answer,
  else *open*. "Passed" is measured against the story's newest briefing, not
  the clock, so the same seeds always give the same statuses.

Works on :class:`~briefings.model.Briefing` values alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefings.model import Actor, Briefing, Event, Question, Sentence
from briefings.site.actors import descriptive, identifying_names
from briefings.site.stories import Story, term_counts
from briefings.site.timeline import content_words, merge_timeline, same_event

#: Share of a question's content words a later statement must hold to answer it.
ANSWER_SHARE = 0.5
#: Share of a summary sentence's words earlier sentences may hold for it still to be new.
NEW_STATEMENT_SHARE = 0.5
#: Words that make a sentence a forecast, a condition or a question, never an outcome.
_NOT_AN_OUTCOME = frozenset(
    [
        "will",
        "would",
        "could",
        "may",
        "might",
        "should",
        "shall",
        "expected",
        "expects",
        "plans",
        "planned",
        "whether",
        "if",
        "unless",
        "likely",
        "unlikely",
    ]
)
_WORD = re.compile(r"[^\W_]+")
#: "…, as the union said?": the attribution a generated question ends with.
_ATTRIBUTION = re.compile(r",\s+as\s+[^,?]+\?$")


@dataclass(frozen=True)
class DatedReport:
    """One briefing's report of a date: the briefing and the sentence it is in."""

    briefing: Briefing
    sentence: int


@dataclass(frozen=True)
class KeyDate:
    """A day many briefings report, with one sentence and every briefing that reports it."""

    date: str
    #: How many briefings report an event on this day.
    weight: int
    text: str
    expected: bool
    reports: tuple[DatedReport, ...]


def key_dates(briefings: list[Briefing], top: int | None = None) -> list[KeyDate]:
    """Days by how many briefings report them (heaviest first; ties: more events, earlier)."""
    by_date = defaultdict(list)
    for item in merge_timeline(briefings):
        if len(item.date) == 10:
            by_date[item.date].append(item)
    ranked = []
    for date, items in by_date.items():
        reports: dict[str, DatedReport] = {}
        for item in items:
            for b, e in item.sources:
                if b.id not in reports or e.evidence.sentence < reports[b.id].sentence:
                    reports[b.id] = DatedReport(b, e.evidence.sentence)
        lead = max(
            items,
            key=lambda it: (
                len({b.id for b, _ in it.sources}),
                not all(e.expected for _, e in it.sources),
                -len(it.text),
            ),
        )
        # The sentence that reports it done, before one that expects it.
        first = min(lead.sources, key=lambda be: (be[1].expected, be[0].date, be[0].id))
        ordered = sorted(reports.values(), key=lambda r: (r.briefing.date, r.briefing.id))
        events = sum(len(it.sources) for it in items)
        ranked.append(
            (
                (-len(reports), -events, date),
                KeyDate(
                    date=date,
                    weight=len(reports),
                    text=first[1].evidence.text,
                    expected=all(e.expected for it in items for _, e in it.sources),
                    reports=tuple(ordered),
                ),
            )
        )
    ranked.sort(key=lambda kv: kv[0])
    dates = [kd for _, kd in ranked]
    return dates if top is None else dates[:top]


@dataclass(frozen=True)
class WhatsNew:
    """What the latest briefing adds to the earlier ones."""

    briefing: Briefing
    events: tuple[Event, ...]
    actors: tuple[Actor, ...]
    statements: tuple[tuple[str, int], ...]


def _names(actor: Actor) -> set[str]:
    return identifying_names(actor)


def whats_new(story: Story) -> WhatsNew:
    latest, earlier = story.latest, story.briefings[:-1]
    old_events = [e for b in earlier for e in b.events]
    events = tuple(e for e in latest.events if not any(same_event(e, o) for o in old_events))
    old_names = set().union(*(_names(a) for b in earlier for a in b.actors))
    actors = tuple(
        a for a in latest.actors if not descriptive(a) and _names(a) and not (_names(a) & old_names)
    )
    old_sentences = [content_words(s.text) for b in earlier for s in b.sentences]
    statements = []
    told = {e.evidence.sentence for e in events}
    for s in latest.summary:
        if s.sentence in told:
            continue
        words = content_words(s.text)
        if not words:
            continue
        held = max((len(words & o) for o in old_sentences), default=0)
        if held < NEW_STATEMENT_SHARE * len(words):
            statements.append((s.text, s.sentence))
    return WhatsNew(latest, events, actors, tuple(statements))


@dataclass(frozen=True)
class StoryQuestion:
    """A question raised in the story, once however many briefings raise it."""

    text: str
    status: str
    raised: tuple[tuple[Briefing, Question], ...]
    #: The date the question waits for, when its sentence states one (``YYYY-MM-DD`` …).
    expected: str | None
    #: The later briefing and sentence that state the outcome (status "answered").
    answer: tuple[Briefing, Sentence] | None = None


def _question_words(text: str) -> frozenset[str]:
    return content_words(_ATTRIBUTION.sub("?", text))


def _is_outcome(sentence: Sentence) -> bool:
    words = {w.lower() for w in _WORD.findall(sentence.text)}
    return not sentence.text.rstrip().endswith("?") and not (words & _NOT_AN_OUTCOME)


def _expected_date(briefing: Briefing, question: Question) -> str | None:
    dates = [
        e.date
        for e in briefing.events
        if e.expected and e.evidence.sentence == question.evidence.sentence
    ]
    return min(dates) if dates else None


def _passed(expected: str, today: str) -> bool:
    """Whether a day, month or year is over on ``today`` (a ``YYYY-MM-DD`` date)."""
    return today[: len(expected)] > expected


def _answer(
    words: frozenset[str], after: str, not_before: str, briefings: tuple[Briefing, ...]
) -> tuple[Briefing, Sentence] | None:
    """The first statement holding most of the question's words, published after the
    question was raised and not before the day it waits for."""
    need = max(2, ANSWER_SHARE * len(words))
    best: tuple[tuple, tuple[Briefing, Sentence]] | None = None
    for b in briefings:
        if b.date <= after or b.date[: len(not_before)] < not_before:
            continue
        for s in b.sentences:
            shared = len(words & content_words(s.text))
            if shared >= need and _is_outcome(s):
                rank = (b.date, -shared, b.id, s.index)
                if best is None or rank < best[0]:
                    best = (rank, (b, s))
    return best[1] if best else None


def story_questions(story: Story) -> list[StoryQuestion]:
    """Every question of the story's briefings, the same question once, in the order raised."""
    groups: list[tuple[frozenset[str], list[tuple[Briefing, Question]]]] = []
    for b in story.briefings:
        for q in b.questions:
            words = _question_words(q.text)
            for seen, raised in groups:
                if words and len(words & seen) >= 0.8 * max(len(words), len(seen)):
                    raised.append((b, q))
                    break
            else:
                groups.append((words, [(b, q)]))
    out = []
    last = story.last_date
    for words, raised in groups:
        first_b, first_q = raised[0]
        expected = _expected_date(first_b, first_q)
        after = max(b.date for b, _ in raised)
        answer = _answer(words, after, expected or "", story.briefings) if words else None
        if answer is not None:
            status = "answered"
        elif expected and _passed(expected, last):
            status = "overtaken"
        else:
            status = "open"
        out.append(StoryQuestion(first_q.text, status, tuple(raised), expected, answer))
    return out


def central_briefing(story: Story) -> Briefing:
    """The briefing most like the others (summed cosine of term counts).

    Its title heads the story: a real headline that fits every briefing best.
    """

    def norm(c: Counter[str]) -> float:
        return sum(v * v for v in c.values()) ** 0.5 or 1.0

    counts = [term_counts(b) for b in story.briefings]
    norms = [norm(c) for c in counts]

    def closeness(i: int) -> float:
        return sum(
            sum(v * counts[j].get(t, 0) for t, v in counts[i].items()) / (norms[i] * norms[j])
            for j in range(len(counts))
            if j != i
        )

    best = max(range(len(counts)), key=lambda i: (round(closeness(i), 9), -i))
    return story.briefings[best]
