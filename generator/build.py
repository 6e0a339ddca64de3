"""Reading every seed and extracting every briefing, for the plugin and the CLI.

One broken seed never stops the others: its :class:`~generator.errors.SeedError`
is collected and reported, and every other seed is built. Extraction results
come from the content-hash cache when they can; the model is loaded only when a
seed actually needs extracting.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache, model_fingerprint
from .errors import BriefingsError, SeedError
from .model import Briefing
from .nlp import load_model, to_parsed
from .pipeline import PIPELINE_VERSION, Settings, briefing_from_parsed
from .seeds import Seed, assign_slugs, discover_seeds, read_seed


@dataclass
class BuildResult:
    """Briefings built (sorted by id), errors met, and what the cache did."""

    briefings: list[Briefing] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
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


def read_seeds(
    seeds_dir: Path, reserved_slugs: set[str] = frozenset(), root: Path | None = None
) -> tuple[list[Seed], list[SeedError]]:
    """Read and validate every seed of a folder; errors are returned, not raised."""
    paths = discover_seeds(seeds_dir)
    slugs = assign_slugs(paths, reserved=set(reserved_slugs))
    seeds: list[Seed] = []
    errors: list[SeedError] = []
    for p in paths:
        shown = Path(display_path(p, root))
        try:
            seed = read_seed(p, slug=slugs[p])
        except SeedError as exc:
            errors.append(SeedError(shown, exc.message, exc.line))
            continue
        seeds.append(Seed(**{**seed.__dict__, "path": shown}))
    return seeds, errors


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
    seeds, errors = read_seeds(seeds_dir, reserved_slugs, root)
    result = BuildResult(errors=errors)
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
    for b in result.briefings:
        result.warnings.extend(f"{b.source.path}: {w}" for w in b.warnings)
    result.briefings.sort(key=lambda b: b.id)
    return result
