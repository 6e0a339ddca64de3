"""Turning an open clause into a question: rendering, inversion, tense and polarity."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from briefings.extract.questions.parse import governor_of, is_infinitive, is_predicate, subject_of
from briefings.extract.title import third_person
from briefings.lexicon.english import REPORTING_VERBS
from briefings.lexicon.questions import (
    ASKED_AS_COULD,
    BRACKETS,
    DEMONSTRATIVE_DETERMINERS,
    EMBEDDING_PREDICATES,
    FULL_FORMS,
    HEDGE_ADVERBS,
    QUOTE_CHARS,
    RELATIVE_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# --- rendering ----------------------------------------------------------------


def _skipped(tok: Token) -> bool:
    return tok.text in QUOTE_CHARS or tok.text in BRACKETS or tok.tag_ in ("``", "''")


def render(tokens: Iterable[Token], overrides: dict[int, str] | None = None) -> str:
    """Tokens as text, spaced as in the article; quotation marks and brackets left out.

    ``overrides`` gives new text for some tokens (a verb back in the present tense).
    """
    overrides = overrides or {}
    out = ""
    prev: Token | None = None
    for tok in sorted(tokens, key=lambda t: t.i):
        if _skipped(tok):
            continue
        if prev is not None:
            between = tok.doc[prev.i + 1 : tok.i]
            gap = prev.whitespace_ + between.text_with_ws  # doc.text would rebuild the article
            dropped = any(not _skipped(t) for t in between)
            out += " " if dropped or any(c.isspace() for c in gap) else ""
        out += overrides.get(tok.i, tok.text)
        prev = tok
    return out


def _sentence_start(token: Token) -> int:
    sent = token.sent
    for t in sent:
        if not t.is_space and not _skipped(t):
            return t.i
    return sent.start


def phrase_text(tokens: Iterable[Token], overrides: dict[int, str] | None = None) -> str:
    """Render tokens; the sentence's first word loses its capital unless it is a name."""
    tokens = sorted(tokens, key=lambda t: t.i)
    text = render(tokens, overrides)
    first = next((t for t in tokens if not _skipped(t)), None)
    if (
        first is not None
        and first.i == _sentence_start(first)
        and first.pos_ != "PROPN"
        and first.text != "I"
        and not (first.text.isupper() and len(first.text) > 1)  # "NATO" stays; "A" does not
        and not _written_as_a_name(first)
    ):
        text = text[:1].lower() + text[1:]
    return text


def _written_as_a_name(token: Token) -> bool:
    """A sentence's first word that the article also capitalises inside a sentence is a
    name the tagger missed ("Rathbun requested donations", "According to Rathbun")."""
    if not token.text[:1].isupper() or token.is_stop or token.pos_ in ("DET", "PRON", "ADP"):
        return False  # "The", "A", "This" open titles inside sentences too
    return token.text in _capitalised_inside(token.doc)


_CAPITALISED: dict[int, tuple[object, frozenset[str]]] = {}


def _capitalised_inside(doc: Doc) -> frozenset[str]:
    """The capitalised words a document writes inside its sentences (the last document's,
    kept: the questions of one article ask this many times)."""
    kept = _CAPITALISED.get(id(doc))
    if kept is not None and kept[0] is doc:
        return kept[1]
    starts = {_sentence_start(sent[0]) for sent in doc.sents if len(sent)}
    words = frozenset(t.text for t in doc if t.text[:1].isupper() and t.i not in starts)
    _CAPITALISED.clear()
    _CAPITALISED[id(doc)] = (doc, words)
    return words


