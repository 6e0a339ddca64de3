"""``briefings init``: a new site folder that ``mkdocs serve`` builds at once.

The skeleton ships inside the package (``defaults/new-site``): a minimal
``mkdocs.yml`` with the plugin, a hand-written home page and one example seed.
Everything else (templates, theme override, stylesheet, script) comes from the
package at build time, so the new folder stays small and upgrades with it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from briefings.errors import ConfigError
from briefings.site.packaged import PACKAGED

SKELETON = PACKAGED / "new-site"


def skeleton_files() -> list[Path]:
    """The skeleton's files, relative to its folder, in a stable order."""
    return sorted(p.relative_to(SKELETON) for p in SKELETON.rglob("*") if p.is_file())


def init_site(folder: Path) -> list[Path]:
    """Write the skeleton into ``folder`` and return the files written.

    Nothing is overwritten: if any skeleton file already exists there, nothing is
    written at all and the error names the file, so a second ``init`` over a site
    an analyst has edited loses nothing.
    """
    targets = [(SKELETON / rel, folder / rel) for rel in skeleton_files()]
    for _, target in targets:
        if target.exists() or target.is_symlink():
            raise ConfigError(f"{target}: already exists; nothing written")
    written = []
    for source, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written
