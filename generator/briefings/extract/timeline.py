"""Timeline: the dated events of one article.

A pure function of the parsed article. :mod:`briefings.extract.temporal.expressions` finds and
resolves the temporal expressions; this module turns each resolved expression
into an event: the clause it dates, compressed to one line that keeps who did
what (subject, predicate, objects; relative clauses, appositions, asides and
other clauses pruned), with its evidence sentence.

An expression makes no event when its clause is hypothetical ("would have been
possible seventeen years ago", "if the dispute lasted into April"), when it
only bounds a past event ("applied before last summer"), when it names a period
rather than a point ("from 2004 to 2009"), or when "today" means "nowadays" (a
state verb in the simple present). Two expressions dating one clause give one
event; two mentions of the same event on the same date are merged; distinct
events on the same day stay apart. Events stated in the future or as a plan,
and not yet past at publication, are ``expected``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefings.extract.event_clause import (
    STATIVE_VERBS,
    _elaboration,
    _event_tokens,
    _inside,
    _keeps,
    _render,
    _when_clause,
)
from briefings.extract.temporal.expressions import article_timexes
from briefings.extract.temporal.rules import Timex
from briefings.extract.timeline_agents import agentless_nominal, names_no_one
from briefings.model import Event, Evidence
from briefings.nlp.syntax import (
    NOMINAL_SUBJECTS,
    SUBJECT_SLOTS,
    attachment,
    is_hypothetical,
    is_modal,
    is_verbal,
    predicate_of,
    tense_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from briefings.nlp.parse import ParsedArticle


@dataclass(frozen=True)
class _Found:
    """An event with what merging and ordering need."""

    event: Event
    position: int
    predicate: str
    words: frozenset[str]
    rank: int


def extract_events(
    article: ParsedArticle, referents: Sequence[str | None] = ()
) -> tuple[Event, ...]:
    """Dated events of the article, sorted by date then by position in the text.

    ``referents`` gives, per sentence, whom a "he" or "she" in it refers to when
    that is unambiguous (:func:`briefings.extract.summary.person_antecedents`): an event
    told of "he" names the person, or is left out (it would not stand alone).
    """
    found: list[_Found] = []
    for timex in article_timexes(article):
        event = _event(article, timex, referents)
        if event is not None:
            found.append(event)
    return tuple(f.event for f in _merge(found))


# --- one expression → one event -------------------------------------------------------


def _event(
    article: ParsedArticle, timex: Timex, referents: Sequence[str | None] = ()
) -> _Found | None:
    """The event one expression dates, or None when it dates none."""
    iv = timex.interval
    value = timex.value
    if iv is None or value is None or timex.is_period:
        return None
    span = timex.span
    att = attachment(span)
    pred = predicate_of(att)
    if is_hypothetical(pred):
        return None
    own_tense = tense_of(pred)
    while _infinitive_of(pred):
        pred = pred.head  # "had been denied visas to enter ... until last week"
    tense = tense_of(pred)
    prep = _preposition(span)
    planned = own_tense == "future" or tense == "future" or prep == "for" or is_modal(pred)
    if prep == "before" and tense in ("past", "present"):
        return None  # "applied before last summer": a bound, not the event's date
    if prep == "since" and (not is_verbal(att) or _superlative(pred)):
        return None  # "its worst result since 2008", "the first talks since 2019": a measure
    if timex.rule == "decade" and (prep not in ("in", "during") or not is_verbal(att)):
        return None  # decades date events only as "in the 1990s, X happened"
    if generic_today(timex, pred) or _state_of_subject(span, pred):
        return None
    sentence = article.sentence_number(span.start)
    evidence = Evidence(sentence, article.sentences[sentence - 1].text)
    more: tuple[Evidence, ...] = ()
    when = _when_clause(span)
    elaboration = _elaboration(article, span, pred)
    if when is not None and _empty_clause(pred):
        head, tokens = _clause_head(when), when
    elif elaboration is not None:
        # The event is told by the next sentence, the date by this one: the evidence is
        # the sentence that states the claim, and the one that dates it comes with it.
        head, tokens, n = elaboration
        more = (evidence,)
        evidence = Evidence(n, article.sentences[n - 1].text)
    else:
        if agentless_nominal(att, pred):
            return None  # "A two-hour telephone call ... on May 19 had raised hopes": who called?
        head, tokens = _event_tokens(span, att, pred, timex.anchor_span)
        if not is_verbal(pred) and names_no_one(tokens, span):
            return None  # "The meeting on Monday.": a fragment that names no one
        if when is not None:
            # "The talks failed in February, when Estovia walked out": one event, both clauses.
            tokens = sorted(set(tokens) | set(when) | {span.doc[when[0].i - 1]}, key=lambda t: t.i)
    if _subject_lost(head, tokens) or any(t.lower_ in _FIRST_PERSON for t in tokens):
        return None
    referent = referents[sentence - 1] if len(referents) >= sentence else None
    text = standing_alone(_render(tokens, span), tokens, referent)
    if text is None or len(text.split()) < 3:
        return None
    pub = article.date.isoformat()
    event = Event(
        date=value,
        approximate=iv.approximate,
        text=text,
        evidence=evidence,
        expected=planned and value >= pub[: len(value)],
        timex=_expression(timex),
        end=timex.until.iso() if timex.until else None,
        precision="decade" if iv.decade else iv.precision,
        more_evidence=more,
    )
    words = frozenset(
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in ("NOUN", "VERB", "PROPN", "NUM") and not t.is_stop and not _inside(t, span)
    )
    rank = {"absolute": 0, "publication": 1, "reference": 2, "event": 3}[timex.anchor]
    position = min(t.i for t in tokens) if more else span.start
    return _Found(event, position, head.lemma_.lower(), words, rank + 2 * int(iv.approximate))


#: Words an event's text cannot open with and stand alone (closed class): a relative
#: pronoun whose noun is elsewhere ("Which the Home Office today rejects") or an
#: infinitive marker with no subject ("To start next spring").
_DEPENDENT_OPENERS = frozenset({"which", "who", "whom", "whose", "that", "to"})
#: The writer's own voice (closed class): "I visited the festival on Saturday night".
_WRITER = frozenset({"i", "we"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
#: A speaker's own voice anywhere in the event ("someone emailed me earlier today"):
#: quoted words, whose dates are the speaker's, not an event of the story.
_FIRST_PERSON = frozenset({"i", "me", "we", "us", "my", "our"})
#: Tags of a finite verb: its clause needs a subject to say who did it.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _subject_lost(head: Token, tokens: list[Token]) -> bool:
    """A finite clause with no subject among its words ("Collapsed on 7 March").

    The parser sometimes hangs the subject elsewhere ("pay talks collapsed" read
    with "pay" as the verb); the event would not say who or what, so it is left
    out. A verb coordinated with an earlier one shares its subject and is kept.
    """
    finite = head.tag_ in _FINITE or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in (*_FINITE, "MD") for c in head.children
    )
    if not finite or head.dep_ == "conj":
        return False
    return not any(t.dep_ in SUBJECT_SLOTS or t.dep_ in ("csubj", "csubjpass") for t in tokens)


def standing_alone(text: str, tokens: list[Token], referent: str | None) -> str | None:
    """The event's text as it stands without its sentence, or None when it cannot.

    A "he" or "she" subject is replaced by the person it refers to (``referent``),
    or the event is left out: "He set up a rearguard action" says nothing of whom.
    The writer's own doings, outside quotations, are not events of the story.
    """
    opening = re.match(r"[^\W\d_]+", text)
    if opening is None:
        return text
    word = opening.group(0).lower()
    first = min((t for t in tokens if t.lower_ == word), key=lambda t: t.i, default=None)
    if first is None:
        return text
    if first.lower_ in _DEPENDENT_OPENERS:
        return None
    if first.lower_ in _WRITER and not any(t.is_quote for t in first.sent):
        return None
    if first.lower_ in _PERSON_PRONOUNS and first.dep_ in NOMINAL_SUBJECTS:
        if referent is None:
            return None
        return referent + text[opening.end() :]
    return text


def _clause_head(tokens: list[Token]) -> Token:
    """The token of a clause whose head lies outside it."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])


