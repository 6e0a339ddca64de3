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

from briefings.extract.title import third_person
from briefings.lexicon.english import REPORTING_VERBS
from briefings.model import Actor, Evidence, Question
from briefings.nlp.parse import ParsedArticle
from briefings.nlp.referents import names_actor, person_antecedents, persons_named

#: English modal auxiliaries (closed class), and how strongly each leaves a matter open.
MODALS = {
    "will": 1.0, "shall": 1.0, "'ll": 1.0, "wo": 1.0, "would": 1.2, "could": 1.2, "may": 1.2,
    "might": 1.2, "can": 0.8, "should": 0.9, "must": 0.8,
}  # fmt: skip
#: Epistemic modals asked about as "could" ("may come" → "Could X come?").
_ASKED_AS_COULD = frozenset({"may", "might"})
#: Modals of the future: with the perfect they still look ahead ("will have finished by
#: 2027"); every other modal with the perfect looks back ("may have broken", "would
#: have been", "should have been selected"): speculation or regret, nothing to watch.
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
#: Modals of ability, obligation and norm: "Afghan women can make robots", "the form
#: must be completed in English" state how things are. They leave a matter open only
#: when tied to a time ("the board must decide by Friday", "must now be approved").
_TIMELESS_MODALS = frozenset({"can", "ca", "must", "should"})
#: Adjectives that put a claim in the past ("the previous claims that he could end it").
_PAST_ADJECTIVES = frozenset({"previous", "earlier", "past", "former", "prior", "old"})
#: Contracted auxiliaries and the word a question opens with instead ("'s" is decided by
#: its lemma: "is" or "has").
_FULL_FORMS = {
    "'ll": "will", "wo": "will", "ca": "can", "sha": "shall", "'d": "would", "'re": "are",
    "'ve": "have", "'m": "am",
}  # fmt: skip
#: Predicates of likelihood, expectation, intention and worry that embed a clause.
EMBEDDING_PREDICATES = frozenset({
    "unlikely", "likely", "possible", "impossible", "uncertain", "unclear", "doubtful",
    "expected", "expect", "certain", "sure", "due", "set", "scheduled", "schedule",
    "plan", "intend", "aim", "hope", "seek", "want", "promise", "pledge", "vow", "threaten",
    "prepare", "propose", "consider", "fear", "doubt", "worry", "concerned", "worried",
    "skeptical", "sceptical", "ready", "willing", "poised", "able",
})  # fmt: skip
#: Nouns of intention whose infinitive states a plan ("X's effort to V").
PLAN_NOUNS = frozenset({
    "plan", "effort", "bid", "attempt", "proposal", "pledge", "promise", "goal", "aim",
    "target", "intention", "threat", "offer", "push", "drive", "campaign",
})  # fmt: skip
#: Verbs of appeal: "A urged B to V" asks whether B will V.
APPEAL_VERBS = frozenset({
    "call", "urge", "ask", "press", "request", "demand", "invite", "encourage", "appeal",
})  # fmt: skip
#: Nouns that put the clause they introduce in doubt ("the claim that S").
CONTEST_NOUNS = frozenset({
    "idea", "claim", "suggestion", "allegation", "report", "speculation", "rumour", "rumor",
    "notion", "fear", "concern", "possibility", "doubt", "prospect", "risk", "question",
})  # fmt: skip
#: Verbs that put their complement clause in doubt ("denied that S").
CONTEST_VERBS = frozenset({"deny", "reject", "dismiss", "dispute", "doubt", "question"})
#: Adverbs by which the writer hedges a report (closed class): "was reportedly rejected".
HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
    "possibly", "probably", "perhaps", "presumably",
})  # fmt: skip
#: Words that embed a question ("asked how", "not said why", "doubts about whether").
QUESTION_EMBEDDERS = frozenset({
    "ask", "wonder", "know", "say", "tell", "explain", "reveal", "disclose", "decide",
    "determine", "investigate", "examine", "question", "unclear", "uncertain", "clear",
    "doubt", "see", "debate", "discuss", "consider", "detail", "information",
    "explanation", "answer", "account", "word", "clarity", "inquiry", "probe",
})  # fmt: skip
#: Singular nouns for groups that English refers back to as "they" (closed class).
COLLECTIVE_NOUNS = frozenset({
    "team", "government", "group", "party", "family", "crowd", "committee", "council",
    "police", "staff", "board", "panel", "company", "army", "public", "couple", "jury",
    "audience", "administration", "union", "club", "band", "crew", "delegation", "firm",
})  # fmt: skip
#: Verbs of gaining or keeping a position or asset: the question is what comes of it.
GAIN_VERBS = frozenset({
    "win", "gain", "secure", "maintain", "keep", "retain", "obtain", "earn", "capture",
    "acquire", "regain", "seize",
})  # fmt: skip
#: Verbs of leaving an office: the question is who comes next.
LEAVE_VERBS = frozenset({"resign", "quit", "retire", "step"})
#: Below every question an explicit cue gives: follow-ups fill an article that states
#: nothing as open up to the minimum count.
FOLLOW_UP_STRENGTH = 0.5
MIN_QUESTIONS = 3
_WH_WORDS = frozenset({"how", "why", "when", "where", "what", "who", "which", "whom", "whose"})
#: How strongly each kind of cue marks a matter to watch.
CUE_STRENGTH = {"modal": 1.0, "embedded": 1.3, "plan": 1.2, "appeal": 1.1, "contested": 1.2,
                "indirect": 1.4, "awaited": 1.1, "unsettled": 1.0, "inquiry": 1.0,
                "hedged": 1.1, "lower_bound": 0.9}  # fmt: skip
