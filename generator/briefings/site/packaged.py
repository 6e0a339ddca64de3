"""What every site gets from the package itself: page templates, theme overrides, assets.

A site needs nothing of this checkout: ``pip install`` gives the templates, the
stylesheet, the script and the theme override (feed links in ``<head>``). A
project overrides any of them by name: a file in its own templates folder
(``templates/briefing.md.j2``) wins over the packaged one, a stylesheet or script
of the same path in ``docs/`` wins over the packaged asset, and a theme
``custom_dir`` wins over the packaged theme folder.
"""

from __future__ import annotations

from pathlib import Path

from briefings.errors import ConfigError

PACKAGED = Path(__file__).resolve().parent / "defaults"
#: The Jinja templates of every generated page.
TEMPLATES = PACKAGED / "templates"
#: Overrides of Material's templates, placed after a site's own ``custom_dir``.
THEME = PACKAGED / "theme"
#: Stylesheets and scripts every page loads: site paths, and paths under PACKAGED.
STYLESHEETS = ("assets/briefings.css", "assets/pagefind-search.css")
SCRIPTS = ("assets/javascripts/briefings.js", "assets/javascripts/pagefind-search.js")
#: The templates folder a project has unless its configuration names another.
DEFAULT_TEMPLATES_DIR = "templates"


def project_templates(root: Path, option: str | None) -> Path | None:
    """The project's own templates folder, or None when it has none.

    The default folder may be absent (the packaged templates are used alone); a
    folder the configuration names explicitly must exist, or the typo would
    silently fall back to the defaults.
    """
    if option is None:
        default = root / DEFAULT_TEMPLATES_DIR
        return default if default.is_dir() else None
    path = root / option
    if not path.is_dir():
        raise ConfigError(f"templates_dir: folder not found: {path}")
    return path
