"""Synthetic seed sets for the benchmark, recombined from real articles.

Every synthetic article is built from the paragraphs of real articles (the
evaluation corpus and the project's own seeds), so the language is real news
prose and its length, sentence shapes and entity density are those of real
articles. What varies, article by article, is decided by a random generator
seeded with the article's number, so seed ``i`` is the same file in every set:

* **paragraphs**: a target length is drawn uniformly from 450-950 words; the
  first paragraph of a randomly chosen source article opens the text, then
  paragraphs drawn from all source articles (without repetition) are added
  until the target is reached;
* **dates**: the publication date is drawn uniformly from 2000-01-01 to
  2025-12-31; every four-digit year (1800-2099) in a paragraph is shifted by
  the difference between that date's year and its source article's year, so
  relative and absolute dates keep their distance to the publication date;
* **people**: every person the spaCy model finds in the source articles
  (``PERSON`` entities of two or more words, and one-word mentions of their
  last names) is renamed consistently within the article ("Donald Trump",
  "Trump" and "Trump's" become "Nathan Sunak", "Sunak" and "Sunak's"). New
  names combine a first name and a last name seen among all source persons,
  drawn from a fixed shuffled list of all combinations with Zipf weights
  (rank r has weight 1/r): a few names recur in hundreds of articles, most in
  a handful, so actor pages multiply as in a real archive. Organisations,
  countries and places are kept as written.

Seed ``i`` is written as ``{i:05d}_{hash}.txt`` with the ``date`` header only
(no title, like the user's seed). Sets are prefixes of one sequence: the
100-seed set is the first 100 files of the 1,000-seed set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import re
from dataclasses import dataclass
from pathlib import Path

FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2025, 12, 31)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.-]*$")


@dataclass(frozen=True)
class Source:
    """One real article: its paragraphs, its year and the people it names."""

    name: str
    year: int
    paragraphs: tuple[str, ...]
    #: Full names (two or more words) and the one-word last names that refer to them.
    people: tuple[str, ...]


def _shift_year(m: re.Match[str], shift: int) -> str:
    year = int(m.group(1)) + shift
    return str(year) if 1800 <= year <= 2099 else m.group(1)


def read_sources(paths: list[Path]) -> list[Source]:
    """Parse each real article once and find its people with the spaCy model."""
    from briefings.ingest.seeds import read_seed
    from briefings.nlp.parse import load_model

    nlp = load_model()
    sources = []
    for path in sorted(paths, key=lambda p: p.name):
        seed = read_seed(path)
        doc = nlp(seed.text)
        full = sorted(
            {
                e.text
                for e in doc.ents
                if e.label_ == "PERSON"
                and len(e.text.split()) >= 2
                and not e.text.endswith(".")
                and all(_NAME_WORD.match(w) and w[0].isupper() for w in e.text.split())
            }
        )
        sources.append(Source(path.stem, seed.date.year, seed.paragraphs, tuple(full)))
    return sources


def name_pool(sources: list[Source]) -> list[tuple[str, str]]:
    """Every (first name, last name) combination of the source people, shuffled once."""
    firsts = sorted({n.split()[0] for s in sources for n in s.people})
    lasts = sorted({n.split()[-1] for s in sources for n in s.people})
    pool = [(f, la) for f, la in itertools.product(firsts, lasts) if f != la]
    random.Random("briefings-bench-names").shuffle(pool)
    return pool


class Synthesiser:
    """Makes synthetic article ``i`` from the sources, the same way every time."""

    def __init__(self, sources: list[Source]) -> None:
        if not sources:
            raise ValueError("no source articles")
        self.sources = sources
        self.pool = name_pool(sources)
        self.weights = list(itertools.accumulate(1.0 / r for r in range(1, len(self.pool) + 1)))
        self.paragraphs = [(s, p) for s in sources for p in s.paragraphs]

    def _new_name(self, rng: random.Random, taken: set[str]) -> tuple[str, str]:
        """A name not used yet in this article, preferring an unused last name."""
        for attempt in itertools.count():
            first, last = rng.choices(self.pool, cum_weights=self.weights)[0]
            if last not in taken or (attempt > 50 and f"{first} {last}" not in taken):
                taken.update((last, f"{first} {last}"))
                return first, last
        raise AssertionError("unreachable")

    def article(self, i: int) -> tuple[str, str]:
        """File name and text of synthetic article ``i``."""
        rng = random.Random(f"briefings-bench-{i}")
        date = FIRST_DATE + dt.timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1))
        target = rng.randint(450, 950)
        lead = rng.choice(self.sources)
        chosen = [(lead, lead.paragraphs[0])]
        used = {(lead.name, 0)}
        words = len(lead.paragraphs[0].split())
        order = list(range(len(self.paragraphs)))
        rng.shuffle(order)
        for k in order:
            if words >= target:
                break
            source, para = self.paragraphs[k]
            key = (source.name, source.paragraphs.index(para))
            if key in used:
                continue
            used.add(key)
            chosen.append((source, para))
            words += len(para.split())
        renames: dict[str, str] = {}
        taken: set[str] = set()
        for source, _ in chosen:
            for full in source.people:
                if full not in renames:
                    first, last = self._new_name(rng, taken)
                    renames[full] = f"{first} {last}"
                    renames.setdefault(full.split()[-1], last)
        names = sorted(renames, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?!\w)")
        out = [
            _YEAR.sub(
                lambda m, shift=date.year - source.year: _shift_year(m, shift),
                pattern.sub(lambda m: renames[m.group(1)], para) if names else para,
            )
            for source, para in chosen
        ]
        text = f"date {date.isoformat()}\n\n" + "\n\n".join(out) + "\n"
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        return f"{i:05d}_{digest}.txt", text


def write_seeds(synth: Synthesiser, folder: Path, indices: range) -> list[Path]:
    """Write synthetic articles ``indices`` into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in indices:
        name, text = synth.article(i)
        path = folder / name
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths
