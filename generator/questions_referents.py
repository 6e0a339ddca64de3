"""Whom a pronoun subject of a question stands for, when the article leaves no doubt."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Actor
from .nlp import ParsedArticle
from .questions_lexicon import COLLECTIVE_NOUNS, DUMMY_IT_VERBS
from .questions_parse import is_predicate, subject_of
from .questions_render import noun_phrase
from .summary import REPORTING_VERBS, names_actor, person_antecedents, persons_named

# --- resolving pronoun subjects ---------------------------------------------


class Resolver:
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
            if is_predicate(node, REPORTING_VERBS):
                subject = subject_of(node)
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