#: Verbs whose negated passive leaves a matter awaited ("the date has not been set").
SETTLING_VERBS = frozenset({
    "set", "decide", "determine", "announce", "confirm", "disclose", "identify", "establish",
    "release", "name", "publish", "reveal", "schedule", "finalise", "finalize", "resolve",
    "settle", "fix", "explain", "approve", "know",
})  # fmt: skip
#: Adjectives that leave what their subject names open ("the cause remains unclear").
UNKNOWN_ADJECTIVES = frozenset({"unknown", "unclear", "uncertain", "undetermined", "unconfirmed"})
#: Nouns of an inquiry: once opened, what it finds is the matter to watch.
INQUIRY_NOUNS = frozenset({"investigation", "inquiry", "probe", "review", "audit", "inquest"})
#: Verbs that open an inquiry.
OPENING_VERBS = frozenset({"open", "launch", "begin", "start", "order", "announce", "set"})
#: Words that say a thing is awaited at a time, and how the question ends for each.
AWAITED = {"expected": "as expected", "scheduled": "as scheduled", "due": "as scheduled"}
_QUOTE_CHARS = frozenset('"“”«»„`')
_BRACKETS = frozenset("()[]")
_SUBJECTS = ("nsubj", "nsubjpass", "expl")
#: Verbs after which a subject "it" may be a dummy for a clause that follows.
_DUMMY_IT_VERBS = frozenset({"be", "seem", "appear", "remain", "become", "look", "take"})
_DEMONSTRATIVE_DETERMINERS = frozenset({"this", "that", "these", "those"})
#: Longer questions are not questions an analyst would put; relative clauses go first.
MAX_WORDS = 25


@dataclass(frozen=True)
class Candidate:
    text: str
    sentence: int  # 1-based
    strength: float


# --- reading the parse ------------------------------------------------------


