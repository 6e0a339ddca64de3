"""The ``briefings`` command line: a thin shell over the library.

The library never prints; this module turns its results into output and its
named errors into one clear line and a non-zero exit code.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .build import (
    SEED_TIME_LIMIT,
    build_briefings,
    docs_uris,
    hand_written_slugs,
    read_seeds,
)
from .cache import atomic_write
from .errors import BriefingsError, ConfigError, OutputError
from .locking import folder_lock
from .nlp import DEFAULT_MODEL
from .output import owned_files, write_tree
from .pipeline import Settings, extract
from .render import Renderer
from .seeds import read_seed
from .site import build_site


@dataclass(frozen=True)
class ProjectConfig:
    """The plugin's settings as mkdocs.yml gives them, paths made absolute."""

    root: Path
    seeds_dir: Path
    templates_dir: Path
    docs_dir: Path
    model: str
    cache_dir: Path | None
    #: Site-wide values the pages and feeds use, as mkdocs.yml gives them, so that
    #: ``generate --out`` writes the same pages as ``mkdocs build``.
    site_name: str = "Briefings"
    site_url: str | None = None
    directory_urls: bool = True
    #: Seconds one seed's extraction may take (0: no limit).
    seed_timeout: float = SEED_TIME_LIMIT


def load_project(config_file: Path) -> ProjectConfig:
    """Read the ``briefings`` plugin options from mkdocs.yml (defaults without it)."""
    root = config_file.resolve().parent
    options: dict = {}
    data: dict = {}
    docs_dir = "docs"
    if config_file.is_file():
        from mkdocs.utils.yaml import yaml_load

        try:
            with config_file.open("rb") as f:
                data = yaml_load(f) or {}
        except Exception as exc:  # YAML errors of any kind
            raise ConfigError(f"{config_file}: cannot read: {exc}") from None
        docs_dir = data.get("docs_dir", "docs")
        for plugin in data.get("plugins") or []:
            if isinstance(plugin, dict) and "briefings" in plugin:
                options = plugin["briefings"] or {}
    cache = options.get("cache_dir", ".cache/briefings")
    return ProjectConfig(
        root=root,
        seeds_dir=root / options.get("seeds_dir", "seeds"),
        templates_dir=root / options.get("templates_dir", "templates"),
        docs_dir=root / docs_dir,
        model=options.get("model", DEFAULT_MODEL),
        cache_dir=(root / cache) if cache else None,
        site_name=str(data.get("site_name") or "Briefings"),
        site_url=_site_url(data.get("site_url")),
        directory_urls=bool(data.get("use_directory_urls", True)),
        seed_timeout=_seconds(options.get("seed_timeout", SEED_TIME_LIMIT), config_file),
    )


def _seconds(value: object, config_file: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{config_file}: seed_timeout must be a number of seconds (0: no limit)")
    return float(value)


def _site_url(value: object) -> str | None:
    """``site_url`` as MkDocs normalises it: ending in "/" (None when unset)."""
    if not value:
        return None
    url = str(value)
    return url if url.endswith("/") else url + "/"


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default="mkdocs.yml",
    show_default=True,
    help="The site's mkdocs.yml; the briefings plugin options there are used.",
)


@click.group()
@click.version_option(package_name="briefings")
def main() -> None:
    """Briefings: turn news articles in seeds/ into structured briefing pages."""


