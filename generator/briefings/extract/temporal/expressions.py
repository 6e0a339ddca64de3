"""Temporal expressions: recognised over the parse, resolved to calendar values.

The design follows HeidelTime's news mode. A table of rules (:data:`RULES`),
each a regular expression over the sentence text, proposes expressions; a
match counts only where it starts and ends on spaCy token boundaries, and
negative rules on the tokens refuse what only looks like a date: the modal
"may", "March" the noun, quantities ("2000 soldiers", "$2000"), names ("Theresa
May", "Bloody Sunday"), sets ("every Monday"). Durations and ages ("more than
three years", "24 hours", "a two-hour call", "45 years old") match no rule at
all: only expressions that locate something in time are rules.

Each surviving expression is resolved against one of three anchors:

* the publication date — "today", "on Monday" (past or future by the tense of
  its clause), "May 16" (year from the publication date and the tense), "in
  February" (kept at month precision), "last week", "two years ago";
* the reference time — the last date mentioned before it — for "the following
  day", "two days later", "that week", and clock times ("at 22:30");
* an anchor event — "the day before the call": the head of the anchor phrase
  ("call") is matched against the words of events dated earlier in the text,
  and the expression is placed relative to the date of the best match.

Values are :class:`~briefings.extract.temporal.calendar.Interval` spans, so precision
follows from the text ("last week" inside one month is that month) and is never
invented. Vague references ("in recent weeks", "a few days ago") are marked
approximate; "recently" and "soon" are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefings.extract.temporal.calendar import Interval, Unit, add_months, month_end
from briefings.nlp.syntax import Tense, attachment, predicate_of, tense_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from briefings.nlp.parse import ParsedArticle

# --- closed word classes (English calendar vocabulary) ------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: Month names that are also ordinary English words; alone they need context.
AMBIGUOUS_MONTHS = {"may", "march", "august"}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
#: Vague amounts and the range of counts they stand for.
VAGUE_AMOUNTS = {
    "a few": (2, 4), "few": (2, 4), "several": (3, 7), "a couple of": (2, 3),
    "a couple": (2, 3), "some": (2, 5), "many": (4, 12),
}  # fmt: skip
#: Meteorological seasons of the northern hemisphere: (first month, number of months).
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
#: Prepositions that put a following bare number or month in time ("in 2010", "since May").
TEMPORAL_PREPOSITIONS = {
    "in", "since", "until", "till", "during", "before", "after", "by", "from", "to",
    "through", "throughout", "between", "of", "early", "late", "mid", "last", "next",
    "this", "on", "around", "circa", "and", "or", "into", "as",
}  # fmt: skip
#: Prepositions after which a bare year is a year whatever the entity recogniser says.
YEAR_PREPOSITIONS = {"in", "since", "until", "till", "during", "before", "after", "circa"}
#: Entity labels of names: a calendar word inside one is part of a name.
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "GPE", "LOC", "NORP"}
#: Words before a count that make it a duration, not a point ("for two days after").
DURATION_PREPOSITIONS = {"for", "within", "over", "during", "throughout", "spanning"}

# --- the rule table -------------------------------------------------------------

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_MA = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
MONTH = rf"(?:{_M}|(?:{_MA})\.?)(?![a-z])"
MONTH_FULL = rf"(?:{_M})(?![a-z])"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9:.,]?[0-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
WEEKDAY = rf"(?:{_WD})(?![a-z])"
_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAGUE = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE_AMOUNTS, key=len, reverse=True)
)
COUNT = rf"(?:\d{{1,3}}|{_VAGUE}|(?:{_NUM})(?:-(?:{_NUM}))?)(?![a-z])"
APPROX = (
    r"about|around|some|nearly|almost|roughly|approximately|over|more\s+than|less\s+than|"
    r"under|at\s+least|just\s+over|just\s+under|just|only"
)
UNIT = r"(?:days?|weeks?|months?|years?|decades?)(?![a-z])"
EDGE = (
    r"early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning|start|middle)\s+of"
)
REL = r"last|next|this|past|coming|previous|following"
PART = r"(?:\s+(?:morning|afternoon|evening|night))"
CONNECT = r"\s*(?:-|–|—|to|and|until|till|through)\s*"


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _rule(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![0-9])")),
    ("numeric", _rule(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![0-9])")),
    ("day_month_span", _rule(
        rf"\b(?:(?P<from>from|between)\s+)?(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?"
        rf"{CONNECT}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    ("month_day_span", _rule(
        rf"\b(?:(?P<from>from|between)\s+)?(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,?\s+(?P<y1>{YEAR}))?"
        rf"{CONNECT}(?P<m2>{MONTH})\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?")),
    ("day_range", _rule(
        rf"\b(?:(?P<from>from|between)\s+)?(?P<d1>{DAY}){CONNECT}(?P<d2>{DAY})\s+(?:of\s+)?"
        rf"(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    ("month_day_range", _rule(
        rf"\b(?:(?P<from>from|between)\s+)?(?P<m>{MONTH})\s+(?P<d1>{DAY}){CONNECT}(?P<d2>{DAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?")),
    ("month_span", _rule(
        rf"\b(?P<from>from|between)\s+(?P<m1>{MONTH_FULL})(?:\s+(?P<y1>{YEAR}))?{CONNECT}"
        rf"(?P<m2>{MONTH_FULL})(?:,?\s+(?P<y>{YEAR}))?")),
    ("year_span", _rule(
        rf"\b(?:(?P<from>from|between)\s+)?(?P<y1>{YEAR}){CONNECT}(?P<y2>{YEAR}|[0-9]{{2}}(?![0-9]))")),
    ("day_month", _rule(
        rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR}))?")),
    ("month_day", _rule(
        rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{DAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?")),
    ("month_year", _rule(
        rf"\b(?:(?P<edge>{EDGE})[\s-]+)?(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})")),
    ("month", _rule(
        rf"\b(?:(?P<rel>{REL})\s+|(?P<edge>{EDGE})[\s-]+)?(?P<m>{MONTH_FULL}|sept\.?(?![a-z]))")),
    ("season", _rule(
        rf"\b(?:(?P<rel>{REL})\s+)?(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)(?![a-z])"
        rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?")),
    ("decade", _rule(
        r"(?:\bthe\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?"
        r"(?:\b(?P<dec>1[0-9]{2}0|20[0-9]0)'?s\b|'(?P<short>[0-9]0)s\b)")),
    ("year", _rule(rf"\b(?:(?P<edge>{EDGE})[\s-]+)?(?P<y>{YEAR})(?P<poss>\s*'s)?")),
    ("deictic", _rule(
        rf"\b(?:(?P<pre>earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow)(?![a-z]){PART}?"
        r"(?P<poss>\s*'s)?")),
    ("this_part", _rule(r"\b(?:this|last)\s+(?P<part>morning|afternoon|evening|night)\b")),
    ("deictic_two", _rule(r"\bthe\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)\b")),
    ("weekday", _rule(
        rf"\b(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY}){PART}?(?P<poss>\s*'s)?")),
    ("relative_unit", _rule(
        r"\b(?:(?P<edge>earlier|later|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|"
        r"(?:end|beginning|start|middle)\s+of)[\s-]+)?(?P<the>the\s+)?"
        r"(?P<rel>last|next|this|past|coming|previous|following|current)\s+"
        r"(?P<unit>week|weekend|month|year)(?![a-z])(?P<poss>\s*'s)?")),
    ("unit_edge", _rule(
        r"\b(?:(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month|year)"
        r"|(?P<unit2>year|month)[\s-]end)(?![a-z])")),
    ("ago", _rule(rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<q>{COUNT})\s+(?P<unit>{UNIT})\s+ago\b")),
    ("offset", _rule(
        rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<q>{COUNT})\s+(?P<unit>{UNIT})\s+"
        r"(?P<dir>later|earlier|afterwards?|before|after|prior\s+to|following|ahead\s+of|"
        r"in\s+advance\s+of|on)(?![a-z])")),
    ("in_count", _rule(
        rf"\bin\s+(?:(?P<approx>{APPROX})\s+)?(?P<q>{COUNT})\s+(?P<unit>{UNIT})(?:(?:'s|')?\s+time)?")),
    ("the_day", _rule(
        r"\b(?:the|that)\s+(?P<which>day|morning|evening|night|week|month|year)\s+"
        r"(?P<dir>before|after|following|prior\s+to|of)(?![a-z])")),
    ("eve", _rule(r"\b(?:the\s+)?eve\s+of(?![a-z])")),
    ("near", _rule(
        r"\b(?P<adv>shortly|soon|just|immediately|right|hours|minutes|moments)\s+"
        r"(?P<dir>before|after|ahead\s+of|following|prior\s+to)(?![a-z])")),
    ("reference", _rule(
        r"\b(?P<rel>the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+same|that|"
        r"later\s+that|earlier\s+that|the\s+very\s+same)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)(?![a-z])")),
    ("vague", _rule(
        r"\b(?P<rel>recent|past\s+few|last\s+few|past\s+several|last\s+several|coming|next\s+few|"
        r"coming\s+few)\s+(?P<unit>days|weeks|months)(?![a-z])")),
    ("clock", _rule(
        r"(?<![0-9$£€.,:])(?:(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?:\s*(?P<ampm>[ap]\.?m\.?))?"
        r"|(?P<h2>1[0-2]|0?[1-9])(?:\.(?P<mi2>[0-5][0-9]))?\s*(?P<ampm2>[ap]\.?m\.?)|noon|midnight)"
        r"(?![0-9a-z])")),
)  # fmt: skip

#: Rules whose expression is placed relative to a following anchor phrase (X in "before X").
ANCHORED_RULES = {"offset", "the_day", "eve", "near"}
#: Rules that need the reference time rather than the publication date.
REFERENCE_RULES = {"reference", "clock"}

Anchor = Literal["absolute", "publication", "reference", "event"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression of the article and what it resolved to.

    ``interval`` is None when the expression was recognised but cannot be
    placed (an anchor phrase that matches no dated event, a clock time with no
    date before it); ``until`` is the end of a range ("from 3 to 5 May").
    """

    span: Span
    rule: str
    interval: Interval | None
    until: Interval | None = None
    anchor: Anchor = "publication"
    tense: Tense = "none"
    anchor_span: Span | None = None

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def value(self) -> str | None:
        return self.interval.iso() if self.interval else None

    @property
    def is_period(self) -> bool:
        """A range longer than a month: a period ("from 2004 to 2009"), not a dated event."""
        if self.until is None or self.interval is None:
            return False
        return (self.until.hi - self.interval.lo).days > 31


