"""The actor stage on small articles written for these tests, with the real spaCy model."""

from __future__ import annotations

import pytest
from briefings.extract.actors.key_actors import extract_actors
from briefings.extract.actors.salience import FEATURES
from briefings.lexicon.world import is_group_noun, is_person_noun, world
from briefings.quality.salience_fit import FitArticle, fit, key_at_10

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
    assert table.seat("the Kremlin").name == "Russia"
    assert table.seat("Downing Street").name == "United Kingdom"
    assert table.seat("Pentagon") is None  # it houses a ministry, not the government
    assert table.is_code("IMN") and not table.is_code("UK")


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
            "Gazprom said on Monday that deliveries would resume. Analysts doubt Gazprom's "
            "resolve, and the Gazproms' ability to pay has been questioned by Gazprom's banks."
        )
    )
    assert len([a for a in actors if "Gazprom" in a.name]) == 1
    assert "Gazproms" in find(actors, "Gazprom").aliases


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


def test_a_country_in_brackets_after_a_name_is_where_it_is_from_not_an_alias(parse_text):
    """Results tables write "Name (Country)": the person and the country stay apart."""
    actors = extract_actors(
        parse_text(
            "Marta Lindqvist (Sweden) won the final on Saturday. Sergey Shupletsov (Russia) took "
            "silver and Edgar Grospiron (France) finished third.\n\nLindqvist said she was "
            "delighted. Sweden has now won two gold medals at the games."
        )
    )
    for person, country in (
        ("Marta Lindqvist", "Sweden"),
        ("Sergey Shupletsov", "Russia"),
        ("Edgar Grospiron", "France"),
    ):
        assert find(actors, person).name == person
        assert person not in find(actors, country).aliases
    assert find(actors, "Sweden").aliases == ("Sweden",)


def test_a_country_in_brackets_after_a_country_stays_its_other_name(parse_text):
    actors = extract_actors(
        parse_text(
            "The Democratic Republic of the Congo (DRC) closed its border on Monday. "
            "The DRC said the closure would last a week."
        )
    )
    assert find(actors, "DRC").name == find(actors, "Democratic Republic of the Congo").name


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


def test_seat_of_government_acting_is_its_government(ceasefire, parse_text):
    assert find(ceasefire, "Kremlin").name == "Russia"
    actors = extract_actors(
        parse_text(
            "The Kremlins' ability to continue the war was clear. Downing Street said the "
            "talks had failed. The delegates later arrived at the White House for dinner."
        )
    )
    assert find(actors, "Kremlins").name == "Russia"
    assert find(actors, "Downing Street").name == "United Kingdom"
    # where something happens, a building is no government
    assert not any("White House" in a.aliases for a in actors)


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


# --- second pass: identity, types, groups, salience ---------------------------


def test_short_name_that_begins_an_organisation_joins_it(parse_text):
    actors = extract_actors(
        parse_text(
            "Kestrel Holdings agreed on Monday to buy a rival bakery. Kestrel said the deal would "
            "close in May, and analysts expect Kestrel to raise prices."
        )
    )
    kestrel = find(actors, "Kestrel")
    assert kestrel.name == "Kestrel Holdings" and kestrel.type == "organization"


def test_country_code_needs_the_country_named(parse_text):
    actors = extract_actors(
        parse_text(
            "The mayor criticised the national weather service, IMN, for a late warning. "
            "The service said its forecasts had been correct."
        )
    )
    imn = find(actors, "IMN")
    assert imn.type == "organization"
    assert "The service" in imn.aliases  # the apposition says what IMN is


def test_lower_case_capital_among_places_is_recovered(parse_text):
    actors = extract_actors(
        parse_text(
            "Russia launched drones at several regions, including kyiv. Ukraine said the "
            "talks between Moscow and kyiv had stalled."
        )
    )
    assert "kyiv" in find(actors, "Ukraine").aliases


def test_given_name_makes_a_person_of_a_mislabelled_name(parse_text):
    actors = extract_actors(
        parse_text(
            "The contest was founded by Dean Kamen in 1989. Morgan Stanley paid for the prizes, "
            "and Justice Helen Okafor handed them out."
        )
    )
    assert find(actors, "Dean Kamen").type == "person"
    okafor = find(actors, "Helen Okafor")
    assert okafor.role == "Justice" and okafor.type == "person"


def test_relative_clause_and_place_of_origin_make_a_group_act(parse_text):
    actors = extract_actors(
        parse_text(
            "The ministry will send forms to 9,000 asylee hopefuls from Eritrea and Sudan who "
            "applied last year. Officials said the forms were simple."
        )
    )
    hopefuls = find(actors, "9,000 asylee hopefuls")
    assert hopefuls.name == "Asylee hopefuls" and hopefuls.type == "group"
    assert not any(a.name.lower() == "officials" for a in actors)  # a generic plural


def test_counted_set_of_named_actors_is_no_actor(parse_text):
    actors = extract_actors(
        parse_text(
            "Brisk Holdings will buy Norvale Foods, the two companies said on Wednesday. "
            "The companies' plants employ 4,000 people."
        )
    )
    assert not any("compan" in a.name.lower() for a in actors)


def test_members_named_by_a_group_refer_back_to_it(parse_text):
    actors = extract_actors(
        parse_text(
            "The Afghan team, which consists entirely of girls, arrived in Washington. "
            "Officials helped the girls enter the country, and the girls won a medal. "
            "The team thanked the organisers."
        )
    )
    team = find(actors, "the girls")
    assert team.name == "Afghan team"


def test_the_organization_points_back_at_a_repeated_name(parse_text):
    actors = extract_actors(
        parse_text(
            "The robots met at the FIRST Global Challenge in Washington. The FIRST Global "
            "contest began in 2017. This was the first FIRST Global contest, and the "
            "organization plans to hold it in Mexico next year."
        )
    )
    assert find(actors, "the organization").name == "FIRST Global"


def test_affiliation_words_count_for_their_camp(parse_text):
    actors = extract_actors(
        parse_text(
            "The localist camp won three seats. Localist group Civic Passion's Wong Yeung-tat "
            "lost, but another localist camp candidate, Lau Siu-lai, was elected."
        )
    )
    camp = find(actors, "localist camp")
    assert camp.mentions >= 2


def test_lead_and_pronouns_raise_salience(parse_text):
    actors = extract_actors(
        parse_text(
            "The Harbour Authority closed the port on Monday.\n\n"
            "Mayor Ana Ribeiro said the closure was late. She said ships had waited for days. "
            "She asked the ministry for help. Dock worker Carlos Pinto said he had lost a "
            "week of pay."
        )
    )
    names = [a.name for a in actors]
    assert names.index("Harbour Authority") < names.index("Carlos Pinto")
    assert names.index("Ana Ribeiro") < names.index("Carlos Pinto")


def test_weights_fit_ranks_the_key_actors_first():
    def feats(**values):
        return {name: values.get(name, 0.0) for name in FEATURES}

    # the key actor is named once, in the lead; eleven others are named twice, later
    actors = [("Key", feats(weight=1.0, lead=1.0), frozenset({0}))]
    actors += [(f"Actor {i:02d}", feats(weight=2.0), frozenset()) for i in range(11)]
    article = FitArticle("lead", tuple(actors), 1)
    neutral = {name: (1.0 if name == "weight" else 0.0) for name in FEATURES}
    assert key_at_10(article, neutral)[0] == 0.0
    weights = fit([article], neutral)
    assert weights["lead"] > 1.0 and key_at_10(article, weights)[0] == 1.0
