"""Stories: briefings on one developing event, grouped, deterministically and incrementally.

Briefings are read in publication order (date, then id), as if each arrived in
turn. Each one is compared with the earlier briefings of the last
:data:`WINDOW_DAYS` days that share one of its most telling terms (an inverted
index from term to briefings, never all pairs) and linked to those that are
alike: TF-IDF cosine over content words, the actors' identifying names and the
days of dated events, at least :data:`LINK`, and one of the names of their
:data:`KEY_ACTORS` most salient named actors in common. A briefing joins the
story of the briefings it links to, or starts one.

Why this shape:

* **Stable under added seeds.** Every decision reads only briefings published
  before (the IDF too is that of the briefings read so far), so a seed newer
  than the others never moves another briefing: it joins a story, starts one or
  merges two. A seed dated before others is read in its place, and the
  decisions after its date are taken again.
* **Ids that last.** A story's id is its first briefing's id; when two stories
  merge the one with the older first briefing keeps its id, and every other
  member id stays valid as a redirect (:attr:`Story.aliases`), so a link to
  the former story still arrives.
* **Look-alike events stay apart.** Two storms of one season share most common
  words; what tells them apart is who and where. The shared-actor requirement
  (an agency each names in passing does not count) and the weight of actor
  names keep them apart; a briefing that resembles two grown stories merges
  them only when the stories resemble each other as a whole (centroid cosine
  at least :data:`MERGE`), else it joins its closest.

Works on :class:`~briefings.model.Briefing` values alone (no language model).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefings.model import Briefing
from briefings.site.actors import identifying_names
from briefings.site.timeline import content_words

#: Days between two briefings beyond which they are never linked directly.
WINDOW_DAYS = 30
#: Cosine of two briefings' vectors from which they are linked.
LINK = 0.30
#: Cosine of two stories' centroids from which a briefing linked to both merges them.
MERGE = 0.30
#: Weight of an actor's identifying name and of an event's day, against a content word.
ACTOR_WEIGHT = 2.0
DATE_WEIGHT = 1.5
#: Most salient named actors of a briefing, one of which a linked briefing must share.
KEY_ACTORS = 3
#: Most telling terms of a briefing looked up in the index.
QUERY_TERMS = 30
#: Windowed postings beyond this length: a term too common to find candidates by.
MAX_POSTINGS = 400
#: Candidates (most shared telling terms first) whose cosine is computed.
CANDIDATES = 40

_ACTOR = "a:"
_DAY = "d:"


@dataclass(frozen=True)
class Story:
    """Briefings on one event, oldest first; its id is the first briefing's id."""

    id: str
    briefings: tuple[Briefing, ...]
    #: Ids of the other members: each is a former story's id when stories merged.
    aliases: tuple[str, ...]

    @property
    def first_date(self) -> str:
        return self.briefings[0].date

    @property
    def last_date(self) -> str:
        return max(b.date for b in self.briefings)

    @property
    def latest(self) -> Briefing:
        """The newest briefing (the last in publication order)."""
        return self.briefings[-1]


def publication_order(briefings: list[Briefing]) -> list[Briefing]:
    return sorted(briefings, key=lambda b: (b.date, b.id))


def term_counts(briefing: Briefing) -> Counter[str]:
    """A briefing's terms: content words (per sentence), actor names and event days.

    Memoised on the frozen briefing (like its JSON text): a serve session
    clusters the same briefings on every rebuild.
    """
    cached = briefing.__dict__.get("_story_terms")
    if cached is not None:
        return cached
    counts: Counter[str] = Counter(content_words(briefing.title))
    for s in briefing.sentences:
        counts.update(content_words(s.text))
    for actor in briefing.actors:
        for key in identifying_names(actor):
            counts[_ACTOR + key] += actor.mentions
    for event in briefing.events:
        if len(event.date) == 10:
            counts[_DAY + event.date] += 1
    object.__setattr__(briefing, "_story_terms", counts)
    return counts


def key_actor_terms(briefing: Briefing) -> set[str]:
    """Identifying names of the briefing's most salient named actors.

    A link needs one of these in common: two articles that share only an actor
    each names in passing (a government, a United Nations agency) are about
    different events.
    """
    named = [(a, names) for a in briefing.actors if (names := identifying_names(a))]
    named.sort(key=lambda an: (-an[0].salience, an[0].name))
    return {_ACTOR + key for _, names in named[:KEY_ACTORS] for key in names}


def _weight(term: str, count: int) -> float:
    boost = ACTOR_WEIGHT if term.startswith(_ACTOR) else DATE_WEIGHT if term.startswith(_DAY) else 1
    return boost * (1.0 + math.log(count))


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors (iterating the smaller)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {t: w / norm for t, w in vec.items()}


