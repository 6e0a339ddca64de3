"""Clause-level facts read off spaCy's dependency parse: predicate, tense, modality.

The temporal resolver needs the tense of the clause an expression sits in
("on Monday" is the past Monday in "met on Monday", the next one in "will meet
on Monday"); the timeline needs the clause itself. The word lists here are
closed English classes (modal and future auxiliaries, subordinators of
condition) or small verb classes named in their docstrings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from briefings.lexicon.english import CONDITION_MARKS, FUTURE_AUX, IRREALIS_AUX, PLAN_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Tense = Literal["past", "present", "future", "none"]

#: Dependency labels of a clause's nominal subject, active and passive (ClearNLP
#: labels, as spaCy's English models use them).
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Those and the expletive subject ("there", dummy "it").
SUBJECT_SLOTS = NOMINAL_SUBJECTS | {"expl"}


def tokens_text(tokens: Iterable[Token]) -> str:
    """The text the tokens span as the article writes it (their own spacing), trimmed."""
    return "".join(t.text_with_ws for t in tokens).strip()


def word_forms(token: Token) -> set[str]:
    """The lemma and plain de-inflections of a word.

    The small model's rule lemmatizer slips on some forms ("hoped" → "hop"), so a
    word is looked up in a verb class under every form it may stand for.
    """
    w = token.lower_
    forms = {token.lemma_.lower(), w}
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")):  # fmt: skip
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            forms.add(w[: -len(suffix)] + repl)
    return forms


def plans(token: Token) -> bool:
    """Is ``token`` a word of planning or expecting (see :data:`PLAN_WORDS`)?"""
    return bool(word_forms(token) & PLAN_WORDS)


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def attachment(span: Span) -> Token:
    """The word a temporal expression modifies: the head of its preposition, or its head."""
    root = span.root
    head = root.head
    if root.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.head != head:
        return head.head
    if head == root:
        return root
    return head


def predicate_of(token: Token) -> Token:
    """The nearest verb at or above ``token``: the predicate of its clause."""
    t = token
    while not is_verbal(t) and t.head != t:
        t = t.head
    return t


def aux_words(pred: Token) -> set[str]:
    return {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass", "neg")}


def clause_chain(pred: Token) -> Iterator[Token]:
    """``pred`` and the predicates it is a conjunct or complement of, nearest first."""
    t = pred
    seen = 0
    while seen < 6:
        yield t
        if t.dep_ in ("conj", "xcomp") and t.head != t:
            t = t.head
            seen += 1
            continue
        break


def tense_of(pred: Token) -> Tense:
    """Tense of the clause headed by ``pred``: will/shall, plans and schedules are future."""
    for t in clause_chain(pred):
        auxes = aux_words(t)
        if auxes & FUTURE_AUX:
            return "future"
        if t.lemma_ == "be" and any(c.dep_ == "xcomp" and "to" in aux_words(c) for c in t.children):
            return "future"  # "the office is to begin"
        planned = plans(t) and t.tag_ == "VBN"
        if (
            planned
            and not auxes & {"was", "were"}
            and (t.dep_ != "ROOT" or auxes & {"is", "are", "'s", "'re", "be"})
        ):
            return "future"  # "laws expected next month", "the hearing is set for"
        if "to" in auxes and t.tag_ == "VB":
            head = t.head
            if plans(head) or head.lemma_ == "be":
                return "future"  # "is to begin", "plans to meet", "effort to clear"
            if head.dep_ == "ROOT" and head.tag_ in ("NN", "NNS"):
                return "future"  # "figures to be published today"
            if t.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                return "future"
        if t.tag_ == "VBD" or (t.tag_ == "VBN" and auxes & {"has", "have", "had", "'ve", "'d"}):
            return "past"
        if t.tag_ == "VBN" and auxes & {"was", "were"}:
            return "past"
        if t.tag_ == "VBN" and auxes & {"is", "are", "be"} and "to" in auxes:
            return "future"
        if t.tag_ in ("VBZ", "VBP"):
            return "present"
        if t.tag_ == "VBG" and auxes & {"is", "are", "am", "'s", "'re"}:
            return "present"
        if t.tag_ == "VBG" and auxes & {"was", "were"}:
            return "past"
        if t.tag_ in ("VBN", "VB", "VBG") and auxes & {"would"}:
            return "future"
        if t.tag_ == "VBN" and t.dep_ in ("acl", "relcl", "advcl"):
            return tense_of(t.head) if t.head != t and is_verbal(t.head) else "past"
        if t.tag_ == "VB" and t.dep_ in ("advcl", "xcomp", "ccomp") and t.head != t:
            continue_to = predicate_of(t.head)
            if continue_to != t:
                return tense_of(continue_to)
    return "none"


def is_hypothetical(pred: Token) -> bool:
    """Counterfactual ("would have been") or conditional ("if ... by Monday") clauses."""
    for t in clause_chain(pred):
        auxes = aux_words(t)
        if auxes & {"would", "could", "might", "should"} and auxes & {"have", "'ve"}:
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children):
            return True
    return False


def is_modal(pred: Token) -> bool:
    """The clause states a possibility, not a fact ("may meet", "could end")."""
    return bool(aux_words(pred) & (IRREALIS_AUX - {"would"}))
