"""Actor mentions: the spans of an article that may name someone who acts.

Two kinds. *Named* mentions are spaCy entities, cleaned the way a reader reads
them: "the United States" is "United States", "Trump's" is "Trump",
"Demosisto's Nathan Law" is two mentions, the "Beijing" of "pro-Beijing DAB" is
part of an adjective, not a mention, and "Pan-democrat Lam Cheuk-ting" is a
person with a title. *Group* mentions are common-noun phrases whose head can
name a group of people ("the government", "religious schools", "the Colombian
army"): actors the article names without a proper name.

Each mention records its syntactic function (subject, possessor, object,
location, modifier), which later decides whether the entity acts in the article
and how central it is.

The work is split by kind: :mod:`briefings.extract.actors.mentions_base` (the record and
the word classes), :mod:`briefings.extract.actors.mentions_spans` (repairs of the
model's name spans), :mod:`briefings.extract.actors.mentions_named` and
:mod:`briefings.extract.actors.mentions_groups`. This module names what the rest of
the actor stage uses.
"""

from __future__ import annotations

from briefings.extract.actors.mentions_base import (
    ADJECTIVE,
    GROUP,
    NAMED_LABELS,
    QUANTIFIERS,
    Mention,
    function_of,
    is_title_word,
    relative_verb,
)
from briefings.extract.actors.mentions_groups import group_mentions
from briefings.extract.actors.mentions_named import named_mentions, prefixed_adjectives
from briefings.lexicon.english import MEDIA_VERBS, SOURCING_VERBS

__all__ = [
    "ADJECTIVE",
    "GROUP",
    "MEDIA_VERBS",
    "NAMED_LABELS",
    "QUANTIFIERS",
    "SOURCING_VERBS",
    "Mention",
    "function_of",
    "group_mentions",
    "is_title_word",
    "named_mentions",
    "prefixed_adjectives",
    "relative_verb",
]