def noun_phrase(
    head: Token, relative_clauses: bool = True, leave_out: frozenset[int] = frozenset()
) -> str:
    """A noun phrase as the question's subject: up to the first comma-closed aside.

    A demonstrative determiner becomes "the" ("these girls" → "the girls"): the
    question stands without the sentence before it.
    """
    tokens = sorted(head.subtree, key=lambda t: t.i)
    # Asides go whole, their first words included ("a process that ..." after a comma).
    asides = [
        c
        for c in head.children
        if c.dep_ == "appos" or (not relative_clauses and c.dep_ in ("relcl", "acl"))
    ]  # "The largest of the trainers, this addition will ...": an aside before it, too
    skip = {x.i for c in asides for x in c.subtree}
    # The commas that set an aside off go with it.
    skip |= {t.i for t in tokens if t.text == "," and ({t.i - 1, t.i + 1} & skip)}
    kept: list[Token] = []
    for t in tokens:
        if t.i in leave_out or (t.dep_ == "case" and t.head.i == head.i and t.i > head.i):
            continue
        if t.i not in skip:
            kept.append(t)
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    if not kept:
        return ""
    first = kept[0]
    if first.lower_ == "such" and len(kept) > 1 and kept[1].lower_ in ("a", "an"):
        return ""  # "such a state": a kind named only in the sentence before
    text = phrase_text(kept)
    if first.lower_ in DEMONSTRATIVE_DETERMINERS | {"such"} and first.dep_ in ("det", "amod"):
        text = "the" + text[len(first.text) :]
    if any(t.text == "," for t in kept):
        text += ","  # close the aside the phrase opened: "the document, which ..., is"
    return text


def clause_tokens(
    verb: Token, subject: Token | None, level: int
) -> tuple[list[Token], list[Token]]:
    """Tokens of the clause headed by ``verb`` (no subject) and of an "if" clause.

    Left out: markers ("that", "whether"), an infinitive "to", opening
    connectives, comma-closed modifiers before the subject (an "if" clause among
    them is returned apart, to go at the end), a coordinated clause with its own
    subject or auxiliary, "according to" attributions and absolute "with"
    phrases; from ``level`` 2, comma-set relative clauses; from ``level`` 3,
    adverbial and purpose clauses ("to follow up ...", "in order to ...").
    """
    doc = verb.doc
    skip: set[int] = set()
    condition: list[Token] = []
    subject_start = min((t.i for t in subject.subtree), default=verb.i) if subject else verb.i
    if subject is not None:
        skip |= {t.i for t in subject.subtree}
    for child in verb.children:
        sub = sorted(child.subtree, key=lambda t: t.i)
        if (
            child.dep_ == "mark"
            or (child.dep_ == "aux" and child.lower_ == "to")
            or (child.dep_ in ("cc", "punct") and child.i < subject_start)
            # a comma between subject and verb: the subject phrase closes its own aside
            or (child.dep_ == "punct" and child.text == "," and child.i < verb.i)
        ):
            skip.add(child.i)
        elif child.dep_ == "advmod" and (child.i < subject_start or child.lower_ in HEDGE_ADVERBS):
            skip |= {t.i for t in sub}  # the hedge goes: the question asks what it hedged
        elif child.dep_ in ("ccomp", "parataxis") and sub[-1].i < subject_start:
            # a frame before the subject: "The lesson is plain: S", "Officials say S"
            skip |= {t.i for t in sub}
            after = sub[-1].i + 1
            if after < len(doc) and doc[after].text in (",", ":", "—", "–"):
                skip.add(after)
        elif child.dep_ in ("advcl", "prep", "npadvmod") and sub[-1].i < subject_start:
            skip |= {t.i for t in sub}
            after = sub[-1].i + 1
            if after < len(doc) and doc[after].text == ",":
                skip.add(after)
            marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
            if marks and marks[0] in ("if", "unless"):
                condition = sub
        elif (
            child.dep_ == "conj"
            and child.i > verb.i
            and (
                subject_of(child) is not None
                or any(c.dep_ == "aux" for c in child.children)
                or _other_form(child, verb)
            )
        ):
            skip |= {t.i for t in sub}
            skip |= {c.i for c in verb.children if c.dep_ in ("cc", "punct") and c.i < child.i}
        elif child.dep_ == "prep" and child.lower_ == "according":
            skip |= {t.i for t in sub}
        elif child.dep_ == "prep" and child.lower_ == "with" and child.i > verb.i:
            if any(
                c.dep_ == "pcomp" or (c.dep_ == "pobj" and _has_verb(c)) for c in child.children
            ):
                skip |= {t.i for t in sub}
        elif child.dep_ in ("advcl",) and child.i > verb.i:
            marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
            if marks and marks[0] in ("as", "while", "whilst", "although", "though"):
                skip |= {t.i for t in sub}
    for t in verb.subtree:  # "X would follow it and that it would affect Y": two statements
        if (
            t.dep_ == "conj"
            and t.i > verb.i
            and t.i not in skip
            and t.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in t.children)
        ):
            skip |= {x.i for x in t.subtree}
            skip |= {c.i for c in t.head.children if c.dep_ in ("cc", "punct") and c.i < t.i}
    if level >= 3:
        for t in verb.subtree:
            if (
                t.i not in skip
                and t.i > verb.i
                and (
                    t.dep_ == "advcl"
                    or (t.dep_ == "prep" and t.lower_ == "in" and t.nbor(1).lower_ == "order")
                )
            ):
                skip |= {x.i for x in t.subtree}
    if level >= 2:
        for t in verb.subtree:
            if t.dep_ in ("relcl", "appos") and t.i not in skip:
                left = t.left_edge.i - 1
                if left >= 0 and doc[left].text == ",":
                    skip |= {x.i for x in t.subtree} | {left}
    tokens = [t for t in verb.subtree if t.i not in skip]
    cut = next((t.i for t in tokens if t.i > verb.i and t.text in (":", ";", "—", "–")), None)
    if cut is not None:  # what follows a colon or dash is another statement
        tokens = [t for t in tokens if t.i < cut]
    while tokens and (
        (tokens[-1].is_punct and not _skipped(tokens[-1])) or tokens[-1].dep_ == "cc"
    ):
        tokens.pop()
    return tokens, condition


