"""Open questions on matters pending without a modal, on small articles written for the
purpose: charges, demands, forecasts, inquiries, deadlines, options weighed, contests,
timetables, announced plans, claims; and what none of them may ask."""

from __future__ import annotations

import pytest
from briefings.extract.actors.key_actors import extract_actors
from briefings.extract.questions.questions import extract_questions
from briefings.quality.evaluate import well_formed

pytestmark = pytest.mark.model


def _texts(parse_text, body):
    article = parse_text(body)
    return [q.text for q in extract_questions(article, extract_actors(article))]


PENDING = [
    # a charge awaits its verdict; an arrest on suspicion, its charge
    ("Mayor Anna Lind faces charges of fraud.", "Will Mayor Anna Lind be convicted of fraud?"),
    ("A man was arrested on suspicion of murder in Velm.",
     "Will the man be charged with murder?"),
    # a demand made, to be met
    ("The opposition has called for a public inquiry into the collapse of the bridge.",
     "Will the call by the opposition for a public inquiry into the collapse of the bridge "
     "be met?"),
    ("The union demanded a ten percent pay rise for dock workers.",
     "Will the demand by the union for a ten percent pay rise for dock workers be met?"),
    # a thing forecast
    ("Analysts expect a cut in interest rates in March.",
     "Will there be a cut in interest rates in March, as analysts expect?"),
    # an inquiry in progress, opened in the passive, or under way
    ("Police are investigating the death of a man in Velm.",
     "What will the investigation by police into the death of a man in Velm find?"),
    ("An investigation into the fire was opened by prosecutors.",
     "What will the investigation into the fire find?"),
    ("An inquiry into the collapse is under way.", "What will the inquiry into the collapse find?"),
    # a deadline given
    ("Norland has until Sunday to respond to the offer.",
     "Will Norland respond to the offer by Sunday?"),
    ("The army gave residents 48 hours to leave the town.",
     "Will residents leave the town within 48 hours?"),
    ("The government has given the company until Friday to respond.",
     "Will the company respond by Friday?"),
    ("Velm has until the end of the month to pay the debt.",
     "Will Velm pay the debt by the end of the month?"),
    ("The regulator set a deadline of March 1 for the banks to comply with the new rules.",
     "Will the banks comply with the new rules by March 1?"),
    ("The result of the vote is expected within 48 hours.",
     "Will the result of the vote come within 48 hours, as expected?"),
    # an option weighed, a thing awaited, a contest faced
    ("The government is considering a ban on plastic bags.",
     "Will the government go ahead with a ban on plastic bags?"),
    ("The bill awaits approval by the parliament.", "Will the bill receive approval?"),
    ("Anna Lind faces a vote of no confidence in parliament next week.",
     "Will Anna Lind survive a vote of no confidence in parliament next week?"),
    # a legal challenge filed
    ("The company has appealed the ruling.",
     "Will the appeal by the company against the ruling succeed?"),
    ("Residents filed a lawsuit against the city over the closure of the school.",
     "Will the lawsuit by residents against the city succeed?"),
    # a consequence threatened; talks in progress
    ("The union threatened strikes if the talks failed.",
     "Will the union follow through on the threat of strikes?"),
    ("Dockers threatened legal action against the port.",
     "Will dockers follow through on the threat of legal action against the port?"),
    ("Norland and Velm are negotiating a new trade deal.",
     "Will Norland and Velm agree on a new trade deal?"),
    # a timetable in the present tense
    ("Voters go to the polls on Sunday to elect a new president.",
     "Will voters go to the polls on Sunday to elect a new president?"),
    ("The trial of the former minister opens on Monday.",
     "Will the trial of the former minister open on Monday?"),
    # plans announced, arrangements ("is to"), "has yet to", "is going to"
    ("The ministry announced plans to close three hospitals in the north.",
     "Will the ministry close three hospitals in the north?"),
    ("The president is to visit China next week.", "Will the president visit China next week?"),
    ("The president has yet to decide whether to sign the bill.",
     "Will the president decide whether to sign the bill?"),
    ("The company is going to cut 500 jobs in Velm.", "Will the company cut 500 jobs in Velm?"),
    # an event scheduled takes place; an appeal names who made it
    ("Talks between the two sides are scheduled for next week.",
     "Will talks between the two sides take place next week, as scheduled?"),
    ("Anna Lind urged the officials to reopen the talks.",
     "Will the officials heed Anna Lind's call to reopen the talks?"),
    # a named claim; its "her" is the claimant
    ("Anna Lind alleged that the police had beaten her.", "Did the police beat Anna Lind?"),
    # a denial is no support: "which X denied", never "as X denied"
    ("Minister Anna Lind denied that the mine polluted the river.",
     "Did the mine pollute the river, which Minister Anna Lind denied?"),
    # "it" in a denied claim is the country that denies it
    ("Ukraine denied the claim that it had attacked the plant.", "Did Ukraine attack the plant?"),
    # a past perfect under a report is asked in the simple past
    ("Norland disputed the claim that the troops had withdrawn from the border.",
     "Did the troops withdraw from the border?"),
    # an object "them" is the group named before it
    ("Analysts are skeptical that the two leaders will reach an agreement. There are also "
     "doubts about how hard Bush will push them.",
     "How hard will Bush push the two leaders?"),
    # what is expected is the outer noun, not the object of the gerund inside it; and
    # "claiming asylum" makes no claim
    ("Lind has made migration a priority, with laws banning migrants from claiming asylum "
     "in Norland expected next month.",
     "Will laws banning migrants from claiming asylum in Norland come next month, as expected?"),
    # a name first in its sentence keeps its capital
    ("Lind requested more time. According to Lind, the request was ignored.",
     "Will the request by Lind for more time be met?"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), PENDING)
