"""Questions raised by a matter awaited, unsettled, under inquiry, counted as a floor,
or by an outcome whose sequel is the open matter."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefings.extract.questions.parse import is_predicate, subject_of, time_modifier
from briefings.extract.questions.render import clause_tokens, noun_phrase, phrase_text, render, tidy
from briefings.lexicon.questions import (
    AWAITED,
    DEMONSTRATIVE_DETERMINERS,
    EVENT_NOUNS,
    GAIN_VERBS,
    INQUIRY_NOUNS,
    LEAVE_VERBS,
    OPENING_VERBS,
    SETTLING_VERBS,
    UNKNOWN_ADJECTIVES,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def awaited(token: Token) -> str | None:
    """The question a thing awaited at a date raises: will it come then?

    "A verdict is expected next week", "a ruling is due on Friday", "with a
    decision expected in March" → "Will the verdict come next week, as expected?".
    Only when nothing else is embedded ("expected to V" is a plan, asked elsewhere)
    and the thing is named, not a pronoun.
    """
    ending = AWAITED.get(token.lower_)
    if ending is None or any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return None
    thing: Token | None  # the subject found below may be missing
    if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        thing, holder = token.head, token  # "a decision expected next month"
        leave_out = frozenset(t.i for t in token.subtree)
        if token.i < thing.i:
            return None
    else:
        holder = token.head if token.dep_ == "acomp" else token  # "is due on Friday"
        if token.dep_ not in ("ROOT", "acomp") or (token.dep_ == "acomp" and holder.dep_ != "ROOT"):
            return None
        thing = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        leave_out = frozenset()
    if thing is None or thing.pos_ == "PRON":
        return None
    when = time_modifier(token) or time_modifier(holder)
    if when is None:
        return None
    outer = _outermost_noun(thing) if token.dep_ == "acl" else thing
    if outer.i != thing.i:  # "laws banning migrants from claiming asylum, expected …"
        subject = noun_phrase(outer, relative_clauses=True, leave_out=leave_out).rstrip(",")
    else:
        subject = noun_phrase(thing, relative_clauses=False, leave_out=leave_out).rstrip(",")
    subject = re.sub(r"^(?:a|an)\s+", "the ", subject, flags=re.IGNORECASE)
    if not subject:
        return None
    moment = [t for t in when.subtree if not (t.i == when.i and t.lower_ == "for")]
    happen = "take place" if is_predicate(thing, EVENT_NOUNS) else "come"
    return tidy(f"Will {subject} {happen} {render(moment)}, {ending}") + "?"


def _outermost_noun(noun: Token) -> Token:
    """The noun a participle after a nested phrase belongs to: in "laws banning migrants
    from claiming asylum expected next month" the parser hangs "expected" on "asylum", the
    object of a gerund inside the phrase, but what is expected is the laws (as in "a plan
    to build homes for nurses approved last week" the plan is approved). The climb goes
    from the object of a gerund or participle up to the noun that participle modifies."""
    node = noun
    while node.dep_ in ("dobj", "pobj"):
        verb = node.head.head if node.dep_ == "pobj" and node.head.dep_ == "prep" else node.head
        while verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "from claiming": up to the verb "from" hangs on
        if verb.tag_ != "VBG" or verb.dep_ != "acl" or verb.head.pos_ not in ("NOUN", "PROPN"):
            break
        node = verb.head
    return node


def unsettled(verb: Token) -> str | None:
    """A negated passive of settling: "the date of the vote has not been set" →
    "When will the date of the vote be set?"; a matter said to be unknown: "the
    cause of the fire remains unclear" → "What is the cause of the fire?"."""
    if verb.lower_ in UNKNOWN_ADJECTIVES and verb.dep_ == "acomp":
        return _unknown(verb)
    if verb.lemma_ not in SETTLING_VERBS or verb.tag_ != "VBN":
        return None
    deps = {c.dep_ for c in verb.children}
    if "neg" not in deps or "auxpass" not in deps or deps & {"ccomp", "xcomp", "agent"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ == "PRON" or subject.lower_ in DEMONSTRATIVE_DETERMINERS:
        return None
    phrase = noun_phrase(subject, relative_clauses=False).rstrip(",")
    return tidy(f"When will {phrase} be {verb.lower_}") + "?" if phrase else None


def _unknown(adjective: Token) -> str | None:
    copula = adjective.head
    if copula.lemma_ not in ("be", "remain", "seem", "appear") or any(
        c.dep_ in ("ccomp", "xcomp", "prep") for c in adjective.children
    ):
        return None
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ in ("PRON", "PROPN") or subject.tag_ not in ("NN", "NNS"):
        return None
    if any(c.dep_ == "poss" for c in subject.children):
        return None  # "his whereabouts": whose, the question would not say
    if not any(c.dep_ == "prep" for c in subject.children):
        return None  # "the cause" alone: of what, the question would not say
    phrase = noun_phrase(subject, relative_clauses=False).rstrip(",")
    verb = "are" if subject.tag_ == "NNS" else "is"
    return tidy(f"What {verb} {phrase}") + "?" if phrase else None


def lower_bound(verb: Token) -> str | None:
    """A count given as a floor: "at least 34 people were killed" → "How many people
    were killed?" (the final figure is what a reader waits for)."""
    subject = subject_of(verb)
    if subject is None or subject.tag_ != "NNS" or verb.pos_ != "VERB":
        return None
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )
    if not finite or verb.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "parataxis"):
        return None  # "people believed to be trapped": no clause of its own to ask
    before = subject.left_edge.i - 1
    if before >= 0 and subject.doc[before].pos_ == "ADP":
        return None  # "searching for at least 19 people believed …": a misparse, not a subject
    numbers = [c for c in subject.children if c.dep_ == "nummod" and c.i < subject.i]
    if not numbers or not any(t.lower_ == "least" for t in numbers[0].subtree):
        return None
    leave_out = frozenset(t.i for t in numbers[0].subtree)
    leave_out |= {c.i for c in subject.children if c.dep_ == "det"}
    what = noun_phrase(subject, relative_clauses=False, leave_out=leave_out).rstrip(",")
    tokens, _ = clause_tokens(verb, subject, 3)
    rest = phrase_text(tokens)
    if not what or not rest:
        return None
    return tidy(f"How many {what} {rest}") + "?"