def _other_form(conj: Token, verb: Token) -> bool:
    """A coordinated verb of another form than the asked one: "she was first sent to the
    ship but ended up spending twelve years there" cannot follow "Was she sent"."""
    finite = ("VBD", "VBZ", "VBP")
    return (
        conj.pos_ in ("VERB", "AUX")
        and conj.tag_ != verb.tag_
        and (conj.tag_ in finite or verb.tag_ in finite)
    )


def _has_verb(token: Token) -> bool:
    return any(c.pos_ == "VERB" for c in token.children)


def question_from_clause(
    verb: Token,
    subject_text: str | None = None,
    wh: Sequence[Token] | None = None,
    level: int = 1,
    names: dict[int, str] | None = None,
) -> str | None:
    """Turn the clause headed by ``verb`` into a question (see module docstring).

    ``subject_text`` stands for the clause's subject (a resolved pronoun, or the
    controller of an infinitive); ``wh`` is the wh-phrase of an embedded question;
    ``level`` is how much is trimmed (see :func:`clause_tokens`); ``names`` gives
    the name for a pronoun inside the clause, by token index.
    """
    subject = subject_of(verb)
    tokens, condition = clause_tokens(verb, subject, level)
    wh_ids = {t.i for t in wh} if wh else set()
    tokens = [t for t in tokens if t.i not in wh_ids]
    if subject is not None and subject_text is None:
        if subject.i in wh_ids:
            subject = None
        else:
            subject_text = noun_phrase(subject, level < 2, frozenset(wh_ids))
    auxes = [
        t
        for t in tokens
        if t.head.i == verb.i and t.dep_ in ("aux", "auxpass") and t.i < verb.i
        and t.lower_ != "to"
    ]  # fmt: skip
    shifted = reported_from_the_past(verb)
    overrides = _present_tense(tokens + condition, verb) if shifted else {}
    overrides |= _any_polarity(verb, tokens)
    overrides |= names or {}
    dropped_object = recovered_object(verb)
    if dropped_object:
        overrides[verb.i] = f"{verb.text} {dropped_object}"

    def phrase(part: Iterable[Token]) -> str:
        return phrase_text(part, overrides)

    if wh and subject is None and subject_text is None:  # "who will lead" → "Who will lead?"
        body = f"{render(wh)} {phrase(tokens)}"
    elif not subject_text or not subject_text.strip(" ,;:"):
        return None
    elif subject_text.rstrip(" ,").rsplit(" ", 1)[-1].lower() in RELATIVE_PRONOUNS or (
        not wh and any(t.tag_ in ("WP", "WDT") and t.head.i == verb.i for t in tokens)
    ):
        return None  # "Could the United States who still abandon": a relative clause misread
    elif len(auxes) == 1 and auxes[0].lower_ == "had" and verb.tag_ == "VBN":
        # a past perfect is the past seen from a past report ("denied that the troops had
        # withdrawn"): the question asks it in the simple past ("Did the troops withdraw?")
        opener, negation = _negated("did", verb, tokens)
        rest = [t for t in tokens if t.i not in (auxes[0].i, *negation)]
        before = [t for t in rest if t.i < verb.i]
        after = [t for t in rest if t.i > verb.i]
        body = f"{opener} {subject_text} {phrase(before)} {verb.lemma_} {phrase(after)}"
    elif auxes:
        first = auxes[0]
        opener = full_form(first)
        if opener == "would" and shifted:
            opener = "will"  # "said it would rise" asks "Will it rise?"
        if opener in ASKED_AS_COULD:
            opener = "could"
        opener, negation = _negated(opener, verb, tokens)
        rest = [t for t in tokens if t.i not in (first.i, *negation)]
        body = f"{opener} {subject_text} {phrase(rest)}"
    elif verb.lemma_ == "be" and "Fin" in verb.morph.get("VerbForm", []):
        opener, negation = _negated(full_form(verb), verb, tokens)
        rest = [t for t in tokens if t.i not in (verb.i, *negation)]
        body = f"{opener} {subject_text} {phrase(rest)}"
    elif verb.tag_ in ("VBD", "VBZ", "VBP"):
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[verb.tag_]
        rest = [t for t in tokens if t.i != verb.i]
        before = [t for t in rest if t.i < verb.i]  # "X also rejected" → "Did X also reject"
        after = [t for t in rest if t.i > verb.i]
        lemma = f"{verb.lemma_} {dropped_object}" if dropped_object else verb.lemma_
        body = f"{do} {subject_text} {phrase(before)} {lemma} {phrase(after)}"
    elif verb.tag_ == "VB":
        body = f"will {subject_text} {phrase(tokens)}"
    else:
        return None
    if wh and not (subject is None and subject_text is None):
        body = f"{render(wh)} {body}"
    if condition:
        body = f"{body} {phrase(condition)}"
    concession = _concession(verb) if level == 1 else []
    if concession:
        body = f"{body} {phrase(concession)}"
    text = tidy(body)
    return text[:1].upper() + text[1:] + "?" if text else None


