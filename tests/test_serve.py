"""A real ``mkdocs serve`` session: a new seed appears, and the model loads only once."""

from __future__ import annotations

import shutil

import pytest

from .conftest import FIXTURES
from .serving import fetch, mkdocs_serve, wait_for

pytestmark = [pytest.mark.site, pytest.mark.model]

MODEL_LOAD_LINE = "briefings: loading spaCy model"


def test_serve_adds_a_seed_with_one_model_load(project, tmp_path):
    proj = project([FIXTURES / "summit.txt"])
    log = tmp_path / "serve.log"

    def page(path: str) -> str | None:
        status, text = fetch(f"{base}{path}")
        return text if status == 200 else None

    with mkdocs_serve(proj, log) as (proc, base):
        wait_for(lambda: page("/briefings/summit/"), 300, proc, "the first build")
        assert page("/briefings/harbour-strike/") is None
        shutil.copy(FIXTURES / "harbour_strike.txt", proj / "seeds" / "harbour_strike.txt")
        text = wait_for(
            lambda: page("/briefings/harbour-strike/"), 300, proc, "the new seed's page"
        )
        assert "Port Calder" in text
        summit = proj / "seeds" / "summit.txt"
        summit.write_text(summit.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
        wait_for(
            lambda: "A sentence added later" in (page("/briefings/summit/") or ""),
            300,
            proc,
            "the edited seed's page",
        )
    output = log.read_text("utf-8", "replace")
    assert output.count(MODEL_LOAD_LINE) == 1, output
    assert output.count("briefings: extracted 1 seed(s)") == 3, output
