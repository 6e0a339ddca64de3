"""A real HTTP server on 127.0.0.1 serving the news-site fixtures of ``fixtures/web``.

Pages and feeds are served as files, with ``__BASE__`` replaced by the server's
own address (feeds and canonical links hold absolute addresses). A few paths
behave as troublesome servers do: a redirect, a redirect off the web, a page
that never finishes in time, one that trickles, one far too large, one that is
not HTML. Every request is logged with its User-Agent, so tests can tell what
was fetched, and that nothing was fetched when it should not be.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .conftest import FIXTURES

WEB = FIXTURES / "web"
#: Seconds the slow page waits before answering: well past the tests' timeout.
SLOW_SECONDS = 3.0
#: Bytes the huge page sends at most (past the fetcher's limit of 5 MB).
HUGE_BYTES = 6_000_000
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml", ".txt": "text/plain"}


@dataclass
class Newsroom:
    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def fetched(self, path: str) -> int:
        """How many times ``path`` was requested."""
        return sum(1 for p, _ in self.requests if p == path)

    def page(self, path: str) -> str:
        """A fixture file's text as the server sends it."""
        return (WEB / path).read_text("utf-8").replace("__BASE__", self.base)


def _handler(room: Newsroom):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format, *args):  # quiet: the log is ``room.requests``
            pass

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            room.requests.append((path, self.headers.get("User-Agent", "")))
            special = {
                "/go/harbour": lambda: self._redirect(301, "/news/harbour-strike-ends.html"),
                "/go/archive": lambda: self._redirect(302, "ftp://127.0.0.1/pub/article.html"),
                "/go/loop": lambda: self._redirect(302, "/go/loop"),
                "/go/memo": lambda: self._redirect(302, "/private/memo.html"),
                "/slow.html": self._slow,
                "/trickle.html": self._trickle,
                "/huge.html": self._huge,
                "/huge-declared.html": self._huge_declared,
                "/data/report.pdf": self._pdf,
            }
            if path in special:
                return special[path]()
            file = (WEB / path.lstrip("/")).resolve()
            if not file.is_relative_to(WEB) or not file.is_file():
                return self._send(404, b"<html><body><h1>Not found</h1></body></html>")
            body = file.read_bytes().replace(b"__BASE__", room.base.encode())
            return self._send(200, body, TYPES.get(file.suffix, "application/octet-stream"))

        def _send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, status: int, location: str) -> None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _slow(self) -> None:
            time.sleep(SLOW_SECONDS)
            with contextlib.suppress(OSError):
                self._send(200, (WEB / "news" / "harbour-strike-ends.html").read_bytes())

        def _trickle(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(int(SLOW_SECONDS / 0.1)):
                    self.wfile.write(b"<p>.</p>\n")
                    self.wfile.flush()
                    time.sleep(0.1)

        def _huge(self) -> None:
            """No Content-Length: only reading tells how big it is."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>The same paragraph, again and again, for ever.</p>\n" * 1000
            with contextlib.suppress(OSError):
                self.wfile.write(b"<html><body>")
                for _ in range(HUGE_BYTES // len(chunk) + 1):
                    self.wfile.write(chunk)

        def _huge_declared(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(b"<html><body><p>start</p>")

        def _pdf(self) -> None:
            self._send(200, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "application/pdf")

    return Handler


@contextlib.contextmanager
def newsroom() -> Iterator[Newsroom]:
    """Serve the fixtures on a free port of 127.0.0.1 for the ``with`` block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    room = Newsroom(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(room)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield room
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def copy_with_base(src: Path, dest: Path, base: str) -> Path:
    """A fixture file copied with ``__BASE__`` filled in (a page saved from the site)."""
    dest.write_text(src.read_text("utf-8").replace("__BASE__", base), "utf-8")
    return dest