@dataclass(frozen=True)
class Candidate:
    span: Span
    rule: str
    match: re.Match[str]
    priority: int

    def group(self, name: str) -> str | None:
        """A named part of the match, lower-cased, inner whitespace as single spaces."""
        value = self.match.groupdict().get(name)
        return re.sub(r"\s+", " ", value.lower()) if value else None


# --- recognition --------------------------------------------------------------------


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def _count(word: str) -> tuple[int, int] | None:
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


def _before(span: Span, n: int = 1) -> Token | None:
    i = span.start - n
    return span.doc[i] if i >= span.sent.start else None


def _after(span: Span) -> Token | None:
    return span.doc[span.end] if span.end < span.sent.end else None


def _year_is_a_year(c: Candidate) -> bool:
    """A bare four-digit number is a year only in a temporal context, never a quantity."""
    span = c.span
    prev = _before(span)
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
    prev, nxt = _before(span), _after(span)
    return any(
        t is not None and t.pos_ == "PROPN" and t.is_title and t.lower_ not in MONTHS
        for t in (prev, nxt)
    )


def _closes_a_title(span: Span) -> bool:
    """ "told The Mail on Sunday": a weekday after "on" that closes a title which a
    capitalised "The" opens mid-sentence (one to three capitalised words between)
    is part of the name, not a date. At a sentence's start, or after a quotation
    mark or colon, a capitalised "The" opens a sentence, not a title."""
    on = _before(span)
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
    prev = _before(span)
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


