"""``briefings add``: turn a web page, a saved HTML file or a text file into a seed.

An added article goes through the same reading as a hand-made seed: the text
written is parsed back with :func:`~briefings.ingest.seeds.parse_seed_text` before it
is saved, so a seed that ``add`` writes is one the site builds, and the English
check is the seeds' own. What is already among the seeds is not added again: an
article whose address (as given, or after redirects) is a seed's ``url:``, or
whose text is a seed's text, is refused naming that seed.

A seed is written complete or not at all (to a hidden temporary file, then
linked under its name, never over an existing file), so ``mkdocs serve``
watching the folder sees whole seeds only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from briefings.errors import (
    DuplicateSeed,
    NoArticleText,
    NoDateFound,
    NotEnglish,
    NotHtml,
    SeedError,
    SourceError,
    SourceNotFound,
    UnsupportedAddress,
)
from briefings.files import write_new
from briefings.ingest.fetch import MAX_PAGE_BYTES, Fetcher, is_web_address, read_capped
from briefings.ingest.seed_files import slugify
from briefings.ingest.seed_index import KnownSeeds, shown, text_digest
from briefings.ingest.seed_limits import ALWAYS_RESERVED, MAX_SEED_BYTES, SEED_SUFFIX
from briefings.ingest.seed_text import decode_seed, has_date_header, not_english
from briefings.ingest.seeds import Seed, parse_seed_text
from briefings.ingest.webpage import HTML_TYPES, Article, parse_html, read_article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Fewer words than this are no article but a fragment a page without one leaves
#: (a heading, a cookie notice, a caption): even a news brief is longer.
MIN_ARTICLE_WORDS = 40
#: Longest name (without ``.txt``) given to a new seed; cut at a word boundary.
MAX_NAME_LENGTH = 60
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Added:
    """A seed ``add`` wrote."""

    source: str
    path: Path
    seed: Seed


@dataclass(frozen=True)
class FeedReport:
    """What one feed run did, entry by entry."""

    added: list[Added]
    skipped: list[DuplicateSeed]
    failed: list[SourceError]


class Ingest:
    """Adds articles to one seeds folder, refusing what is already there."""

    def __init__(
        self,
        seeds_dir: Path,
        fetcher: Fetcher | None = None,
        reserved_slugs: set[str] | frozenset[str] = frozenset(),
        date: dt.date | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.seeds_dir = Path(seeds_dir)
        self.fetcher = fetcher or Fetcher()
        self.reserved = {*reserved_slugs, *ALWAYS_RESERVED}
        #: The date the user gave (``--date``): it wins over any found on the page.
        self.date = date
        self.today = today or dt.date.today()
        self.known = KnownSeeds.scan(self.seeds_dir)

    # ----------------------------------------------------------------- sources

    def add(self, source: str, fallback_date: dt.date | None = None) -> Added:
        """Make a seed of ``source`` (a URL or a local file) and write it.

        ``fallback_date`` (a feed entry's date) is used when the page gives none.
        Raises a :class:`~briefings.errors.SourceError` naming ``source``.
        """
        path = Path(source)
        if is_web_address(source):
            article, also = self._from_web(source), [source]
        elif _SCHEME.match(source) and not path.exists():
            raise UnsupportedAddress(
                source, "is not an http(s) address; only web pages and local files are added"
            )
        elif not path.is_file():
            raise SourceNotFound(source, "no such file (nor an http(s) address)")
        elif path.suffix.lower() in HTML_SUFFIXES:
            article, also = self._from_html_file(source, path), []
        elif path.suffix.lower() in TEXT_SUFFIXES:
            return self._write(source, *self._from_text_file(source, path, fallback_date))
        else:
            raise NotHtml(source, "is neither an .html/.htm page nor a .txt text file")
        return self._write(source, *self._seed_text(source, article, fallback_date), *also)

    def _from_web(self, url: str) -> Article:
        self.known.check_url(url, url)
        response = self.fetcher.get(url, source=url)
        self.known.check_url(url, response.url)
        if response.media_type and response.media_type not in HTML_TYPES:
            raise NotHtml(url, f"is not an HTML page (the server says {response.media_type})")
        body: bytes | str = response.body
        if response.charset:
            with contextlib.suppress(LookupError):  # an unknown name: the markup decides
                body = response.body.decode(response.charset, "replace")
        tree = parse_html(body)
        if tree is None:
            raise NotHtml(url, "is not an HTML page")
        article = _read(url, tree, response.url, self.today)
        self.known.check_url(url, article.url)
        return article

    def _from_html_file(self, source: str, path: Path) -> Article:
        data = read_capped(source, path, MAX_PAGE_BYTES)
        tree = parse_html(data)
        if tree is None:
            raise NotHtml(source, "is not an HTML document")
        article = _read(source, tree, None, self.today)
        self.known.check_url(source, article.url)
        return article

    def _from_text_file(
        self, source: str, path: Path, fallback_date: dt.date | None
    ) -> tuple[Path, str]:
        """A text file: a seed already (its header kept) or plain paragraphs."""
        text, _ = decode_seed(path, read_capped(source, path, MAX_SEED_BYTES))
        if has_date_header(text):
            seed = parse_seed_text(path, text)
            article = Article(seed.title, seed.source, seed.date, seed.url, seed.paragraphs)
            self.known.check_url(source, seed.url)
        else:
            paragraphs = tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
            article = Article(None, None, None, None, tuple(p for p in paragraphs if p))
        return self._seed_text(source, article, fallback_date, stem=path.stem)

    # ------------------------------------------------------------------ seeds

    def _seed_text(
        self,
        source: str,
        article: Article,
        fallback_date: dt.date | None,
        stem: str | None = None,
    ) -> tuple[Path, str]:
        """The seed file's name and text for an article, or the refusal that applies."""
        if article.words < MIN_ARTICLE_WORDS:
            found = f" (only {article.words} words)" if article.words else ""
            raise NoArticleText(source, f"no article text found{found}")
        share = not_english(" ".join(article.paragraphs))
        if share is not None:
            raise NotEnglish(
                source,
                f"the article does not look like English (only {share:.0%} of its words "
                "are common English words); extraction assumes English",
            )
        date = self.date or article.date or fallback_date
        if date is None:
            raise NoDateFound(source, "no publication date found; give one with --date YYYY-MM-DD")
        header = [f"date {date.isoformat()}"]
        for key, value in (("title", article.title), ("source", article.publisher)):
            if value:
                header.append(f"{key}: {value}")
        url = article.url or (source if is_web_address(source) else None)
        if url:
            header.append(f"url: {url}")
        text = "\n".join(header) + "\n\n" + "\n\n".join(article.paragraphs) + "\n"
        name = self._free_name(_name_for(article, url, stem))
        return self.seeds_dir / f"{name}{SEED_SUFFIX}", text

    def _free_name(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``...: the first name no seed or page has."""
        n = 1
        while True:
            name = base if n == 1 else f"{base}-{n}"
            taken = f"{name}{SEED_SUFFIX}" in self.known.names
            if not taken and name not in self.reserved:
                return name
            n += 1

    def _write(self, source: str, target: Path, text: str, *also_urls: str) -> Added:
        seed = parse_seed_text(target, text)
        existing = self.known.texts.get(text_digest(seed.paragraphs))
        if existing is not None:
            raise DuplicateSeed(
                source, f"already a seed: {shown(existing)} has the same text", existing
            )
        self.seeds_dir.mkdir(parents=True, exist_ok=True)
        while True:
            try:
                write_new(target, text.encode("utf-8"))
                break
            except FileExistsError:  # another writer took the name meanwhile
                self.known.names.add(target.name.casefold())
                name = self._free_name(target.name[: -len(SEED_SUFFIX)])
                target = self.seeds_dir / f"{name}{SEED_SUFFIX}"
                seed = parse_seed_text(target, text)
        self.known.remember(seed, target, *also_urls)
        return Added(source, target, seed)

    # ------------------------------------------------------------------- feeds

    def add_feed(
        self, feed: str, progress: Callable[[int], Callable[[], None]] | None = None
    ) -> FeedReport:
        """Add every entry of a feed not yet among the seeds.

        ``progress(n)`` is called with the number of entries and returns what to
        call after each one. A failing entry never stops the others.
        """
        from briefings.ingest.feed_reader import read_feed

        entries = read_feed(feed, self.fetcher)
        step = progress(len(entries)) if progress else None
        added: list[Added] = []
        skipped: list[DuplicateSeed] = []
        failed: list[SourceError] = []
        for entry in entries:
            try:
                if entry.link is None:
                    raise NoArticleText(entry.label, "the feed entry has no link")
                added.append(self.add(entry.link, fallback_date=entry.date))
            except DuplicateSeed as dup:
                skipped.append(dup)
            except SourceError as exc:
                failed.append(exc)
            except SeedError as exc:
                failed.append(SourceError(entry.link or entry.label, exc.message))
            if step:
                step()
        return FeedReport(added, skipped, failed)


def _read(source: str, tree: HtmlElement, url: str | None, today: dt.date) -> Article:
    """:func:`read_article`, its parsers' failure on a hostile page made a refusal:
    one such page in a feed must not stop the others."""
    try:
        return read_article(tree, url, today)
    except Exception as exc:  # lxml, trafilatura and htmldate raise many kinds
        raise NoArticleText(
            source, f"the page could not be read ({type(exc).__name__}: {exc})"
        ) from None


def _name_for(article: Article, url: str | None, stem: str | None) -> str:
    """A seed name from the article's title, else its address, else the file's name."""
    candidates = [article.title]
    if url:
        parts = urlsplit(url)
        last = next((s for s in reversed(parts.path.split("/")) if s), "")
        candidates += [re.sub(r"\.[A-Za-z0-9]{1,5}$", "", last), parts.hostname]
    candidates.append(stem)
    for text in candidates:
        if text and slugify(text) != "seed":
            return _shorten(slugify(text))
    return "article"


def _shorten(slug: str) -> str:
    if len(slug) <= MAX_NAME_LENGTH:
        return slug
    cut = slug[: MAX_NAME_LENGTH + 1].rsplit("-", 1)[0]
    return cut if len(cut) >= MAX_NAME_LENGTH // 2 else slug[:MAX_NAME_LENGTH].strip("-")
