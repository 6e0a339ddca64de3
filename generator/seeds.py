"""Reading and validating seed files.

A seed is a UTF-8 text file: a header (``date YYYY-MM-DD`` on the first non-blank
line, then optional ``title:``, ``source:``, ``url:`` lines up to the first blank
line) followed by paragraphs separated by blank lines. This module turns a file
into a frozen :class:`Seed` or raises :class:`~generator.errors.SeedError` naming
the file and line; it never touches the language model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SeedError

#: Seeds bigger than this are refused: no news article is this long, and a
#: runaway file would otherwise stall the whole build.
MAX_SEED_BYTES = 2 * 1024 * 1024

HEADER_FIELDS = ("title", "source", "url")

_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\S+)\s*$", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^\s*(title|source|url)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Characters that change how text is displayed without being visible: bidi
# overrides and isolates, zero-width spaces/joiners, BOMs. They are stripped so a
# seed cannot disguise what a reader sees.
_INVISIBLE = dict.fromkeys(
    [
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


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
    #: Line (1-based) of the file where each paragraph starts, for error messages.
    paragraph_lines: tuple[int, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def is_seed_candidate(path: Path) -> bool:
    """Whether a directory entry should be read as a seed.

    Hidden files and editor leftovers (``.#x``, ``x~``, ``*.swp``) are skipped
    silently; everything else ending in ``.txt`` is a seed.
    """
    name = path.name
    if name.startswith(".") or name.endswith("~") or name.endswith(".swp"):
        return False
    return name.endswith(".txt")


def slugify(text: str) -> str:
    """A lower-case ASCII slug; stable for a given text."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    return slug or "seed"


def clean_text(text: str) -> str:
    """Remove invisible and control characters that have no place in an article."""
    text = text.translate(_INVISIBLE)
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def decode_seed(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Decode seed bytes as UTF-8 (with or without BOM).

    Returns the text and any warnings. Undecodable bytes raise a SeedError that
    names the line holding the first bad byte.
    """
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SeedError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", line
        ) from None
    return text, warnings


def parse_seed_text(path: Path, text: str, slug: str | None = None) -> Seed:
    """Parse decoded seed text into a :class:`Seed`."""
    raw = text.encode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
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
    header: dict[str, str] = {}
    i += 1
    while i < len(lines) and lines[i].strip():
        fm = _FIELD_LINE.match(lines[i])
        if not fm:
            break  # the body starts without a blank line
        key = fm.group(1).lower()
        header[key] = clean_text(fm.group(2)).strip()
        i += 1
    paragraphs: list[str] = []
    starts: list[int] = []
    current: list[str] = []
    for j in range(i, len(lines)):
        line = clean_text(lines[j]).strip()
        if line:
            if not current:
                starts.append(j + 1)
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    paragraphs = [re.sub(r"[ \t]+", " ", p) for p in paragraphs]
    if not paragraphs:
        raise SeedError(path, "the seed has a header but no article text", i + 1)
    return Seed(
        path=path,
        slug=slug or slugify(path.stem),
        date=date,
        paragraphs=tuple(paragraphs),
        sha256=hashlib.sha256(raw).hexdigest(),
        title=header.get("title") or None,
        source=header.get("source") or None,
        url=header.get("url") or None,
        paragraph_lines=tuple(starts),
    )


def read_seed(path: Path, slug: str | None = None) -> Seed:
    """Read and validate one seed file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SeedError(path, f"cannot read the file: {exc.strerror}") from None
    if size > MAX_SEED_BYTES:
        raise SeedError(
            path, f"the file is {size:,} bytes; seeds are limited to {MAX_SEED_BYTES:,} bytes"
        )
    data = path.read_bytes()
    text, warnings = decode_seed(path, data)
    seed = parse_seed_text(path, text, slug=slug)
    seed_sha = hashlib.sha256(data).hexdigest()
    return Seed(**{**seed.__dict__, "sha256": seed_sha, "warnings": tuple(warnings)})


def discover_seeds(seeds_dir: Path) -> list[Path]:
    """All seed files of a directory, sorted by name (never by file-system order)."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        return []
    return sorted(
        (p for p in seeds_dir.iterdir() if p.is_file() and is_seed_candidate(p)),
        key=lambda p: p.name,
    )


def assign_slugs(paths: list[Path], reserved: set[str] = frozenset()) -> dict[Path, str]:
    """Stable, distinct slugs for a set of seed files.

    A slug is the file stem slugified. When two files (or a hand-written page)
    would share a slug, the clashing ones get a short hash of their file name, so
    a seed's slug does not depend on which other seeds happen to exist.
    """
    by_slug: dict[str, list[Path]] = {}
    for p in paths:
        by_slug.setdefault(slugify(p.stem), []).append(p)
    out: dict[Path, str] = {}
    for slug, group in by_slug.items():
        if len(group) == 1 and slug not in reserved:
            out[group[0]] = slug
            continue
        for p in group:
            digest = hashlib.sha1(p.name.encode("utf-8")).hexdigest()[:6]
            out[p] = f"{slug}-{digest}"
    return out
