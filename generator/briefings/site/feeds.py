"""Feeds of new briefings: Atom (``feed.xml``) and JSON Feed 1.1 (``feed.json``).

Both are written from :class:`~briefings.model.Briefing` values, never through the
Markdown templates: each format has its own encoding, so each is produced by a
serializer of that format (``xml.etree`` for Atom, :mod:`json` for JSON Feed).
Titles and summaries are declared plain text (Atom ``type="text"``, JSON Feed
``content_text``), so a reader never interprets seed text as HTML. Timestamps
come from briefing dates only, so the same seeds give byte-identical feeds.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from briefings.model import Briefing

ATOM_URI = "feed.xml"
JSON_FEED_URI = "feed.json"
#: Newest briefings a feed carries.
FEED_LIMIT = 50

# Characters XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _absolute(site_url: str | None, path: str) -> str:
    """An absolute URL when the site's address is known, else one relative to the site root."""
    return urljoin(site_url, path) if site_url else path


def _timestamp(date: str) -> str:
    """RFC 3339 timestamp of a briefing date (midnight UTC: articles carry no time)."""
    return f"{date}T00:00:00Z"


def _page_path(briefing: Briefing, directory_urls: bool) -> str:
    return f"briefings/{briefing.id}/" if directory_urls else f"briefings/{briefing.id}.html"


def _summary_text(briefing: Briefing) -> str:
    return " ".join(s.text for s in briefing.summary) or (briefing.bottom_line or "")


def atom_feed(
    briefings: list[Briefing],
    *,
    site_name: str,
    site_url: str | None,
    directory_urls: bool = True,
) -> str:
    """An Atom 1.0 feed of the newest briefings (``briefings`` newest first)."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            el.text = _xml_text(text)
        return el

    feed = ET.Element(f"{{{ns}}}feed")
    home = _absolute(site_url, "")
    sub(feed, "id", home or "urn:briefings:feed")
    sub(feed, "title", site_name, type="text")
    sub(feed, "updated", _timestamp(briefings[0].date) if briefings else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", href=_absolute(site_url, ATOM_URI))
    sub(feed, "link", rel="alternate", type="text/html", href=home or "./")
    sub(sub(feed, "author"), "name", site_name)
    sub(feed, "generator", "briefings")
    for b in briefings[:FEED_LIMIT]:
        url = _absolute(site_url, _page_path(b, directory_urls))
        entry = sub(feed, "entry")
        sub(entry, "id", url if site_url else f"urn:briefings:{b.id}")
        sub(entry, "title", b.title, type="text")
        sub(entry, "updated", _timestamp(b.date))
        sub(entry, "published", _timestamp(b.date))
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "link", rel="alternate", type="application/json", href=url_json(site_url, b))
        if b.bottom_line:
            sub(entry, "summary", b.bottom_line, type="text")
        sub(entry, "content", _summary_text(b), type="text")
        for a in b.actors[:8]:
            sub(entry, "category", term=_xml_text(a.name))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def url_json(site_url: str | None, briefing: Briefing) -> str:
    """Where a briefing's ``briefing/1`` JSON is published."""
    return _absolute(site_url, f"briefings/{briefing.id}.json")


def json_feed(
    briefings: list[Briefing],
    *,
    site_name: str,
    site_url: str | None,
    directory_urls: bool = True,
) -> str:
    """A JSON Feed 1.1 of the newest briefings (``briefings`` newest first)."""
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site_name,
        "home_page_url": _absolute(site_url, "") or "./",
        "feed_url": _absolute(site_url, JSON_FEED_URI),
        "items": [
            {
                "id": _absolute(site_url, _page_path(b, directory_urls))
                if site_url
                else f"urn:briefings:{b.id}",
                "url": _absolute(site_url, _page_path(b, directory_urls)),
                "title": b.title,
                "summary": b.bottom_line or "",
                "content_text": _summary_text(b),
                "date_published": _timestamp(b.date),
                "tags": [a.name for a in b.actors[:8]],
                "attachments": [{"url": url_json(site_url, b), "mime_type": "application/json"}],
            }
            for b in briefings[:FEED_LIMIT]
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
