"""Actor mentions without a proper name: common-noun phrases that name a group.

"the government", "religious schools", "the Colombian army": the head can name
a group of people, and the phrase says which group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.extract.actors.mentions_base import (
    DEFINITE,
    GENERIC_QUANTIFIERS,
    GROUP,
    NAMED_LABELS,
    QUANTIFIERS,
    Mention,
    _clean,
    _is_hyphen,
    _text,
    _word_text,
    _words,
    function_of,
    relative_verb,
)
from briefings.lexicon.world import (
    first_sense_is_actor,
    is_group_noun,
    is_person_noun,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefings.nlp.parse import ParsedArticle


#: Tokens read back from a group noun for the words of its phrase (see :func:`_noun_phrase`).
MAX_PREMODIFIERS = 16


def _noun_phrase(head: Token) -> list[Token]:
    """The head noun with the words written before it in its phrase.

    Read off the surface as well as the parse, because the small model often
    hangs "pan-democracy" in "pan-democracy camp's Kwok Ka-ki" on the name:
    adjectives, nouns and hyphenated words right before the head, then one
    determiner. A possessor ("Italy's") ends the phrase.
    """
    doc = head.doc
    # No real phrase has this many words before its noun; a run of a thousand nouns
    # would otherwise be read back through at each of them.
    sent_start = max(head.sent.start, head.i - MAX_PREMODIFIERS)
    i = head.i
    while i - 1 >= sent_start:
        tok = doc[i - 1]
        glued = _is_hyphen(tok) and not tok.whitespace_ and i - 2 >= sent_start
        if glued and not doc[i - 2].whitespace_:
            i -= 2  # "pan" "-" "democracy"
            continue
        if tok.tag_ == "POS" or tok.ent_type_ == "PERSON" or tok.is_punct:
            break
        if tok.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or (
            tok.pos_ == "VERB" and tok.tag_ == "VBN"
        ):
            i -= 1
            continue
        break
    if i - 1 >= sent_start and doc[i - 1].tag_ in ("DT", "PDT"):
        i -= 1
    return list(doc[i : head.i + 1])


def _distinguishing(word: list[Token], head_names_people: bool) -> bool:
    """Whether a modifier tells one group from another of the same kind.

    Proper and hyphenated modifiers and noun compounds do ("Colombian army",
    "pro-Beijing camp", "asylum seekers"); plain adjectives and numbers do not
    ("religious schools" and "private schools" are the article's one group,
    "the six-member team" is "the team") — unless the head names people only in
    a secondary sense, where the adjective is what makes a group of it ("the
    localist camp" beside "the pan-democracy camp").
    """
    first = word[0]
    if first.lower_ in QUANTIFIERS or first.tag_ in ("DT", "PDT", "CD", "PRP$"):
        return False
    if any(t.like_num for t in word):
        return False
    if not head_names_people and first.pos_ == "ADJ":
        return True
    if head_names_people and len(word) == 1 and is_person_noun(first.lemma_.lower()):
        return False  # "veteran politicians": a kind of politician, not one group
    proper = first.text[:1].isupper() and not first.is_sent_start  # "Legal experts said"
    return len(word) > 1 or proper or first.pos_ in ("NOUN", "PROPN")


def _qualified_after(tok: Token) -> bool:
    """A plural noun told apart by what follows it: "Farmers who supply Norvale"
    (a relative clause naming someone), "hopefuls from Afghanistan", "residents of
    Valdoria" (where they come from or live)."""
    if tok.tag_ != "NNS":
        return False
    for child in tok.children:
        if child.dep_ == "relcl" and any(t.ent_type_ in NAMED_LABELS for t in child.subtree):
            return True
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "in"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].ent_type_ in ("GPE", "LOC"):
                return True
    return False


def _members(tok: Token) -> tuple[str, ...]:
    """Plural person nouns that a singular group noun is said to be made of.

    "the team, which consists entirely of girls", "a team of girls": later, "the
    girls" are that team's members, and a reader takes them for the team.
    """
    if tok.tag_ != "NN":
        return ()
    out: list[str] = []
    for child in tok.children:
        if child.dep_ not in ("relcl", "prep") or (child.dep_ == "prep" and child.lower_ != "of"):
            continue
        for t in child.subtree:
            if t.tag_ == "NNS" and is_person_noun(t.lemma_.lower()) and t.head.lower_ == "of":
                out.append(t.lemma_.lower())
    return tuple(out)


