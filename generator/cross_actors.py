"""Actor identity across briefings: one entry (one actor page) per real-world actor.

A pure function of the briefings. The entry's slug comes from its canonical
name, so it is stable across regenerations of the same seeds.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import Actor, Briefing
from .seeds import slugify


@dataclass
class ActorEntry:
    """One actor across all briefings (one actor page)."""

    key: str
    slug: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    #: (briefing, the actor as that briefing has it), newest briefing first.
    appearances: list[tuple[Briefing, Actor]] = field(default_factory=list)


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def sort_newest_first(briefings: list[Briefing]) -> list[Briefing]:
    return sorted(briefings, key=lambda b: (b.date, b.id), reverse=True)


def merge_actors(briefings: list[Briefing]) -> dict[str, ActorEntry]:
    """One entry per real-world actor across briefings, keyed by name key.

    Actors match across briefings when their names have the same key, or when a
    one-word name of a person is the last word of exactly one longer person name.
    """
    by_key: dict[str, list[tuple[Briefing, Actor]]] = defaultdict(list)
    for b in sort_newest_first(briefings):
        for a in b.actors:
            by_key[name_key(a.name)].append((b, a))
    # Attach surname-only person keys to the single full name that ends with them.
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key, items in by_key.items():
        if " " in key and items[0][1].type == "person":
            full_by_last[key.split()[-1]].add(key)
    for key in sorted(by_key):
        items = by_key[key]
        if " " not in key and items[0][1].type == "person" and len(full_by_last[key]) == 1:
            target = next(iter(full_by_last[key]))
            by_key[target].extend(items)
            del by_key[key]
    entries: dict[str, ActorEntry] = {}
    used_slugs: set[str] = set()
    for key in sorted(by_key, key=lambda k: (-len(by_key[k]), k)):
        items = sorted(by_key[key], key=lambda ba: (ba[0].date, ba[0].id), reverse=True)
        names = Counter(a.name for _, a in items)
        name = max(names, key=lambda n: (len(n.split()), names[n], n))
        types = Counter(a.type for _, a in items)
        slug = slugify(name)
        while slug in used_slugs or slug == "index":
            slug = f"{slug}-{types.most_common(1)[0][0]}"
        used_slugs.add(slug)
        entry = ActorEntry(
            key=key, slug=slug, name=name, type=types.most_common(1)[0][0], appearances=items
        )
        for _, a in items:
            entry.aliases.update(a.aliases)
            if a.role:
                entry.roles[a.role] += 1
        entries[key] = entry
    return entries


def actor_lookup(entries: dict[str, ActorEntry]) -> dict[tuple[str, str], ActorEntry]:
    """(briefing id, actor name) → the cross-article entry it belongs to."""
    out: dict[tuple[str, str], ActorEntry] = {}
    for entry in entries.values():
        for b, a in entry.appearances:
            out[(b.id, a.name)] = entry
    return out
