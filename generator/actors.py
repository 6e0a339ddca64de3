"""Key actors: who the article is about, one entry per real-world entity.

A pure function of the parsed article, in four steps:

1. mentions (:mod:`generator.actor_mentions`): cleaned named entities and
   common-noun group phrases, each with its syntactic function;
2. identity (:mod:`generator.actor_identity`): one cluster per entity;
3. type, canonical name, aliases and role (:mod:`generator.roles`); clusters that
   name no actor are dropped: places only mentioned as where something happens,
   names only used as modifiers of things ("Treasury Board letters"), news
   outlets only cited as sources, nationality adjectives with no actor behind
   them, groups the article mentions once in passing;
4. salience: mentions weighed by function (a subject counts more than a place
   name), plus early mention and a stated role, so the first actors listed are
   the ones an analyst would list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .actor_identity import Cluster, cluster_groups, cluster_named, split_pairs
from .actor_mentions import (
    ADJECTIVE,
    GROUP,
    MEDIA_VERBS,
    QUANTIFIERS,
    REPORTING_VERBS,
    Mention,
    group_mentions,
    is_title_word,
    named_mentions,
    prefixed_adjectives,
)
from .lexicons import first_sense_is_actor, world
from .model import Actor, Evidence
from .nlp import ParsedArticle
from .roles import role_of

#: How much one mention counts towards salience, by its syntactic function.
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
EARLY_MENTION_BONUS = 2.0
ROLE_BONUS = 0.5

#: A group named by a common noun must recur and act at least once.
GROUP_MIN_MENTIONS = 2
EVIDENCE_PER_ACTOR = 5
PRONOUN_REACH = 2


@dataclass(frozen=True)
class _Resolved:
    name: str
    type: str
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    salience: float
    sentences: tuple[int, ...]


def _is_demonym_adjective(m: Mention) -> bool:
    return m.label == "NORP" and m.function == "modifier"


def _type_of(cluster: Cluster) -> str:
    if cluster.country is not None:
        return "country"
    ms = cluster.mentions
    if all(m.label == GROUP for m in ms):
        m = ms[0]
        return "organization" if not m.plural and first_sense_is_actor(m.key[0]) else "group"
    votes: Counter[str] = Counter()
    for m in ms:
        if m.label != GROUP:
            votes[m.label] += 2 if len(m.text.split()) > 1 else 1
        elif len(m.key) > 1 and first_sense_is_actor(m.key[0]) and not m.plural:
            votes["ORG"] += 2  # "the M5S party" says what "M5S" is
    longest = max((m for m in ms if m.label != GROUP), key=lambda m: len(m.text.split()))
    if longest.label == "PERSON" and len(longest.text.split()) > 1:
        return "person"
    label = votes.most_common(1)[0][0]
    return {
        "PERSON": "person",
        "ORG": "organization",
        "NORP": "group",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
    }[label]


def _modifies_thing(m: Mention, article: ParsedArticle) -> bool:
    """A name used as a modifier of a thing: "NEMISIS database", "Ottawa street"."""
    if m.function != "modifier":
        return False
    head = article.doc[m.start : m.end].root.head
    return not first_sense_is_actor(head.lemma_.lower())


def _is_cited_source(m: Mention) -> bool:
    """A source in passing: "told Reuters", "according to the AP", "The Guardian cited".

    "The Kremlin said" is an actor speaking, not a source cited.
    """
    if m.function == "object":
        return m.verb in REPORTING_VERBS
    return m.function == "subject" and m.verb in MEDIA_VERBS


def _is_actor(cluster: Cluster, atype: str, article: ParsedArticle) -> bool:
    """Whether the cluster names someone who acts in the article, not noise."""
    ms = cluster.mentions
    strong = [m for m in ms if not _is_demonym_adjective(m)]
    if not strong:
        return False  # "Soviet style", "Estonian teams": an adjective, no actor behind it
    if atype == "person":
        # one mention as a place ("found on Castlefrank Road") is a mislabelled place
        return len(ms) > 1 or ms[0].function != "location"
    if all(m.label == GROUP for m in ms):
        return _is_group_actor(ms)
    if atype == "group":  # a people or faith named by a noun: "the Arabs", "Muslims"
        return any(m.agentive for m in strong) or len(strong) >= 3
    if atype == "country":
        return any(m.function in ("subject", "passive", "possessor", "object") for m in strong)
    active = [m for m in strong if m.function != "location" and not _modifies_thing(m, article)]
    if atype == "place":
        if any(m.label == "FAC" for m in ms):
            return any(m.agentive for m in active)  # a building or a venue acts, or is scenery
        return any(m.agentive for m in active) or len(active) >= 2
    # organisations
    if not active:
        return False
    return not all(_is_cited_source(m) for m in active if m.label != GROUP)


def _is_group_actor(ms: list[Mention]) -> bool:
    """A group named by a common noun acts in the article.

    It must be one particular group — a definite phrase ("the government") or one
    qualified by a name ("the Colombian army") — not a generic plural ("critics say"),
    it must act at least once (subject of a verb other than "be", or possessor),
    and it must recur unless qualified.
    """
    qualified = any(m.qualified for m in ms)
    specific = qualified or any(m.definite for m in ms)
    # "camp", "municipalities": a noun with a group sense among others must be marked
    # as one at least once ("the municipalities"); "deposit balls" is not.
    names_people = any(m.strong for m in ms) or any(m.marked for m in ms)
    acts = any(m.agentive for m in ms)
    return specific and names_people and acts and (qualified or len(ms) >= GROUP_MIN_MENTIONS)


def _unquantified(text: str) -> str:
    """ "several municipalities" -> "municipalities"."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in QUANTIFIERS:
        words = words[1:]
    return " ".join(words)


