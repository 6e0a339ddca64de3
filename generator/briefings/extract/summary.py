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

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.extract.timeline import state_dates, stated_dates, with_dates
from briefings.model import Actor, SummarySentence
from briefings.nlp.parse import ParsedArticle

#: Discourse connectives that tie a sentence to the one before it (closed class).
CONNECTIVES = frozenset({
    "however", "but", "and", "also", "still", "yet", "meanwhile", "moreover", "furthermore",
    "nevertheless", "nonetheless", "besides", "instead", "otherwise", "thus", "hence",
    "therefore", "consequently", "indeed", "then", "so", "additionally", "similarly", "likewise",
})  # fmt: skip
#: Words that, opening a sentence, point back to something said before it (closed class).
DEMONSTRATIVES = frozenset(["this", "that", "these", "those", "such"])
POSSESSIVES = frozenset(["his", "her", "their", "its"])
#: Personal pronouns that can stand as a clause's subject.
SUBJECT_PRONOUNS = frozenset(["he", "she", "it", "they"])
#: Pronouns of the speaker or the reader: the sentence is someone's words, said elsewhere.
DEICTIC_SUBJECTS = frozenset(["i", "we", "you"])
DEICTIC_POSSESSIVES = frozenset(["my", "our", "your"])
#: Verbs after which a subject "it" is a dummy ("it seems clear that ...").
_COPULAS = frozenset(["be", "seem", "appear", "remain", "become", "look"])
_QUOTES = frozenset('"“”«»„')
#: Verbs that report speech or a stance (closed class): their clause is what was said.
REPORTING_VERBS = frozenset({
    "say", "tell", "declare", "announce", "add", "state", "claim", "warn", "argue", "insist",
    "write", "report", "confirm", "deny", "suggest", "note", "explain", "predict", "promise",
    "reply", "respond", "stress", "acknowledge", "admit", "indicate", "signal",
})  # fmt: skip
#: Evidential markers of certainty (closed class): the writer states a conclusion.
CERTAINTY_ADJECTIVES = frozenset({
    "clear", "evident", "obvious", "plain", "apparent", "undeniable", "unmistakable",
})  # fmt: skip
CERTAINTY_ADVERBS = frozenset({
    "clearly", "evidently", "obviously", "plainly", "undeniably", "unmistakably",
})  # fmt: skip


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


def content_terms(span) -> frozenset[str]:
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
            if tok.text in _QUOTES or tok.text in ("``", "''"):
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


def names_actor(text: str, actor: Actor) -> bool:
    """Whether ``text`` names ``actor`` by its name or an alias (whole words)."""
    return _forms_pattern((actor.name, *actor.aliases)).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled search for any of the forms as whole words."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)")


def _words(span) -> list:
    return [t for t in span if not t.is_punct and not t.is_space]


def _after_connective(span) -> list:
    """The words of a sentence after any opening connective."""
    words = _words(span)
    while words and words[0].lower_ in CONNECTIVES:
        words = words[1:]
    return words


def is_expletive(pronoun) -> bool:
    """Whether a subject "it" is a dummy for an extraposed clause ("it is likely that")."""
    head = pronoun.head
    if pronoun.lower_ != "it" or head.lemma_ not in _COPULAS:
        return False
    clausal = ("ccomp", "xcomp", "csubj", "acl", "relcl", "advcl")
    return any(t.dep_ in clausal for t in head.subtree if t.i != head.i and t.i > pronoun.i)


def anaphor(span):
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
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in SUBJECT_PRONOUNS:
            return None if is_expletive(t) else t
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in DEICTIC_SUBJECTS:
            return t  # "I felt ...": who speaks is said elsewhere (an interview's answer)
    return None


def _is_clause(span) -> bool:
    """A full sentence: at least six words and a finite verb."""
    words = [t for t in span if t.is_alpha]
    return len(words) >= 6 and any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in span
    )


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
                eligible=_is_clause(span) and not info.text.rstrip().endswith("?"),
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


def _is_attributed(span) -> bool:
    """Whether the main clause reports someone else's words ("X said", "according to X")."""
    root = span.root
    if root.lemma_ in REPORTING_VERBS:
        return True
    return any(c.lower_ == "according" for c in root.children)


def _marks_certainty(verb) -> bool:
    """A copula with an adjective of certainty: "is clear", "seems obvious"."""
    return verb.lemma_ in _COPULAS and any(
        c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in CERTAINTY_ADJECTIVES
        for c in verb.children
    )


def certainty_frame(span) -> tuple | None:
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


def thesis_index(article: ParsedArticle, pool: Sequence[Candidate], weights) -> int | None:
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
    best = best_sentence(article, actors, shape)
    if best is None:
        return None
    span = article.sents[best]
    return repair(compress(span, stated_dates(article, span)))


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


def _leading_modifiers(span) -> set[int]:
    """Modifiers that open the sentence before its subject, each closed by a comma.

    Only a run that reaches the subject counts ("After the call, at the summit,
    Trump said" loses both); anything else before the subject means the parse is
    not one to trust.
    """
    doc = span.doc
    root = span.root
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass", "expl")]
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


def _parentheticals(span) -> set[int]:
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


def _attributions(span) -> set[int]:
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


def _bracketed(span) -> set[int]:
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


def compress(span, dates: Sequence[tuple] = ()) -> str:
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
