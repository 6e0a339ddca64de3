"""The command line reads the site's settings from mkdocs.yml as MkDocs does."""

from __future__ import annotations

import json

from briefings.build.project import load_project
from briefings.cli.main import main
from briefings.site.feeds import JSON_FEED_URI
from click.testing import CliRunner

from .conftest import make_project


def test_site_settings_come_from_mkdocs_yml_with_its_env_tags(tmp_path, monkeypatch):
    proj = make_project(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://news.example.org/briefs")
    project = load_project(proj / "mkdocs.yml")
    assert project.site_url == "https://news.example.org/briefs/"
    assert project.site_name and project.directory_urls is True
    monkeypatch.delenv("SITE_URL")
    assert load_project(proj / "mkdocs.yml").site_url == "http://127.0.0.1:8000/"
    assert load_project(tmp_path / "missing.yml").site_url is None


def test_generate_out_writes_feeds_with_the_configured_site_url(tmp_path, monkeypatch):
    """`generate --out` pages are those `mkdocs build` would make: same absolute feed URLs."""
    proj = make_project(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://news.example.org/briefs/")
    monkeypatch.chdir(proj)
    result = CliRunner().invoke(main, ["generate", "--out", "out"])
    assert result.exit_code == 0, result.output
    feed = json.loads((proj / "out" / JSON_FEED_URI).read_text("utf-8"))
    assert feed["home_page_url"] == "https://news.example.org/briefs/"
