"""Regenerate :mod:`briefings.lexicon.generated` from its two public sources.

Not used at run time: the generated module is committed, so extraction needs
neither source installed. Run it when a source has a new release::

    python generator/tools/build_lexicon.py --countryinfo DIR --names DIR --wordnet DIR

* ``--countryinfo``: the ``data`` folder of the ``countryinfo`` package (MIT,
  https://github.com/porimol/countryinfo): one JSON file per country or territory
  with its name, alternative spellings, demonym and capital.
* ``--names``: the folder of the ``names`` package (MIT,
  https://github.com/treyhunner/names) holding the US Census Bureau's 1990
  given-name lists ``dist.male.first`` and ``dist.female.first`` (public domain).
* ``--wordnet``: a WordNet 3.0 database folder (``data.noun`` and ``index.noun``;
  Debian's ``wordnet-base`` installs it in ``/usr/share/wordnet``).
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path

#: WordNet lexicographer files whose nouns can name who acts.
_LEXFILES = {14: "g", 18: "p"}  # noun.group, noun.person
_TOPS, _GROUP, _ARTIFACT, _LOCATION = 3, 14, 6, 15
_COMMUNICATION = 32  # verb.communication
#: WordNet 3.0 synsets (offsets): government.n.01, structure.n.01 (buildings and
#: citadels), street.n.01.
_GOVERNMENT = "08050678"
_SEAT_KINDS = frozenset({"04341686", "04334599"})
#: A gloss that says a place houses a government or its head ("the offices of the
#: Russian government", "the residence and office of the President of the United
#: States"); "a government building" alone does not (the Pentagon houses a ministry).
_HOUSES_GOVERNMENT = re.compile(
    r"\bgovernment\b(?! building)|\bgovernmental\b|\bPresident\b|\bPrime Minister\b"
)


def _latin(text: str) -> bool:
    return all(
        c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha()
    )


def countries(folder: Path) -> list[tuple[str, list[str], str, str]]:
    """(name, other names, demonym, capital) per country, most populous first."""
    rows: dict[str, tuple[int, str, list[str], str, str]] = {}
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text("utf-8"))
        name = (d.get("name") or "").strip()
        if not name or not _latin(name):
            continue
        alts = [
            a.strip()
            for a in d.get("altSpellings") or ()
            if a.strip() and _latin(a) and "," not in a and a.strip() != name
        ]
        pop = int(d.get("population") or 0)
        capital = d.get("capital") or ""
        capital = (capital[0] if isinstance(capital, list) and capital else str(capital)).strip()
        demonym = (d.get("demonym") or "").strip()
        row = (pop, name, sorted(set(alts)), demonym, capital)
        if name not in rows or pop > rows[name][0]:
            rows[name] = row
    ordered = sorted(rows.values(), key=lambda r: (-r[0], r[1]))
    return [(name, alts, demonym, capital) for _, name, alts, demonym, capital in ordered]


def actor_nouns(folder: Path) -> dict[str, str]:
    """Single-word common-noun lemmas with a person or group sense, and which senses.

    Flags: ``p``/``g`` = some sense is a person/group; upper case when that is
    the lemma's first (most frequent) sense. The tops of those two hierarchies
    ("person", "group") sit in WordNet's ``noun.Tops`` file; a top counts as the
    kind its direct hyponyms mostly are.
    """
    synsets = _read_synsets(folder)
    lexfile: dict[str, int] = {}
    proper: set[tuple[str, str]] = set()  # (offset, lemma) where the word is a proper name
    for offset, (lex, words, pointers, _) in synsets.items():
        if lex == _TOPS:
            kinds = Counter(synsets[o][0] for sym, o in pointers if sym in ("~", "~i"))
            lex = kinds.most_common(1)[0][0] if kinds else lex
        lexfile[offset] = lex
        proper.update((offset, w.lower()) for w in words if w[:1].isupper())
    out: dict[str, str] = {}
    with (folder / "index.noun").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            if "_" in lemma or not lemma.isascii() or not lemma.replace("-", "").isalpha():
                continue
            n_pointers = int(fields[3])
            offsets = fields[4 + n_pointers + 2 :]
            senses = [lexfile[o] for o in offsets if (o, lemma) not in proper]
            if not senses:
                continue
            flags = ""
            for lex, flag in _LEXFILES.items():
                if lex in senses:
                    flags += flag.upper() if senses[0] == lex else flag
            if flags:
                out[lemma] = flags
    return out


def place_nouns(folder: Path) -> list[str]:
    """Single-word common nouns whose most frequent sense is a place (``noun.location``):
    "region", "city", "district"."""
    synsets = _read_synsets(folder)
    out: list[str] = []
    with (folder / "index.noun").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            if not (lemma.isalpha() and lemma.islower()):
                continue
            offsets = fields[4 + int(fields[3]) + 2 :]
            common = [o for o in offsets if lemma in synsets[o][1]]  # not a proper name's sense
            if common and synsets[common[0]][0] == _LOCATION:
                out.append(lemma)
    return out


def speech_verbs(folder: Path) -> list[str]:
    """Single-word verbs whose most frequent sense is communication
    (``verb.communication``): "say", "warn", "call", "describe"."""
    lexfile: dict[str, int] = {}
    with (folder / "data.verb").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith(" "):
                fields = line.split()
                lexfile[fields[0]] = int(fields[1])
    out: list[str] = []
    with (folder / "index.verb").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            fields = line.split()
            offsets = fields[4 + int(fields[3]) + 2 :]
            if fields[0].isalpha() and offsets and lexfile[offsets[0]] == _COMMUNICATION:
                out.append(fields[0])
    return out


def _read_synsets(folder: Path) -> dict[str, tuple[int, list[str], list[tuple[str, str]], str]]:
    """offset -> (lexicographer file, words, noun pointers (symbol, offset), gloss)."""
    out: dict[str, tuple[int, list[str], list[tuple[str, str]], str]] = {}
    with (folder / "data.noun").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            body, _, gloss = line.partition(" | ")
            f = body.split()
            n_words = int(f[3], 16)
            words = f[4 : 4 + 2 * n_words : 2]
            k = 4 + 2 * n_words
            pointers = [
                (f[k + 1 + 4 * i], f[k + 2 + 4 * i])
                for i in range(int(f[k]))
                if f[k + 3 + 4 * i] == "n"
            ]
            out[f[0]] = (int(f[1]), words, pointers, gloss.strip())
    return out


def _closure(synsets, offset: str, symbols: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    todo = [offset]
    while todo:
        for sym, target in synsets[todo.pop()][2]:
            if sym in symbols and target not in seen:
                seen.append(target)
                todo.append(target)
    return seen


def seats(folder: Path, rows: list[tuple[str, list[str], str, str]]) -> dict[str, str]:
    """Names of a seat of government, with the country whose government they name.

    From WordNet 3.0, two kinds of entries:

    * a proper noun whose sense is a kind of government (``noun.group`` under
      government.n.01) — "Downing Street: the British government" — with the
      country its gloss names;
    * a building or street (an instance of structure.n.01 or street.n.01) whose
      gloss says it houses a government or its head — "Kremlin: citadel of Moscow,
      housing the offices of the Russian government" — with the first country in
      the places it is part of (Kremlin → Moscow → Russia).

    A word that is also a common noun ("Capital") is left out: its capitalised
    use is not a name.
    """
    synsets = _read_synsets(folder)
    names = {n: row[0] for row in rows for n in (row[0], *row[1])}
    names.update((d.strip(), row[0]) for row in rows for d in row[2].split(",") if d.strip())
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )
    common = {w.lower() for lex, words, _, _ in synsets.values() for w in words if w.islower()}
    out: dict[str, str] = {}
    for offset, (lex, words, pointers, gloss) in synsets.items():
        proper = [w.replace("_", " ") for w in words if w[:1].isupper()]
        if not proper:
            continue
        country = None
        if lex == _GROUP and _GOVERNMENT in _closure(synsets, offset, ("@", "@i")):
            proper = [w for w in proper if w.lower() not in common]
            if found := pattern.search(gloss):
                country = names[found.group(1)]
        elif lex in (_ARTIFACT, _LOCATION) and any(s == "@i" for s, _ in pointers):
            kinds = _closure(synsets, offset, ("@", "@i"))
            if _SEAT_KINDS & set(kinds) and _HOUSES_GOVERNMENT.search(gloss):
                for holonym in _closure(synsets, offset, ("#p",)):
                    place = " ".join(synsets[holonym][1][0].split("_"))
                    if place in names:
                        country = names[place]
                        break
        if country is None:
            continue
        for name in proper:
            if name not in names:  # a country's own name is no seat
                out.setdefault(name, country)
    return dict(sorted(out.items()))


def given_names(folder: Path) -> list[str]:
    """Every given name of the 1990 US Census lists, lower case, sorted."""
    names: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (folder / file).read_text("ascii").splitlines():
            if line.split():
                names.add(line.split()[0].lower())
    return sorted(names)


def render(
    rows: list[tuple[str, list[str], str, str]],
    nouns: dict[str, str],
    seat_names: dict[str, str],
    first_names: list[str],
    places: list[str],
    verbs: list[str],
) -> str:
    country_lines = "\n".join(
        "\t".join([name, "|".join(alts), demonym, capital]).rstrip()
        for name, alts, demonym, capital in rows
    )
    seat_lines = "\n".join(f"{name}\t{country}" for name, country in seat_names.items())
    name_text = textwrap.fill(" ".join(first_names), width=96)
    place_text = textwrap.fill(" ".join(places), width=96)
    verb_text = textwrap.fill(" ".join(verbs), width=96)
    noun_text = textwrap.fill(
        " ".join(f"{w}:{f}" for w, f in sorted(nouns.items())), width=96, break_on_hyphens=False
    )
    return f'''# ruff: noqa: E501
"""Generated by ``python generator/tools/build_lexicon.py``; do not edit by hand.

