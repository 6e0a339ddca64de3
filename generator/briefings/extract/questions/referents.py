"""Whom a pronoun subject of a question stands for, when the article leaves no doubt."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefings.extract.questions.parse import is_predicate, subject_of
from briefings.extract.questions.render import noun_phrase
from briefings.extract.temporal.expressions import article_timexes
from briefings.lexicon.english import REPORTING_VERBS
from briefings.lexicon.questions import CLAIMING_VERBS, COLLECTIVE_NOUNS, DUMMY_IT_VERBS
from briefings.model import Actor
from briefings.nlp.parse import ParsedArticle
from briefings.nlp.referents import names_actor, person_antecedents, persons_named

if TYPE_CHECKING:
    from spacy.tokens import Token

# --- resolving pronoun subjects ---------------------------------------------


#: Verbs whose subject is the speaker of the clause they embed.
SPEAKING_VERBS = REPORTING_VERBS | CLAIMING_VERBS


class Resolver:
    """Whom a pronoun subject stands for, when the article leaves no doubt."""

    def __init__(self, article: ParsedArticle, actors: Sequence[Actor]) -> None:
        named = persons_named(article, actors)
        self.antecedents = person_antecedents(named)
        everyone = frozenset().union(*named)
        #: The people among the actors, whom a question's "his" or "her" can stand for.
        self.people = [a for a in actors if a.name in everyone]
        self.article = article

    @functools.cached_property
    def future(self) -> frozenset[int]:
        """Tokens of the dates the article places after its own date (read only when a
        timetable is asked about, so an article without one never resolves its dates here)."""
        article = self.article
        return frozenset(
            i
            for timex in article_timexes(article)
            if timex.interval is not None and timex.interval.lo > article.date
            for i in range(timex.span.start, timex.span.end)
        )

    def is_future(self, when: Token) -> bool:
        """Whether a date modifier ("on Sunday", "next week") lies after the article's date."""
        return any(t.i in self.future for t in when.subtree)

    def names_a_person(self, text: str) -> bool:
        """Whether the question names someone its personal pronoun can stand for."""
        return any(names_actor(text, person) for person in self.people)

    @staticmethod
    def speaker(verb: Token, institution: bool = False) -> str | None:
        """The named subject of the nearest reporting verb above ``verb``, if any.

        ``institution``: only a country or an organisation, the speakers English
        refers back to as "it" ("Germany has not said whether it will ...").
        """
        node = verb
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in ("VERB", "AUX") and is_predicate(node, SPEAKING_VERBS):
                subject = subject_of(node)
                if subject is None or subject.pos_ != "PROPN":
                    return None
                if institution and subject.ent_type_ not in ("GPE", "ORG"):
                    return None
                return noun_phrase(subject)
        return None

    def resolve(self, pronoun: Token, verb: Token, sentence_index: int) -> str | None:
        word = pronoun.lower_
        if word == "i":
            return self.speaker(verb)
        if word == "it":  # not a dummy: "said it would be hard to", "it could take weeks to"
            if verb.lemma_ in DUMMY_IT_VERBS or any(
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
    def plural_antecedent(pronoun: Token) -> str | None:
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

    def plural_antecedent_before(self, pronoun: Token) -> str | None:
        """For an object "them": the last group named as a subject or object before it,
        in its sentence or the one before ("Analysts doubt the two leaders will reach
        an agreement. There are doubts about how hard Bush will push them." → the two
        leaders; "Officials met the strikers. Police later dispersed them." → the
        strikers). Never the subject of the clause "them" is in (it would be "themselves").
        Dates, amounts and pronouns are no group.
        """
        doc = pronoun.doc
        own = pronoun.sent
        start = doc[own.start - 1].sent.start if own.start > 0 else own.start
        clause_subject = subject_of(pronoun.head)
        for tok in reversed(doc[start : pronoun.i]):
            if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if clause_subject is not None and tok.i == clause_subject.i:
                continue
            if tok.ent_type_ in _NOT_GROUPS:
                continue
            plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
            if plural or tok.lemma_.lower() in COLLECTIVE_NOUNS:
                return noun_phrase(tok, relative_clauses=False).rstrip(",") or None
        return None


#: Entity types that name no group a "them" could stand for.
_NOT_GROUPS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
