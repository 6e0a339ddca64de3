"""Timeline: the dated events of one article.

A pure function of the parsed article. :mod:`generator.temporal` finds and
resolves the temporal expressions; this module turns each resolved expression
into an event: the clause it dates, compressed to one line that keeps who did
what (subject, predicate, objects; relative clauses, appositions, asides and
other clauses pruned), with its evidence sentence.

An expression makes no event when its clause is hypothetical ("would have been
possible seventeen years ago", "if the dispute lasted into April"), when it
only bounds a past event ("applied before last summer"), when it names a period
rather than a point ("from 2004 to 2009"), or when "today" means "nowadays" (a
state verb in the simple present). Two expressions dating one clause give one
event; two mentions of the same event on the same date are merged; distinct
events on the same day stay apart. Events stated in the future or as a plan,
and not yet past at publication, are ``expected``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .calendar_values import date_label
from .model import Event, Evidence
from .syntax import attachment, is_hypothetical, is_modal, is_verbal, predicate_of, tense_of
from .temporal import Timex
from .timeline_agents import agentless_nominal, names_no_one

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .nlp import ParsedArticle

#: Stative verbs (Vendler's states; Quirk et al. §4.28): with "today" in the simple
#: present they describe how things are nowadays, not something that happened today.
STATIVE_VERBS = {
    "be", "have", "know", "understand", "believe", "think", "want", "need", "remain",
    "exist", "seem", "appear", "own", "belong", "contain", "consist", "depend", "like",
    "love", "hate", "prefer", "mean", "represent", "include", "lack", "deserve", "face",
    "live", "hold", "stand", "feel", "hope", "wish", "see",
}  # fmt: skip
#: Verbs of showing (Levin 1993, §78 "indicate verbs" and §48.1.2 "reflexive verbs of
#: appearance"): a dated clause built on one points at the next sentence for what happened.
SHOWING_VERBS = {
    "show", "demonstrate", "highlight", "underline", "underscore", "illustrate", "reveal",
    "display", "prove", "exemplify", "indicate", "signal", "emphasize", "emphasise",
    "confirm", "evidence", "expose", "manifest",
}  # fmt: skip
#: Dependents kept when a clause is compressed to "who did what".
CLAUSE_KEEP = {
    "nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "neg", "prt", "dobj", "dative",
    "attr", "acomp", "oprd", "xcomp", "agent", "prep", "ccomp", "compound", "advmod", "mark",
}  # fmt: skip
PHRASE_KEEP = {
    "det", "amod", "compound", "nummod", "poss", "case", "prep", "pobj", "pcomp", "flat",
    "nmod", "quantmod", "conj", "cc", "predet", "nn", "number", "possessive", "hyph",
    "dobj", "prt", "aux", "auxpass", "neg", "xcomp", "acomp", "attr", "nsubj", "nsubjpass",
    "agent", "advmod", "npadvmod", "dative", "oprd", "mark", "ccomp",
}  # fmt: skip
CLAUSAL = {"ccomp", "xcomp", "advcl", "csubj", "parataxis"}
#: Sentence adverbs and connectives dropped from a compressed clause (closed class).
DISCOURSE_ADVERBS = {
    "however", "also", "meanwhile", "moreover", "furthermore", "nevertheless", "still",
    "actually", "clearly", "indeed", "thus", "therefore", "then", "apparently", "explicitly",
    "reportedly", "notably", "predictably", "duly", "effectively", "even",
    "again", "already", "finally", "later", "earlier", "now", "so",
}  # fmt: skip
MAX_WORDS = 28
#: Prepositions that relate an adjunct's event to the clause in time or cause: a date
#: inside their object dates that object, not the clause.
NOMINAL_PREPOSITIONS = {"after", "before", "since", "following", "until", "till", "from"}
#: Punctuation kept between two kept words; brackets and quotes go with what they enclose.
INNER_PUNCT = {",", ";", "-", "–", "—", "/", "&"}


@dataclass(frozen=True)
class _Found:
    """An event with what merging and ordering need."""

    event: Event
    position: int
    predicate: str
    words: frozenset[str]
    rank: int


def extract_events(
    article: ParsedArticle, referents: Sequence[str | None] = ()
) -> tuple[Event, ...]:
    """Dated events of the article, sorted by date then by position in the text.

    ``referents`` gives, per sentence, whom a "he" or "she" in it refers to when
    that is unambiguous (:func:`generator.summary.person_antecedents`): an event
    told of "he" names the person, or is left out (it would not stand alone).
    """
    found: list[_Found] = []
    for timex in article.timexes:
        event = _event(article, timex, referents)
        if event is not None:
            found.append(event)
    return tuple(f.event for f in _merge(found))


# --- one expression → one event -------------------------------------------------------


def _event(
    article: ParsedArticle, timex: Timex, referents: Sequence[str | None] = ()
) -> _Found | None:
    """The event one expression dates, or None when it dates none."""
    iv = timex.interval
    value = timex.value
    if iv is None or value is None or timex.is_period:
        return None
    span = timex.span
    att = attachment(span)
    pred = predicate_of(att)
    if is_hypothetical(pred):
        return None
    own_tense = tense_of(pred)
    while _infinitive_of(pred):
        pred = pred.head  # "had been denied visas to enter ... until last week"
    tense = tense_of(pred)
    prep = _preposition(span)
    planned = own_tense == "future" or tense == "future" or prep == "for" or is_modal(pred)
    if prep == "before" and tense in ("past", "present"):
        return None  # "applied before last summer": a bound, not the event's date
    if prep == "since" and (not is_verbal(att) or _superlative(pred)):
        return None  # "its worst result since 2008", "the first talks since 2019": a measure
    if timex.rule == "decade" and (prep not in ("in", "during") or not is_verbal(att)):
        return None  # decades date events only as "in the 1990s, X happened"
    if _generic_today(timex, pred) or _state_of_subject(span, pred):
        return None
    sentence = article.sentence_number(span.start)
    evidence = Evidence(sentence, article.sentences[sentence - 1].text)
    more: tuple[Evidence, ...] = ()
    when = _when_clause(span)
    elaboration = _elaboration(article, span, pred)
    if when is not None and _empty_clause(pred):
        head, tokens = _clause_head(when), when
    elif elaboration is not None:
        # The event is told by the next sentence, the date by this one: the evidence is
        # the sentence that states the claim, and the one that dates it comes with it.
        head, tokens, n = elaboration
        more = (evidence,)
        evidence = Evidence(n, article.sentences[n - 1].text)
    else:
        if agentless_nominal(att, pred):
            return None  # "A two-hour telephone call ... on May 19 had raised hopes": who called?
        head, tokens = _event_tokens(span, att, pred, timex.anchor_span)
        if not is_verbal(pred) and names_no_one(tokens, span):
            return None  # "The meeting on Monday.": a fragment that names no one
        if when is not None:
            # "The talks failed in February, when Estovia walked out": one event, both clauses.
            tokens = sorted(set(tokens) | set(when) | {span.doc[when[0].i - 1]}, key=lambda t: t.i)
    referent = referents[sentence - 1] if len(referents) >= sentence else None
    text = standing_alone(_render(tokens, span), tokens, referent)
    if text is None or len(text.split()) < 3:
        return None
    pub = article.date.isoformat()
    event = Event(
        date=value,
        approximate=iv.approximate,
        text=text,
        evidence=evidence,
        expected=planned and value >= pub[: len(value)],
        timex=_expression(timex),
        end=timex.until.iso() if timex.until else None,
        precision="decade" if iv.decade else iv.precision,
        more_evidence=more,
    )
    words = frozenset(
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in ("NOUN", "VERB", "PROPN", "NUM") and not t.is_stop and not _inside(t, span)
    )
    rank = {"absolute": 0, "publication": 1, "reference": 2, "event": 3}[timex.anchor]
    position = min(t.i for t in tokens) if more else span.start
    return _Found(event, position, head.lemma_.lower(), words, rank + 2 * int(iv.approximate))


#: Words an event's text cannot open with and stand alone (closed class): a relative
#: pronoun whose noun is elsewhere ("Which the Home Office today rejects") or an
#: infinitive marker with no subject ("To start next spring").
_DEPENDENT_OPENERS = frozenset({"which", "who", "whom", "whose", "that", "to"})
#: The writer's own voice (closed class): "I visited the festival on Saturday night".
_WRITER = frozenset({"i", "we"})
_PERSON_PRONOUNS = frozenset({"he", "she"})


def standing_alone(text: str, tokens: list[Token], referent: str | None) -> str | None:
    """The event's text as it stands without its sentence, or None when it cannot.

    A "he" or "she" subject is replaced by the person it refers to (``referent``),
    or the event is left out: "He set up a rearguard action" says nothing of whom.
    The writer's own doings, outside quotations, are not events of the story.
    """
    opening = re.match(r"[^\W\d_]+", text)
    if opening is None:
        return text
    word = opening.group(0).lower()
    first = min((t for t in tokens if t.lower_ == word), key=lambda t: t.i, default=None)
    if first is None:
        return text
    if first.lower_ in _DEPENDENT_OPENERS:
        return None
    if first.lower_ in _WRITER and not any(t.is_quote for t in first.sent):
        return None
    if first.lower_ in _PERSON_PRONOUNS and first.dep_ in ("nsubj", "nsubjpass"):
        if referent is None:
            return None
        return referent + text[opening.end() :]
    return text


def _clause_head(tokens: list[Token]) -> Token:
    """The token of a clause whose head lies outside it."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])