# --- resolution -----------------------------------------------------------------------


@dataclass
class Mention:
    """A dated expression already resolved, with the words of the event it dates."""

    interval: Interval
    core: frozenset[str]
    words: frozenset[str]
    position: int
    tokens: frozenset[int]


#: The precision a reference date needs to place each unit the rules can name on it.
REFERENCE_PRECISION = {
    "day": "day", "week": "day", "weekend": "day", "month": "month", "year": "year",
}  # fmt: skip

NOMINAL_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}
#: Verbs too light to name an event on their own.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "take", "go", "become"}


def _content_lemmas(tokens) -> frozenset[str]:
    """Lemmas of the nouns and verbs of a clause: what an anchor phrase can name."""
    return frozenset(
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN")
        or (t.pos_ == "VERB" and t.lemma_.lower() not in LIGHT_VERBS)
        or (t.dep_ in NOMINAL_ROLES and t.pos_ == "ADJ")  # "the final was played"
    )


@dataclass
class Resolver:
    """Resolves the expressions of one article in reading order (the reference time moves)."""

    pub: dt.date
    references: list[Interval] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    # -- anchors

    def reference(self, unit: str) -> Interval | None:
        """The last exact date mentioned, if it is precise enough to place a ``unit`` on.

        Only the very last one: "that night" after "in November 2018" has no
        day to stand on, and an older day-precise date is not what it means. A
        week or weekend is placed from a day ("the same week" after "on 3 May");
        a unit no date can place gives None.
        """
        finest = REFERENCE_PRECISION.get(unit)
        if finest is None:
            return None
        order = ["day", "month", "year"]
        allowed = order[: order.index(finest) + 1]
        exact = [iv for iv in self.references if not iv.approximate]
        if exact and exact[-1].precision in allowed:
            return exact[-1]
        return None

    def event_anchor(self, phrase_head: Token, exclude: range) -> Interval | None:
        """The date of the event an anchor phrase names ("the call" → the dated call)."""
        lemma = phrase_head.lemma_.lower()
        best: tuple[int, int, int, Mention] | None = None
        for m in self.mentions:
            if m.position in exclude or phrase_head.i in m.tokens:
                continue
            score = 2 if lemma in m.core else 1 if lemma in m.words else 0
            if not score:
                continue
            key = (score, int(not m.interval.approximate), m.position, m)
            if best is None or key[:3] > best[:3]:
                best = key
        return best[3].interval if best else None

    def remember(self, timex: Timex) -> None:
        iv = timex.interval
        if iv is None:
            return
        if timex.rule != "clock" and not iv.approximate and timex.until is None:
            self.references.append(iv)
        att = attachment(timex.span)
        pred = predicate_of(att)
        skip = set(range(timex.span.start, timex.span.end))
        if timex.anchor_span is not None:
            skip.update(range(timex.anchor_span.start, timex.anchor_span.end))
        sent = timex.span.sent
        clause = [t for t in pred.subtree if t.i not in skip and sent.start <= t.i < sent.end]
        core = [t for t in (att, pred) if t.i not in skip]
        self.mentions.append(
            Mention(
                iv,
                _content_lemmas(core),
                _content_lemmas(clause),
                timex.span.start,
                frozenset(t.i for t in pred.subtree),
            )
        )

    # -- one expression

    def resolve(self, c: Candidate, resolved_in_sentence: list[Timex]) -> Timex:
        att = attachment(c.span)
        pred = predicate_of(att)
        tense = tense_of(pred)
        prev = _before(c.span)
        prep = prev.lower_ if prev is not None else ""
        if c.span[0].lower_ in ("since", "until", "by", "before", "after"):
            prep = c.span[0].lower_
        direction = -1 if prep == "since" or tense == "past" else 1 if tense == "future" else 0
        if prep == "for" and c.rule not in ("year", "year_span"):
            direction = 1  # "called a strike for March 25", "set for Monday": a target date
        if c.rule in ANCHORED_RULES:
            return self._anchored(c, tense, resolved_in_sentence)
        handler: Callable[[Candidate, int], Timex | Interval | None] = getattr(self, f"_{c.rule}")
        result = handler(c, direction)
        if isinstance(result, Timex):
            return Timex(result.span, result.rule, result.interval, result.until, result.anchor,
                         tense)  # fmt: skip
        anchor: Anchor = "reference" if c.rule in REFERENCE_RULES else "publication"
        if c.rule in ("iso", "numeric") or (c.group("y") and c.rule not in ("season",)):
            anchor = "absolute"
        return Timex(c.span, c.rule, result, None, anchor, tense)

    # -- absolute dates

    def _date(
        self, year: int | None, month: int, day: int | None, direction: int
    ) -> Interval | None:
        """A day (or month) whose year may be missing: pick it from the publication date."""
        try:
            if year is not None:
                return (
                    Interval.day(dt.date(year, month, day)) if day else Interval.month(year, month)
                )
            options = []
            for y in (self.pub.year - 1, self.pub.year, self.pub.year + 1):
                try:
                    options.append(
                        Interval.day(dt.date(y, month, day)) if day else Interval.month(y, month)
                    )
                except ValueError:
                    continue
        except ValueError:
            return None
        return self._choose(options, direction)

    def _choose(self, options: list[Interval], direction: int) -> Interval | None:
        """The option in the clause's direction from the publication date, else the nearest."""
        pub = self.pub
        slack = dt.timedelta(days=1)
        if direction < 0:
            past = [o for o in options if o.lo <= pub + slack]
            return max(past, key=lambda o: o.lo) if past else None
        if direction > 0:
            future = [o for o in options if o.hi >= pub - slack]
            return min(future, key=lambda o: o.lo) if future else None

        def distance(o: Interval) -> tuple[int, int]:
            if o.lo <= pub <= o.hi:
                return 0, 0
            gap = (o.lo - pub).days if o.lo > pub else (pub - o.hi).days
            return gap, int(o.lo > pub)  # ties go to the past

        return min(options, key=distance) if options else None

    def _iso(self, c: Candidate, direction: int) -> Interval | None:
        return self._date(int(c.group("y")), int(c.group("m")), int(c.group("d")), direction)

    def _numeric(self, c: Candidate, direction: int) -> Interval | None:
        a, b, y = int(c.group("a")), int(c.group("b")), int(c.group("y"))
        if a > 12 and b <= 12:
            return self._date(y, b, a, direction)
        if b > 12 and a <= 12:
            return self._date(y, a, b, direction)
        if a == b:
            return self._date(y, a, a, direction)
        return None  # 5/6/2024: day-month order unknown, no guess

    def _day_month(self, c: Candidate, direction: int) -> Interval | None:
        year = int(c.group("y")) if c.group("y") else None
        day = int(re.match(r"\d+", c.group("d")).group(0))
        return self._date(year, _month_number(c.group("m")), day, direction)

    _month_day = _day_month

    def _month_year(self, c: Candidate, direction: int) -> Interval | None:
        return self._date(int(c.group("y")), _month_number(c.group("m")), None, direction)

    def _month(self, c: Candidate, direction: int) -> Interval | None:
        month = _month_number(c.group("m"))
        rel = c.group("rel")
        options = [
            Interval.month(y, month) for y in (self.pub.year - 1, self.pub.year, self.pub.year + 1)
        ]
        if rel in ("last", "past", "previous"):
            return max((o for o in options if o.hi < self.pub), key=lambda o: o.lo)
        if rel in ("next", "coming", "following"):
            return min((o for o in options if o.lo > self.pub), key=lambda o: o.lo)
        if rel == "this":
            return Interval.month(self.pub.year, month)
        return self._choose(options, direction)

    def _season(self, c: Candidate, direction: int) -> Interval | None:
        first, length = SEASONS[c.group("s")]

        def season(year: int) -> Interval:
            lo = dt.date(year, first, 1)
            end = add_months(lo, length - 1)
            return Interval(lo, month_end(end.year, end.month))

        if c.group("y"):
            iv = season(int(c.group("y")))
        else:
            years = range(self.pub.year - 2, self.pub.year + 2)
            options = [season(y) for y in years]
            rel = c.group("rel")
            if rel in ("last", "past", "previous"):
                iv = max((o for o in options if o.hi < self.pub), key=lambda o: o.lo)
            elif rel in ("next", "coming", "following"):
                iv = min((o for o in options if o.lo > self.pub), key=lambda o: o.lo)
            elif rel == "this":
                iv = next(o for o in options if o.lo.year == self.pub.year)
            else:
                iv = self._choose(options, direction)
        return iv if iv is not None and iv.iso() else None

    def _decade(self, c: Candidate, direction: int) -> Interval | None:
        if c.group("dec"):
            return Interval.decade_of(int(c.group("dec")))
        short = int(c.group("short"))
        century = self.pub.year // 100 * 100
        year = century + short if century + short <= self.pub.year else century - 100 + short
        return Interval.decade_of(year)

    def _year(self, c: Candidate, direction: int) -> Interval | None:
        return Interval.year(int(c.group("y")))

    # -- ranges

    def _span(
        self, c: Candidate, first: Interval | None, last: Interval | None
    ) -> Timex | Interval | None:
        if first is None or last is None:
            return None
        if last.lo < first.lo:
            if c.group("y1") or c.group("y2"):
                return None
            first = first.shift(-1, "year")
        return Timex(c.span, c.rule, first, last, "publication")

    def _day_month_span(self, c: Candidate, direction: int) -> Timex | Interval | None:
        year = int(c.group("y")) if c.group("y") else None
        last = self._date(
            year,
            _month_number(c.group("m2")),
            int(re.match(r"\d+", c.group("d2")).group(0)),
            direction,
        )
        if last is None:
            return None
        y1 = int(c.group("y1")) if c.group("y1") else last.lo.year
        first = self._date(
            y1,
            _month_number(c.group("m1")),
            int(re.match(r"\d+", c.group("d1")).group(0)),
            direction,
        )
        return self._span(c, first, last)

    _month_day_span = _day_month_span

    def _day_range(self, c: Candidate, direction: int) -> Timex | Interval | None:
        year = int(c.group("y")) if c.group("y") else None
        month = _month_number(c.group("m"))
        d1 = int(re.match(r"\d+", c.group("d1")).group(0))
        d2 = int(re.match(r"\d+", c.group("d2")).group(0))
        last = self._date(year, month, d2, direction)
        if last is None or d1 > d2:
            return None
        return self._span(c, self._date(last.lo.year, month, d1, direction), last)

    _month_day_range = _day_range

    def _month_span(self, c: Candidate, direction: int) -> Timex | Interval | None:
        year = int(c.group("y")) if c.group("y") else None
        last = self._date(year, _month_number(c.group("m2")), None, direction)
        if last is None:
            return None
        y1 = int(c.group("y1")) if c.group("y1") else last.lo.year
        return self._span(c, self._date(y1, _month_number(c.group("m1")), None, direction), last)

    def _year_span(self, c: Candidate, direction: int) -> Timex | Interval | None:
        y1 = int(c.group("y1"))
        y2_text = c.group("y2")
        y2 = int(y2_text) if len(y2_text) == 4 else y1 // 100 * 100 + int(y2_text)
        if y2 <= y1:
            return None
        return Timex(c.span, c.rule, Interval.year(y1), Interval.year(y2), "absolute")

    # -- relative to the publication date

    def _deictic(self, c: Candidate, direction: int) -> Interval | None:
        word = c.group("w")
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        return Interval.day(self.pub + dt.timedelta(days=shift))

    def _this_part(self, c: Candidate, direction: int) -> Interval | None:
        if c.match.group(0).lower().startswith("last"):
            return (
                Interval.day(self.pub - dt.timedelta(days=1))
                if c.group("part") == "night"
                else None
            )
        return Interval.day(self.pub)

    def _deictic_two(self, c: Candidate, direction: int) -> Interval | None:
        shift = -2 if c.group("dir").startswith("before") else 2
        return Interval.day(self.pub + dt.timedelta(days=shift))

    def _weekday(self, c: Candidate, direction: int) -> Interval | None:
        target = WEEKDAYS[c.group("wd")]
        rel = c.group("rel")
        if rel in ("following", "previous"):
            ref = self.reference("day")
            if ref is None:
                return None
            base = ref.lo
            if rel == "following":
                return Interval.day(base + dt.timedelta(days=(target - base.weekday()) % 7 or 7))
            return Interval.day(base - dt.timedelta(days=(base.weekday() - target) % 7 or 7))
        pub = self.pub
        back = (pub.weekday() - target) % 7
        ahead = (target - pub.weekday()) % 7
        past = pub - dt.timedelta(days=back or (7 if rel in ("last", "past") else 0))
        future = pub + dt.timedelta(days=ahead or 7)
        if rel in ("last", "past"):
            return Interval.day(past)
        if rel in ("next", "coming"):
            return Interval.day(future)
        if rel == "this":
            return Interval.day(pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=target))
        if direction < 0:
            return Interval.day(past)
        if direction > 0:
            return Interval.day(pub if back == 0 else future)
        return Interval.day(past if back <= ahead else future)

    def _relative_unit(self, c: Candidate, direction: int) -> Interval | None:
        rel, unit, edge = c.group("rel"), c.group("unit"), c.group("edge")
        the = bool(c.group("the"))
        if rel in ("previous", "following") or (the and rel == "next"):
            base = self.reference("day" if unit in ("week", "weekend") else unit)
            if base is None:
                return None
            step = -1 if rel == "previous" else 1
            return self._unit_at(base.lo, unit, step)
        pub = self.pub
        if rel == "past" or (rel == "last" and the):
            # "the past week": the days up to publication.
            length = {"week": 7, "weekend": 3, "month": 30, "year": 365}[unit]
            return Interval(pub - dt.timedelta(days=length), pub)
        if rel == "coming":
            length = {"week": 7, "weekend": 7, "month": 30, "year": 365}[unit]
            return Interval(pub, pub + dt.timedelta(days=length))
        step = {"last": -1, "next": 1, "this": 0, "current": 0}[rel]
        iv = self._unit_at(pub, unit, step)
        if iv is None:
            return None
        if edge == "earlier" and step == 0:
            return Interval(iv.lo, pub)
        if edge == "later" and step == 0:
            return Interval(pub, iv.hi)
        return iv

    def _unit_at(self, day: dt.date, unit: str, step: int) -> Interval | None:
        if unit == "week":
            return Interval.week_of(day + dt.timedelta(days=7 * step))
        if unit == "weekend":
            saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5 + 7 * step)
            return Interval(saturday, saturday + dt.timedelta(days=1))
        if unit == "month":
            first = add_months(day.replace(day=1), step)
            return Interval.month(first.year, first.month)
        return Interval.year(day.year + step)

    def _unit_edge(self, c: Candidate, direction: int) -> Interval | None:
        unit = c.group("unit") or c.group("unit2")
        return self._unit_at(self.pub, unit, 0)

    def _ago(self, c: Candidate, direction: int) -> Interval | None:
        return self._offset_from(Interval.day(self.pub), c, -1)

    def _in_count(self, c: Candidate, direction: int) -> Interval | None:
        if direction <= 0:
            return None  # "the first in three years": a duration, not a future date
        return self._offset_from(Interval.day(self.pub), c, 1)

    def _offset_from(self, anchor: Interval, c: Candidate, sign: int) -> Interval | None:
        counts = _count(c.group("q"))
        if counts is None:
            return None
        unit: Unit = c.group("unit").rstrip("s")  # type: ignore[assignment]
        vague = counts[0] != counts[1] or c.group("approx") in (
            "about", "around", "some", "nearly", "almost", "roughly", "approximately", "over",
            "more than", "less than", "under", "at least", "just over", "just under",
        )  # fmt: skip
        spans = [shift_by(anchor, sign * n, unit) for n in counts]
        if any(s is None for s in spans):
            return None
        lo = min(s.lo for s in spans)  # type: ignore[union-attr]
        hi = max(s.hi for s in spans)  # type: ignore[union-attr]
        iv = Interval(lo, hi, approximate=vague or anchor.approximate)
        return iv if iv.iso() else None

    def _vague(self, c: Candidate, direction: int) -> Interval | None:
        rel, unit = c.group("rel"), c.group("unit")
        length = {"days": 7, "weeks": 42, "months": 182}[unit]
        pub = self.pub
        if rel.startswith(("coming", "next")):
            iv = Interval(pub, pub + dt.timedelta(days=length), approximate=True)
        else:
            iv = Interval(pub - dt.timedelta(days=length), pub, approximate=True)
        return iv if iv.iso() else None

    # -- relative to the reference time

    def _reference(self, c: Candidate, direction: int) -> Interval | None:
        rel, unit = c.group("rel"), c.group("unit")
        unit_kind = "day" if unit in ("day", "morning", "afternoon", "evening", "night") else unit
        base = self.reference(unit_kind)
        if base is None:
            return None
        step = 0
        if rel in ("the next", "the following"):
            step = 1
        elif rel in ("the previous", "the preceding"):
            step = -1
        if unit_kind == "day":
            return base.shift(step, "day") if base.precision == "day" else None
        return self._unit_at(base.lo, unit_kind, step)

    def _clock(self, c: Candidate, direction: int) -> Interval | None:
        return self.reference("day")

    # -- relative to an anchor phrase

    def _anchored(self, c: Candidate, tense: Tense, in_sentence: list[Timex]) -> Timex:
        phrase = anchor_phrase(c.span)
        base: Interval | None = None
        anchor: Anchor = "reference"
        if phrase is not None:
            anchor = "event"
            inner = [
                t for t in in_sentence if t.interval and phrase.start <= t.span.start < phrase.end
            ]
            if inner:
                base = inner[0].interval
            else:
                exclude = range(c.span.start, phrase.end)
                base = self.event_anchor(phrase.root, exclude)
        elif c.rule in ("the_day", "offset") and (c.group("dir") or "") not in ("of",):
            base = self._reference_for(c)
        interval = self._place(c, base) if base is not None else None
        return Timex(c.span, c.rule, interval, None, anchor, tense, phrase)

    def _reference_for(self, c: Candidate) -> Interval | None:
        unit = c.group("which") or (c.group("unit") or "day").rstrip("s")
        unit = "day" if unit in ("morning", "evening", "night", "week") else unit
        return self.reference(unit if unit in ("day", "month", "year") else "year")

    def _place(self, c: Candidate, base: Interval) -> Interval | None:
        direction = (c.group("dir") or "").split()[0] if c.group("dir") else ""
        before = direction in ("before", "prior", "earlier", "ahead", "in")
        sign = -1 if before else 1
        if c.rule == "eve":
            return base.shift(-1, "day") if base.precision == "day" else None
        if c.rule == "near":
            if base.precision != "day":
                return None
            exact = c.group("adv") in ("immediately", "right", "minutes", "moments")
            return base if exact else base.vague()
        if c.rule == "the_day":
            which = c.group("which")
            if direction == "of":
                return base if which in ("day", "morning", "evening", "night") else None
            if which in ("day", "morning", "evening", "night"):
                return base.shift(sign, "day") if base.precision == "day" else None
            if which == "week":
                return (
                    Interval.week_of(base.lo + dt.timedelta(days=7 * sign))
                    if base.precision == "day"
                    else None
                )
            return shift_by(base, sign, which)  # type: ignore[arg-type]
        return self._offset_from(base, c, sign)


