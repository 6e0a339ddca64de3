"""Which clusters are actors, what they are called, and the roles they hold:
general rules on small articles written for these tests, with the real spaCy model."""

from __future__ import annotations

import pytest
from briefings.extract.actors.key_actors import extract_actors, name_head
from briefings.extract.actors.roles import clean_role

pytestmark = pytest.mark.model


def holding(actors, alias):
    return [a for a in actors if alias in a.aliases]


def test_role_drops_a_stray_plural_of_a_country():
    assert clean_role("president of the Ukraines", set()) == "president of Ukraine"
    assert clean_role("president of the Philippines", set()) == "president of the Philippines"
    assert clean_role("coach of the Rovers", set()) == "coach of the Rovers"
    assert clean_role("head of Brisk Holdings", {"Brisk Holding"}) == "head of Brisk Holdings"


def test_role_read_from_the_text_is_spelt_as_the_country(parse_text):
    actors = extract_actors(
        parse_text(
            "The president of the Ukraines, Volodymyr Zelensky, said on Monday that Ukraine "
            "would not give up land. Zelensky spoke after a call with Donald Trump."
        )
    )
    assert holding(actors, "Volodymyr Zelensky")[0].role == "president of Ukraine"


def test_an_institution_acting_in_a_relative_clause_is_an_actor(parse_text):
    actors = extract_actors(
        parse_text(
            "Russia and Ukraine agreed to hold talks. The offer came from the Vatican, which "
            "wants to organise the talks. Vladimir Putin said Russia was ready."
        )
    )
    assert holding(actors, "Vatican")


def test_a_name_built_on_a_noun_for_an_undertaking_is_no_actor(parse_text):
    assert name_head("Museum of Flight") == "museum"
    assert name_head("Space Shuttle Program") == "program"
    actors = extract_actors(
        parse_text(
            "The National Iodine Nutrition Study found that children lacked iodine. "
            "The National Iodine Nutrition Study was run by Creswell Eastman, who said "
            "the government must act. Eastman said bread should carry iodised salt."
        )
    )
    assert not any("Study" in a.name for a in actors)
    assert holding(actors, "Creswell Eastman")


def test_a_town_stays_out_of_an_organisation_named_after_it(parse_text):
    actors = extract_actors(
        parse_text(
            "Dock workers in Valmora walked out on Monday after the Valmora Port Authority "
            "announced plans to automate two terminals. The Port Authority said automation "
            "was needed. The Port Authority will meet the union on Thursday."
        )
    )
    authority = holding(actors, "Valmora Port Authority")
    assert len(authority) == 1 and authority[0].type == "organization"
    assert "Valmora" not in authority[0].aliases


def test_square_brackets_and_a_name_written_out_in_brackets_are_aliases(parse_text):
    actors = extract_actors(
        parse_text(
            "Kim issued an order of the supreme commander of the Korean People's Army [KPA] "
            "that units should be ready. The KPA said its units were ready. "
            "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino, "
            "called the ruling dangerous. CEI said it would appeal."
        )
    )
    assert len(holding(actors, "KPA")) == 1
    assert "Korean People's Army" in holding(actors, "KPA")[0].aliases
    cei = holding(actors, "CEI")
    assert len(cei) == 1 and "Italian Episcopal Conference" in cei[0].aliases


def test_a_place_named_twice_once_not_as_a_location_is_an_actor(parse_text):
    actors = extract_actors(
        parse_text(
            "The church keeps its headquarters in Florida. Daniel Montalvo said members "
            "left Florida after the raid."
        )
    )
    assert holding(actors, "Florida")
    once = extract_actors(parse_text("The church keeps its headquarters in Florida."))
    assert not holding(once, "Florida")


def test_the_first_word_of_a_country_name_alone_is_that_country(parse_text):
    actors = extract_actors(
        parse_text(
            "North Korea fired shells across the border on Thursday. South Korea evacuated "
            "villages near the border. The South retaliated with artillery, and South Korea "
            "said it would respond to any further provocation."
        )
    )
    south = holding(actors, "South Korea")
    assert len(south) == 1
    assert not any(a.name == "South" for a in actors)


def test_a_name_run_into_its_bracketed_short_form_ends_before_the_bracket(parse_text):
    actors = extract_actors(
        parse_text(
            "The World Health Organisation (WHO) recommends iodised salt. The World Health "
            "Organisation said children were most at risk."
        )
    )
    who = holding(actors, "World Health Organisation")
    assert len(who) == 1 and who[0].name == "World Health Organisation"
    assert not any("(" in a.name for a in actors)


def test_a_personal_name_cut_at_a_hyphen_is_written_whole(parse_text):
    actors = extract_actors(
        parse_text(
            "Localist group Civic Passion's Wong Yeung-tat was defeated in this district. "
            "Pro-Beijing veteran politician Wong Kwok-hing of FTU was defeated too."
        )
    )
    names = {a.name for a in actors}
    assert {"Wong Yeung-tat", "Wong Kwok-hing"} <= names
    assert not names & {"Wong Yeung", "Wong Kwok"}


def test_a_name_built_on_a_body_of_people_is_an_organisation_not_a_place():
    from briefings.extract.actors.key_actors import _built_on_body

    assert _built_on_body("Valmora Port Authority")
    assert _built_on_body("Ministry of Defence")
    assert not _built_on_body("Kennedy Space Center")
    assert not _built_on_body("Kansas City")
    assert not _built_on_body("Authority")
