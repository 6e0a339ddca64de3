"""Reading an RSS or Atom feed for ``briefings add --feed``: its entries' links and dates.

Parsing is feedparser's, which reads every RSS and Atom version and the broken
feeds found in the wild. It is given the feed's bytes, never an address: the
feed is fetched by :class:`~briefings.ingest.fetch.Fetcher`, with its limits and its
``robots.txt`` rules, like any page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefings.errors import FeedUnreadable
from briefings.ingest.fetch import MAX_PAGE_BYTES, Fetcher, is_web_address, read_capped


@dataclass(frozen=True)
class FeedEntry:
    """One article a feed lists."""

    link: str | None
    title: str | None
    #: The entry's publication date, used when the page itself gives none.
    date: dt.date | None
    #: How messages name an entry without a link.
    label: str


def read_feed(feed: str, fetcher: Fetcher) -> list[FeedEntry]:
    """The entries of a feed (a URL or a local file), in the feed's order."""
    import feedparser

    if is_web_address(feed):
        response = fetcher.get(feed, source=feed)
        data, base = response.body, response.url
    else:
        path = Path(feed)
        data = read_capped(feed, path, MAX_PAGE_BYTES, what="the feed")
        base = path.resolve().as_uri()
    parsed = feedparser.parse(data, response_headers={"content-location": base})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise FeedUnreadable(feed, f"is not an RSS or Atom feed{detail}")
    entries = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip() or None
        title = " ".join((entry.get("title") or "").split()) or None
        entries.append(FeedEntry(link, title, _entry_date(entry), f"{feed}, entry {n}"))
    return entries


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None