def _canonical_name(cluster: Cluster, atype: str) -> str:
    if cluster.country is not None:
        return cluster.country.name
    ms = [m for m in cluster.mentions if not (m.label == "NORP" and cluster.country)]
    named = [m for m in ms if m.label != GROUP] or ms
    pool = Counter(m.text for m in named)
    if all(m.label == GROUP for m in named):
        # a noun phrase, not an adjective pointing at the group; no quantifier
        phrases = [m for m in named if " " in m.text or m.text.lower() == m.key[0]] or named
        longest_key = max(len(m.key) for m in phrases)
        pool = Counter(_unquantified(m.text) for m in phrases if len(m.key) == longest_key)
        name = max(pool, key=lambda f: (pool[f], len(f), f))
        return name[:1].upper() + name[1:]
    return max(pool, key=lambda f: (len(f.split()), pool[f], len(f), f))


def _role(cluster: Cluster, atype: str, article: ParsedArticle) -> str | None:
    if atype != "person":
        return None
    roles: Counter[str] = Counter()
    for m in cluster.mentions:
        if m.label != GROUP and (r := role_of(article.doc, m.start, m.end)):
            roles[r] += 1
    if not roles:
        return None
    # Most often stated; among equals the fuller ("US President" over "President").
    best = max(roles, key=lambda r: (roles[r], len(r.split()), r))
    for r in roles:
        if r != best and r.endswith(best) and len(r.split()) <= len(best.split()) + 3:
            best = r
    return best


def _weight(m: Mention, article: ParsedArticle) -> float:
    """What one mention says about how central its actor is."""
    root = article.doc[m.start : m.end].root
    head = root.head
    if m.function == "modifier" and is_title_word(head):
        return FUNCTION_WEIGHT["object"]  # in a person's title: "US President Donald Trump"
    if _affiliation(root):
        return AFFILIATION_WEIGHT
    if _is_demonym_adjective(m):
        return DEMONYM_ADJECTIVE_WEIGHT
    if m.function == "subject" and m.verb in REPORTING_VERBS:
        return FUNCTION_WEIGHT["object"]  # "said Bruce Riedel": a voice, not a mover
    return FUNCTION_WEIGHT.get(m.function, 1.0)


