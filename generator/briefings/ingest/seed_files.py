"""Seed files in a folder: which files are seeds, and the page address each gets.

Addresses are stable (a seed keeps its address when others are added) and
unique; names that differ only in case or accents are warned about.
"""

from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from briefings.errors import SeedError, SeedWarning, printable
from briefings.ingest.seed_limits import (
    _ADDRESS_FORM,
    ALWAYS_RESERVED,
    MAX_SLUG_LENGTH,
    SEED_SUFFIX,
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
