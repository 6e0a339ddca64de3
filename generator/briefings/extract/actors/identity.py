"""One cluster of mentions per real-world entity in an article.

Mentions are linked when a reader would take them for the same entity:

* the same name, up to case, accents, dots and a leading "the";
* the same country: its name, another name ("US", "U.S."), its demonym
  ("Russian", "Israelis"), its capital when the capital acts ("Moscow said") or
  a seat of its government when the seat acts ("the Kremlin said", "a deal with
  the White House"); a three-letter code ("IMN") only when the article names
  that country too or the model reads the code as a place;
* a shorter name that ends a longer one, when only one longer name fits
  ("Trump" -> "Donald Trump", "the Court" -> "Supreme Court"), whatever label
  the model gave the short one — a person's surname goes to the one person
  even when things bear the name too ("Warhol" -> "Andy Warhol", not
  "Warhol Factory"); a given name alone that begins one person's name
  ("Daniel" -> "Daniel Montalvo"); a one-word place name that begins the name
  of one country ("the South" -> "South Korea"); or that begins one organisation's name
  ("Brisk" -> "Brisk Holdings"; a place name only when it is never where
  something happens: "beat Halden" is Halden Rovers, "in Halden" is the town);
* a short name in brackets after a long one ("... of Colombia (FARC)");
* a spelling variant with strong evidence: a stray plural ("Trumps", "Kremlins"
  beside "Kremlin") or a one-word difference with high rapidfuzz similarity
  ("Zelensky"/"Zelenskyy") between names of the same kind.

A hyphenated pair ("Trump-Putin's call") is split into its two names when both
are names the article uses elsewhere.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from briefings.extract.actors.mentions import GROUP, Mention
from briefings.lexicon.world import Country, World, first_sense_is_actor, fold, is_given_name

#: Minimum rapidfuzz ratio for two differing words to be one name's spellings.
FUZZY_WORD_RATIO = 88.0
#: Shortest word that fuzzy matching may change (short names differ in one letter).
FUZZY_MIN_LENGTH = 5

_PERSONISH = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Cluster:
    """The mentions of one entity, and what the article says it is."""

    mentions: list[Mention] = field(default_factory=list)
    country: Country | None = None

    @property
    def forms(self) -> Counter[str]:
        return Counter(m.text for m in self.mentions)

    def labels(self) -> Counter[str]:
        return Counter(m.label for m in self.mentions)


class _Links:
    """Union-find over form keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # deterministic: the lexicographically smaller root wins
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _acronym(text: str) -> bool:
    return text.isupper() and len(text) >= 2


def _label(mentions: list[Mention]) -> str:
    return Counter(m.label for m in mentions).most_common(1)[0][0]


def _suffix(short: list[str], long: list[str]) -> bool:
    return len(short) < len(long) and long[-len(short) :] == short


def _prefix(short: list[str], long: list[str]) -> bool:
    return len(short) < len(long) and long[: len(short)] == short