def _subject(verb):
    """The verb's subject; of two (a parse that lost a coordination: "A opened, and B
    plans to"), the one nearest before the verb, whose clause it is."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _modal(verb):
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in MODALS and child.i < verb.i:
            return child
    return None


def _is_infinitive(verb) -> bool:
    return verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i for c in verb.children
    )


def _is_predicate(token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _governor(verb):
    """The word a subordinate clause depends on, looking through a preposition."""
    head = verb.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        return head.head
    return head


def _controller(verb):
    """Who does an infinitive's action, and why the infinitive is open.

    The object of an appeal ("called on B to"), the owner of a plan ("X's effort
    to"), else the subject of the predicate ("X is expected to", "X plans to").
    """
    head = verb.head
    if _is_predicate(head, APPEAL_VERBS):
        for child in head.children:
            if child.dep_ in ("dobj", "dative") and child.i < verb.i:
                return child, "appeal"
            if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0], "appeal"
    if head.pos_ == "NOUN" and _is_predicate(head, PLAN_NOUNS):
        owners = [c for c in head.children if c.dep_ == "poss"]
        return (owners[0] if owners else None), "plan"
    if _is_predicate(head, EMBEDDING_PREDICATES):
        subject = _subject(head)
        if subject is None and head.dep_ in ("acomp", "oprd", "xcomp"):
            subject = _subject(head.head)  # "X is expected to V": the subject of "is"
        return subject, "embedded"
    return None, ""


def _wh_phrase(verb):
    """The wh-word (with the adjective or adverb it modifies) opening an embedded clause."""
    first = min(verb.subtree, key=lambda t: t.i)
    if first.lower_ not in _WH_WORDS or first.tag_ not in ("WRB", "WP", "WDT", "WP$"):
        return None
    head = first.head
    if head.i != verb.i and head.pos_ in ("ADJ", "ADV") and head.head.i == verb.i:
        return sorted(head.subtree, key=lambda t: t.i)  # "how hard"
    return [first]


def _embeds_clause(verb) -> bool:
    """Whether an adjective or noun of likelihood governs ``verb``'s clause.

    Covers the extraposed "it is unlikely that S": the clause hangs on "is", whose
    complement is the predicate.
    """
    head = verb.head
    if _is_predicate(head, EMBEDDING_PREDICATES):
        return True
    return head.lemma_ == "be" and any(
        c.dep_ in ("acomp", "oprd", "attr") and _is_predicate(c, EMBEDDING_PREDICATES)
        for c in head.children
    )


def looks_back(verb) -> bool:
    """Whether a modal with the perfect puts the clause in the past ("may have broken")."""
    modal = _modal(verb)
    return (
        modal is not None
        and modal.lower_ not in _FUTURE_MODALS
        and verb.tag_ == "VBN"
        and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i < verb.i for c in verb.children)
    )


def cue(verb) -> str:
    """Why the clause headed by ``verb`` is an open matter, or "" when it is not."""
    if looks_back(verb):
        return ""
    dep = verb.dep_
    governor = _governor(verb)
    if dep in ("ccomp", "pcomp", "dobj", "xcomp", "acl"):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children):
            return "indirect"
        if _wh_phrase(verb) is not None and _is_predicate(governor, QUESTION_EMBEDDERS):
            return "indirect"
    if dep == "relcl" and _is_content_clause(verb):
        return "contested"  # "concerns they would ...": a content clause, parsed as relative
    if dep in ("relcl", "advcl", "acl") and not (dep == "acl" and governor.pos_ == "NOUN"):
        return ""
    if _is_infinitive(verb):
        return _controller(verb)[1]
    if dep in ("ccomp", "acl", "csubj") and _embeds_clause(verb):
        return "embedded"
    if dep in ("ccomp", "acl") and (
        (governor.pos_ == "NOUN" and _is_predicate(governor, CONTEST_NOUNS))
        or (governor.pos_ == "VERB" and _is_predicate(governor, CONTEST_VERBS))
    ):
        if governor.pos_ == "NOUN" and any(
            c.dep_ == "amod" and c.lower_ in _PAST_ADJECTIVES for c in governor.children
        ):
            return ""  # "the previous claims that S": a claim of the past, not one in dispute
        return "contested"
    if any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for c in verb.children):
        return "hedged"  # "was reportedly rejected": did it happen?
    modal = _modal(verb)
    if modal is None:
        return ""
    if modal.lower_ in ("can", "ca") and any(c.dep_ == "neg" for c in verb.children):
        return ""  # "cannot" asserts that something is impossible; it leaves nothing open
    if modal.lower_ in _TIMELESS_MODALS and not _tied_to_a_time(verb):
        return ""
    return "modal"


#: Adverbs that put a step ahead in time (closed class): "must now be approved".
_PENDING_ADVERBS = frozenset({"now", "yet", "soon", "first", "next", "eventually"})


def _tied_to_a_time(verb) -> bool:
    """A date or an adverb of what comes next on the verb ("by Friday", "must now")."""
    return _time_modifier(verb) is not None or any(
        c.dep_ == "advmod" and c.lower_ in _PENDING_ADVERBS for c in verb.children
    )


def _is_content_clause(verb) -> bool:
    """A clause hung on a noun of doubt whose subject is not a relative pronoun."""
    subject = _subject(verb)
    return (
        verb.head.pos_ == "NOUN"
        and _is_predicate(verb.head, CONTEST_NOUNS)
        and subject is not None
        and subject.tag_ not in ("WP", "WDT")
        and subject.lower_ != "that"
    )


# --- resolving pronoun subjects ---------------------------------------------


class _Resolver:
    """Whom a pronoun subject stands for, when the article leaves no doubt."""

    def __init__(self, article: ParsedArticle, actors: Sequence[Actor]):
        named = persons_named(article, actors)
        self.antecedents = person_antecedents(named)
        everyone = frozenset().union(*named)
        #: The people among the actors, whom a question's "his" or "her" can stand for.
        self.people = [a for a in actors if a.name in everyone]

    def names_a_person(self, text: str) -> bool:
        """Whether the question names someone its personal pronoun can stand for."""
        return any(names_actor(text, person) for person in self.people)

    @staticmethod
    def speaker(verb, institution: bool = False):
        """The named subject of the nearest reporting verb above ``verb``, if any.

        ``institution``: only a country or an organisation, the speakers English
        refers back to as "it" ("Germany has not said whether it will ...").
        """
        node = verb
        while node.head.i != node.i:
            node = node.head
            if _is_predicate(node, REPORTING_VERBS):
                subject = _subject(node)
                if subject is None or subject.pos_ != "PROPN":
                    return None
                if institution and subject.ent_type_ not in ("GPE", "ORG"):
                    return None
                return noun_phrase(subject)
        return None

    def resolve(self, pronoun, verb, sentence_index: int) -> str | None:
        word = pronoun.lower_
        if word == "i":
            return self.speaker(verb)
        if word == "it":  # not a dummy: "said it would be hard to", "it could take weeks to"
            if verb.lemma_ in _DUMMY_IT_VERBS or any(
                c.dep_ in ("xcomp", "ccomp", "csubj") and c.i > verb.i for c in verb.children
            ):
                return None
            return self.speaker(verb, institution=True)
        if word == "they":
            return self.plural_antecedent(pronoun)
        if word not in ("he", "she"):
            return None
        return self.speaker(verb) or self.antecedents[sentence_index]

    @staticmethod
    def plural_antecedent(pronoun) -> str | None:
        """For "they": the nearest earlier subject in the sentence that is not a person.

        A group ("the team", "officials") is what "they" picks up within a
        sentence; a name of one person or another pronoun is not.
        """
        sent = pronoun.sent
        for tok in reversed(sent[: pronoun.i - sent.start]):
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON":
                continue
            if tok.tag_ == "NNS" or tok.lemma_.lower() in COLLECTIVE_NOUNS:
                return noun_phrase(tok, relative_clauses=False).rstrip(",")
        return None


# --- rendering ----------------------------------------------------------------


def _skipped(tok) -> bool:
    return tok.text in _QUOTE_CHARS or tok.text in _BRACKETS or tok.tag_ in ("``", "''")


def render(tokens, overrides: dict[int, str] | None = None) -> str:
    """Tokens as text, spaced as in the article; quotation marks and brackets left out.

    ``overrides`` gives new text for some tokens (a verb back in the present tense).
    """
    overrides = overrides or {}
    out = ""
    prev = None
    for tok in sorted(tokens, key=lambda t: t.i):
        if _skipped(tok):
            continue
        if prev is not None:
            between = tok.doc[prev.i + 1 : tok.i]
            gap = prev.whitespace_ + between.text_with_ws  # doc.text would rebuild the article
            dropped = any(not _skipped(t) for t in between)
            out += " " if dropped or any(c.isspace() for c in gap) else ""
        out += overrides.get(tok.i, tok.text)
        prev = tok
    return out


def _sentence_start(token) -> int:
    sent = token.sent
    for t in sent:
        if not t.is_space and not _skipped(t):
            return t.i
    return sent.start


def _phrase(tokens, overrides: dict[int, str] | None = None) -> str:
    """Render tokens; the sentence's first word loses its capital unless it is a name."""
    tokens = sorted(tokens, key=lambda t: t.i)
    text = render(tokens, overrides)
    first = next((t for t in tokens if not _skipped(t)), None)
    if (
        first is not None
        and first.i == _sentence_start(first)
        and first.pos_ != "PROPN"
        and first.text != "I"
        and not (first.text.isupper() and len(first.text) > 1)  # "NATO" stays; "A" does not
    ):
        text = text[:1].lower() + text[1:]
    return text


def noun_phrase(
    head, relative_clauses: bool = True, leave_out: frozenset[int] = frozenset()
) -> str:
    """A noun phrase as the question's subject: up to the first comma-closed aside.

    A demonstrative determiner becomes "the" ("these girls" → "the girls"): the
    question stands without the sentence before it.
    """
    tokens = sorted(head.subtree, key=lambda t: t.i)
    # Asides go whole, their first words included ("a process that ..." after a comma).
    asides = [
        c
        for c in head.children
        if c.dep_ == "appos" or (not relative_clauses and c.dep_ in ("relcl", "acl"))
    ]  # "The largest of the trainers, this addition will ...": an aside before it, too
    skip = {x.i for c in asides for x in c.subtree}
    # The commas that set an aside off go with it.
    skip |= {t.i for t in tokens if t.text == "," and ({t.i - 1, t.i + 1} & skip)}
    kept = []
    for t in tokens:
        if t.i in leave_out or (t.dep_ == "case" and t.head.i == head.i and t.i > head.i):
            continue
        if t.i not in skip:
            kept.append(t)
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    if not kept:
        return ""
    first = kept[0]
    if first.lower_ == "such" and len(kept) > 1 and kept[1].lower_ in ("a", "an"):
        return ""  # "such a state": a kind named only in the sentence before
    text = _phrase(kept)
    if first.lower_ in _DEMONSTRATIVE_DETERMINERS | {"such"} and first.dep_ in ("det", "amod"):
        text = "the" + text[len(first.text) :]
    if any(t.text == "," for t in kept):
        text += ","  # close the aside the phrase opened: "the document, which ..., is"
    return text


def _clause_tokens(verb, subject, level: int) -> tuple[list, list]:
    """Tokens of the clause headed by ``verb`` (no subject) and of an "if" clause.

    Left out: markers ("that", "whether"), an infinitive "to", opening
    connectives, comma-closed modifiers before the subject (an "if" clause among
    them is returned apart, to go at the end), a coordinated clause with its own
    subject or auxiliary, "according to" attributions and absolute "with"
    phrases; from ``level`` 2, comma-set relative clauses; from ``level`` 3,
    adverbial and purpose clauses ("to follow up ...", "in order to ...").
    """
    doc = verb.doc
    skip: set[int] = set()
    condition: list = []
    subject_start = min((t.i for t in subject.subtree), default=verb.i) if subject else verb.i
    if subject is not None:
        skip |= {t.i for t in subject.subtree}
    for child in verb.children:
        sub = sorted(child.subtree, key=lambda t: t.i)
        if (
            child.dep_ == "mark"
            or (child.dep_ == "aux" and child.lower_ == "to")
            or (child.dep_ in ("cc", "punct") and child.i < subject_start)
            # a comma between subject and verb: the subject phrase closes its own aside
            or (child.dep_ == "punct" and child.text == "," and child.i < verb.i)
        ):
            skip.add(child.i)
        elif child.dep_ == "advmod" and (child.i < subject_start or child.lower_ in HEDGE_ADVERBS):
            skip |= {t.i for t in sub}  # the hedge goes: the question asks what it hedged
        elif child.dep_ in ("ccomp", "parataxis") and sub[-1].i < subject_start:
            # a frame before the subject: "The lesson is plain: S", "Officials say S"
            skip |= {t.i for t in sub}
            after = sub[-1].i + 1
            if after < len(doc) and doc[after].text in (",", ":", "—", "–"):
                skip.add(after)
        elif child.dep_ in ("advcl", "prep", "npadvmod") and sub[-1].i < subject_start:
            skip |= {t.i for t in sub}
            after = sub[-1].i + 1
            if after < len(doc) and doc[after].text == ",":
                skip.add(after)
            marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
            if marks and marks[0] in ("if", "unless"):
                condition = sub
        elif (
            child.dep_ == "conj"
            and child.i > verb.i
            and (_subject(child) is not None or any(c.dep_ == "aux" for c in child.children))
        ):
            skip |= {t.i for t in sub}
            skip |= {c.i for c in verb.children if c.dep_ in ("cc", "punct") and c.i < child.i}
        elif child.dep_ == "prep" and child.lower_ == "according":
            skip |= {t.i for t in sub}
        elif child.dep_ == "prep" and child.lower_ == "with" and child.i > verb.i:
            if any(
                c.dep_ == "pcomp" or (c.dep_ == "pobj" and _has_verb(c)) for c in child.children
            ):
                skip |= {t.i for t in sub}
        elif child.dep_ in ("advcl",) and child.i > verb.i:
            marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
            if marks and marks[0] in ("as", "while", "whilst", "although", "though"):
                skip |= {t.i for t in sub}
    for t in verb.subtree:  # "X would follow it and that it would affect Y": two statements
        if (
            t.dep_ == "conj"
            and t.i > verb.i
            and t.i not in skip
            and t.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in t.children)
        ):
            skip |= {x.i for x in t.subtree}
            skip |= {c.i for c in t.head.children if c.dep_ in ("cc", "punct") and c.i < t.i}
    if level >= 3:
        for t in verb.subtree:
            if (
                t.i not in skip
                and t.i > verb.i
                and (
                    t.dep_ == "advcl"
                    or (t.dep_ == "prep" and t.lower_ == "in" and t.nbor(1).lower_ == "order")
                )
            ):
                skip |= {x.i for x in t.subtree}
    if level >= 2:
        for t in verb.subtree:
            if t.dep_ in ("relcl", "appos") and t.i not in skip:
                left = t.left_edge.i - 1
                if left >= 0 and doc[left].text == ",":
                    skip |= {x.i for x in t.subtree} | {left}
    tokens = [t for t in verb.subtree if t.i not in skip]
    cut = next((t.i for t in tokens if t.i > verb.i and t.text in (":", ";", "—", "–")), None)
    if cut is not None:  # what follows a colon or dash is another statement
        tokens = [t for t in tokens if t.i < cut]
    while tokens and (
        (tokens[-1].is_punct and not _skipped(tokens[-1])) or tokens[-1].dep_ == "cc"
    ):
        tokens.pop()
    return tokens, condition


