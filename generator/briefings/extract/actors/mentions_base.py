"""Actor mentions, the common ground: what a mention is and how it is read.

The :class:`Mention` record, the closed word classes the mention stages share,
a mention's syntactic function (:func:`function_of`), and the helpers that read
tokens as written words ("pro-Beijing" is one word of three tokens).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefings.lexicon.world import (
    first_sense_is_actor,
    is_person_noun,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefings.nlp.parse import ParsedArticle

#: spaCy labels that can name an actor.
NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
#: Label of a common-noun group mention.
GROUP = "GROUP"
#: Label of a hyphenated adjective made of a name ("pro-Beijing").
ADJECTIVE = "ADJ"

#: English prepositions of place and direction (closed class): "in Paris" is where, not who.
SPATIAL_PREPOSITIONS = frozenset(
    {
        "in", "at", "on", "near", "from", "to", "into", "onto", "across", "inside", "outside",
        "within", "throughout", "around", "through", "toward", "towards", "via", "over",
        "under", "beyond", "along", "past", "opposite",
    }
)  # fmt: skip
#: Prepositions that place anything, a person included: "at the Center", "in Annapolis".
STRICT_SPATIAL = frozenset(
    {"in", "at", "near", "inside", "outside", "within", "throughout", "across", "along"}
)
#: English bound prefixes that make a hyphenated adjective of a name: "pro-Beijing".
NAME_PREFIXES = frozenset(
    {
        "pro", "anti", "pan", "non", "ex", "neo", "post", "pre", "mid", "trans", "inter",
        "intra", "sub", "super", "ultra", "semi", "counter", "multi", "cross",
    }
)  # fmt: skip
#: Universal and negative quantifiers (closed class): "every team" is no one team.
GENERIC_QUANTIFIERS = frozenset(
    {"every", "each", "any", "no", "all", "either", "neither", "other", "another"}
)
#: Quantifiers and numbers do not tell one group from another ("several municipalities").
QUANTIFIERS = GENERIC_QUANTIFIERS | {
    "some", "several", "many", "few", "most", "both", "such", "more", "less", "various",
    "numerous",
}  # fmt: skip
#: English honorifics (closed class), written with or without a dot: "Mr Key" is Key.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof"})
DEFINITE = frozenset({"the", "this", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


@dataclass
class Mention:
    """One span naming a possible actor."""

    text: str
    label: str
    start: int
    end: int
    sentence: int
    function: str  # subject | passive | possessor | object | location | modifier
    #: The governing verb's lemma, when the mention is its subject or object.
    verb: str | None = None
    #: Extra surface forms seen with this mention ("(FARC)" after a name, "the government").
    forms: list[str] = field(default_factory=list)
    #: A noun phrase's distinguishing modifiers ("colombian" in "the Colombian army").
    key: tuple[str, ...] = ()
    plural: bool = False
    #: The mention is the second part of a hyphenated pair ("Trump-Putin").
    pair: tuple[str, str] | None = None
    #: A noun phrase with a definite determiner ("the team", "these girls").
    definite: bool = False
    #: Definite, or qualified by a name or a hyphenated word ("pan-democracy camp").
    marked: bool = False
    #: Its head names people in its most frequent use ("army", "officials").
    strong: bool = False
    #: Qualified by a name, a hyphenated word or a noun ("the Colombian army",
    #: "asylum seekers"), not only by a plain adjective ("the regional office").
    qualified: bool = False
    #: The verb of a relative clause whose subject the mention is: "Farmers who
    #: supply Norvale" acts through "supply".
    relative_verb: str | None = None
    #: Told apart by what follows it: "Farmers who supply Norvale", "hopefuls from
    #: Afghanistan" (see :func:`_qualified_after`).
    qualified_after: bool = False
    #: Common nouns the text uses to say what the name is: "service" in "the national
    #: weather service, IMN"; later "the service" points back at it.
    classes: tuple[str, ...] = ()
    #: A definite phrase with a number ("the two companies", "both clubs"): a set
    #: of actors the article names one by one, not an actor of its own.
    counted: bool = False
    #: Plural person nouns the phrase says its group is made of: "girls" in "the
    #: team, which consists entirely of girls" or "a team of girls".
    members: tuple[str, ...] = ()

    @property
    def agentive(self) -> bool:
        """Acts in its sentence: the subject of an active verb other than "be", or a possessor.

        The subject of a passive verb ("the girls were granted") undergoes, it
        does not act; its function is ``passive``.
        """
        if self.relative_verb not in (None, "be"):
            return True
        return self.function == "possessor" or (self.function == "subject" and self.verb != "be")


def _governor(token: Token) -> Token:
    """Climb coordination: in "Russia and Ukraine will talk" Ukraine shares Russia's role."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def function_of(root: Token, place: bool = False) -> tuple[str, str | None]:
    """The syntactic function of a mention whose head token is ``root``.

    "in X", "at X" make X a location; "to X", "from X", "on X" only when X is
    a place name (``place``): "spoke to Trump" is not a location.
    """
    tok = root
    if tok.dep_ == "appos" and tok.head.i < tok.i and tok.head.pos_ == "NOUN":
        tok = tok.head  # "The secretary general of CEI, Nunzio Galantino, has called"
    tok = _governor(tok)
    dep = tok.dep_
    head = tok.head
    if dep in SUBJECT_DEPS:
        return (
            "subject" if dep not in ("nsubjpass", "csubjpass") else "passive"
        ), head.lemma_.lower()
    if dep == "poss":
        return "possessor", None
    if dep == "pobj" and head.dep_ == "agent":  # "rescued by the army"
        return "subject", head.head.lemma_.lower()
    if dep == "pobj":
        prep = head.lemma_.lower()
        head = _governor(head)  # "in the United States or in Canada"
        if prep == "to" and head.head.lemma_.lower() == "accord":
            return "object", "according"
        if prep in STRICT_SPATIAL or (
            place
            and prep in SPATIAL_PREPOSITIONS
            and head.head.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ")
        ):
            return "location", head.head.lemma_.lower()
        return "object", head.head.lemma_.lower()
    if dep in MODIFIER_DEPS:
        return "modifier", None
    if dep in ("dobj", "dative", "attr", "oprd"):
        return "object", head.lemma_.lower()
    return "object", None


