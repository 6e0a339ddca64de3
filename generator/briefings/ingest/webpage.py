"""An article's text and metadata read from a news page's HTML.

Finding the article in a page (and leaving out the navigation, adverts, photo
captions, related-links boxes and comments around it) is a job of its own, done
here by trafilatura; the publication date comes from htmldate, which reads it
from the page's metadata (``article:published_time``, JSON-LD
``datePublished``, ``<time>`` elements) or, failing those, from the address
(``/2025/03/14/``). htmldate's free-text search is left off: a date guessed
from a copyright line or a mention in the text is worse than none, since with
none the user is asked for it.

The page is parsed into a tree here, and the libraries get trees, never a
string: both treat a string that looks like an address as one to download.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from briefings.ingest.fetch import is_web_address
from briefings.ingest.seed_text import clean_line

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document

#: Media types taken as HTML.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Article:
    """What a page says about its article; any part may be missing."""

    title: str | None
    publisher: str | None
    date: dt.date | None
    #: The page's own address (its canonical link), when it gives an http(s) one.
    url: str | None
    paragraphs: tuple[str, ...]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def parse_html(data: bytes | str) -> HtmlElement | None:
    """The page as an lxml tree, or None when it is no HTML document.

    Bytes are decoded as the page's markup says (or as detected); a string is
    text decoded already, as the server's ``Content-Type`` charset said.
    """
    from trafilatura import load_html

    head = data[:65536]
    if ("<" not in head) if isinstance(head, str) else (b"<" not in head):
        return None
    return load_html(data)


def read_article(tree: HtmlElement, url: str | None, today: dt.date) -> Article:
    """The article of a parsed page; ``url`` is where it came from (None for a saved
    file), whose path may hold the date."""
    from trafilatura import bare_extraction

    for_date = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    # No ``deduplicate``: trafilatura's is a cache kept for the whole process, so
    # a page read a second time in one run (a duplicate to detect) came out empty.
    # as_dict is left off, so a Document or None comes back, never a dict.
    document = cast(
        "Document | None",
        bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
        ),
    )
    if document is None:
        return Article(None, None, publication_date(for_date, url, today), None, ())
    title = _one_line(document.title)
    lines = [_one_line(line) for line in (document.text or "").split("\n")]
    paragraphs = [p for p in lines if p]
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the headline, repeated as the first line of the text
    page_url = document.url if document.url and is_web_address(document.url) else None
    return Article(
        title=title,
        publisher=_one_line(document.sitename),
        # A saved page's canonical address may carry the date (/2025/03/14/...).
        date=publication_date(for_date, url or page_url, today),
        url=page_url,
        paragraphs=tuple(paragraphs),
    )


def publication_date(tree: HtmlElement, url: str | None, today: dt.date) -> dt.date | None:
    """The date the article was first published, from its markup or address; None if absent."""
    from htmldate import find_date

    found = find_date(
        tree,
        url=url,
        original_date=True,
        extensive_search=False,
        outputformat="%Y-%m-%d",
        max_date=today.isoformat(),
    )
    return dt.date.fromisoformat(found) if found else None


def _one_line(text: str | None) -> str | None:
    """``text`` on one line without control or invisible characters (None if empty)."""
    if not text:
        return None
    cleaned = " ".join(clean_line(text.replace("\n", " "))[0].split())
    return cleaned or None


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()
