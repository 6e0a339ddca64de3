"""A seed written by ``briefings add`` appears on a running ``mkdocs serve`` site,
and neither the build nor the server fetches anything."""

from __future__ import annotations

import os
import subprocess

import pytest

from .conftest import BIN, FIXTURES
from .newsroom import newsroom
from .serving import fetch, mkdocs_serve, wait_for

pytestmark = [pytest.mark.site, pytest.mark.model]


def test_an_added_page_appears_while_mkdocs_serve_runs(project, tmp_path):
    proj = project([FIXTURES / "summit.txt"])

    def page(path: str) -> str | None:
        status, text = fetch(f"{base}{path}")
        return text if status == 200 else None

    with newsroom() as room, mkdocs_serve(proj, tmp_path / "serve.log") as (proc, base):
        wait_for(lambda: page("/briefings/summit/"), 300, proc, "the first build")
        assert room.requests == []
        added = subprocess.run(
            [str(BIN / "briefings"), "add", room.url("go/harbour")],
            cwd=proj,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert added.returncode == 0, added.stderr
        assert added.stdout.startswith(
            "added seeds/dock-workers-end-six-day-strike-at-port-calder.txt: "
        )
        text = wait_for(
            lambda: page("/briefings/dock-workers-end-six-day-strike-at-port-calder/"),
            300,
            proc,
            "the added seed's page",
        )
        assert "Dock workers end six-day strike at Port Calder" in text
        assert "Ruth Okafor" in text
        assert "Related stories" not in text and "Photograph: Coastal Herald" not in text
        home = wait_for(lambda: page("/"), 60, proc, "the home page")
        assert "Dock workers end six-day strike" in home
    # Only ``add`` reached the network: robots.txt, the redirect and the page.
    assert [p for p, _ in room.requests] == [
        "/robots.txt",
        "/go/harbour",
        "/news/harbour-strike-ends.html",
    ]
