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

from tests.conftest import make_project, mkdocs_build

from .support import launch, serve


@pytest.fixture(scope="session")
def base_url(demo_site: Path):
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def lunr_url(lunr_demo_site: Path):
    """The demo site built with ``search: lunr`` (Material's search), served."""
    with serve(lunr_demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def errors_url(tmp_path_factory):
    """A site whose one seed is broken: a plain build still publishes the errors page."""
    proj = make_project(tmp_path_factory.mktemp("errors"), [])
    (proj / "seeds" / "broken.txt").write_text("no header here\n\nText.\n", "utf-8")
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    with serve(proj / "site") as url:
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


def open_tab(chromium, base_url: str, **context_options) -> Tab:
    """A fresh browser context and page that records what the page does."""
    options = {"viewport": {"width": 1280, "height": 900}, **context_options}
    context = chromium.new_context(**options)
    page = context.new_page()
    t = Tab(page, base_url)
    page.on("request", lambda r: t.requests.append(r.url))
    page.on(
        "console",
        lambda m: t.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: t.errors.append(f"page error: {e}"))
    page.on("dialog", lambda d: (t.errors.append(f"dialog: {d.message}"), d.dismiss()))
    return t


@pytest.fixture()
def tab(chromium, base_url):
    t = open_tab(chromium, base_url)
    yield t
    t.page.context.close()
    assert t.problems() == []


@pytest.fixture()
def lunr_tab(chromium, lunr_url):
    t = open_tab(chromium, lunr_url)
    yield t
    t.page.context.close()
    assert t.problems() == []


@pytest.fixture()
def tabs(chromium, base_url):
    """Open tabs with any context options (colour scheme, phone viewport, touch)."""
    opened: list[Tab] = []

    def _open(url: str | None = None, **options) -> Tab:
        opened.append(open_tab(chromium, url or base_url, **options))
        return opened[-1]

    yield _open
    for t in opened:
        t.page.context.close()
    assert [p for t in opened for p in t.problems()] == []
