"""Actor identity across briefings: one entry (one actor page) per real-world actor.

A pure function of the briefings. Two briefings' actors are one entry when

* their names agree up to case, accents and punctuation, or a proper name of one
  ("FARC", "Volodymyr Zelensky") is a name or alias of the other, and their
  types agree;
* one is a surname-only person ("Zelensky") and exactly one full name across
  the briefings ends with it;
* they are people whose names differ in one word written two ways
  ("Zelensky"/"Zelenskyy"): rapidfuzz similarity, as within an article.

Actors named by a common noun join only when qualified by a name ("Colombian
army") and on that name alone: "the government" of one article is not the
government of another.

The entry's name is the fullest proper name any briefing gives it (ties: the one
most briefings use, then the earliest briefing's), and its slug comes from that
name, so it is the same on every regeneration of the same seeds.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from briefings.extract.actors.identity import word_variants
from briefings.ingest.seed_files import slugify
from briefings.model import Actor, ActorType, Briefing


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


@functools.lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name (memoised: a site build
    asks for the same names again and again)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def sort_newest_first(briefings: list[Briefing]) -> list[Briefing]:
    return sorted(briefings, key=lambda b: (b.date, b.id), reverse=True)


#: Types that may name the same actor: the model confuses a country with its place.
_COMPATIBLE = {
    "person": {"person"},
    "organization": {"organization"},
    "country": {"country", "place"},
    "place": {"place", "country"},
    "group": {"group"},
}


def descriptive(actor: Actor) -> bool:
    """An actor the article names by a common noun ("Government", "Religious schools")."""
    last = actor.name.split()[-1]
    return last[:1].islower() or any(
        a != actor.name and a.lower() == actor.name.lower() for a in actor.aliases
    )


def _qualified_by_name(actor: Actor) -> bool:
    """A common noun qualified by a proper word in the text: "the Colombian army"."""
    for alias in actor.aliases:
        if alias == actor.name:
            continue  # the canonical name is capitalised for display
        # Words between the first (a determiner, or capitalised by its sentence)
        # and the head noun: "The Colombian army".
        if any(w[:1].isupper() for w in alias.split()[1:-1]):
            return True
    return False


def identifying_names(actor: Actor) -> set[str]:
    """Keys of the names that identify ``actor`` beyond its article.

    The canonical name always; an alias only when it is a proper name of two or
    more capitalised words ("Volodymyr Zelensky") or an acronym ("FARC"). A
    one-word alias ("Court", "Trump") or a common-noun one ("the government")
    could be anyone elsewhere.
    """
    if descriptive(actor):
        # "the government" of one article is not the government of another; a
        # qualified one ("Colombian army") may be the same group.
        return {name_key(actor.name)} if _qualified_by_name(actor) else set()
    keys = {name_key(actor.name)}
    if actor.type == "group":
        return keys
    for alias in actor.aliases:
        words = alias.split()
        proper = len(words) >= 2 and all(w[:1].isupper() for w in words)
        acronym = len(words) == 1 and alias.isupper() and len(alias) >= 2
        if proper or acronym:
            keys.add(name_key(alias))
    return keys - {""}


class _Links:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _compatible(a: Actor, b: Actor) -> bool:
    return b.type in _COMPATIBLE.get(a.type, {a.type})


def _matching_last_words(key: str, by_last: dict[str, list[int]]) -> list[str]:
    """Last words of full names that a one-word name ``key`` can stand for: the same
    word, or a spelling variant of it (:func:`word_variants`)."""
    out = []
    for last in by_last:
        if last == key:
            out.append(last)
            continue
        # A variant is a stray "s" or a fuzzy match (rapidfuzz ratio >= 88 needs
        # lengths within a factor of 0.78): skip words too different in length.
        short, long = sorted((len(last), len(key)))
        if long - short > 1 and short < 0.78 * long:
            continue
        if word_variants(key, last):
            out.append(last)
    return out


def merge_actors(briefings: list[Briefing]) -> dict[str, ActorEntry]:
    """One entry per real-world actor across briefings, keyed by the entry's name key."""
    items = [(b, a) for b in sort_newest_first(briefings) for a in b.actors]
    links = _Links(len(items))
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, (_, a) in enumerate(items):
        for key in identifying_names(a):
            by_name[key].append(i)
    for idxs in by_name.values():
        for i in idxs[1:]:
            if _compatible(items[idxs[0]][1], items[i][1]):
                links.union(idxs[0], i)
    people = [i for i, (_, a) in enumerate(items) if a.type == "person"]
    words = {i: name_key(items[i][1].name).split() for i in people}
    full = [i for i in people if len(words[i]) > 1]
    # Full names written two ways: "Volodymyr Zelensky" / "Volodymyr Zelenskyy".
    # Spelling variants differ in exactly one word, so only names equal but for
    # the word at some position can be variants: compare within those buckets
    # (all pairs would be quadratic in the mentions of a large archive).
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in full:
        by_key[tuple(words[i])].append(i)
    buckets: dict[tuple[int, tuple[str, ...], tuple[str, ...]], list[tuple[str, ...]]] = (
        defaultdict(list)
    )
    for name_words in by_key:
        for p in range(len(name_words)):
            buckets[(p, name_words[:p], name_words[p + 1 :])].append(name_words)
    for (p, _, _), keys in buckets.items():
        for n, ka in enumerate(keys):
            for kb in keys[n + 1 :]:
                # Names of one bucket differ in the word at position p alone, so they
                # are variants exactly when those two words are (in either order).
                if word_variants(ka[p], kb[p]):
                    for j in (*by_key[ka], *by_key[kb]):
                        links.union(by_key[ka][0], j)
    # A surname alone joins the one person whose full name ends with it.
    by_last: dict[str, list[int]] = defaultdict(list)
    for j in full:
        by_last[words[j][-1]].append(j)
    matching_lasts: dict[str, list[str]] = {}
    for i in people:
        if len(words[i]) > 1:
            continue
        key = name_key(items[i][1].name)
        if key not in matching_lasts:
            matching_lasts[key] = _matching_last_words(key, by_last)
        targets = {links.find(j) for last in matching_lasts[key] for j in by_last[last]}
        if len(targets) == 1:
            links.union(i, targets.pop())
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[links.find(i)].append(i)
    return _entries([[items[i] for i in idxs] for idxs in groups.values()])