def inquiry(noun: Token) -> str | None:
    """An inquiry opened: "prosecutors opened an investigation into the payments" →
    "What will the investigation into the payments find?"."""
    if noun.lemma_.lower() not in INQUIRY_NOUNS or not _inquiry_opened(noun):
        return None
    if not any(c.dep_ == "prep" and c.lower_ in ("into", "of") for c in noun.children):
        return None
    phrase = noun_phrase(noun, relative_clauses=False).rstrip(",")
    phrase = re.sub(r"^(?:a|an|its|their|his|her)\s+", "the ", phrase, flags=re.IGNORECASE)
    return tidy(f"What will {phrase} find") + "?"


#: Words that say an inquiry is going on (closed class): "an investigation is under way".
_UNDER_WAY = frozenset({"underway", "ongoing", "continuing", "way"})


def _inquiry_opened(noun: Token) -> bool:
    """Opened ("opened an investigation into X", "an investigation into X was launched")
    or going on ("an inquiry into X is under way", "is ongoing")."""
    head = noun.head
    if noun.dep_ == "dobj" or (noun.dep_ == "nsubjpass" and head.tag_ == "VBN"):
        return head.lemma_ in OPENING_VERBS
    if noun.dep_ == "nsubj" and head.lemma_ == "be":
        return any(
            t.lower_ in _UNDER_WAY and (t.lower_ != "way" or t.head.lower_ == "under")
            for c in head.children
            if c.dep_ in ("acomp", "advmod", "prep", "attr")
            for t in c.subtree
        )
    return False


def follow_up(verb: Token) -> str | None:
    """The next question after a reported outcome, for articles that hedge nothing.

    "X maintained a majority in Y" → "How will X use the majority in Y?";
    "X resigned from Z" → "Who will replace X, who resigned from Z?".
    """
    subject = subject_of(verb)
    if subject is None or subject.pos_ == "PRON" or verb.tag_ not in ("VBD", "VBN", "VBZ"):
        if verb.dep_ == "conj":
            subject = subject_of(verb.head)
        if subject is None or subject.pos_ == "PRON":
            return None
    who = noun_phrase(subject, relative_clauses=False).rstrip(",")
    if not who:
        return None
    lemma = verb.lemma_.lower()
    if lemma in GAIN_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects:
            return None
        thing = noun_phrase(objects[0], relative_clauses=False).rstrip(",")
        thing = re.sub(r"^(?:a|an|the|some|its|their|his|her)\s+", "", thing)
        return tidy(f"How will {who} use the {thing}") + "?"
    if lemma in LEAVE_VERBS:
        parts = [c for c in verb.children if c.dep_ in ("dobj", "prt") or (
            c.dep_ == "prep" and c.lower_ in ("from", "as"))]  # fmt: skip
        if not parts:
            return None
        tokens = [verb] + [t for c in parts for t in c.subtree]
        return tidy(f"Who will replace {who}, who {render(tokens)}") + "?"
    return None
