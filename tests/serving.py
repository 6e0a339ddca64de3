"""A real ``mkdocs serve`` for the tests that watch one: start it, read pages, stop it."""

from __future__ import annotations

import contextlib
import html
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .conftest import BIN


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a page (character references decoded), 0 when unreachable."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, html.unescape(r.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(predicate, timeout: float = 120.0, proc=None, what: str = "the condition"):
    """Poll ``predicate`` until it is truthy; fail early if ``proc`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"mkdocs serve exited with {proc.returncode}")
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def mkdocs_serve(proj: Path, log: Path | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """``mkdocs serve`` in ``proj`` on a free port, output to ``log`` (or dropped).

    Yields the process and the site's base URL; stops the server on exit.
    """
    port = free_port()
    sink: IO[bytes] | int = log.open("wb") if log is not None else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=proj,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            yield proc, f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        if log is not None:
            sink.close()
