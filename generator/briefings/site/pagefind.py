"""Site search with Pagefind: a static index in ``pagefind/``, fetched in small pieces.

Material's search loads one ``search_index.json`` holding every page's text before
it can answer; on a site of thousands of briefings that is megabytes and tens of
seconds. Pagefind indexes the built HTML once, at the end of the build, into
fragments a browser fetches only for the words it searches, from the site's own
``pagefind/`` folder (nothing from a CDN, so search works offline).

Only pages whose template marks them (``pagefind: true`` in their front matter:
briefing, actor and story pages) are indexed; the theme wraps their content in
``data-pagefind-body``, and the templates mark the filters (actor, type, year,
source) and the date to sort by.

Pagefind finds "cease-fire" from "ceasefire" and the reverse by itself, and
"cease fire" from "cease-fire"; what it cannot know is that a page writing
"ceasefire" should answer "cease fire", or one writing "cease fire" should answer
"ceasefire". Those forms, taken from the hyphenated words the site uses anywhere,
are added to the page as a hidden, indexed element that readers never see.
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from briefings.errors import SearchIndexError
from briefings.model import Briefing
from briefings.site.pagefind_canonical import canonicalise
from briefings.site.search import compounds, variants

#: The search engines the plugin's ``search`` option offers.
PAGEFIND, LUNR = "pagefind", "lunr"
ENGINES = (PAGEFIND, LUNR)
#: The folder of the search bundle inside the built site.
BUNDLE_DIR = "pagefind"
#: The front-matter key a page template sets to have the page indexed.
INDEXED_META = "pagefind"
#: The class of the hidden element holding a page's extra word forms.
VARIANTS_CLASS = "brf-search-variants"
#: What stays out of the index: heading permalinks, sentence numbers, evidence marks and
#: their tooltips, "edited" badges, the lists of dated events (clauses of sentences
#: indexed already) and of related actors, and what Material's search leaves out.
EXCLUDED = (
    ".headerlink",
    ".brf-sn",
    ".brf-evs",
    ".brf-edited",
    ".brf-events",
    ".brf-chips",
    "[data-search-exclude]",
)
#: Seconds Pagefind may take over a site before the build gives up on it.
INDEX_TIME_LIMIT = 600

_TAG = re.compile(r"<[^>]*>")
_PAGES = re.compile(r"Indexed (\d+) pages?")


def pagefind_value(value: str) -> str:
    """A filter value escaped for Pagefind, before the page's own escaping.

    Pagefind decodes character references in a filter value once more after the
    HTML parser has, and its Default UI inserts the value as HTML. Escaped twice
    here and once more as page text (the templates' ``pagefind_value`` filter), a
    seed's ``<img onerror=…>`` is indexed as ``&lt;img…`` and shown as the
    characters it is, never as an element.
    """
    text = " ".join(str(value).split())
    return html.escape(html.escape(text, quote=False), quote=False)


def briefing_texts(briefings: Iterable[Briefing]) -> Iterable[str]:
    """Every text of the briefings that a generated page may print."""
    for b in briefings:
        yield b.title
        yield b.bottom_line or ""
        yield from (s.text for s in b.sentences)
        yield from (a.name for a in b.actors)


def page_variants(text: str, vocab: Mapping[str, tuple[str, ...]]) -> str:
    """The word forms of a page's text that Pagefind would not find from the text itself.

    Pagefind indexes a hyphenated word joined and in parts, so only the forms of
    joined and spaced words are added.
    """
    own = {"".join(parts) for parts in compounds(text)}
    return " ".join(w for w in variants(text, vocab).split() if w not in own)


def with_variants(page_html: str, vocab: Mapping[str, tuple[str, ...]]) -> str:
    """The page's HTML followed by a hidden element of its extra word forms, if any."""
    words = page_variants(html.unescape(_TAG.sub(" ", page_html)), vocab)
    if not words:
        return page_html
    hidden = f'<div class="{VARIANTS_CLASS}" hidden aria-hidden="true">{html.escape(words)}</div>'
    return f"{page_html}\n{hidden}"


def index_site(site_dir: Path) -> int:
    """Index the built site into ``site_dir/pagefind``; the number of pages indexed.

    The bundle is written to a temporary folder of the site, made byte-identical
    for the same pages (:func:`canonicalise`), and swapped in whole, so an
    interrupted build never leaves half an index (nor a stale one beside it).
    """
    if importlib.util.find_spec("pagefind") is None:
        raise SearchIndexError(
            "search: pagefind is not installed; pip install 'pagefind[bin]' "
            "or set `search: lunr` in the briefings plugin's options"
        )
    site_dir = site_dir.resolve()
    fresh = Path(tempfile.mkdtemp(prefix=".pagefind-new-", dir=site_dir))
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(site_dir),
                "--output-path",
                str(fresh),
                "--exclude-selectors",
                ", ".join(EXCLUDED),
            ],
            capture_output=True,
            text=True,
            timeout=INDEX_TIME_LIMIT,
            check=False,
        )
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
            raise SearchIndexError(
                f"search: pagefind failed on {site_dir} (exit {done.returncode}): "
                + " / ".join(detail)
            )
        canonicalise(fresh)
        _swap_in(fresh, site_dir / BUNDLE_DIR)
    except subprocess.TimeoutExpired:
        raise SearchIndexError(
            f"search: pagefind took over {INDEX_TIME_LIMIT} s on {site_dir}"
        ) from None
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    counts = _PAGES.findall(done.stdout)
    return int(counts[-1]) if counts else 0


def _swap_in(fresh: Path, bundle: Path) -> None:
    """Replace ``bundle`` by ``fresh`` with two renames; the old bundle is removed after."""
    old = None
    if bundle.exists():
        old = bundle.with_name(f".pagefind-old-{fresh.name}")
        bundle.rename(old)
    fresh.rename(bundle)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
