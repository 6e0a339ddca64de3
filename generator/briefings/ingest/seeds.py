"""Reading and validating seed files.

A seed is a text file: a header (``date YYYY-MM-DD`` on the first non-blank line,
then optional ``title:``, ``source:``, ``url:`` lines up to the first blank line)
followed by paragraphs separated by blank lines. This module turns a file into a
frozen :class:`Seed` or raises :class:`~briefings.errors.SeedError` naming the
file and line; it never touches the language model.

Seeds come from outside (pasted, scraped, other people's files), so reading is
defensive: UTF-8 is expected, a legacy encoding is decoded with a warning naming
it (never silently), binary content and oversized files are refused, invisible
and control characters are removed with a warning, and an article too long for
the parser is split and capped with a warning. Every warning here is a function
of the file's bytes alone, so it is cached with the briefing it belongs to.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import importlib.util
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from briefings.errors import SeedError, SeedWarning, printable

#: Seeds bigger than this are refused: no news article is this long, a runaway
#: file would stall the build, and spaCy refuses texts over a million characters.
MAX_SEED_BYTES = 1_000_000
#: Tokens (words and punctuation marks, counted as spaCy roughly does) of body text
#: kept for extraction. The parser's memory grows with the length of a document
#: (about 17 kB a token for the small English model), so a longer article is cut
#: here, with a warning; 30,000 tokens is about 25,000 words of prose.
MAX_TOKENS = 30_000
#: A paragraph longer than this many tokens (a text with no paragraph breaks, or no
#: spaces at all) is split into parts, so no sentence the parser sees is huge.
MAX_PARAGRAPH_TOKENS = 1_500
#: Share of control characters above which a decodable file is taken as binary
#: (a file of NUL bytes left by a crash is valid UTF-8, and no article).
MAX_CONTROL_SHARE = 0.1
#: Fewer words than this are too few to judge the language of.
MIN_WORDS_FOR_LANGUAGE = 20
#: English prose has 35–55 % stop words; other languages almost none of them.
MIN_ENGLISH_STOPWORD_SHARE = 0.2
#: Longest file stem published as is; longer names get a shortened, hashed address.
MAX_SLUG_LENGTH = 80

HEADER_FIELDS = ("title", "source", "url")
#: Slugs no seed may take: ``briefings/index.md`` is the generated list of briefings.
ALWAYS_RESERVED = frozenset({"index"})
SEED_SUFFIX = ".txt"

_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\S+)\s*$", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^\s*(title|source|url)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
#: What spaCy's English tokenizer roughly makes a token of: a run of word characters,
#: or one other non-space character.
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: A file stem already in address form: lower-case letters and digits, joined by - or _.
_ADDRESS_FORM = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
#: Runs of characters that UTF-8 text shows when it was decoded as cp1252 once too often.
_MOJIBAKE = re.compile(r"[ÂÃÅÆâ][\u0080-\u00bf\u0152-\u0178\u0192-\u02dc\u2013-\u2122]+")

# Line breaks other than LF: all become LF before the text is split into lines.
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_LINE_BREAK_RE = re.compile("|".join(map(re.escape, _LINE_BREAKS)))
#: Characters removed without a warning: they change nothing a reader sees.
_HARMLESS = {"\u00ad"}  # soft hyphen
_INVISIBLE_NAMES = {"Cc": "control", "Cf": "invisible formatting"}


@dataclass(frozen=True)
class Seed:
    """One validated article, ready for the language pipeline."""

    path: Path
    slug: str
    date: dt.date
    paragraphs: tuple[str, ...]
    sha256: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    #: Line (1-based) of the file where each paragraph starts, for messages.
    paragraph_lines: tuple[int, ...] = ()
    #: Line of the ``date`` header.
    date_line: int = 1
    #: What reading found worth a look; each a function of the file's bytes.
    notices: tuple[SeedWarning, ...] = field(default=())

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The warnings as the briefing JSON carries them: ``line N: message``."""
        return tuple(
            f"line {w.line}: {w.message}" if w.line else w.message
            for w in self.notices
            if w.level == "warning"
        )


# --------------------------------------------------------------------------- names


def is_hidden_or_temporary(name: str) -> bool:
    """Hidden files and editor leftovers (``.x``, ``.#x``, ``#x#``, ``x~``, ``x.swp``)."""
    return (
        name.startswith((".", "#", "~$"))
        or name.endswith(("~", ".swp", ".swo", ".tmp", "#"))
        or name.lower().endswith((".bak", ".part"))
    )