def _has_verb(token) -> bool:
    return any(c.pos_ == "VERB" for c in token.children)


def question_from_clause(
    verb, subject_text: str | None = None, wh=None, level: int = 1
) -> str | None:
    """Turn the clause headed by ``verb`` into a question (see module docstring).

    ``subject_text`` stands for the clause's subject (a resolved pronoun, or the
    controller of an infinitive); ``wh`` is the wh-phrase of an embedded question;
    ``level`` is how much is trimmed (see :func:`_clause_tokens`).
    """
    subject = _subject(verb)
    tokens, condition = _clause_tokens(verb, subject, level)
    wh_ids = {t.i for t in wh} if wh else set()
    tokens = [t for t in tokens if t.i not in wh_ids]
    if subject is not None and subject_text is None:
        if subject.i in wh_ids:
            subject = None
        else:
            subject_text = noun_phrase(subject, level < 2, frozenset(wh_ids))
    auxes = [
        t
        for t in tokens
        if t.head.i == verb.i and t.dep_ in ("aux", "auxpass") and t.i < verb.i
        and t.lower_ != "to"
    ]  # fmt: skip
    shifted = reported_from_the_past(verb)
    overrides = _present_tense(tokens + condition, verb) if shifted else {}
    overrides |= _any_polarity(verb, tokens)
    dropped_object = recovered_object(verb)
    if dropped_object:
        overrides[verb.i] = f"{verb.text} {dropped_object}"

    def phrase(part) -> str:
        return _phrase(part, overrides)

    if wh and subject is None and subject_text is None:  # "who will lead" → "Who will lead?"
        body = f"{render(wh)} {phrase(tokens)}"
    elif not subject_text or not subject_text.strip(" ,;:"):
        return None
    elif subject_text.rstrip(" ,").rsplit(" ", 1)[-1].lower() in _RELATIVE_PRONOUNS or (
        not wh and any(t.tag_ in ("WP", "WDT") and t.head.i == verb.i for t in tokens)
    ):
        return None  # "Could the United States who still abandon": a relative clause misread
    elif auxes:
        first = auxes[0]
        opener = full_form(first)
        if opener == "would" and shifted:
            opener = "will"  # "said it would rise" asks "Will it rise?"
        if opener in _ASKED_AS_COULD:
            opener = "could"
        opener, negation = _negated(opener, verb, tokens)
        rest = [t for t in tokens if t.i not in (first.i, *negation)]
        body = f"{opener} {subject_text} {phrase(rest)}"
    elif verb.lemma_ == "be" and "Fin" in verb.morph.get("VerbForm"):
        opener, negation = _negated(full_form(verb), verb, tokens)
        rest = [t for t in tokens if t.i not in (verb.i, *negation)]
        body = f"{opener} {subject_text} {phrase(rest)}"
    elif verb.tag_ in ("VBD", "VBZ", "VBP"):
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[verb.tag_]
        rest = [t for t in tokens if t.i != verb.i]
        before = [t for t in rest if t.i < verb.i]  # "X also rejected" → "Did X also reject"
        after = [t for t in rest if t.i > verb.i]
        lemma = f"{verb.lemma_} {dropped_object}" if dropped_object else verb.lemma_
        body = f"{do} {subject_text} {phrase(before)} {lemma} {phrase(after)}"
    elif verb.tag_ == "VB":
        body = f"will {subject_text} {phrase(tokens)}"
    else:
        return None
    if wh and not (subject is None and subject_text is None):
        body = f"{render(wh)} {body}"
    if condition:
        body = f"{body} {phrase(condition)}"
    concession = _concession(verb) if level == 1 else []
    if concession:
        body = f"{body} {phrase(concession)}"
    text = _tidy(body)
    return text[:1].upper() + text[1:] + "?" if text else None


