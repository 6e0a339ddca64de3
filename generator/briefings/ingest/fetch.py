"""Fetching web pages for ``briefings add``: the one place the package touches the network.

A fetch a user can trust: every request names the program (:data:`USER_AGENT`),
has a deadline for the whole exchange (a server that trickles one byte a second
cannot hold a run for ever) and a size limit (a runaway page is not read into
memory). Redirects are followed by hand, a few at most, each hop checked: only
to ``http``/``https`` addresses, and each against its own site's ``robots.txt``
unless the user says otherwise. Site builds and ``mkdocs serve`` never import
this module: a written seed is the record of what was fetched.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from briefings.errors import (
    FetchFailed,
    FetchTimeout,
    PageTooLarge,
    RobotsDisallowed,
    SourceNotFound,
    UnsupportedAddress,
)

if TYPE_CHECKING:
    from protego import Protego

try:
    _VERSION = version("briefings")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    _VERSION = "0"

#: Who is asking: the product token ``briefings`` is what ``robots.txt`` rules match.
USER_AGENT = f"briefings/{_VERSION} (news briefing generator; fetches pages a user adds)"
#: Seconds allowed for one request, from connecting to the last byte.
DEFAULT_TIMEOUT = 20.0
#: Bytes read of one page at most; news pages with their markup are well under 1 MB.
MAX_PAGE_BYTES = 5_000_000
#: ``robots.txt`` files are read up to this size (RFC 9309 asks for at least 500 KiB).
MAX_ROBOTS_BYTES = 512_000
#: Redirects followed for one request (RFC 9309 asks for at least five for robots.txt).
MAX_REDIRECTS = 5
WEB_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    """A page as the server sent it, after any redirects."""

    #: The address the page came from (the last of the redirects).
    url: str
    status: int
    #: The media type, lower-case, without parameters ("" when the server sent none).
    media_type: str
    #: The character set the ``Content-Type`` header names, if any.
    charset: str | None
    body: bytes


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an absolute ``http://`` or ``https://`` address with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def wire_address(url: str) -> str:
    """``url`` as it goes on the wire: the host in IDNA, the path and query
    percent-encoded (an address copied from a browser may hold any letter)."""
    parts = urlsplit(url)
    if parts.hostname is None:  # callers pass only addresses is_web_address accepts
        raise ValueError(f"{url} names no host")
    host = parts.hostname.encode("idna").decode("ascii")
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~")
    query = quote(parts.query, safe="/?%:@!$&'()*+,;=~")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to :class:`Fetcher`, which checks each hop itself."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


class Fetcher:
    """Fetches pages over HTTP(S) with a deadline, a size limit and ``robots.txt`` rules.

    One fetcher serves a whole run, so each site's ``robots.txt`` is read once.
    """

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = MAX_PAGE_BYTES,
        respect_robots: bool = True,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.respect_robots = respect_robots
        self.user_agent = user_agent
        self._opener = urllib.request.build_opener(_NoRedirects())
        self._robots: dict[str, RobotsRules] = {}

    def get(self, url: str, source: str | None = None) -> Response:
        """Fetch ``url``, following redirects; errors name ``source`` (default ``url``)."""
        source = source or url
        response = self._follow(url, source, self.max_bytes, check_robots=self.respect_robots)
        if response.status >= 400:
            raise FetchFailed(
                source, f"the server answered HTTP {response.status} for {_which(url, source)}"
            )
        return response

    def _follow(self, url: str, source: str, max_bytes: int, check_robots: bool) -> Response:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not is_web_address(current):
                raise UnsupportedAddress(
                    source,
                    f"{current} is not an http(s) address; only web pages are fetched"
                    if current == url
                    else f"redirects to {current}, which is not an http(s) address; not followed",
                )
            if check_robots:
                self._check_robots(current, source)
            status, headers, body = self._exchange(current, source, max_bytes)
            if status in _REDIRECTS and headers.get("Location"):
                current = urljoin(current, headers["Location"].strip())
                continue
            content_type = headers.get("Content-Type", "")
            message = Message()
            message["Content-Type"] = content_type or "application/octet-stream"
            media_type = message.get_content_type().lower() if content_type else ""
            return Response(current, status, media_type, message.get_content_charset(), body)
        raise FetchFailed(source, f"more than {MAX_REDIRECTS} redirects; stopped at {current}")

    def _exchange(self, url: str, source: str, max_bytes: int) -> tuple[int, Message, bytes]:
        """One request: status, headers and body (error pages included), within the limits."""
        try:
            address = wire_address(url)
        except UnicodeError:
            raise FetchFailed(source, f"the host name of {url} cannot be encoded") from None
        request = urllib.request.Request(
            address,
            headers={
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        deadline = time.monotonic() + self.timeout
        try:
            try:
                response = self._opener.open(request, timeout=self.timeout)
            except urllib.error.HTTPError as exc:  # 3xx handed back, 4xx, 5xx
                response = exc
            with response:
                status = getattr(response, "status", None) or response.code
                headers = response.headers
                declared = headers.get("Content-Length", "").strip()
                if declared.isdigit() and int(declared) > max_bytes:
                    raise PageTooLarge(source, _too_large(url, source, int(declared), max_bytes))
                body = _read_within(response, url, source, max_bytes, deadline, self.timeout)
        except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                raise FetchTimeout(source, _timed_out(url, source, self.timeout)) from None
            raise FetchFailed(source, f"cannot fetch {_which(url, source)}: {reason}") from None
        return status, headers, body

    def _check_robots(self, url: str, source: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._read_robots(origin, source)
            self._robots[origin] = rules
        if not rules.allows(url, self.user_agent):
            raise RobotsDisallowed(
                source,
                f"{origin}/robots.txt {rules.refusal} {_which(url, source)} "
                "(--ignore-robots fetches it anyway)",
            )

    def _read_robots(self, origin: str, source: str) -> RobotsRules:
        """The site's rules as RFC 9309 reads them: a missing file (4xx) allows
        everything; a server error (5xx) disallows everything, since the site may
        be failing under load."""
        try:
            response = self._follow(f"{origin}/robots.txt", source, MAX_ROBOTS_BYTES, False)
        except PageTooLarge:
            return RobotsRules(None, every=True)
        if 400 <= response.status < 500:
            return RobotsRules(None, every=True)
        if response.status >= 500:
            return RobotsRules(None, every=False, status=response.status)
        from protego import Protego

        return RobotsRules(Protego.parse(response.body.decode("utf-8", "replace")))


class _Readable(Protocol):
    """A response body being read (``read1`` is used where the response has it)."""

    def read(self, amount: int, /) -> bytes: ...


@dataclass(frozen=True)
class RobotsRules:
    """One site's ``robots.txt``, parsed by Protego (which reads the ``*`` and ``$``
    patterns of RFC 9309, unlike the standard library's parser), or a verdict for
    every page when the file is missing or the server failing."""

    parser: Protego | None
    every: bool | None = None
    status: int | None = None

    def allows(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return bool(self.every)
        return self.parser.can_fetch(url, user_agent)

    @property
    def refusal(self) -> str:
        if self.status is not None:
            return f"answered HTTP {self.status}, which means no robot may fetch"
        return "asks robots not to fetch"


def _read_within(
    response: _Readable, url: str, source: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchTimeout(source, _timed_out(url, source, timeout))
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise PageTooLarge(source, _too_large(url, source, None, max_bytes))
        chunks.append(chunk)


def _which(url: str, source: str) -> str:
    """How a message names the address: "the page" when it is the source itself."""
    return "the page" if url == source else url


def _too_large(url: str, source: str, size: int | None, limit: int) -> str:
    if size is None:
        return f"{_which(url, source)} is over {limit:,} bytes, the most read of one page"
    return f"{_which(url, source)} is {size:,} bytes; pages are read up to {limit:,} bytes"


def _timed_out(url: str, source: str, timeout: float) -> str:
    return f"{_which(url, source)} did not arrive within {timeout:g} s (--timeout allows longer)"


def read_capped(source: str, path: Path, limit: int, what: str = "the file") -> bytes:
    """A local source's bytes, at most ``limit`` of them: the same guard as a fetch.

    Raises :class:`~briefings.errors.SourceNotFound` when it cannot be read and
    :class:`~briefings.errors.PageTooLarge` when it is over ``limit`` bytes.
    """
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise SourceNotFound(source, f"cannot read {what}: {exc.strerror}") from None
    if len(data) > limit:
        raise PageTooLarge(source, f"{what} is over {limit:,} bytes; it is read up to that")
    return data
