"""Repeated named entities: the measure reads spaCy's entities and the text as written."""

from __future__ import annotations

import pytest
from briefings.quality.ner_coverage import (
    entity_key,
    entity_keys,
    ner_held,
    rep_gold_held,
    repeated_entities,
    text_mentions,
)

pytestmark = pytest.mark.model

TEXT = (
    "The Valmora Port Authority said on Monday that it would close the harbour. "
    "Maria Costa, a docker, said the Valmora Port Authority had not consulted anyone. "
    "Maria Costa said workers would strike."
)


@pytest.fixture(scope="module")
def article(parse_text):
    return parse_text(TEXT)


def test_entity_key_drops_article_and_possessive():
    assert entity_key("the United States'") == "united states"
    assert entity_key("Trump's") == "trump"


def test_text_mentions_counts_longest_name_once():
    assert text_mentions("Maria Costa met Costa. Costa left.", ["Costa", "Maria Costa"]) == 3
    assert text_mentions("Costas are many.", ["Costa"]) == 0


def test_repeated_entities_and_held_shares(article):
    repeated = repeated_entities(article)
    assert "maria costa" in repeated
    assert all(sum(entity_key(e.text) == k for e in article.doc.ents) >= 2 for k in repeated)
    assert ner_held(article, set(repeated))["ner_held"] == 1.0
    assert ner_held(article, set())["ner_held"] == 0.0


def test_rep_gold_counts_only_repeated_named_gold(article):
    gold = [
        {"name": "Maria Costa", "aliases": []},
        {"name": "workers", "aliases": []},  # not a name
        {"name": "Nobody Here", "aliases": []},  # never in the text
    ]
    assert rep_gold_held(article, gold, {"maria costa"}) == {"rep_gold": 1.0}
    assert rep_gold_held(article, gold, set()) == {"rep_gold": 0.0}
    assert rep_gold_held(article, gold, entity_keys(article))["rep_gold"] == 1.0