# --- tense, polarity and ellipsis -----------------------------------------------

#: Conjunctions opening a clause of time or condition (closed class).
_TIME_OR_CONDITION = frozenset({"if", "unless", "until", "when", "before", "after", "once"})
#: Prepositions of concession (closed class): "despite X" stays with the question.
_CONCESSIVE = frozenset({"despite", "notwithstanding"})
#: Dependencies that fill a verb's complement slot.
_COMPLEMENTS = frozenset({
    "dobj", "ccomp", "xcomp", "prt", "attr", "acomp", "oprd", "dative", "agent", "auxpass",
    "csubjpass", "nsubjpass",
})  # fmt: skip


def full_form(aux) -> str:
    """An auxiliary as a question opens with it: "'ll" → "will", "'s" → "is" or "has"."""
    word = aux.lower_
    if word in ("'s", "’s"):
        return "has" if aux.lemma_ == "have" else "is"
    return _FULL_FORMS.get(word.replace("’", "'"), word)


def _negated(opener: str, verb, tokens) -> tuple[str, tuple[int, ...]]:
    """The negation of the asked verb, left out: a yes/no question asks the matter either
    way, so "X won't get" asks "Will X get?" (never "Will X n't get?"), as "there would be
    no progress" asks whether there will be any. Returns the opener and the tokens taken."""
    ids = {t.i for t in tokens}
    negation = tuple(c.i for c in verb.children if c.dep_ == "neg" and c.i in ids)
    return opener, negation


