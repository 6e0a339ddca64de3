"""Actor mentions: the spans of an article that may name someone who acts.

Two kinds. *Named* mentions are spaCy entities, cleaned the way a reader reads
them: "the United States" is "United States", "Trump's" is "Trump",
"Demosisto's Nathan Law" is two mentions, the "Beijing" of "pro-Beijing DAB" is
part of an adjective, not a mention, and "Pan-democrat Lam Cheuk-ting" is a
person with a title. *Group* mentions are common-noun phrases whose head can
name a group of people ("the government", "religious schools", "the Colombian
army"): actors the article names without a proper name.

Each mention records its syntactic function (subject, possessor, object,
location, modifier), which later decides whether the entity acts in the article
and how central it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefings.lexicon.world import (
    first_sense_is_actor,
    is_actor_noun,
    is_given_name,
    is_group_noun,
    is_person_noun,
    is_place_noun,
    world,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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
#: English verbs of saying and reporting (closed set): "said Bruce Riedel", "told Reuters".
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "cite", "quote", "write", "see", "obtain", "according", "publish",
     "broadcast"}
)  # fmt: skip
#: Of those, what a news outlet does as a subject: "The Guardian cited", "seen by Sky News".
MEDIA_VERBS = frozenset(
    {"report", "cite", "quote", "publish", "broadcast", "write", "see", "obtain"}
)
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


def _is_credit(span: Span) -> bool:
    """An image credit: a name set off by a slash ("Handout / EPA", "EPA / Getty")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.text in ("/", "|") for t in (before, after))


def _is_hyphen(tok: Token) -> bool:
    return tok.text in ("-", "–")


def _hyphen_attached(doc, i: int) -> bool:
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


def _strip_title(tokens: list[Token], label: str) -> list[Token]:
    """Drop a title the model put inside a name.

    "Pan-democrat Lam Cheuk-ting" -> "Lam Cheuk-ting" (a lower-case title word);
    "President Nicolas Sarkozy" -> "Nicolas Sarkozy" (a person's capitalised
    title, when a first and last name remain); "Justice Helen Okafor" -> "Helen
    Okafor" (a word that can name a person, before a given name and a surname).
    "Dean Kamen" and "National Security Council" keep their first word.
    """
    words = _words(tokens)
    if any(t.lower_ in ("of", "for", "and") for t in tokens):
        return tokens
    cut = 0
    for k, word in enumerate(words[:-1]):
        last = word[-1]
        rest = words[k + 1 :]
        lower_title = last.text[:1].islower() and is_person_noun(last.text.lower())
        title = is_title_word(last) or (
            is_person_noun(last.lower_) and is_given_name(_word_text(rest[0]))
        )
        if lower_title or (label == "PERSON" and title and len(rest) >= 2):
            cut = k + 1
        else:
            break
    return [t for w in words[cut:] for t in w] if cut else tokens


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
    same noun phrase, belong to it, up to a title word ("Minister") or an
    abbreviation ("Mr.").
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
            or is_title_word(tok)
            or tok.dep_ == "pobj"  # "Minister of Education Stefania Giannini"
            or not (attached or span.label_ == "PERSON")
        ):
            break
        start -= 1
    return start


def _paren_alias(doc, end: int, label: str, name: str) -> str | None:
    """ "Revolutionary Armed Forces of Colombia (FARC)": the bracketed short name.

    A place in brackets after a name that is not itself a place says where the
    named one comes from ("Jean-Luc Brassard (Canada) won", as results tables
    write), and is no other name of it.
    """
    if end + 2 < len(doc) and doc[end].text == "(":
        close = next(
            (k for k in range(end + 1, min(end + 8, len(doc))) if doc[k].text == ")"), None
        )
        if close is not None and close > end + 1:
            inner = doc[end + 1 : close]
            if inner[0].text[:1].isupper() and all(t.pos_ == "PROPN" or t.is_punct for t in inner):
                if _names_a_place(inner) and not (label in PLACE_LABELS or world().country(name)):
                    return None
                return inner.text
    return None


#: Entity labels of places, countries among them.
PLACE_LABELS = ("GPE", "LOC")


def _names_a_place(span) -> bool:
    """A country (any of its names, or its people), or words the model tags as a place."""
    text = span.text
    if world().country(text) or world().demonym(text):
        return True
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.ent_type_ in PLACE_LABELS for t in words)


def _in_title(doc, start: int, end: int) -> bool:
    """A name that is part of a person's title, not an actor of its own.

    "Secretary of State Condoleezza Rice" ("State"), "Shadow Home Secretary"
    ("Shadow Home"): a one-word name governed by a title word, or a name right
    before a capitalised title word.
    """
    root = doc[start:end].root
    governed = root.dep_ == "pobj" and root.head.lower_ in ("of", "for")
    if end - start == 1 and governed and is_title_word(root.head.head):
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


def _names_a_thing(doc, tokens: list[Token]) -> bool:
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


def _unlabelled_names(doc) -> list[Span]:
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


def _capitalised_runs(doc) -> list[list[Token]]:
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


def _untagged_repeats(doc) -> list[Span]:
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
    for words, label in sorted(names.items()):
        n = len(words)
        for i in starts.get(words[0], ()):
            if tuple(texts[i : i + n]) == words and not any(in_entity[i : i + n]):
                out.append(Span(doc, i, i + n, label=label))
    return out


def _recurring_names(doc) -> list[Span]:
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


