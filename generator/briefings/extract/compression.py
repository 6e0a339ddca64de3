"""Shortening a sentence by its parse, keeping a full clause: the bottom line's form.

An evidential frame ("it seems clear that"), leading modifiers, attributions
and parentheticals go when what remains still stands as a clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefings.extract.stated_dates import with_dates
from briefings.lexicon.english import (
    CERTAINTY_ADJECTIVES,
    CERTAINTY_ADVERBS,
    CONNECTIVES,
    COPULAS,
    REPORTING_VERBS,
)
from briefings.nlp.syntax import SUBJECT_SLOTS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_LEADING_CONNECTIVE = re.compile(
    rf"^(?:{'|'.join(sorted(CONNECTIVES, key=len, reverse=True))})\b,?\s+", re.IGNORECASE
)
_INNER_CONNECTIVE = re.compile(
    rf",\s+(?:{'|'.join(sorted(CONNECTIVES - {'and', 'but', 'so', 'yet'}))}),(?=\s)", re.IGNORECASE
)


def repair(text: str) -> str:
    """Drop a connective that ties the sentence to a context the summary lacks.

    "However, the talks failed." → "The talks failed."; "Analysts, however, are
    sceptical" → "Analysts are sceptical".
    """
    fixed = _LEADING_CONNECTIVE.sub("", text, count=1)
    fixed = _INNER_CONNECTIVE.sub("", fixed)
    if fixed == text or not fixed:
        return text
    return fixed[:1].upper() + fixed[1:]


#: Dependency labels of modifiers that can open a sentence before its subject.
_LEADING_MODIFIERS = frozenset(("advcl", "prep", "npadvmod", "advmod", "pcomp", "nmod"))


def _leading_modifiers(span: Span) -> set[int]:
    """Modifiers that open the sentence before its subject, each closed by a comma.

    Only a run that reaches the subject counts ("After the call, at the summit,
    Trump said" loses both); anything else before the subject means the parse is
    not one to trust.
    """
    doc = span.doc
    root = span.root
    subjects = [t for t in root.children if t.dep_ in SUBJECT_SLOTS]
    if not subjects:
        return set()
    subject_start = min(x.i for x in subjects[0].subtree)
    words = _after_connective(span)
    position = words[0].i if words else span.start
    drop: set[int] = set()
    modifiers = sorted(
        (c for c in root.children if c.dep_ in _LEADING_MODIFIERS and c.i < subject_start),
        key=lambda c: c.i,
    )
    for child in modifiers:
        sub = list(child.subtree)
        comma = sub[-1].i + 1
        if sub[0].i != position or comma >= span.end or doc[comma].text != ",":
            return set()
        drop |= {t.i for t in sub} | {comma}
        position = comma + 1
    return drop if position == subject_start else set()


def _parentheticals(span: Span) -> set[int]:
    """Non-restrictive relative clauses and descriptive appositions set off by commas.

    An apposition that is a name ("the president, Anna Lind,") is kept: it is the
    information.
    """
    doc = span.doc
    drop: set[int] = set()
    for tok in span:
        if tok.dep_ not in ("relcl", "appos") or (tok.dep_ == "appos" and tok.pos_ == "PROPN"):
            continue
        sub = list(tok.subtree)
        left, right = sub[0].i - 1, sub[-1].i + 1
        if left < span.start or doc[left].text != ",":
            continue
        if right < span.end and doc[right].text == ",":
            # The closing comma goes with the aside only when it closes the aside; one
            # the parser hangs higher up also opens what follows ("are employees, not
            # contractors, a decision that ..."), and stays.
            closes = doc[right].head.i in {tok.head.i, *(t.i for t in sub)}
            drop |= {t.i for t in sub} | {left} | ({right} if closes else set())
        elif right >= span.end or doc[right].text in (".", ";", "!", "?"):
            drop |= {t.i for t in sub} | {left}
    return drop


def _attributions(span: Span) -> set[int]:
    """ "according to X", with the comma that sets it off."""
    doc = span.doc
    drop: set[int] = set()
    for tok in span:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            sub = list(tok.subtree)
            drop |= {t.i for t in sub}
            left, right = sub[0].i - 1, sub[-1].i + 1
            if right < span.end and doc[right].text == ",":
                drop.add(right)
            elif left >= span.start and doc[left].text == ",":
                drop.add(left)
    return drop


#: Subordinators of a trailing clause that only sets the scene of the main one
#: (accompaniment): "... as floodwater receded", "... while talks went on". Not
#: "after", "when", "because": in news those clauses are often the cause ("cancelled
#: surgery after hackers shut down the system").
_SCENE_MARKS = frozenset({"as", "while"})


def _trailing_adjuncts(span: Span, head: Token) -> set[int]:
    """Clauses after the main clause that add circumstance, not the news itself.

    The bottom line is the news in one line; the summary below it keeps the
    rest. Dropped at the end of the sentence: a participle clause set off by a
    comma (", bringing winds of up to 140 km/h", ", killing two"), a clause of
    accompaniment ("as the floods receded"), a measure of time before
    "after"/"before" (", two days after the storm struck"), and an absolute
    "with" phrase (", with a turnout of 58%"). Purpose, cause and time ("to
    sign an agreement", "after hackers shut down the system", "when it
    exploded") stay: they are part of the news.
    """
    doc = span.doc
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    drop: set[int] = set()
    for child in sorted(head.rights, key=lambda c: -c.i):
        sub = list(child.subtree)
        if sub[-1].i != last:
            continue
        before = doc[sub[0].i - 1] if sub[0].i > span.start else None
        comma = before is not None and before.text == ","
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "advmod") and c.i < child.i}
        scene = (
            (child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN") and comma and not marks)
            or (child.dep_ == "advcl" and marks & _SCENE_MARKS)
            or (
                child.dep_ == "npadvmod"
                and comma
                and any(t.lower_ in ("after", "before") for t in child.children)
            )
            or (child.dep_ == "prep" and child.lower_ == "with" and comma)
        )
        if not scene:
            break
        drop |= {t.i for t in sub} | ({before.i} if comma and before is not None else set())
        last = sub[0].i - (2 if comma else 1)
    return drop


def _bracketed(span: Span) -> set[int]:
    drop: set[int] = set()
    depth = 0
    for tok in span:
        if tok.text == "(":
            depth += 1
        if depth:
            drop.add(tok.i)
        if tok.text == ")":
            depth = max(0, depth - 1)
    return drop


def compress(span: Span, dates: Sequence[tuple[Span, str]] = ()) -> str:
    """A shorter form of a sentence that keeps its main clause.

    Dropped, by the parse: an evidential frame around the asserted clause ("it
    seems clear that", "the pattern is clear:"), modifiers before the main
    subject that a comma closes ("After the call with X, ..."), "according to
    ..." attributions, bracketed asides, and non-restrictive relative clauses and
    descriptive appositions (", who ...,"). When the result would be unbalanced
    or too short to stand, the sentence is kept whole. ``dates`` are (span, text)
    pairs to state in place of those spans (:func:`~briefings.extract.timeline.stated_dates`).
    """
    stated = {d.start: (d, text) for d, text in dates}
    original = with_dates(span, list(dates))
    drop = _leading_modifiers(span) | _parentheticals(span) | _attributions(span)
    drop |= _bracketed(span)
    head = span.root
    frame = certainty_frame(span)
    if frame is not None:  # "It seems clear that S" → "S"
        head, around = frame
        drop |= around
    if head.i in drop:
        return original
    drop |= _trailing_adjuncts(span, head)
    kept = [t for t in span if t.i not in drop and not (t.is_punct and t.lower_ in CONNECTIVES)]
    inside = {t.i for d, _ in dates for t in d[1:]}  # stated once, at the first token
    pieces = []
    for t in kept:
        if t.i in inside:
            continue
        word, last = (stated[t.i][1], stated[t.i][0][-1]) if t.i in stated else (t.text, t)
        spaced = last.whitespace_ or last.i + 1 not in drop
        pieces.append(
            word + (last.whitespace_ if last.whitespace_ else (" " if not spaced else ""))
        )
    text = "".join(pieces).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;")
    if len(text.split()) < 6 or text.count('"') % 2 or text.count("(") != text.count(")"):
        return original
    return text[:1].upper() + text[1:]


def _words(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


def _after_connective(span: Span) -> list[Token]:
    """The words of a sentence after any opening connective."""
    words = _words(span)
    while words and words[0].lower_ in CONNECTIVES:
        words = words[1:]
    return words


def _is_attributed(span: Span) -> bool:
    """Whether the main clause reports someone else's words ("X said", "according to X")."""
    root = span.root
    if root.lemma_ in REPORTING_VERBS:
        return True
    return any(c.lower_ == "according" for c in root.children)


def _marks_certainty(verb: Token) -> bool:
    """A copula with an adjective of certainty: "is clear", "seems obvious"."""
    return verb.lemma_ in COPULAS and any(
        c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in CERTAINTY_ADJECTIVES
        for c in verb.children
    )


def certainty_frame(span: Span) -> tuple[Token, frozenset[int]] | None:
    """The clause a sentence asserts with an evidential mark of certainty, or None.

    Returns the head of the asserted clause and the token ids of the frame around
    it: "It seems clear that S" and "The pattern is clear: S" give S's head and
    everything else; "X is clearly Y" gives the root and no frame (the adverb
    marks the whole clause).
    """
    root = span.root
    if any(c.dep_ == "advmod" and c.lower_ in CERTAINTY_ADVERBS for c in root.children):
        return root, frozenset()
    words = [t for t in span if not t.is_space]
    last = words[-1].i if words and words[-1].is_punct else None
    if _marks_certainty(root):
        for c in root.children:
            if c.dep_ in ("ccomp", "csubj", "parataxis") and c.i > root.i:
                clause = {t.i for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)}
                return c, frozenset(t.i for t in span if t.i not in clause and t.i != last)
        return None
    for c in root.children:  # "The pattern is clear: S", parsed as a clause of S
        if c.dep_ in ("ccomp", "parataxis") and c.i < root.i and _marks_certainty(c):
            frame = {t.i for t in c.subtree}
            after = c.right_edge.i + 1
            if after < span.end and span.doc[after].text in (":", ",", "—", "–"):
                frame.add(after)
            return root, frozenset(frame)
    return None