def reported_from_the_past(verb) -> bool:
    """Whether the clause is reported or judged from a past vantage point.

    "X said the strike would continue", "it was unlikely that the board would
    accept": the tenses are shifted back (sequence of tenses), so the question
    shifts them forward again ("Will the strike continue?").
    """
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ not in ("ccomp", "csubj", "acl"):
        return False
    governor = _governor(head)
    if governor.pos_ == "ADJ":
        governor = governor.head
    return governor.tag_ == "VBD" and (
        _is_predicate(governor, REPORTING_VERBS) or governor.lemma_ in ("be", "seem")
        or _is_predicate(governor, EMBEDDING_PREDICATES)
    )  # fmt: skip


def _present_tense(tokens, verb) -> dict[int, str]:
    """Past-tense verbs of time and condition clauses, back in the present.

    "... would continue until the authority agreed" → "until the authority agrees".
    """
    out: dict[int, str] = {}
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.tag_ != "VBD" or t.i == verb.i or t.dep_ not in ("advcl", "conj"):
            continue
        marks = [c.lower_ for c in t.children if c.dep_ in ("mark", "advmod") and c.i < t.i]
        if t.dep_ == "advcl" and not (marks and marks[0] in _TIME_OR_CONDITION):
            continue
        if t.dep_ == "conj" and t.head.i not in out:
            continue
        subject = _subject(t) or (_subject(t.head) if t.dep_ == "conj" else None)
        plural = subject is not None and (
            subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we", "you", "i")
            or any(c.dep_ == "conj" for c in subject.children)
        )  # fmt: skip
        if t.lemma_ == "be":
            out[t.i] = "are" if plural else "is"
        else:
            out[t.i] = t.lemma_ if plural else third_person(t.lemma_)
        if subject is not None and subject.i not in ids:
            continue
    return out


def _any_polarity(verb, tokens) -> dict[int, str]:
    """ "there would be no progress until X" asks "will there be any progress before X"."""
    if not any(c.dep_ == "expl" for c in verb.children):
        return {}
    out: dict[int, str] = {}
    for attr in (c for c in verb.children if c.dep_ in ("attr", "dobj")):
        for det in attr.children:
            if det.dep_ == "det" and det.lower_ == "no":
                out[det.i] = "any"
    if out:
        for t in tokens:
            if t.lower_ == "until" and t.dep_ in ("prep", "mark"):
                out[t.i] = "before"
    return out


