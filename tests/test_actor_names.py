"""One actor per person however the article shortens the name, with the real spaCy model."""

from __future__ import annotations

import pytest
from briefings.extract.actors.key_actors import extract_actors

pytestmark = pytest.mark.model


def people(actors):
    return [a for a in actors if a.type == "person"]


def holding(actors, alias):
    return [a for a in actors if alias in a.aliases]


def test_honorific_without_dot_is_not_part_of_the_name(parse_text):
    actors = extract_actors(
        parse_text(
            "Prime Minister Helen Marsh said on Monday the flag would change. "
            "Mr Marsh later promoted the campaign in Wellington. "
            "Ms Okafor, a critic, said the vote was rushed. Ms Okafor wants a referendum."
        )
    )
    marsh = holding(actors, "Marsh")
    assert len(marsh) == 1 and marsh[0].name == "Helen Marsh"
    assert not any(a.name.startswith(("Mr ", "Ms ")) for a in actors)


def test_surname_goes_to_the_person_not_to_things_named_after_them(parse_text):
    actors = extract_actors(
        parse_text(
            "Andy Warhol took thousands of photographs. The Warhol Factory hosted parties. "
            "Warhol gave cameras to friends. Warhol said the pictures were a diary."
        )
    )
    warhol = holding(actors, "Warhol")
    assert len(warhol) == 1 and warhol[0].name == "Andy Warhol"


def test_given_name_alone_joins_the_one_person_it_begins(parse_text):
    actors = extract_actors(
        parse_text(
            "Police arrested Daniel Montalvo on Tuesday. Daniel said he had tried to leave. "
            "Officers told Daniel he could go home."
        )
    )
    assert [a.name for a in holding(actors, "Daniel")] == ["Daniel Montalvo"]


def test_first_name_after_an_organisation_name_is_kept(parse_text):
    actors = extract_actors(
        parse_text(
            "After the leak, CEO of the Refugee Council Enver Solomon told reporters the "
            "plan was flawed. Solomon said applicants deserved better."
        )
    )
    assert any(a.name == "Enver Solomon" for a in people(actors))
    assert not any(a.name == "Solomon" for a in actors)
