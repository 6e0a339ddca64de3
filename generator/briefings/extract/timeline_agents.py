"""Events that say who: a dated event the article tells without its actor is left out.

Two constructions date something and name no one who did it:

* a verbless fragment: "The meeting on Monday." — no verb, and no name in it;
* a dated event noun introduced as new and without its agent, inside the
  subject of another verb: "A two-hour telephone call with Russian leader
  Vladimir Putin on May 19 had raised hopes" — who called is not said, and the
  clause's own verb ("had raised hopes") is not what the date dates.

"Trump's call with Putin on May 19 lasted two hours" says who (a possessor),
and "The strike by dockers on May 19 closed the port" says it with "by".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Entity labels that name someone who can act.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Indefinite articles (closed class): "a call" is a new referent, told for the first time.
INDEFINITE = frozenset({"a", "an"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def names_no_one(tokens: list[Token], span: Span) -> bool:
    """No token of the event, outside its date, belongs to a name of an actor."""
    return not any(t.ent_type_ in ACTOR_LABELS for t in tokens if not span.start <= t.i < span.end)


def _has_agent(noun: Token) -> bool:
    """The noun says whose it is ("Trump's call") or by whom ("the strike by dockers")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ == "by":
            return True
    return False


def agentless_nominal(att: Token, pred: Token) -> bool:
    """The date is on an event noun told as new and without its agent, inside the
    subject of the clause's verb: "A two-hour telephone call ... on May 19 had
    raised hopes". The clause says what the call did, not who made it."""
    if att.pos_ != "NOUN" or att == pred or _has_agent(att):
        return False
    if not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in att.children):
        return False
    t = att
    while t.head != t and t.head != pred:
        t = t.head
    return t.head == pred and t.dep_ in SUBJECT_DEPS
