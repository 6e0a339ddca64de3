"""Actor mentions: repairs of the name spans the model gives.

The small model cuts names short ("Joint Council" of "Joint Council for the
Welfare of Immigrants"), puts titles inside them ("President Nicolas
Sarkozy"), misses names it tagged elsewhere, and reads lower-case capitals as
common words. Each function here mends one of those, by general rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.extract.actors.mentions_base import (
    HONORIFICS,
    NAMED_LABELS,
    Mention,
    _text,
    _word_text,
    _words,
    is_title_word,
)
from briefings.lexicon.world import (
    is_actor_noun,
    is_given_name,
    is_group_noun,
    is_person_noun,
    is_place_noun,
    world,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefings.nlp.parse import ParsedArticle


def _is_credit(span: Span) -> bool:
    """An image credit: a name set off by a slash ("Handout / EPA", "EPA / Getty")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.text in ("/", "|") for t in (before, after))


def _strip_title(tokens: list[Token], label: str) -> list[Token]:
    """Drop a title the model put inside a name.

    "Pan-democrat Lam Cheuk-ting" -> "Lam Cheuk-ting" (a lower-case title word);
    "President Nicolas Sarkozy" -> "Nicolas Sarkozy" (a person's capitalised
    title, when a first and last name remain); "Justice Helen Okafor" -> "Helen
    Okafor" (a word that can name a person, before a given name and a surname).
    "Mr Key" -> "Key" (an honorific). "Dean Kamen" and "National Security
    Council" keep their first word.
    """
    words = _words(tokens)
    if any(t.lower_ in ("of", "for", "and") for t in tokens):
        return tokens
    cut = 0
    for k, word in enumerate(words[:-1]):
        last = word[-1]
        rest = words[k + 1 :]
        if label == "PERSON" and len(word) == 1 and last.lower_.rstrip(".") in HONORIFICS:
            cut = k + 1
            continue
        lower_title = last.text[:1].islower() and is_person_noun(last.text.lower())
        title = is_title_word(last) or (
            is_person_noun(last.lower_) and is_given_name(_word_text(rest[0]))
        )
        if lower_title or (label == "PERSON" and title and len(rest) >= 2):
            cut = k + 1
        else:
            break
    return [t for w in words[cut:] for t in w] if cut else tokens


def _split_possessive(tokens: list[Token]) -> list[list[Token]]:
    """ "Demosisto's Nathan Law" is two names; "New People's Party" is one."""
    for k, tok in enumerate(tokens):
        if tok.tag_ == "POS" and 0 < k < len(tokens) - 1:
            rest = [t for t in tokens[k + 1 :] if not t.is_punct]
            if len(_words(rest)) >= 2:
                return [tokens[:k], tokens[k + 1 :]]
    return [tokens]


def _extend_right(span: Span) -> int:
    """End of an organisation name the model cut short.

    "Joint Council" + "for the Welfare of Immigrants": a name goes on through
    "of"/"for" (and "the") while capitalised words follow; through "and" only
    inside a name built with "of"/"for" ("Union of Rationalist Atheists and
    Agnostics"), and not into a separate name of the same label.
    """
    doc = span.doc
    end = span.end
    run = end
    while run < len(doc) and doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper():
        nxt = doc[run + 1].lower_ if run + 1 < len(doc) else ""
        if doc[run].ent_type_ or (is_title_word(doc[run]) and nxt not in ("of", "for")):
            break
        run += 1  # "United Nations" + "High Commissioner"
    if run == len(doc) or doc[run].ent_type_ != "PERSON":
        end = run  # but "Refugee Council" + "Enver Solomon" is a person's first name
    while end < len(doc):
        word = doc[end].lower_
        structured = any(t.lower_ in ("of", "for") for t in doc[span.start : end])
        if word not in ("of", "for") and not (word == "and" and structured):
            break
        i = end + 1
        if i < len(doc) and doc[i].lower_ == "the":
            if word == "and":
                break
            i += 1
        j = i
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN":
            if doc[j].ent_type_ == span.label_ and doc[j].ent_iob_ == "B":
                break
            j += 1
        if j == i or (j < len(doc) and doc[j].tag_ == "POS"):
            break
        end = j
    return end


def _extend_left(span: Span) -> int:
    """Start of a name whose first words the model left out.

    "Environment Canada spokesperson": the model tags "Canada"; "Enver Solomon":
    it tags "Solomon". Capitalised proper nouns right before the name, in the
    same noun phrase, belong to it, up to a title word ("Minister"), an
    abbreviation ("Mr.") or an honorific written without its dot ("Mr Key").
    A proper noun that is the object of the preposition right before it ends a
    title ("Minister of Education Stefania Giannini"); one the parser hung on a
    preposition further back does not ("CEO of the Refugee Council Enver Solomon").
    """
    doc = span.doc
    start = span.start
    sent_start = span.sent.start
    while start > sent_start:
        tok = doc[start - 1]
        if tok.like_num and start - 2 >= sent_start and doc[start - 2].pos_ == "PROPN":
            tok = doc[start - 2]  # "Movimento 5 Stelle"
            if tok.ent_type_ or not tok.text[:1].isupper() or is_title_word(tok):
                break
            start -= 2
            continue
        attached = span.start <= tok.head.i < span.end or tok.head.i == span.root.head.i
        if (
            tok.pos_ != "PROPN"
            or not tok.text[:1].isupper()
            or tok.ent_type_
            or tok.text.endswith(".")
            or tok.lower_ in HONORIFICS
            or is_title_word(tok)
            or (tok.dep_ == "pobj" and tok.head.i == tok.i - 1)
            or not (attached or span.label_ == "PERSON")
        ):
            break
        start -= 1
    return start


