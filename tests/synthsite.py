"""A synthetic archive of many briefings, built as Briefing values (no language model).

Shaped to stress the pages that cut across briefings: actors drawn with Zipf
weights (a few named in hundreds of briefings, most once), half the events in
one busy month, and one event that hundreds of briefings report on the same day.
Deterministic: the same count gives the same briefings.
"""

from __future__ import annotations

import random

from briefings.model import Actor, Briefing, Event, Evidence, Question, Sentence, Source
from briefings.model import SummarySentence as Summ

FIRST = ["Anna", "Pavel", "Marta", "Jonas", "Ilse", "Tomas", "Rhea", "Oskar", "Lena", "Ivo"]
LAST = ["Lind", "Morek", "Varga", "Holm", "Dervi", "Castell", "Brun", "Okafor", "Sato", "Quist"]
WORDS = ["harbour", "rail", "water", "grain", "power", "bridge", "school", "court", "port", "dam"]
COUNTRIES = ["Norland", "Estovia", "Velm", "Harwick", "Sarn", "Ostara", "Belmark", "Tirsa"]


def _people() -> list[str]:
    """Every two-word name (100) and, for the long tail, three-word ones."""
    two = [f"{f} {last}" for f in FIRST for last in LAST]
    return two + [f"{f} {w.capitalize()} {last}" for f in FIRST for w in WORDS for last in LAST]


def _tag(i: int) -> str:
    """``i`` in letters (a, b, … z, ba, …): a name part no other briefing has."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
        if not i:
            return letters


def synthetic_briefings(n: int, seed: int = 0) -> list[Briefing]:
    rng = random.Random(seed)
    people = _people()
    weights = [1 / (r + 1) for r in range(len(people))]
    out = []
    for i in range(n):
        # Recurring people (Zipf) and two named in this briefing alone, as in a real archive.
        once = [f"{FIRST[(i + k) % 10]} {LAST[i % 10]}{_tag(2 * i + k)}" for k in (0, 1)]
        names = list(dict.fromkeys(rng.choices(people, weights, k=4))) + once
        country = rng.choice(COUNTRIES)
        org = f"{rng.choice(WORDS).capitalize()} Council of {country}"
        year = 2000 + i % 26
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        sentences = [
            Sentence(k + 1, f"{name} said the {rng.choice(WORDS)} plan of {org} would go ahead.", 1)
            for k, name in enumerate(names)
        ]
        sentences.append(Sentence(len(sentences) + 1, f"Talks collapsed in {country}.", 2))
        actors = [
            Actor(name, "person", rng.choice([None, "minister", "mayor"]), (name,), 2, 0.5,
                  (Evidence(k + 1, sentences[k].text),))
            for k, name in enumerate(names)
        ] + [
            Actor(org, "organization", None, (org,), 1, 0.3, (Evidence(1, sentences[0].text),)),
            Actor(country, "country", None, (country,), 1, 0.2, (Evidence(len(sentences), "."),)),
        ]  # fmt: skip
        events = []
        for k, name in enumerate(names[:3]):
            day = rng.randint(1, 28)
            when = (
                f"2024-03-{day:02d}" if rng.random() < 0.5 else f"{year}-{rng.randint(1, 12):02d}"
            )
            events.append(
                Event(when, False, f"{name} opened the {WORDS[(i + k) % 10]} works number {i}",
                      Evidence(k + 1, sentences[k].text))
            )  # fmt: skip
        events.append(Event("2024-03-08", False, "Talks collapsed in Velm",
                            Evidence(len(sentences), "Talks collapsed in Velm.")))  # fmt: skip
        events.append(Event(str(year), True, f"The {WORDS[i % 10]} works of {i} began",
                            Evidence(1, sentences[0].text), precision="year"))  # fmt: skip
        out.append(
            Briefing(
                id=f"b{i:05d}",
                date=date,
                title=f"Briefing {i}: {names[0]} and the {WORDS[i % 10]} plan",
                summary=(Summ(sentences[0].text, 1),),
                actors=tuple(actors),
                events=tuple(sorted(events, key=lambda e: e.date)),
                questions=(Question("Will the plan go ahead?", Evidence(1, sentences[0].text)),),
                source=Source(path=f"seeds/b{i:05d}.txt", sha256="0" * 64, words=500),
                bottom_line=sentences[0].text,
                sentences=tuple(sentences),
            )
        )
    return out
