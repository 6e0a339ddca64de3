"""Summary and bottom line on small articles written for the purpose."""

from __future__ import annotations

import re

import pytest
from briefings.extract.actors.key_actors import extract_actors
from briefings.extract.compression import certainty_frame, compress, repair
from briefings.extract.stated_dates import state_dates
from briefings.extract.summary import (
    Candidate,
    SummaryShape,
    anaphor,
    bottom_line,
    concept_weights,
    extract_summary,
    select,
)

from .conftest import FIXTURES

pytestmark = pytest.mark.model


def _summary(article):
    return extract_summary(article, extract_actors(article))


def test_summary_is_three_to_five_sentences_in_article_order_within_word_cap(parse_file):
    article = parse_file(FIXTURES / "tram_depot.txt")
    summary = _summary(article)
    numbers = [s.sentence for s in summary]
    assert 3 <= len(summary) <= 5
    assert numbers == sorted(numbers)
    assert sum(len(s.text.split()) for s in summary) <= 120
    assert numbers[0] == 1  # the news lead


def test_summary_respects_a_tight_word_cap(parse_file):
    article = parse_file(FIXTURES / "tram_depot.txt")
    summary = extract_summary(article, extract_actors(article), max_words=60)
    assert sum(len(s.text.split()) for s in summary) <= 60


def test_summary_sentences_point_at_their_source(parse_file):
    article = parse_file(FIXTURES / "tram_depot.txt")
    for s in _summary(article):
        source = article.sentences[s.sentence - 1].text
        # the source's words, a dropped connective and a date stated in full apart
        dated = state_dates(article, article.sents[s.sentence - 1])
        assert s.text in (source, repair(source), dated, repair(dated))


def test_summary_states_the_dates_its_dateline_fixed(parse_text):
    body = (
        "The city council of Varne voted on Monday to close the old tram depot.\n\n"
        "The depot opened in 1911 and has stood empty since the last trams ran in 2019."
    )
    article = parse_text(body, date="2024-05-15")
    first = _summary(article)[0]
    assert first.text.startswith("The city council of Varne voted on 13 May 2024 to close")
    assert sum(len(s.text.split()) for s in _summary(article)) <= 120


def test_connective_is_dropped():
    assert repair("However, the talks failed.") == "The talks failed."
    assert repair("Meanwhile the river rose.") == "The river rose."
    assert repair("Analysts, however, are sceptical.") == "Analysts are sceptical."
    assert repair("The talks failed.") == "The talks failed."


def test_opening_pronoun_and_dummy_it(nlp):
    assert anaphor(next(nlp("He added that the union would sue.").sents)).lower_ == "he"
    assert anaphor(next(nlp("However, she left early.").sents)).lower_ == "she"
    assert anaphor(next(nlp("This was a surprise to many.").sents)).lower_ == "this"
    assert anaphor(next(nlp("It is unlikely that the mayor will resign.").sents)) is None
    assert anaphor(next(nlp("The mayor will not resign.").sents)) is None


def _candidate(index, terms, words=10, anaphoric=False, quoted=0.0):
    return Candidate(
        index=index,
        text=f"Sentence {index}.",
        words=words,
        terms=frozenset(terms),
        quoted=quoted,
        eligible=True,
        anaphoric=anaphoric,
    )


SHAPE = SummaryShape(target_words=30)


def test_concept_weight_favours_early_and_repeated_words():
    weights = concept_weights([frozenset({"flood", "river"}), frozenset({"flood", "mayor"})], 1.0)
    assert weights["flood"] == 1.5 and weights["river"] == 1.0 and weights["mayor"] == 0.5


def test_pronoun_sentence_is_passed_over_without_its_referent():
    pool = [
        _candidate(0, {"a", "b"}),
        _candidate(1, {"z"}),
        _candidate(2, {"c", "d", "e"}, anaphoric=True),
        _candidate(3, {"f"}),
        _candidate(4, {"g"}),
    ]
    weights = {"a": 3.0, "b": 3.0, "c": 2.0, "d": 2.0, "e": 2.0, "f": 1.0, "g": 0.9, "z": 0.1}
    picked = [c.index for c in select(pool, weights, SHAPE)]
    assert 2 not in picked and 1 not in picked
    assert picked == sorted(picked)


def test_pronoun_sentence_is_kept_with_the_sentence_before_it():
    pool = [
        _candidate(0, {"a"}),
        _candidate(1, {"b"}),
        _candidate(2, {"c"}, anaphoric=True),
        _candidate(3, {"z"}),
    ]
    weights = {"a": 3.0, "b": 2.8, "c": 2.5, "z": 0.1}
    assert [c.index for c in select(pool, weights, SHAPE)] == [0, 1, 2]


def test_covered_words_count_nothing_the_second_time():
    same = {"flood", "river", "village", "damage"}
    pool = [_candidate(0, same), _candidate(1, same), _candidate(2, {"mayor"}),
            _candidate(3, {"budget"})]  # fmt: skip
    weights = {"flood": 1.0, "river": 1.0, "village": 1.0, "damage": 1.0, "mayor": 0.5,
               "budget": 0.4}  # fmt: skip
    assert [c.index for c in select(pool, weights, SHAPE)] == [0, 2, 3]