def _empty_clause(pred: Token) -> bool:
    """ "This did not become more likely than on May 16": a pronoun and a copula, no event."""
    subject = next((c for c in pred.children if c.dep_ in NOMINAL_SUBJECTS), None)
    pronoun = subject is None or subject.pos_ == "PRON" or subject.tag_ in ("DT", "PRP", "EX")
    return pronoun and pred.lemma_ in ("be", "become", "seem", "remain", "appear")


def _superlative(pred: Token) -> bool:
    """The clause ranks something ("the lowest level", "the first time")."""
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ == "first" for t in pred.subtree)


def _infinitive_of(pred: Token) -> bool:
    """A subjectless to-infinitive hanging on a verb: the date belongs to that verb."""
    if pred.head == pred or not is_verbal(pred.head) or pred.dep_ not in ("xcomp", "advcl"):
        return False
    auxes = {c.lower_ for c in pred.children if c.dep_ == "aux"}
    has_subject = any(c.dep_ in NOMINAL_SUBJECTS for c in pred.children)
    return pred.dep_ == "xcomp" or ("to" in auxes and not has_subject)


def _state_of_subject(span: Span, pred: Token) -> bool:
    """ "This year's theme was water security": a copula describing a dated subject."""
    if pred.lemma_ != "be" or any(
        c.dep_ in ("acomp", "xcomp") and c.tag_ == "VBN" for c in pred.children
    ):
        return False
    subjects = [c for c in pred.children if c.dep_ in ("nsubj", "csubj")]
    return any(_keeps(s, span) for s in subjects)


