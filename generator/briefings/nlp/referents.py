"""Whom a "he" or "she" refers to, sentence by sentence, from the actors an article names.

Shared by the summary (a sentence whose pronoun points at an unnamed person is
not picked alone), the timeline (an event told of "he" names the person) and
the questions (a question must name whom it asks about).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from briefings.model import Actor
from briefings.nlp.parse import ParsedArticle


def names_actor(text: str, actor: Actor) -> bool:
    """Whether ``text`` names ``actor`` by its name or an alias (whole words)."""
    return _forms_pattern((actor.name, *actor.aliases)).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled search for any of the forms as whole words."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)")


#: Actor types of places (see :mod:`briefings.extract.actors.key_actors`).
_PLACE_TYPES = frozenset({"country", "place"})


def persons_named(article: ParsedArticle, actors: Sequence[Actor]) -> list[frozenset[str]]:
    """Per sentence, the names of the people among the actors it names.

    An actor counts as a person when typed so, or when the parser tagged any of
    its names as a person somewhere in the article (the type of an actor named
    mostly by surname can come out wrong) and it is not typed a place: a country
    one of whose names the parser once took for a person is no "he".
    """
    tagged = {e.text.strip() for e in article.doc.ents if e.label_ == "PERSON"}
    people = [
        a
        for a in actors
        if a.type == "person" or (a.type not in _PLACE_TYPES and tagged & {a.name, *a.aliases})
    ]
    return [frozenset(a.name for a in people if names_actor(s.text, a)) for s in article.sentences]


def person_antecedents(named: Sequence[frozenset[str]]) -> list[str | None]:
    """Per sentence, whom a "he" or "she" in it refers to, when that is unambiguous.

    The referent is the person named in the nearest earlier sentence that names
    any person; when that sentence names two or more, the pronoun is ambiguous.
    """
    out: list[str | None] = []
    last: frozenset[str] = frozenset()
    for names in named:
        out.append(next(iter(last)) if len(last) == 1 else None)
        if names:
            last = names
    return out
