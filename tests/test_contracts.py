"""Each stage's contract: declared in order, and a broken promise costs the section."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from briefings.extract.contracts import CONTRACTS, Contract, ContractError, check, check_order
from briefings.extract.pipeline import briefing_from_parsed
from briefings.model import Evidence, Question

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_declared_stages_read_only_what_earlier_stages_assign():
    check_order()
    assert CONTRACTS[0].stage == "actors"
    reordered = (CONTRACTS[1], CONTRACTS[0], *CONTRACTS[2:])
    with pytest.raises(ContractError, match="the timeline stage reads"):
        check_order(reordered)


def test_every_stage_of_a_real_briefing_keeps_its_contract(parse_file):
    article = parse_file(FIXTURES / "harbour_strike.txt")
    briefing = briefing_from_parsed(article)
    assert briefing.warnings == ()
    for stage, value in [
        ("actors", briefing.actors),
        ("timeline", briefing.events),
        ("summary", briefing.summary),
        ("questions", briefing.questions),
        ("title", briefing.title),
        ("bottom line", (briefing.bottom_line, briefing.bottom_line_sentence)),
    ]:
        assert check(stage, value, article) is value


@pytest.mark.parametrize(
    ("broken", "promise"),
    [
        (lambda q: dataclasses.replace(q, evidence=Evidence(999, q.evidence.text)), "sentence 999"),
        (
            lambda q: dataclasses.replace(q, evidence=Evidence(q.evidence.sentence, "Not it.")),
            "other than the article states it",
        ),
        (lambda q: dataclasses.replace(q, text=q.text.rstrip("?")), "question mark"),
        (lambda q: dataclasses.replace(q, text="Who\nasked?"), "spans lines"),
    ],
)
def test_a_stage_that_breaks_a_promise_loses_its_section_with_a_warning(
    parse_file, monkeypatch, broken, promise
):
    """The real pipeline, the questions stage made to return one question it must not."""
    import briefings.extract.pipeline as pipeline

    real = pipeline.extract_questions

    def one_bad(*args, **kwargs) -> tuple[Question, ...]:
        good = real(*args, **kwargs)
        return (*good[:-1], broken(good[-1]))

    monkeypatch.setattr(pipeline, "extract_questions", one_bad)
    article = parse_file(FIXTURES / "harbour_strike.txt")
    briefing = briefing_from_parsed(article)
    assert briefing.questions == ()
    (warning,) = briefing.warnings
    assert re.match(r"the questions stage failed \(ContractError: ", warning), warning
    assert promise in warning
    assert briefing.actors and briefing.events and briefing.summary  # the others stay


def test_a_contract_names_what_its_stage_reads_and_assigns():
    for c in CONTRACTS:
        assert isinstance(c, Contract)
        assert c.assigns and c.stage
    assigned = [c.assigns for c in CONTRACTS]
    assert len(set(assigned)) == len(assigned)
