"""A seed's bytes to clean text: decoding, invisible characters, over-long paragraphs.

Every warning here names the file and line, and is a function of the bytes alone.
"""

from __future__ import annotations

import bisect
import importlib.util
import sys
import unicodedata
from functools import cache
from pathlib import Path

from briefings.errors import SeedError, SeedWarning
from briefings.ingest.seed_limits import (
    _DATE_LINE,
    _HARMLESS,
    _INVISIBLE_NAMES,
    _MOJIBAKE,
    _SENTENCE_END,
    _TOKEN,
    _WORD,
    MIN_ENGLISH_STOPWORD_SHARE,
    MIN_WORDS_FOR_LANGUAGE,
)

# ---------------------------------------------------------------------- decoding


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's decoding of ``data`` (text, encoding), preferring cp1252.

    Statistics cannot tell cp1252 from cp1250 or cp1257 on an English text with a
    handful of accented words; the detector then names one of them arbitrarily.
    cp1252 is the legacy encoding of English text (and the one browsers assume
    for Latin-1), so when the detector rates it as good as its best guess, it wins.
    """
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for r in results:
        same = abs(r.chaos - best.chaos) < 1e-9 and abs(r.coherence - best.coherence) < 1e-9
        if same and "cp1252" in r.could_be_from_charset:
            try:
                return data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                break
    return str(best), best.encoding


def decode_seed(path: Path, data: bytes) -> tuple[str, list[SeedWarning]]:
    """Decode seed bytes: UTF-8 (with or without BOM), else a detected legacy encoding.

    A file that is not UTF-8 is decoded with the encoding charset-normalizer
    finds and a warning that names it, the line and a sample word, so a wrong
    guess is visible rather than silent mojibake. Bytes no text encoding
    explains raise a SeedError.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        body = data[3:]
        try:
            return body.decode("utf-8"), []
        except UnicodeDecodeError as exc:
            line = _line_of(body, exc.start)
            raise SeedError(path, "starts with a UTF-8 mark but is not valid UTF-8", line) from None
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise SeedError(
                    path, f"starts with a {codec.upper()} mark but is not valid {codec.upper()}"
                ) from None
            return text, [SeedWarning(path, f"is {codec.upper()}; read as such (save it as UTF-8)")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad, line = exc.start, _line_of(data, exc.start)
    else:
        if b"\x00" not in data:
            return text, []
        # ASCII text in UTF-16 or UTF-32 without a byte-order mark is valid UTF-8
        # too, one NUL after (or before) each letter.
        guess = _detect(data)
        if guess is not None and guess[1].startswith(("utf_16", "utf_32")):
            name = guess[1].upper().replace("_", "-")
            return guess[0], [SeedWarning(path, f"is {name}; read as such (save it as UTF-8)")]
        return text, []
    if b"\x00" in data[:4096] and b"\x00\x00" in data:
        raise SeedError(path, "is binary, not a text file", line)
    guess = _detect(data)
    if guess is None:
        raise SeedError(
            path,
            f"is not text: byte 0x{data[first_bad]:02x} is not UTF-8 and no other "
            "text encoding explains the file",
            line,
        )
    text, encoding = guess
    sample = _sample_word(text, line)
    return text, [
        SeedWarning(
            path,
            f"is not UTF-8 (byte 0x{data[first_bad]:02x}); read as {encoding}, "
            f"giving {sample!r}: check the text and save the file as UTF-8",
            line,
        )
    ]


def _sample_word(text: str, line: int) -> str:
    """The first word with a non-ASCII letter on ``line``, to show what decoding gave."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    for word in here.split():
        if not word.isascii():
            return word[:40]
    return here.strip()[:40]


# ------------------------------------------------------------------------ parsing


Counter_ = dict[str, int]


def clean_line(line: str) -> tuple[str, Counter_]:
    """Remove control and invisible formatting characters from one line.

    Bidi overrides and isolates, zero-width characters, tag characters and the
    like change how text displays without being visible, so a seed could
    disguise what a reader sees; control characters (NUL, escapes) have no
    place in an article. Tabs become spaces. Returns the cleaned line and what
    was removed, by kind.
    """
    removed: Counter_ = {}
    if line.isprintable():
        return line, removed
    out = []
    for ch in line:
        if ch == "\t":
            out.append(" ")
            continue
        if ch in _HARMLESS:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs"):
            kind = _INVISIBLE_NAMES.get(category, "control")
            removed[kind] = removed.get(kind, 0) + 1
            continue
        out.append(ch)
    return "".join(out), removed


def token_ends(text: str) -> list[int]:
    return [m.end() for m in _TOKEN.finditer(text)]


def token_count(text: str) -> int:
    """About how many tokens spaCy's English tokenizer makes of ``text``."""
    return sum(1 for _ in _TOKEN.finditer(text))


def split_long(paragraph: str, limit: int) -> list[str]:
    """Split a paragraph of more than ``limit`` tokens into parts of at most ``limit``.

    Each cut goes after the last sentence end in the second half of the window,
    else at the last space there, else (a text without spaces) between tokens.
    """
    ends = token_ends(paragraph)
    parts: list[str] = []
    start, first = 0, 0
    while len(ends) - first > limit:
        window_end = ends[first + limit - 1]
        segment = paragraph[start:window_end]
        half = len(segment) // 2
        cut = None
        for m in _SENTENCE_END.finditer(segment, half):
            cut = start + m.end()
        if cut is None:
            space = segment.rfind(" ", half)
            cut = start + space + 1 if space > 0 else window_end
        parts.append(paragraph[start:cut].strip())
        start = cut
        first = bisect.bisect_right(ends, cut)
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


@cache
def english_stop_words() -> frozenset[str]:
    """spaCy's English stop-word list (spacy/lang/en/stop_words.py), a general
    closed-class resource, loaded from its module file alone.

    ``import spacy.lang.en.stop_words`` imports all of spaCy first (about a
    second, on every build from cached briefings); the file itself imports
    nothing, so it is read as a module of its own unless spaCy is loaded already.
    """
    loaded = sys.modules.get("spacy.lang.en.stop_words")
    if loaded is None:
        spec = importlib.util.find_spec("spacy")
        if spec is None or spec.submodule_search_locations is None:
            raise ModuleNotFoundError("spaCy is not installed", name="spacy")
        folder = Path(next(iter(spec.submodule_search_locations)))
        file_spec = importlib.util.spec_from_file_location(
            "briefings_spacy_en_stop_words", folder / "lang" / "en" / "stop_words.py"
        )
        if file_spec is None or file_spec.loader is None:
            raise ModuleNotFoundError("spaCy's English stop words are missing", name="spacy")
        loaded = importlib.util.module_from_spec(file_spec)
        file_spec.loader.exec_module(loaded)
    return frozenset(loaded.STOP_WORDS)


_english_stop_words = english_stop_words


def english_share(text: str) -> tuple[float, int]:
    """Share of the words that are English stop words, and the number of words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0, 0
    stop = _english_stop_words()
    return sum(map(stop.__contains__, words)) / len(words), len(words)


def not_english(text: str) -> float | None:
    """The share of common English words in ``text`` when it does not look English, else None.

    Texts too short to judge count as English.
    """
    share, n_words = english_share(text)
    if n_words >= MIN_WORDS_FOR_LANGUAGE and share < MIN_ENGLISH_STOPWORD_SHARE:
        return share
    return None


def has_date_header(text: str) -> bool:
    """Whether ``text`` starts (after blank lines) with a seed's ``date`` line."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    return _DATE_LINE.match(clean_line(first)[0]) is not None


def mojibake_sample(text: str) -> str | None:
    """A run of characters that is UTF-8 decoded as cp1252, if the text has one."""
    for m in _MOJIBAKE.finditer(text):
        try:
            fixed = m.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        if fixed != m.group():
            return m.group()
    return None