@main.command()
@config_option
@click.option("--model", default=None, help="spaCy pipeline to use (default: from mkdocs.yml).")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also write every generated Markdown page into this folder.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for extracting uncached seeds (default: one per core).",
)
@click.option(
    "--seed-timeout",
    type=click.FloatRange(min=0),
    default=None,
    help="Seconds one seed's extraction may take before it is that seed's error "
    "(default: from mkdocs.yml, else 120; 0: no limit).",
)
def generate(
    config_file: Path,
    model: str | None,
    out: Path | None,
    jobs: int | None,
    seed_timeout: float | None,
) -> None:
    """Extract every seed (cached by content) and report what changed.

    With --out, the generated pages (briefings, actors, timeline, home) are
    written as Markdown for inspection or for another site generator; files in
    that folder that are no longer generated are removed.
    """
    try:
        project = load_project(config_file)
    except BriefingsError as exc:
        fail(str(exc))
        return
    settings = Settings(model=model or project.model)
    limit = project.seed_timeout if seed_timeout is None else seed_timeout
    try:
        with click.progressbar(length=0, label="extracting", file=sys.stderr) as bar:
            result = build_briefings(
                project.seeds_dir,
                settings,
                cache_dir=project.cache_dir,
                reserved_slugs=hand_written_slugs(hand_written_uris(project, out)),
                root=project.root,
                progress=lambda seed: bar.update(1),
                jobs=jobs,
                time_limit=limit or None,
            )
        renderer = Renderer(project.templates_dir)
        site = build_site(
            result.briefings,
            renderer,
            errors=[str(e) for e in result.errors],
            site_name=project.site_name,
            site_url=project.site_url,
            directory_urls=project.directory_urls,
        )
    except BriefingsError as exc:
        fail(str(exc))
        return
    for err in result.errors:
        click.echo(f"error: {err}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if out is not None:
        try:
            written, foreign = write_pages(out, site, project)
        except BriefingsError as exc:
            fail(str(exc))
            return
        for path in foreign:
            click.echo(
                f"warning: {path} exists and was not written by briefings; left alone", err=True
            )
        click.echo(f"wrote {written} changed file(s) to {out}")
    click.echo(
        f"{len(result.briefings)} briefing(s): {len(result.extracted)} extracted, "
        f"{len(result.cached)} unchanged (cached); {len(result.errors)} seed(s) with errors"
    )
    if result.errors:
        sys.exit(1)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def hand_written_uris(project: ProjectConfig, out: Path | None) -> list[str]:
    """Files of ``docs/briefings/`` a person wrote: not those a ``--out docs`` run wrote."""
    uris = docs_uris(project.docs_dir)
    if out is not None and _same_folder(out, project.docs_dir):
        owned = set(owned_files(out))
        uris = [u for u in uris if u not in owned]
    return uris


def write_pages(out: Path, site, project: ProjectConfig) -> tuple[int, list[Path]]:
    """Write the site's pages under ``out``; remove pages a previous run wrote that are gone.

    Exclusive (the folder is locked for the whole write: a second generator
    waits) and crash-safe (see :mod:`generator.output`): only files this
    generator wrote and that still hold the bytes it wrote are replaced or
    deleted, and nothing is reached through a symbolic link. Files it does not
    own (a hand-written page, when ``out`` is a docs folder) are returned, left
    as they are. Returns the number of files changed and the files left alone.
    """

    def waiting() -> None:
        click.echo(f"waiting for another generator to finish writing {out}", err=True)

    with folder_lock(out, on_wait=waiting):
        # The home page is the hand-written docs/index.md with the latest briefings;
        # a home page this generator wrote into docs/ itself is not hand-written.
        home_file = project.docs_dir / "index.md"
        home_text = None
        own_home = _same_folder(out, project.docs_dir) and "index.md" in owned_files(out)
        if home_file.is_file() and not home_file.is_symlink() and not own_home:
            home_text = home_file.read_text("utf-8")
        files = {p.uri: p.content.encode("utf-8") for p in site.pages}
        files["index.md"] = site.home_page(home_text).encode("utf-8")
        try:
            report = write_tree(out, files)
        except OSError as exc:
            raise OutputError(f"{out}: cannot write the pages: {exc.strerror or exc}") from None
        except ValueError as exc:  # a page address leading out of the folder
            raise OutputError(f"{out}: {exc}; nothing was written") from None
    return report.changed, [out / uri for uri in report.foreign]


@main.command("extract")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the briefing/1 JSON object.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline to use.")
def extract_cmd(path: Path, as_json: bool, model: str) -> None:
    """Extract the briefing of one seed file and print it."""
    try:
        seed = read_seed(path)
        briefing = extract(seed, settings=Settings(model=model))
    except BriefingsError as exc:
        fail(str(exc))
        return
    for warning in seed.notices:
        click.echo(f"{warning.level}: {warning}", err=True)
    if as_json:
        click.echo(briefing.to_json(), nl=False)
        return
    click.echo(f"{briefing.title}\n{briefing.date}\n")
    if briefing.bottom_line:
        click.echo(f"Bottom line: {briefing.bottom_line}\n")
    click.echo("Summary:")
    for s in briefing.summary:
        click.echo(f"  [{s.sentence}] {s.text}")
    click.echo("\nKey actors:")
    for a in briefing.actors:
        role = f", {a.role}" if a.role else ""
        click.echo(f"  {a.name} ({a.type}{role}) x{a.mentions}")
    click.echo("\nTimeline:")
    for e in briefing.events:
        flag = " ~" if e.approximate else ""
        click.echo(f"  {e.date}{flag}  {e.text}  [{e.evidence.sentence}]")
    click.echo("\nOpen questions:")
    for q in briefing.questions:
        click.echo(f"  {q.text}  [{q.evidence.sentence}]")


@main.command()
@config_option
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Seeds folder (default: from mkdocs.yml).",
)
@click.option(
    "--allow-warnings",
    is_flag=True,
    help="Exit 0 when seeds have warnings but no errors.",
)
def check(config_file: Path, seeds_dir: Path | None, allow_warnings: bool) -> None:
    """Validate every seed without extracting.

    Prints one line per problem (file and line first). Exits 1 if any seed has
    an error or a warning, the cases in which `mkdocs build --strict` fails too
    (with --allow-warnings, only on errors).
    """
    try:
        project = load_project(config_file)
    except BriefingsError as exc:
        fail(str(exc))
        return
    folder = seeds_dir or project.seeds_dir
    if not folder.is_dir():
        fail(f"seeds folder not found: {folder}")
    try:
        reserved = hand_written_slugs(docs_uris(project.docs_dir))
    except BriefingsError as exc:
        fail(str(exc))
        return
    seeds, errors, warnings = read_seeds(folder, reserved, root=Path.cwd())
    for err in errors:
        click.echo(f"error: {err}", err=True)
    for w in warnings:
        click.echo(f"{w.level}: {w}", err=True)
    n_warned = len({w.path for w in warnings if w.level == "warning"})
    click.echo(
        f"{len(seeds)} seed(s) read, {len(errors)} with errors; {n_warned} file(s) with warnings"
    )
    if errors or (n_warned and not allow_warnings):
        sys.exit(1)


@main.command("eval")
@click.argument("articles_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("gold_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline to use.")
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write every number to this JSON file.",
)
def eval_cmd(articles_dir: Path, gold_dir: Path, model: str, json_out: Path | None) -> None:
    """Score extraction against gold annotations, beside baseline systems.

    Prints a per-article table, the means, and each mean beside its baseline
    (raw spaCy entities as actors, dateparser as the timeline, lead-3 as the
    summary) measured in the same run.
    """
    from .evaluate import format_report, run_eval

    try:
        report = run_eval(articles_dir, gold_dir, Settings(model=model))
    except (BriefingsError, FileNotFoundError) as exc:
        fail(str(exc))
        return
    click.echo(format_report(report))
    if json_out is not None:
        atomic_write(json_out, json.dumps(report, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()
