"""Writing a site's generated pages as Markdown into a folder: ``briefings generate --out``.

For inspection, or for a site generator without the plugin. The folder may be
a site's own ``docs/``, where people write pages too: only pages this package
wrote are ever replaced or removed (see :mod:`briefings.build.output`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefings.build.extraction import (
    docs_uris,
)
from briefings.build.locking import folder_lock
from briefings.build.output import owned_files, write_tree
from briefings.build.project import ProjectConfig
from briefings.errors import OutputError
from briefings.site.pages import Site


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


def write_pages(
    out: Path, site: Site, project: ProjectConfig, on_wait: Callable[[], None] | None = None
) -> tuple[int, list[Path]]:
    """Write the site's pages under ``out``; remove pages a previous run wrote that are gone.

    Exclusive (the folder is locked for the whole write: a second generator
    waits) and crash-safe (see :mod:`briefings.build.output`): only files this
    generator wrote and that still hold the bytes it wrote are replaced or
    deleted, and nothing is reached through a symbolic link. Files it does not
    own (a hand-written page, when ``out`` is a docs folder) are returned, left
    as they are. Returns the number of files changed and the files left alone.
    ``on_wait`` is called once if another writer holds the folder.
    """
    with folder_lock(out, on_wait=on_wait):
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
