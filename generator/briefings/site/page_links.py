"""Addresses between generated pages, and pages cut into parts of a bounded size.

Markdown links name ``.md`` sources (MkDocs writes and checks their URL); a few
links are raw HTML (the timeline chart's bars), and those need the URL MkDocs
will publish, which depends on ``use_directory_urls``: :func:`html_href`
computes it the way MkDocs does. :func:`parts` cuts a long list into pages of at
most a given weight, so a page's size no longer grows with the site's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from typing import TypeVar

from briefings.site.render import Trusted

T = TypeVar("T")


def page_url(uri: str, directory_urls: bool) -> str:
    """The site-relative URL MkDocs publishes the page ``uri`` (``a/b.md``) at."""
    stem = uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def html_href(from_uri: str, to_uri: str, directory_urls: bool) -> Trusted:
    """A relative URL for a raw HTML link from one generated page to another."""
    here, there = page_url(from_uri, directory_urls), page_url(to_uri, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target_dir, name = (there, "") if there.endswith("/") or not there else posixpath.split(there)
    rel = posixpath.relpath("/" + target_dir, "/" + base)
    rel = "" if rel == "." else rel + "/"
    return Trusted((rel + name) or "./")


def parts(
    items: Sequence[T], budget: int, weight: Callable[[T], int] = lambda _: 1
) -> list[list[T]]:
    """``items`` in order, cut into consecutive parts each of at most ``budget`` weight
    (an item heavier than the budget stands alone). Always at least one part."""
    out: list[list[T]] = [[]]
    used = 0
    for item in items:
        w = weight(item)
        if out[-1] and used + w > budget:
            out.append([])
            used = 0
        out[-1].append(item)
        used += w
    return out


def part_uri(base: str, number: int) -> Trusted:
    """The address of part ``number`` (from 1) of the page ``base`` (``x.md``): the
    first part keeps the page's own address, the others are ``x-2.md``, ``x-3.md``…"""
    if number == 1:
        return Trusted(base)
    return Trusted(f"{base.removesuffix('.md')}-{number}.md")
