"""The merged timeline: every event of every briefing, identical events grouped."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .cross_actors import name_key
from .model import Briefing, Event


@dataclass(frozen=True)
class TimelineItem:
    """One event on the merged timeline; identical events of several briefings grouped."""

    date: str
    approximate: bool
    expected: bool
    text: str
    sources: tuple[tuple[Briefing, Event], ...]


def merge_timeline(briefings: list[Briefing]) -> list[TimelineItem]:
    """All events of all briefings by date; same date and same wording grouped."""
    groups: dict[tuple[str, str], list[tuple[Briefing, Event]]] = defaultdict(list)
    for b in sorted(briefings, key=lambda b: b.id):
        for e in b.events:
            groups[(e.date, name_key(e.text))].append((b, e))
    items = []
    for (date, _), members in groups.items():
        first = members[0][1]
        items.append(
            TimelineItem(
                date=date,
                approximate=all(e.approximate for _, e in members),
                expected=any(e.expected for _, e in members),
                text=first.text,
                sources=tuple(members),
            )
        )
    items.sort(key=lambda it: (it.date, it.text))
    return items
