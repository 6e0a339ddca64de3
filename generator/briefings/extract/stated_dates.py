"""Dates stated in full in a sentence read away from its article.

The summary and the story pages show sentences out of their article, where
"today" or "on Sunday" say nothing: each date only the dateline fixes is
written out ("on Sunday" -> "on 4 September 2016").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefings.extract.temporal.calendar import date_label
from briefings.extract.temporal.expressions import article_timexes
from briefings.extract.timeline import generic_today
from briefings.nlp.syntax import (
    attachment,
    predicate_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from briefings.nlp.parse import ParsedArticle


# --- dates stated in a sentence taken out of its article --------------------------------

#: Prepositions after which a stated date needs no "on" of its own ("until 4 July 2008").
_DATE_PREPOSITIONS = frozenset({"on", "since", "until", "till", "by", "from", "before", "after"})
_WEEKDAY_ONLY = re.compile(r"(?:(?:last|this|next|coming|past)\s+)?[a-z]+day", re.IGNORECASE)


def stated_dates(article: ParsedArticle, span: Span) -> list[tuple[Span, str]]:
    """The dates in ``span`` that only its dateline fixes, each with its full statement.

    A summary is read away from the article, in an archive or beside other
    briefings, where "today", "on Sunday" or "on July 8" say nothing: each such
    expression resolved to one day from the publication date is stated as that
    day ("arrived in France today" → "arrived in France on 4 July 2008"; "on
    Sunday" → "on 4 September 2016"; "on July 8" → "on 8 July 2015"). "Today"
    meaning nowadays, "today's", "later today", parts of days and anything not
    resolved to a single day stay as written.
    """
    out: list[tuple[Span, str]] = []
    for timex in article_timexes(article):
        t = timex.span
        if t.start < span.start or t.end > span.end or timex.until is not None:
            continue
        value = timex.value
        if value is None or len(value) != 10:
            continue
        words = t.text
        before = t.doc[t.start - 1].lower_ if t.start > span.start else ""
        if timex.rule == "deictic":
            if words.lower() not in ("today", "yesterday", "tomorrow"):
                continue
            if generic_today(timex, predicate_of(attachment(t))):
                continue
            new = date_label(value)
            if before not in _DATE_PREPOSITIONS:
                new = "on " + new
        elif timex.rule == "weekday" and _WEEKDAY_ONLY.fullmatch(words):
            new = date_label(value)
            if before not in _DATE_PREPOSITIONS:
                new = "on " + new
        elif timex.rule in ("day_month", "month_day") and not re.search(r"\d{4}", words):
            new = date_label(value)
        else:
            continue
        out.append((t, new))
    return out


def state_dates(article: ParsedArticle, span: Span) -> str:
    """The sentence's text with its dates stated in full (see :func:`stated_dates`)."""
    return with_dates(span, stated_dates(article, span))


def with_dates(span: Span, dates: list[tuple[Span, str]]) -> str:
    """The text of ``span`` with each (date span, statement) pair put in."""
    text = span.text
    for t, new in sorted(dates, key=lambda e: -e[0].start):
        start, end = t.start_char - span.start_char, t.end_char - span.start_char
        text = text[:start] + new + text[end:]
    return text.strip()
