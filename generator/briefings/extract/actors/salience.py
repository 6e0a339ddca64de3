"""How central an actor is to its article: a few counts the text supports, weighed.

An analyst lists first the actors of the headline-worthy events: the ones that
act (subjects of main verbs), the ones whose words the article carries, the ones
in the lead and in the dated events, and the ones it keeps returning to. Each of
those is a feature of an actor, counted over its mentions:

* ``weight``: mentions weighed by syntactic function (a subject counts more than
  a place name, see :data:`FUNCTION_WEIGHT`);
* ``sentences``: the share of the article's sentences that name it;
* ``acts``: main-clause subjects of a verb other than "be" or a verb of saying;
* ``voice``: sentences where it speaks (subject of a verb of saying, WordNet
  ``verb.communication``) and the quoted sentences that follow without a new
  speaker;
* ``lead``: named in the first paragraph;
* ``early``: how early its first mention comes (1 at the start, 0 at the end);
* ``dated``: mentions in sentences that carry a date (the timeline's events);
* ``pronouns``: "he"/"she" subjects and "its" that point back at it;
* ``role``: a position the text states ("Prime Minister"), not an affiliation.

:data:`SALIENCE_WEIGHTS` were chosen by leave-one-out over the evaluation corpus
(``python -m briefings.quality.salience_fit ARTICLES GOLD`` refits and prints the
held-out figures), so no weight is tuned to an article it is measured on.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefings.extract.actors.mentions import SOURCING_VERBS, Mention, is_title_word
from briefings.lexicon.english import DOUBLE_QUOTE_MARKS
from briefings.lexicon.world import is_speech_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefings.nlp.parse import ParsedArticle

#: How much one mention counts towards ``weight``, by its syntactic function.
FUNCTION_WEIGHT = {
    "subject": 1.5,
    "passive": 1.3,
    "possessor": 1.2,
    "object": 1.0,
    "modifier": 0.6,
    "location": 0.4,
}
#: A nationality adjective ("Russian leader") counts for little on its own.
DEMONYM_ADJECTIVE_WEIGHT = 0.3
#: A party or employer named only to place a person ("Lee of the Labour Party").
AFFILIATION_WEIGHT = 0.5

FEATURES = ("weight", "sentences", "acts", "voice", "lead", "early", "dated", "pronouns", "role")

#: Weight of each feature in an actor's salience (see the module docstring).
SALIENCE_WEIGHTS: dict[str, float] = {
    "weight": 1.0,
    "sentences": 0.0,
    "acts": 0.0,
    "voice": 0.0,
    "lead": 3.0,
    "early": 0.0,
    "dated": 0.0,
    "pronouns": 1.0,
    "role": 0.5,
}

#: Opening and closing quotation marks.
#: How many sentences back a subject pronoun looks for the person it means.
PRONOUN_REACH = 2
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


def is_demonym_adjective(m: Mention) -> bool:
    """A nationality used as an adjective ("Russian troops"): no mention of an actor by itself."""
    return m.label == "NORP" and m.function == "modifier"


def affiliation(root: Token) -> bool:
    """A name that only qualifies a named person: "DAB's Ben Chan", "Fung of ADPL"."""
    head = root.head
    if root.dep_ in ("poss", "compound") and head.ent_type_ == "PERSON":
        return True
    return (
        root.dep_ == "pobj"
        and head.lower_ in ("of", "from")
        and head.head.ent_type_ == "PERSON"
        and head.head.i < head.i
    )


def mention_weight(m: Mention, article: ParsedArticle) -> float:
    """What one mention says about how central its actor is."""
    root = article.doc[m.start : m.end].root
    if m.function == "modifier" and is_title_word(root.head):
        return FUNCTION_WEIGHT["object"]  # in a person's title: "US President Donald Trump"
    if affiliation(root):
        return AFFILIATION_WEIGHT
    if is_demonym_adjective(m):
        return DEMONYM_ADJECTIVE_WEIGHT
    if m.function == "subject" and m.verb in SOURCING_VERBS:
        return FUNCTION_WEIGHT["object"]  # "said Bruce Riedel": a voice, not a mover
    return FUNCTION_WEIGHT.get(m.function, 1.0)


def speaks(m: Mention) -> bool:
    """The subject of a verb of saying: "Cooper said", "said Ambassador Mohib"."""
    return (
        m.function == "subject"
        and m.verb is not None
        and (m.verb in SOURCING_VERBS or is_speech_verb(m.verb))
    )


def _acts(m: Mention) -> bool:
    return m.function == "subject" and m.verb not in (None, "be") and not speaks(m)


@dataclass(frozen=True)
class ArticleFacts:
    """What salience needs to know about the article as a whole."""

    n_sentences: int
    #: 1-based numbers of the sentences that carry a date.
    dated: frozenset[int]
    #: For each sentence, whether it is quoted speech with no speaker of its own.
    quoted: tuple[bool, ...]
    #: 1-based numbers of the sentences of the first paragraph (the lead).
    lead: frozenset[int]


def article_facts(article: ParsedArticle) -> ArticleFacts:
    dated = dated_sentences(article)
    quoted: list[bool] = []
    open_quote = False
    for sentence in article.sentences:
        text = sentence.text
        quoted.append(open_quote or text[:1] in DOUBLE_QUOTE_MARKS)
        marks = sum(text.count(q) for q in DOUBLE_QUOTE_MARKS)
        open_quote = open_quote != (marks % 2 == 1)
    first = min((s.paragraph for s in article.sentences), default=1)
    lead = frozenset(s.index for s in article.sentences if s.paragraph == first)
    return ArticleFacts(len(article.sents), dated, tuple(quoted), lead)


def dated_sentences(article: ParsedArticle) -> frozenset[int]:
    """Numbers of the sentences holding a whole DATE or TIME entity.

    What ``any(e.label_ in (...) for e in sent.ents)`` gives for each sentence,
    in one pass over the entities: each ``Span.ents`` call scans all the
    document's entities, which made this quadratic on long texts.
    """
    starts = [s.start for s in article.sents]
    dated: set[int] = set()
    for ent in article.doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        k = bisect.bisect_right(starts, ent.start) - 1
        if k >= 0 and ent.end <= article.sents[k].end:
            dated.add(k + 1)
    return frozenset(dated)


def _voice(speaker_sentences: set[int], facts: ArticleFacts, all_speakers: Set[int]) -> int:
    """Sentences spoken: each speaking sentence, and the quoted sentences after it
    until someone else speaks."""
    total = 0
    for n in sorted(speaker_sentences):
        total += 1
        k = n + 1
        while k <= facts.n_sentences and facts.quoted[k - 1] and k not in all_speakers:
            total += 1
            k += 1
    return total


def features(
    mentions: Sequence[Mention],
    article: ParsedArticle,
    facts: ArticleFacts,
    *,
    pronouns: int = 0,
    pronoun_speech: Sequence[int] = (),
    speakers: Set[int] = frozenset(),
    role: str | None = None,
) -> dict[str, float]:
    """The salience features of one actor (see the module docstring)."""
    sentences = {m.sentence for m in mentions}
    first = min(sentences)
    speaking = {m.sentence for m in mentions if speaks(m)} | set(pronoun_speech)
    return {
        "weight": sum(mention_weight(m, article) for m in mentions),
        "sentences": len(sentences) / max(facts.n_sentences, 1),
        "acts": float(sum(1 for m in mentions if _acts(m))),
        "voice": float(_voice(speaking, facts, speakers)),
        "lead": 1.0 if sentences & facts.lead else 0.0,
        "early": 1 - (first - 1) / max(facts.n_sentences, 1),
        "dated": float(sum(1 for m in mentions if m.sentence in facts.dated)),
        "pronouns": float(pronouns),
        "role": 1.0 if role and not role.startswith(("of ", "from ", "at ")) else 0.0,
    }


def score(feats: Mapping[str, float], weights: Mapping[str, float] = SALIENCE_WEIGHTS) -> float:
    return sum(weights[k] * feats[k] for k in FEATURES)


def pronoun_antecedents(
    article: ParsedArticle,
    people: dict[int, list[Mention]],
    things: dict[int, list[Mention]] | None = None,
) -> list[tuple[int, Token]]:
    """(actor id, pronoun) for each pronoun that points back at one actor.

    "he"/"she" as a subject means the person named last before it in its
    sentence or the :data:`PRONOUN_REACH` before, preferring one named as a
    subject there (the centre of attention), when that choice is not tied.
    "its" means the organisation, country or group (``things``) that was the
    subject of the sentence before it or of its own ("The Authority said ...
    Its commander").
    """
    out: list[tuple[int, Token]] = []
    for tok in article.doc:
        n = article.sentence_number(tok.i)
        if tok.lower_ == "its" and things:
            subjects = [
                (m.start, tid)
                for tid, ms in things.items()
                for m in ms
                if n - 1 <= m.sentence <= n and m.start < tok.i and m.function == "subject"
            ]
            if subjects:
                out.append((max(subjects)[1], tok))
            continue
        if tok.lower_ not in _SUBJECT_PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        best: dict[int, tuple[int, int]] = {}  # person -> (was a subject, last position)
        for pid, ms in people.items():
            for m in ms:
                if n - PRONOUN_REACH <= m.sentence <= n and m.start < tok.i:
                    rank = (int(m.function == "subject"), m.start)
                    best[pid] = max(best.get(pid, rank), rank)
        if not best:
            continue
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        top_subject = [pid for pid, (subj, _) in ranked if subj]
        if len(best) == 1:
            out.append((ranked[0][0], tok))
        elif top_subject:
            out.append((top_subject[0], tok))  # the most recent subject
    return out