def is_seed_candidate(path: Path) -> bool:
    """Whether a directory entry's name makes it a seed (``*.txt``, not hidden or temporary)."""
    name = path.name
    return not is_hidden_or_temporary(name) and name.lower().endswith(SEED_SUFFIX)


def slugify(text: str) -> str:
    """A lower-case ASCII slug; stable for a given text."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    return slug or "seed"


def seed_stem(path: Path) -> str:
    name = path.name
    return name[: -len(SEED_SUFFIX)] if name.lower().endswith(SEED_SUFFIX) else path.stem


def name_digest(path: Path, normalize: bool = True) -> str:
    """Hash of a file name (NFC, so macOS and Linux spell it the same).

    A name that is not valid UTF-8 (Python holds its bytes as surrogates) is
    hashed by those bytes.
    """
    name = unicodedata.normalize("NFC", path.name) if normalize else path.name
    return hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()


def address_form(path: Path) -> str | None:
    """The slug a file name gives without a hash, or None when it needs one.

    Only names already in address form (``report.txt``, ``000_ab12.txt``,
    ``2025-05-20-summit.txt``) are published under their own name; ``_`` becomes
    ``-``. Every other name (capitals, spaces, accents, punctuation) gets its
    slugified form plus a hash of the name: that way two names that slugify alike
    (``Report.txt`` and ``report.txt``) can never take each other's address.
    """
    stem = seed_stem(path)
    if not path.name.endswith(SEED_SUFFIX) or len(stem) > MAX_SLUG_LENGTH:
        return None
    if not _ADDRESS_FORM.fullmatch(stem):
        return None
    return stem.replace("_", "-")


def assign_slugs(
    paths: list[Path], reserved: set[str] | frozenset[str] = frozenset()
) -> tuple[dict[Path, str], list[SeedWarning]]:
    """Stable, distinct slugs for a set of seed files, and warnings about clashes.

    A seed's slug depends on its own file name only, so adding, removing or
    renaming another seed never moves it. Names in address form keep it (see
    :func:`address_form`); other names get ``slugified-name-<8 hex of the name's
    hash>``. Two cases still need a tie-break, each with a warning: an address
    taken by a hand-written page (``reserved``), which moves the seed to a hashed
    address; and two address-form names that differ only in ``-`` versus ``_``,
    where the name spelled with ``-`` keeps the address.
    """
    reserved = {*reserved, *ALWAYS_RESERVED}
    out: dict[Path, str] = {}
    warnings: list[SeedWarning] = []
    claims: dict[str, list[Path]] = {}
    hashed: list[Path] = []
    for p in sorted(paths, key=lambda p: p.name):
        plain = address_form(p)
        if plain is None:
            hashed.append(p)
        elif plain in reserved:
            hashed.append(p)
            warnings.append(
                SeedWarning(
                    p,
                    f"the address briefings/{plain}/ belongs to a hand-written page; "
                    "this briefing gets another address",
                )
            )
        else:
            claims.setdefault(plain, []).append(p)
    for plain, group in claims.items():
        winner = min(group, key=lambda p: (seed_stem(p) != plain, p.name))
        out[winner] = plain
        for p in group:
            if p is not winner:
                hashed.append(p)
                warnings.append(
                    SeedWarning(
                        p,
                        f"{winner.name} has the same address briefings/{plain}/; "
                        "this briefing gets another address (rename one of the two)",
                    )
                )
    taken = set(out.values()) | set(reserved)
    for p in sorted(hashed, key=lambda p: p.name):
        base = slugify(seed_stem(p))[:60].strip("-") or "seed"
        # Names spelled alike in NFC share a digest; their own bytes tell them apart.
        for slug in [f"{base}-{name_digest(p)[:w]}" for w in (8, 16, 64)] + [
            f"{base}-{name_digest(p, normalize=False)[:w]}" for w in (16, 64)
        ]:
            if slug not in taken:
                break
        out[p] = slug
        taken.add(slug)
    warnings += look_alike_warnings(paths)
    return out, warnings


def look_alike_warnings(paths: list[Path]) -> list[SeedWarning]:
    """A warning for each file name that looks like an earlier one but is spelled otherwise.

    ``café.txt`` composed (NFC) and decomposed (NFD) are two files that show
    the same name: a reader cannot tell which briefing is which.
    """
    seen: dict[str, Path] = {}
    warnings: list[SeedWarning] = []
    for p in sorted(paths, key=lambda p: p.name):
        shown = unicodedata.normalize("NFKC", p.name)
        first = seen.setdefault(shown, p)
        if first is not p:
            warnings.append(
                SeedWarning(
                    p,
                    f"its name looks the same as {printable(first.name)} but is spelled with "
                    "other characters; the two get different addresses (rename one of them)",
                )
            )
    return warnings


# --------------------------------------------------------------------- discovery


@dataclass(frozen=True)
class Listing:
    """What a seeds folder holds: seed files, refused entries, and entries worth a note."""

    paths: list[Path]
    errors: list[SeedError]
    warnings: list[SeedWarning]


def list_seeds(seeds_dir: Path) -> Listing:
    """Every seed file of a folder, sorted by name (never by file-system order).

    Hidden and temporary files are skipped silently. A symbolic link that leads
    outside the folder is refused (a seed could otherwise publish any file the
    builder can read); a folder inside it is reported, since its files are not
    read; a ``.txt`` entry that is not a regular file (a pipe, a device) is
    refused rather than read, which could block forever.
    """
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        return Listing([], [], [])
    root = seeds_dir.resolve()
    paths: list[Path] = []
    errors: list[SeedError] = []
    warnings: list[SeedWarning] = []
    for p in sorted(seeds_dir.iterdir(), key=lambda p: p.name):
        name = p.name
        if is_hidden_or_temporary(name):
            continue
        if p.is_symlink():
            try:
                target = p.resolve(strict=True)
            except (OSError, RuntimeError):
                if is_seed_candidate(p):
                    errors.append(SeedError(p, "is a broken symbolic link"))
                continue
            if not target.is_relative_to(root):
                errors.append(
                    SeedError(p, "is a symbolic link to a file outside the seeds folder; refused")
                )
                continue
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            errors.append(SeedError(p, f"cannot be read: {exc.strerror}"))
            continue
        if stat.S_ISDIR(mode):
            warnings.append(
                SeedWarning(
                    p,
                    "is a folder; seeds are read from the seeds folder itself, "
                    "not from sub-folders, so its files are not built",
                )
            )
            continue
        if not is_seed_candidate(p):
            warnings.append(SeedWarning(p, "is not a .txt file; ignored", level="note"))
            continue
        if not stat.S_ISREG(mode):
            errors.append(SeedError(p, "is not a regular file; refused"))
            continue
        paths.append(p)
    return Listing(paths, errors, warnings)


def discover_seeds(seeds_dir: Path) -> list[Path]:
    """All seed files of a directory that can be read, sorted by name."""
    return list_seeds(seeds_dir).paths


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


def clean_text(text: str) -> str:
    """Remove invisible and control characters (keeping line breaks)."""
    return "\n".join(clean_line(line)[0] for line in text.split("\n"))


def _token_ends(text: str) -> list[int]:
    return [m.end() for m in _TOKEN.finditer(text)]


def token_count(text: str) -> int:
    """About how many tokens spaCy's English tokenizer makes of ``text``."""
    return sum(1 for _ in _TOKEN.finditer(text))