def _concession(verb) -> list:
    """ "Despite X, it is unlikely that S": the concession goes with the question on S."""
    holders = [verb]
    if verb.dep_ in ("ccomp", "csubj", "xcomp"):
        holders.append(verb.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _CONCESSIVE:
                return sorted(child.subtree, key=lambda t: t.i)
    return []


def _agentive(verb) -> bool:
    """Whether a name, a personal pronoun or an infinitive's controller acts in the clause.

    "The talks ended" is another use of "end" (the inchoative one) and says
    nothing about whether "X could end ..." needs an object.
    """
    subject = _subject(verb)
    if subject is None:
        return _is_infinitive(verb)
    return subject.pos_ == "PROPN" or (subject.pos_ == "PRON" and subject.lower_ != "it")


def recovered_object(verb) -> str | None:
    """The object a transitive verb lost, taken from the article's own use of the verb.

    "he could end in 24 hours", where the article otherwise always writes "end
    the war" of someone who acts: the verb needs an object here too, and the
    nearest earlier use supplies it ("end the war"). Nothing when the article also
    uses the verb without one of an agent, or never with one before this clause.
    """
    if verb.pos_ != "VERB" or any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return None
    if not _agentive(verb):
        return None
    uses = [
        t
        for t in verb.doc
        if t.lemma_ == verb.lemma_ and t.pos_ == "VERB" and t.i != verb.i and _agentive(t)
    ]
    if not uses or not all(any(c.dep_ in _COMPLEMENTS for c in t.children) for t in uses):
        return None
    earlier = [c for t in uses if t.i < verb.i for c in t.children if c.dep_ == "dobj"]
    if not earlier:
        return None
    return noun_phrase(earlier[-1], relative_clauses=False).rstrip(",") or None


def _tidy(text: str) -> str:
    text = re.sub(r"\[\s*\.\.\.\s*\]|\.\.\.|…", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = re.sub(r"[\s,;:.\-–—]+$", "", text)
    return re.sub(r"\s*:\s*$", "", text).strip()


# --- candidates and ranking ---------------------------------------------------


def _ask(verb, kind: str, resolver: _Resolver, sentence_index: int) -> str | None:
    """The question for one open clause, trimmed of asides if it runs long."""
    for level in (1, 2, 3):
        text = _ask_once(verb, kind, resolver, sentence_index, level)
        if text is not None and len(text.split()) <= MAX_WORDS:
            return text
    return None


def _ask_once(verb, kind: str, resolver: _Resolver, sentence_index: int, level: int) -> str | None:
    wh = _wh_phrase(verb) if kind == "indirect" else None
    subject = _subject(verb)
    subject_text = None
    if subject is None and verb.dep_ == "conj" and _modal(verb) is not None:
        # "North Korea would attack X and would respond within 48 hours": the second
        # verb's own modal makes it a second statement, of the first verb's subject.
        shared = _subject(verb.head)
        if shared is None:
            return None
        if shared.pos_ == "PRON":
            subject_text = resolver.resolve(shared, verb.head, sentence_index)
            if subject_text is None:
                return None
        else:
            subject_text = noun_phrase(shared, level < 2)
    elif subject is None and _is_infinitive(verb):
        controller, _ = _controller(verb)
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
    elif subject is not None and subject.lower_ in _DEMONSTRATIVE_DETERMINERS | {"such"}:
        return None
    if _leans_on_context(verb, subject, level):
        return None
    text = question_from_clause(verb, subject_text, wh, level)
    if text is None:
        return None
    text = _resolve_inner_pronouns(text, verb, resolver)
    if _THIRD_PERSON.search(text) and not resolver.names_a_person(text):
        return None  # "Could the United States end his shuttle diplomacy?": whose?
    return _attributed(text, verb, level)


#: Pronouns of a person (closed class): a question holding one must name that person.
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
#: Relative pronouns: a subject phrase ending in one lost its clause to a bad parse.
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})


#: The speaker's own words (closed class): a question cannot carry them.
_DEICTIC_PRONOUNS = frozenset({
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
})  # fmt: skip
#: Pronouns that, as the object of the asked verb, leave the question without its topic.
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "this", "that", "these", "those"})


def _leans_on_context(verb, subject, level: int) -> bool:
    """Whether the question would keep a pronoun whose referent is outside it.

    The subject is resolved separately. Left are the speaker's "we"/"our"
    anywhere, and "it"/"them"/"this" as the object of the asked verb ("How hard
    will X push them?" asks nothing a reader can place).
    """
    tokens, condition = _clause_tokens(verb, subject, level)
    phrase = [t for t in subject.subtree if t.i != subject.i] if subject is not None else []
    for t in [*phrase, *tokens, *condition]:
        if subject is not None and t.i == subject.i:
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


def _attributed(text: str, verb, level: int) -> str:
    """Name whose claim a reported statement is: "…, as the minister said?".

    Only for a named speaker (a proper noun heads the reporting verb's subject),
    and only when the question is not trimmed already.
    """
    report = verb.head
    if level > 1 or verb.dep_ != "ccomp" or not _is_predicate(report, REPORTING_VERBS):
        return text
    speaker = _subject(report)
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
    return f"{text[:-1]}, as {name} {said}?"


def _resolve_inner_pronouns(text: str, verb, resolver: _Resolver) -> str:
    """A "he"/"she" later in the question stands for the speaker of the statement."""
    speaker = resolver.speaker(verb)
    if speaker is None:
        return text
    return re.sub(r"(?<=\s)(?:he|she)(?=\s)", speaker, text)


def _candidates(article: ParsedArticle, actors: Sequence[Actor]) -> list[Candidate]:
    resolver = _Resolver(article, actors)
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
            kind = cue(verb)
            if not kind:
                continue
            text = _ask(verb, kind, resolver, n)
            if text is None:
                continue
            modal = _modal(verb)
            strength = max(CUE_STRENGTH[kind], MODALS[modal.lower_] if modal is not None else 0.0)
            out.append(Candidate(text, n + 1, strength))
    return out


def _time_modifier(token):
    """The date a word is tied to ("in March", "next week"), as a subtree root, or None."""
    for c in token.children:
        if c.dep_ == "npadvmod" and c.ent_type_ == "DATE":
            return c
        if c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ == "DATE" for o in c.children):
            return c
    return None


def awaited(token) -> str | None:
    """The question a thing awaited at a date raises: will it come then?

    "A verdict is expected next week", "a ruling is due on Friday", "with a
    decision expected in March" → "Will the verdict come next week, as expected?".
    Only when nothing else is embedded ("expected to V" is a plan, asked elsewhere)
    and the thing is named, not a pronoun.
    """
    ending = AWAITED.get(token.lower_)
    if ending is None or any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return None
    if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        thing, holder = token.head, token  # "a decision expected next month"
        leave_out = frozenset(t.i for t in token.subtree)
        if token.i < thing.i:
            return None
    else:
        holder = token.head if token.dep_ == "acomp" else token  # "is due on Friday"
        if token.dep_ not in ("ROOT", "acomp") or (token.dep_ == "acomp" and holder.dep_ != "ROOT"):
            return None
        thing = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        leave_out = frozenset()
    if thing is None or thing.pos_ == "PRON":
        return None
    when = _time_modifier(token) or _time_modifier(holder)
    if when is None:
        return None
    subject = noun_phrase(thing, relative_clauses=False, leave_out=leave_out).rstrip(",")
    subject = re.sub(r"^(?:a|an)\s+", "the ", subject, flags=re.IGNORECASE)
    if not subject:
        return None
    return _tidy(f"Will {subject} come {render(list(when.subtree))}, {ending}") + "?"