# --- tense, polarity and ellipsis -----------------------------------------------

#: Conjunctions opening a clause of time or condition (closed class).
_TIME_OR_CONDITION = frozenset({"if", "unless", "until", "when", "before", "after", "once"})
#: Prepositions of concession (closed class): "despite X" stays with the question.
_CONCESSIVE = frozenset({"despite", "notwithstanding"})
#: Dependencies that fill a verb's complement slot.
_COMPLEMENTS = frozenset({
    "dobj", "ccomp", "xcomp", "prt", "attr", "acomp", "oprd", "dative", "agent", "auxpass",
    "csubjpass", "nsubjpass",
})  # fmt: skip


def full_form(aux: Token) -> str:
    """An auxiliary as a question opens with it: "'ll" → "will", "'s" → "is" or "has"."""
    word = aux.lower_
    if word in ("'s", "’s"):
        return "has" if aux.lemma_ == "have" else "is"
    return FULL_FORMS.get(word.replace("’", "'"), word)


def _negated(opener: str, verb: Token, tokens: Iterable[Token]) -> tuple[str, tuple[int, ...]]:
    """The negation of the asked verb, left out: a yes/no question asks the matter either
    way, so "X won't get" asks "Will X get?" (never "Will X n't get?"), as "there would be
    no progress" asks whether there will be any. Returns the opener and the tokens taken."""
    ids = {t.i for t in tokens}
    negation = tuple(c.i for c in verb.children if c.dep_ == "neg" and c.i in ids)
    return opener, negation


