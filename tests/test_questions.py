"""Open questions on small articles written for the purpose."""

from __future__ import annotations

import pytest

from generator.actors import extract_actors
from generator.evaluate import well_formed
from generator.questions import extract_questions

from .conftest import FIXTURES

pytestmark = pytest.mark.model


def _questions(article):
    return extract_questions(article, extract_actors(article))


def _texts(parse_text, body):
    return [q.text for q in _questions(parse_text(body))]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # subject–auxiliary inversion
        ("Officials said the bridge will reopen in May.", "Will the bridge reopen in May?"),
        ("The council could delay the vote on the budget.",
         "Could the council delay the vote on the budget?"),
        # embedded clause under "unlikely that"
        ("It is unlikely that Anna Lind will change her approach to the talks.",
         "Will Anna Lind change her approach to the talks?"),
        # "is expected to", "plans to": the subject of the predicate does the action
        ("The council is expected to approve the harbour plan.",
         "Will the council approve the harbour plan?"),
        ("Norland plans to build two new reservoirs.", "Will Norland build two new reservoirs?"),
        # an appeal asks whether its addressee will act
        ("The union called on the government to raise the minimum wage.",
         "Will the government raise the minimum wage?"),
        # a contested claim, asked with do-support and the verb's lemma
        ("The minister rejected the claim that the mine polluted the river.",
         "Did the mine pollute the river?"),
        # an embedded question becomes a direct one
        ("Officials have not said why the dam failed.", "Why did the dam fail?"),
        ("There are doubts about how hard the mayor will push the reform.",
         "How hard will the mayor push the reform?"),
        # "may have" is asked with "could"
        ("The storm may have damaged the old lighthouse.",
         "Could the storm have damaged the old lighthouse?"),
    ],
)  # fmt: skip
def test_statement_becomes_question(parse_text, body, expected):
    assert expected in _texts(parse_text, body)


def test_conditional_keeps_its_condition(parse_text):
    texts = _texts(parse_text, "If the talks fail, the union will call a general strike.")
    assert "Will the union call a general strike if the talks fail?" in texts


def test_pronoun_subject_is_resolved_to_the_person_named_before(parse_text):
    body = "Maria Ostrova leads the dock workers. She said she will call a new strike in June."
    texts = _texts(parse_text, body)
    assert "Will Maria Ostrova call a new strike in June?" in texts


def test_pronoun_without_antecedent_is_passed_over(parse_text):
    body = "The harbour was quiet on Monday. They might return to work next week."
    for text in _texts(parse_text, body):
        assert text.split()[1].lower() not in ("they", "he", "she", "it")


def test_past_fact_is_not_asked_about(parse_text):
    assert _texts(parse_text, "The ferry left the harbour at noon on Tuesday.") == []


def test_questions_are_well_formed_grounded_unique_and_three_to_seven(parse_file, nlp):
    article = parse_file(FIXTURES / "harbour_strike.txt")
    questions = _questions(article)
    assert 3 <= len(questions) <= 7
    texts = [q.text for q in questions]
    assert len(set(texts)) == len(texts)
    sentences = {s.index: s.text for s in article.sentences}
    for q in questions:
        assert well_formed(q.text, nlp), q.text
        assert sentences[q.evidence.sentence] == q.evidence.text


@pytest.mark.xfail(
    strict=True,
    reason="the actor stage now resolves 'the union' to the Harbour Workers Union, so the "
    "'unnamed' question names the article's second most salient actor",
)
def test_questions_ranked_by_actor_salience_and_hedging(parse_file):
    article = parse_file(FIXTURES / "harbour_strike.txt")
    texts = [q.text for q in _questions(article)]
    named = "Will Transport Minister Helen Achebe meet both sides on March 18?"
    unnamed = "Would the board accept the union's demands?"  # "it was unlikely that ..."
    assert named in texts and unnamed in texts
    assert texts.index(named) < texts.index(unnamed)


def test_at_most_limit_questions(parse_file):
    article = parse_file(FIXTURES / "harbour_strike.txt")
    assert len(extract_questions(article, extract_actors(article), limit=2)) == 2