``COUNTRIES``: one line per country or territory, most populous first, fields
separated by tabs: name, other names (``|``-separated), demonym, capital. From the
``countryinfo`` package (MIT licence, https://github.com/porimol/countryinfo).

``SEATS``: names of a seat of government and the country whose government they
name, tab-separated ("Kremlin", Russia). From WordNet 3.0: proper nouns for a
kind of government, and buildings or streets whose gloss says they house a
government or its head, placed in a country through WordNet's part-of links.

``GIVEN_NAMES``: given names, lower case, from the US Census Bureau's 1990 lists
(public domain) as shipped by the ``names`` package (MIT licence,
https://github.com/treyhunner/names).

``PLACE_NOUNS``: English nouns whose most frequent sense is a place ("region",
"city"), from WordNet 3.0 (``noun.location``).

``SPEECH_VERBS``: English verbs whose most frequent sense is communication ("say",
"warn", "describe"), from WordNet 3.0 (``verb.communication``).

``ACTOR_NOUNS``: English noun lemmas that can name a person or a group of people,
as ``lemma:flags`` (``p`` person sense, ``g`` group sense, upper case when it is
the first sense). From WordNet 3.0, the lexicographer files ``noun.person`` and
``noun.group``. WordNet 3.0 Copyright 2006 by Princeton University. All rights
reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
"""

COUNTRIES = """\\
{country_lines}
"""

SEATS = """\\
{seat_lines}
"""

GIVEN_NAMES = """\\
{name_text}
"""

PLACE_NOUNS = """\\
{place_text}
"""

SPEECH_VERBS = """\\
{verb_text}
"""

ACTOR_NOUNS = """\\
{noun_text}
"""
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countryinfo", type=Path, required=True)
    parser.add_argument("--names", type=Path, required=True)
    parser.add_argument("--wordnet", type=Path, required=True)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).parents[1] / "briefings" / "lexicon" / "generated.py",
    )
    args = parser.parse_args()
    rows = countries(args.countryinfo)
    args.out.write_text(
        render(
            rows,
            actor_nouns(args.wordnet),
            seats(args.wordnet, rows),
            given_names(args.names),
            place_nouns(args.wordnet),
            speech_verbs(args.wordnet),
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
