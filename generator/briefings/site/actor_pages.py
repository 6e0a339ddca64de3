"""Which actors get a page, and the actors index as pages of a bounded size.

An archive names most actors once: a page per actor named in a single briefing
would hold one line that its briefing already shows, and such pages are most
of a large site. An actor gets a page when two or more briefings name it
(:func:`has_page`); the others stay in their briefing's key actors (its text is
indexed by search) and in the actors index, which links them to that briefing.

The index is cut by type and by the first letter of the name:
``actors/index.md`` shows each type's letters with their counts and its
most-covered actors; ``actors/<type>/<letter>.md`` lists that letter's actors,
continuing on ``-2.md``, ``-3.md``… past :data:`INDEX_ROWS`. Actor pages list at
most :data:`ACTOR_BRIEFINGS` briefings and :data:`ACTOR_EVENTS` events, newest
first, and say how many more there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from briefings.ingest.seeds import slugify
from briefings.model import ACTOR_TYPES, Briefing, Event
from briefings.site.actors import ActorEntry, name_key
from briefings.site.page_links import part_uri, parts
from briefings.site.render import Renderer, Trusted

ACTORS_DIR = "actors"
ACTORS_INDEX_URI = f"{ACTORS_DIR}/index.md"
#: Briefings that must name an actor for it to have a page of its own.
MIN_BRIEFINGS = 2
#: Rows of one page of the actors index.
INDEX_ROWS = 300
#: Most-covered actors of each type on the index's first page.
TOP_ACTORS = 10
#: Briefings and dated events an actor page lists (newest first); the rest are counted.
ACTOR_BRIEFINGS = 100
ACTOR_EVENTS = 100
#: Plural headings of the types.
TYPE_NAMES = {
    "person": "People",
    "organization": "Organizations",
    "country": "Countries",
    "place": "Places",
    "group": "Groups",
}


def briefing_count(entry: ActorEntry) -> int:
    return len({b.id for b, _ in entry.appearances})


def mention_count(entry: ActorEntry) -> int:
    return sum(a.mentions for _, a in entry.appearances)


def has_page(entry: ActorEntry) -> bool:
    """Whether the actor has a page of its own: two or more briefings name it."""
    return briefing_count(entry) >= MIN_BRIEFINGS


def actor_uri(entry: ActorEntry) -> Trusted:
    return Trusted(f"{ACTORS_DIR}/{entry.slug}.md")


def actor_link(from_uri: str, entry: ActorEntry) -> Trusted | None:
    """A relative link from a generated page to the actor's page; None when it has none."""
    if not has_page(entry):
        return None
    return Trusted("../" * from_uri.count("/") + actor_uri(entry))


def letter_of(name: str) -> str:
    """The index letter of a name: ``a``–``z`` (accents folded), ``0-9``, or ``other``."""
    first = name_key(name)[:1]
    if "a" <= first <= "z":
        return first
    return "0-9" if first.isdigit() else "other"


def letter_label(letter: str) -> str:
    return {"0-9": "0–9", "other": "Other"}.get(letter, letter.upper())


def type_label(atype: str) -> str:
    return TYPE_NAMES.get(atype, atype.capitalize())


def letter_uri(atype: str, letter: str, part: int = 1) -> Trusted:
    return part_uri(f"{ACTORS_DIR}/{slugify(atype)}/{letter}.md", part)


@dataclass(frozen=True)
class Letter:
    """The actors of one type whose names start with one letter, A–Z."""

    atype: str
    letter: str
    entries: tuple[ActorEntry, ...]
    pages: tuple[tuple[ActorEntry, ...], ...]

    @property
    def uri(self) -> Trusted:
        return letter_uri(self.atype, self.letter)

    @property
    def label(self) -> str:
        return letter_label(self.letter)


@dataclass(frozen=True)
class TypeGroup:
    atype: str
    letters: tuple[Letter, ...]
    #: The most-covered actors with a page, most briefings first.
    top: tuple[ActorEntry, ...]

    @property
    def label(self) -> str:
        return type_label(self.atype)

    @property
    def n_actors(self) -> int:
        return sum(len(letter.entries) for letter in self.letters)


def _coverage(e: ActorEntry) -> tuple[int, int, str]:
    return (-briefing_count(e), -mention_count(e), e.name)


def index_groups(entries: dict[str, ActorEntry]) -> list[TypeGroup]:
    """Actors by type (in the model's type order), then by letter; most briefings first,
    as the sortable table marks it (assets/javascripts/briefings.js)."""
    by_type: dict[str, list[ActorEntry]] = defaultdict(list)
    for entry in entries.values():
        by_type[entry.type].append(entry)
    order = {t: i for i, t in enumerate(ACTOR_TYPES)}
    groups = []
    for atype in sorted(by_type, key=lambda t: (order.get(t, len(order)), t)):
        by_letter: dict[str, list[ActorEntry]] = defaultdict(list)
        for entry in by_type[atype]:
            by_letter[letter_of(entry.name)].append(entry)
        letters = []
        for letter in sorted(by_letter, key=lambda k: (k == "other", k != "0-9", k)):
            group = sorted(by_letter[letter], key=lambda e: (*_coverage(e), e.slug))
            pages = tuple(map(tuple, parts(group, INDEX_ROWS)))
            letters.append(Letter(atype, letter, tuple(group), pages))
        top = sorted((e for e in by_type[atype] if has_page(e)), key=_coverage)[:TOP_ACTORS]
        groups.append(TypeGroup(atype, tuple(letters), tuple(top)))
    return groups


def single_briefing(entry: ActorEntry) -> Briefing:
    """The briefing of an actor named in one briefing (its newest, should it be named twice)."""
    return entry.appearances[0][0]


def actors_index_pages(
    entries: dict[str, ActorEntry], renderer: Renderer, ctx: dict[str, Any]
) -> list[tuple[str, str, bool]]:
    """(uri, content, in_nav) of the actors index and of every letter page."""
    groups = index_groups(entries)
    n_pages = sum(1 for e in entries.values() if has_page(e))
    common = {**ctx, "letter_uri": letter_uri, "single_briefing": single_briefing}
    pages = [
        (
            ACTORS_INDEX_URI,
            renderer.render(
                "actors_index.md.j2",
                groups=groups,
                n_actors=len(entries),
                n_pages=n_pages,
                min_briefings=MIN_BRIEFINGS,
                uri=ACTORS_INDEX_URI,
                **common,
            ),
            True,
        )
    ]
    for group in groups:
        for letter in group.letters:
            for n, rows in enumerate(letter.pages, start=1):
                uri = letter_uri(group.atype, letter.letter, n)
                content = renderer.render(
                    "actors_letter.md.j2",
                    group=group,
                    letter=letter,
                    rows=rows,
                    part=n,
                    uri=uri,
                    **common,
                )
                pages.append((uri, content, False))
    return pages


def newest_events(events: list[tuple[Briefing, Event]]) -> list[tuple[Briefing, Event]]:
    """The latest :data:`ACTOR_EVENTS` of an actor's events, still in date order."""
    return events[-ACTOR_EVENTS:] if len(events) > ACTOR_EVENTS else events
