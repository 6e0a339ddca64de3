"""Key actors: who the article is about, one entry per real-world entity.

A pure function of the parsed article. Named-entity mentions are cleaned
(possessives, hyphenated compounds, leading articles), grouped into one actor per
entity (surname-only mentions join the full name, demonyms join their country),
given a type, the role the text states, and a salience score.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import Actor, Evidence
from .nlp import ParsedArticle

_LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "country",
    "NORP": "group",
    "LOC": "place",
    "FAC": "place",
}

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass
class _Mention:
    text: str
    label: str
    sentence: int
    start: int
    is_subject: bool


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)

    @property
    def forms(self) -> Counter[str]:
        return Counter(m.text for m in self.mentions)


def _clean_surface(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    text = _POSSESSIVE.sub("", text).strip(" -–—,.;:\"'")
    return re.sub(r"\s+", " ", text)


def _split_compound(text: str) -> list[str]:
    """``Trump-Putin`` names two actors; ``Al-Assad`` (lower-case after) one."""
    parts = [p for p in re.split(r"(?<=[a-z])-(?=[A-Z])", text) if p]
    return parts if len(parts) > 1 else [text]


def _mentions(article: ParsedArticle) -> list[_Mention]:
    out: list[_Mention] = []
    for ent in article.doc.ents:
        label = ent.label_
        if label not in _LABEL_TYPES:
            continue
        sent_no = article.sentence_number(ent.start)
        subj = any(t.dep_ in ("nsubj", "nsubjpass") for t in ent)
        for part in _split_compound(_clean_surface(ent.text)):
            part = _clean_surface(part)
            if not part or not part[0].isalpha() or not any(c.isupper() for c in part):
                continue
            out.append(_Mention(part, label, sent_no, ent.start, subj))
    return out


def _role_before(article: ParsedArticle, ent_start: int) -> str | None:
    """Title words before a name: "US President Donald Trump" -> "US President"."""
    doc = article.doc
    words: list[str] = []
    i = ent_start - 1
    while i >= 0 and doc[i].sent.start == doc[ent_start].sent.start:
        tok = doc[i]
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i >= ent_start:
            words.append(tok.text)
            i -= 1
            continue
        if tok.ent_type_ in ("GPE", "NORP") and words:
            words.append(tok.text)
            i -= 1
            continue
        break
    words.reverse()
    role = " ".join(words).strip()
    return role if role and any(w[0].islower() or w[0].isupper() for w in words) else None


def _cluster(mentions: list[_Mention]) -> list[_Cluster]:
    """Group mentions by entity: exact form, then surname and demonym links."""
    by_form: dict[str, _Cluster] = {}
    for m in mentions:
        by_form.setdefault(m.text, _Cluster()).mentions.append(m)
    forms = sorted(by_form, key=lambda f: (-len(f.split()), -len(f), f))
    parent: dict[str, str] = {}
    for form in forms:
        label = Counter(m.label for m in by_form[form].mentions).most_common(1)[0][0]
        target = None
        for longer in forms:
            if longer == form or len(longer.split()) <= len(form.split()):
                continue
            if longer in parent:
                continue
            lw = longer.split()
            if label in ("PERSON", "ORG") and form.split() == lw[-len(form.split()) :]:
                target = longer
                break
            if label == "NORP" and _demonym_of(form, longer):
                target = longer
                break
        if label == "NORP" and target is None:
            for other in forms:
                if other != form and _demonym_of(form, other):
                    target = other
                    break
        if target is not None:
            parent[form] = target
    clusters: dict[str, _Cluster] = {}
    for form in forms:
        root, seen = form, {form}
        while root in parent and parent[root] not in seen:
            root = parent[root]
            seen.add(root)
        clusters.setdefault(root, _Cluster()).mentions.extend(by_form[form].mentions)
    return list(clusters.values())


def _demonym_of(demonym: str, name: str) -> bool:
    """Whether ``demonym`` ("Russian", "Israelis") is the people of ``name`` ("Russia")."""
    d = demonym.lower().rstrip("s")
    n = name.lower()
    if " " in n or len(n) < 4:
        return False
    for suffix in ("ian", "an", "ese", "i", "ish", "n"):
        if d.endswith(suffix) and len(d) - len(suffix) >= 3:
            stem = d[: -len(suffix)]
            if n.startswith(stem) and len(n) - len(stem) <= 2:
                return True
    return False


def extract_actors(article: ParsedArticle, limit: int = 25) -> tuple[Actor, ...]:
    """The article's actors, most salient first."""
    mentions = _mentions(article)
    if not mentions:
        return ()
    n_sents = max(len(article.sents), 1)
    actors: list[Actor] = []
    for cluster in _cluster(mentions):
        labels = Counter(m.label for m in cluster.mentions)
        label = labels.most_common(1)[0][0]
        non_demonym = [m for m in cluster.mentions if m.label != "NORP"]
        name_pool = Counter(m.text for m in (non_demonym or cluster.mentions))
        name = max(name_pool, key=lambda f: (len(f.split()), name_pool[f], len(f), f))
        if label == "NORP" and non_demonym:
            label = Counter(m.label for m in non_demonym).most_common(1)[0][0]
        atype = _LABEL_TYPES[label]
        roles = Counter(
            r
            for m in cluster.mentions
            if m.label == "PERSON" and (r := _role_before(article, m.start))
        )
        role = max(roles, key=lambda r: (roles[r], len(r), r)) if roles else None
        first = min(m.sentence for m in cluster.mentions)
        count = len(cluster.mentions)
        subj = sum(m.is_subject for m in cluster.mentions)
        salience = count + 0.5 * subj + 2.0 * (1 - (first - 1) / n_sents)
        sents = sorted({m.sentence for m in cluster.mentions})
        evidence = tuple(Evidence(s, article.sentences[s - 1].text) for s in sents[:5])
        actors.append(
            Actor(
                name=name,
                type=atype,
                role=role,
                aliases=tuple(sorted(cluster.forms)),
                mentions=count,
                salience=round(salience, 3),
                evidence=evidence,
            )
        )
    actors.sort(key=lambda a: (-a.salience, a.name))
    return tuple(actors[:limit])
