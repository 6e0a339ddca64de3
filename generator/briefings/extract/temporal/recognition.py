"""Finding temporal expressions in a sentence: the rule table's matches, then refusals.

A match is refused when the parse says it is no date (a year that is a count,
a month name beside a person's name, a weekday closing a title).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefings.extract.temporal.rules import RULES, Candidate
from briefings.lexicon.calendar import (
    AMBIGUOUS_MONTHS,
    DURATION_PREPOSITIONS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_LABELS,
    NUMBER_WORDS,
    TEMPORAL_PREPOSITIONS,
    VAGUE_AMOUNTS,
    YEAR_PREPOSITIONS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# --- recognition --------------------------------------------------------------------


def month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def count_of(word: str) -> tuple[int, int] | None:
    """(least, most) of a count word: "three" → (3, 3), "a few" → (2, 4)."""
    w = re.sub(r"\s+", " ", word.lower())
    if w in VAGUE_AMOUNTS:
        return VAGUE_AMOUNTS[w]
    if w.isdigit():
        return int(w), int(w)
    total = 0
    for part in w.split("-"):
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total, total


def token_before(span: Span, n: int = 1) -> Token | None:
    i = span.start - n
    return span.doc[i] if i >= span.sent.start else None


def _after(span: Span) -> Token | None:
    return span.doc[span.end] if span.end < span.sent.end else None


def _year_is_a_year(c: Candidate) -> bool:
    """A bare four-digit number is a year only in a temporal context, never a quantity."""
    span = c.span
    prev = token_before(span)
    nxt = _after(span)
    number = next(t for t in reversed(span) if re.search(r"[0-9]{4}", t.text))
    if prev is not None and prev.text in ("$", "£", "€", "#", "No.", "no."):
        return False
    if nxt is not None and (nxt.text in ("%", "percent", "per") or nxt.lower_ == "per"):
        return False
    if c.group("edge") or c.group("poss"):
        return True
    prev_word = prev.lower_ if prev is not None else ""
    counted = nxt is not None and nxt.tag_ == "NNS" and number.head == nxt
    if prev_word in YEAR_PREPOSITIONS:
        return not (counted and number.ent_type_ != "DATE")
    if number.ent_type_ != "DATE":
        return False
    if prev_word in TEMPORAL_PREPOSITIONS:
        return not counted
    if prev is not None and (prev.dep_ in ("det", "poss") or prev.tag_ in ("DT", "PRP$", "POS")):
        return True  # "the 2014 protests", "the country's 2016 election"
    return prev is None and nxt is not None and nxt.text == ","  # "2014, the year ..."


def _beside_a_name(span: Span) -> bool:
    """A capitalised proper noun right before or after: a personal name, not a month."""
    prev, nxt = token_before(span), _after(span)
    return any(
        t is not None and t.pos_ == "PROPN" and t.is_title and t.lower_ not in MONTHS
        for t in (prev, nxt)
    )


def _closes_a_title(span: Span) -> bool:
    """ "told The Mail on Sunday": a weekday after "on" that closes a title which a
    capitalised "The" opens mid-sentence (one to three capitalised words between)
    is part of the name, not a date. At a sentence's start, or after a quotation
    mark or colon, a capitalised "The" opens a sentence, not a title."""
    on = token_before(span)
    if on is None or on.lower_ != "on":
        return False
    doc, start = span.doc, span.sent.start
    i = on.i - 1
    while i > start and on.i - i <= 3 and doc[i].is_title and doc[i].text != "The":
        i -= 1
    return (
        i < on.i - 1
        and doc[i].text == "The"
        and i > start
        and not doc[i - 1].is_punct
        and not any(t.ent_type_ for t in doc[i + 1 : on.i])
    )


def _refusal(c: Candidate) -> str | None:
    """Why a rule match is not a temporal expression (None when it is one)."""
    span = c.span
    prev = token_before(span)
    prev_word = prev.lower_ if prev is not None else ""
    if prev_word in ("every", "each", "per"):
        return "set"
    if any(t.ent_type_ in NAME_LABELS for t in span):
        return "part of a name"
    if c.rule == "month" and not (c.group("rel") or c.group("edge")):
        token = span[-1]
        word = token.lower_.rstrip(".")
        if word in AMBIGUOUS_MONTHS:
            if token.tag_ == "MD" or token.pos_ == "VERB":
                return "modal or verb"
            if prev_word not in TEMPORAL_PREPOSITIONS and not (
                token.is_title and token.pos_ == "PROPN"
            ):
                return "common word"
        elif prev_word not in TEMPORAL_PREPOSITIONS and not token.is_title:
            return "no temporal context"
        if prev_word not in TEMPORAL_PREPOSITIONS and _beside_a_name(span):
            return "part of a name"  # "Theresa May", "April Ryan said"
    if c.rule == "weekday" and not c.group("rel") and _closes_a_title(span):
        return "part of a title"
    if c.rule in ("month_day", "day_month") and span[0].tag_ == "MD" and not c.group("y"):
        return "modal"
    if c.rule == "year" and not _year_is_a_year(c):
        return "quantity or identifier"
    if c.rule == "year_span":
        first = span[0] if span[0].lower_ not in ("from", "between") else span[1]
        nxt = _after(span)
        if first.ent_type_ != "DATE" or (nxt is not None and nxt.pos_ == "NOUN"):
            return "quantity range"
    if c.rule in ("ago", "offset", "in_count") and prev_word in DURATION_PREPOSITIONS:
        return "duration"
    if c.rule == "offset" and c.group("dir") == "on" and _after(span) is not None:
        nxt = _after(span)
        if nxt is not None and nxt.is_alpha:
            return "not an offset"
    if c.rule == "clock" and (prev_word in ("$", "£", "€") or span[0].ent_type_ == "MONEY"):
        return "money"
    if c.rule == "season" and not (c.group("rel") or c.group("y")):
        return "season without year"
    if c.rule == "decade" and prev_word in ("his", "her", "their", "its", "my", "our", "your"):
        return "age"
    return None


def find_candidates(sent: Span) -> list[Candidate]:
    """Temporal expressions of one sentence: rule matches on token boundaries, longest first."""
    doc = sent.doc
    text = sent.text
    base = sent.start_char
    found: list[Candidate] = []
    for priority, (name, pattern) in enumerate(RULES):
        for m in pattern.finditer(text):
            span = doc.char_span(base + m.start(), base + m.end())
            if span is None or len(span) == 0:
                continue
            cand = Candidate(span, name, m, priority)
            if _refusal(cand) is None:
                found.append(cand)
    found.sort(key=lambda c: (-(c.span.end_char - c.span.start_char), c.span.start, c.priority))
    taken: set[int] = set()
    chosen: list[Candidate] = []
    for c in found:
        if taken.intersection(range(c.span.start, c.span.end)):
            continue
        taken.update(range(c.span.start, c.span.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.span.start)
    return _drop_clock_beside_date(chosen)


def _drop_clock_beside_date(cands: list[Candidate]) -> list[Candidate]:
    """ "at 2:30 the next day", "on Monday at 10am": the date carries the expression."""
    keep = []
    for i, c in enumerate(cands):
        if c.rule == "clock":
            neighbours = cands[max(0, i - 1) : i] + cands[i + 1 : i + 2]
            if any(
                n.rule != "clock"
                and (abs(n.span.start - c.span.end) <= 2 or abs(c.span.start - n.span.end) <= 2)
                for n in neighbours
            ):
                continue
        keep.append(c)
    return keep


def anchor_phrase(span: Span) -> Span | None:
    """X in "the day before X" / "two days after X": the object of the final preposition."""
    last = span[-1]
    objects = [t for t in last.children if t.dep_ in ("pobj", "pcomp", "dobj") and t.i >= span.end]
    if not objects:
        nxt = _after(span)
        if nxt is not None and nxt.head == last and nxt.dep_ not in ("punct", "cc"):
            objects = [nxt]
    if not objects:
        # A misattached preposition: fall back on the noun phrase that follows it.
        chunk = next((nc for nc in span.doc.noun_chunks if nc.start == span.end), None)
        return chunk
    obj = objects[0]
    tokens = [t for t in obj.subtree if t.i >= span.end]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    return span.doc[start:end]