def _entries(groups: list[list[tuple[Briefing, Actor]]]) -> dict[str, ActorEntry]:
    """Name, slug and contents of each entry; slugs unique and deterministic."""
    made: list[tuple[str, ActorType, list[tuple[Briefing, Actor]]]] = []
    for group in groups:
        group.sort(key=lambda ba: (ba[0].date, ba[0].id), reverse=True)
        names = Counter(a.name for _, a in group)
        first_seen = {a.name: k for k, (_, a) in enumerate(reversed(group))}
        name = max(names, key=lambda n: (len(n.split()), names[n], -first_seen[n], n))
        types = Counter(a.type for _, a in group)
        atype = max(types, key=lambda t: (types[t], t))
        made.append((name, atype, group))
    entries: dict[str, ActorEntry] = {}
    used_slugs: set[str] = set()

    def oldest(group: list[tuple[Briefing, Actor]]) -> tuple[str, str]:
        return group[-1][0].date, group[-1][0].id  # groups are sorted newest first

    # Most-covered actors pick their slugs first, so a clash renames the rarer one;
    # between equals, the one seen first. An actor page keeps its address when
    # newer seeds arrive: a name many entries share ("the government" of many
    # articles) gets, after the type, the id of the entry's first briefing, not
    # a counter that every new entry of that name would shift.
    ranked = sorted(made, key=lambda m: (-len(m[2]), name_key(m[0]), m[1], oldest(m[2])))
    for name, atype, group in ranked:
        slug = base = slugify(name)
        if slug in used_slugs or slug == "index":
            slug = base = f"{base}-{atype}"
        if slug in used_slugs:
            slug = base = f"{base}-{oldest(group)[1]}"
        n = 2
        while slug in used_slugs:
            slug = f"{base}-{n}"
            n += 1
        used_slugs.add(slug)
        key = name_key(name)
        if key in entries:
            key = f"{key} ({atype})"
        n = 2
        while key in entries:
            key = f"{name_key(name)} ({atype} {n})"
            n += 1
        entry = ActorEntry(key=key, slug=slug, name=name, type=atype, appearances=group)
        for _, a in group:
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
