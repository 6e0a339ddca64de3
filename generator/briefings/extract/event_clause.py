"""The clause a date expression dates, cut to what stands alone as an event.

From the predicate the expression attaches to: its subject, objects and the
phrases that say what happened, without asides, attributions and the other
clauses of the sentence ("Talks collapsed on 8 March, officials said" ->
"Talks collapsed").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefings.nlp.syntax import (
    NOMINAL_SUBJECTS,
    is_verbal,
    tense_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from briefings.nlp.parse import ParsedArticle


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
    subject = next((t for t in pred.children if t.dep_ in NOMINAL_SUBJECTS), None)
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
        speaker = next((c for c in pred.head.children if c.dep_ in NOMINAL_SUBJECTS), None)
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
            if c.dep_ in NOMINAL_SUBJECTS:
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