def _empty_clause(pred: Token) -> bool:
    """ "This did not become more likely than on May 16": a pronoun and a copula, no event."""
    subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    pronoun = subject is None or subject.pos_ == "PRON" or subject.tag_ in ("DT", "PRP", "EX")
    return pronoun and pred.lemma_ in ("be", "become", "seem", "remain", "appear")


def _superlative(pred: Token) -> bool:
    """The clause ranks something ("the lowest level", "the first time")."""
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ == "first" for t in pred.subtree)


def _infinitive_of(pred: Token) -> bool:
    """A subjectless to-infinitive hanging on a verb: the date belongs to that verb."""
    if pred.head == pred or not is_verbal(pred.head) or pred.dep_ not in ("xcomp", "advcl"):
        return False
    auxes = {c.lower_ for c in pred.children if c.dep_ == "aux"}
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)
    return pred.dep_ == "xcomp" or ("to" in auxes and not has_subject)


def _state_of_subject(span: Span, pred: Token) -> bool:
    """ "This year's theme was water security": a copula describing a dated subject."""
    if pred.lemma_ != "be" or any(
        c.dep_ in ("acomp", "xcomp") and c.tag_ == "VBN" for c in pred.children
    ):
        return False
    subjects = [c for c in pred.children if c.dep_ in ("nsubj", "csubj")]
    return any(_keeps(s, span) for s in subjects)