def shift_by(anchor: Interval, amount: int, unit: Unit) -> Interval | None:
    """``anchor`` moved by a count of units, at the precision that count supports."""
    if unit == "day":
        return anchor.shift(amount, "day") if anchor.precision == "day" else None
    if unit == "week":
        if anchor.precision != "day":
            return None
        middle = anchor.lo + dt.timedelta(days=7 * amount)
        return Interval(middle - dt.timedelta(days=3), middle + dt.timedelta(days=3))
    if unit == "month":
        if anchor.precision not in ("day", "month"):
            return None
        moved = add_months(anchor.lo, amount)
        return Interval.month(moved.year, moved.month)
    if unit == "year":
        if anchor.precision == "decade":
            return None
        return Interval.year(anchor.lo.year + amount)
    return None


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


def article_timexes(article: ParsedArticle) -> tuple[Timex, ...]:
    """:func:`resolve_article`, once per article: the timeline and the summary both ask."""
    found = article.derived.get(_TIMEXES)
    if found is None:
        found = article.derived[_TIMEXES] = tuple(resolve_article(article))
    return found


_TIMEXES = "temporal.timexes"


def resolve_article(article: ParsedArticle) -> list[Timex]:
    """Every temporal expression of the article, resolved in reading order."""
    resolver = Resolver(article.date)
    out: list[Timex] = []
    for sent in article.sents:
        cands = find_candidates(sent)
        # Anchored expressions wait for the dates inside their anchor phrase.
        order = sorted(cands, key=lambda c: (c.rule in ANCHORED_RULES, c.span.start))
        done: list[Timex] = []
        for c in order:
            t = resolver.resolve(c, done)
            resolver.remember(t)
            done.append(t)
        out.extend(sorted(done, key=lambda t: t.span.start))
    return out