def _split_long(paragraph: str, limit: int) -> list[str]:
    """Split a paragraph of more than ``limit`` tokens into parts of at most ``limit``.

    Each cut goes after the last sentence end in the second half of the window,
    else at the last space there, else (a text without spaces) between tokens.
    """
    ends = _token_ends(paragraph)
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
        folder = Path(next(iter(spec.submodule_search_locations)))
        file_spec = importlib.util.spec_from_file_location(
            "briefings_spacy_en_stop_words", folder / "lang" / "en" / "stop_words.py"
        )
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


def _mojibake_sample(text: str) -> str | None:
    """A run of characters that is UTF-8 decoded as cp1252, if the text has one."""
    for m in _MOJIBAKE.finditer(text):
        try:
            fixed = m.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        if fixed != m.group():
            return m.group()
    return None


def parse_seed_text(path: Path, text: str, slug: str | None = None) -> Seed:
    """Parse decoded seed text into a :class:`Seed` (its ``sha256`` is of ``text``)."""
    raw = text.encode("utf-8", "surrogatepass")
    notices: list[SeedWarning] = []
    text = _LINE_BREAK_RE.sub(lambda m: _LINE_BREAKS[m.group()], text)
    text = text.replace("\v", "\n").replace("\f", "\n")
    raw_lines = text.split("\n")
    lines: list[str] = []
    removed_total: Counter_ = {}
    first_removed: dict[str, int] = {}
    for n, raw_line in enumerate(raw_lines, start=1):
        line, removed = clean_line(raw_line)
        for kind, count in removed.items():
            removed_total[kind] = removed_total.get(kind, 0) + count
            first_removed.setdefault(kind, n)
        lines.append(line)
    n_chars = max(len(text), 1)
    if removed_total.get("control", 0) / n_chars > MAX_CONTROL_SHARE:
        raise SeedError(path, "is binary, not a text file (it is full of control characters)")
    for kind in sorted(removed_total):
        count = removed_total[kind]
        notices.append(
            SeedWarning(
                path,
                f"{count} {kind} character{'s' if count != 1 else ''} removed",
                first_removed[kind],
            )
        )

    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        raise SeedError(path, "the file is empty; expected a first line 'date YYYY-MM-DD'")
    m = _DATE_LINE.match(lines[i])
    if not m:
        raise SeedError(
            path, f"expected a header 'date YYYY-MM-DD', found {lines[i].strip()[:60]!r}", i + 1
        )
    value = m.group(1)
    if not _ISO_DATE.match(value):
        raise SeedError(path, f"the date {value[:40]!r} is not of the form YYYY-MM-DD", i + 1)
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise SeedError(path, f"the date {value} does not exist", i + 1) from None
    date_line = i + 1
    header: dict[str, str] = {}
    i += 1
    while i < len(lines) and lines[i].strip():
        fm = _FIELD_LINE.match(lines[i])
        if not fm:
            break  # the body starts without a blank line
        key = fm.group(1).lower()
        if key in header:
            notices.append(SeedWarning(path, f"'{key}:' given twice; the first is kept", i + 1))
        else:
            header[key] = " ".join(fm.group(2).split())
        i += 1
    url = header.get("url") or None
    if url is not None:
        from briefings.ingest.addresses import safe_url

        if safe_url(url) is None:
            notices.append(
                SeedWarning(
                    path,
                    "the url is not an http(s) address; it is shown as text, not linked",
                    _line_number(lines, "url"),
                )
            )
    paragraphs: list[str] = []
    starts: list[int] = []
    current: list[str] = []
    for j in range(i, len(lines)):
        line = lines[j].strip()
        if line:
            if not current:
                starts.append(j + 1)
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    if not paragraphs:
        raise SeedError(path, "the seed has a header but no article text", i + 1)

    paragraphs, starts = _bound_length(path, paragraphs, starts, notices)
    body = "\n\n".join(paragraphs)
    share = not_english(body)
    if share is not None:
        notices.append(
            SeedWarning(
                path,
                f"the text does not look like English (only {share:.0%} of its words are "
                "common English words); extraction assumes English",
                starts[0],
            )
        )
    sample = _mojibake_sample(body)
    if sample is not None:
        line = next((starts[k] for k, p in enumerate(paragraphs) if sample in p), None)
        notices.append(
            SeedWarning(
                path,
                f"{sample!r} looks like UTF-8 text that was decoded as cp1252 before it "
                "was saved (mojibake); check the text",
                line,
            )
        )
    return Seed(
        path=path,
        slug=slug or (address_form(path) or slugify(path.stem)),
        date=date,
        paragraphs=tuple(paragraphs),
        sha256=hashlib.sha256(raw).hexdigest(),
        title=header.get("title") or None,
        source=header.get("source") or None,
        url=url,
        paragraph_lines=tuple(starts),
        date_line=date_line,
        notices=tuple(notices),
    )


