"""What every ``briefings`` command shares: the ``--config`` option and the way it fails.

A module of its own so that commands defined outside ``cli.py`` (the story
commands) use the very same option and message format without importing the
command group they are added to.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default="mkdocs.yml",
    show_default=True,
    help="The site's mkdocs.yml; the briefings plugin options there are used.",
)


def fail(message: str) -> NoReturn:
    """Print ``error: MESSAGE`` on stderr and exit 1."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)