#: English relative pronouns (closed class) that can be the subject of a relative clause.
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def relative_verb(root: Token) -> str | None:
    """The verb of an active relative clause whose subject points back at ``root``.

    "Farmers who supply Norvale" -> "supply"; "the team, which consists of
    girls" -> "consist". A passive relative clause ("who were moved") says what
    was done to the noun, not what it does.
    """
    for child in root.children:
        if child.dep_ != "relcl":
            continue
        for sub in child.children:
            if sub.dep_ == "nsubj" and sub.lower_ in RELATIVE_PRONOUNS:
                return child.lemma_.lower()
    # "hopefuls from Afghanistan, Eritrea and Yemen who applied": "who" is no
    # country; the model hung the clause on the last place of the list.
    for prep in (c for c in root.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for place in (obj, *obj.conjuncts):
                if place.ent_type_ not in ("GPE", "LOC"):
                    continue
                for clause in (c for c in place.children if c.dep_ == "relcl"):
                    if any(s.dep_ == "nsubj" and s.lower_ == "who" for s in clause.children):
                        return clause.lemma_.lower()
    return None


def _is_hyphen(tok: Token) -> bool:
    return tok.text in ("-", "–")


def _hyphen_attached(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is glued by a hyphen to the word before it ("pro-Beijing")."""
    return (
        i >= 2
        and _is_hyphen(doc[i - 1])
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
    )


def _prefixed(word: list[Token]) -> bool:
    """A hyphenated adjective made of a name: "pro-Beijing", "anti-Kremlin"."""
    head, sep, _ = _word_text(word).partition("-")
    return bool(sep) and head.lower() in NAME_PREFIXES


def _adjective_mention(article: ParsedArticle, word: list[Token]) -> Mention:
    """ "pro-Beijing" on its own: no actor, but it may name a group ("pro-Beijing camp")."""
    return Mention(
        text=_word_text(word),
        label=ADJECTIVE,
        start=word[0].i,
        end=word[-1].i + 1,
        sentence=article.sentence_number(word[0].i),
        function="modifier",
    )


def _words(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into written words: "Pan", "-", "democrat" is one word."""
    words: list[list[Token]] = []
    for tok in tokens:
        glued = words and (_is_hyphen(tok) or _is_hyphen(words[-1][-1]))
        if glued and not words[-1][-1].whitespace_:
            words[-1].append(tok)
        else:
            words.append([tok])
    return words


def _word_text(word: list[Token]) -> str:
    return "".join(t.text_with_ws for t in word).strip()


def is_title_word(tok: Token) -> bool:
    """A word that names a position held by a person: "President", "spokesperson"."""
    text = tok.text
    return (
        not text.endswith(".")
        and len(text) > 2
        and first_sense_is_actor(text.lower())
        and is_person_noun(text.lower())
    )


def _clean(tokens: list[Token]) -> list[Token]:
    """Leading articles, trailing possessive marks and punctuation off."""
    while tokens and (tokens[0].tag_ in ("DT", "PDT") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    for mark in ("'s", "’s"):
        if text.endswith(mark):
            text = text[: -len(mark)]
    return " ".join(text.rstrip("'’").split())