def _line_number(lines: list[str], key: str) -> int | None:
    for n, line in enumerate(lines, start=1):
        m = _FIELD_LINE.match(line)
        if m and m.group(1).lower() == key:
            return n
    return None


def _bound_length(
    path: Path, paragraphs: list[str], starts: list[int], notices: list[SeedWarning]
) -> tuple[list[str], list[int]]:
    """Split over-long paragraphs and cap the body at :data:`MAX_TOKENS`, with one warning."""
    out: list[str] = []
    out_starts: list[int] = []
    said: list[str] = []
    line: int | None = None
    for para, start in zip(paragraphs, starts, strict=True):
        parts = (
            _split_long(para, MAX_PARAGRAPH_TOKENS) if len(para) > MAX_PARAGRAPH_TOKENS else [para]
        )
        if len(parts) > 1 and not said:
            said.append(
                f"a paragraph of {para.count(' ') + 1:,} words was split into {len(parts)} "
                f"parts of at most {MAX_PARAGRAPH_TOKENS:,} words and punctuation marks"
            )
            line = start
        out.extend(parts)
        out_starts.extend([start] * len(parts))
    # Every token is at least one character: most articles are shorter than the cap
    # in characters, and need no counting.
    counts = [len(_token_ends(p)) for p in out] if sum(map(len, out)) > MAX_TOKENS else []
    total = sum(counts)
    if total > MAX_TOKENS:
        kept: list[str] = []
        budget = MAX_TOKENS
        for para, n in zip(out, counts, strict=True):
            if n >= budget:
                kept.append(para[: _token_ends(para)[budget - 1]].rstrip())
                break
            kept.append(para)
            budget -= n
        words = sum(p.count(" ") + 1 for p in out)
        said.append(
            f"the article is too long ({words:,} words, {total:,} words and punctuation "
            f"marks); only the first {MAX_TOKENS:,} are used"
        )
        line = line or out_starts[len(kept) - 1]
        out, out_starts = kept, out_starts[: len(kept)]
    if said:
        notices.append(SeedWarning(path, "; ".join(said), line))
    return out, out_starts


