"""A person's role, as the article states it.

Three constructions carry it, read off the dependency parse:

* a title before the name: "Russian leader Vladimir Putin" -> "Russian leader";
* an apposition after it: "Kevin Bergner, a US spokesperson," -> "US spokesperson",
  or before it: "the president of the Lombardy region, Roberto Maroni";
* an affiliation: "Aaron David Miller of the Woodrow Wilson Center".

A title must end in a noun that can name a person (WordNet ``noun.person``), so
"team member" is a role and "Afghanistan's response" is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.lexicon.world import is_person_noun, world

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Longest role kept, in words; longer appositions are descriptions, not roles.
MAX_ROLE_WORDS = 9
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "appos"})


def _title_head(tok: Token) -> bool:
    text = tok.text.rstrip(".")
    return (
        tok.pos_ in ("NOUN", "PROPN")
        and not tok.text.endswith(".")
        and len(text) > 2
        and is_person_noun(tok.lemma_.lower() if tok.pos_ == "NOUN" else text.lower())
    )


def _phrase(tokens: list[Token]) -> str | None:
    while tokens and (tokens[0].tag_ in ("DT", "PDT", "PRP$") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ in ("DT", "IN", "CC")):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > MAX_ROLE_WORDS * 2:
        return None
    text = "".join(t.text_with_ws for t in tokens).strip()
    words = text.split()
    if not words or len(words) > MAX_ROLE_WORDS:
        return None
    return " ".join(words)


def title_before(doc: Doc, start: int, end: int) -> str | None:
    """Title words right before the name that modify it: "US President Donald Trump".

    The title is the part of the name's own phrase that precedes it
    ("Secretary of State Condoleezza Rice"); the word it hangs from must be a
    person noun.
    """
    root = doc[start:end].root
    subtree = {t.i for t in root.subtree}
    first = start
    while first - 1 >= root.sent.start and first - 1 in subtree:
        first -= 1
    # keep written words whole: "vice-president JD Vance"
    while first - 2 >= root.sent.start and doc[first - 1].text in ("-", "–"):
        if doc[first - 1].whitespace_ or doc[first - 2].whitespace_:
            break
        first -= 2
    tokens = list(doc[first:start])
    if not tokens or tokens[-1].is_punct or tokens[-1].tag_ == "POS":
        return None
    # The word the name hangs from is a title: "Secretary" in "Secretary of State".
    if not any(_title_head(t) for t in tokens if start <= t.head.i < end):
        return None
    # A possessor or a list before the title is not part of it.
    for k in range(len(tokens) - 1, -1, -1):
        if (tokens[k].is_punct and tokens[k].text not in ("-", "–")) or tokens[k].lower_ == "and":
            tokens = tokens[k + 1 :]
            break
    while tokens and tokens[0].tag_ in ("DT", "PDT", "IN", "CC", "CD"):
        tokens = tokens[1:]
    while tokens and tokens[-1].text.endswith(".") and len(tokens[-1].text) <= 4:
        tokens = tokens[:-1]  # an honorific: "Undersecretary for Education Mr. Toccafondi"
    return _phrase(tokens)


def _appositive_text(head: Token, exclude: range) -> str | None:
    tokens: list[Token] = []
    for t in head.subtree:
        if t.i in exclude:
            continue
        tokens.append(t)
    # cut at the first clause or comma after the head
    kept: list[Token] = []
    for t in tokens:
        if t.i > head.i and (t.dep_ in _CLAUSE_DEPS or t.is_punct):
            break
        if t.i < head.i and t.is_punct:
            kept = []
            continue
        kept.append(t)
    return _phrase(kept)


def apposition(doc: Doc, start: int, end: int) -> str | None:
    """ "Kevin Bergner, a US spokesperson" and "the president of X, Roberto Maroni"."""
    root = doc[start:end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end and _title_head(child):
            if child.ent_type_ and child.ent_type_ != "NORP":
                continue
            return _appositive_text(child, range(start, end))
    head = root.head
    if root.dep_ == "appos" and head.i < start and _title_head(head) and not head.ent_type_:
        return _appositive_text(head, range(root.left_edge.i, root.right_edge.i + 1))
    return _title_before_comma(doc, start)


def _title_before_comma(doc: Doc, start: int) -> str | None:
    """ "the president of the Ukraines, Volodymyr Zelensky" when the parse attached
    the name elsewhere: a title phrase that ends right before the comma."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    comma = start - 1
    sent_start = doc[start].sent.start
    for i in range(comma - 1, max(sent_start, comma - 8) - 1, -1):
        tok = doc[i]
        if tok.is_punct or tok.ent_type_ == "PERSON":
            return None
        if _title_head(tok) and not tok.ent_type_:
            span = [t for t in tok.subtree if t.i < comma]
            if span and span[-1].i == comma - 1:
                return _phrase(span)
            return None
    return None


def affiliation(doc: Doc, start: int, end: int) -> str | None:
    """ "Bruce Riedel of the Brookings Institution" -> "of the Brookings Institution"."""
    if end >= len(doc) or doc[end].lower_ not in ("of", "from", "at"):
        return None
    prep = doc[end]
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs or objs[0].ent_type_ != "ORG":
        return None
    obj = objs[0]
    tokens = [prep, *(t for t in obj.subtree if t.i > prep.i)]
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text if len(text.split()) <= MAX_ROLE_WORDS else None


def role_of(doc: Doc, start: int, end: int) -> str | None:
    """The role the text gives the person named by ``doc[start:end]``, if any."""
    return (
        title_before(doc, start, end) or apposition(doc, start, end) or affiliation(doc, start, end)
    )


def _stray_plural(word: str, names: set[str]) -> str | None:
    """The name a capitalised word misspells with a stray plural: "Ukraines" for
    "Ukraine", when the article or the country table knows the singular and not
    the plural (translation noise, not "the Philippines")."""
    if len(word) < 5 or not word[:1].isupper() or not word.endswith("s"):
        return None
    if world().country(word) is not None:
        return None
    single = word[:-1]
    if world().country(single) is not None:
        return single
    return single if single in names and word not in names else None


def clean_role(role: str, names: set[str]) -> str:
    """A role with the names in it spelt as the article spells them elsewhere:
    "president of the Ukraines" -> "president of Ukraine". ``names`` are the
    article's entity texts."""
    words = role.split()
    out: list[str] = []
    for word in words:
        core = word.rstrip(",;:")
        single = _stray_plural(core, names)
        if single is None:
            out.append(word)
            continue
        country = world().country(single)
        if out and out[-1].lower() == "the" and country is not None and country.name == single:
            out.pop()  # "the Ukraines" -> "Ukraine": the country's name takes no article
        out.append(single + word[len(core) :])
    return " ".join(out)
