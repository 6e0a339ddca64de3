"""Open questions: what a reader should watch, each grounded in one sentence.

A clause qualifies when the article states it as uncertain, planned, conditional,
hedged, contested or awaited. The cues are read off the dependency parse:

* a modal on the clause's verb ("will", "could", "may", ...);
* an embedding predicate of likelihood, intention or worry ("it is unlikely that
  S", "X is expected to V", "X plans to V", "concerned that S") or a noun of
  intention ("X's effort to V");
* an appeal ("A called on B to V" asks whether B will);
* a contested claim ("A rejected the idea that S");
* an embedded question ("asked how S", "have not said why S", "doubts about how S");
* a thing awaited at a date ("a verdict is expected next week", "a ruling due on
  Friday"): will it come then?
* a matter not yet settled ("the date has not been set": when will it be?) and an
  inquiry opened ("opened an investigation into X": what will it find?);
* a hedged report ("was reportedly rejected": was it?) and a count given as a
  floor ("at least 34 people were killed": how many?).

Not asked: what looks back (a modal with the perfect: "may have broken", "would
have been worse"), ability, obligation and norms not tied to a time ("visitors can
avoid the crowds", "the form must be completed in English"), a claim the article
puts in the past ("the previous claims that ..."), and any question holding a
"his" or "her" that names no one it could stand for.

The clause is then turned into the question an analyst would ask, by the parse:
subject–auxiliary inversion ("X will go" → "Will X go?"), do-support with the
verb's lemma for the simple present and past ("X rejected" → "Did X reject?"),
"Will" for an infinitive under a plan or appeal, the wh-phrase in front for an
embedded question. A pronoun subject is replaced by the person it refers to when
that is unambiguous (the speaker of the statement that embeds it, else the one
person named in the nearest earlier sentence that names any person); otherwise
the clause is passed over. Coordinated clauses with a subject of their own are
asked about separately. Questions are ranked by the strength of the cue and the
salience of the actors they name; near-duplicates are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefings.extract.questions.parse import (
    controller_of,
    cue,
    is_infinitive,
    is_predicate,
    modal_of,
    subject_of,
    wh_phrase,
)
from briefings.extract.questions.pending import awaited, follow_up, inquiry, lower_bound, unsettled
from briefings.extract.questions.processes import (
    awaiting,
    charged,
    deadline,
    demand,
    facing,
    forecast,
    investigating,
    legal_challenge,
    negotiating,
    scheduled,
    threat,
    weighing,
)
from briefings.extract.questions.referents import SPEAKING_VERBS, Resolver
from briefings.extract.questions.render import clause_tokens, noun_phrase, question_from_clause
from briefings.extract.title import third_person
from briefings.lexicon.english import REPORTING_VERBS
from briefings.lexicon.questions import (
    CUE_STRENGTH,
    DEMONSTRATIVE_DETERMINERS,
    FOLLOW_UP_STRENGTH,
    MAX_WORDS,
    MIN_QUESTIONS,
    MODALS,
)
from briefings.model import Actor, Evidence, Question
from briefings.nlp.parse import ParsedArticle
from briefings.nlp.referents import names_actor

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Candidate:
    text: str
    sentence: int  # 1-based
    strength: float


# --- candidates and ranking ---------------------------------------------------


def _ask(verb: Token, kind: str, resolver: Resolver, sentence_index: int) -> str | None:
    """The question for one open clause, trimmed of asides if it runs long."""
    for level in (1, 2, 3):
        text = _ask_once(verb, kind, resolver, sentence_index, level)
        if text is not None and len(text.split()) <= MAX_WORDS:
            return text
    return None


def _ask_once(
    verb: Token, kind: str, resolver: Resolver, sentence_index: int, level: int
) -> str | None:
    wh = wh_phrase(verb) if kind == "indirect" else None
    subject = subject_of(verb)
    subject_text = None
    if subject is None and verb.dep_ == "conj" and modal_of(verb) is not None:
        # "North Korea would attack X and would respond within 48 hours": the second
        # verb's own modal makes it a second statement, of the first verb's subject.
        shared = subject_of(verb.head)
        if shared is None:
            return None
        if shared.pos_ == "PRON":
            subject_text = resolver.resolve(shared, verb.head, sentence_index)
            if subject_text is None:
                return None
        else:
            subject_text = noun_phrase(shared, level < 2)
    elif subject is None and is_infinitive(verb):
        controller, _ = controller_of(verb)
        if controller is None:
            return None
        if controller.pos_ == "PRON":
            subject_text = resolver.resolve(controller, verb, sentence_index)
            if subject_text is None:
                return None
        else:
            subject_text = noun_phrase(controller, level < 2)
    elif subject is None and wh is None:
        return None
    elif subject is not None and subject.pos_ == "PRON" and (wh is None or subject.i != wh[0].i):
        if subject.dep_ == "expl" or subject.lower_ == "there":
            subject_text = "there"
        else:
            subject_text = resolver.resolve(subject, verb, sentence_index)
            if subject_text is None:
                return None
    elif subject is not None and subject.lower_ in DEMONSTRATIVE_DETERMINERS | {"such"}:
        return None
    names = _speaker_pronouns(verb, resolver) | _plural_objects(verb, resolver)
    if _leans_on_context(verb, subject, level, names) or _lost_its_object(verb):
        return None
    if kind == "claimed" and resolver.speaker(verb) is None:
        return None  # "she claims she was ...": whose claim, the question could not say
    text = question_from_clause(verb, subject_text, wh, level, names)
    if text is None:
        return None
    text = _resolve_inner_pronouns(text, verb, resolver)
    if _THIRD_PERSON.search(text) and not resolver.names_a_person(text):
        return None  # "Could the United States end his shuttle diplomacy?": whose?
    text = _attributed(text, verb, level)
    if kind == "appeal" and subject_text:
        text = _heeded(text, subject_text, verb, resolver, sentence_index)
    return text


#: Pronouns of a person (closed class): a question holding one must name that person.
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


#: The speaker's own words (closed class): a question cannot carry them.
_DEICTIC_PRONOUNS = frozenset({
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
})  # fmt: skip
#: Pronouns that, as the object of the asked verb, leave the question without its topic.
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "this", "that", "these", "those"})


def _leans_on_context(
    verb: Token, subject: Token | None, level: int, names: dict[int, str]
) -> bool:
    """Whether the question would keep a pronoun whose referent is outside it.

    The subject is resolved separately. Left are the speaker's "we"/"our"
    anywhere, and "it"/"them"/"this" as the object of the asked verb ("How hard
    will X push them?" asks nothing a reader can place) unless ``names`` names it.
    """
    tokens, condition = clause_tokens(verb, subject, level)
    phrase = [t for t in subject.subtree if t.i != subject.i] if subject is not None else []
    if subject is not None and any(
        c.lower_ in ("its", "their") and c.dep_ == "poss" and c.i not in names
        for c in subject.children
    ):
        return True  # "Did its troops withdraw?": whose, the question would not say
    for t in [*phrase, *tokens, *condition]:
        if (subject is not None and t.i == subject.i) or t.i in names:
            continue
        if t.lower_ in _DEICTIC_PRONOUNS and t.pos_ in ("PRON", "DET") and t.text != "US":
            return True
        if (
            t.lower_ in _OBJECT_PRONOUNS
            and t.pos_ == "PRON"
            and t.dep_ in ("dobj", "dative")
            and t.head.i == verb.i
        ):
            return True
    return False


#: The noun for an appeal, by its verb ("called on B to V" → "X's call to V").
_APPEAL_NOUNS = {"ask": "request", "request": "request", "invite": "invitation", "demand": "demand"}


def _heeded(text: str, addressee: str, verb: Token, resolver: Resolver, sentence_index: int) -> str:
    """An appeal asks whether its addressee heeds whoever made it: "Betancourt called on
    the guerrilla organisation to accept defeat" → "Will the guerrilla organisation heed
    Betancourt's call to accept defeat?"; "the union urged the council to reopen the
    talks" → "Will the council heed the union's call to reopen the talks?". Unchanged
    when the caller cannot be named or the question would run too long."""
    opening = f"Will {addressee} "
    appeal = verb.head
    caller = subject_of(appeal)
    if caller is None and appeal.dep_ in ("advcl", "xcomp", "conj") and appeal.tag_ == "VBG":
        appeal = appeal.head  # "she said, calling on X to V": the caller is who said it
        caller = subject_of(appeal)
    if not text.startswith(opening) or caller is None:
        return text
    if caller.pos_ == "PRON":
        who = resolver.resolve(caller, appeal, sentence_index)
    elif caller.lower_ in DEMONSTRATIVE_DETERMINERS or caller.tag_ in ("WP", "WDT"):
        who = None
    else:
        who = noun_phrase(caller, relative_clauses=False).split(",")[0].strip()
    if not who:
        return text
    noun = _APPEAL_NOUNS.get(verb.head.lemma_.lower(), "call")
    if any(c.dep_ == "prep" for c in caller.children):
        whose = f"the {noun} by {who}"  # "residents of the streets": no possessive
    elif who.endswith("s") and who[:1].islower():
        whose = f"{who}' {noun}"  # "the residents' call"
    else:
        whose = f"{who}'s {noun}"
    heeded = f"{opening}heed {whose} to {text[len(opening) :]}"
    return heeded if len(heeded.split()) <= MAX_WORDS else text


def _full_name(verb: Token) -> bool:
    """Whether the speaker above ``verb`` is written as a given name and a surname ("Valeska
    Paris"), which a "him" or "her" can stand for even when the actors missed the person."""
    node = verb
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and is_predicate(node, SPEAKING_VERBS):
            subject = subject_of(node)
            return (
                subject is not None
                and subject.ent_type_ not in ("ORG", "NORP")
                and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == subject.i - 1
                    for c in subject.children
                )
            )
    return False


def _plural_objects(verb: Token, resolver: Resolver) -> dict[int, str]:
    """ "There are doubts about how hard Bush will push them": "them" as the object of
    the asked verb is the group last named before it (see
    :meth:`~briefings.extract.questions.referents.Resolver.plural_antecedent_before`)."""
    names: dict[int, str] = {}
    for c in verb.children:
        if c.lower_ == "them" and c.dep_ in ("dobj", "dative"):
            antecedent = resolver.plural_antecedent_before(c)
            if antecedent is not None:
                names[c.i] = antecedent
    return names


def _lost_its_object(verb: Token) -> bool:
    """ "Russia will offer and would be ready to work with Ukraine on a memorandum": the
    object of "offer" is shared with the verb coordinated after it (right-node raising),
    so "Will Russia offer?" would ask about nothing. A verb with nothing of its own after
    it but a coordinated verb that the question leaves out (it has its own auxiliary or
    subject) is passed over; "Will the government respect and execute the sentence?"
    keeps both verbs and stays."""
    if verb.pos_ != "VERB":
        return False
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc")]
    return (
        bool(after)
        and all(c.dep_ in ("conj", "advcl") for c in after)
        and any(
            c.dep_ == "conj" and any(x.dep_ in ("aux", "nsubj", "nsubjpass") for x in c.children)
            for c in after
        )
    )


def _attributed(text: str, verb: Token, level: int) -> str:
    """Name whose claim a reported statement is: "…, as the minister said?".

    Only for a named speaker (a proper noun heads the reporting verb's subject),
    and only when the question is not trimmed already.
    """
    report = verb.head
    if level > 1 or verb.dep_ != "ccomp" or not is_predicate(report, REPORTING_VERBS | {"allege"}):
        return text
    speaker = subject_of(report)
    if speaker is None or speaker.pos_ != "PROPN":
        return text
    name = noun_phrase(speaker, relative_clauses=False).split(",")[0].strip()
    if not name or name.lower() in text.lower():
        return text
    if any(c.dep_ in ("dobj", "dative") for c in report.children):
        said = "said" if report.tag_ in ("VBD", "VBN") else "says"  # "told reporters"
    elif report.tag_ in ("VBD", "VBN"):
        said = report.lower_
    else:
        said = third_person(report.lemma_)
    if is_predicate(report, DENYING_VERBS):
        return f"{text[:-1]}, which {name} {said}?"  # "…, which the minister denied?"
    return f"{text[:-1]}, as {name} {said}?"


#: Verbs by which a speaker contradicts the clause (closed class): "as X denied" would
#: say the opposite of what X said.
DENYING_VERBS = frozenset({"deny", "reject", "dismiss", "dispute"})
#: Object and possessive pronouns of a person (closed class).
_OBJECT_PERSON_PRONOUNS = frozenset({"him", "her"})
_POSSESSIVE_PERSON_PRONOUNS = frozenset({"his", "her"})


def _speaker_pronouns(verb: Token, resolver: Resolver) -> dict[int, str]:
    """ "Paris has claimed that the church imprisoned her": within a reported clause, a
    "him"/"her" (or "his"/"her") is the speaker when the speaker is a person among the
    actors and the clause names no other person (binding to the matrix subject, as in
    "X said police had beaten him", "Y said the court had seized her passport")."""
    speaker = resolver.speaker(verb)
    if speaker is None or not (resolver.names_a_person(speaker) or _full_name(verb)):
        return {}
    clause = list(verb.subtree)
    subject = subject_of(verb)
    if any(t.ent_type_ == "PERSON" for t in clause) or (
        subject is not None and subject.lower_ in ("he", "she")
    ):
        return {}  # "X said she would appeal her dismissal": the subject is X already
    names: dict[int, str] = {}
    for t in clause:
        if t.tag_ == "PRP" and t.lower_ in _OBJECT_PERSON_PRONOUNS and t.dep_ != "poss":
            names[t.i] = speaker
        elif t.tag_ == "PRP$" and t.lower_ in _POSSESSIVE_PERSON_PRONOUNS:
            names[t.i] = f"{speaker}'s"
    return names


def _resolve_inner_pronouns(text: str, verb: Token, resolver: Resolver) -> str:
    """A "he"/"she" later in the question stands for the speaker of the statement."""
    speaker = resolver.speaker(verb)
    if speaker is None:
        return text
    return re.sub(r"(?<=\s)(?:he|she)(?=\s)", speaker, text)


#: Processes under way stated without a modal (:mod:`~briefings.extract.questions.processes`).
PROCESSES = (
    ("charged", charged),
    ("demand", demand),
    ("forecast", forecast),
    ("investigating", investigating),
    ("deadline", deadline),
    ("weighing", weighing),
    ("awaiting", awaiting),
    ("facing", facing),
    ("scheduled", scheduled),
    ("threat", threat),
    ("negotiating", negotiating),
    ("challenge", legal_challenge),
)


def _candidates(article: ParsedArticle, actors: Sequence[Actor]) -> list[Candidate]:
    resolver = Resolver(article, actors)
    out: list[Candidate] = []
    for n, sent in enumerate(article.sents):
        if sent.text.strip().endswith("?"):
            continue
        for verb in sent:
            for kind, ask in (
                ("awaited", awaited),
                ("unsettled", unsettled),
                ("inquiry", inquiry),
                ("lower_bound", lower_bound),
            ):
                text = ask(verb)
                if text is not None and len(text.split()) <= MAX_WORDS:
                    out.append(Candidate(text, n + 1, CUE_STRENGTH[kind]))
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
                continue
            for kind, process in PROCESSES:
                text = process(verb, resolver, n)
                if text is not None and len(text.split()) <= MAX_WORDS:
                    out.append(Candidate(text, n + 1, CUE_STRENGTH[kind]))
            kind = cue(verb)
            if not kind:
                continue
            text = _ask(verb, kind, resolver, n)
            if text is None:
                continue
            modal = modal_of(verb)
            strength = max(CUE_STRENGTH[kind], MODALS[modal.lower_] if modal is not None else 0.0)
            out.append(Candidate(text, n + 1, strength))
    return out


def follow_ups(article: ParsedArticle, actors: Sequence[Actor]) -> list[Candidate]:
    out: list[Candidate] = []
    for n, sent in enumerate(article.sents):
        for verb in sent:
            text = follow_up(verb) if verb.pos_ == "VERB" else None
            if text is not None and len(text.split()) <= MAX_WORDS:
                out.append(Candidate(text, n + 1, FOLLOW_UP_STRENGTH))
    return out


def _terms(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def extract_questions(
    article: ParsedArticle, actors: Sequence[Actor], limit: int = 7
) -> tuple[Question, ...]:
    """Up to ``limit`` open questions, most important first, each with its evidence."""
    top = max((a.salience for a in actors), default=0.0) or 1.0
    ranked: list[tuple[float, int, str]] = []
    candidates = _candidates(article, actors)
    if len(candidates) < MIN_QUESTIONS:
        candidates += follow_ups(article, actors)
    for c in candidates:
        if len(c.text.split()) < 4:
            continue
        mass = min(1.0, sum(a.salience / top for a in actors if names_actor(c.text, a)))
        ranked.append((c.strength + mass, c.sentence, c.text))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    out: list[Question] = []
    seen: list[frozenset[str]] = []
    for _, n, text in ranked:
        terms = _terms(text)
        if any(_overlap(terms, s) > 0.6 for s in seen):
            continue
        seen.append(terms)
        out.append(Question(text=text, evidence=Evidence(n, article.sentences[n - 1].text)))
        if len(out) == limit:
            break
    return tuple(out)
