"""corrections.yml: merge, retype, hide and move an alias, on every page, without re-extraction."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from briefings.errors import CorrectionsError
from briefings.model import Actor, Briefing, Evidence, Source
from briefings.site.corrections import apply_corrections, parse_corrections

from .conftest import FIXTURES, make_project, mkdocs_build

PATH = Path("corrections.yml")


def actor(name: str, type_: str = "organization", mentions: int = 1, sentence: int = 1, aliases=()):
    return Actor(name, type_, None, (name, *aliases), mentions, 1.0, (Evidence(sentence, "."),))


def briefing(actors: list[Actor]) -> Briefing:
    return Briefing(
        id="b",
        date="2025-01-02",
        title="T",
        summary=(),
        actors=tuple(actors),
        events=(),
        questions=(),
        source=Source(path="seeds/b.txt", sha256="0" * 64, words=9),
    )


def test_merge_retype_hide_and_alias_in_one_briefing():
    corrections = parse_corrections(
        PATH,
        "merge:\n  - [Dockworkers Union, the  dock union]\n"
        "actors:\n  Valmora Port Authority: {type: organization, role: port operator}\n"
        "hide: [Europe]\n"
        "aliases:\n  Calder union: Dockworkers Union\n",
    )
    b = briefing(
        [
            actor("The Dock Union", "group", 2, 3),
            actor("Valmora Port Authority", "place", 4, 2),
            actor("Europe", "place"),
            actor("Dockworkers Union", "organization", 1, 1, aliases=("Calder Union",)),
        ]
    )
    (fixed,) = apply_corrections([b], corrections)
    names = [a.name for a in fixed.actors]
    assert names == ["Dockworkers Union", "Valmora Port Authority"]
    union, port = fixed.actors
    assert union.mentions == 3 and [e.sentence for e in union.evidence] == [1, 3]
    assert {"The Dock Union", "Calder Union"} <= set(union.aliases)
    assert (port.type, port.role) == ("organization", "port operator")
    assert apply_corrections([b], parse_corrections(PATH, "")) == [b]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("merge:\n  - [A, B]\nhid: [C]\n", 3, "unknown section 'hid'"),
        ("actors:\n  A: {type: planet}\n", 2, "unknown type 'planet'"),
        ("actors:\n  A:\n    colour: red\n", 3, "unknown field 'colour'"),
        ("merge:\n  - [A]\n", 2, "at least two names"),
        ("merge:\n  - [A, B]\n  - [C, B]\n", 3, "'B' is already merged into 'A'"),
        ("hide: Europe\n", 1, "'hide' must be a list"),
        ("merge: [[A, B]\n", 2, "not valid YAML"),
        ("aliases:\n  x: [A]\n", 2, "must be an actor's name"),
    ],
)
def test_a_bad_entry_is_an_error_at_its_file_and_line(text, line, message):
    with pytest.raises(CorrectionsError) as caught:
        parse_corrections(PATH, text)
    assert str(caught.value).startswith(f"corrections.yml:{line}: ")
    assert message in str(caught.value)


@pytest.mark.site
@pytest.mark.model
def test_corrections_reach_every_page_and_rebuild_from_the_cache(tmp_path):
    proj = make_project(tmp_path, [FIXTURES / "harbour_strike.txt", FIXTURES / "summit.txt"])
    first = mkdocs_build(proj)
    assert first.returncode == 0, first.stderr
    data = {
        p.stem: json.loads(p.read_text("utf-8")) for p in (proj / "site/briefings").glob("*.json")
    }
    actors = [(b, a) for b in data.values() for a in b["actors"]]
    hidden_b, hidden = actors[0]
    retyped_b, retyped = next((b, a) for b, a in actors if a["type"] != "organization")
    _, merged = next((b, a) for b, a in actors if b is retyped_b and a not in (retyped, hidden))
    (proj / "corrections.yml").write_text(
        f"hide: [{hidden['name']}]\n"
        f"actors:\n  {retyped['name']}: {{type: organization, role: checked role}}\n"
        f"merge:\n  - [{retyped['name']}, {merged['name']}]\n",
        "utf-8",
    )
    second = mkdocs_build(proj)
    assert second.returncode == 0, second.stderr
    assert "extracted" not in second.stderr  # from the cache: no extraction re-ran

    def key_actors(b: dict) -> list[str]:
        page = (proj / f"site/briefings/{b['id']}/index.html").read_text("utf-8")
        table = page[page.index('id="key-actors"') : page.index('id="timeline"')]
        # A linked name (an actor page) or a plain one (an actor of this briefing alone).
        cells = re.findall(
            r'<tr>\s*<td>(?:<a href="[^"]*actors/[^"]*">([^<]*)</a>|([^<]*))</td>', table
        )
        return [html.unescape(linked or plain) for linked, plain in cells]

    shown = key_actors(hidden_b)
    assert hidden["name"] not in shown and shown, shown
    shown = key_actors(retyped_b)
    assert retyped["name"] in shown and merged["name"] not in shown
    page = (proj / f"site/briefings/{retyped_b['id']}/index.html").read_text("utf-8")
    assert "checked role" in page
    fixed = json.loads((proj / f"site/briefings/{retyped_b['id']}.json").read_text("utf-8"))
    entry = next(a for a in fixed["actors"] if a["name"] == retyped["name"])
    assert entry["type"] == "organization"
    assert entry["mentions"] == retyped["mentions"] + merged["mentions"]

    def listed(pattern: str) -> str:
        """The actors index's letter pages (actors/<type>/<letter>/) matching ``pattern``."""
        pages = sorted((proj / "site/actors").glob(f"{pattern}/index.html"))
        return " ".join(html.unescape(p.read_text("utf-8")) for p in pages)

    assert f">{hidden['name']}<" not in listed("*/*") and f">{merged['name']}<" not in listed("*/*")
    assert f">{retyped['name']}<" in listed("organization/*")
    (proj / "corrections.yml").write_text("hide:\n  - [not, a name]\n", "utf-8")
    bad = mkdocs_build(proj)
    assert bad.returncode != 0 and "corrections.yml:2:" in bad.stderr


def test_generate_out_applies_corrections_and_check_validates_them(tmp_path, monkeypatch):
    """The CLI reads corrections.yml as the plugin does: in the pages it writes, in check."""
    from briefings.cli.main import main
    from click.testing import CliRunner

    proj = make_project(tmp_path, [FIXTURES / "harbour_strike.txt"])
    monkeypatch.chdir(proj)
    runner = CliRunner()
    first = runner.invoke(main, ["generate", "--out", "out"])
    assert first.exit_code == 0, first.output
    name = json.loads(next((proj / "out/briefings").glob("*.json")).read_text("utf-8"))["actors"][
        0
    ]["name"]
    page = next((proj / "out/briefings").glob("*.md"))
    assert name in html.unescape(page.read_text("utf-8"))
    (proj / "corrections.yml").write_text(f"hide: [{name}]\n", "utf-8")
    second = runner.invoke(main, ["generate", "--out", "out"])
    assert second.exit_code == 0, second.output
    data = json.loads(next((proj / "out/briefings").glob("*.json")).read_text("utf-8"))
    assert name not in [a["name"] for a in data["actors"]]
    assert runner.invoke(main, ["check"]).exit_code == 0
    (proj / "corrections.yml").write_text("hide:\n  - [not, a name]\n", "utf-8")
    bad = runner.invoke(main, ["check"])
    assert bad.exit_code == 1 and "corrections.yml:2:" in bad.output