def test_quoted_sentence_is_discounted():
    pool = [_candidate(0, {"a"}), _candidate(1, {"b"}, quoted=0.9), _candidate(2, {"c"}),
            _candidate(3, {"d"})]  # fmt: skip
    weights = {"a": 2.0, "b": 1.5, "c": 0.5, "d": 0.4}
    assert [c.index for c in select(pool, weights, SHAPE)] == [0, 2, 3]


def test_analysis_piece_thesis_stated_last_is_found(parse_file):
    article = parse_file(FIXTURES / "river_analysis.txt")
    numbers = [s.sentence for s in _summary(article)]
    last = len(article.sentences)
    assert last in numbers, numbers


def test_thesis_leads_the_bottom_line_without_its_frame(parse_file):
    article = parse_file(FIXTURES / "river_analysis.txt")
    line = bottom_line(article, extract_actors(article))
    assert line.startswith("The Tessa river embankments fail because"), line


def test_certainty_frame_marks_the_asserted_clause(nlp):
    sent = next(nlp("It seems clear that the council has abandoned the plan.").sents)
    head, _ = certainty_frame(sent)
    assert head.lemma_ == "abandon"
    assert compress(sent) == "The council has abandoned the plan."
    assert certainty_frame(next(nlp("It is unlikely that the council will pay.").sents)) is None
    assert certainty_frame(next(nlp("The mayor said the plan was clear.").sents)) is None


def test_compress_drops_opening_clause_attribution_and_asides(nlp):
    sent = next(nlp("After a long night of talks, the mayor announced a new budget.").sents)
    assert compress(sent) == "The mayor announced a new budget."
    text = "The strike at the port, which began in May, ended on Friday, according to the union."
    assert compress(next(nlp(text).sents)) == "The strike at the port ended on Friday."
    sent = next(nlp("The Harbour Workers Union (HWU) called a strike on Tuesday.").sents)
    assert compress(sent) == "The Harbour Workers Union called a strike on Tuesday."


def test_compress_keeps_the_comma_that_opens_what_follows_an_aside(nlp):
    text = (
        "The court ruled that couriers working for the delivery firm Zipp are employees, "
        "not contractors, a decision that affects about 9,000 couriers."
    )
    short = compress(next(nlp(text).sents))
    assert "employees a decision" not in short
    assert short.startswith("The court ruled that couriers")


def test_compress_keeps_a_sentence_it_cannot_shorten_safely(nlp):
    sent = next(nlp("The mayor resigned.").sents)
    assert compress(sent) == "The mayor resigned."


def test_bottom_line_is_one_compressed_sentence_of_the_article(parse_file):
    article = parse_file(FIXTURES / "tram_depot.txt")
    line = bottom_line(article, extract_actors(article))
    assert line
    assert line.endswith(".")
    # the words of one sentence, its dates stated in full ("on Monday" → "on 13 May 2024")
    words = set(re.findall(r"\w+", line.lower()))
    assert any(
        words <= set(re.findall(r"\w+", state_dates(article, span).lower()))
        for span in article.sents
    )


def test_summary_is_deterministic(parse_file):
    article = parse_file(FIXTURES / "tram_depot.txt")
    assert _summary(article) == _summary(article)


def test_questions_and_first_person_answers_are_not_summary_or_bottom_line(parse_text):
    body = (
        "Q: Why did you leave the ministry of education?\n\n"
        "A: I felt the reform of teacher pay had lost its way completely.\n\n"
        "Q: Will you run for the national parliament next year?\n\n"
        "Former education minister Hanna Berg gave the interview in her office in Velm "
        "on Monday afternoon."
    )
    article = parse_text(body)
    actors = extract_actors(article)
    picked = [s.sentence for s in extract_summary(article, actors)]
    assert picked == [len(article.sentences)], picked
    assert bottom_line(article, actors).startswith("Former education minister Hanna Berg")


def test_bottom_line_states_its_dates_like_the_summary(parse_text):
    body = (
        "Hospitals in Velm cancelled all routine surgery today after hackers shut down the "
        "patient records system of the regional health authority."
    )
    article = parse_text(body, date="2025-05-20")
    line = bottom_line(article, extract_actors(article))
    assert "on 20 May 2025 after hackers" in line, line
    assert _summary(article)[0].text.startswith(line[:-1].split(" after")[0])


def test_a_garbled_clause_of_be_keeps_its_sentence_out(parse_text):
    """ "as cannot be": "be" with neither subject nor complement states nothing."""
    from briefings.extract.summary import unfinished

    garbled = parse_text("He added that the terms will be negotiated by both sides, as cannot be.")
    assert unfinished(garbled.sents[0])
    for fine in (
        "The talks went as they should be, the minister said on Friday.",
        "There will be new talks in Geneva next week, officials said.",
    ):
        assert not unfinished(parse_text(fine).sents[0]), fine