def _pronoun_subjects(article: ParsedArticle, clusters: list[Cluster]) -> Counter[int]:
    """How often "he"/"she" as a subject points back at each person.

    A subject pronoun refers to the person named in the same sentence or the
    :data:`PRONOUN_REACH` before it, when exactly one person is named there
    (a quotation often sits between a speaker and "She continued").
    """
    by_sentence: dict[int, set[int]] = {}
    for c in clusters:
        if _type_of(c) == "person" and _is_actor(c, "person", article):
            for m in c.mentions:
                by_sentence.setdefault(m.sentence, set()).add(id(c))
    out: Counter[int] = Counter()
    for tok in article.doc:
        if tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
            n = article.sentence_number(tok.i)
            near = set().union(
                *(by_sentence.get(k, set()) for k in range(n - PRONOUN_REACH, n + 1))
            )
            if len(near) == 1:
                out[next(iter(near))] += 1
    return out


def _affiliation(root) -> bool:
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


def _salience(
    cluster: Cluster, atype: str, role: str | None, article: ParsedArticle, pronouns: int = 0
) -> float:
    n_sents = len(article.sents)
    score = sum(_weight(m, article) for m in cluster.mentions)
    score += pronouns * FUNCTION_WEIGHT["object"]
    first = min(m.sentence for m in cluster.mentions)
    score += EARLY_MENTION_BONUS * (1 - (first - 1) / max(n_sents, 1))
    if role and not role.startswith(("of ", "from ", "at ")):
        score += ROLE_BONUS  # a position held, not an affiliation
    return score


def _resolve(cluster: Cluster, article: ParsedArticle, pronouns: int = 0) -> _Resolved | None:
    atype = _type_of(cluster)
    if not _is_actor(cluster, atype, article):
        return None
    role = _role(cluster, atype, article)
    forms = {m.text for m in cluster.mentions}
    forms.update(f for m in cluster.mentions for f in m.forms)
    name = _canonical_name(cluster, atype)
    return _Resolved(
        name=name,
        type=atype,
        role=role,
        aliases=tuple(sorted(forms | {name})),
        mentions=len(cluster.mentions),
        salience=round(_salience(cluster, atype, role, article, pronouns), 3),
        sentences=tuple(sorted({m.sentence for m in cluster.mentions})),
    )


def extract_actors(article: ParsedArticle, limit: int = 25) -> tuple[Actor, ...]:
    """The article's actors, most salient first."""
    named = split_pairs(named_mentions(article))
    adjectives = [m for m in named if m.label == ADJECTIVE] + prefixed_adjectives(article)
    clusters = cluster_named([m for m in named if m.label != ADJECTIVE], world())
    clusters += cluster_groups(group_mentions(article), clusters, adjectives)
    pronouns = _pronoun_subjects(article, clusters)
    resolved = [r for c in clusters if (r := _resolve(c, article, pronouns[id(c)])) is not None]
    resolved = _merge_same_names(resolved)
    resolved.sort(key=lambda r: (-r.salience, r.name))
    return tuple(
        Actor(
            name=r.name,
            type=r.type,
            role=r.role,
            aliases=r.aliases,
            mentions=r.mentions,
            salience=r.salience,
            evidence=tuple(
                Evidence(s, article.sentences[s - 1].text) for s in r.sentences[:EVIDENCE_PER_ACTOR]
            ),
        )
        for r in resolved[:limit]
    )


def _merge_same_names(resolved: list[_Resolved]) -> list[_Resolved]:
    """Two clusters that resolved to one canonical name are one actor."""
    by_name: dict[str, list[_Resolved]] = {}
    for r in resolved:
        by_name.setdefault(r.name, []).append(r)
    out: list[_Resolved] = []
    for name, rs in by_name.items():
        if len(rs) == 1:
            out.append(rs[0])
            continue
        best = max(rs, key=lambda r: r.salience)
        out.append(
            _Resolved(
                name=name,
                type=best.type,
                role=next((r.role for r in rs if r.role), None),
                aliases=tuple(sorted({a for r in rs for a in r.aliases})),
                mentions=sum(r.mentions for r in rs),
                salience=round(sum(r.salience for r in rs), 3),
                sentences=tuple(sorted({s for r in rs for s in r.sentences})),
            )
        )
    return out