def _expression(timex: Timex) -> str:
    """The expression as written, with its anchor phrase ("the day before the call")."""
    span = timex.span
    end = timex.anchor_span.end if timex.anchor_span is not None else span.end
    return span.doc[span.start : end].text


def _preposition(span: Span) -> str:
    first = span[0].lower_
    if first in ("since", "until", "by", "before", "after", "from", "between"):
        return first
    i = span.start - 1
    return span.doc[i].lower_ if i >= span.sent.start else ""


def generic_today(timex: Timex, pred: Token) -> bool:
    """ "Today, Palestinians and Israelis each understand ...": nowadays, not this day."""
    if timex.rule != "deictic" or (
        timex.span[0].lower_ != "today" and timex.span[-1].lower_ != "today"
    ):
        return False
    simple_present = pred.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in pred.children
    )
    planned = any(  # "the office today is to begin ...": a plan for the day, not a state
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in pred.children
    )
    return simple_present and not planned and pred.lemma_.lower() in STATIVE_VERBS


# --- merging mentions ---------------------------------------------------------------------


def _same_event(a: _Found, b: _Found) -> bool:
    da, db = a.event.date, b.event.date
    if not (da.startswith(db) or db.startswith(da)):
        return False
    if not a.words or not b.words:
        return False
    shared = len(a.words & b.words) / min(len(a.words), len(b.words))
    if a.event.evidence.sentence == b.event.evidence.sentence and a.predicate == b.predicate:
        return True
    return shared >= 0.6 and (a.predicate == b.predicate or shared >= 0.8)


def _merge(found: list[_Found]) -> list[_Found]:
    """One event per happening: mentions of the same event merged, best-dated one kept."""
    found = sorted(found, key=lambda f: (f.rank, -len(f.event.date), f.position))
    kept: list[_Found] = []
    for f in found:
        twin = next((k for k in kept if _same_event(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        extra = tuple(
            e
            for e in (f.event.evidence, *f.event.more_evidence)
            if e != twin.event.evidence and e not in twin.event.more_evidence
        )
        if extra:
            merged = replace(twin.event, more_evidence=twin.event.more_evidence + extra)
            kept[kept.index(twin)] = replace(twin, event=merged)
    kept.sort(key=lambda f: (f.event.date, f.position))
    return kept
