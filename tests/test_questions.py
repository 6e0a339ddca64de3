"""Open questions on small articles written for the purpose."""

from __future__ import annotations

import pytest
from briefings.extract.actors.key_actors import extract_actors
from briefings.extract.questions.questions import extract_questions
from briefings.model import Actor
from briefings.quality.evaluate import well_formed

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
         "Will the government heed the union's call to raise the minimum wage?"),
        # a contested claim, asked with do-support and the verb's lemma
        ("The minister rejected the claim that the mine polluted the river.",
         "Did the mine pollute the river?"),
        # an embedded question becomes a direct one
        ("Officials have not said why the dam failed.", "Why did the dam fail?"),
        ("There are doubts about how hard the mayor will push the reform.",
         "How hard will the mayor push the reform?"),
        # "may" is asked with "could"
        ("The storm may reach the old lighthouse by Friday.",
         "Could the storm reach the old lighthouse by Friday?"),
        # a contracted auxiliary opens the question in full; the question asks either way
        ("Officials asked whether there's enough fuel in the depot for the winter.",
         "Is there enough fuel in the depot for the winter?"),
        ("The port authority won't reopen the north gate before the inquiry ends.",
         "Will the port authority reopen the north gate before the inquiry ends?"),
        # a comma-set aside goes with its commas
        ("The old ferry, which carried more than three hundred passengers and their cars "
         "across the bay every day for forty years, will soon leave the harbour of Velm for "
         "the last time.",
         "Will the old ferry soon leave the harbour of Velm for the last time?"),
        # "must" tied to a date is a pending decision
        ("The Velm council must decide on the harbour plan by Friday.",
         "Must the Velm council decide on the harbour plan by Friday?"),
        # reported from the past: the tenses shift forward again
        ("The mayor said the bridge would reopen when the repairs ended.",
         "Will the bridge reopen when the repairs end?"),
        # "no ... until" asks about "any ... before"
        ("The minister said there would be no agreement until the unions returned to the table.",
         "Will there be any agreement before the unions return to the table?"),
        # a concession stays with the question
        ("Despite the protests, it is unlikely that the council will change its plan.",
         "Will the council change its plan despite the protests?"),
        # an aside after a comma goes whole, its article included
        ("The proposal must now be approved by the Norland parliament and by the regional "
         "councils, a process that is expected to take at least a year.",
         "Must the proposal now be approved by the Norland parliament and by the regional "
         "councils?"),
        # "it" of a country or organisation that speaks is that speaker
        ("Norland has not said whether it will support the proposal.",
         "Will Norland support the proposal?"),
        # a frame before the subject is not part of the question
        ("The pattern is clear: the Velm council will close the school next year.",
         "Will the Velm council close the school next year?"),
        # of two subjects the parser gave one verb, the nearest is the verb's own
        ("A ferry link to the islands opened last year, and a company from Bergen plans "
         "to build a salmon farm in the bay.",
         "Will a company from Bergen build a salmon farm in the bay?"),
        # a hedged report: did it happen?
        ("A fast-track scheme for 3,000 refugees was reportedly rejected by Prime Minister "
         "Anna Lind.",
         "Was a fast-track scheme for 3,000 refugees rejected by Prime Minister Anna Lind?"),
        ("The Velm council apparently approved the harbour plan in secret.",
         "Did the Velm council approve the harbour plan in secret?"),
        # a count given as a floor: how many?
        ("At least 34 people were killed when a bridge collapsed in Velm, officials said.",
         "How many people were killed?"),
        # a thing awaited at a date: will it come then?
        ("A verdict in the trial of the former mayor is expected next week.",
         "Will the verdict in the trial of the former mayor come next week, as expected?"),
        ("A ruling from the Norland supreme court is due on Friday.",
         "Will the ruling from the Norland supreme court come on Friday, as scheduled?"),
        ("The parliament will vote on the budget, with a final decision expected next month.",
         "Will the final decision come next month, as expected?"),
        # a matter not yet settled, and an inquiry opened
        ("The cause of the fire at the Velm depot has not yet been determined.",
         "When will the cause of the fire at the Velm depot be determined?"),
        ("Norland police have launched an inquiry into the collapse of the bridge.",
         "What will the inquiry into the collapse of the bridge find?"),
        ("The cause of the fire at the Norchem plant is not yet known.",
         "When will the cause of the fire at the Norchem plant be known?"),
        ("The number of victims of the flood remains unclear.",
         "What is the number of victims of the flood?"),
        # a transitive verb that lost its object gets it back from the article's own use
        ("General Anna Lind ended the siege of Tarn in March. "
         "Her officers said she could end within a week.",
         "Could Anna Lind end the siege of Tarn within a week?"),
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


