"""The actor stage on small articles written for these tests, with the real spaCy model."""

from __future__ import annotations

import pytest

from generator.actors import extract_actors
from generator.lexicons import is_group_noun, is_person_noun, world

from .conftest import FIXTURES, USER_SEED

pytestmark = pytest.mark.model


def by_name(actors):
    return {a.name: a for a in actors}


def find(actors, alias):
    """The one actor that has ``alias`` among its surface forms."""
    hits = [a for a in actors if alias in a.aliases]
    assert len(hits) == 1, (alias, [(a.name, a.aliases) for a in actors])
    return hits[0]


@pytest.fixture(scope="module")
def ceasefire(parse_file):
    return extract_actors(parse_file(FIXTURES / "actors" / "ceasefire_talks.txt"), limit=60)


# --- general word knowledge -------------------------------------------------


def test_country_table_knows_names_demonyms_and_capitals():
    table = world()
    assert table.country("the United States").name == "United States"
    assert table.country("U.S.").name == "United States"
    assert table.demonym("Russians").name == "Russia"
    assert table.demonym("Israeli").name == "Israel"
    assert table.capital("Washington").name == "United States"
    assert table.capital("Kyiv").name == "Ukraine"


def test_noun_lexicon_tells_people_from_things():
    assert is_person_noun("spokesperson") and is_person_noun("leader")
    assert is_group_noun("army") and is_group_noun("government")
    assert not is_person_noun("document") and not is_group_noun("election")


# --- one actor per entity ---------------------------------------------------


def test_possessive_and_hyphenated_pair_join_their_people(parse_text):
    actors = extract_actors(
        parse_text(
            "US President Donald Trump spoke with Russian President Vladimir Putin on Monday. "
            "Before the Trump-Putin call, Trump's aides briefed reporters. "
            "Putin's spokesman said the call was useful."
        )
    )
    names = [a.name for a in actors]
    assert names.count("Donald Trump") == 1 and names.count("Vladimir Putin") == 1
    assert not any("-" in n for n in names)
    trump = find(actors, "Trump")
    assert trump.name == "Donald Trump" and trump.type == "person"
    assert find(actors, "Putin").name == "Vladimir Putin"


def test_surname_attaches_to_the_full_name(ceasefire):
    trump = find(ceasefire, "Trump")
    assert trump.name == "Donald Trump"
    assert trump.mentions >= 3


def test_demonym_is_its_country(ceasefire):
    russia = find(ceasefire, "Russian")
    assert russia.name == "Russia" and russia.type == "country"
    assert "Russia" in russia.aliases


def test_transliteration_variants_merge(ceasefire):
    zelenskyy = find(ceasefire, "Zelensky")
    assert zelenskyy.name == "Volodymyr Zelenskyy"
    assert [a.name for a in ceasefire].count("Volodymyr Zelenskyy") == 1


def test_stray_plural_merges(parse_text):
    actors = extract_actors(
        parse_text(
            "The Kremlin said on Monday that talks would resume. Analysts doubt the Kremlin's "
            "resolve, and the Kremlins' ability to wage war has not been questioned."
        )
    )
    assert len([a for a in actors if "Kremlin" in a.name]) == 1
    assert "Kremlins" in find(actors, "Kremlin").aliases


def test_bracketed_short_name_is_an_alias(parse_text):
    actors = extract_actors(
        parse_text(
            "The Revolutionary Armed Forces of Colombia (FARC) held the hostages for six years. "
            "FARC said nothing on Monday."
        )
    )
    farc = find(actors, "FARC")
    assert farc.name == "Revolutionary Armed Forces of Colombia"
    assert farc.type == "organization"


# --- roles ------------------------------------------------------------------


def test_role_from_title_before_the_name(ceasefire):
    assert find(ceasefire, "Vladimir Putin").role == "Russian leader"
    assert find(ceasefire, "Donald Trump").role == "US President"


def test_role_from_apposition_after_the_name(ceasefire):
    assert find(ceasefire, "Kevin Bergner").role == "US spokesperson"


def test_role_from_apposition_before_the_name(ceasefire):
    assert find(ceasefire, "Kaja Kallas").role == "foreign policy chief"


def test_role_from_affiliation(parse_text):
    actors = extract_actors(
        parse_text("Bruce Riedel of the Brookings Institution said the plan would fail.")
    )
    assert find(actors, "Bruce Riedel").role == "of the Brookings Institution"
    assert find(actors, "Brookings Institution").type == "organization"


# --- types and metonymy -----------------------------------------------------


def test_capital_acting_is_its_government(ceasefire):
    assert find(ceasefire, "Washington").name == "United States"
    assert find(ceasefire, "Moscow").name == "Russia"
    assert find(ceasefire, "Kyiv").name == "Ukraine"


def test_seat_of_government_acting_is_an_actor(ceasefire):
    kremlin = find(ceasefire, "Kremlin")
    assert kremlin.type == "organization"


def test_group_named_by_a_common_noun(parse_text):
    actors = extract_actors(
        parse_text(
            "Freed hostage Ingrid Betancourt thanked the Colombian army on Friday. "
            "The Colombian army, which tricked the rebels, rescued 15 hostages. "
            "Critics say the operation was risky."
        )
    )
    army = find(actors, "the Colombian army")
    assert army.name == "Colombian army"
    assert army.type == "organization"
    assert not any(a.name.lower() == "critics" for a in actors)  # generic plural
    assert find(actors, "Ingrid Betancourt").role == "Freed hostage"


# --- noise ------------------------------------------------------------------


def test_sources_credits_places_dates_and_numbers_are_not_actors(ceasefire):
    aliases = {alias for a in ceasefire for alias in a.aliases}
    for noise in ("Reuters", "Associated Press", "AFP", "Istanbul", "Wednesday", "Kharkiv"):
        assert not any(noise in alias for alias in aliases), noise


def test_nationality_adjective_alone_is_no_actor(parse_text):
    actors = extract_actors(
        parse_text(
            "The Estonian flag was raised in Tallinn on 5 May 2024 while 300 people watched. "
            "Mayor Anna Tamm opened the festival."
        )
    )
    assert [a.name for a in actors] == ["Anna Tamm"]


# --- salience ---------------------------------------------------------------


def test_salience_puts_the_central_actors_first(ceasefire):
    top = [a.name for a in ceasefire[:6]]
    for name in ("Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy", "Ukraine", "Russia"):
        assert name in top
    saliences = [a.salience for a in ceasefire]
    assert saliences == sorted(saliences, reverse=True)
    assert ceasefire.index(find(ceasefire, "Kaja Kallas")) > ceasefire.index(
        find(ceasefire, "Donald Trump")
    )


def test_extraction_is_deterministic(parse_file):
    path = FIXTURES / "actors" / "ceasefire_talks.txt"
    assert extract_actors(parse_file(path)) == extract_actors(parse_file(path))


# --- the user's seed --------------------------------------------------------


def test_user_seed_actors_and_roles(parse_file):
    actors = extract_actors(parse_file(USER_SEED), limit=60)
    names = by_name(actors)
    for name in (
        "Donald Trump",
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "Russia",
        "Ukraine",
        "United States",
    ):
        assert name in names, name
    assert names["Donald Trump"].type == "person"
    assert "President" in names["Donald Trump"].role
    assert names["Vladimir Putin"].role == "Russian leader"
    assert names["Russia"].type == "country" and "Russian" in names["Russia"].aliases
    top = [a.name for a in actors[:6]]
    assert {"Donald Trump", "Vladimir Putin", "Russia", "Ukraine"} <= set(top)
    assert not any(a.name in ("EPA", "Trump-Putin") for a in actors)