def _paren_alias(doc: Doc, end: int, label: str, name: str) -> str | None:
    """ "Revolutionary Armed Forces of Colombia (FARC)": the bracketed short name.

    A place in brackets after a name that is not itself a place says where the
    named one comes from ("Jean-Luc Brassard (Canada) won", as results tables
    write), and is no other name of it. Square brackets serve as well ("Korean
    People's Army [KPA]"), and the bracketed name may be a long one written out
    ("CEI (Italian Episcopal Conference)").
    """
    if end + 2 < len(doc) and doc[end].text in BRACKETS:
        closing = BRACKETS[doc[end].text]
        close = next(
            (k for k in range(end + 1, min(end + 8, len(doc))) if doc[k].text == closing), None
        )
        if close is not None and close > end + 1:
            inner = doc[end + 1 : close]
            if inner[0].text[:1].isupper() and all(_name_word(t) for t in inner):
                if _names_a_place(inner) and not (label in PLACE_LABELS or world().country(name)):
                    return None
                return inner.text
    return None


#: Brackets that set off another name of what was just named.
BRACKETS = {"(": ")", "[": "]"}
#: Lower-case words that can sit inside a name ("Union of Port and Dock Workers").
NAME_CONNECTORS = frozenset({"of", "for", "and", "the", "&"})


def _name_word(tok: Token) -> bool:
    """A word of a written-out name: a proper noun, a capitalised word, or a connector."""
    if tok.is_punct or tok.pos_ == "PROPN" or tok.lower_ in NAME_CONNECTORS:
        return True
    return tok.text[:1].isupper() and tok.pos_ in ("ADJ", "NOUN")


#: Entity labels of places, countries among them.
PLACE_LABELS = ("GPE", "LOC")


def _names_a_place(span: Span) -> bool:
    """A country (any of its names, or its people), or words the model tags as a place."""
    text = span.text
    if world().country(text) or world().demonym(text):
        return True
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.ent_type_ in PLACE_LABELS for t in words)


def _in_title(doc: Doc, start: int, end: int) -> bool:
    """A name that is part of a person's title, not an actor of its own.

    "Secretary of State Condoleezza Rice" ("State"), "Shadow Home Secretary"
    ("Shadow Home"): a one-word name governed by a capitalised title word, or a
    name right before a capitalised title word. "the secretary general of CEI"
    names a post in an organisation: CEI is an actor.
    """
    root = doc[start:end].root
    governed = root.dep_ == "pobj" and root.head.lower_ in ("of", "for")
    title = root.head.head
    if end - start == 1 and governed and is_title_word(title) and title.text[:1].isupper():
        return True
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and nxt.text[:1].isupper() and not nxt.ent_type_ and is_title_word(nxt)


def _class_nouns(root: Token) -> tuple[str, ...]:
    """The common noun an apposition gives a name: "the national weather service,
    IMN", "the campaign charity Public Spaces Trust", "the Friends of Eastgate
    Library, a residents' group"."""
    out: list[str] = []
    if root.dep_ == "appos" and root.head.i < root.i and root.head.text.islower():
        out.append(root.head.lemma_.lower())
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and child.pos_ == "NOUN":
            out.append(child.lemma_.lower())
    return tuple(w for w in out if is_group_noun(w))


def _names_a_thing(doc: Doc, tokens: list[Token]) -> bool:
    """A name after a common noun that says what it names, when that noun is
    neither people nor a place: "the river Tamel", "the ship Ever Given"."""
    start = tokens[0].i
    if start == 0:
        return False
    prev = doc[start - 1]
    span_root = doc[start : tokens[-1].i + 1].root
    attached = prev.head.i in range(start, tokens[-1].i + 1) or span_root.head.i == prev.i
    lemma = prev.lemma_.lower()
    return (
        prev.pos_ == "NOUN"
        and prev.text.islower()
        and attached
        and not is_actor_noun(lemma)
        and not is_place_noun(lemma)
    )


def _looks_personal(tokens: list[Token]) -> bool:
    """Two or three capitalised words, none of them a word for a group: a personal name."""
    words = [t for t in tokens if not t.is_punct]
    return 2 <= len(words) <= 3 and all(
        t.text[:1].isupper() and not is_group_noun(t.lower_) for t in words
    )


