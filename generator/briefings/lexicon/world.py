"""General word knowledge the actor stage relies on, from stated public sources.

* The world's countries with their other names, demonyms and capitals
  (``countryinfo``, see :mod:`briefings.lexicon.generated`): "Russian" is Russia's
  people, "Washington" speaking is the United States.
* Seats of government (WordNet 3.0, see ``generator/tools/build_lexicon.py``): "the
  Kremlin said" is Russia's government speaking.
* Given names (the US Census Bureau's 1990 lists): "Dean Kamen" is a person
  whatever label the model gave it.
* English nouns that can name a person or a group of people (WordNet 3.0
  ``noun.person`` and ``noun.group``): "spokesperson" is a title, "army" and
  "municipalities" can act, "election" and "document" cannot.

Nothing here names anything of a particular article.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from briefings.lexicon import generated as lexicon_data


@dataclass(frozen=True)
class Country:
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


def fold(text: str) -> str:
    """Accent-, case-, dot- and apostrophe-insensitive form used for look-ups."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = ascii_.casefold().replace(".", "").replace("'", "").replace("’", "")
    ascii_ = " ".join(ascii_.split())
    return ascii_[4:] if ascii_.startswith("the ") else ascii_


@dataclass(frozen=True)
class World:
    by_name: dict[str, Country]
    by_demonym: dict[str, Country]
    by_capital: dict[str, Country]
    #: Seats of government ("kremlin" -> Russia), from WordNet via :mod:`lexicon_data`.
    by_seat: dict[str, Country]
    #: Folded three-letter and longer codes ("imn", "rus"): only a country's
    #: name when the article names that country too.
    codes: frozenset[str]

    def country(self, text: str) -> Country | None:
        return self.by_name.get(fold(text))

    def is_code(self, text: str) -> bool:
        """ "IMN" is the Isle of Man's code, and also any agency's initials."""
        return fold(text) in self.codes

    def seat(self, text: str) -> Country | None:
        """The country whose government a seat of government names ("the Kremlin").

        A stray plural s is read through: "Kremlins" is the Kremlin.
        """
        key = fold(text)
        found = self.by_seat.get(key)
        if found is None and key.endswith("s") and len(key) > 5:
            found = self.by_seat.get(key[:-1])
        return found

    def demonym(self, text: str) -> Country | None:
        """The country whose people ``text`` names ("Russian", "Israelis", "the British")."""
        key = fold(text)
        return self.by_demonym.get(key) or (
            self.by_demonym.get(key[:-1]) if key.endswith("s") else None
        )

    def capital(self, text: str) -> Country | None:
        return self.by_capital.get(fold(text))


def _capital_forms(capital: str) -> list[str]:
    """ "Washington D.C." is also written "Washington"."""
    forms = [capital]
    words = capital.split()
    if len(words) > 1 and all(c.isupper() or c == "." for c in words[-1]):
        forms.append(" ".join(words[:-1]))
    return forms


@cache
def world() -> World:
    """The country table, most populous country first wherever two share a word."""
    by_name: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    codes: set[str] = set()
    by_name_exact: dict[str, Country] = {}
    for line in lexicon_data.COUNTRIES.splitlines():
        name, alts, demonym, capital = [*line.split("\t"), "", "", ""][:4]
        demonyms = tuple(d.strip() for d in demonym.replace("/", ",").split(",") if d.strip())
        country = Country(
            name=name,
            names=tuple(a for a in alts.split("|") if a),
            demonyms=demonyms,
            capital=capital or None,
        )
        by_name_exact.setdefault(name, country)
        for n in (name, *country.names):
            by_name.setdefault(fold(n), country)
            if n.isupper() and len(n) >= 3:
                codes.add(fold(n))
        for d in demonyms:
            by_demonym.setdefault(fold(d), country)
        if capital and "/" not in capital:
            for form in _capital_forms(capital):
                by_capital.setdefault(fold(form), country)
    codes -= {fold(c.name) for c in by_name.values()}
    by_seat: dict[str, Country] = {}
    for line in lexicon_data.SEATS.splitlines():
        seat, _, country_name = line.partition("\t")
        if seat and country_name in by_name_exact:
            by_seat.setdefault(fold(seat), by_name_exact[country_name])
    return World(by_name, by_demonym, by_capital, by_seat, frozenset(codes))


@cache
def _actor_nouns() -> dict[str, str]:
    out: dict[str, str] = {}
    for item in lexicon_data.ACTOR_NOUNS.split():
        lemma, _, flags = item.partition(":")
        out[lemma] = flags
    return out


def is_person_noun(lemma: str) -> bool:
    """Whether some sense of the noun names a person ("spokesperson", "leader")."""
    return "p" in _actor_nouns().get(lemma.lower(), "").lower()


def is_group_noun(lemma: str) -> bool:
    """Whether some sense of the noun names a group of people ("army", "camp")."""
    return "g" in _actor_nouns().get(lemma.lower(), "").lower()


def is_actor_noun(lemma: str) -> bool:
    return lemma.lower() in _actor_nouns()


def first_sense_is_actor(lemma: str) -> bool:
    """Whether the noun's most frequent sense is a person or a group."""
    return any(c.isupper() for c in _actor_nouns().get(lemma.lower(), ""))


@cache
def _given_names() -> frozenset[str]:
    return frozenset(lexicon_data.GIVEN_NAMES.split())


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a common given name ("Dean", "Sofia")."""
    return fold(word) in _given_names()


@cache
def _place_nouns() -> frozenset[str]:
    return frozenset(lexicon_data.PLACE_NOUNS.split())


def is_place_noun(lemma: str) -> bool:
    """Whether the noun's most frequent sense is a place ("region", "city")."""
    return lemma.lower() in _place_nouns()


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(lexicon_data.SPEECH_VERBS.split())


def is_speech_verb(lemma: str) -> bool:
    """Whether the verb's most frequent sense is communication ("say", "warn", "call")."""
    return lemma.lower() in _speech_verbs()
