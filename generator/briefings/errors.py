"""Errors and warnings users can act on.

Every failure a user can fix has its own exception type, so the CLI can print one
clear line and the MkDocs plugin can turn it into a ``PluginError`` without a
traceback. Anything else escaping the package is a bug.

A :class:`SeedWarning` is not an exception: the seed is still built, but something
in it deserves a look (a legacy encoding, a date in the future, text that is not
English). Warnings make ``mkdocs build --strict`` and ``briefings check`` fail;
notes (``level="note"``) are informational only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def printable(text: str) -> str:
    """``text`` with non-printable characters shown as escapes, so a message stays one line.

    File names may hold newlines or terminal escape sequences; printed raw they
    could split a message or rewrite the user's terminal.
    """
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _where(path: Path, line: int | None) -> str:
    shown = printable(path.as_posix())
    return f"{shown}:{line}" if line else shown


class BriefingsError(Exception):
    """Base class of every error the package raises on purpose."""


class FileError(BriefingsError):
    """A failure in one file the user wrote: the message starts with ``file:line``.

    Carries the file and, where it applies, the 1-based line so the message points
    at the exact place to fix.
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.message}"


class SeedError(FileError):
    """A seed file cannot be turned into a briefing (bad header, bad encoding, ...)."""


class CorrectionsError(FileError):
    """The project's corrections file has a bad entry; names the file and the line."""


@dataclass(frozen=True)
class SeedWarning:
    """Something about a seed worth fixing that does not stop it being built."""

    path: Path
    message: str
    line: int | None = None
    #: ``"warning"`` (fails strict builds and ``briefings check``) or ``"note"``.
    level: str = "warning"

    def __str__(self) -> str:
        return f"{_where(Path(self.path), self.line)}: {self.message}"


class ModelError(BriefingsError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class TemplateError(BriefingsError):
    """A Jinja template in ``templates/`` is missing or fails to render."""


class ConfigError(BriefingsError):
    """The configuration (mkdocs.yml or CLI options) is invalid."""


class SearchIndexError(BriefingsError):
    """Pagefind could not index the built site (its binary is missing or it failed)."""


class LockTimeout(BriefingsError):
    """Another generator held the output lock for too long."""


class SourceError(BriefingsError):
    """A source given to ``briefings add`` cannot become a seed.

    Names the source (the URL, file or feed entry as the user gave it) first, so
    each line of a long feed run says which article it is about. Each subclass is
    one failure with its own remedy.
    """

    def __init__(self, source: str, message: str) -> None:
        self.source = str(source)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{printable(self.source)}: {self.message}"


class SourceNotFound(SourceError):
    """A local source file does not exist or cannot be read."""


class UnsupportedAddress(SourceError):
    """An address (or a redirect's target) is not ``http://`` or ``https://``."""


class FetchFailed(SourceError):
    """The server could not be reached or answered with an HTTP error."""


class FetchTimeout(FetchFailed):
    """The server took longer than the time allowed for one request (``--timeout``)."""


class PageTooLarge(SourceError):
    """A page is bigger than the size allowed for one page; it is not read."""


class RobotsDisallowed(SourceError):
    """The site's ``robots.txt`` asks robots not to fetch the page (``--ignore-robots``)."""


class NotHtml(SourceError):
    """A page or file is not HTML (nor, for a local file, plain text)."""


class NoArticleText(SourceError):
    """A page holds no article text: an index, a login wall, a video page."""


class NoDateFound(SourceError):
    """No publication date was found on the page (give one with ``--date``)."""


class NotEnglish(SourceError):
    """The article is not in English, which extraction assumes."""


class DuplicateSeed(SourceError):
    """The article is already a seed: the same URL, or the same text."""

    def __init__(self, source: str, message: str, seed: Path) -> None:
        self.seed = Path(seed)
        super().__init__(source, message)


class FeedUnreadable(SourceError):
    """A feed is not an RSS or Atom document feedparser can read."""


class OutputError(BriefingsError):
    """The output folder of ``generate --out`` cannot be written."""


class DaskUnavailable(BriefingsError):
    """``--executor dask`` was asked for, but the ``dask[distributed]`` packages are missing."""


class ClusterError(BriefingsError):
    """The Dask cluster cannot be reached, or its workers cannot extract as this process would."""
