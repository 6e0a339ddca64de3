"""Browser fixtures: the demo site (built once) served on 127.0.0.1, one Chromium per session.

Every page a test opens records its requests, console messages and uncaught
errors; after the test, any request that left 127.0.0.1 or any console error
fails it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .support import launch, serve


@pytest.fixture(scope="session")
def base_url(demo_site: Path):
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def briefings_json(demo_site: Path) -> list[dict]:
    """The published briefing/1 JSON of every demo briefing, newest first."""
    data = [json.loads(p.read_text("utf-8")) for p in (demo_site / "briefings").glob("*.json")]
    return sorted(data, key=lambda d: (d["date"], d["id"]), reverse=True)


@dataclass
class Tab:
    """A browser page and what it did: every request URL, console errors, page errors."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "") -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")

    def problems(self) -> list[str]:
        outside = [
            u
            for u in self.requests
            if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname != "127.0.0.1"
        ]
        return [f"request left 127.0.0.1: {u}" for u in outside] + self.errors


@pytest.fixture()
def tab(chromium, base_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    t = Tab(page, base_url)
    page.on("request", lambda r: t.requests.append(r.url))
    page.on(
        "console",
        lambda m: t.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: t.errors.append(f"page error: {e}"))
    page.on("dialog", lambda d: (t.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield t
    context.close()
    assert t.problems() == []