def reported_from_the_past(verb: Token) -> bool:
    """Whether the clause is reported or judged from a past vantage point.

    "X said the strike would continue", "it was unlikely that the board would
    accept": the tenses are shifted back (sequence of tenses), so the question
    shifts them forward again ("Will the strike continue?").
    """
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ not in ("ccomp", "csubj", "acl"):
        return False
    governor = governor_of(head)
    if governor.pos_ == "ADJ":
        governor = governor.head
    return governor.tag_ == "VBD" and (
        is_predicate(governor, REPORTING_VERBS) or governor.lemma_ in ("be", "seem")
        or is_predicate(governor, EMBEDDING_PREDICATES)
    )  # fmt: skip


def _present_tense(tokens: Sequence[Token], verb: Token) -> dict[int, str]:
    """Past-tense verbs of time and condition clauses, back in the present.

    "... would continue until the authority agreed" → "until the authority agrees".
    """
    out: dict[int, str] = {}
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.tag_ != "VBD" or t.i == verb.i or t.dep_ not in ("advcl", "conj"):
            continue
        marks = [c.lower_ for c in t.children if c.dep_ in ("mark", "advmod") and c.i < t.i]
        if t.dep_ == "advcl" and not (marks and marks[0] in _TIME_OR_CONDITION):
            continue
        if t.dep_ == "conj" and t.head.i not in out:
            continue
        subject = subject_of(t) or (subject_of(t.head) if t.dep_ == "conj" else None)
        plural = subject is not None and (
            subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we", "you", "i")
            or any(c.dep_ == "conj" for c in subject.children)
        )  # fmt: skip
        if t.lemma_ == "be":
            out[t.i] = "are" if plural else "is"
        else:
            out[t.i] = t.lemma_ if plural else third_person(t.lemma_)
        if subject is not None and subject.i not in ids:
            continue
    return out


def _any_polarity(verb: Token, tokens: Iterable[Token]) -> dict[int, str]:
    """ "there would be no progress until X" asks "will there be any progress before X"."""
    if not any(c.dep_ == "expl" for c in verb.children):
        return {}
    out: dict[int, str] = {}
    for attr in (c for c in verb.children if c.dep_ in ("attr", "dobj")):
        for det in attr.children:
            if det.dep_ == "det" and det.lower_ == "no":
                out[det.i] = "any"
    if out:
        for t in tokens:
            if t.lower_ == "until" and t.dep_ in ("prep", "mark"):
                out[t.i] = "before"
    return out


def _concession(verb: Token) -> list[Token]:
    """ "Despite X, it is unlikely that S": the concession goes with the question on S."""
    holders = [verb]
    if verb.dep_ in ("ccomp", "csubj", "xcomp"):
        holders.append(verb.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _CONCESSIVE:
                return sorted(child.subtree, key=lambda t: t.i)
    return []


def _agentive(verb: Token) -> bool:
    """Whether a name, a personal pronoun or an infinitive's controller acts in the clause.

    "The talks ended" is another use of "end" (the inchoative one) and says
    nothing about whether "X could end ..." needs an object.
    """
    subject = subject_of(verb)
    if subject is None:
        return is_infinitive(verb)
    return subject.pos_ == "PROPN" or (subject.pos_ == "PRON" and subject.lower_ != "it")


def recovered_object(verb: Token) -> str | None:
    """The object a transitive verb lost, taken from the article's own use of the verb.

    "he could end in 24 hours", where the article otherwise always writes "end
    the war" of someone who acts: the verb needs an object here too, and the
    nearest earlier use supplies it ("end the war"). Nothing when the article also
    uses the verb without one of an agent, or never with one before this clause.
    """
    if verb.pos_ != "VERB" or any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return None
    if not _agentive(verb):
        return None
    uses = [
        t
        for t in verb.doc
        if t.lemma_ == verb.lemma_ and t.pos_ == "VERB" and t.i != verb.i and _agentive(t)
    ]
    if not uses or not all(any(c.dep_ in _COMPLEMENTS for c in t.children) for t in uses):
        return None
    earlier = [c for t in uses if t.i < verb.i for c in t.children if c.dep_ == "dobj"]
    if not earlier:
        return None
    return noun_phrase(earlier[-1], relative_clauses=False).rstrip(",") or None


def tidy(text: str) -> str:
    text = re.sub(r"\[\s*\.\.\.\s*\]|\.\.\.|…", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = re.sub(r"[\s,;:.\-–—]+$", "", text)
    return re.sub(r"\s*:\s*$", "", text).strip()
