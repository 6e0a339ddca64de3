"""General word knowledge the actor stage relies on, from stated public sources.

* The world's countries with their other names, demonyms and capitals
  (``countryinfo``, see :mod:`generator.lexicon_data`): "Russian" is Russia's
  people, "Washington" speaking is the United States.
* English nouns that can name a person or a group of people (WordNet 3.0
  ``noun.person`` and ``noun.group``): "spokesperson" is a title, "army" and
  "municipalities" can act, "election" and "document" cannot.

Nothing here names anything of a particular article.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from . import lexicon_data


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

    def country(self, text: str) -> Country | None:
        return self.by_name.get(fold(text))

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
    for line in lexicon_data.COUNTRIES.splitlines():
        name, alts, demonym, capital = [*line.split("\t"), "", "", ""][:4]
        demonyms = tuple(d.strip() for d in demonym.replace("/", ",").split(",") if d.strip())
        country = Country(
            name=name,
            names=tuple(a for a in alts.split("|") if a),
            demonyms=demonyms,
            capital=capital or None,
        )
        for n in (name, *country.names):
            by_name.setdefault(fold(n), country)
        for d in demonyms:
            by_demonym.setdefault(fold(d), country)
        if capital and "/" not in capital:
            for form in _capital_forms(capital):
                by_capital.setdefault(fold(form), country)
    return World(by_name, by_demonym, by_capital)


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
