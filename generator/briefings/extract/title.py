"""Headline of a briefing: the main actors and the main event, in headline style.

Seeds carry no title, and a truncated first sentence is not a headline. The
headline is rewritten from the article's most informative sentence (the one the
bottom line comes from) by its dependency parse, the way sub-editors write them:

* the main clause's subject, verb and first complement, without articles,
  adverbs or asides; a person by surname;
* tense in headline form: past and perfect become the present ("has abandoned"
  → "abandons"), the future becomes "to" ("will start" → "to start"), the
  passive drops its auxiliary ("was found" → "found");
* a reported statement is headed by its speaker ("X said that Y will go" →
  "X: Y to go");
* an occasion the sentence opens with, when it names a second person, leads as
  "A–B call:" ("After a call with Putin, Trump said ..." → "Trump–Putin call: ...").

A ``title:`` header always wins. At most ``max_words`` words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from briefings.extract.compression import certainty_frame
from briefings.extract.summary import best_sentence
from briefings.lexicon.english import REPORTING_VERBS
from briefings.model import Actor
from briefings.nlp.parse import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Verbs whose purpose or complement clause carries the event ("went on TV to say").
_LIGHT_VERBS = frozenset({"go", "take", "use", "turn", "come", "move", "seek", "try"})
#: Prepositions that open an occasion ("after the call", "during the summit").
_OCCASION_PREPOSITIONS = frozenset({"after", "before", "during", "following", "at", "in"})
_NOUN_KEEP = ("compound", "amod", "nummod", "nmod", "poss", "quantmod", "npadvmod", "case")
#: Prepositions whose phrase can complete a noun in a headline ("shares *in X*").
_NOUN_PREPOSITIONS = frozenset({"of", "on", "in", "for", "against", "over", "about", "from", "to"})
_MODALS_KEPT = frozenset({"could", "may", "might", "should", "must", "can"})


def third_person(lemma: str) -> str:
    """Present tense, third person singular, of a regular or common irregular verb."""
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _person_entity(token: Token) -> Span | None:
    """The PERSON entity ``token`` belongs to, if any."""
    return _entity(token, ("PERSON",))


def _entity(token: Token, labels: tuple[str, ...] | None = None) -> Span | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and (labels is None or ent.label_ in labels):
            return ent
    return None


def render(tokens: Iterable[HeadlineWord]) -> str:
    """Tokens as text: original spacing between neighbours, one space across gaps."""
    out = ""
    prev: HeadlineWord | None = None
    for tok in sorted(tokens, key=lambda t: t.i):
        if prev is not None:
            out += "" if tok.i == prev.i + 1 and not prev.whitespace_ else " "
        out += tok.text
        prev = tok
    return out


def _quantifies_number(tok: Token) -> bool:
    """ "at least", "about", "more than" before a number: part of the figure."""
    head = tok
    for _ in range(2):
        head = head.head
        if head.pos_ == "NUM":
            return True
    return False


def _kept(tok: Token) -> bool:
    """Whether a token belongs in a headline noun phrase."""
    if tok.pos_ in ("ADV", "ADJ", "ADP") and tok.i < tok.head.i and _quantifies_number(tok):
        return True
    if tok.pos_ in ("DET", "ADV") or (tok.pos_ == "PRON" and tok.dep_ == "poss"):
        return False
    if tok.is_punct:
        return (
            tok.text in ("-", "–")
            and not tok.whitespace_
            and tok.i > 0
            and not tok.nbor(-1).whitespace_
        )
    return True


@dataclass
class Phrase:
    """Tokens of a headline part; ``optional`` parts go in while the word budget allows."""

    tokens: list[HeadlineWord]
    optional: int = 0  # 0 = required; higher = dropped first
    #: The part this one completes ("of 2 million voters" completes "with a turnout"):
    #: it goes in only when that part is in.
    parent: Phrase | None = None

    @property
    def words(self) -> int:
        return len(render(self.tokens).split()) if self.tokens else 0


def _defining_clause(head: Token, clause: Token) -> bool:
    """A relative clause with no comma that says which of a bare plural is meant."""
    return (
        clause.dep_ == "relcl"
        and clause.left_edge.i == head.i + 1
        and head.tag_ == "NNS"
        and not any(c.dep_ == "det" for c in head.children)
    )


def _close_apposition(head: Token, child: Token) -> bool:
    """An apposition with no comma before it: one noun phrase the parser split."""
    return (
        child.dep_ == "appos"
        and child.pos_ in ("NOUN", "PROPN")
        and child.left_edge.i == head.i + 1
        and bool(head.whitespace_)
    )


def noun_phrase(head: Token) -> list[Phrase]:
    """A noun phrase in headline form: no articles or asides; a person by surname.

    Returns the core (head, modifiers, a name in full, coordinated nouns) and, as
    an optional part, one "of" phrase.
    """
    if head.pos_ == "PRON" and head.lower_ not in ("it", "they"):
        return []
    person = _person_entity(head)
    core: list[HeadlineWord]
    if person is not None:
        core = [person[-1]]
        if head.i + 1 < len(head.doc) and head.nbor(1).tag_ == "POS":
            core.append(head.nbor(1))
    else:
        entity = _entity(head)
        core = [t for t in entity if _kept(t)] if entity is not None else []
        for child in head.children:
            if child.dep_ in _NOUN_KEEP and child.i < head.i:
                core += [t for t in child.subtree if _kept(t)]
            elif _close_apposition(head, child):  # "a magnitude 6.8 earthquake"
                core += [t for t in child.subtree if t.i <= child.i and _kept(t)]
        core = sorted({t.i: t for t in [*core, head]}.values(), key=lambda t: t.i)
    parts = [Phrase(core)]
    for clause in head.children:  # "towns that depend on one species": a generic needs it
        if _defining_clause(head, clause):
            parts.append(Phrase([t for t in clause.subtree if _kept(t)], optional=1))
            break
    for conj in (c for c in head.children if c.dep_ == "conj"):
        cc = [c for c in head.children if c.dep_ == "cc"]
        conj_parts = noun_phrase(conj)
        if conj_parts:
            parts[0].tokens += cc[:1] + conj_parts[0].tokens
        break
    for child in head.children:  # one phrase after the noun: "the end of the war"
        if (
            child.dep_ == "prep"
            and child.lower_ in _NOUN_PREPOSITIONS
            and child.i > head.i
            and not _is_time(child)
        ):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                # whole or not at all: "a ban on the sale of vans", never "a ban on the sale"
                inner = [t for p in noun_phrase(objs[0]) for t in p.tokens]
                inner_tokens = [t for t in inner if t.i not in {x.i for x in core}]
                if inner_tokens:
                    parts.append(Phrase([child, *inner_tokens], optional=2))
            break
    return parts


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return c
    return None


def _is_plural(subject: Token) -> bool:
    """Plural by its tag or a coordination; an organisation's name is singular
    ("Brisk Holdings agrees")."""
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    return subject.tag_ in ("NNS", "NNPS") and subject.ent_type_ != "ORG"


class _Word:
    """A word a headline adds that is not in the sentence (a re-inflected verb).

    Its place ``i`` is fractional: it sorts between the sentence's tokens.
    """

    def __init__(self, text: str, i: float) -> None:
        self.text, self.i, self.whitespace_ = text, i, " "


#: A word of a headline: one of the sentence's tokens or one the headline adds.
HeadlineWord: TypeAlias = "Token | _Word"


def _negation(at: float, neg: list[Token]) -> list[HeadlineWord]:
    """ "not" at ``at`` when the verb has a negation, else nothing."""
    return [_Word("not", at)] * bool(neg)


def verb_group(verb: Token, subject: Token | None, reported: bool = False) -> list[HeadlineWord]:
    """The verb in headline tense (see module docstring), as tokens and new words.

    ``reported``: the clause is reported from the past, so "would" is its future.
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    neg = [c for c in verb.children if c.dep_ == "neg"]
    lemmas = {a.lemma_.lower() for a in auxes}
    texts = {a.lower_ for a in auxes}
    if reported and "would" in texts:
        texts = (texts - {"would"}) | {"will"}
    at = verb.i - 0.5
    if any(a.dep_ == "auxpass" for a in auxes):
        return [*_negation(at, neg), verb]
    if (
        texts & {"will", "shall"}
        or "going" in texts
        or ("be" in lemmas and any(a.lower_ == "to" for a in auxes))
    ):
        return [*_negation(at - 0.2, neg), _Word("to", at), _Word(verb.lemma_, verb.i)]
    modal = sorted(texts & _MODALS_KEPT)
    if modal:
        if modal[0] == "can" and neg:
            return [_Word("cannot", at), _Word(verb.lemma_, verb.i)]
        return [_Word(modal[0], at - 0.2), *_negation(at, neg), _Word(verb.lemma_, verb.i)]
    if verb.lemma_ == "be" and "have" not in lemmas:
        return _negation(at, neg)
    plural = subject is not None and _is_plural(subject)
    if neg:
        return [
            _Word("do" if plural else "does", at - 0.2),
            _Word("not", at),
            _Word(verb.lemma_, verb.i),
        ]
    return [_Word(verb.lemma_ if plural else third_person(verb.lemma_), verb.i)]