def _title_country(article: ParsedArticle, title: list[Token]) -> list[Mention]:
    """The country in a title the model kept inside a name: "United States President"."""
    words = [t for t in title if not is_title_word(t)]
    if not words or len(words) == len(title):
        return []
    text = _text(words)
    table = world()
    label = "GPE" if table.country(text) else "NORP" if table.demonym(text) else None
    if label is None:
        return []
    return [
        Mention(
            text=text,
            label=label,
            start=words[0].i,
            end=words[-1].i + 1,
            sentence=article.sentence_number(words[0].i),
            function="modifier",
        )
    ]


def _unlabelled_names(doc: Doc) -> list[Span]:
    """Names the model left untagged after a possessive or a title.

    "New People Party's Regina Ip", "Environment Minister John Baird": two or
    more capitalised proper nouns outside any entity, right after "'s" or a
    title word, are a person's name.
    """
    from spacy.tokens import Span

    out: list[Span] = []
    i = 1
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            if doc[j].ent_type_ or is_title_word(doc[j]) or doc[j].text.endswith("."):
                break
            j += 1
        prev = doc[i - 1]
        if j - i >= 2 and (prev.tag_ == "POS" or is_title_word(prev)) and j - i <= 3:
            out.append(Span(doc, i, j, label="PERSON"))
            i = j
        else:
            i = max(j, i + 1)
    return out


def _capitalised_runs(doc: Doc) -> list[list[Token]]:
    """Runs of capitalised words outside any actor entity, not opening a sentence."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in [*doc, None]:
        word = (
            tok is not None
            and tok.text[:1].isupper()
            and tok.text.isalpha()
            and tok.pos_ in ("PROPN", "NOUN", "ADJ")
            and tok.ent_type_ not in NAMED_LABELS
            and not (tok.is_sent_start and not tok.text.isupper())
            and not is_title_word(tok)
        )
        if word and (not run or tok.i == run[-1].i + 1):
            run.append(tok)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [tok] if word else []
    return runs


def _untagged_repeats(doc: Doc) -> list[Span]:
    """A name the model tagged in one place and missed in another: "the request of
    the Municipality of Livorno" (untagged) beside "advanced by the Municipality of
    Livorno" (tagged). The same words, capitalised, outside any entity, are the
    same name with the same label."""
    from spacy.tokens import Span

    names: dict[tuple[str, ...], str] = {}
    for ent in doc.ents:
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        if ent.label_ in NAMED_LABELS and len(words) >= 2 and words[0].text[:1].isupper():
            names.setdefault(tuple(t.text for t in words), ent.label_)
    texts = [t.text for t in doc]
    in_entity = [t.ent_type_ in NAMED_LABELS for t in doc]
    starts: dict[str, list[int]] = {}  # where each word stands: only those places can match
    for i, text in enumerate(texts):
        starts.setdefault(text, []).append(i)
    out: list[Span] = []
    for name, label in sorted(names.items()):
        n = len(name)
        for i in starts.get(name[0], ()):
            if tuple(texts[i : i + n]) == name and not any(in_entity[i : i + n]):
                out.append(Span(doc, i, i + n, label=label))
    return out


def _recurring_names(doc: Doc) -> list[Span]:
    """Names the model missed but the article repeats: "the FIRST Global
    competition", "the first FIRST Global competition" (the model read "FIRST"
    as a number). Two or more capitalised words outside any entity, written
    alone at least twice; also where they open a longer run ("the FIRST Global
    Challenge Robot Olympics")."""
    from spacy.tokens import Span

    out = _untagged_repeats(doc)
    runs = _capitalised_runs(doc)
    counts: dict[str, int] = {}
    for run in runs:
        key = " ".join(t.text for t in run)
        counts[key] = counts.get(key, 0) + 1
    names = {k for k, n in counts.items() if n >= 2}
    for run in runs:
        texts = [t.text for t in run]
        for k in range(len(run), 1, -1):
            if " ".join(texts[:k]) in names:
                out.append(Span(doc, run[0].i, run[k - 1].i + 1, label="ORG"))
                break
    return out


def _lower_case_places(doc: Doc) -> list[Span]:
    """Country and capital names written in lower case ("between Moscow and kyiv").

    The model misses them; a word that matches a country or capital in the
    country table is one when the sentence places it among places: coordinated
    with a place or nationality the model did tag ("Moscow and kyiv", "kyiv and
    European"), or the object of a preposition after a noun for places
    ("several regions, including kyiv").
    """
    from spacy.tokens import Span

    table = world()
    out: list[Span] = []
    for tok in doc:
        text = tok.text
        if tok.ent_type_ or not (text.isalpha() and text.islower()) or is_actor_noun(text):
            continue
        if table.capital(text) is None and table.country(text) is None:
            continue
        near = [tok.head] if tok.dep_ == "conj" else []
        near += [c for c in tok.children if c.dep_ == "conj"]
        among_places = any(t.ent_type_ in ("GPE", "LOC", "NORP") for t in near)
        prep = tok.head if tok.dep_ == "pobj" else None
        after_places = (
            prep is not None and prep.head.pos_ == "NOUN" and is_place_noun(prep.head.lemma_)
        )
        if among_places or after_places:
            out.append(Span(doc, tok.i, tok.i + 1, label="GPE"))
    return out