def _group_head(tok: Token) -> bool:
    """Whether a common noun names a group of people in its most frequent use.

    A noun whose first sense is a group ("army", "government") does, and so does
    the plural of a person noun ("officials", "girls"). A noun with a group
    sense among others ("camp", "municipalities") needs the phrase to say so:
    see :attr:`Mention.marked`.
    """
    lemma = tok.lemma_.lower()
    if first_sense_is_actor(lemma) and is_group_noun(lemma):
        return True
    return tok.tag_ == "NNS" and is_person_noun(lemma)


def _titles_a_person(tok: Token) -> bool:
    """A common noun in a person's title, not a possessor: "spokesperson Julie Hahn",
    "the president, Volodymyr Zelensky"; but "the localist camp's Cheng Chung-tai"
    names the camp."""
    if tok.dep_ == "poss":
        return False
    return any(t.ent_type_ == "PERSON" for t in (tok.head, *tok.children))


def _names_a_name(tok: Token) -> bool:
    """A common noun describing a name beside it: "the secularist magazine MicroMega"."""
    named = ("PERSON", "ORG")
    if tok.dep_ in ("compound", "appos") and tok.head.ent_type_ in named:
        return True
    return any(c.dep_ in ("appos", "compound") and c.ent_type_ in named for c in tok.children)


def group_mentions(article: ParsedArticle) -> list[Mention]:
    """Common-noun phrases whose head can name a group of people, in text order."""
    doc = article.doc
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.ent_type_:
            continue
        if tok.dep_ == "compound" and not is_person_noun(tok.head.lemma_.lower()):
            continue
        if _titles_a_person(tok) or _names_a_name(tok):
            continue  # a title: "the president, Volodymyr Zelensky", "spokesperson Julie Hahn"
        # Decided by the head alone, so before its phrase is read: a run of a thousand
        # nouns would otherwise read back through all of them at each one.
        if not is_group_noun(tok.lemma_.lower()) and not (tok.tag_ == "NNS" and _group_head(tok)):
            continue
        phrase = _noun_phrase(tok)
        before = [t for t in phrase if t.i < tok.i]
        plural = tok.tag_ == "NNS"
        if any(t.lower_ in GENERIC_QUANTIFIERS for t in before):
            continue  # "every team": no one team
        if not plural and before and before[0].lower_ in ("a", "an"):
            continue  # "a system": a new referent, not an actor yet
        key = [tok.lemma_.lower()]
        strong = _group_head(tok)
        key += [_word_text(w).lower() for w in _words(before) if _distinguishing(w, strong)]
        qualified = any(_distinguishing(w, True) for w in _words(before))
        # "the team" points back at one group; "the 163 teams" counts a set
        definite = (
            bool(phrase) and phrase[0].lower_ in DEFINITE and not any(t.like_num for t in before)
        )
        # A noun whose group sense is not its first is marked as a group by the
        # phrase: "the municipalities", "the localist camp"; "the deal" is not.
        marked = (definite and (plural or strong or len(key) > 1)) or any(
            m[:1].isupper() or "-" in m for m in key[1:]
        )
        # "the two companies", "both clubs": a set of actors named elsewhere
        counted = (
            plural
            and bool(before)
            and (
                before[0].lower_ == "both"
                or (before[0].lower_ in DEFINITE and any(t.like_num for t in before))
            )
        )
        function, verb = function_of(tok)
        after = _qualified_after(tok)
        qualified = qualified or after
        of_person = tok.head.ent_type_ == "PERSON" or is_person_noun(tok.head.lemma_.lower())
        if function == "possessor" and not of_person:
            function = "object"  # "the constituencies' seats": no one acts
        if tok.dep_ == "compound" and of_person and len(key) > 1:
            function = "possessor"  # "pro-Beijing camp candidates": the camp fields them
        text = _text(_clean(phrase))
        if not text:
            continue
        out.append(
            Mention(
                text=text,
                label=GROUP,
                start=phrase[0].i,
                end=tok.i + 1,
                sentence=article.sentence_number(tok.i),
                function=function,
                verb=verb,
                forms=[_text(phrase)] if phrase and phrase[0].tag_ in ("DT", "PDT") else [],
                key=tuple(key),
                plural=plural,
                definite=definite,
                marked=marked,
                strong=strong,
                qualified=qualified,
                relative_verb=relative_verb(tok),
                counted=counted,
                members=_members(tok),
                qualified_after=after,
            )
        )
    return out