def _expression(timex: Timex) -> str:
    """The expression as written, with its anchor phrase ("the day before the call")."""
    span = timex.span
    end = timex.anchor_span.end if timex.anchor_span is not None else span.end
    return span.doc[span.start : end].text


def _preposition(span: Span) -> str:
    first = span[0].lower_
    if first in ("since", "until", "by", "before", "after", "from", "between"):
        return first
    i = span.start - 1
    return span.doc[i].lower_ if i >= span.sent.start else ""


def _generic_today(timex: Timex, pred: Token) -> bool:
    """ "Today, Palestinians and Israelis each understand ...": nowadays, not this day."""
    if timex.rule != "deictic" or (
        timex.span[0].lower_ != "today" and timex.span[-1].lower_ != "today"
    ):
        return False
    simple_present = pred.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in pred.children
    )
    planned = any(  # "the office today is to begin ...": a plan for the day, not a state
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in pred.children
    )
    return simple_present and not planned and pred.lemma_.lower() in STATIVE_VERBS


# --- the clause an expression dates -------------------------------------------------------


def _event_tokens(
    span: Span, att: Token, pred: Token, anchor: Span | None
) -> tuple[Token, list[Token]]:
    """Head word and tokens of the compressed clause that ``span`` dates."""
    sent = span.sent
    if _nominal(att, pred):
        return att, _phrase(att, sent, span)
    if pred.dep_ in ("acl", "relcl") and pred.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        # "migrants crossing the Channel last year": the noun is who acted.
        noun = pred.head
        tokens = _phrase(noun, sent, span, exclude={pred.i}) + _compress(pred, sent, span)
        return pred, sorted(set(tokens), key=lambda t: t.i)
    if not is_verbal(pred):
        # A verbless fragment ("Sunday's vote."): the noun phrase the date modifies.
        return att, _phrase(att, sent, span)
    tokens = _compress(pred, sent, span)
    subject = next((t for t in pred.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and anchor is not None and _inside(subject, anchor):
        # "shortly before Trump's call, Vance told ...": the parser took the anchor
        # phrase for the subject; the apposition after it is the real one.
        appositions = [c for c in subject.children if c.dep_ == "appos"]
        drop = {t.i for t in subject.subtree} | set(range(span.start, anchor.end))
        tokens = [t for t in tokens if t.i not in drop]
        for appos in appositions:
            tokens += [
                t
                for t in _phrase(appos, sent, span)
                if t.i not in set(range(span.start, anchor.end))
            ]
    elif (
        subject is not None
        and subject.pos_ == "PRON"
        and pred.dep_ == "ccomp"
        and pred.head.i < pred.i
        and not _quoted(pred)
    ):
        # "The Alliance said it would hold a press conference": keep who said so.
        speaker = next((c for c in pred.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if speaker is not None and speaker.pos_ != "PRON":
            tokens += [pred.head, *_phrase(speaker, sent, span, depth=0)]
    elif subject is None and not any(
        t.dep_ in ("expl", "csubj") and t.head == pred for t in tokens
    ):
        inherited = _inherited_subject(pred)
        if inherited is not None:
            tokens += _phrase(inherited, sent, span)
    return pred, sorted(set(tokens), key=lambda t: t.i)


def _when_clause(span: Span) -> list[Token] | None:
    """ "on May 16, when the talks ended": the when-clause is the event of that date."""
    doc = span.doc
    i = span.end
    if i < span.sent.end and doc[i].text == ",":
        i += 1
    if i >= span.sent.end or doc[i].lower_ != "when":
        return None
    head = doc[i].head
    if head.i <= i:
        return None
    tokens = [t for t in head.subtree if t.i > i and not _inside(t, span)]
    return tokens or None


def _nominal(att: Token, pred: Token) -> bool:
    """Is the date on a noun inside an "after X" / "before X" / "from X" adjunct?

    "Little moved after the call in February": February dates the call, not
    the clause around it, which happened at another time.
    """
    if att.pos_ != "NOUN" or att == pred:
        return False
    t = att
    while t.head != t and t.head != pred:
        t = t.head
    return t.dep_ == "prep" and t.lower_ in NOMINAL_PREPOSITIONS and t.head == pred


def _inherited_subject(pred: Token) -> Token | None:
    """The subject a conjoined or complement verb shares with the verb it hangs on."""
    t = pred
    for _ in range(4):
        if t.dep_ not in ("conj", "xcomp", "advcl") or t.head == t:
            return None
        t = t.head
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    return None


def _inside(tok: Token, span: Span) -> bool:
    return span.start <= tok.i < span.end


def _ancestry(span: Span) -> frozenset[int]:
    """Indices of the tokens whose subtree reaches into ``span``: its own and all above them.

    ``t`` is in the subtree of ``child`` exactly when ``child`` is ``t`` or one of
    its ancestors, so one walk up from each token of the (short) span answers
    every :func:`_keeps` question of a phrase at once, however deep the tree.
    """
    out: set[int] = set()
    for tok in span:
        while tok.i not in out:
            out.add(tok.i)
            if tok.head.i == tok.i:
                break
            tok = tok.head
    return frozenset(out)


def _keeps(child: Token, span: Span) -> bool:
    return child.i in _ancestry(span)


def _quoted(child: Token) -> bool:
    """A clause that opens a quotation or follows a colon: reported words, not the act."""
    if child.dep_ not in CLAUSAL and child.dep_ != "conj":
        return False
    left = child.left_edge
    doc = child.doc
    before = doc[left.i - 1] if left.i > child.sent.start else None
    return left.is_quote or (before is not None and (before.text == ":" or before.is_quote))


def _compress(pred: Token, sent: Span, span: Span) -> list[Token]:
    """The clause of ``pred``: subject, auxiliaries, predicate, complements; asides pruned."""
    keep = _ancestry(span)
    out: list[Token] = [pred]
    for child in pred.children:
        if not sent.start <= child.i < sent.end:
            continue
        if child.i in keep:
            out += _collect(child, sent, keep)
            continue
        if child.dep_ == "npadvmod" and any(t.like_num for t in child.subtree):
            out += _collect(child, sent, keep)  # "fell 12%"
            continue
        if child.dep_ not in CLAUSE_KEEP or _quoted(child):
            continue
        if child.dep_ == "advmod" and child.lower_ in DISCOURSE_ADVERBS:
            continue
        if child.dep_ == "prep" and all(g.pos_ == "ADV" for g in child.children):
            continue  # "until now", "since then"
        if child.dep_ == "prep" and child.lower_ == "according":
            continue  # attribution, not the event
        depth = 1 if child.dep_ in CLAUSAL else 2
        out += _collect(child, sent, keep, depth=depth)
    return sorted(set(out), key=lambda t: t.i)


def _phrase(
    head: Token, sent: Span, span: Span, exclude: set[int] | None = None, depth: int = 2
) -> list[Token]:
    """A phrase without its relative clauses, appositions and parentheticals."""
    return _collect(head, sent, _ancestry(span), exclude, depth)


def _collect(
    head: Token,
    sent: Span,
    keep: frozenset[int],
    exclude: set[int] | None = None,
    depth: int = 2,
) -> list[Token]:
    """The tokens of :func:`_phrase`, head first, each kept child followed by its own.

    A loop over an explicit stack, not recursion: a sentence of a thousand
    nested "of" phrases is a tree a thousand levels deep.
    """
    out: list[Token] = []
    stack: list[tuple[Token, int]] = [(head, depth)]
    while stack:
        tok, level = stack.pop()
        out.append(tok)
        chosen: list[tuple[Token, int]] = []
        for child in tok.children:
            if (exclude and child.i in exclude) or not sent.start <= child.i < sent.end:
                continue
            if child.i in keep:
                chosen.append((child, level))
                continue
            if child.dep_ not in PHRASE_KEEP or _quoted(child):
                continue
            if child.dep_ == "advmod" and child.lower_ in DISCOURSE_ADVERBS:
                continue
            if child.dep_ == "conj" and is_verbal(child):
                continue  # a second event in the same sentence
            if child.dep_ == "prep" and child.lower_ == "according":
                continue
            clausal = child.dep_ in CLAUSAL
            if clausal and level <= 0:
                continue
            chosen.append((child, level - int(clausal)))
        stack.extend(reversed(chosen))
    return out


def _render(tokens: list[Token], span: Span) -> str:
    """Tokens back to one line of text; a leading date adjunct ("On Monday,") dropped."""
    kept = {t.i for t in tokens if not t.is_space}
    doc = span.doc
    # Punctuation between two kept words stays ("Russia, Ukraine"); other punctuation goes.
    for i in list(kept):
        for j in (i + 1, i + 2):
            if (
                j < len(doc)
                and doc[j].text in INNER_PUNCT
                and (j + 1) in kept
                and all(k in kept or doc[k].is_punct for k in range(i + 1, j))
            ):
                kept.add(j)
    # A conjunction whose conjunct was pruned goes too ("agreed to reopen X and").
    for i in list(kept):
        t = doc[i]
        if t.dep_ == "cc" and not any(c.dep_ == "conj" and c.i in kept for c in t.head.children):
            kept.discard(i)
    order = sorted(kept)
    order = [
        i
        for i in order
        if not (doc[i].dep_ in ("prep", "agent") and not any(c.i in kept for c in doc[i].children))
        or _inside(doc[i], span)
    ]
    order = _drop_leading_adjunct(order, span)
    if len(order) > MAX_WORDS:
        order = _shorten(order, span)
    while order and (
        doc[order[0]].is_punct
        or doc[order[0]].dep_ in ("mark", "cc")
        or (doc[order[0]].tag_ == "WRB" and doc[order[0]].dep_ == "advmod")
    ):
        order.pop(0)
    parts: list[str] = []
    for k, i in enumerate(order):
        if k and (order[k - 1] + 1 != i):
            parts.append(" ")
        elif k:
            parts.append(doc[order[k - 1]].whitespace_)
        parts.append(doc[i].text)
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"[\s,;:\-–—(]+$", "", text)
    return text[:1].upper() + text[1:]


def _drop_leading_adjunct(order: list[int], span: Span) -> list[int]:
    """ "In March, a bundle was found" → "a bundle was found": the date shows on its own."""
    doc = span.doc
    k = 0
    while k < len(order) and (doc[order[k]].is_punct or doc[order[k]].lower_ in DISCOURSE_ADVERBS):
        k += 1
    start = k
    if k < len(order) and not _inside(doc[order[k]], span) and doc[order[k]].dep_ == "prep":
        k += 1
    if k < len(order) and _inside(doc[order[k]], span):
        while k < len(order) and _inside(doc[order[k]], span):
            k += 1
        if k < len(order) and doc[order[k]].text == ",":
            return order[k + 1 :]
    return order[start:] if start else order


def _shorten(order: list[int], span: Span) -> list[int]:
    """Drop trailing modifiers that do not hold the date until the clause fits one line."""
    doc = span.doc
    kept = list(order)
    for i in sorted(order, reverse=True):
        if len(kept) <= MAX_WORDS:
            break
        t = doc[i]
        if t.i not in kept or t.dep_ not in ("prep", "advcl", "npadvmod", "ccomp", "conj", "acl"):
            continue
        sub = {x.i for x in t.subtree}
        if any(_inside(doc[x], span) for x in sub):
            continue
        kept = [x for x in kept if x not in sub]
    if len(kept) > MAX_WORDS:
        date_pos = next((k for k, x in enumerate(kept) if _inside(doc[x], span)), 0)
        start = max(0, min(date_pos - MAX_WORDS // 2, len(kept) - MAX_WORDS))
        kept = kept[start : start + MAX_WORDS]
    return kept


def _elaboration(
    article: ParsedArticle, span: Span, pred: Token
) -> tuple[Token, list[Token], int] | None:
    """ "X was highlighted the day before the call. Russia launched ...": the next sentence."""
    if pred.lemma_.lower() not in SHOWING_VERBS:
        return None
    n = article.sentence_number(span.start)
    if n >= len(article.sents):
        return None
    here, nxt = article.sentences[n - 1], article.sentences[n]
    if nxt.paragraph != here.paragraph:
        return None
    sent = article.sents[n]
    root = sent.root
    if tense_of(root) not in ("past",) or not is_verbal(root):
        return None
    return root, _compress(root, sent, sent[0:0]), n + 1


# --- merging mentions ---------------------------------------------------------------------


def _same_event(a: _Found, b: _Found) -> bool:
    da, db = a.event.date, b.event.date
    if not (da.startswith(db) or db.startswith(da)):
        return False
    if not a.words or not b.words:
        return False
    shared = len(a.words & b.words) / min(len(a.words), len(b.words))
    if a.event.evidence.sentence == b.event.evidence.sentence and a.predicate == b.predicate:
        return True
    return shared >= 0.6 and (a.predicate == b.predicate or shared >= 0.8)


def _merge(found: list[_Found]) -> list[_Found]:
    """One event per happening: mentions of the same event merged, best-dated one kept."""
    found = sorted(found, key=lambda f: (f.rank, -len(f.event.date), f.position))
    kept: list[_Found] = []
    for f in found:
        twin = next((k for k in kept if _same_event(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        extra = tuple(
            e
            for e in (f.event.evidence, *f.event.more_evidence)
            if e != twin.event.evidence and e not in twin.event.more_evidence
        )
        if extra:
            merged = replace(twin.event, more_evidence=twin.event.more_evidence + extra)
            kept[kept.index(twin)] = replace(twin, event=merged)
    kept.sort(key=lambda f: (f.event.date, f.position))
    return kept


# --- dates stated in a sentence taken out of its article --------------------------------

#: Prepositions after which a stated date needs no "on" of its own ("until 4 July 2008").
_DATE_PREPOSITIONS = frozenset({"on", "since", "until", "till", "by", "from", "before", "after"})
_WEEKDAY_ONLY = re.compile(r"(?:(?:last|this|next|coming|past)\s+)?[a-z]+day", re.IGNORECASE)


def stated_dates(article: ParsedArticle, span: Span) -> list[tuple[Span, str]]:
    """The dates in ``span`` that only its dateline fixes, each with its full statement.

    A summary is read away from the article, in an archive or beside other
    briefings, where "today", "on Sunday" or "on July 8" say nothing: each such
    expression resolved to one day from the publication date is stated as that
    day ("arrived in France today" → "arrived in France on 4 July 2008"; "on
    Sunday" → "on 4 September 2016"; "on July 8" → "on 8 July 2015"). "Today"
    meaning nowadays, "today's", "later today", parts of days and anything not
    resolved to a single day stay as written.
    """
    out: list[tuple[Span, str]] = []
    for timex in article.timexes:
        t = timex.span
        if t.start < span.start or t.end > span.end or timex.until is not None:
            continue
        value = timex.value
        if value is None or len(value) != 10:
            continue
        words = t.text
        before = t.doc[t.start - 1].lower_ if t.start > span.start else ""
        if timex.rule == "deictic":
            if words.lower() not in ("today", "yesterday", "tomorrow"):
                continue
            if _generic_today(timex, predicate_of(attachment(t))):
                continue
            new = date_label(value)
            if before not in _DATE_PREPOSITIONS:
                new = "on " + new
        elif timex.rule == "weekday" and _WEEKDAY_ONLY.fullmatch(words):
            new = date_label(value)
            if before not in _DATE_PREPOSITIONS:
                new = "on " + new
        elif timex.rule in ("day_month", "month_day") and not re.search(r"\d{4}", words):
            new = date_label(value)
        else:
            continue
        out.append((t, new))
    return out


def state_dates(article: ParsedArticle, span: Span) -> str:
    """The sentence's text with its dates stated in full (see :func:`stated_dates`)."""
    return with_dates(span, stated_dates(article, span))


def with_dates(span: Span, dates: list[tuple[Span, str]]) -> str:
    """The text of ``span`` with each (date span, statement) pair put in."""
    text = span.text
    for t, new in sorted(dates, key=lambda e: -e[0].start):
        start, end = t.start_char - span.start_char, t.end_char - span.start_char
        text = text[:start] + new + text[end:]
    return text.strip()
