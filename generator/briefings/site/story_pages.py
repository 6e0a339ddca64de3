"""Story pages, their ``story/1`` JSON, redirects of merged stories and the home section.

One page per story of two or more briefings (``stories/<id>/``), its JSON next
to it (``stories/<id>.json``, JSON Schema at ``schema/story-1.json``), an index
of every story, and a block of the most recently active stories for the home
page. Every other member id of a story gets a small static redirect page
(``stories/<member>/``): a story that merged into an older one was published
under one of those ids, so its old address still arrives.

A site without a story of two or more briefings gets none of these pages but
the schema, and its home page is unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from briefings.model import Briefing
from briefings.site.actors import ActorEntry
from briefings.site.render import Renderer, Trusted
from briefings.site.stories import Story
from briefings.site.story_analysis import (
    KeyDate,
    StoryQuestion,
    WhatsNew,
    central_briefing,
    key_dates,
    story_questions,
    whats_new,
)

STORIES_DIR = "stories"
STORIES_INDEX_URI = f"{STORIES_DIR}/index.md"
SCHEMA = "story/1"
SCHEMA_URI = "schema/story-1.json"
#: Key dates a story page shows (the JSON carries them all).
PAGE_KEY_DATES = 12
#: Key actors a story page and its JSON list.
STORY_ACTORS = 10
#: Stories on the home page, most recently active first.
HOME_STORIES = 5


def story_uri(story_id: str) -> Trusted:
    return Trusted(f"{STORIES_DIR}/{story_id}.md")


@dataclass(frozen=True)
class StoryView:
    """Everything a story page and its JSON show, computed once."""

    story: Story
    title: str
    bottom_line: str | None
    key_dates: tuple[KeyDate, ...]
    actors: tuple[tuple[ActorEntry, int], ...]
    questions: tuple[StoryQuestion, ...]
    new: WhatsNew


def story_actors(
    story: Story, lookup: dict[tuple[str, str], ActorEntry]
) -> list[tuple[ActorEntry, int]]:
    """The story's actors (one entry each) by how many of its briefings name them."""
    counts: dict[str, tuple[ActorEntry, set[str], int]] = {}
    for b in story.briefings:
        for a in b.actors:
            entry = lookup[(b.id, a.name)]
            _, seen, mentions = counts.get(entry.key, (entry, set(), 0))
            counts[entry.key] = (entry, seen | {b.id}, mentions + a.mentions)
    ranked = sorted(counts.values(), key=lambda v: (-len(v[1]), -v[2], v[0].name))
    shared = [v for v in ranked if len(v[1]) > 1]  # one briefing's actor is not the story's
    ranked = shared or ranked[:3]
    return [(entry, len(seen)) for entry, seen, _ in ranked[:STORY_ACTORS]]


def story_view(story: Story, lookup: dict[tuple[str, str], ActorEntry]) -> StoryView:
    latest = story.latest
    bottom = latest.bottom_line or (latest.summary[0].text if latest.summary else None)
    return StoryView(
        story=story,
        title=central_briefing(story).title,
        bottom_line=bottom,
        key_dates=tuple(key_dates(list(story.briefings))),
        actors=tuple(story_actors(story, lookup)),
        questions=tuple(story_questions(story)),
        new=whats_new(story),
    )


def _report(b: Briefing, sentence: int) -> dict[str, Any]:
    return {"briefing": b.id, "sentence": sentence}


def key_date_dict(kd: KeyDate) -> dict[str, Any]:
    return {
        "date": kd.date,
        "weight": kd.weight,
        "text": kd.text,
        "expected": kd.expected,
        "evidence": [_report(r.briefing, r.sentence) for r in kd.reports],
    }


def story_dict(view: StoryView) -> dict[str, Any]:
    """The ``story/1`` object, keys in a fixed order."""
    s = view.story
    new = view.new
    return {
        "schema": SCHEMA,
        "id": s.id,
        "title": view.title,
        "bottom_line": view.bottom_line,
        "briefings": [b.id for b in s.briefings],
        "first_date": s.first_date,
        "last_date": s.last_date,
        "aliases": list(s.aliases),
        "key_dates": [key_date_dict(kd) for kd in view.key_dates],
        "actors": [{"name": e.name, "type": e.type, "briefings": n} for e, n in view.actors],
        "questions": [
            {
                "text": q.text,
                "status": q.status,
                "expected": q.expected,
                "raised": [_report(b, rq.evidence.sentence) for b, rq in q.raised],
                "evidence": (
                    None
                    if q.answer is None
                    else {
                        "briefing": q.answer[0].id,
                        "sentence": q.answer[1].index,
                        "text": q.answer[1].text,
                    }
                ),
            }
            for q in view.questions
        ],
        "whats_new": {
            "briefing": new.briefing.id,
            "events": [
                {"date": e.date, "text": e.text, "sentence": e.evidence.sentence}
                for e in new.events
            ],
            "actors": [
                {"name": a.name, "sentence": a.evidence[0].sentence if a.evidence else None}
                for a in new.actors
            ],
            "statements": [{"text": t, "sentence": n} for t, n in new.statements],
        },
    }


def story_json(view: StoryView) -> str:
    return json.dumps(story_dict(view), ensure_ascii=False, indent=2) + "\n"


