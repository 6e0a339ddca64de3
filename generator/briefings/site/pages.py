"""The site: briefing pages and the pages that cut across briefings.

Everything here is computed from :class:`~briefings.model.Briefing` values alone
(read everything, then generate, then write), so cached extraction results
rebuild the whole site without the language model. The output is a list of
:class:`SitePage` (URI relative to ``docs/`` and content); the MkDocs plugin
serves them as virtual files, ``briefings generate --out`` writes them to disk.

Pages link to each other with relative Markdown links to ``.md`` sources, so
MkDocs checks every link in ``--strict`` builds and writes the right URL for
either ``use_directory_urls`` setting.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from briefings.model import JSON_SCHEMA, Briefing, Event
from briefings.site import feeds as feed
from briefings.site.actor_pages import (
    ACTOR_BRIEFINGS,
    actor_link,
    actor_uri,
    actors_index_pages,
    briefing_count,
    has_page,
    mention_count,
    newest_events,
)
from briefings.site.actors import ActorEntry, actor_lookup, merge_actors, sort_newest_first
from briefings.site.briefing_index_pages import briefings_index_pages
from briefings.site.render import Renderer, Trusted
from briefings.site.story_analysis import key_dates
from briefings.site.story_pages import site_stories, story_uri, story_views
from briefings.site.timeline import group_timeline, merge_timeline
from briefings.site.timeline_pages import timeline_pages

BRIEFINGS_DIR = "briefings"
HOME_URI = "index.md"
BRIEFINGS_INDEX_URI = f"{BRIEFINGS_DIR}/index.md"
#: The hand-written home page may hold this marker; the latest briefings replace it.
HOME_MARKER = "<!-- briefings:latest -->"
#: Briefings shown on the home page; all of them are on the briefings index.
HOME_LATEST = 20
#: Actor chips per briefing on the home page and co-occurring actors per actor page.
HOME_CHIPS = 5
RELATED_ACTORS = 12
#: Key dates an actor page shows: days two or more of its briefings report.
ACTOR_KEY_DATES = 5
#: Reading speed behind the "min read" figure.
WORDS_PER_MINUTE = 220


@dataclass(frozen=True)
class SitePage:
    """One generated file: a Markdown page (or JSON), and whether it belongs in the nav."""

    uri: str
    content: str
    in_nav: bool = False


def briefing_uri(briefing_id: str) -> Trusted:
    return Trusted(f"{BRIEFINGS_DIR}/{briefing_id}.md")


def _rel(from_uri: str, to_uri: str) -> Trusted:
    """Relative Markdown link from one generated page to another (both docs-relative)."""
    depth = from_uri.count("/")
    return Trusted("../" * depth + to_uri)


def reading_minutes(words: int) -> int:
    """Minutes to read an article of ``words`` words (at least one)."""
    return max(1, -(-words // WORDS_PER_MINUTE))


def _plain_words(text: str) -> str:
    return " ".join(text.split()).rstrip(" .;:,!?").casefold()


def is_verbatim(text: str, *sources: str | None) -> bool:
    """Whether ``text`` is the article's own wording: a run of one of its sentences.

    Summary sentences, the bottom line and event texts are drawn from sentences and
    may be rewritten (dates stated, linking words dropped, clauses shortened); the
    pages mark the rewritten ones. Case, spacing and end punctuation do not count.
    """
    words = _plain_words(text)
    return bool(words) and any(s and words in _plain_words(s) for s in sources)


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


def actor_events(entry: ActorEntry) -> list[tuple[Briefing, Event]]:
    """The dated events whose evidence sentence names the actor, across briefings."""
    events = [
        (b, e)
        for b, a in entry.appearances
        for e in b.events
        if any(alias in e.evidence.text for alias in (a.name, *a.aliases))
    ]
    events.sort(key=lambda be: (be[1].date, be[0].id, be[1].evidence.sentence))
    return events


def _with_events_only(events: list[tuple[Briefing, Event]]) -> list[Briefing]:
    """Each briefing of ``events`` holding only those of its events."""
    kept: dict[str, tuple[Briefing, list[Event]]] = {}
    for b, e in events:
        kept.setdefault(b.id, (b, []))[1].append(e)
    return [replace(b, events=tuple(evs)) for b, evs in kept.values()]


def co_occurrence(
    briefings: list[Briefing], lookup: dict[tuple[str, str], ActorEntry]
) -> dict[str, Counter[str]]:
    """For each actor key, how many briefings it shares with each other actor."""
    co: dict[str, Counter[str]] = defaultdict(Counter)
    for b in briefings:
        keys = {lookup[(b.id, a.name)].key for a in b.actors}
        for k in keys:
            co[k].update(keys - {k})
    return co


def build_site(
    briefings: list[Briefing],
    renderer: Renderer,
    errors: list[str] | None = None,
    *,
    site_name: str = "Briefings",
    site_url: str | None = None,
    directory_urls: bool = True,
) -> Site:
    """Every generated page of the site, in a deterministic order."""
    errors = errors or []
    briefings = sort_newest_first(briefings)
    entries = merge_actors(briefings)
    lookup = actor_lookup(entries)
    timeline = merge_timeline(briefings)
    pages: list[SitePage] = []
    texts: dict[str, dict[int, str]] = {}

    def sentence_texts(b: Briefing) -> dict[int, str]:
        """Each sentence of a briefing by number, for the evidence tooltips (built once)."""
        if b.id not in texts:
            texts[b.id] = {s.index: s.text for s in b.sentences}
        return texts[b.id]

    ctx = {
        "sentence_texts": sentence_texts,
        "is_verbatim": is_verbatim,
        "rel": _rel,
        "briefing_uri": briefing_uri,
        "actor_uri": actor_uri,
        "actor_link": actor_link,
        "lookup": lookup,
        "reading_minutes": reading_minutes,
        "briefing_count": briefing_count,
        "mention_count": mention_count,
    }

    # Stories of two or more briefings (site/story_pages.py): each briefing links its own.
    views = story_views(briefings, lookup)
    story_of = {b.id: view for view in views for b in view.story.briefings}
    for b in briefings:
        uri = briefing_uri(b.id)
        # An actor named in this briefing alone has no page: its name is not linked.
        actor_links = {a.name: actor_link(uri, lookup[(b.id, a.name)]) for a in b.actors}
        story = story_of.get(b.id)
        content = renderer.render(
            "briefing.md.j2",
            b=b,
            uri=uri,
            actor_links=actor_links,
            story=story,
            story_link=_rel(uri, story_uri(story.story.id)) if story else None,
            json_name=Trusted(f"{b.id}.json"),
            **ctx,
        )
        pages.append(SitePage(uri, content))
        pages.append(SitePage(f"{BRIEFINGS_DIR}/{b.id}.json", b.to_json()))

    co = co_occurrence(briefings, lookup)
    for entry in entries.values():
        if not has_page(entry):
            continue
        # The first few of sorted(...): a much-named actor shares briefings with thousands.
        related = heapq.nsmallest(
            RELATED_ACTORS, co[entry.key].items(), key=lambda kv: (-kv[1], entries[kv[0]].name)
        )
        uri = actor_uri(entry)
        events = actor_events(entry)
        # The days most of its briefings report of it, ranked as a story's key dates are.
        ranked = key_dates(_with_events_only(events), top=ACTOR_KEY_DATES)
        content = renderer.render(
            "actor.md.j2",
            entry=entry,
            uri=uri,
            appearances=entry.appearances[:ACTOR_BRIEFINGS],
            events=newest_events(events),
            n_events=len(events),
            key_dates=[kd for kd in ranked if kd.weight > 1],
            related=[(entries[k], n) for k, n in related],
            **ctx,
        )
        pages.append(SitePage(uri, content))

    # The actors index, the timeline and the briefings index as pages of a bounded size.
    for page_uri, content, in_nav in (
        *actors_index_pages(entries, renderer, ctx),
        *timeline_pages(group_timeline(timeline), renderer, ctx, directory_urls),
        *briefings_index_pages(briefings, renderer, ctx),
    ):
        pages.append(SitePage(page_uri, content, in_nav))
    # The story pages, and a home block that is empty when there is none.
    story_pages, story_home = site_stories(views, renderer, ctx, directory_urls)
    pages.extend(SitePage(uri, content, in_nav) for uri, content, in_nav in story_pages)
    latest = story_home + renderer.render(
        "home_latest.md.j2",
        briefings=briefings,
        latest=briefings[:HOME_LATEST],
        chips=HOME_CHIPS,
        uri=HOME_URI,
        n_actors=len(entries),
        n_events=len(timeline),
        n_questions=sum(len(b.questions) for b in briefings),
        **ctx,
    )
    if errors:
        pages.append(SitePage("errors.md", renderer.render("errors.md.j2", errors=errors), True))
    pages.append(SitePage("schema/briefing-1.json", json.dumps(JSON_SCHEMA, indent=2) + "\n"))
    atom = feed.atom_feed(
        briefings, site_name=site_name, site_url=site_url, directory_urls=directory_urls
    )
    json_feed = feed.json_feed(
        briefings, site_name=site_name, site_url=site_url, directory_urls=directory_urls
    )
    pages.append(SitePage(feed.ATOM_URI, atom))
    pages.append(SitePage(feed.JSON_FEED_URI, json_feed))
    return Site(pages=tuple(pages), home_fragment=latest)
