"""Key actors: who the article is about, one entry per real-world entity.

A pure function of the parsed article, in four steps:

1. mentions (:mod:`briefings.extract.actors.mentions`): cleaned named entities and
   common-noun group phrases, each with its syntactic function;
2. identity (:mod:`briefings.extract.actors.identity`): one cluster per entity;
3. type, canonical name, aliases and role (:mod:`briefings.extract.actors.roles`); clusters that
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
from collections.abc import Mapping
from dataclasses import dataclass

from briefings.extract.actors.identity import Cluster, cluster_groups, cluster_named, split_pairs
from briefings.extract.actors.mentions import (
    ADJECTIVE,
    GROUP,
    MEDIA_VERBS,
    QUANTIFIERS,
    SOURCING_VERBS,
    Mention,
    group_mentions,
    named_mentions,
    prefixed_adjectives,
)
from briefings.extract.actors.roles import clean_role, role_of
from briefings.extract.actors.salience import (
    FEATURES,
    SALIENCE_WEIGHTS,
    ArticleFacts,
    article_facts,
    features,
    is_demonym_adjective,
    pronoun_antecedents,
    score,
    speaks,
)
from briefings.lexicon.world import (
    first_sense_is_actor,
    is_actor_noun,
    is_given_name,
    is_group_noun,
    is_place_noun,
    is_speech_verb,
    world,
)
from briefings.model import Actor, ActorType, Evidence
from briefings.nlp.parse import ParsedArticle

#: A guard, not the usual length: the actor stage drops noise itself, and an election
#: report can name seventy people who all matter.
MAX_ACTORS = 100

#: A group named by a common noun must recur and act at least once.
GROUP_MIN_MENTIONS = 2
EVIDENCE_PER_ACTOR = 5


@dataclass(frozen=True)
class _Resolved:
    name: str
    type: ActorType
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    features: dict[str, float]
    sentences: tuple[int, ...]

    @property
    def salience(self) -> float:
        return round(score(self.features), 3)


def _type_of(cluster: Cluster) -> ActorType:
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
    words = longest.text.split()
    if len(words) > 1 and longest.label in ("PERSON", "ORG"):
        # the fullest name says what the entity is: "Halden Rovers" over "beat Halden"
        if longest.label == "PERSON":
            return "person" if _personal_name(words) else "organization"
        return "person" if _given_name_first(words) else "organization"
    label = votes.most_common(1)[0][0]
    types: dict[str, ActorType] = {
        "PERSON": "person",
        "ORG": "organization",
        "NORP": "group",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
    }
    return types[label]


def _built_on_body(name: str) -> bool:
    """A name of several words built on a noun for a body of people that is no
    place noun: "Port Authority", "Ministry of Defence"; not "Space Center",
    "Kansas City"."""
    head = name_head(name)
    return " " in name and is_group_noun(head) and not is_place_noun(head)


def _personal_name(words: list[str]) -> bool:
    """A name the model took for a person's that cannot be one: "Movimento 5 Stelle"
    (a number), "Calder Ridge Partners" (ends in a plural noun for people)."""
    if any(any(c.isdigit() for c in w) for w in words):
        return False
    last = words[-1].lower()
    return not (last.endswith("s") and is_actor_noun(last[:-1]))


def _given_name_first(words: list[str]) -> bool:
    """A name the model took for an organisation's that reads as a person's: a
    given name, then one or two words that are neither given names ("Morgan
    Stanley" stays a bank) nor nouns for people or groups ("Dean Kamen", "Sofia
    Marques")."""
    if not 2 <= len(words) <= 3 or not is_given_name(words[0]):
        return False
    rest = [w.lower() for w in words[1:]]
    return not any(is_given_name(w) or is_actor_noun(w) or is_actor_noun(w[:-1]) for w in rest)


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
        return m.verb in SOURCING_VERBS
    return m.function == "subject" and m.verb in MEDIA_VERBS


#: English nouns for an undertaking, a plan or a set-up (closed class): a name
#: built on one ("Space Shuttle Program", "Information System", "Nutrition Study")
#: names a thing that is done or used, not someone who acts.
UNDERTAKING_NOUNS = frozenset(
    {
        "program", "programme", "project", "study", "survey", "system", "scheme",
        "initiative", "plan", "operation", "act", "bill", "treaty", "festival", "award",
        "prize",
    }
)  # fmt: skip


def name_head(name: str) -> str:
    """The word a name is built on: its last word, or the word before its first
    "of"/"for" ("Museum of Flight" is a museum); lower case."""
    words = name.split()
    for k, word in enumerate(words[1:], start=1):
        if word in ("of", "for"):
            return words[k - 1].lower()
    return words[-1].lower()


def _names_an_undertaking(ms: list[Mention]) -> bool:
    """The fullest name of the cluster is built on a word of :data:`UNDERTAKING_NOUNS`."""
    named = [m for m in ms if m.label != GROUP]
    if not named:
        return False
    longest = max(named, key=lambda m: (len(m.text.split()), m.text))
    return len(longest.text.split()) > 1 and name_head(longest.text) in UNDERTAKING_NOUNS


def _is_actor(cluster: Cluster, atype: str, article: ParsedArticle) -> bool:
    """Whether the cluster names someone who acts in the article, not noise."""
    ms = cluster.mentions
    strong = [m for m in ms if not is_demonym_adjective(m)]
    if not strong:
        return False  # "Soviet style", "Estonian teams": an adjective, no actor behind it
    if cluster.country is None and _names_an_undertaking(ms):
        return False  # "the Space Shuttle Program", "the Flag Consideration Project"
    if atype == "person":
        # one mention as a place ("found on Castlefrank Road") is a mislabelled place
        return len(ms) > 1 or ms[0].function != "location"
    if all(m.label == GROUP for m in ms):
        return _is_group_actor(ms)
    if atype == "group":  # a people or faith named by a noun: "the Arabs", "Muslims"
        return any(m.agentive for m in strong) or len(strong) >= 3
    if atype == "country":
        return any(m.function in ("subject", "passive", "possessor", "object") for m in strong)
    # "from the Vatican, which wants to organise the talks": a place that acts in a
    # relative clause is an institution acting, wherever the sentence puts it
    active = [
        m
        for m in strong
        if (m.function != "location" or m.relative_verb not in (None, "be"))
        and not _modifies_thing(m, article)
    ]
    if atype == "place":
        if any(m.label == "FAC" for m in ms):
            # a building or a venue acts, or is scenery unless the story keeps returning to it
            return any(m.agentive for m in active) or _setting(strong)
        # a place named twice, once other than as where something happens, is in the story
        return any(m.agentive for m in active) or (bool(active) and len(strong) >= 2)
    # organisations: one that only ever appears as a cited outlet is a source, not an actor
    if not active:
        return False
    named = [m for m in active if m.label != GROUP]
    return not named or not all(_is_cited_source(m) for m in named)


#: A place named in this many sentences is where the story is, not scenery.
SETTING_SENTENCES = 3


def _setting(ms: list[Mention]) -> bool:
    """The story keeps returning to the place: named in :data:`SETTING_SENTENCES`
    sentences by its name ("the conference" may be the meeting, not the venue)."""
    return len({m.sentence for m in ms if m.label != GROUP}) >= SETTING_SENTENCES


def _is_group_actor(ms: list[Mention]) -> bool:
    """A group named by a common noun acts in the article.

    It must be one particular group — a definite phrase ("the government") or one
    qualified by a name ("the Colombian army") — not a generic plural ("critics say"),
    it must act at least once (subject of a verb other than "be", or possessor;
    a relative clause — "Farmers who supply Norvale" — counts once the group
    recurs), and it must recur unless qualified.
    """
    if any(m.counted for m in ms):
        return False  # "the two companies": the named companies, counted together
    qualified = any(m.qualified for m in ms)
    specific = qualified or any(m.definite for m in ms)
    # "camp", "municipalities": a noun with a group sense among others must be marked
    # as one at least once ("the municipalities"); "deposit balls" is not.
    names_people = any(m.strong for m in ms) or any(m.marked for m in ms)
    if len(ms) == 1:
        # "security forces who fired shots" is scenery; "12,000 asylee hopefuls from
        # Afghanistan who applied" is a group the text sets apart and makes act
        m = ms[0]
        acts = m.function == "possessor" or (m.function == "subject" and m.verb != "be")
        acts = acts or (m.agentive and m.qualified_after)
    else:
        acts = any(m.agentive for m in ms)
    return specific and names_people and acts and (qualified or len(ms) >= GROUP_MIN_MENTIONS)


def _unquantified(text: str) -> str:
    """ "several municipalities" -> "municipalities"; "12,000 asylee hopefuls" likewise."""
    words = text.split()
    while len(words) > 1 and (words[0].lower() in QUANTIFIERS or words[0][:1].isdigit()):
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
    return clean_role(best, {ent.text for ent in article.doc.ents})


def _resolve(
    cluster: Cluster, article: ParsedArticle, facts: ArticleFacts, voices: _Voices
) -> _Resolved | None:
    atype = _type_of(cluster)
    if not _is_actor(cluster, atype, article):
        return None
    role = _role(cluster, atype, article)
    forms = {m.text for m in cluster.mentions}
    forms.update(f for m in cluster.mentions for f in m.forms)
    name = _canonical_name(cluster, atype)
    if atype == "place" and _built_on_body(name):
        # "Valmora Port Authority", whatever label the model gave it; whether it is
        # an actor was decided as for a place (a venue named like a body stays scenery)
        atype = "organization"
    feats = features(
        cluster.mentions,
        article,
        facts,
        pronouns=voices.pronouns[id(cluster)],
        pronoun_speech=voices.pronoun_speech.get(id(cluster), ()),
        speakers=voices.speakers,
        role=role,
    )
    return _Resolved(
        name=name,
        type=atype,
        role=role,
        aliases=tuple(sorted(forms | {name})),
        mentions=len(cluster.mentions),
        features=feats,
        sentences=tuple(sorted({m.sentence for m in cluster.mentions})),
    )


@dataclass(frozen=True)
class _Voices:
    """Who the article's "he"/"she" subjects are, and which sentences have a speaker."""

    pronouns: Counter[int]
    pronoun_speech: dict[int, list[int]]
    speakers: set[int]


def _voices(article: ParsedArticle, clusters: list[Cluster]) -> _Voices:
    people: dict[int, list[Mention]] = {}
    things: dict[int, list[Mention]] = {}
    for c in clusters:
        atype = _type_of(c)
        if not _is_actor(c, atype, article):
            continue
        if atype == "person":
            people[id(c)] = c.mentions
        elif not any(m.plural for m in c.mentions if m.label == GROUP):
            things[id(c)] = c.mentions
    pronouns: Counter[int] = Counter()
    pronoun_speech: dict[int, list[int]] = {}
    speakers = {m.sentence for c in clusters for m in c.mentions if speaks(m)}
    for pid, tok in pronoun_antecedents(article, people, things):
        pronouns[pid] += 1
        verb = tok.head.lemma_.lower()
        if verb in SOURCING_VERBS or is_speech_verb(verb):
            n = article.sentence_number(tok.i)
            pronoun_speech.setdefault(pid, []).append(n)
            speakers.add(n)
    return _Voices(pronouns, pronoun_speech, speakers)


def _resolved(article: ParsedArticle) -> list[_Resolved]:
    """Every actor of the article, with its salience features, in no order."""
    named = split_pairs(named_mentions(article))
    adjectives = [m for m in named if m.label == ADJECTIVE] + prefixed_adjectives(article)
    clusters = cluster_named([m for m in named if m.label != ADJECTIVE], world())
    clusters += cluster_groups(group_mentions(article), clusters, adjectives)
    facts = article_facts(article)
    voices = _voices(article, clusters)
    resolved = [r for c in clusters if (r := _resolve(c, article, facts, voices)) is not None]
    return _merge_same_names(resolved)


def salience_rows(article: ParsedArticle) -> list[tuple[str, tuple[str, ...], dict[str, float]]]:
    """(name, aliases, salience features) of every actor: what the weights are fitted on."""
    return [(r.name, r.aliases, r.features) for r in _resolved(article)]


def extract_actors(
    article: ParsedArticle,
    limit: int = MAX_ACTORS,
    weights: Mapping[str, float] = SALIENCE_WEIGHTS,
) -> tuple[Actor, ...]:
    """The article's actors, most salient first.

    ``weights`` are the salience weights; other values than the shipped ones
    serve the leave-one-out evaluation (weights fitted without the article).
    """
    scored = [(round(score(r.features, weights), 3), r) for r in _resolved(article)]
    scored.sort(key=lambda sr: (-sr[0], sr[1].name))
    return tuple(
        Actor(
            name=r.name,
            type=r.type,
            role=r.role,
            aliases=r.aliases,
            mentions=r.mentions,
            salience=salience,
            evidence=tuple(
                Evidence(s, article.sentences[s - 1].text) for s in r.sentences[:EVIDENCE_PER_ACTOR]
            ),
        )
        for salience, r in scored[:limit]
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
                features={k: sum(r.features[k] for r in rs) for k in FEATURES},
                sentences=tuple(sorted({s for r in rs for s in r.sentences})),
            )
        )
    return out