def _actor(name: str, aliases: tuple[str, ...], salience: float) -> Actor:
    return Actor(name, "organization", None, aliases, 1, salience, ())


@pytest.mark.parametrize("union_first", [True, False])
def test_questions_ranked_by_actor_salience_and_hedging(parse_file, union_first):
    """Equal cues: the question naming the more salient actor comes first.

    The actors are given here rather than extracted, so the test pins the ranking
    rule itself: swapping the two actors' salience swaps the two questions.
    """
    article = parse_file(FIXTURES / "harbour_strike.txt")
    high, low = (3.0, 1.0) if union_first else (1.0, 3.0)
    actors = (
        _actor("Harbour Workers Union", ("Harbour Workers Union", "union"), high),
        _actor("Helen Achebe", ("Helen Achebe", "Achebe"), low),
    )
    texts = [q.text for q in extract_questions(article, actors)]
    union = next(t for t in texts if "union" in t and t.startswith("Will the board"))
    minister = next(t for t in texts if "meet both sides" in t)
    assert (texts.index(union) < texts.index(minister)) == union_first, texts
    # Naming the same actor, a plain modal ("could ..., as Achebe warned") leaves a
    # matter less open than an expectation ("Achebe is expected to meet ..."), whatever
    # the actors' salience.
    modal = next(t for t in texts if t.startswith("Could the government step in"))
    assert texts.index(modal) > texts.index(minister), texts


def test_at_most_limit_questions(parse_file):
    article = parse_file(FIXTURES / "harbour_strike.txt")
    assert len(extract_questions(article, extract_actors(article), limit=2)) == 2


def test_dummy_it_after_a_named_speaker_is_not_resolved(parse_text):
    texts = _texts(parse_text, "Norvik Shipping said it would be difficult to keep its yards open.")
    assert not any(t.startswith("Will Norvik Shipping be difficult") for t in texts), texts


def test_unsettled_matter_needs_a_named_subject(parse_text):
    assert not any(t.startswith("When") for t in _texts(parse_text, "This has not been confirmed."))


def test_cannot_asserts_and_asks_nothing(parse_text):
    assert _texts(parse_text, "The Velm council cannot afford the repairs to the bridge.") == []


def test_a_count_inside_a_phrase_asks_nothing(parse_text):
    body = "Rescuers were searching for at least 19 people believed to be trapped in Velm."
    assert not any(t.startswith("How many") for t in _texts(parse_text, body))


@pytest.mark.parametrize(
    "body",
    [
        # a modal with the perfect looks back: speculation or regret, nothing to watch
        "The storm may have damaged the old lighthouse.",
        "Without the warning, the death toll would have been far higher.",
        "Houston should have been chosen as the home of the museum.",
        # ability, obligation and norm with no time: how things are
        "Visitors can avoid the crowds by walking from the northern station.",
        "The form must be completed in English.",
        "Every country should iodise its salt.",
        # a claim the article puts in the past is no dispute to watch
        "The mayor kept silent, despite his previous claims that he could end the strike.",
    ],
)
def test_what_looks_back_or_states_a_norm_asks_nothing(parse_text, body):
    assert _texts(parse_text, body) == []


def test_a_future_perfect_still_looks_ahead(parse_text):
    assert _texts(parse_text, "The Velm council will have finished the bridge by May 2026.") == [
        "Will the Velm council have finished the bridge by May 2026?"
    ]


def test_a_question_with_his_or_her_names_the_person(parse_text):
    """ "Could the council end his contract?" stands alone only if it says whose."""
    texts = _texts(
        parse_text,
        "Anna Lind met the council on Monday. Officials said the council could end his "
        "contract. Anna Lind said she would appeal her dismissal in court.",
    )
    assert not any("his contract" in t for t in texts)
    assert "Will Anna Lind appeal her dismissal in court?" in texts


def test_a_second_verb_with_its_own_modal_is_asked_of_the_shared_subject(parse_text):
    texts = _texts(
        parse_text,
        "After the exchange of fire, Mayor Anna Lind said the Velm council would close the "
        "harbour and would respond within 48 hours if the strike did not stop.",
    )
    assert any(t.startswith("Will the Velm council respond within 48 hours") for t in texts), texts
