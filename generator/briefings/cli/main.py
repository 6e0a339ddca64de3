"""The ``briefings`` command line: a thin shell over the library.

The library never prints; this module turns its results into output and its
named errors into one clear line and a non-zero exit code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefings.build.executors import EXECUTORS, extraction_executor
from briefings.build.extraction import (
    build_briefings,
    docs_uris,
    hand_written_slugs,
    read_seeds,
)
from briefings.build.pages_folder import hand_written_uris, write_pages
from briefings.build.project import load_project
from briefings.cli.options import config_option, fail
from briefings.cli.stories import stories_cmd, timeline_cmd
from briefings.errors import BriefingsError, ConfigError
from briefings.extract.pipeline import Settings, extract
from briefings.files import atomic_write
from briefings.ingest.fetch import DEFAULT_TIMEOUT, Fetcher
from briefings.ingest.seeds import read_seed
from briefings.nlp.parse import DEFAULT_MODEL
from briefings.site.corrections import CORRECTIONS_FILE, apply_corrections, load_corrections
from briefings.site.pages import build_site
from briefings.site.render import Renderer

if TYPE_CHECKING:
    from briefings.build.batch import Outcome
    from briefings.ingest.add import Added
    from briefings.quality.evaluate import Corpus


@click.group()
@click.version_option(package_name="briefings")
def main() -> None:
    """Briefings: turn news articles in seeds/ into structured briefing pages."""


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
def init_cmd(folder: Path) -> None:
    """Start a new briefing site in FOLDER: mkdocs.yml, docs/ and seeds/ with one example."""
    from briefings.cli.scaffold import init_site

    try:
        written = init_site(folder)
    except BriefingsError as exc:
        fail(str(exc))
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && mkdocs serve  (add articles to {folder / 'seeds'})")


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
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where uncached seeds are extracted: local worker processes, or a Dask cluster "
    "(needs the Dask packages).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="With --executor dask: the Dask scheduler (tcp://host:8786); without it, a "
    "local Dask cluster of --jobs workers is started.",
)
def generate(
    config_file: Path,
    model: str | None,
    out: Path | None,
    jobs: int | None,
    seed_timeout: float | None,
    executor: str,
    scheduler: str | None,
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
    if scheduler is not None and executor != "dask":
        fail("--scheduler needs --executor dask")
    try:
        extraction = extraction_executor(executor, scheduler)
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
                executor=extraction,
            )
        renderer = Renderer(project.templates_dir)
        # The analyst's corrections, as in `mkdocs build`: on the extracted briefings.
        corrections = load_corrections(project.root / CORRECTIONS_FILE)
        site = build_site(
            apply_corrections(result.briefings, corrections),
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
            written, foreign = write_pages(
                out,
                site,
                project,
                on_wait=lambda: click.echo(
                    f"waiting for another generator to finish writing {out}", err=True
                ),
            )
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


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the briefing/1 JSON object.")
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write DIR/NAME.json per article (NAME.err for each refused or failed) "
    "instead of printing; needed for several articles.",
)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline to use.")
def extract_cmd(paths: tuple[Path, ...], as_json: bool, out_dir: Path | None, model: str) -> None:
    """Extract the briefing of one seed file and print it, or of many into --out-dir.

    PATH may be a folder: its seed files (*.txt) are extracted. With --out-dir the
    model loads once for all of them; the exit code is 1 if any article was
    refused or failed (its NAME.err says why), 0 otherwise.
    """
    settings = Settings(model=model)
    if out_dir is not None:
        _extract_into(paths, out_dir, settings)
        return
    if len(paths) != 1 or paths[0].is_dir():
        raise click.UsageError("several articles (or a folder) need --out-dir DIR")
    path = paths[0]
    try:
        seed = read_seed(path)
        briefing = extract(seed, settings=settings)
    except BriefingsError as exc:
        fail(str(exc))
        return
    for warning in seed.notices:
        click.echo(f"{warning.level}: {warning}", err=True)
    for problem in briefing.warnings:
        if problem not in seed.warnings:
            click.echo(f"warning: {path.as_posix()}: {problem}", err=True)
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


def _extract_into(paths: tuple[Path, ...], out_dir: Path, settings: Settings) -> None:
    """``extract --out-dir``: every article into DIR, a line per problem, exit 1 on any."""
    from briefings.build.batch import expand, extract_many

    def report(outcome: Outcome) -> None:
        for line in outcome.warnings:
            click.echo(f"warning: {line}", err=True)
        for line in outcome.problems:
            click.echo(f"error: {line}", err=True)

    articles = expand(paths)
    try:
        outcomes = extract_many(articles, out_dir, settings, progress=report)
    except BriefingsError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"cannot write to {out_dir}: {exc.strerror or exc}")
        return
    failed = sum(o.failed for o in outcomes)
    click.echo(
        f"{len(outcomes)} article(s): {len(outcomes) - failed} extracted, {failed} refused "
        f"or failed; written to {out_dir}"
    )
    if failed:
        sys.exit(1)


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
    seeds, seed_errors, warnings = read_seeds(folder, reserved, root=Path.cwd())
    errors: list[BriefingsError] = list(seed_errors)
    try:  # corrections.yml is validated like the seeds: a bad entry is a file:line error
        load_corrections(project.root / CORRECTIONS_FILE)
    except BriefingsError as exc:
        errors = [*errors, exc]
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


@main.command("add")
@config_option
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@click.option("--feed", default=None, metavar="FEED", help="An RSS/Atom feed (URL or file).")
@click.option(
    "--date",
    "date",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Publication date YYYY-MM-DD, for a page that gives none (it wins over one found).",
)
@click.option("--ignore-robots", is_flag=True, help="Fetch pages robots.txt disallows.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds allowed for each request.",
)
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Seeds folder to write to (default: from mkdocs.yml).",
)
def add_cmd(
    config_file: Path,
    sources: tuple[str, ...],
    feed: str | None,
    date: dt.datetime | None,
    ignore_robots: bool,
    timeout: float,
    seeds_dir: Path | None,
) -> None:
    """Add articles as seeds: web pages (http/https), saved .html files, .txt files.

    With --feed, every entry of an RSS or Atom feed not yet among the seeds is
    fetched and added; a second run adds nothing. Exits 1 when a SOURCE is
    refused, or when the feed cannot be read (entries that fail are listed).
    """
    from briefings.ingest.add import Ingest

    if bool(sources) == bool(feed):
        fail("give either SOURCE... or --feed FEED")
    if feed and date:
        fail("--date applies to SOURCE... only: a feed's entries each have their own date")
    project = load_project(config_file)
    fetcher = Fetcher(timeout=timeout, respect_robots=not ignore_robots)
    ingest = Ingest(
        seeds_dir or project.seeds_dir,
        fetcher,
        reserved_slugs=hand_written_slugs(docs_uris(project.docs_dir)),
        date=date.date() if date else None,
    )
    if feed:
        with contextlib.ExitStack() as stack:

            def progress(total: int) -> Callable[[], None]:
                bar = stack.enter_context(
                    click.progressbar(length=total, label="fetching", file=sys.stderr)
                )
                return lambda: bar.update(1)

            try:
                report = ingest.add_feed(feed, progress)
            except BriefingsError as exc:
                fail(str(exc))
                return
        for added in report.added:
            _say_added(added)
        for dup in report.skipped:
            click.echo(f"skipped: {dup}")
        for err in report.failed:
            click.echo(f"failed: {err}", err=True)
        click.echo(
            f"{len(report.added)} added, {len(report.skipped)} skipped (already seeds), "
            f"{len(report.failed)} failed"
        )
        return
    refused = 0
    for source in sources:
        try:
            _say_added(ingest.add(source))
        except BriefingsError as exc:
            click.echo(f"error: {exc}", err=True)
            refused += 1
    if len(sources) > 1:
        click.echo(f"{len(sources) - refused} added, {refused} refused")
    if refused:
        sys.exit(1)


def _say_added(added: Added) -> None:
    from briefings.ingest.seed_index import shown

    seed = added.seed
    facts = ", ".join(x for x in (seed.date.isoformat(), seed.source) if x)
    click.echo(f"added {shown(added.path)}: {seed.title or seed.slug} ({facts})")


@main.command("eval")
@click.argument(
    "folders",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, exists=True, file_okay=False),
)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline to use.")
@click.option(
    "--loo/--no-loo",
    default=True,
    show_default=True,
    help="Also score each article with the fitted numbers chosen on all the others.",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write every number to this JSON file.",
)
def eval_cmd(folders: tuple[Path, ...], model: str, loo: bool, json_out: Path | None) -> None:
    """Score extraction against gold annotations, beside baseline systems.

    FOLDERS are corpora (each a folder holding articles/ and gold/), or an
    ARTICLES_DIR GOLD_DIR pair. Per corpus: a per-article table, the means and,
    with --loo, the leave-one-out means (each article extracted with the
    salience weights and summary shape chosen on every other article given),
    and each mean beside its baseline (raw spaCy entities as actors, dateparser
    as the timeline, lead-3 as the summary) measured in the same run. Only the
    sections a gold file declares ("sections") are scored.
    """
    from briefings.quality.evaluate import format_corpora, run_corpora

    try:
        corpora = corpora_of(folders)
        report = run_corpora(corpora, Settings(model=model), loo=loo)
    except (BriefingsError, FileNotFoundError) as exc:
        fail(str(exc))
        return
    click.echo(format_corpora(report))
    if json_out is not None:
        atomic_write(json_out, json.dumps(report, indent=2, sort_keys=True) + "\n")


def corpora_of(folders: tuple[Path, ...]) -> list[Corpus]:
    """Corpus folders (``articles/`` and ``gold/`` inside) and ARTICLES GOLD pairs, in order."""
    from briefings.quality.evaluate import Corpus

    corpora = []
    rest = list(folders)
    while rest:
        folder = rest.pop(0)
        if (folder / "articles").is_dir() and (folder / "gold").is_dir():
            corpora.append(Corpus(folder.resolve().name, folder / "articles", folder / "gold"))
        elif rest:
            gold = rest.pop(0)
            name = folder.resolve().parent.name if folder.name == "articles" else folder.name
            corpora.append(Corpus(name, folder, gold))
        else:
            raise ConfigError(
                f"{folder} holds no articles/ and gold/ folders, and no GOLD_DIR follows it"
            )
    return corpora


# The story commands live in briefings/cli/stories.py.
main.add_command(stories_cmd)
main.add_command(timeline_cmd)

if __name__ == "__main__":  # pragma: no cover
    main()