def test_pending_matter_becomes_question(parse_text, body, expected):
    assert expected in _texts(parse_text, body)


def test_every_pending_question_is_well_formed(parse_text, nlp):
    """The evaluation's own test of form holds for every question these rules make."""
    for body, _ in PENDING:
        for text in _texts(parse_text, body):
            assert well_formed(text, nlp), text


@pytest.mark.parametrize(
    "body",
    [
        # the present of a habit, or a date "as of", is no timetable
        "The team plays in Velm every Sunday.",
        "The tool has 277 known flaws as of March 4.",
        # an appeal for help is no legal challenge; a challenge decided is no longer open
        "The mayor appealed to residents to stay indoors.",
        "The appeal was rejected.",
        # a past boast or a plan given up: said long before the story
        "Donald Trump once claimed he could end the war in a day.",
        "Donald Trump had promised to end the war within a day.",
        # what a storm "threatens" is endangered, not a consequence
        "The storm threatened the coast of Velm on Monday.",
        # a plan stated in the present is the plan, not a timetable
        "The team plans a larger trial in 2030.",
        # a noun naming the plan itself says nobody who acts
        "The aim is to cut emissions by half.",
        # a claim whose claimant the sentence does not name
        "She claims she was sent to the ship.",
        # "its" on the subject names no one the question could show
        "Norland disputed the claim that its troops had withdrawn from the border.",
    ],
)
def test_no_question_without_a_pending_matter_or_a_name(parse_text, body):
    assert _texts(parse_text, body) == []


def test_shared_object_leaves_the_first_verb_unasked(parse_text):
    """ "Will Norland offer?" would ask about nothing: its object went with "sign"."""
    texts = _texts(
        parse_text, "Norland said it will offer and would be ready to sign a memorandum with Velm."
    )
    assert "Will Norland offer?" not in texts
    assert "Will Norland be ready to sign a memorandum with Velm?" in texts


def test_a_verb_of_another_form_is_not_coordinated_into_the_question(parse_text):
    texts = _texts(
        parse_text,
        "Anna Lind claims she was sent to the ship but ended up spending twelve years there.",
    )
    assert texts and not any("ended up" in t for t in texts), texts
