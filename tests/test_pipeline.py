"""Extraction stages on small fixture articles, with the real spaCy model."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from briefings.extract.pipeline import briefing_from_parsed
from briefings.model import JSON_SCHEMA, briefing_from_dict
from click.testing import CliRunner

from .conftest import FIXTURES, make_project

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def harbour(parse_file):
    return briefing_from_parsed(parse_file(FIXTURES / "harbour_strike.txt"))


@pytest.fixture(scope="module")
def summit(parse_file):
    return briefing_from_parsed(parse_file(FIXTURES / "summit.txt"))


def test_header_title_wins(harbour):
    assert harbour.title == "Dock workers strike at Port Calder"


def test_generated_title_is_short(summit):
    assert 1 <= len(summit.title.split()) <= 12


def test_actors_merge_surnames_and_keep_roles(harbour):
    names = [a.name for a in harbour.actors]
    assert "Maria Ostrova" in names and "Ostrova" not in names
    ostrova = next(a for a in harbour.actors if a.name == "Maria Ostrova")
    assert ostrova.type == "person"
    assert ostrova.mentions >= 2
    assert set(ostrova.aliases) >= {"Maria Ostrova", "Ostrova"}
    achebe = next(a for a in harbour.actors if a.name == "Helen Achebe")
    assert achebe.role and "Minister" in achebe.role


def test_actor_evidence_points_at_sentences_naming_them(harbour):
    by_index = {s.index: s.text for s in harbour.sentences}
    for actor in harbour.actors:
        for ev in actor.evidence:
            assert by_index[ev.sentence] == ev.text
            assert any(alias in ev.text for alias in actor.aliases), (actor.name, ev.text)


def test_timeline_resolves_dates_against_publication_date(harbour):
    dates = {e.date for e in harbour.events}
    assert "2024-03-08" in dates  # "March 8", year from the publication date
    assert "2024-03-12" in dates  # "on Tuesday" before Thursday 2024-03-14
    assert [e.date for e in harbour.events] == sorted(e.date for e in harbour.events)


def test_month_alone_keeps_month_precision(summit):
    dates = {e.date for e in summit.events}
    assert "2023-02" in dates
    assert not any(d.startswith("2023-02-") for d in dates)


def test_durations_are_not_dates(summit):
    for e in summit.events:
        assert "two years" not in e.text or e.date != "2023"


def test_summary_sentences_in_article_order(harbour):
    numbers = [s.sentence for s in harbour.summary]
    assert numbers == sorted(numbers)
    assert 3 <= len(numbers) <= 5


def test_questions_are_questions_with_evidence(harbour):
    assert harbour.questions
    for q in harbour.questions:
        assert q.text.endswith("?") and q.text[0].isupper()
        assert q.evidence.text in {s.text for s in harbour.sentences}


def test_json_round_trip_and_schema(harbour):
    data = json.loads(harbour.to_json())
    assert data["schema"] == "briefing/1"
    assert briefing_from_dict(data) == harbour
    for key in JSON_SCHEMA["required"]:
        assert key in data
    for actor in data["actors"]:
        assert actor["type"] in ("person", "organization", "country", "place", "group")


def test_same_input_same_bytes(parse_file):
    a = briefing_from_parsed(parse_file(FIXTURES / "summit.txt")).to_json()
    b = briefing_from_parsed(parse_file(FIXTURES / "summit.txt")).to_json()
    assert a == b


# --- crashes of a class, and a stage that raises -----------------------------------


def test_a_week_after_a_dated_sentence_is_placed_not_a_crash(parse_text):
    article = parse_text(
        "The mayor announced a plan on 12 March 2024.\n\nThe same week, a council member resigned."
    )
    briefing = briefing_from_parsed(article)
    assert briefing.warnings == ()
    resigned = [e for e in briefing.events if e.evidence.sentence == 2]
    assert [e.date for e in resigned] == ["2024-03"]


def test_blank_lines_the_parser_makes_sentences_of_cost_nothing(parse_text):
    article = parse_text("The band released a new record called 'B\n\n*\n\n*")
    briefing = briefing_from_parsed(article)
    assert briefing.warnings == ()
    assert [s.text for s in briefing.sentences] == ["The band released a new record called 'B",
                                                    "*", "*"]  # fmt: skip


#: Each stage as ``briefing_from_parsed`` calls it, and the section it fills.
STAGES = [
    ("extract_actors", "actors", "actors"),
    ("extract_events", "timeline", "events"),
    ("extract_summary", "summary", "summary"),
    ("extract_questions", "questions", "questions"),
    ("make_title", "title", "title"),
    ("bottom_line_of", "bottom line", "bottom_line"),
]


@pytest.mark.parametrize(("function", "stage", "section"), STAGES)
def test_a_stage_that_raises_costs_its_section_only(
    parse_file, harbour, monkeypatch, function, stage, section
):
    """The real pipeline on a real seed, one stage replaced by one that raises."""
    import briefings.extract.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded\non two lines")

    monkeypatch.setattr(briefings.extract.pipeline, function, broken)
    briefing = briefing_from_parsed(parse_file(FIXTURES / "harbour_strike.txt"))
    assert len(briefing.warnings) == 1
    assert re.fullmatch(
        rf"the {stage} stage failed \(RuntimeError: stage exploded on two lines "
        r"at \w+\.py:\d+ in \S+\); the briefing is built without it",
        briefing.warnings[0],
    )
    empty = {"title": "Dock workers strike at Port Calder", "bottom_line": None}
    assert getattr(briefing, section) == empty.get(section, ())
    # Every other section is what the whole pipeline gives (actors feed the
    # summary, title and questions, so those change when the actors are lost).
    independent = {"events", "sentences", "source", "id", "date"}
    if section != "actors":
        independent |= {"actors", "summary", "questions", "bottom_line"} - {section}
    for other in sorted(independent - {section}):
        assert getattr(briefing, other) == getattr(harbour, other), other
    jsonschema.validate(json.loads(briefing.to_json()), JSON_SCHEMA)
    assert briefing_from_dict(json.loads(briefing.to_json())) == briefing


def test_a_failed_stage_fails_a_strict_build_naming_file_stage_and_error(tmp_path, monkeypatch):
    """A real `mkdocs build --strict` (in this process, so one stage can be made to
    raise): it fails, the log names the seed, the stage and the error, and a plain
    build still publishes the briefing without its timeline."""
    import briefings.extract.pipeline
    from mkdocs.__main__ import cli

    def broken(*args, **kwargs):
        raise ValueError("no timeline today")

    monkeypatch.setattr(briefings.extract.pipeline, "extract_events", broken)
    proj = make_project(tmp_path, [FIXTURES / "harbour_strike.txt"], cache=False)
    config = proj / "mkdocs.yml"
    config.write_text(config.read_text().replace('cache_dir: ""', 'cache_dir: ""\n      jobs: 1'))
    monkeypatch.chdir(proj)
    strict = CliRunner().invoke(cli, ["build", "--strict"])
    assert strict.exit_code == 1
    assert (
        "WARNING -  seeds/harbour_strike.txt: the timeline stage failed "
        "(ValueError: no timeline today" in strict.output
    )
    assert "Aborted with 1 warnings in strict mode" in strict.output
    plain = CliRunner().invoke(cli, ["build"])
    assert plain.exit_code == 0, plain.output
    page = (proj / "site" / "briefings" / "harbour-strike" / "index.html").read_text("utf-8")
    assert "Maria Ostrova" in page
    published = json.loads((proj / "site" / "briefings" / "harbour-strike.json").read_text())
    assert published["events"] == [] and published["actors"]