class _Clusterer:
    """The state of one pass over briefings in publication order."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self.days: list[int] = []
        self.vectors: list[dict[str, float]] = []
        self.actors: list[set[str]] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.parent: list[int] = []
        #: Root -> sum of its members' unit vectors (the story's centroid, unnormalised).
        self.centroid: dict[int, dict[str, float]] = {}
        self.size: dict[int, int] = {}

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def add(self, briefing: Briefing) -> None:
        terms = term_counts(briefing)
        self.n += 1
        self.df.update(terms.keys())
        n1, df = 1 + self.n, self.df
        vec = _unit(
            {t: _weight(t, c) * (math.log(n1 / (1 + df[t])) + 1.0) for t, c in terms.items()}
        )
        i = len(self.vectors)
        day = dt.date.fromisoformat(briefing.date).toordinal()
        actors = key_actor_terms(briefing)
        telling = heapq.nlargest(QUERY_TERMS, vec, key=lambda t: (vec[t], t))
        links = self._links(vec, telling, actors, day)
        self.vectors.append(vec)
        self.actors.append(actors)
        self.days.append(day)
        self.parent.append(i)
        self.centroid[i] = dict(vec)
        self.size[i] = 1
        self._join(i, links)
        # Index the most telling terms only: rarer ones find the same candidates.
        for term in telling:
            self.postings[term].append(i)

    def _links(
        self, vec: dict[str, float], telling: list[str], actors: set[str], day: int
    ) -> list[tuple[float, int]]:
        """Earlier briefings alike enough to link to: (cosine, index), best first."""
        start = bisect.bisect_left(self.days, day - WINDOW_DAYS)
        shared: Counter[int] = Counter()
        for term in telling:
            posting = self.postings.get(term)
            if not posting:
                continue
            lo = bisect.bisect_left(posting, start)
            if len(posting) - lo > MAX_POSTINGS:
                continue
            for j in posting[lo:]:
                shared[j] += 1
        candidates = heapq.nsmallest(CANDIDATES, shared.items(), key=lambda kv: (-kv[1], kv[0]))
        links = []
        for j, _ in candidates:
            if not (actors & self.actors[j]):
                continue
            score = _cosine(vec, self.vectors[j])
            if score >= LINK:
                links.append((score, j))
        links.sort(key=lambda sj: (-sj[0], sj[1]))
        return links

    def _join(self, i: int, links: list[tuple[float, int]]) -> None:
        """Put briefing ``i`` into the story of its links; merge grown stories only when alike."""
        best: dict[int, float] = {}
        for score, j in links:
            r = self.root(j)
            best[r] = max(best.get(r, 0.0), score)
        if not best:
            return
        order = sorted(best, key=lambda r: (-best[r], r))
        home = order[0]
        self._union(home, i)
        for other in order[1:]:
            grown = self.size[other] > 1 and self.size[self.root(home)] > 1
            if (
                grown
                and _centroid_cosine(self.centroid[self.root(home)], self.centroid[other]) < MERGE
            ):
                continue
            self._union(self.root(home), other)

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return
        keep, gone = min(ra, rb), max(ra, rb)  # the older first briefing keeps the id
        self.parent[gone] = keep
        big, small = self.centroid[keep], self.centroid.pop(gone)
        if len(big) < len(small):
            big, small = small, big
        for t, w in small.items():
            big[t] = big.get(t, 0.0) + w
        self.centroid[keep] = big
        self.size[keep] += self.size.pop(gone)


def _centroid_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    na = math.sqrt(sum(w * w for w in a.values())) or 1.0
    nb = math.sqrt(sum(w * w for w in b.values())) or 1.0
    return _cosine(a, b) / (na * nb)


def cluster(briefings: list[Briefing]) -> list[Story]:
    """Every story of two or more briefings, most recently active first.

    A pure function of the briefings (their order in the list does not matter).
    """
    ordered = publication_order(briefings)
    state = _Clusterer()
    for b in ordered:
        state.add(b)
    members: dict[int, list[Briefing]] = defaultdict(list)
    for i, b in enumerate(ordered):
        members[state.root(i)].append(b)
    stories = [
        Story(id=group[0].id, briefings=tuple(group), aliases=tuple(b.id for b in group[1:]))
        for group in members.values()
        if len(group) > 1
    ]
    return sort_recently_active(stories)


def sort_recently_active(stories: list[Story]) -> list[Story]:
    """Stories whose newest briefing is newest first (ties: the older story first)."""
    by_first = sorted(stories, key=lambda s: (s.first_date, s.id))
    return sorted(by_first, key=lambda s: s.last_date, reverse=True)
