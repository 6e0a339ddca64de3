"""Fetching pages a user adds: a deadline, a size limit, checked redirects, robots.txt.

Every test talks to a real HTTP server on 127.0.0.1 (tests/newsroom.py).
"""

from __future__ import annotations

import time

import pytest
from briefings.errors import (
    FetchFailed,
    FetchTimeout,
    PageTooLarge,
    RobotsDisallowed,
    UnsupportedAddress,
)
from briefings.ingest.fetch import MAX_PAGE_BYTES, USER_AGENT, Fetcher

from .newsroom import HUGE_BYTES, SLOW_SECONDS, newsroom

#: Short enough to keep the tests fast, long enough for a loaded machine's loopback.
TIMEOUT = 1.0


@pytest.fixture(scope="module")
def room():
    with newsroom() as r:
        yield r


def test_a_page_comes_with_its_media_type_and_the_user_agent_is_sent(room):
    response = Fetcher(timeout=TIMEOUT).get(room.url("news/harbour-strike-ends.html"))
    assert response.status == 200
    assert response.media_type == "text/html" and response.charset == "utf-8"
    assert b"Port Calder" in response.body
    agents = {ua for path, ua in room.requests if path == "/news/harbour-strike-ends.html"}
    assert agents == {USER_AGENT} and USER_AGENT.startswith("briefings/")


def test_a_redirect_is_followed_and_the_final_address_kept(room):
    response = Fetcher(timeout=TIMEOUT).get(room.url("go/harbour"))
    assert response.url == room.url("news/harbour-strike-ends.html")
    assert b"Dock workers" in response.body


def test_a_redirect_off_the_web_is_not_followed(room):
    with pytest.raises(UnsupportedAddress) as info:
        Fetcher(timeout=TIMEOUT).get(room.url("go/archive"))
    assert "redirects to ftp://127.0.0.1/pub/article.html" in str(info.value)
    assert str(info.value).startswith(room.url("go/archive"))


def test_a_redirect_loop_stops(room):
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        Fetcher(timeout=TIMEOUT).get(room.url("go/loop"))


@pytest.mark.parametrize(
    "address", ["ftp://127.0.0.1/x.html", "file:///etc/passwd", "http://", "http://host:port/"]
)
def test_only_web_addresses_are_fetched(address):
    with pytest.raises(UnsupportedAddress, match="not an http"):
        Fetcher(timeout=TIMEOUT).get(address)


def test_an_address_with_letters_outside_ascii_is_sent_encoded(room):
    with pytest.raises(FetchFailed, match="HTTP 404"):
        Fetcher(timeout=TIMEOUT).get(room.url("fr/grève à quai.html"))
    assert "/fr/gr%C3%A8ve%20%C3%A0%20quai.html" in [p for p, _ in room.requests]


def test_a_missing_page_is_an_http_error(room):
    with pytest.raises(FetchFailed, match="HTTP 404"):
        Fetcher(timeout=TIMEOUT).get(room.url("news/ferry-timetable-cut.html"))


@pytest.mark.parametrize("path", ["slow.html", "trickle.html"])
def test_a_page_past_the_timeout_is_abandoned_in_time(room, path):
    """A silent server and one sending a byte at a time are both cut at the deadline."""
    start = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"did not arrive within 1 s \(--timeout"):
        Fetcher(timeout=TIMEOUT).get(room.url(path))
    assert time.monotonic() - start < SLOW_SECONDS


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("huge.html", "the page is over 5,000,000 bytes, the most read of one page"),
        ("huge-declared.html", "the page is 6,000,000 bytes; pages are read up to 5,000,000"),
    ],
)
def test_a_huge_page_is_not_read(room, path, says):
    """Told by its Content-Length or found out by reading: either way, read no further."""
    assert HUGE_BYTES > MAX_PAGE_BYTES
    with pytest.raises(PageTooLarge) as info:
        Fetcher(timeout=10).get(room.url(path))
    assert says in str(info.value)


def test_robots_txt_is_respected_unless_told_otherwise(room):
    page = room.url("private/memo.html")
    with pytest.raises(RobotsDisallowed, match=r"robots.txt asks robots not to fetch"):
        Fetcher(timeout=TIMEOUT).get(page)
    assert room.fetched("/private/memo.html") == 0
    assert Fetcher(timeout=TIMEOUT, respect_robots=False).get(page).status == 200
    assert room.fetched("/private/memo.html") == 1


def test_robots_txt_patterns_are_read_as_rfc_9309_has_them(room):
    """``Disallow: /*?print=`` disallows a print view anywhere; the page itself is allowed."""
    fetcher = Fetcher(timeout=TIMEOUT)
    with pytest.raises(RobotsDisallowed):
        fetcher.get(room.url("world/summit-talks.html?print=1"))
    assert fetcher.get(room.url("world/summit-talks.html")).status == 200


def test_a_failing_robots_txt_disallows_everything(tmp_path):
    """RFC 9309: a server error on robots.txt means "fetch nothing" (the site may be down)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Failing(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(503 if self.path == "/robots.txt" else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/a.html"
        with pytest.raises(RobotsDisallowed, match=r"robots\.txt answered HTTP 503"):
            Fetcher(timeout=TIMEOUT).get(url)
        assert Fetcher(timeout=TIMEOUT, respect_robots=False).get(url).status == 200
    finally:
        server.shutdown()
        server.server_close()


def test_robots_txt_is_read_once_per_site_and_checked_at_each_redirect(room):
    before = room.fetched("/robots.txt")
    fetcher = Fetcher(timeout=TIMEOUT)
    fetcher.get(room.url("go/harbour"))
    fetcher.get(room.url("world/summit-talks.html"))
    assert room.fetched("/robots.txt") == before + 1
    with pytest.raises(RobotsDisallowed):  # an allowed address redirecting to a disallowed one
        fetcher.get(room.url("go/memo"))
