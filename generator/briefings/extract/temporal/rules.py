"""The rule table of temporal expressions, HeidelTime style: one named pattern per form.

Each rule's forms are checked by the case table in
``tests/test_temporal_cases.py``; a rule's name is what a resolved expression
records as its ``rule``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from briefings.extract.temporal.calendar import Interval
from briefings.lexicon.calendar import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from briefings.nlp.syntax import Tense

if TYPE_CHECKING:
    from spacy.tokens import Span


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

    def required(self, name: str) -> str:
        """A part the rule's pattern cannot match without (its absence is a broken rule)."""
        value = self.group(name)
        if value is None:
            raise ValueError(f"temporal rule {self.rule!r} matched without its {name!r} part")
        return value

    def number(self, name: str) -> int | None:
        """An optional numeric part ("2024" of "May 2024"), None where the text has none."""
        value = self.group(name)
        return int(value) if value else None

    def day(self, name: str) -> int:
        """The day of a day part, its ordinal suffix dropped ("3rd" → 3)."""
        digits = re.match(r"\d+", self.required(name))
        if digits is None:
            raise ValueError(f"temporal rule {self.rule!r} matched a day without digits")
        return int(digits.group(0))