def read_seed(path: Path, slug: str | None = None, root: Path | None = None) -> Seed:
    """Read and validate one seed file.

    The file is opened once and everything is checked on what was opened (a
    name swapped for a link or a pipe after the folder was listed is caught).
    With ``root`` (the seeds folder, resolved), the opened file must be a file
    of that folder: a symbolic link leading out of it, or a hard link whose
    other names are not all in it, is refused.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise SeedError(path, f"cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SeedError(path, "is not a regular file")
        if root is not None:
            _check_inside(path, info, root)
        if info.st_size > MAX_SEED_BYTES:
            raise SeedError(
                path,
                f"the file is {info.st_size:,} bytes; seeds are limited to {MAX_SEED_BYTES:,} "
                "bytes (split or trim the article)",
            )
        try:
            with os.fdopen(os.dup(fd), "rb") as f:
                data = f.read(MAX_SEED_BYTES + 1)
        except OSError as exc:
            raise SeedError(path, f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_SEED_BYTES:  # the file grew after stat()
        raise SeedError(
            path, f"the file is over {MAX_SEED_BYTES:,} bytes; seeds are limited to that"
        )
    text, decode_notices = decode_seed(path, data)
    seed = parse_seed_text(path, text, slug=slug)
    return replace(
        seed,
        sha256=hashlib.sha256(data).hexdigest(),
        notices=(*decode_notices, *seed.notices),
    )


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _check_inside(path: Path, opened: os.stat_result, root: Path) -> None:
    """Raise a SeedError unless the opened file is one of the seeds folder's own files."""
    try:
        entry = os.lstat(path)
        if stat.S_ISLNK(entry.st_mode):
            target = path.resolve(strict=True)
            # lstat: the resolved name itself, which a swap may have made a link again.
            inside = target.is_relative_to(root) and _same_file(os.lstat(target), opened)
        else:
            inside = _same_file(entry, opened)
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise SeedError(
            path, "changed while it was read (it now leads outside the seeds folder); refused"
        )
    if opened.st_nlink > 1:
        names = 0
        with contextlib.suppress(OSError):
            for other in os.scandir(root):
                with contextlib.suppress(OSError):
                    names += _same_file(other.stat(follow_symlinks=False), opened)
        if names < opened.st_nlink:
            raise SeedError(
                path,
                "is a hard link to a file outside the seeds folder; refused "
                "(copy the file into the folder instead)",
            )


def date_notices(seed: Seed, today: dt.date) -> list[SeedWarning]:
    """Warnings about the seed's date that depend on today's date (not cached)."""
    if seed.date > today:
        return [
            SeedWarning(
                seed.path,
                f"the date {seed.date.isoformat()} is in the future; relative dates are "
                "resolved against it",
                seed.date_line,
            )
        ]
    return []
