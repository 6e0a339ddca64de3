"""Many articles in one process: ``briefings extract PATH... --out-dir DIR``.

Evaluation over hundreds of articles needs every briefing as a file and every
failure as a message, with the model loaded once. Each article is read, parsed
and extracted on its own, so one that is refused or fails costs only itself:

* ``DIR/NAME.json``: its ``briefing/1`` object (``NAME`` is the file's stem);
* ``DIR/NAME.err``: one line per problem, when the seed is refused (the
  :class:`~briefings.errors.SeedError` message, file and line first), when
  extraction raises, or when a stage failed and the briefing lacks a section
  (the JSON is written too, without that section).

A file of an earlier run that no longer applies (``NAME.err`` of an article that
now succeeds, ``NAME.json`` of one now refused) is removed, so the folder
always says what the last run found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import BriefingsError, SeedError, printable
from briefings.extract.pipeline import Settings, briefing_from_parsed
from briefings.files import atomic_write
from briefings.ingest.seed_files import is_seed_candidate
from briefings.ingest.seeds import read_seed
from briefings.nlp.parse import load_model, parse

if TYPE_CHECKING:
    from spacy.language import Language

    from briefings.model import Briefing


@dataclass(frozen=True)
class Outcome:
    """What extracting one article gave: a briefing, problems, or both."""

    path: Path
    name: str
    briefing: Briefing | None
    problems: tuple[str, ...]
    #: The seed's own warnings (legacy encoding, a future date...): shown, not failures.
    warnings: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def expand(paths: Iterable[Path]) -> list[Path]:
    """The article files ``paths`` name: files as given, folders as their seeds, sorted."""
    out: dict[Path, None] = {}  # ordered, each file once
    for path in paths:
        if path.is_dir():
            out.update(dict.fromkeys(sorted(p for p in path.iterdir() if is_seed_candidate(p))))
        else:
            out[path] = None
    return list(out)


def clashing_names(paths: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Pairs of articles whose output files would have the same name."""
    first: dict[str, Path] = {}
    clashes = []
    for path in paths:
        if path.stem in first:
            clashes.append((first[path.stem], path))
        else:
            first[path.stem] = path
    return clashes


def extract_one(path: Path, nlp: Language, settings: Settings) -> Outcome:
    """One article, every failure caught and said in a line naming the file."""
    name = path.stem
    try:
        seed = read_seed(path)
    except SeedError as exc:
        return Outcome(path, name, None, (str(exc),))
    warnings = tuple(str(w) for w in seed.notices if w.level == "warning")
    try:
        briefing = briefing_from_parsed(parse(seed, nlp), settings)
    except Exception as exc:  # a bug; it must not stop the other articles
        shown = printable(" ".join(str(exc).split()))
        message = f"{printable(path.as_posix())}: extraction failed ({type(exc).__name__}: {shown})"
        return Outcome(path, name, None, (message,), warnings)
    stage_failures = tuple(
        f"{printable(path.as_posix())}: {w}" for w in briefing.warnings if w not in seed.warnings
    )
    return Outcome(path, name, briefing, stage_failures, warnings)


def write_outcome(outcome: Outcome, out_dir: Path) -> None:
    """``NAME.json`` and/or ``NAME.err`` for one article, stale ones removed."""
    json_path = out_dir / f"{outcome.name}.json"
    err_path = out_dir / f"{outcome.name}.err"
    if outcome.briefing is not None:
        atomic_write(json_path, outcome.briefing.to_json())
    else:
        json_path.unlink(missing_ok=True)
    if outcome.problems:
        atomic_write(err_path, "".join(f"{p}\n" for p in outcome.problems))
    else:
        err_path.unlink(missing_ok=True)


def extract_many(
    paths: Sequence[Path],
    out_dir: Path,
    settings: Settings = Settings(),
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Extract every article of ``paths`` into ``out_dir``, the model loaded once.

    Raises :class:`~briefings.errors.BriefingsError` only for what stops every
    article: the model cannot be loaded, or two articles would write one file.
    """
    clashes = clashing_names(paths)
    if clashes:
        a, b = clashes[0]
        raise BriefingsError(
            f"{printable(a.as_posix())} and {printable(b.as_posix())} would both write "
            f"{printable(a.stem)}.json; give articles with distinct file names"
        )
    nlp = load_model(settings.model)
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for path in paths:
        outcome = extract_one(path, nlp, settings)
        write_outcome(outcome, out_dir)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