def _contains(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _plural_variant(a: str, b: str) -> bool:
    """ "Trumps"/"Trump", "Ukraines"/"Ukraine": a stray plural or possessive s."""
    return len(b) >= 4 and (a == b + "s" or b == a + "s")


def spelling_variants(a: list[str], b: list[str]) -> bool:
    """Two names' words (folded): the same but one, written two ways.

    "zelensky"/"zelenskyy" (rapidfuzz ratio at least :data:`FUZZY_WORD_RATIO`,
    both words at least :data:`FUZZY_MIN_LENGTH` letters) or "trumps"/"trump"
    (a stray plural or possessive s).
    """
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and word_variants(*diff[0])


@functools.lru_cache(maxsize=1 << 16)
def word_variants(x: str, y: str) -> bool:
    """Two different (folded) words written two ways, as :func:`spelling_variants`
    compares them; symmetric, and memoised for archives of many names."""
    if _plural_variant(x, y):
        return True
    return min(len(x), len(y)) >= FUZZY_MIN_LENGTH and fuzz.ratio(x, y) >= FUZZY_WORD_RATIO


def _same_stem(a: str, b: str) -> bool:
    """ "pan-democrats" and "pan-democracy": one prefix, one stem (six letters in common)."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    pa, _, sa = a.partition("-")
    pb, _, sb = b.partition("-")
    return bool(sa and sb) and pa == pb and len(sa) >= 6 and sa[:6] == sb[:6]


def split_pairs(mentions: list[Mention]) -> list[Mention]:
    """ "Trump-Putin" -> "Trump" and "Putin", when both are names used elsewhere."""
    words: set[str] = set()
    for m in mentions:
        if m.pair is None and m.label != GROUP:
            words.add(fold(m.text))
            if m.label == "PERSON":
                words.add(fold(m.text).split()[-1])
    out: list[Mention] = []
    for m in mentions:
        if m.pair and all(fold(p) in words for p in m.pair):
            for part in m.pair:
                out.append(replace(m, text=part, label="PERSON", pair=None, forms=[]))
        else:
            out.append(m)
    return out


def cluster_named(mentions: list[Mention], world: World) -> list[Cluster]:
    """Group named mentions into one cluster per entity."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[fold(m.text)].append(m)
    links = _Links()
    countries: dict[str, Country] = {}
    surnames = {fold(m.text).split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
    named_countries = {
        c.name
        for k in by_key
        if not world.is_code(k) and (c := world.country(k) or world.demonym(k))
    }
    for key, ms in by_key.items():
        links.find(key)
        country = world.country(key)
        if (
            country is not None
            and world.is_code(key)
            and country.name not in named_countries
            and not any(m.label == "GPE" for m in ms)
        ):
            country = None  # "IMN", a weather service's initials, not the Isle of Man
        if country is None and any(m.label == "NORP" for m in ms):
            country = world.demonym(key)
        if country is None and (
            any(m.label == "GPE" for m in ms) or (" " not in key and key not in surnames)
        ):
            # "Washington said", "Kyiv wants" (whatever label the model gave the
            # capital): the government acting, unless the word is a person's surname.
            capital = world.capital(key)
            if capital is not None and any(m.function != "location" for m in ms):
                country = capital
        seat = world.seat(key) if country is None else None
        if seat is not None and any(m.function != "location" for m in ms):
            # "the Kremlin said", "a deal with the White House": the government acting;
            # "arrived at the White House" is the building.
            country = seat
        if country is not None:
            node = "country:" + country.name
            countries[node] = country
            links.union(key, node)
        for m in ms:
            for alias in m.forms:
                links.union(key, fold(alias))
    # Shorter names that end (or, for organisations, sit inside) one longer name.
    keys = sorted(by_key, key=lambda k: (-len(k.split()), k))
    label_of = {k: _label(ms) for k, ms in by_key.items()}  # asked for every pair of keys
    for short in keys:
        sw = short.split()
        if world.country(short) or world.demonym(short):
            continue
        short_label = label_of[short]
        roots = set()
        people = set()  # longer personal names the short one ends: "Warhol" of "Andy Warhol"
        given = set()  # or begins with a given name: "Daniel" of "Daniel Montalvo"
        for long in keys:
            lw = long.split()
            if len(lw) <= len(sw):
                break
            long_label = label_of[long]
            if long_label == "PERSON" and short_label in _PERSONISH and _suffix(sw, lw):
                roots.add(links.find(long))
                people.add(links.find(long))
            elif (
                long_label == "PERSON"
                and short_label == "PERSON"
                and len(sw) == 1
                and _prefix(sw, lw)
                and is_given_name(sw[0])
            ):
                given.add(links.find(long))
            elif long_label == "ORG" and short_label in ("ORG", "PERSON"):
                if _suffix(sw, lw) or (len(sw) > 1 and _contains(sw, lw)):
                    roots.add(links.find(long))
                elif len(sw) == 1 and lw[0] == sw[0] and _acronym(by_key[short][0].text):
                    roots.add(links.find(long))  # "CBC" -> "CBC News"
                elif _prefix(sw, lw) and not all(m.function == "location" for m in by_key[short]):
                    # "Brisk" -> "Brisk Holdings"; "workers in Valmora" stay in the
                    # town, whatever label the model gave it, not the Valmora Port Authority
                    roots.add(links.find(long))
            elif (
                len(sw) == 1
                and short_label in _PLACE_LABELS
                and _prefix(sw, lw)
                and (world.country(long) or world.demonym(long))
            ):
                roots.add(links.find(long))  # "the South" -> "South Korea"
            elif (
                long_label == "ORG"
                and short_label in _PLACE_LABELS
                and _prefix(sw, lw)
                and not world.capital(short)
                and not world.seat(short)
                and all(m.function != "location" for m in by_key[short])
            ):
                roots.add(links.find(long))  # "beat Halden" -> "Halden Rovers", not "in Halden"
        if short_label == "PERSON" and len(people) == 1:
            # a person's surname names the person, not the things named after them
            # ("Warhol" beside "Andy Warhol" and "Warhol Factory")
            links.union(short, people.pop())
        elif len(roots) == 1:
            links.union(short, roots.pop())
        elif not roots and len(given) == 1 and short not in surnames:
            links.union(short, given.pop())
    # Spelling variants of names of the same kind.
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if links.find(a) == links.find(b):
                continue
            la, lb = label_of[a], label_of[b]
            same_kind = (la in _PERSONISH and lb in _PERSONISH) or (
                la in _PLACE_LABELS and lb in _PLACE_LABELS
            )
            if not same_kind:
                continue
            aw, bw = a.split(), b.split()
            if spelling_variants(aw, bw) or (
                len(bw) == 1
                and lb == "PERSON"
                and la == "PERSON"
                and spelling_variants(aw[-1:], bw)
            ):
                links.union(a, b)
    clusters: dict[str, Cluster] = {}
    for key in sorted(by_key):
        root = links.find(key)
        cluster = clusters.setdefault(root, Cluster())
        cluster.mentions.extend(by_key[key])
    for node, country in countries.items():
        root = links.find(node)
        if root in clusters:
            clusters[root].country = country
    return [c for c in clusters.values() if c.mentions]


#: The lemmas of WordNet's organization.n.01, the most general noun for what the
#: model labels ORG: "the organization" points back at the organisation just named.
ORGANIZATION_NOUNS = frozenset({"organization", "organisation"})
#: How many sentences back "the organization" may look for its antecedent.
ANAPHOR_REACH = 2


def _nearest_organisation(anaphor: Mention, named: list[Cluster]) -> Cluster | None:
    """The organisation named last before ``anaphor``, within :data:`ANAPHOR_REACH`
    sentences, skipping the subject of the anaphor's own sentence (a name and a
    description in one clause are two entities: "X hired the organization")."""
    best: tuple[int, Cluster] | None = None
    for c in named:
        if c.country is not None or c.labels().most_common(1)[0][0] != "ORG":
            continue
        for m in c.mentions:
            if m.start >= anaphor.start or m.sentence < anaphor.sentence - ANAPHOR_REACH:
                continue
            if m.sentence == anaphor.sentence and m.function == "subject":
                continue
            if best is None or m.start > best[0]:
                best = (m.start, c)
    return best[1] if best else None


#: A group cluster's key: the mention's key words (head first) and whether it is plural.
_GroupKey = tuple[tuple[str, ...], bool]


def cluster_groups(
    mentions: list[Mention], named: list[Cluster], adjectives: Sequence[Mention] = ()
) -> list[Cluster]:
    """Group common-noun mentions: one cluster per group the article names.

    * "the council" joins the one named organisation ending in "Council";
    * "the M5S party" joins the organisation "M5S" it is qualified by;
    * a bare "the team" joins the qualified team the article names most
      ("the Afghan team"), when one outnumbers the others;
    * "pro-Beijing" alone joins the one group qualified by it ("pro-Beijing camp");
    * "the organization" joins the organisation named just before it;
    * "the girls" joins the team "which consists entirely of girls".
    """
    org_heads: dict[str, dict[int, Cluster]] = defaultdict(dict)
    org_names: dict[str, dict[int, Cluster]] = defaultdict(dict)
    described: dict[str, dict[int, Cluster]] = defaultdict(dict)
    for c in named:
        for m in c.mentions:
            for noun in m.classes:
                described[noun][id(c)] = c
        label = c.labels().most_common(1)[0][0]
        if label in ("ORG", "FAC", "GPE", "LOC") and c.country is None:
            for form in c.forms:
                org_heads[form.split()[-1].lower()][id(c)] = c
        if label in ("ORG", "PERSON") and c.country is None:
            for form in {*c.forms, *(f for m in c.mentions for f in m.forms)}:
                org_names[fold(form)][id(c)] = c
    by_key: dict[_GroupKey, list[Mention]] = defaultdict(list)
    for m in mentions:
        head, mods = m.key[0], m.key[1:]
        if head in ORGANIZATION_NOUNS and not mods and not m.plural and m.definite:
            antecedent = _nearest_organisation(m, named)
            if antecedent is not None:
                antecedent.mentions.append(m)  # "the organization plans": the one named
                continue
        targets = org_heads.get(head, {}) if not mods and not m.plural and m.definite else {}
        if len(mods) == 1 and not m.plural and first_sense_is_actor(head):
            targets = org_names.get(fold(mods[0]), {})  # "the M5S party", "the Monti government"
        if not targets and not mods and not m.plural and m.definite:
            # "the service" after "the national weather service, IMN"; not in a
            # sentence that names it ("the group wanted to double Norvale's exports"
            # is not Norvale: a name and a description in one clause are two)
            targets = {
                k: c
                for k, c in described.get(head, {}).items()
                if all(x.sentence != m.sentence for x in c.mentions)
            }
        if len(targets) == 1:
            next(iter(targets.values())).mentions.append(m)
            continue
        by_key[(m.key, m.plural)].append(m)
    counts: dict[tuple[str, bool], Counter[_GroupKey]] = defaultdict(Counter)
    for key, plural in by_key:
        if len(key) > 1:
            counts[(key[0], plural)][(key, plural)] = len(by_key[(key, plural)])
    clusters: dict[_GroupKey, Cluster] = {}
    for (key, plural), ms in sorted(by_key.items()):
        target = (key, plural)
        ranked = counts[(key[0], plural)].most_common(2)
        dominant = ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
        if len(key) == 1 and dominant:
            # only "the team" points back at a team named before; "teams" is any team
            back = [m for m in ms if m.definite and not plural]
            if back:
                clusters.setdefault(ranked[0][0], Cluster()).mentions.extend(back)
            ms = [m for m in ms if not (m.definite and not plural)]
            if not ms:
                continue
        clusters.setdefault(target, Cluster()).mentions.extend(ms)
    # "the girls" after "the team, which consists entirely of girls": the team
    member_of: dict[str, set[int]] = defaultdict(set)
    for cluster in clusters.values():
        for m in cluster.mentions:
            for lemma in m.members:
                member_of[lemma].add(id(cluster))
    by_id = {id(c): c for c in clusters.values()}
    for (key, plural), cluster in list(clusters.items()):
        owners = member_of.get(key[0], set()) if plural and len(key) == 1 else set()
        if len(owners) != 1:
            continue
        owner = by_id[next(iter(owners))]
        back = [m for m in cluster.mentions if m.definite]
        owner.mentions.extend(back)
        cluster.mentions = [m for m in cluster.mentions if not m.definite]
        if not cluster.mentions:
            del clusters[(key, plural)]
    for adj in adjectives:
        qualified = [
            (len(key), c)
            for (key, _), c in clusters.items()
            if any(_same_stem(adj.text, k) for k in key[1:])
        ]
        if any(m.start <= adj.start < m.end for _, c in qualified for m in c.mentions):
            continue  # the group's own phrase: "the localist camp"
        # "pro-Beijing camp" over "pro-Beijing camp candidates": the group itself
        fewest = min((n for n, _ in qualified), default=0)
        closest = [c for n, c in qualified if n == fewest]
        if len(closest) == 1:
            owner = closest[0]
            owner.mentions.append(replace(adj, label=GROUP, key=owner.mentions[0].key))
    return list(clusters.values())
