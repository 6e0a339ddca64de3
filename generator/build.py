"""Reading every seed and extracting every briefing, for the plugin and the CLI.

One broken seed never stops the others: its :class:`~generator.errors.SeedError`
is collected and reported, and every other seed is built. Extraction results
come from the content-hash cache when they can; the model is loaded only when a
seed actually needs extracting.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import ExtractionCache, model_fingerprint
from .errors import BriefingsError, SeedError, SeedWarning
from .model import Briefing
from .nlp import load_model, to_parsed
from .pipeline import PIPELINE_VERSION, Settings, briefing_from_parsed
from .seeds import Seed, assign_slugs, date_notices, list_seeds, read_seed
from .site import BRIEFINGS_DIR


@dataclass
class BuildResult:
    """Briefings built (sorted by id), errors met, and what the cache did."""

    briefings: list[Briefing] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Informational lines (an ignored non-.txt file): never fail a strict build.
    notes: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def display_path(path: Path, root: Path | None) -> str:
    """The seed path as users see it: relative to the project root when possible."""
    if root is not None:
        try:
            return Path(os.path.relpath(path, root)).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def hand_written_slugs(uris: Iterable[str]) -> set[str]:
    """Slugs a seed may not take: names of hand-written files in ``briefings/``.

    ``uris`` are docs-relative paths of the hand-written files (the plugin passes
    MkDocs' file list, the CLI a walk of ``docs/``), so both agree on every slug.
    """
    reserved = {"index"}
    for uri in uris:
        parts = uri.split("/")
        if len(parts) == 2 and parts[0] == BRIEFINGS_DIR:
            reserved.add(parts[1].rsplit(".", 1)[0])
    return reserved


def docs_uris(docs_dir: Path) -> list[str]:
    """Docs-relative paths of the files in ``briefings/`` of a docs folder."""
    folder = Path(docs_dir) / BRIEFINGS_DIR
    if not folder.is_dir():
        return []
    return sorted(f"{BRIEFINGS_DIR}/{p.name}" for p in folder.iterdir() if p.is_file())


def read_seeds(
    seeds_dir: Path,
    reserved_slugs: set[str] | frozenset[str] = frozenset(),
    root: Path | None = None,
    today: dt.date | None = None,
) -> tuple[list[Seed], list[SeedError], list[SeedWarning]]:
    """Read and validate every seed of a folder; errors and warnings are returned, not raised.

    One bad seed never stops the others. Paths in every result are as users see
    them (relative to ``root``). Warnings come in file order: those of the
    folder listing, then each seed's own (its content, its date against
    ``today``, its address).
    """
    today = today or dt.date.today()
    listing = list_seeds(seeds_dir)
    slugs, slug_warnings = assign_slugs(listing.paths, reserved=set(reserved_slugs) | {"index"})

    def shown(p: Path) -> Path:
        return Path(display_path(p, root))

    seeds: list[Seed] = []
    errors = [SeedError(shown(e.path), e.message, e.line) for e in listing.errors]
    warnings = [replace(w, path=shown(w.path)) for w in listing.warnings]
    warnings += [replace(w, path=shown(w.path)) for w in slug_warnings]
    for p in listing.paths:
        try:
            seed = read_seed(p, slug=slugs[p])
        except SeedError as exc:
            errors.append(SeedError(shown(p), exc.message, exc.line))
            continue
        seed = replace(
            seed,
            path=shown(p),
            notices=tuple(replace(w, path=shown(p)) for w in seed.notices),
        )
        seeds.append(seed)
        warnings.extend(seed.notices)
        warnings.extend(date_notices(seed, today))
    errors.sort(key=lambda e: (e.path.as_posix(), e.line or 0))
    warnings.sort(key=lambda w: (Path(w.path).as_posix(), w.line or 0))
    return seeds, errors, warnings


def cache_context(settings: Settings) -> str:
    return f"pipeline={PIPELINE_VERSION};{model_fingerprint(settings.model)};{settings.key()}"


def build_briefings(
    seeds_dir: Path,
    settings: Settings = Settings(),
    cache_dir: Path | None = None,
    reserved_slugs: set[str] = frozenset(),
    root: Path | None = None,
    progress: Callable[[Seed], None] | None = None,
) -> BuildResult:
    """Every seed of ``seeds_dir`` as a briefing, from the cache where possible."""
    seeds, errors, seed_warnings = read_seeds(seeds_dir, reserved_slugs, root)
    result = BuildResult(
        errors=errors,
        warnings=[str(w) for w in seed_warnings if w.level == "warning"],
        notes=[str(w) for w in seed_warnings if w.level != "warning"],
    )
    cache = ExtractionCache(cache_dir, cache_context(settings))
    todo: list[Seed] = []
    for seed in seeds:
        hit = cache.get(seed.sha256, seed.slug, seed.path.as_posix())
        if hit is not None:
            result.briefings.append(hit)
            result.cached.append(seed.slug)
        else:
            todo.append(seed)
    if todo:
        nlp = load_model(settings.model)
        docs = nlp.pipe(s.text for s in todo)
        for seed, doc in zip(todo, docs, strict=True):
            try:
                briefing = briefing_from_parsed(to_parsed(seed, doc), settings)
            except BriefingsError as exc:
                result.errors.append(SeedError(seed.path, str(exc)))
                continue
            cache.put(briefing)
            result.briefings.append(briefing)
            result.extracted.append(seed.slug)
            if progress is not None:
                progress(seed)
    from_seeds = {s.slug: set(s.warnings) for s in seeds}
    for b in result.briefings:
        extra = [w for w in b.warnings if w not in from_seeds.get(b.id, set())]
        result.warnings.extend(f"{b.source.path}: {w}" for w in extra)
    result.briefings.sort(key=lambda b: b.id)
    return result