def _lower_case_places(doc) -> list[Span]:
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


def prefixed_adjectives(article: ParsedArticle) -> list[Mention]:
    """Hyphenated adjectives made with a prefix outside any name: "anti-establishment
    candidates". Alone they name no one; they may point at a group ("the
    anti-establishment camp")."""
    doc = article.doc
    out: list[Mention] = []
    for word in _words(list(doc)):
        if len(word) < 3 or any(t.ent_type_ for t in word) or not _prefixed(word):
            continue
        if is_group_noun(word[-1].head.lemma_.lower()):
            continue  # inside the group's own phrase: "the anti-establishment camp"
        out.append(_adjective_mention(article, word))
    return out + _noun_affiliations(article)


def _noun_affiliations(article: ParsedArticle) -> list[Mention]:
    """Nouns that place people or a group in a camp: "localist" in "localist group
    Civic Passion" or "another localist camp candidate". Alone they name no one;
    they point at a group the article names by that word ("the localist camp")."""
    out: list[Mention] = []
    for tok in article.doc:
        head = tok.head.lemma_.lower()
        if (
            tok.pos_ != "NOUN"
            or not tok.text.islower()
            or tok.ent_type_
            or tok.dep_ not in ("compound", "amod", "nmod")
            or is_actor_noun(tok.lemma_.lower())
            or not (is_group_noun(head) or is_person_noun(head))
        ):
            continue
        out.append(_adjective_mention(article, [tok]))
    return out


def named_mentions(article: ParsedArticle) -> list[Mention]:
    """Every cleaned named-entity mention of an actor-like label, in text order."""
    doc = article.doc
    out: list[Mention] = []
    taken: set[int] = set()
    recovered = _lower_case_places(doc)
    lower_places = {span.start for span in recovered}
    repeated = _recurring_names(doc)
    as_written = {span.start for span in (*recovered, *repeated)}
    spans = [*doc.ents, *_unlabelled_names(doc), *repeated, *recovered]
    for ent in sorted(spans, key=lambda e: e.start):
        if ent.label_ not in NAMED_LABELS or _is_credit(ent) or ent.start in taken:
            continue
        taken.update(range(ent.start, ent.end))
        label = ent.label_
        start, end = ent.start, ent.end
        if label == "ORG" and ent.start not in as_written:
            end = _extend_right(ent)
        if label in ("ORG", "GPE", "PERSON") and ent.start not in as_written:
            new_start = _extend_left(ent)
            if new_start < start and label == "GPE":
                label = "ORG"  # "Environment Canada" is not the country
            start = new_start
        tokens = list(doc[start:end])
        if _hyphen_attached(doc, start) and (
            doc[start - 2].text[:1].islower() or doc[start - 2].lower_ in NAME_PREFIXES
        ):
            tokens = tokens[1:]  # "pro-Beijing DAB": "Beijing" belongs to an adjective
        words = _words(tokens)
        while words and _prefixed(words[0]):
            # "pro-Beijing Regina Ip": an affiliation, which may name a camp
            out.append(_adjective_mention(article, words[0]))
            words = words[1:]
        tokens = _clean([t for w in words for t in w])
        if not tokens:
            continue
        if _in_title(doc, tokens[0].i, tokens[-1].i + 1) and not (
            world().country(_text(tokens)) or world().demonym(_text(tokens))
        ):
            continue
        if label in ("ORG", "PERSON") and _names_a_thing(doc, tokens):
            continue  # "the river Tamel": a river, whatever label the model gave it
        alias = _paren_alias(doc, end, label, _text(tokens))
        parts = _split_possessive(tokens)
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            if last and n and label == "ORG" and _looks_personal(part):
                label = "PERSON"  # "New People Party's Regina Ip"
            if last:
                whole = _clean(part)
                part = _clean(_strip_title(whole, label))
                if part and whole and part[0].i > whole[0].i:
                    out.extend(_title_country(article, whole[: part[0].i - whole[0].i]))
            else:
                part = _clean(part)
            if not part:
                continue
            text = _text(part)
            if not text or not text[0].isalpha():
                continue
            if not any(c.isupper() for c in text) and ent.start not in lower_places:
                continue
            part_label = label if last else "ORG"
            root = doc[part[0].i : part[-1].i + 1].root
            place = part_label in ("GPE", "LOC", "FAC")
            function, verb = function_of(root, place) if last else ("possessor", None)
            mention = Mention(
                text=text,
                label=part_label,
                start=part[0].i,
                end=part[-1].i + 1,
                sentence=article.sentence_number(part[0].i),
                function=function,
                verb=verb,
                relative_verb=relative_verb(root) if last else None,
                classes=_class_nouns(root) if last else (),
            )
            if last and alias:
                mention.forms.append(alias)
            # "the United States", "The Arabs" are forms of the name; "the American
            # presidents" is not a form of "American"
            after_the = part[0].i > 0 and doc[part[0].i - 1].lower_ == "the"
            if after_the and function != "modifier" and (n == 0 or start < part[0].i):
                mention.forms.append(_text(list(doc[part[0].i - 1 : part[-1].i + 1])))
            words = _words(part)
            if len(words) == 1 and len(part) == 3 and _is_hyphen(part[1]):
                left, right = part[0].text, part[2].text
                if left[:1].isupper() and right[:1].isupper():
                    mention.pair = (left, right)
            out.append(mention)
    return out


# --- group mentions ---------------------------------------------------------


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
