"""The site: briefing pages and the pages that cut across briefings.

Everything here is computed from :class:`~generator.model.Briefing` values alone
(read everything, then generate, then write), so cached extraction results
rebuild the whole site without the language model. The output is a list of
:class:`SitePage` (URI relative to ``docs/`` and content); the MkDocs plugin
serves them as virtual files, ``briefings generate --out`` writes them to disk.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import JSON_SCHEMA, Actor, Briefing, Event
from .render import Renderer, Trusted
from .seeds import slugify

BRIEFINGS_DIR = "briefings"
ACTORS_DIR = "actors"
TIMELINE_URI = "timeline.md"
HOME_URI = "index.md"
#: The hand-written home page may hold this marker; the latest briefings replace it.
HOME_MARKER = "<!-- briefings:latest -->"


@dataclass(frozen=True)
class SitePage:
    """One generated file: a Markdown page (or JSON), and whether it belongs in the nav."""

    uri: str
    content: str
    in_nav: bool = False


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

    @property
    def uri(self) -> Trusted:
        return Trusted(f"{ACTORS_DIR}/{self.slug}.md")


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def briefing_uri(briefing_id: str) -> Trusted:
    return Trusted(f"{BRIEFINGS_DIR}/{briefing_id}.md")


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


def _rel(from_uri: str, to_uri: str) -> Trusted:
    """Relative Markdown link from one generated page to another (both docs-relative)."""
    depth = from_uri.count("/")
    return Trusted("../" * depth + to_uri)


@dataclass(frozen=True)
class Site:
    """The generated pages, and the block of latest briefings for the home page."""

    pages: tuple[SitePage, ...]
    home_fragment: str

    def home_page(self, home_text: str | None) -> str:
        """The home page: hand-written text with the latest briefings at the marker."""
        if not home_text:
            return "# Briefings\n\n" + self.home_fragment
        if HOME_MARKER in home_text:
            return home_text.replace(HOME_MARKER, self.home_fragment)
        return home_text.rstrip() + "\n\n" + self.home_fragment


def build_site(
    briefings: list[Briefing],
    renderer: Renderer,
    errors: list[str] | None = None,
) -> Site:
    """Every generated page of the site, in a deterministic order."""
    errors = errors or []
    briefings = sort_newest_first(briefings)
    entries = merge_actors(briefings)
    lookup = actor_lookup(entries)
    timeline = merge_timeline(briefings)
    pages: list[SitePage] = []
    ctx = {"rel": _rel, "briefing_uri": briefing_uri}
    for b in briefings:
        uri = briefing_uri(b.id)
        actor_links = {a.name: _rel(uri, lookup[(b.id, a.name)].uri) for a in b.actors}
        pages.append(
            SitePage(
                uri,
                renderer.render(
                    "briefing.md.j2",
                    b=b,
                    uri=uri,
                    actor_links=actor_links,
                    json_name=Trusted(f"{b.id}.json"),
                    **ctx,
                ),
            )
        )
        pages.append(SitePage(f"{BRIEFINGS_DIR}/{b.id}.json", b.to_json()))
    co: dict[str, Counter[str]] = defaultdict(Counter)
    for b in briefings:
        keys = {lookup[(b.id, a.name)].key for a in b.actors}
        for k in keys:
            co[k].update(keys - {k})
    for entry in entries.values():
        events = [
            (b, e)
            for b, a in entry.appearances
            for e in b.events
            if any(alias in e.evidence.text for alias in a.aliases)
        ]
        events.sort(key=lambda be: (be[1].date, be[0].id, be[1].evidence.sentence))
        related = [
            (entries[k], n)
            for k, n in sorted(co[entry.key].items(), key=lambda kv: (-kv[1], kv[0]))
        ][:12]
        pages.append(
            SitePage(
                entry.uri,
                renderer.render(
                    "actor.md.j2", entry=entry, uri=entry.uri, events=events, related=related, **ctx
                ),
            )
        )
    by_type: dict[str, list[ActorEntry]] = defaultdict(list)
    for entry in entries.values():
        by_type[entry.type].append(entry)
    for group in by_type.values():
        group.sort(key=lambda e: (-len({b.id for b, _ in e.appearances}), e.name))
    actors_index = f"{ACTORS_DIR}/index.md"
    pages.append(
        SitePage(
            actors_index,
            renderer.render(
                "actors_index.md.j2", by_type=dict(sorted(by_type.items())), uri=actors_index, **ctx
            ),
            in_nav=True,
        )
    )
    pages.append(
        SitePage(
            TIMELINE_URI,
            renderer.render("timeline.md.j2", items=timeline, uri=TIMELINE_URI, **ctx),
            in_nav=True,
        )
    )
    briefings_index = f"{BRIEFINGS_DIR}/index.md"
    pages.append(
        SitePage(
            briefings_index,
            renderer.render(
                "briefings_index.md.j2", briefings=briefings, uri=briefings_index, **ctx
            ),
            in_nav=True,
        )
    )
    latest = renderer.render(
        "home_latest.md.j2",
        briefings=briefings,
        uri=HOME_URI,
        n_actors=len(entries),
        n_events=sum(len(b.events) for b in briefings),
        lookup=lookup,
        **ctx,
    )
    if errors:
        pages.append(SitePage("errors.md", renderer.render("errors.md.j2", errors=errors), True))
    pages.append(SitePage("schema/briefing-1.json", json.dumps(JSON_SCHEMA, indent=2) + "\n"))
    return Site(pages=tuple(pages), home_fragment=latest)
