"""Cold site search in Chromium: seconds to the first result, and bytes fetched.

Each run serves the built site on 127.0.0.1 and opens it in a fresh browser
context (no cache, nothing preloaded), types the query into the site's search
box as soon as the page is parsed, and waits for the first result. The time runs
from the page's navigation to that result, so it holds whatever the search must
fetch first (Material's whole ``search_index.json``, or Pagefind's entry, wasm
and the few index chunks of the query's words). Bytes are every response body
fetched until then, and the part of it that is the search (index, worker, UI).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Each engine's search box, how it opens, and its first result.
ENGINES = {
    "pagefind": {
        "open": "button.brf-search-open",
        "box": "#brf-search .pagefind-ui__search-input",
        "result": "#brf-search .pagefind-ui__result",
    },
    "lunr": {
        "open": "input.md-search__input",
        "box": "input.md-search__input",
        "result": ".md-search-result__item",
    },
}
SEARCH_PATHS = ("/pagefind/", "/search/search_index.json", "/workers/search")
TIME_LIMIT_MS = 300_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _one_search(browser, url: str, engine: str, query: str) -> dict:
    parts = ENGINES[engine]
    context = browser.new_context()
    page = context.new_page()
    requests: list = []
    page.on("requestfinished", lambda request: requests.append(request))
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        page.locator(parts["open"]).click()
        page.locator(parts["box"]).focus()
        page.keyboard.type(query)
        page.locator(parts["result"]).first.wait_for(timeout=TIME_LIMIT_MS)
        seconds = time.perf_counter() - started
        total = search = 0
        outside = []
        for request in list(requests):
            size = max(0, request.sizes()["responseBodySize"])
            total += size
            if any(p in request.url for p in SEARCH_PATHS):
                search += size
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
                outside.append(request.url)
        if outside:
            raise SystemExit(f"bench: the {engine} search fetched from outside: {outside[:3]}")
        return {"seconds": seconds, "bytes": total, "search_bytes": search}
    finally:
        context.close()


def cold_search(sites: dict[str, Path], query: str, runs: int) -> dict[str, dict]:
    """Each engine's cold search on its site, runs alternating; medians and every run."""
    from playwright.sync_api import sync_playwright

    measured: dict[str, list[dict]] = {engine: [] for engine in sites}
    with contextlib.ExitStack() as stack:
        urls = {engine: stack.enter_context(served(site)) for engine, site in sites.items()}
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                for engine, url in urls.items():
                    measured[engine].append(_one_search(browser, url, engine, query))
        finally:
            browser.close()
    return {
        engine: {
            "query": query,
            "seconds": [m["seconds"] for m in ms],
            "median_s": statistics.median(m["seconds"] for m in ms),
            "bytes": statistics.median(m["bytes"] for m in ms),
            "search_bytes": statistics.median(m["search_bytes"] for m in ms),
        }
        for engine, ms in measured.items()
    }
