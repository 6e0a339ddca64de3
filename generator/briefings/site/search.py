"""The search index, shaped for briefings: one entry per source sentence, and word variants.

Material's search plugin indexes each page by its headings, so a word of the
source text used to be found in one "Source text" section, and a result landed on
that heading with the word far below it. Here each sentence of a briefing's source
text becomes an entry of its own, whose address is the sentence (``#s12``), so a
result lands on the sentence and the sentence is highlighted there.

Hyphenated words are indexed in their joined and spaced forms too: the search
splits "cease-fire" at the hyphen into "cease" and "fire", so a reader typing
"ceasefire" found nothing. Every entry gets a ``variants`` field (searched, never
shown) holding the joined form of each hyphenated word it has, and the parts of
each joined word that the site writes hyphenated somewhere, so "ceasefire",
"cease-fire" and "cease fire" find the same sentences whichever the article used.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from briefings.model import Briefing

#: The heading id of a briefing's source text (the toc slug of "Source text").
SOURCE_TEXT_ID = "source-text"
#: The searched, never shown, field of word variants.
VARIANTS_FIELD = "variants"
#: Hyphen-minus, hyphen and non-breaking hyphen: the marks that join a compound word.
_HYPHENS = "\\-\u2010\u2011"  # inside a character class
_COMPOUND = re.compile(rf"(?<![\w{_HYPHENS}])[^\W_]+(?:[{_HYPHENS}][^\W_]+)+(?![\w{_HYPHENS}])")
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")


def _plain(text: str) -> str:
    """The words of an index entry's text (which holds a few tags and entities)."""
    return html.unescape(_TAG.sub(" ", text))


def compounds(text: str) -> list[tuple[str, ...]]:
    """The hyphenated words of a text ("COVID-19", not "2-3"), each as its lower-case parts."""
    return [
        tuple(re.split(f"[{_HYPHENS}]", m.group(0).lower()))
        for m in _COMPOUND.finditer(text)
        if not m.group(0).replace("-", "").isdigit()
    ]


def vocabulary(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each hyphenated word of the site, joined ("ceasefire"), to its parts."""
    vocab: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for parts in compounds(text):
            vocab.setdefault("".join(parts), parts)
    return vocab


def variants(text: str, vocab: Mapping[str, tuple[str, ...]]) -> str:
    """The forms of the text's words that the search would not find from the text itself."""
    found: set[str] = {"".join(parts) for parts in compounds(text)}
    words = [w.lower() for w in _WORD.findall(text)]
    for i, word in enumerate(words):
        if word in vocab:  # "ceasefire" in a text, "cease-fire" elsewhere on the site
            found.update(vocab[word])
        pair = word + words[i + 1] if i + 1 < len(words) else ""
        if pair in vocab:  # "cease fire"
            found.add(pair)
    found.difference_update(words)
    return " ".join(sorted(found))


def sentence_entries(briefing: Briefing, location: str, boost: Any = None) -> list[dict[str, Any]]:
    """One index entry per sentence of a briefing's source text, addressed to the sentence."""
    entries = []
    for s in briefing.sentences:
        entry: dict[str, Any] = {
            "location": f"{location}#s{s.index}",
            "title": f"Sentence {s.index}",
            "text": html.escape(s.text, quote=False),
        }
        if boost is not None:
            entry["boost"] = boost
        entries.append(entry)
    return entries


def shape_index(data: dict[str, Any], locations: Mapping[str, Briefing]) -> dict[str, Any]:
    """Material's search index with sentence entries and word variants (a new object).

    ``locations`` maps each briefing page's address in the index
    (``briefings/x/``) to its briefing.
    """
    docs: list[dict[str, Any]] = []
    for doc in data.get("docs", []):
        page, _, anchor = doc.get("location", "").partition("#")
        if anchor == SOURCE_TEXT_ID and page in locations and locations[page].sentences:
            docs.extend(sentence_entries(locations[page], page, doc.get("boost")))
        else:
            docs.append(dict(doc))
    vocab = vocabulary(_plain(d.get("title", "") + " " + d.get("text", "")) for d in docs)
    for doc in docs:
        extra = variants(_plain(doc.get("title", "") + " " + doc.get("text", "")), vocab)
        if extra:
            doc[VARIANTS_FIELD] = extra
    config = dict(data.get("config", {}))
    fields = dict(config.get("fields", {}))
    fields.setdefault(VARIANTS_FIELD, {"boost": 1.0})
    config["fields"] = fields
    return {**data, "config": config, "docs": docs}