def _complement(verb: Token, occasion: bool = True) -> list[Phrase]:
    """The first object or complement of ``verb``, then what may follow it.

    After the object: an infinitive it controls ("asks schools *to pay taxes*"),
    required; one prepositional phrase that is not a date, optional; and, with
    ``occasion``, a clause of time ("*after an attack shut down the systems*"),
    optional after the phrase.
    """
    parts: list[Phrase] = []
    have_core = False
    have_prep = False
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i < verb.i:
            continue
        if child.dep_ in ("dobj", "attr", "dative", "oprd") and not have_core:
            parts += noun_phrase(child)
            parts += _stray(child, verb)
            parts += _controlled_infinitive(verb, child)
            have_core = True
        elif child.dep_ == "acomp" and not have_core:
            parts.append(Phrase([t for t in child.subtree if t.i <= child.i and _kept(t)]))
            for prep in (c for c in child.children if c.dep_ == "prep"):
                parts += _prepositional(prep, optional=1)
                break
            have_core = True
        elif child.dep_ == "npadvmod" and not have_core and _is_measure(child):
            parts.append(Phrase([t for t in child.subtree if _kept(t)]))  # "falls 18 percent"
            have_core = True
        elif child.dep_ in ("xcomp", "advcl") and not have_core and _infinitive(child):
            marker = [c for c in child.children if c.dep_ == "aux" and c.lower_ == "to"]
            parts.append(Phrase([*_own_subject(child), *marker, child, *_particles(child)]))
            parts += _complement(child, occasion=False)
            have_core = True
        elif child.dep_ in ("prep", "agent") and not have_prep and not _is_time(child):
            parts += _prepositional(child, optional=3)
            have_prep = True
    if not have_core:  # "acted *unlawfully*": the manner is what the verb says
        manner: list[HeadlineWord] = [
            c for c in verb.children if c.dep_ == "advmod" and c.i == verb.i + 1 and _is_manner(c)
        ]
        if manner:
            parts.insert(0, Phrase(manner))
            have_core = True
    if not have_core:  # "the court ruled (that) drivers are employees"
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        if clauses and (inner := _subject(clauses[0])) is not None:
            inner_parts = noun_phrase(inner)
            if inner_parts:
                group = verb_group(clauses[0], inner) or [clauses[0]]  # keep "are" here
                core = [inner_parts[0], Phrase([*group, *_particles(clauses[0])])]
                return core + _complement(clauses[0], occasion)
    if occasion and (clause := _occasion_clause(verb)) is not None:
        parts.append(Phrase(clause, optional=4))
    return parts


