"""Reading the dependency parse for a clause the article leaves open (its cue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.lexicon.questions import (
    ANNOUNCING_VERBS,
    APPEAL_VERBS,
    CLAIMING_VERBS,
    CONTEST_NOUNS,
    CONTEST_VERBS,
    EMBEDDING_PREDICATES,
    FUTURE_MODALS,
    HEDGE_ADVERBS,
    MODALS,
    PAST_ADJECTIVES,
    PLAN_NOUNS,
    QUESTION_EMBEDDERS,
    SPECIFYING_NOUNS,
    SUBJECTS,
    TIMELESS_MODALS,
    WH_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# --- reading the parse ------------------------------------------------------


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; of two (a parse that lost a coordination: "A opened, and B
    plans to"), the one nearest before the verb, whose clause it is."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def modal_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in MODALS and child.i < verb.i:
            return child
    return None


def is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i for c in verb.children
    )


def is_predicate(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def governor_of(verb: Token) -> Token:
    """The word a subordinate clause depends on, looking through a preposition."""
    head = verb.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        return head.head
    return head


def controller_of(verb: Token) -> tuple[Token | None, str]:
    """Who does an infinitive's action, and why the infinitive is open.

    The object of an appeal ("called on B to"), the owner of a plan ("X's effort
    to"), else the subject of the predicate ("X is expected to", "X plans to").
    """
    head = verb.head
    if is_predicate(head, APPEAL_VERBS):
        for child in head.children:
            if child.dep_ in ("dobj", "dative") and child.i < verb.i:
                return child, "appeal"
            if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0], "appeal"
    if head.pos_ == "NOUN" and is_predicate(head, PLAN_NOUNS):
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return owners[0], "plan"
        if head.dep_ == "dobj" and head.head.lemma_ in ANNOUNCING_VERBS:
            # "the ministry announced plans to close three hospitals", "X launched a bid to
            # V", "Y unveiled a proposal to V": whoever announces the plan carries it out
            return subject_of(head.head), "plan"
        return None, "plan"
    if head.lemma_ in ("have", "be") and any(
        c.dep_ == "advmod" and c.lower_ == "yet" and c.i < verb.i for c in head.children
    ):
        # "the president has yet to decide", "the report is yet to be published": pending
        return subject_of(head), "embedded"
    if head.lemma_ == "be" and verb.dep_ == "xcomp" and "Fin" in head.morph.get("VerbForm", []):
        return _be_to_controller(head)
    if is_predicate(head, EMBEDDING_PREDICATES):
        subject = subject_of(head)
        if subject is None and head.dep_ in ("acomp", "oprd", "xcomp"):
            subject = subject_of(head.head)  # "X is expected to V": the subject of "is"
        return subject, "embedded"
    return None, ""


def _be_to_controller(copula: Token) -> tuple[Token | None, str]:
    """ "X is to V": an arrangement of the future ("the president is to visit China next
    week", "the Home Office is to begin issuing questionnaires"); X does it.

    Not when X is a noun naming the plan itself ("the aim is to V", "the task is to V"):
    then its owner acts ("its goal is to V" → who "its" is), and a plain one says nobody.
    """
    subject = subject_of(copula)
    if subject is None or copula.tag_ not in ("VBZ", "VBP"):
        return None, ""
    if subject.pos_ == "NOUN" and (
        is_predicate(subject, PLAN_NOUNS) or is_predicate(subject, SPECIFYING_NOUNS)
    ):
        owners = [c for c in subject.children if c.dep_ == "poss"]
        return (owners[0] if owners else None), "plan"
    return subject, "plan"


def wh_phrase(verb: Token) -> list[Token] | None:
    """The wh-word (with the adjective or adverb it modifies) opening an embedded clause."""
    first = min(verb.subtree, key=lambda t: t.i)
    if first.lower_ not in WH_WORDS or first.tag_ not in ("WRB", "WP", "WDT", "WP$"):
        return None
    head = first.head
    if head.i != verb.i and head.pos_ in ("ADJ", "ADV") and head.head.i == verb.i:
        return sorted(head.subtree, key=lambda t: t.i)  # "how hard"
    return [first]


def _embeds_clause(verb: Token) -> bool:
    """Whether an adjective or noun of likelihood governs ``verb``'s clause.

    Covers the extraposed "it is unlikely that S": the clause hangs on "is", whose
    complement is the predicate.
    """
    head = verb.head
    if is_predicate(head, EMBEDDING_PREDICATES):
        return True
    return head.lemma_ == "be" and any(
        c.dep_ in ("acomp", "oprd", "attr") and is_predicate(c, EMBEDDING_PREDICATES)
        for c in head.children
    )


#: Adverbs that put a statement well in the past (closed class): "once claimed".
_LONG_AGO = frozenset({"once", "previously", "formerly", "earlier", "originally"})


def _said_long_before(verb: Token) -> bool:
    """A statement, promise or claim the article dates before its story: in the past
    perfect ("had promised to end the war within a day") or with an adverb of the past
    ("once claimed he could"). What it said is a past boast, not a matter to watch."""
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBN"):
        return False
    return any(
        (c.dep_ == "aux" and c.lower_ == "had" and verb.tag_ == "VBN")
        or (c.dep_ == "advmod" and c.lower_ in _LONG_AGO)
        for c in verb.children
    )


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own ("claims", "alleged", "has claimed")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


def looks_back(verb: Token) -> bool:
    """Whether a modal with the perfect puts the clause in the past ("may have broken")."""
    modal = modal_of(verb)
    return (
        modal is not None
        and modal.lower_ not in FUTURE_MODALS
        and verb.tag_ == "VBN"
        and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i < verb.i for c in verb.children)
    )


def cue(verb: Token) -> str:
    """Why the clause headed by ``verb`` is an open matter, or "" when it is not."""
    if looks_back(verb):
        return ""
    dep = verb.dep_
    governor = governor_of(verb)
    if dep in ("ccomp", "xcomp") and _said_long_before(governor):
        return ""  # "Trump once claimed he could end the war in a day": a past boast
    if dep in ("ccomp", "pcomp", "dobj", "xcomp", "acl"):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children):
            return "indirect"
        if wh_phrase(verb) is not None and is_predicate(governor, QUESTION_EMBEDDERS):
            return "indirect"
    if dep == "relcl" and _is_content_clause(verb):
        return "contested"  # "concerns they would ...": a content clause, parsed as relative
    if dep in ("relcl", "advcl", "acl") and not (dep == "acl" and governor.pos_ == "NOUN"):
        return ""
    if is_infinitive(verb):
        return controller_of(verb)[1]
    if dep in ("ccomp", "acl", "csubj") and _embeds_clause(verb):
        return "embedded"
    if dep in ("ccomp", "acl") and (
        (governor.pos_ == "NOUN" and is_predicate(governor, CONTEST_NOUNS))
        or (governor.pos_ == "VERB" and is_predicate(governor, CONTEST_VERBS))
    ):
        if governor.pos_ == "NOUN" and any(
            c.dep_ == "amod" and c.lower_ in PAST_ADJECTIVES for c in governor.children
        ):
            return ""  # "the previous claims that S": a claim of the past, not one in dispute
        if governor.pos_ == "VERB" and is_predicate(governor, CLAIMING_VERBS):
            if not _finite(governor):
                return ""  # "claiming asylum [...] expected": not a claim made
            hedged = any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for c in verb.children)
            return "hedged" if hedged else "claimed"
        return "contested"
    if any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for c in verb.children):
        return "hedged"  # "was reportedly rejected": did it happen?
    modal = modal_of(verb)
    if modal is None:
        return ""
    if modal.lower_ in ("can", "ca") and any(c.dep_ == "neg" for c in verb.children):
        return ""  # "cannot" asserts that something is impossible; it leaves nothing open
    if modal.lower_ in TIMELESS_MODALS and not _tied_to_a_time(verb):
        return ""
    return "modal"


#: Adverbs that put a step ahead in time (closed class): "must now be approved".
_PENDING_ADVERBS = frozenset({"now", "yet", "soon", "first", "next", "eventually"})


def _tied_to_a_time(verb: Token) -> bool:
    """A date or an adverb of what comes next on the verb ("by Friday", "must now")."""
    return time_modifier(verb) is not None or any(
        c.dep_ == "advmod" and c.lower_ in _PENDING_ADVERBS for c in verb.children
    )


def _is_content_clause(verb: Token) -> bool:
    """A clause hung on a noun of doubt whose subject is not a relative pronoun."""
    subject = subject_of(verb)
    return (
        verb.head.pos_ == "NOUN"
        and is_predicate(verb.head, CONTEST_NOUNS)
        and subject is not None
        and subject.tag_ not in ("WP", "WDT")
        and subject.lower_ != "that"
    )


def time_modifier(token: Token) -> Token | None:
    """The date a word is tied to ("in March", "next week", "within 48 hours"), as a
    subtree root, or None."""
    dated = ("DATE", "TIME")
    for c in token.children:
        if c.dep_ == "npadvmod" and c.ent_type_ in dated:
            return c
        if c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in dated for o in c.children):
            return c
    return None
