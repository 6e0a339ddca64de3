"""Summary and bottom line: extractive, offline, deterministic.

The summary is the set of the article's sentences that covers most of what the
article is about, per word (maximum coverage, after Gillick & Favre 2009):

* **concepts** are the content lemmas (and numbers) of the article;
* a concept **weighs** the sum, over the sentences that use it, of a position
  weight ``rank ** -1.5``: news states its gist first and repeats what matters,
  so a word of the lead that comes back later weighs most;
* sentences are picked **greedily by the weight of the concepts they add, per
  word**: a word already covered counts nothing (redundancy control), and a
  sentence that is mostly a direct quotation is discounted by its quoted share;
* picking stops at three sentences once the summary holds ``target_words``
  words, and never passes five sentences or the word cap; the summary is shown
  in article order.

The article's **thesis** is taken first when it states one: an unquoted,
unattributed claim made with an evidential mark of certainty ("it seems clear
that ...", "the pattern is clear: ...", "X is clearly ..."). Analysis pieces put
it anywhere, often last; position alone would never reach it.

A summary is read away from its article, so a date only the dateline fixes is
stated in full ("today" → "on 4 July 2008", "on Sunday" → "on 4 September
2016"; :func:`~briefings.extract.timeline.state_dates`). A sentence that opens with a
connective ("However, ...") is repaired by dropping it; one that leans on a
pronoun or demonstrative is taken only when the sentence before it, where its
referent lives, is in the summary too (or its "he"/"she" is the one person named
in the summary sentence before it).

The bottom line is the thesis, else the best single sentence, with its dates
stated, compressed by the parse: an evidential frame ("it seems clear that"), leading modifiers,
attributions and parentheticals go when what remains is still a full clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefings.extract.compression import (
    _after_connective,
    _is_attributed,
    certainty_frame,
    compress,
    repair,
)
from briefings.extract.stated_dates import state_dates, stated_dates
from briefings.lexicon.english import (
    COPULAS,
    DEICTIC_POSSESSIVES,
    DEICTIC_SUBJECTS,
    DEMONSTRATIVES,
    POSSESSIVES,
    QUOTE_MARKS,
    SUBJECT_PRONOUNS,
)
from briefings.model import Actor, SummarySentence
from briefings.nlp.parse import ParsedArticle
from briefings.nlp.referents import person_antecedents, persons_named
from briefings.nlp.syntax import NOMINAL_SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class SummaryShape:
    """The few numbers of the method.

    ``position_decay`` and ``target_words`` were chosen by leave-one-out over the
    evaluation corpus (see README); the sentence counts and the cap are the
    product's (3–5 sentences, at most 120 words).
    """

    #: Exponent of the position weight ``rank ** -decay`` of a concept's uses.
    position_decay: float = 1.5
    #: Past three sentences, add one only while the summary is shorter than this.
    target_words: int = 60
    min_sentences: int = 3
    max_sentences: int = 5
    max_words: int = 120


DEFAULT_SHAPE = SummaryShape()


def content_terms(span: Span) -> frozenset[str]:
    """Lower-cased lemmas of the content words (and numbers) of a span."""
    return frozenset(
        t.lemma_.lower()
        for t in span
        if (t.is_alpha and not t.is_stop and len(t) > 1) or t.like_num
    )


def quoted_share(article: ParsedArticle) -> list[float]:
    """Per sentence, the share of its words that stand inside quotation marks.

    Quotation state runs across sentences (a quote may span several) and is reset
    at every paragraph, so one unbalanced mark cannot spoil the rest of the text.
    """
    shares: list[float] = []
    inside = False
    paragraph = 0
    for sent, info in zip(article.sents, article.sentences, strict=True):
        if info.paragraph != paragraph:
            inside, paragraph = False, info.paragraph
        words = quoted = 0
        for tok in sent:
            if tok.text in QUOTE_MARKS or tok.text in ("``", "''"):
                if tok.text in "“«„``":
                    inside = True
                elif tok.text in "”»''":
                    inside = False
                else:
                    inside = not inside
                continue
            if tok.is_alpha:
                words += 1
                quoted += inside
        shares.append(quoted / words if words else 0.0)
    return shares


def is_expletive(pronoun: Token) -> bool:
    """Whether a subject "it" is a dummy for an extraposed clause ("it is likely that")."""
    head = pronoun.head
    if pronoun.lower_ != "it" or head.lemma_ not in COPULAS:
        return False
    clausal = ("ccomp", "xcomp", "csubj", "acl", "relcl", "advcl")
    return any(t.dep_ in clausal for t in head.subtree if t.i != head.i and t.i > pronoun.i)


def anaphor(span: Span) -> Token | None:
    """The token a sentence leans on for its meaning, or None.

    A demonstrative or possessive opening the sentence ("This was ...", "His
    call ..."), or a personal pronoun as the main clause's subject ("After the
    call, he said ..."), unless it is a dummy "it".
    """
    words = _after_connective(span)
    if not words:
        return None
    first = words[0]
    if first.lower_ in DEMONSTRATIVES or first.lower_ in POSSESSIVES:
        return first
    if first.lower_ in DEICTIC_POSSESSIVES:
        return first  # "My party ...": whose, the sentence does not say
    root = span.root
    for t in root.children:
        if t.dep_ in NOMINAL_SUBJECTS and t.lower_ in SUBJECT_PRONOUNS:
            return None if is_expletive(t) else t
        if t.dep_ in NOMINAL_SUBJECTS and t.lower_ in DEICTIC_SUBJECTS:
            return t  # "I felt ...": who speaks is said elsewhere (an interview's answer)
    return None


def _is_clause(span: Span) -> bool:
    """A full sentence: at least six words and a finite verb."""
    words = [t for t in span if t.is_alpha]
    return len(words) >= 6 and any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in span
    )


#: What a main-verb "be" needs beside it to say anything: a subject, or a complement.
_BE_NEEDS = frozenset({
    "nsubj", "nsubjpass", "expl", "attr", "acomp", "prep", "advmod", "ccomp", "xcomp",
    "oprd", "npadvmod", "dobj", "agent",
})  # fmt: skip


def unfinished(span: Span) -> bool:
    """A clause of "be" with neither subject nor complement: the sentence is garbled.

    "..., as cannot be." (a translation that lost its words) states nothing a
    reader can use; English "be" always has one or the other ("as it should
    be", "there will be talks").
    """
    return any(
        t.lemma_ == "be"
        and t.dep_ not in ("aux", "auxpass")
        and not any(c.dep_ in _BE_NEEDS for c in t.children)
        for t in span
    )


def concept_weights(terms: Sequence[frozenset[str]], decay: float) -> dict[str, float]:
    """Each concept's weight: the position weights of the sentences that use it, summed."""
    weights: dict[str, float] = {}
    for rank, sentence_terms in enumerate(terms, start=1):
        for term in sentence_terms:
            weights[term] = weights.get(term, 0.0) + rank**-decay
    return weights


@dataclass(frozen=True)
class Candidate:
    """One sentence with what the selection needs to know about it."""

    index: int  # 0-based position in the article
    #: As the summary shows it: dates stated in full (see :func:`state_dates`).
    text: str
    #: Words of the sentence as written: what the selection weighs per word.
    words: int
    terms: frozenset[str]
    #: Share of its words inside quotation marks: the weight it adds is discounted by it.
    quoted: float
    eligible: bool
    #: Leans on a referent outside itself (see :func:`anaphor`).
    anaphoric: bool
    #: For a "he"/"she" subject: the person it refers to, when that is unambiguous.
    antecedent: str | None = None
    #: Names of the person actors the sentence names.
    persons: frozenset[str] = frozenset()
    #: Words of ``text``: what the word cap counts. Defaults to ``words``.
    shown_words: int = -1

    @property
    def length(self) -> int:
        return self.words if self.shown_words < 0 else self.shown_words

    def gain(self, weights: dict[str, float], covered: set[str]) -> float:
        """Weight of the concepts it adds to ``covered``, per word, discounted for quotes."""
        new = sum(weights.get(t, 0.0) for t in self.terms - covered)
        return new * (1.0 - self.quoted) / max(self.words, 1)


def candidates(article: ParsedArticle, actors: Sequence[Actor]) -> list[Candidate]:
    """Every sentence of the article as a :class:`Candidate`."""
    named = persons_named(article, actors)
    antecedents = person_antecedents(named)
    quoted = quoted_share(article)
    out: list[Candidate] = []
    for i, (span, info) in enumerate(zip(article.sents, article.sentences, strict=True)):
        leans_on = anaphor(span)
        text = state_dates(article, span)  # as the summary will show it
        out.append(
            Candidate(
                index=i,
                text=text,
                words=len(info.text.split()),
                shown_words=len(text.split()),
                terms=content_terms(span),
                quoted=quoted[i],
                # a question states nothing: an interviewer's, or a rhetorical one
                eligible=_is_clause(span)
                and not info.text.rstrip().endswith("?")
                and not unfinished(span),
                anaphoric=leans_on is not None,
                antecedent=antecedents[i]
                if leans_on is not None and leans_on.lower_ in ("he", "she")
                else None,
                persons=named[i],
            )
        )
    return out


def select(
    pool: Sequence[Candidate],
    weights: dict[str, float],
    shape: SummaryShape = DEFAULT_SHAPE,
    first: Candidate | None = None,
) -> list[Candidate]:
    """Greedy maximum coverage per word under the shape's limits; in article order.

    ``first`` (the thesis) is taken before anything else.
    """
    chosen: list[Candidate] = [first] if first is not None else []
    covered: set[str] = set(first.terms) if first is not None else set()
    total = first.length if first is not None else 0
    rest = [c for c in pool if c.eligible and c is not first]
    while len(chosen) < shape.max_sentences:
        if len(chosen) >= shape.min_sentences and total >= shape.target_words:
            break
        fits = [
            c for c in rest if total + c.length <= shape.max_words and _referent_kept(c, chosen)
        ]
        if not fits:
            break
        best = max(fits, key=lambda c: (c.gain(weights, covered), -c.index))
        chosen.append(best)
        covered |= best.terms
        total += best.length
        rest.remove(best)
    chosen.sort(key=lambda c: c.index)
    # A later pick may have come between a pronoun and its referent: drop what dangles.
    return [c for c in chosen if _referent_kept(c, [o for o in chosen if o is not c])]


def _referent_kept(c: Candidate, chosen: Sequence[Candidate]) -> bool:
    """Whether what ``c`` points back to is in the summary just before it.

    Either the article's previous sentence is picked, or ``c`` says "he"/"she" of
    a person named in the picked sentence that will precede it.
    """
    if not c.anaphoric:
        return True
    before = [o for o in chosen if o.index < c.index]
    if not before:
        return False
    previous = max(before, key=lambda o: o.index)
    if previous.index == c.index - 1:
        return True
    return c.antecedent is not None and c.antecedent in previous.persons


# --- the thesis ---------------------------------------------------------------


def thesis_index(
    article: ParsedArticle, pool: Sequence[Candidate], weights: dict[str, float]
) -> int | None:
    """0-based index of the claim the writer states as a conclusion, if there is one.

    An unquoted, unattributed full clause that stands alone and carries an
    evidential mark of certainty; of several, the one that covers most of the
    article's weight (a thesis gathers what the article is about).
    """
    found = [
        c
        for c in pool
        if c.eligible
        and not c.anaphoric
        and c.quoted <= 0.2
        and not _is_attributed(article.sents[c.index])
        and certainty_frame(article.sents[c.index]) is not None
    ]
    if not found:
        return None
    return max(found, key=lambda c: (c.gain(weights, set()) * c.words, -c.index)).index


def reading(
    article: ParsedArticle, actors: Sequence[Actor], decay: float
) -> tuple[tuple[Candidate, ...], dict[str, float], int | None]:
    """The article's candidates, concept weights and thesis.

    The summary, the bottom line and the headline each need them, one after the
    other for the same article and actors: they are computed once per article,
    actors and decay (kept in :attr:`ParsedArticle.derived`, which lives and dies
    with the article).
    """
    key = ("summary.reading", tuple(actors), decay)
    found = article.derived.get(key)
    if found is None:
        pool = tuple(candidates(article, actors))
        weights = concept_weights([c.terms for c in pool], decay)
        found = article.derived[key] = (pool, weights, thesis_index(article, pool, weights))
    return found


def extract_summary(
    article: ParsedArticle,
    actors: Sequence[Actor],
    max_sentences: int = 5,
    max_words: int = 120,
    shape: SummaryShape = DEFAULT_SHAPE,
) -> tuple[SummarySentence, ...]:
    """3–5 of the article's sentences, in article order, at most ``max_words`` words."""
    shape = SummaryShape(
        position_decay=shape.position_decay,
        target_words=shape.target_words,
        min_sentences=min(shape.min_sentences, max_sentences),
        max_sentences=max_sentences,
        max_words=max_words,
    )
    pool, weights, thesis = reading(article, actors, shape.position_decay)
    first = pool[thesis] if thesis is not None and pool[thesis].length <= max_words else None
    chosen = select(pool, weights, shape, first)
    return tuple(SummarySentence(text=repair(c.text), sentence=c.index + 1) for c in chosen)


def best_sentence(
    article: ParsedArticle,
    actors: Sequence[Actor],
    shape: SummaryShape = DEFAULT_SHAPE,
) -> int | None:
    """0-based index of the most informative sentence that stands on its own.

    The thesis when the article states one; otherwise the full clause with no
    pronoun reaching back and at most half of it quoted that adds most weight per
    word. None for an article with no full clause.
    """
    pool, weights, thesis = reading(article, actors, shape.position_decay)
    if thesis is not None:
        return thesis
    standalone = [c for c in pool if c.eligible and not c.anaphoric]
    if not standalone:
        return None
    unquoted = [c for c in standalone if c.quoted <= 0.5] or standalone
    return max(unquoted, key=lambda c: (c.gain(weights, set()), -c.index)).index


def bottom_line(
    article: ParsedArticle,
    actors: Sequence[Actor],
    shape: SummaryShape = DEFAULT_SHAPE,
) -> str | None:
    """The single most informative sentence (:func:`best_sentence`), compressed."""
    found = bottom_line_of(article, actors, shape)
    return found[0] if found else None


def bottom_line_of(
    article: ParsedArticle,
    actors: Sequence[Actor],
    shape: SummaryShape = DEFAULT_SHAPE,
) -> tuple[str, int] | None:
    """The bottom line and the number of the sentence it is drawn from (its evidence)."""
    best = best_sentence(article, actors, shape)
    if best is None:
        return None
    span = article.sents[best]
    text = repair(compress(span, stated_dates(article, span)))
    return text, article.sentence_number(span.start)
