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

import contextlib
import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefings.errors import SeedError, SeedWarning
from briefings.ingest.seed_files import address_form, slugify
from briefings.ingest.seed_limits import (
    _DATE_LINE,
    _FIELD_LINE,
    _ISO_DATE,
    _LINE_BREAK_RE,
    _LINE_BREAKS,
    MAX_CONTROL_SHARE,
    MAX_PARAGRAPH_TOKENS,
    MAX_SEED_BYTES,
    MAX_TOKENS,
)
from briefings.ingest.seed_text import (
    Counter_,
    clean_line,
    decode_seed,
    mojibake_sample,
    not_english,
    split_long,
    token_ends,
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
    sample = mojibake_sample(body)
    if sample is not None:
        sample_line = next((starts[k] for k, p in enumerate(paragraphs) if sample in p), None)
        notices.append(
            SeedWarning(
                path,
                f"{sample!r} looks like UTF-8 text that was decoded as cp1252 before it "
                "was saved (mojibake); check the text",
                sample_line,
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
            split_long(para, MAX_PARAGRAPH_TOKENS) if len(para) > MAX_PARAGRAPH_TOKENS else [para]
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
    counts = [len(token_ends(p)) for p in out] if sum(map(len, out)) > MAX_TOKENS else []
    total = sum(counts)
    if total > MAX_TOKENS:
        kept: list[str] = []
        budget = MAX_TOKENS
        for para, n in zip(out, counts, strict=True):
            if n >= budget:
                kept.append(para[: token_ends(para)[budget - 1]].rstrip())
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
