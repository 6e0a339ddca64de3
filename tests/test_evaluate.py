"""The evaluation harness: measures computed as documented, baselines in the same run."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from briefings.cli.main import main
from briefings.errors import BriefingsError
from briefings.extract.pipeline import briefing_from_parsed
from briefings.quality.evaluate import (
    SECTION_MEASURES,
    SECTIONS,
    Corpus,
    PredictedActor,
    PredictedEvent,
    actor_names,
    date_agrees,
    format_corpora,
    format_report,
    gold_sections,
    read_corpus,
    run_corpora,
    run_eval,
    score_actors,
    score_events,
)
from briefings.quality.leave_one_out import prepare
from click.testing import CliRunner

from .conftest import FIXTURES

GOLD_ACTORS = [
    {"name": "Donna Reyes", "aliases": ["Donna Reyes", "Reyes"], "key": True},
    {"name": "Harbour Board", "aliases": ["Harbour Board"], "key": False},
]


def test_duplicate_actor_is_a_false_positive():
    pred = [
        PredictedActor(actor_names("Donna Reyes", [])),
        PredictedActor(actor_names("Reyes", [])),
    ]
    s = score_actors(pred, GOLD_ACTORS)
    assert s["actor_p"] == 0.5 and s["actor_r"] == 0.5 and s["key_at_10"] == 1.0


def test_date_agreement_is_at_gold_precision():
    assert date_agrees("2025-05-19", "2025-05")
    assert not date_agrees("2025-05", "2025-05-19")
    gold = [{"date": "2025-05", "text": "talks collapse in Velm", "evidence": "talks collapsed"}]
    s = score_events([PredictedEvent("2025-05-03", "The talks collapsed in Velm")], gold)
    assert s["event_f"] == 1.0 and s["date_f"] == 1.0


@pytest.mark.model
def test_run_eval_reports_system_and_baselines(tmp_path):
    report = run_eval(FIXTURES / "articles", FIXTURES / "gold")
    assert set(report["articles"]) == {"harbour_strike"}
    for key in ("actor_f", "key_at_10", "event_f", "date_f", "rouge1", "rouge2", "q_coverage"):
        assert 0.0 <= report["mean"][key] <= 1.0
    for key in ("actor_f", "event_f", "rouge1"):
        assert key in report["baseline_mean"]
    text = format_report(report)
    assert "lead-3" in text and "raw spaCy entities" in text and "dateparser" in text
    json.dumps(report)


# --- several corpora, declared sections, leave-one-out ------------------------------


def _corpus(tmp_path, name, source, sections, keep=None):
    """A copy of a fixture corpus whose gold files declare ``sections``."""
    folder = tmp_path / name
    (folder / "articles").mkdir(parents=True)
    (folder / "gold").mkdir()
    for path in sorted((source / "articles").glob("*.txt"))[:keep]:
        shutil.copy(path, folder / "articles" / path.name)
        gold = json.loads((source / "gold" / f"{path.stem}.json").read_text("utf-8"))
        if sections is not None:
            gold["sections"] = sections
        (folder / "gold" / f"{path.stem}.json").write_text(json.dumps(gold), "utf-8")
    return folder


@pytest.fixture(scope="module")
def two_corpora(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpora")
    actors = _corpus(tmp, "actors-only", FIXTURES / "actors_eval", ["actors"])
    summaries = _corpus(tmp, "summaries", FIXTURES / "summary_eval", ["summary"], 3)
    whole = _corpus(tmp, "whole", FIXTURES, None)
    corpora = [Corpus(f.name, f / "articles", f / "gold") for f in (actors, summaries, whole)]
    return corpora, run_corpora(corpora)


@pytest.mark.model
def test_only_the_declared_sections_are_scored(two_corpora):
    _, report = two_corpora
    actors, summaries, whole = report["corpora"]
    assert actors["sections"] == ["actors"]
    assert set(actors["mean"]) == set(actors["baseline_mean"]) == set(SECTION_MEASURES["actors"])
    assert set(summaries["mean"]) == set(SECTION_MEASURES["summary"])
    assert whole["sections"] == list(SECTIONS)
    text = format_corpora(report)
    block = text.split("== summaries")[0]
    assert "act F1" in block and "R-1" not in block and "ev F1" not in block
    assert "dateparser" not in block and "lead-3" not in block


@pytest.mark.model
def test_plain_figures_are_those_of_a_run_on_one_corpus(two_corpora):
    corpora, report = two_corpora
    alone = run_eval(corpora[2].articles, corpora[2].gold)
    assert alone["mean"] == report["corpora"][2]["mean"]
    assert alone["baseline_mean"] == report["corpora"][2]["baseline_mean"]


@pytest.mark.model
def test_leave_one_out_scores_every_article_with_numbers_chosen_without_it(two_corpora):
    _, report = two_corpora
    assert report["loo"]["pool"] == 9
    assert len(report["loo"]["fitted"]) == 9
    for corpus in report["corpora"]:
        for name, row in corpus["articles"].items():
            assert set(row["loo"]) == set(row["system"])
            # Nothing fitted touches the timeline.
            for key in SECTION_MEASURES["events"]:
                assert row["loo"].get(key) == row["system"].get(key)
            fitted = report["loo"]["fitted"][f"{corpus['name']}/{name}"]
            assert fitted["salience_weights"]["weight"] == 1.0
            assert fitted["summary"]["target_words"] in (50, 60, 70, 80)
    assert "mean, leave-one-out" in format_corpora(report)


@pytest.mark.model
def test_the_held_out_gold_never_shapes_the_numbers_it_is_scored_with(two_corpora, nlp):
    corpora, _ = two_corpora
    pool = []
    for corpus in corpora:
        for item in read_corpus(corpus, nlp):
            briefing = briefing_from_parsed(item.article)
            pool.append(dataclasses.replace(item, actors=briefing.actors))
    first = prepare(pool, 4)
    # 0: the first article with actor gold; 5: the first with a summary.
    for held, section in ((0, "actors"), (5, "summary")):
        assert section in pool[held].sections
        turned = dict(pool[held].gold)
        turned["summary"] = "Nothing of the article at all, a reference that misleads."
        turned["actors"] = [{**a, "key": not a.get("key")} for a in turned["actors"]]
        changed = dataclasses.replace(pool[held], gold=turned)
        second = prepare([*pool[:held], changed, *pool[held + 1 :]], 4)
        # What the held-out article gives the others changed; what it is scored with did not.
        assert (first.salience[held], first.summary[held]) != (
            second.salience[held],
            second.summary[held],
        )
        assert first.fitted_without(held) == second.fitted_without(held)


def test_a_bad_sections_list_names_the_gold_file(tmp_path):
    with pytest.raises(BriefingsError, match=r"x\.json.*sections"):
        gold_sections({"sections": ["actors", "votes"]}, tmp_path / "x.json")
    assert gold_sections({}, tmp_path / "x.json") == SECTIONS
    assert gold_sections({"sections": ["summary", "actors"]}, tmp_path / "x.json") == (
        "actors",
        "summary",
    )


@pytest.mark.model
def test_eval_command_takes_corpus_folders_and_article_gold_pairs(two_corpora, tmp_path):
    corpora, _ = two_corpora
    out = tmp_path / "eval.json"
    whole = corpora[2].articles.parent
    result = CliRunner().invoke(
        main,
        ["eval", str(whole), str(corpora[0].articles), str(corpora[0].gold), "--json", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "== whole" in result.output and "== actors-only" in result.output
    assert "leave-one-out" in result.output
    written = json.loads(out.read_text("utf-8"))
    assert [c["name"] for c in written["corpora"]] == ["whole", "actors-only"]
    plain = CliRunner().invoke(main, ["eval", str(whole), "--no-loo"])
    assert plain.exit_code == 0 and "mean, leave-one-out" not in plain.output
    lone = CliRunner().invoke(main, ["eval", str(corpora[0].articles)])
    assert lone.exit_code == 1 and "no GOLD_DIR follows it" in lone.output
