"""The list of all briefings as pages of a bounded size.

``briefings/index.md`` lists the newest :data:`BRIEFINGS_PER_PAGE` briefings;
older ones continue on ``briefings/all/2.md``, ``briefings/all/3.md``… (a folder
of its own, so no briefing's address can clash with a page of the list).
"""

from __future__ import annotations

from typing import Any

from briefings.model import Briefing
from briefings.site.page_links import parts
from briefings.site.render import Renderer, Trusted

BRIEFINGS_INDEX_URI = "briefings/index.md"
BRIEFINGS_PER_PAGE = 200


def briefings_index_uri(part: int) -> Trusted:
    return Trusted(BRIEFINGS_INDEX_URI if part == 1 else f"briefings/all/{part}.md")


def briefings_index_pages(
    briefings: list[Briefing], renderer: Renderer, ctx: dict[str, Any]
) -> list[tuple[str, str, bool]]:
    """(uri, content, in_nav) of every page of the briefings list, newest first."""
    chunks = parts(briefings, BRIEFINGS_PER_PAGE)
    pages: list[tuple[str, str, bool]] = []
    for n, chunk in enumerate(chunks, start=1):
        uri = briefings_index_uri(n)
        content = renderer.render(
            "briefings_index.md.j2",
            briefings=chunk,
            n_briefings=len(briefings),
            part=n,
            n_parts=len(chunks),
            first=(n - 1) * BRIEFINGS_PER_PAGE + 1,
            index_uri=briefings_index_uri,
            uri=uri,
            **ctx,
        )
        pages.append((uri, content, n == 1))
    return pages