#: Conjunctions that open a clause of time, worth a headline's words. (A cause,
#: "because ...", is an argument: cut to a headline, it says something else.)
_OCCASION_MARKS = frozenset({"after", "when", "as", "before", "while", "until"})


def _occasion_clause(verb: Token) -> list[HeadlineWord] | None:
    """ "after a ransomware attack shut down the systems", in headline form.

    The clause may hang on a verb coordinated with ``verb`` ("were killed and 200
    injured when ..."). Only a clause with a noun subject: a pronoun there would
    point outside the headline.
    """
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    for v in verbs:
        for clause in (c for c in v.children if c.dep_ == "advcl" and c.i > verb.i):
            marks = [c for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
            subject = _subject(clause)
            if not marks or marks[0].lower_ not in _OCCASION_MARKS or subject is None:
                continue
            subject_parts = noun_phrase(subject)
            if not subject_parts or subject.pos_ == "PRON":
                continue
            group = verb_group(clause, subject) + _particles(clause)
            required = [p for p in _complement(clause, occasion=False) if p.optional == 0]
            return [
                marks[0],
                *subject_parts[0].tokens,
                *group,
                *(t for p in required for t in p.tokens),
            ]
    return None


def _infinitive(verb: Token) -> bool:
    """A verb complement or a purpose clause ("voted *to close* the depot")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: Adverbs that complete a verb as a particle would ("come *back*").
_PARTICLE_ADVERBS = frozenset({"back", "out", "away", "up", "down", "off", "over", "in", "on"})


def _particles(verb: Token) -> list[Token]:
    """The particle of a phrasal verb ("shut *down*", "set *up*", "come *back*")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "prt"
        or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _PARTICLE_ADVERBS)
    ]


