"""Timeline: dated events, dates resolved against the article's publication date.

A pure function of the parsed article. Date expressions come from spaCy's DATE
entities; each is resolved by rules anchored at the publication date (or, for
"the day before X", at the date of event X). Durations and ages are not dates,
and precision is never invented: "in February" stays ``YYYY-MM``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import Event, Evidence
from .nlp import ParsedArticle

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH = re.compile(rf"^(?:(?:early|late|mid|mid-)\s*)?({_MONTH_RE})$", re.I)
_YEAR = re.compile(r"^(?:in\s+)?(?:the\s+end\s+of\s+)?(\d{4})$", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|"
    r"more than|less than|hours?|minutes?)\b.*\b(?:days?|weeks?|months?|years?|hours?|decades?)\b"
    r"(?!\s+(?:ago|later|earlier|before|after))",
    re.I,
)


def _dated(year: int, month: int, day: int | None) -> str | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int | None, pub: dt.date, future: bool) -> int:
    """Pick the year of a month(-day) with no year: nearest in the clause's direction."""
    y = pub.year
    candidate = dt.date(y, month, min(day or 1, 28))
    if future:
        return y if candidate >= pub.replace(day=1) else y + 1
    return y if candidate <= pub else y - 1


def _is_future(sent_text: str) -> bool:
    return bool(
        re.search(
            r"\b(will|shall|is expected to|are expected to|plans? to|scheduled)\b", sent_text, re.I
        )
    )


def resolve(expr: str, pub: dt.date, future: bool = False) -> tuple[str, bool] | None:
    """Resolve one date expression to (ISO value, approximate) or None."""
    e = expr.strip().lower()
    e = re.sub(r"^(?:on|in|since|by|until|the)\s+", "", e)
    if e in ("today", "this morning", "this afternoon", "tonight", "this evening"):
        return pub.isoformat(), False
    if e == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat(), False
    if e == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat(), False
    if e in WEEKDAYS:
        delta = (pub.weekday() - WEEKDAYS[e]) % 7
        if future:
            delta = -((WEEKDAYS[e] - pub.weekday()) % 7 or 7)
        return (pub - dt.timedelta(days=delta)).isoformat(), False
    if e in ("last week", "the past week"):
        return (pub - dt.timedelta(days=7)).isoformat()[:7], True
    if e in ("last month",):
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", False
    if e in ("last year",):
        return f"{pub.year - 1:04d}", False
    if e in ("next year",):
        return f"{pub.year + 1:04d}", False
    if e in ("this year",):
        return f"{pub.year:04d}", False
    if m := _ISO.search(e):
        v = _dated(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (v, False) if v else None
    if m := _DAY_MONTH.search(e):
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
        year = int(m.group(3)) if m.group(3) else _year_for(month, day, pub, future)
        v = _dated(year, month, day)
        return (v, False) if v else None
    if m := _MONTH_DAY.search(e):
        month, day = MONTHS[m.group(1).lower()], int(m.group(2))
        if day > 31:
            m2 = _MONTH_YEAR.search(e)
            if m2:
                return f"{int(m2.group(2)):04d}-{MONTHS[m2.group(1).lower()]:02d}", False
            return None
        year = int(m.group(3)) if m.group(3) else _year_for(month, day, pub, future)
        v = _dated(year, month, day)
        return (v, False) if v else None
    if m := _MONTH_YEAR.search(e):
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}", False
    if m := _MONTH.match(e):
        month = MONTHS[m.group(1).lower()]
        year = _year_for(month, None, pub, future)
        return f"{year:04d}-{month:02d}", e != m.group(1)
    if m := _YEAR.match(e):
        return m.group(1), False
    return None


def _clause(span_sent, ent) -> str:
    """The clause around a date expression: its governing verb's subtree, one line."""
    root = ent.root
    head = root.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    tokens = list(head.subtree) if head.pos_ in ("VERB", "AUX") else list(span_sent)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    text = span_sent.doc[start:end].text.strip(" ,;")
    text = re.sub(r"\s+", " ", text)
    if len(text.split()) < 4:
        text = span_sent.text.strip()
    return text


def extract_events(article: ParsedArticle) -> tuple[Event, ...]:
    """Dated events of the article, sorted by date then by position."""
    pub = article.date
    found: list[tuple[str, int, Event]] = []
    for ent in article.doc.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text
        sent = ent.sent
        if _DURATION.search(text):
            continue
        future = _is_future(sent.text)
        resolved = resolve(text, pub, future)
        if resolved is None:
            continue
        value, approx = resolved
        n = article.sentence_number(ent.start)
        event = Event(
            date=value,
            approximate=approx,
            text=_clause(sent, ent),
            evidence=Evidence(n, article.sentences[n - 1].text),
            expected=future and value >= pub.isoformat()[: len(value)],
        )
        found.append((value, ent.start, event))
    seen: set[tuple[str, int]] = set()
    events: list[Event] = []
    for value, _, ev in sorted(found, key=lambda x: (x[0], x[1])):
        key = (value, ev.evidence.sentence)
        if key in seen:
            continue
        seen.add(key)
        events.append(ev)
    return tuple(events)
