"""The ``briefings`` MkDocs plugin: seeds in, virtual pages out.

Generated pages are added as in-memory files (``File.generated``, MkDocs 1.6), so
nothing is written into ``docs/``: no stale pages, no rebuild loops, hand-written
pages never touched. Defining ``on_startup`` keeps one plugin object for the whole
``mkdocs serve`` session, so the spaCy model loads once and the briefings of
unchanged seeds stay in memory: a rebuild after adding one seed extracts that
seed alone. ``on_serve`` adds ``seeds/``, ``templates/`` and ``corrections.yml`` to the
watched paths.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from briefings.build.extraction import build_briefings, hand_written_slugs
from briefings.build.output import owned_files, safe_uri
from briefings.build.project import BriefingsConfig
from briefings.errors import BriefingsError
from briefings.extract.pipeline import Settings
from briefings.files import atomic_write
from briefings.model import Briefing
from briefings.nlp.parse import load_model
from briefings.site.corrections import CORRECTIONS_FILE, apply_corrections, load_corrections
from briefings.site.packaged import (
    DEFAULT_TEMPLATES_DIR,
    PACKAGED,
    SCRIPTS,
    STYLESHEETS,
    THEME,
    project_templates,
)
from briefings.site.pagefind import (
    INDEXED_META,
    LUNR,
    PAGEFIND,
    briefing_texts,
    index_site,
    with_variants,
)
from briefings.site.pages import HOME_URI, Site, briefing_uri, build_site
from briefings.site.render import Renderer
from briefings.site.search import shape_index, vocabulary

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from spacy.language import Language

log = logging.getLogger("mkdocs.plugins.briefings")


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.site: Site | None = None
        self.errors: list[str] = []
        #: Each briefing page's address (as the search index writes it) to its briefing.
        self.locations: dict[str, Briefing] = {}
        #: Briefings by cache key, kept for the whole ``mkdocs serve`` session so
        #: a rebuild neither re-extracts nor re-reads an unchanged seed.
        self.memory: dict[str, Briefing] = {}
        self.models: dict[str, Language] = {}
        #: The SOURCE_DATE_EPOCH this plugin set (None: it set none, or the user did).
        self.pinned_epoch: str | None = None
        #: Each hyphenated word of the briefings, joined, to its parts (Pagefind search).
        self.vocab: dict[str, tuple[str, ...]] = {}

    def load_model(self, name: str) -> Language:
        """The spaCy model, loaded at most once per process (and logged when it is)."""
        if name not in self.models:
            log.info("briefings: loading spaCy model %s", name)
            self.models[name] = load_model(name)
        return self.models[name]

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Its presence alone keeps this object alive across `mkdocs serve` rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Give the site the packaged theme override, stylesheet and script.

        The packaged theme folder goes right after the site's own ``custom_dir``
        (so the site's overrides still win) and before Material's; the assets are
        added to the pages' ``extra_css`` and ``extra_javascript`` unless listed.
        """
        if not self.config.enabled:
            return None
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        for path in STYLESHEETS:
            if path not in config.extra_css:
                config.extra_css.append(path)
        for path in SCRIPTS:
            if all(str(script) != path for script in config.extra_javascript):
                config.extra_javascript.append(path)
        if self.config.search == LUNR and "material/search" not in config.plugins:
            log.warning("briefings: `search: lunr` needs Material's `search` plugin in mkdocs.yml")
        return config

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The packaged stylesheet and script, unless ``docs/`` has its own of that path."""
        for path in (*STYLESHEETS, *SCRIPTS):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(PACKAGED / path)))

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (project_root(config) / value).resolve()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        root = project_root(config)
        seeds_dir = self._path(config, self.config.seeds_dir)
        cache_dir = self._path(config, self.config.cache_dir) if self.config.cache_dir else None
        # Pages a `briefings generate --out docs` run wrote are generated, not hand-written:
        # the plugin generates them again, so the written copies step aside.
        owned = set(owned_files(Path(config.docs_dir)))
        for f in [f for f in files if f.src_uri in owned and not f.generated_by]:
            files.remove(f)
        reserved = hand_written_slugs(f.src_uri for f in files if not f.generated_by)
        self._add_assets(files, config)
        try:
            renderer = Renderer(project_templates(root, self.config.templates_dir))
            result = build_briefings(
                seeds_dir,
                Settings(model=self.config.model),
                cache_dir=cache_dir,
                reserved_slugs=reserved,
                root=root,
                jobs=self.config.jobs or None,
                # A serve session keeps every briefing in memory between rebuilds; a
                # one-off build has no next rebuild to keep them for.
                memory=self.memory if self.command == "serve" else None,
                load=self.load_model,
                keep_model=self.command == "serve",
                time_limit=self.config.seed_timeout or None,
            )
            messages = [str(e) for e in result.errors]
            # The analyst's corrections apply to the extracted (or cached) briefings, so
            # changing them re-runs no extraction.
            corrections = load_corrections(root / CORRECTIONS_FILE)
            briefings = apply_corrections(result.briefings, corrections)
            self.site = build_site(
                briefings,
                renderer,
                errors=messages,
                site_name=config.site_name,
                site_url=config.site_url,
                directory_urls=config.use_directory_urls,
            )
        except BriefingsError as exc:
            raise PluginError(str(exc)) from None
        self._pin_build_date(result.briefings)
        # Errors and warnings are logged as such, so `mkdocs build --strict` fails on
        # them; `mkdocs serve` and a plain build go on and show the errors page.
        self.errors = messages
        for message in messages:
            log.error("seed skipped: %s", message)
        for message in result.warnings:
            log.warning(message)
        for message in result.notes:
            log.info(message)
        if result.extracted:
            log.info(
                "briefings: extracted %d seed(s), %d from cache",
                len(result.extracted),
                len(result.cached),
            )
        for page in self.site.pages:
            if not safe_uri(page.uri):  # never a file outside the site, whatever made it
                log.error("briefings: a generated page has an unsafe address %r", page.uri)
                continue
            existing = files.get_file_from_path(page.uri)
            if existing is not None and not existing.generated_by:
                log.warning(
                    "briefings: %s is a hand-written page; the generated page of that "
                    "name is not added",
                    page.uri,
                )
                continue
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.uri, content=page.content, inclusion=inclusion)
            )
        if files.get_file_from_path(HOME_URI) is None:
            files.append(File.generated(config, HOME_URI, content=self.site.home_page(None)))
        self.vocab = vocabulary(briefing_texts(briefings))
        self.locations = {}
        for b in briefings:
            page_file = files.get_file_from_path(briefing_uri(b.id))
            if page_file is not None and page_file.generated_by:
                self.locations[page_file.url] = b
        return files

    def _pin_build_date(self, briefings: list[Briefing]) -> None:
        """Date the build by the newest briefing, so the same seeds give the same sitemap.

        MkDocs stamps every page's ``lastmod`` in ``sitemap.xml`` (and the gzip
        header of ``sitemap.xml.gz``) with the day of the build, unless
        ``SOURCE_DATE_EPOCH`` is set. When the user has not set it, it is set to
        the newest briefing's date (midnight UTC): the site changes when its
        seeds do, not when the calendar does.
        """
        current = os.environ.get("SOURCE_DATE_EPOCH")
        if current is not None and current != self.pinned_epoch:
            return  # the user's own
        newest = max((b.date for b in briefings), default=None)
        if newest is None:
            return
        day = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC)
        self.pinned_epoch = str(int(day.timestamp()))
        os.environ["SOURCE_DATE_EPOCH"] = self.pinned_epoch

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the latest briefings into the hand-written home page."""
        if not self.config.enabled or self.site is None:
            return None
        if page.file.src_uri != HOME_URI:
            return None
        banner = self._errors_banner()
        if not page.file.generated_by:
            markdown = self.site.home_page(markdown)
        elif not banner:
            return None
        return banner + markdown

    def _errors_banner(self) -> str:
        """An admonition on the home page linking the errors page, when seeds failed."""
        n = len(self.errors)
        if not n:
            return ""
        what = "seed could not be built" if n == 1 else "seeds could not be built"
        return f'!!! failure "{n} {what}"\n\n    See [Seeds with errors](errors.md).\n\n'

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give every generated page a title that stays text in every template.

        MkDocs takes a page's title from its first heading as entity-escaped
        text; Material prints it into ``<title>`` through Jinja's ``striptags``,
        which strips tags first and then *unescapes* entities, so a seed title
        ``</title><script>…`` would come out as live markup. A ``title`` in the
        page's meta, HTML-escaped here, is printed as it is instead, and every
        other template reading ``page.title`` gets the same escaped text.
        """
        if self.config.enabled and page.file.generated_by and page.title:
            page.meta["title"] = escape(unescape(self._title(page, config)), quote=True)
        if self.config.enabled and self.config.search == PAGEFIND and page.meta.get(INDEXED_META):
            return with_variants(html, self.vocab)
        return None

    @staticmethod
    def _title(page: Page, config: MkDocsConfig) -> str:
        """The page's title; its own heading when the nav names it like the site.

        The nav entry of the briefings index is "Briefings", like the site, and the
        document title "Briefings - Briefings" says nothing; "All briefings -
        Briefings" (its heading) does.
        """
        title = page.title or ""
        if title.strip() != (config.site_name or "").strip() or page.is_homepage:
            return title
        first = next(iter(page.toc), None)
        return first.title if first is not None and first.level == 1 else title

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site with Pagefind, or shape Material's search index."""
        if not self.config.enabled:
            return
        if self.config.search == PAGEFIND:
            try:
                pages = index_site(Path(config.site_dir))
            except BriefingsError as exc:
                raise PluginError(str(exc)) from None
            log.info("briefings: search index of %d page(s) written to pagefind/", pages)
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        data = json.loads(path.read_text("utf-8"))
        shaped = shape_index(data, self.locations)
        atomic_write(path, json.dumps(shaped, separators=(",", ":"), ensure_ascii=False))

    def on_serve(
        self,
        server: LiveReloadServer,
        /,
        *,
        config: MkDocsConfig,
        builder: Callable[..., Any],
    ) -> LiveReloadServer:
        if self.config.enabled:
            templates = self.config.templates_dir or DEFAULT_TEMPLATES_DIR
            for value in (self.config.seeds_dir, templates, CORRECTIONS_FILE):
                path = self._path(config, value)
                if path.exists():
                    server.watch(str(path))
        return server