def _own_subject(verb: Token) -> list[HeadlineWord]:
    """ "for the fish" before "to come back": an infinitive's own subject, with its "for"."""
    subject = _subject(verb)
    if subject is None or subject.pos_ == "PRON":
        return []
    parts = noun_phrase(subject)
    if not parts:
        return []
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ == "for"]
    return [*marks, *parts[0].tokens]


def _controlled_infinitive(verb: Token, obj: Token) -> list[Phrase]:
    """ "to pay taxes" after "asks schools": what the object is asked or told to do."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > obj.i and child.pos_ == "VERB":
            marker = [c for c in child.children if c.dep_ == "aux" and c.lower_ == "to"]
            if marker:
                inner = [p for p in _complement(child, occasion=False) if p.optional == 0]
                return [Phrase([*marker, child, *_particles(child)]), *inner]
    return []


def _stray(head: Token, verb: Token) -> list[Phrase]:
    """The coordinated name the parser hung on the verb (see :func:`_stray_conjunct`)."""
    found = _stray_conjunct(head, verb)
    if found is None:
        return []
    cc, conj = found
    conj_parts = noun_phrase(conj)
    return [Phrase([*cc, *conj_parts[0].tokens])] if conj_parts else []


def _prepositional(prep: Token, optional: int) -> list[Phrase]:
    """ "with a record turnout" and, completing it, "of 2 million voters"."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return []
    inner = noun_phrase(objs[0])
    if not inner:
        return []
    stray = _stray(objs[0], prep.head) if prep.head.pos_ in ("VERB", "AUX") else []
    core = Phrase([prep, *inner[0].tokens, *(t for p in stray for t in p.tokens)], optional)
    if _bare(objs[0]):  # "in place of X", "on behalf of X": one preposition in three words
        return [Phrase([t for p in [core, *inner[1:]] for t in p.tokens], optional)]
    return [core] + [Phrase(p.tokens, optional=optional + 1, parent=core) for p in inner[1:]]


def _is_manner(token: Token) -> bool:
    """An adverb of manner ("unlawfully", "unanimously"), not of time or degree."""
    return token.pos_ == "ADV" and token.lower_.endswith("ly") and token.lower_ not in (
        "only", "early", "likely", "recently", "currently", "previously", "formerly", "nearly",
        "really", "finally", "initially", "originally", "eventually", "already", "lately",
    )  # fmt: skip


def _is_measure(token: Token) -> bool:
    """An amount that is a verb's complement: "fell *18 percent*", "rose *$2 billion*"."""
    return token.ent_type_ in ("PERCENT", "MONEY", "QUANTITY")


def _bare(noun: Token) -> bool:
    """A singular common noun with no word of its own before it ("in *place* of")."""
    return noun.tag_ == "NN" and not any(c.i < noun.i for c in noun.children)


