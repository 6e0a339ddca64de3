"""A site's settings as its mkdocs.yml gives them: one schema for the plugin and the CLI.

The plugin reads its options through MkDocs; ``briefings generate``, ``check``
and the story commands read the same file without running MkDocs. Both go
through :class:`BriefingsConfig`, so an option has one default and one check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from briefings.build.extraction import SEED_TIME_LIMIT
from briefings.errors import ConfigError
from briefings.nlp.parse import DEFAULT_MODEL
from briefings.site.packaged import project_templates
from briefings.site.pagefind import ENGINES, PAGEFIND


class BriefingsConfig(Config):
    enabled = c.Type(bool, default=True)
    #: Folder of seed articles, relative to mkdocs.yml.
    seeds_dir = c.Type(str, default="seeds")
    #: Folder of the project's own Jinja templates, each replacing the packaged one of
    #: its name; by default ``templates`` when that folder exists.
    templates_dir = c.Optional(c.Type(str))
    #: spaCy pipeline: an installed package name or a folder.
    model = c.Type(str, default=DEFAULT_MODEL)
    #: Extraction cache; safe to delete. Empty string disables it.
    cache_dir = c.Type(str, default=".cache/briefings")
    #: Processes for extracting many seeds at once; 0 means one per core.
    jobs = c.Type(int, default=0)
    #: Seconds one seed's extraction may take before it becomes that seed's error; 0: no limit.
    seed_timeout = c.Type((int, float), default=SEED_TIME_LIMIT)
    #: The site search: ``pagefind`` (an index fetched in pieces, for sites of any
    #: size) or ``lunr`` (Material's own search plugin, which must then be listed).
    search = c.Choice(ENGINES, default=PAGEFIND)


@dataclass(frozen=True)
class ProjectConfig:
    """The plugin's settings as mkdocs.yml gives them, paths made absolute."""

    root: Path
    seeds_dir: Path
    #: The project's own templates (each overriding the packaged one), or None.
    templates_dir: Path | None
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
    plugin = BriefingsConfig(config_file_path=str(config_file))
    plugin.load_dict(options)
    failed, _ = plugin.validate()
    if failed:
        key, error = failed[0]
        raise ConfigError(f"{config_file}: briefings plugin option '{key}': {error}")
    if plugin.seed_timeout < 0:
        raise ConfigError(f"{config_file}: seed_timeout must be a number of seconds (0: no limit)")
    cache = plugin.cache_dir
    return ProjectConfig(
        root=root,
        seeds_dir=root / plugin.seeds_dir,
        templates_dir=project_templates(root, plugin.templates_dir),
        docs_dir=root / docs_dir,
        model=plugin.model,
        cache_dir=(root / cache) if cache else None,
        site_name=str(data.get("site_name") or "Briefings"),
        site_url=_site_url(data.get("site_url")),
        directory_urls=bool(data.get("use_directory_urls", True)),
        seed_timeout=float(plugin.seed_timeout),
    )


def _site_url(value: object) -> str | None:
    """``site_url`` as MkDocs normalises it: ending in "/" (None when unset)."""
    if not value:
        return None
    url = str(value)
    return url if url.endswith("/") else url + "/"
