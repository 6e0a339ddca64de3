"""The site: briefing pages and the pages that cut across briefings.

Everything here is computed from :class:`~generator.model.Briefing` values alone
(read everything, then generate, then write), so cached extraction results
rebuild the whole site without the language model. The output is a list of
:class:`SitePage` (URI relative to ``docs/`` and content); the MkDocs plugin
serves them as virtual files, ``briefings generate --out`` writes them to disk.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .cross_actors import ActorEntry, actor_lookup, merge_actors, sort_newest_first
from .cross_timeline import merge_timeline
from .model import JSON_SCHEMA, Briefing
from .render import Renderer, Trusted

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


def briefing_uri(briefing_id: str) -> Trusted:
    return Trusted(f"{BRIEFINGS_DIR}/{briefing_id}.md")


def actor_uri(entry: ActorEntry) -> Trusted:
    return Trusted(f"{ACTORS_DIR}/{entry.slug}.md")


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
    ctx = {"rel": _rel, "briefing_uri": briefing_uri, "actor_uri": actor_uri}
    for b in briefings:
        uri = briefing_uri(b.id)
        actor_links = {a.name: _rel(uri, actor_uri(lookup[(b.id, a.name)])) for a in b.actors}
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
                actor_uri(entry),
                renderer.render(
                    "actor.md.j2",
                    entry=entry,
                    uri=actor_uri(entry),
                    events=events,
                    related=related,
                    **ctx,
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