def _is_time(prep: Token) -> bool:
    """ "on Monday", "in the past few days": a headline leaves the date to the dateline."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and objs[0].ent_type_ in ("DATE", "TIME")


def _stray_conjunct(head: Token, verb: Token) -> tuple[list[Token], Token] | None:
    """A name coordinated with ``head`` that the parser hung on ``verb`` instead.

    "read a statement by Olmert, and Abbas": "Abbas" comes out as a conjunct of
    the verb; a noun is never coordinated with a verb, so it belongs to the noun
    phrase just before it.
    """
    after = head.right_edge.i
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i > after:
            between = verb.doc[after + 1 : c.left_edge.i]
            if all(t.is_punct or t.dep_ == "cc" for t in between):
                return [t for t in between if t.dep_ == "cc"][:1], c
    return None


def _event_verb(root: Token) -> tuple[Token, Token | None]:
    """Follow light verbs and reporting verbs to the verb that carries the event.

    Returns (event verb, speaker token or None).
    """
    verb, speaker = root, None
    for _ in range(3):
        if verb.lemma_ in _LIGHT_VERBS:
            nxt = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
            if nxt and nxt[0].lemma_ in REPORTING_VERBS:
                speaker = speaker or _subject(verb)
                verb = nxt[0]
                continue
        if verb.lemma_ in REPORTING_VERBS:
            content = [c for c in verb.children if c.dep_ == "ccomp" and _subject(c) is not None]
            if content:
                speaker = speaker or _subject(verb)
                verb = content[0]
                continue
        break
    return verb, speaker


def fit(parts: list[Phrase], budget: int) -> str:
    """Required parts, then optional ones by priority while they fit; in sentence order.

    A part that completes another goes in only after that one is in.
    """
    chosen = [p for p in parts if p.optional == 0]
    used = sum(p.words for p in chosen)
    for p in sorted((p for p in parts if p.optional), key=lambda p: p.optional):
        parent_in = p.parent is None or any(p.parent is c for c in chosen)
        if parent_in and used + p.words <= budget:
            chosen.append(p)
            used += p.words
    return render([t for p in chosen for t in p.tokens])


def clause_headline(
    verb: Token, budget: int, subject_phrase: Token | None = None, reported: bool = False
) -> str:
    """Subject, verb group and complement of a clause, headline style.

    ``subject_phrase`` stands for a pronoun subject (the speaker it refers to).
    """
    subject = _subject(verb)
    if subject_phrase is not None:
        subject_parts = noun_phrase(subject_phrase)
    else:
        subject_parts = noun_phrase(subject) if subject is not None else []
    if subject is not None and not subject_parts:
        return ""
    # Where the subject is ("hospitals in Velm") gives way to why it acts ("after ..."),
    # what it is of ("leaders of Norland") does not.
    for part in subject_parts[1:]:
        if part.tokens and (isinstance(part.tokens[0], _Word) or part.tokens[0].lower_ != "of"):
            part.optional = 5
    group = verb_group(verb, subject_phrase or subject, reported) + _particles(verb)
    parts = [*subject_parts, Phrase(group), *_complement(verb)]
    return fit(parts, budget)


def _occasion(sentence: Span, subject_name: str | None, actors: Sequence[Actor]) -> str | None:
    """ "A–B noun" for an opening "after a call with B" that names a second person."""
    root = sentence.root
    for child in root.children:
        if child.dep_ != "prep" or child.lower_ not in _OCCASION_PREPOSITIONS:
            continue
        if child.i > root.i:
            continue
        objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
        if not objs:
            continue
        others = [
            ent[-1].text
            for ent in sentence.ents
            if ent.label_ == "PERSON" and ent.start in {t.i for t in objs[0].subtree}
        ]
        if subject_name and others and others[0] != subject_name:
            return f"{subject_name}–{others[0]} {objs[0].lemma_}"
    return None


def _person_subject(sentence: Span) -> str | None:
    """Surname of the person the sentence's main clause is about, if any."""
    subject = _subject(sentence.root)
    if subject is not None and (person := _person_entity(subject)) is not None:
        return person[-1].text
    return None


def _is_named(token: Token) -> bool:
    """A speaker worth heading a headline: a name, not "officials" or "police"."""
    return token.pos_ == "PROPN" or bool(token.ent_type_)


def make_title(article: ParsedArticle, actors: Sequence[Actor], max_words: int = 12) -> str:
    """The header's title if given, else a headline of the main actors and event.

    The headline sentence is the bottom line's (:func:`~briefings.extract.summary.best_sentence`);
    when that is a thesis stated with certainty, the clause it asserts is the event
    ("it seems clear that X has abandoned Y" → "X abandons Y"), and the occasion
    the article opens with leads ("A–B call: ...").
    """
    if article.seed.title:
        return article.seed.title
    index = best_sentence(article, actors)
    if index is None:
        return f"Briefing of {article.date.isoformat()}"
    sentence = article.sents[index]
    frame = certainty_frame(sentence)
    verb, speaker = _event_verb(frame[0] if frame is not None else sentence.root)
    prefix = _occasion(sentence, _person_subject(sentence), actors)
    if prefix is None and index != 0:
        lead = article.sents[0]
        prefix = _occasion(lead, _person_subject(lead), actors)
    stands_for = None  # "X said it would cut jobs": X is the subject, not a prefix
    reported = speaker is not None and verb.i != sentence.root.i
    subject = _subject(verb)
    if reported and subject is not None and subject.pos_ == "PRON":
        stands_for = speaker
    elif prefix is None and reported and speaker is not None and _is_named(speaker):
        speaker_parts = noun_phrase(speaker)
        prefix = render(speaker_parts[0].tokens) if speaker_parts else None
    budget = max_words - (len(prefix.split()) if prefix else 0)
    headline = clause_headline(verb, budget, stands_for, reported) or clause_headline(
        sentence.root, budget
    )
    if prefix:
        headline = f"{prefix}: {headline}" if headline else prefix
    headline = " ".join(headline.split()[:max_words]).replace(" 's", "'s").strip(" ,;:")
    if not headline:
        headline = " ".join(sentence.text.split()[:max_words])
    return headline[:1].upper() + headline[1:]
