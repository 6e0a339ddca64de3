"""``briefings stories`` and ``briefings timeline``: the stories and key dates of the seeds.

Both read every seed as ``briefings generate`` does (cached by content, the
model loaded only for a seed the cache lacks) and print what the site's story
pages and timeline are built from; ``--json`` prints the machine-readable form.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from briefings.build.extraction import build_briefings, docs_uris, hand_written_slugs
from briefings.cli.options import config_option, fail
from briefings.errors import BriefingsError
from briefings.extract.pipeline import Settings
from briefings.model import Briefing
from briefings.site.actors import actor_lookup, merge_actors
from briefings.site.corrections import CORRECTIONS_FILE, apply_corrections, load_corrections
from briefings.site.stories import cluster
from briefings.site.story_analysis import key_dates
from briefings.site.story_pages import key_date_dict, story_dict, story_view


def _briefings(config_file: Path) -> list[Briefing]:
    from briefings.build.project import load_project

    project = load_project(config_file)
    try:
        result = build_briefings(
            project.seeds_dir,
            Settings(model=project.model),
            cache_dir=project.cache_dir,
            reserved_slugs=hand_written_slugs(docs_uris(project.docs_dir)),
            root=project.root,
        )
    except BriefingsError as exc:
        fail(str(exc))
    for err in result.errors:
        click.echo(f"error: {err}", err=True)
    # The analyst's corrections, as on the site's story pages.
    return apply_corrections(result.briefings, load_corrections(project.root / CORRECTIONS_FILE))


def _dump(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.command("stories")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print every story as a story/1 object.")
def stories_cmd(config_file: Path, as_json: bool) -> None:
    """Every story (two or more briefings on one event), most recently active first."""
    briefings = _briefings(config_file)
    lookup = actor_lookup(merge_actors(briefings))
    views = [story_view(s, lookup) for s in cluster(briefings)]
    if as_json:
        _dump([story_dict(v) for v in views])
        return
    for v in views:
        s = v.story
        click.echo(f"{s.id}  {s.first_date} – {s.last_date}  {len(s.briefings)} briefings")
        click.echo(f"  {v.title}")
        for q in v.questions:
            click.echo(f"    [{q.status}] {q.text}")
    if not views:
        click.echo("no story: no two briefings report the same event", err=True)


@click.command("timeline")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the key dates as JSON.")
@click.option(
    "--top", type=click.IntRange(min=1), default=None, help="Only the K heaviest key dates."
)
def timeline_cmd(config_file: Path, as_json: bool, top: int | None) -> None:
    """The site-wide key dates: days by how many briefings report them, heaviest first."""
    dates = key_dates(_briefings(config_file), top=top)
    if as_json:
        _dump([key_date_dict(kd) for kd in dates])
        return
    for kd in dates:
        click.echo(f"{kd.date}  x{kd.weight}  {kd.text}")
    sys.stdout.flush()
