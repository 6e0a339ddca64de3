"""``briefings stories --json`` and ``briefings timeline --json --top K`` on the fixture stories."""

from __future__ import annotations

import json
import shutil

import jsonschema
from briefings.cli.main import main
from briefings.site.story_pages import JSON_SCHEMA
from click.testing import CliRunner

from tests.conftest import make_project
from tests.storyseeds import STORIES


def run(proj, *args: str):
    result = CliRunner().invoke(main, [*args, "--config", str(proj / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return result


def test_stories_and_timeline_json(tmp_path):
    proj = make_project(tmp_path, sorted(STORIES.glob("*.txt")))
    shutil.rmtree(proj / "docs" / "briefings", ignore_errors=True)
    stories = json.loads(run(proj, "stories", "--json").stdout)
    assert [s["id"] for s in stories] == ["storm-lenka-1", "storm-idris-1", "velm-strike-1"]
    for s in stories:
        jsonschema.validate(s, JSON_SCHEMA)
        assert s["first_date"] <= s["last_date"]
        assert all(q["status"] in ("open", "answered", "overtaken") for q in s["questions"])
        assert all(isinstance(kd["weight"], int) for kd in s["key_dates"])
    top = json.loads(run(proj, "timeline", "--json", "--top", "3").stdout)
    assert len(top) == 3
    assert [kd["weight"] for kd in top] == sorted((kd["weight"] for kd in top), reverse=True)
    assert top[0]["date"] == "2025-03-18" and top[0]["weight"] == 3
    assert set(top[0]) == {"date", "weight", "text", "expected", "evidence"}
    assert {"briefing", "sentence"} == set(top[0]["evidence"][0])
    everything = json.loads(run(proj, "timeline", "--json").stdout)
    assert everything[:3] == top and len(everything) > 3
    text = run(proj, "stories").stdout
    assert "velm-strike-1" in text and "[answered]" in text