def unsettled(verb) -> str | None:
    """A negated passive of settling: "the date of the vote has not been set" →
    "When will the date of the vote be set?"; a matter said to be unknown: "the
    cause of the fire remains unclear" → "What is the cause of the fire?"."""
    if verb.lower_ in UNKNOWN_ADJECTIVES and verb.dep_ == "acomp":
        return _unknown(verb)
    if verb.lemma_ not in SETTLING_VERBS or verb.tag_ != "VBN":
        return None
    deps = {c.dep_ for c in verb.children}
    if "neg" not in deps or "auxpass" not in deps or deps & {"ccomp", "xcomp", "agent"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ == "PRON" or subject.lower_ in _DEMONSTRATIVE_DETERMINERS:
        return None
    phrase = noun_phrase(subject, relative_clauses=False).rstrip(",")
    return _tidy(f"When will {phrase} be {verb.lower_}") + "?" if phrase else None


def _unknown(adjective) -> str | None:
    copula = adjective.head
    if copula.lemma_ not in ("be", "remain", "seem", "appear") or any(
        c.dep_ in ("ccomp", "xcomp", "prep") for c in adjective.children
    ):
        return None
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ in ("PRON", "PROPN") or subject.tag_ not in ("NN", "NNS"):
        return None
    if any(c.dep_ == "poss" for c in subject.children):
        return None  # "his whereabouts": whose, the question would not say
    if not any(c.dep_ == "prep" for c in subject.children):
        return None  # "the cause" alone: of what, the question would not say
    phrase = noun_phrase(subject, relative_clauses=False).rstrip(",")
    verb = "are" if subject.tag_ == "NNS" else "is"
    return _tidy(f"What {verb} {phrase}") + "?" if phrase else None


def lower_bound(verb) -> str | None:
    """A count given as a floor: "at least 34 people were killed" → "How many people
    were killed?" (the final figure is what a reader waits for)."""
    subject = _subject(verb)
    if subject is None or subject.tag_ != "NNS" or verb.pos_ != "VERB":
        return None
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )
    if not finite or verb.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "parataxis"):
        return None  # "people believed to be trapped": no clause of its own to ask
    before = subject.left_edge.i - 1
    if before >= 0 and subject.doc[before].pos_ == "ADP":
        return None  # "searching for at least 19 people believed …": a misparse, not a subject
    numbers = [c for c in subject.children if c.dep_ == "nummod" and c.i < subject.i]
    if not numbers or not any(t.lower_ == "least" for t in numbers[0].subtree):
        return None
    leave_out = frozenset(t.i for t in numbers[0].subtree)
    leave_out |= {c.i for c in subject.children if c.dep_ == "det"}
    what = noun_phrase(subject, relative_clauses=False, leave_out=leave_out).rstrip(",")
    tokens, _ = _clause_tokens(verb, subject, 3)
    rest = _phrase(tokens)
    if not what or not rest:
        return None
    return _tidy(f"How many {what} {rest}") + "?"


def inquiry(noun) -> str | None:
    """An inquiry opened: "prosecutors opened an investigation into the payments" →
    "What will the investigation into the payments find?"."""
    if noun.lemma_.lower() not in INQUIRY_NOUNS or noun.dep_ != "dobj":
        return None
    if noun.head.lemma_ not in OPENING_VERBS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ in ("into", "of") for c in noun.children):
        return None
    phrase = noun_phrase(noun, relative_clauses=False).rstrip(",")
    phrase = re.sub(r"^(?:a|an|its|their|his|her)\s+", "the ", phrase, flags=re.IGNORECASE)
    return _tidy(f"What will {phrase} find") + "?"


def follow_up(verb) -> str | None:
    """The next question after a reported outcome, for articles that hedge nothing.

    "X maintained a majority in Y" → "How will X use the majority in Y?";
    "X resigned from Z" → "Who will replace X, who resigned from Z?".
    """
    subject = _subject(verb)
    if subject is None or subject.pos_ == "PRON" or verb.tag_ not in ("VBD", "VBN", "VBZ"):
        if verb.dep_ == "conj":
            subject = _subject(verb.head)
        if subject is None or subject.pos_ == "PRON":
            return None
    who = noun_phrase(subject, relative_clauses=False).rstrip(",")
    if not who:
        return None
    lemma = verb.lemma_.lower()
    if lemma in GAIN_VERBS:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects:
            return None
        thing = noun_phrase(objects[0], relative_clauses=False).rstrip(",")
        thing = re.sub(r"^(?:a|an|the|some|its|their|his|her)\s+", "", thing)
        return _tidy(f"How will {who} use the {thing}") + "?"
    if lemma in LEAVE_VERBS:
        parts = [c for c in verb.children if c.dep_ in ("dobj", "prt") or (
            c.dep_ == "prep" and c.lower_ in ("from", "as"))]  # fmt: skip
        if not parts:
            return None
        tokens = [verb] + [t for c in parts for t in c.subtree]
        return _tidy(f"Who will replace {who}, who {render(tokens)}") + "?"
    return None


def _follow_ups(article: ParsedArticle, actors: Sequence[Actor]) -> list[Candidate]:
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
        candidates += _follow_ups(article, actors)
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
