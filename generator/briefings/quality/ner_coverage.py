"""Repeated named entities: do the actors hold what the article keeps naming?

Actor precision and recall depend on what a gold file chose to list. This
measure asks a question any article answers on its own: the names the article
repeats are the ones a reader expects among its actors. Two figures per article:

* ``ner_held``: of spaCy's own named entities of an actor-like label
  (:data:`REPEATED_LABELS`) that the article mentions at least twice — grouped
  by normalised text, a leading "the" and a possessive "'s" left out — the
  share whose text is the name or an alias of some actor. ``ner_held_org`` is
  the same over the entities spaCy labels ``ORG``, where losses are largest.
* ``rep_gold``: of the gold actors with a name that the text mentions at least
  twice (any of their names or aliases, counted in the text), the share that an
  actor matches, by the actor scoring's name rule. Its baseline is spaCy's NER
  itself: the share whose name or alias is the text of some spaCy entity. The
  actors should hold at least as many as the entities do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from briefings.model import Actor
from briefings.nlp.parse import ParsedArticle
from briefings.site.actors import name_key

#: Entity labels that can name an actor: people, groups, organisations, places.
REPEATED_LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC")
#: An entity named this often is one the reader expects among the actors.
MIN_REPEATS = 2

_LEADING_THE = re.compile(r"^(the|The|THE)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def entity_key(text: str) -> str:
    """The normalised text of an entity: "the United States'" -> "united states"."""
    return name_key(_POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip())))


def repeated_entities(article: ParsedArticle) -> dict[str, str]:
    """Normalised text -> most frequent label of every entity named twice or more."""
    counts: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {}
    for ent in article.doc.ents:
        if ent.label_ not in REPEATED_LABELS:
            continue
        key = entity_key(ent.text)
        if not key:
            continue
        counts[key] += 1
        labels.setdefault(key, Counter())[ent.label_] += 1
    return {k: labels[k].most_common(1)[0][0] for k, n in counts.items() if n >= MIN_REPEATS}


def actor_keys(actors: Iterable[Actor]) -> set[str]:
    """The normalised names and aliases of the actors."""
    return {k for a in actors for k in (entity_key(x) for x in (a.name, *a.aliases)) if k}


def entity_keys(article: ParsedArticle) -> set[str]:
    """The normalised texts of spaCy's entities of an actor-like label."""
    return {entity_key(e.text) for e in article.doc.ents if e.label_ in REPEATED_LABELS}


def _share(held: int, total: int) -> float:
    return held / total if total else 1.0


def ner_held(article: ParsedArticle, keys: set[str]) -> dict[str, float]:
    """Shares of the repeated spaCy entities (all, and organisations) whose text is
    among ``keys`` (:func:`actor_keys`)."""
    repeated = repeated_entities(article)
    orgs = [k for k, label in repeated.items() if label == "ORG"]
    return {
        "ner_held": _share(sum(k in keys for k in repeated), len(repeated)),
        "ner_held_org": _share(sum(k in keys for k in orgs), len(orgs)),
    }


def _gold_names(g: dict[str, Any]) -> list[str]:
    return [x for x in dict.fromkeys([g["name"], *g.get("aliases", ())]) if x.strip()]


def _named(g: dict[str, Any]) -> bool:
    """A gold actor with a proper name (GUM says so; otherwise a capitalised name)."""
    if "named" in g:
        return bool(g["named"])
    return any(w[:1].isupper() for w in g["name"].split())


def text_mentions(text: str, names: Sequence[str]) -> int:
    """How often the text names the actor: non-overlapping, longest name first,
    whole words, case as written (a name's capitals are part of it)."""
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
    return len(taken)


def repeated_gold(article: ParsedArticle, gold: list[dict[str, Any]]) -> list[frozenset[str]]:
    """The name keys of each named gold actor the text mentions twice or more."""
    out = []
    for g in gold:
        names = _gold_names(g)
        if _named(g) and text_mentions(article.doc.text, names) >= MIN_REPEATS:
            out.append(frozenset(k for k in map(entity_key, names) if k))
    return out


def rep_gold_held(
    article: ParsedArticle, gold: list[dict[str, Any]], keys: set[str]
) -> dict[str, float]:
    """Share of the repeated named gold actors one of whose names is among ``keys``:
    the actors' (:func:`actor_keys`) or spaCy's entities' (:func:`entity_keys`)."""
    wanted = repeated_gold(article, gold)
    return {"rep_gold": _share(sum(bool(w & keys) for w in wanted), len(wanted))}