def redirect_page(target: str) -> str:
    """A static page sending a merged story's old address to the story it joined."""
    url = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>Redirecting…</title><link rel="canonical" href="{url}">'
        f'<meta http-equiv="refresh" content="0; url={url}"></head>'
        f'<body><p>This story is now part of <a href="{url}">another story</a>.</p>'
        "</body></html>\n"
    )


def redirect_uri(alias: str, directory_urls: bool) -> str:
    return f"{STORIES_DIR}/{alias}/index.html" if directory_urls else f"{STORIES_DIR}/{alias}.html"


def redirect_target(story_id: str, directory_urls: bool) -> str:
    return f"../{story_id}/" if directory_urls else f"{story_id}.html"


def story_pages(
    views: list[StoryView],
    renderer: Renderer,
    ctx: dict[str, Any],
    directory_urls: bool,
) -> list[tuple[str, str, bool]]:
    """(uri, content, in_nav) of every story page, JSON, redirect and the index."""
    pages: list[tuple[str, str, bool]] = []
    for view in views:
        uri = story_uri(view.story.id)
        content = renderer.render(
            "story.md.j2",
            v=view,
            s=view.story,
            uri=uri,
            json_name=Trusted(f"{view.story.id}.json"),
            key_dates=view.key_dates[:PAGE_KEY_DATES],
            newest_first=list(reversed(view.story.briefings)),
            story_uri=story_uri,
            **ctx,
        )
        pages.append((uri, content, False))
        pages.append((f"{STORIES_DIR}/{view.story.id}.json", story_json(view), False))
        for alias in view.story.aliases:
            target = redirect_target(view.story.id, directory_urls)
            pages.append((redirect_uri(alias, directory_urls), redirect_page(target), False))
    if views:
        index = renderer.render(
            "stories_index.md.j2", views=views, uri=STORIES_INDEX_URI, story_uri=story_uri, **ctx
        )
        pages.append((STORIES_INDEX_URI, index, True))
    return pages


def home_section(views: list[StoryView], renderer: Renderer, ctx: dict[str, Any]) -> str:
    """The "Developing stories" block of the home page; empty when there is no story."""
    if not views:
        return ""
    return renderer.render(
        "stories_home.md.j2",
        views=views[:HOME_STORIES],
        n_stories=len(views),
        uri="index.md",
        story_uri=story_uri,
        **ctx,
    )


_REPORT_SCHEMA = {
    "type": "object",
    "required": ["briefing", "sentence"],
    "properties": {"briefing": {"type": "string"}, "sentence": {"type": "integer", "minimum": 1}},
}
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

#: JSON Schema (draft 2020-12) of ``story/1``; published as ``schema/story-1.json``.
JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA,
    "title": "Story",
    "type": "object",
    "required": [
        "schema",
        "id",
        "title",
        "briefings",
        "first_date",
        "last_date",
        "key_dates",
        "actors",
        "questions",
    ],
    "properties": {
        "schema": {"const": SCHEMA},
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "title": {"type": "string", "minLength": 1},
        "bottom_line": {"type": ["string", "null"]},
        "briefings": {"type": "array", "minItems": 2, "items": {"type": "string"}},
        "first_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "last_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "key_dates": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["date", "weight", "text", "evidence"],
                "properties": {
                    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "weight": {"type": "integer", "minimum": 1},
                    "text": {"type": "string"},
                    "expected": {"type": "boolean"},
                    "evidence": {"type": "array", "minItems": 1, "items": _REPORT_SCHEMA},
                },
            },
        },
        "actors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "type", "briefings"],
                "properties": {
                    "name": {"type": "string"},
                    "type": {"type": "string"},
                    "briefings": {"type": "integer", "minimum": 1},
                },
            },
        },
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "status", "raised", "evidence"],
                "properties": {
                    "text": {"type": "string"},
                    "status": {"enum": ["open", "answered", "overtaken"]},
                    "expected": {"type": ["string", "null"], "pattern": _DATE},
                    "raised": {"type": "array", "minItems": 1, "items": _REPORT_SCHEMA},
                    "evidence": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["briefing", "sentence", "text"],
                                "properties": {
                                    "briefing": {"type": "string"},
                                    "sentence": {"type": "integer", "minimum": 1},
                                    "text": {"type": "string"},
                                },
                            },
                        ]
                    },
                },
            },
        },
        "whats_new": {
            "type": "object",
            "required": ["briefing", "events", "actors", "statements"],
            "properties": {
                "briefing": {"type": "string"},
                "events": {"type": "array"},
                "actors": {"type": "array"},
                "statements": {"type": "array"},
            },
        },
    },
}


def schema_json() -> str:
    return json.dumps(JSON_SCHEMA, indent=2) + "\n"


def story_views(
    briefings: list[Briefing], lookup: dict[tuple[str, str], ActorEntry]
) -> list[StoryView]:
    """Every story of two or more briefings, as its page shows it."""
    from briefings.site.stories import cluster

    return [story_view(s, lookup) for s in cluster(briefings)]


def site_stories(
    views: list[StoryView],
    renderer: Renderer,
    ctx: dict[str, Any],
    directory_urls: bool,
) -> tuple[list[tuple[str, str, bool]], str]:
    """The site's story pages (uri, content, in_nav) and the home block: the one entry point
    the site builder calls."""
    pages = story_pages(views, renderer, ctx, directory_urls)
    pages.append((SCHEMA_URI, schema_json(), False))
    return pages, home_section(views, renderer, ctx)
