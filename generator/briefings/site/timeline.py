"""The merged timeline: every event of every briefing, the same event grouped.

Several seeds often report one event ("talks collapsed on 8 March") in
different words. Two events are grouped when they carry the same date and
their descriptions share most of their content words (stop words dropped,
plurals and verb endings stripped), so the merged timeline shows the event
once and cites every briefing that reports it. Works on :class:`Briefing`
values alone (no language model), so cached briefings build the page too.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from briefings.ingest.seed_text import english_stop_words
from briefings.model import Briefing, Event

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
#: Share of the shorter description's content words the two must have in common.
SHARED_WORDS = 0.6


@dataclass(frozen=True)
class TimelineItem:
    """One event on the merged timeline; the same event of several briefings grouped."""

    date: str
    approximate: bool
    expected: bool
    text: str
    sources: tuple[tuple[Briefing, Event], ...]
    #: The event's precision ("day" … "decade"): a decade is shown as "1990s", not "1990".
    precision: str = ""


def _stem(word: str) -> str:
    """A crude English suffix stripper: enough to match "talks"/"talk", "collapsed"/"collapse"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """Stemmed, lower-cased content words of an event description (memoised: events
    are compared pairwise)."""
    stop = english_stop_words()
    words = (m.group(0).lower().replace("’", "'") for m in _WORD.finditer(text))
    return frozenset(_stem(w) for w in words if w not in stop and len(w) > 1)


def same_event(a: Event, b: Event) -> bool:
    """Same date and descriptions sharing most of their content words."""
    if a.date != b.date:
        return False
    wa, wb = content_words(a.text), content_words(b.text)
    shared = len(wa & wb)
    return shared >= 2 and shared >= SHARED_WORDS * min(len(wa), len(wb))


def merge_timeline(briefings: list[Briefing]) -> list[TimelineItem]:
    """All events of all briefings by date; the same event reported twice grouped."""
    by_date: dict[str, list[tuple[Briefing, Event]]] = defaultdict(list)
    for b in sorted(briefings, key=lambda b: b.id):
        for e in b.events:
            by_date[e.date].append((b, e))
    items = []
    for date, members in by_date.items():
        for group in _groups(members):
            first = group[0][1]
            items.append(
                TimelineItem(
                    date=date,
                    approximate=all(e.approximate for _, e in group),
                    expected=any(e.expected for _, e in group),
                    text=first.text,
                    sources=tuple(group),
                    precision=first.precision,
                )
            )
    items.sort(key=lambda it: (it.date, it.text, it.sources[0][0].id))
    return items


def _groups(members: list[tuple[Briefing, Event]]) -> list[list[tuple[Briefing, Event]]]:
    """Connected groups of same-event pairs (union-find), in input order."""
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if same_event(members[i][1], members[j][1]):
                parent[root(j)] = root(i)
    groups: dict[int, list[tuple[Briefing, Event]]] = defaultdict(list)
    for i, member in enumerate(members):
        groups[root(i)].append(member)
    return list(groups.values())


@dataclass(frozen=True)
class TimelineMonth:
    """Events of one month (``key`` ``YYYY-MM``), or the year-only events (``key`` ``YYYY``)."""

    key: str
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class TimelineYear:
    year: str
    #: Year-precision events first (they sort before every month), then each month.
    months: tuple[TimelineMonth, ...]


def group_timeline(items: list[TimelineItem]) -> list[TimelineYear]:
    """Timeline items under year and month headings, in date order."""
    years: dict[str, dict[str, list[TimelineItem]]] = {}
    for it in items:
        year = it.date[:4]
        key = it.date[:7]
        years.setdefault(year, {}).setdefault(key, []).append(it)
    return [
        TimelineYear(year, tuple(TimelineMonth(k, tuple(v)) for k, v in sorted(months.items())))
        for year, months in sorted(years.items())
    ]
