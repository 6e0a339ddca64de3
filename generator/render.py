"""Rendering: Jinja2 templates (the packaged ones, each overridable) to Markdown pages.

Seed text is data. Every value a template prints goes through :func:`md_escape`
(the environment's ``finalize``), which turns each character that Markdown,
its extensions or HTML could read as syntax into a numeric character
reference. The browser shows the same characters; nothing becomes markup,
a link or a script. Only values wrapped in :class:`Trusted` (built by this
package, never from seed text) pass through unchanged.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from .calendar_values import date_label
from .errors import TemplateError
from .packaged import TEMPLATES

# ASCII characters with a meaning in Markdown, its extensions (attr_list, pymdownx,
# tables, admonitions, abbreviations), HTML, or an HTML attribute in either kind of
# quotes. Each becomes a numeric character reference. ":" stops bare URLs from
# becoming links should a link-making extension (pymdownx.magiclink) be switched on.
_SPECIAL = frozenset("\\`*_{}[]()<>&#+-!|~^=:$%@\"'")
#: Each special character to its numeric character reference, for ``str.translate``
#: (a site build escapes about a million values).
_REFERENCES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
#: A "." that starts an ordered list ("1.") or a bare link ("www.example.org",
#: "ftp.example.org", which pymdownx.magiclink would link) is escaped too.
_LINKY_DOT = re.compile(r"(?<=\d)\.|(?i:(?<=www)|(?<=ftp))\.")
#: Characters left as they are in a URL path, query or fragment; everything else is
#: percent-encoded. Brackets, parentheses, quotes and spaces are not among them, so
#: a URL can end neither a Markdown link nor an HTML attribute.
_URL_SAFE = "/?#&=+;,:@!$*~-._%"
#: Unicode categories removed from printed values: control, format, surrogate.
_DROPPED = frozenset({"Cc", "Cf", "Cs"})
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"[A-Za-z0-9.-]+")


class Trusted(str):
    """A string built by the generator itself (markup, URLs it made): printed as is."""


def md_escape(value: Any) -> str:
    """Escape any value for inline Markdown and HTML; one line, no markup.

    Whitespace runs become one space (no line can start a block), invisible
    control and format characters are dropped, and every character in
    ``_SPECIAL`` becomes a numeric character reference. The result is safe as
    Markdown inline text, as HTML text and inside a quoted HTML attribute.
    """
    if value is None:
        return ""
    if isinstance(value, Trusted):
        return value
    if type(value) is int and value >= 0:  # counts and sentence numbers: digits only
        return str(value)
    return _escape_text(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escape_text(value: str) -> str:
    """:func:`md_escape` of a plain string, memoised: a site prints the same names,
    titles and dates on thousands of pages."""
    text = " ".join(value.split())
    if not text.isprintable():
        # Control characters include STX/ETX, which Python-Markdown uses to mark its
        # placeholders for stashed HTML; format characters include bidi overrides.
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED)
    text = text.translate(_REFERENCES)
    return _LINKY_DOT.sub("&#46;", text) if "." in text else text


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a Markdown link and an ``href``, or None for anything else.

    Only ``http`` and ``https`` with a plain host name or address pass (no
    ``javascript:``, ``data:``, protocol-relative or user-info URLs); the host is
    IDNA-encoded and the rest percent-encoded, so the result holds no character
    that could close the link, the attribute or the tag it is printed in.
    """
    if not url:
        return None
    url = url.strip()
    if any(not ch.isprintable() or ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not _HOST.fullmatch(host):
        return None
    netloc = host + (f":{port}" if port is not None else "")
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    rest += f"#{parts.fragment}" if parts.fragment else ""
    rest = quote(_PERCENT.sub("%25", rest), safe=_URL_SAFE)
    return f"{parts.scheme.lower()}://{netloc}{rest}"


def attr(value: Any) -> Trusted:
    """Escape a value for an HTML attribute in quotes."""
    return Trusted(md_escape(value))


def date_anchor(value: str) -> Trusted:
    """Anchor id of a timeline heading: ``y2025`` for a year, ``m2025-02`` for a month."""
    parts = value.split("-")
    if len(parts) == 1:
        return Trusted(f"y{int(parts[0]):04d}")
    return Trusted(f"m{int(parts[0]):04d}-{int(parts[1]):02d}")


#: Above this many months between the first and the last event, the chart has one bar a year.
CHART_MAX_MONTHS = 48


def chart_bins(dated_counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(month or year, number of events) for every bin from the first to the last event.

    Bins are months (``YYYY-MM``) when the events span at most
    :data:`CHART_MAX_MONTHS`, else years (``YYYY``); empty bins are kept so the
    axis is linear in time. Year-only dates have no bin in a chart by month.
    """
    dated = [(d, n) for d, n in dated_counts if d[:4].isdigit()]
    months = sorted({(int(d[:4]), int(d[5:7])) for d, _ in dated if len(d) >= 7})
    span = 0
    if months:
        (y0, m0), (y1, m1) = months[0], months[-1]
        span = (y1 - y0) * 12 + m1 - m0 + 1
    counts: Counter[str] = Counter()
    if 0 < span <= CHART_MAX_MONTHS:
        for d, n in dated:
            if len(d) >= 7:
                counts[d[:7]] += n
        start = y0 * 12 + m0 - 1
        keys = [f"{y:04d}-{m + 1:02d}" for y, m in (divmod(start + i, 12) for i in range(span))]
    else:
        for d, n in dated:
            counts[d[:4]] += n
        if not counts:
            return []
        years = [int(k) for k in counts]
        keys = [f"{y:04d}" for y in range(min(years), max(years) + 1)]
    return [(k, counts.get(k, 0)) for k in keys]


#: Up to this many bins the chart stands as columns; more become one row per bin.
CHART_MAX_COLUMNS = 24


def _events(n: int) -> str:
    return f"{n} event{'s' if n != 1 else ''}"


def chart_summary(bins: list[tuple[str, int]]) -> str:
    """The chart in words, its text alternative: span, total and the busiest bin."""
    unit = "month" if len(bins[0][0]) > 4 else "year"
    total = sum(n for _, n in bins)
    key, peak = max(bins, key=lambda kn: (kn[1], -bins.index(kn)))
    span = f"{date_label(bins[0][0])} to {date_label(bins[-1][0])}"
    if len(bins) == 1:
        span = date_label(bins[0][0])
    busiest = f"the busiest {unit} is {date_label(key)} ({peak})"
    return f"Events by {unit}, {span}: {_events(total)}; {busiest}."


def timeline_chart(
    dated_counts: list[tuple[str, int]], href: Callable[[str], str] | None = None
) -> Trusted:
    """A bar chart of events over time, as plain HTML rendered at build time.

    One bar per month (or year over long spans), its length the share of the
    busiest bin, its count printed beside it and its month (or year) under it, so
    nothing depends on hovering; each bar links to ``href(bin)`` (by default the
    bin's heading on the same page).
    Up to :data:`CHART_MAX_COLUMNS` bins stand as columns, more as rows (and phones
    always get rows), so every bar stays a target of at least 24 px. HTML rather
    than SVG links, because instant navigation rewrites every link on a page.
    Built from dates and counts alone. Empty when there is nothing to chart.
    """
    bins = chart_bins(dated_counts)
    if not bins:
        return Trusted("")
    peak = max(n for _, n in bins)
    by_month = len(bins[0][0]) > 4
    layout = "columns" if len(bins) <= CHART_MAX_COLUMNS else "rows"
    parts = [
        f'<div class="brf-chart brf-chart--{layout}" role="group" '
        f'aria-label="Events by {"month" if by_month else "year"}">'
    ]
    for i, (key, n) in enumerate(bins):
        new_year = i == 0 or key.endswith("-01")
        if by_month:
            month, year = date_label(key).split(" ")
            tick = (
                f'<span class="brf-m">{md_escape(month)}</span> '
                f'<span class="brf-y{" brf-y--new" if new_year else ""}">{md_escape(year)}</span>'
            )
        else:
            tick = f'<span class="brf-y brf-y--new">{md_escape(key)}</span>'
        share = max(4, round(100 * n / peak)) if n else 0
        inner = (
            f'<span class="brf-tick">{tick}</span>'
            f'<span class="brf-plot"><span class="brf-fill" style="--brf-share:{share}%">'
            "</span></span>"
            f'<span class="brf-count">{n}</span>'
        )
        if n:
            label = md_escape(f"{date_label(key)}: {_events(n)}")
            target = href(key) if href else f"#{date_anchor(key)}"
            parts.append(f'<a class="brf-bar" href="{target}" aria-label="{label}">{inner}</a>')
        else:
            parts.append(f'<span class="brf-bar brf-empty" aria-hidden="true">{inner}</span>')
    parts.append("</div>")
    return Trusted("".join(parts))


class Renderer:
    """A Jinja environment over the packaged templates; templates render Markdown.

    ``templates_dir`` is the project's own folder: a template there replaces the
    packaged one of the same name, and one it lacks comes from the package.
    """

    def __init__(self, templates_dir: Path | None = None) -> None:
        self.templates_dir = Path(templates_dir) if templates_dir is not None else None
        if self.templates_dir is not None and not self.templates_dir.is_dir():
            raise TemplateError(f"templates folder not found: {self.templates_dir}")
        self.search_path = [str(d) for d in (self.templates_dir, TEMPLATES) if d is not None]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.search_path),
            autoescape=False,
            finalize=md_escape,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["attr"] = attr
        self.env.filters["url"] = lambda u: Trusted(safe_url(u) or "")
        self.env.filters["date_label"] = date_label
        self.env.filters["date_anchor"] = date_anchor
        self.env.filters["trusted"] = Trusted

    def render(self, name: str, **context: Any) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateNotFound as exc:
            looked = " or ".join(str(Path(d) / str(exc)) for d in self.search_path)
            raise TemplateError(f"template not found: {looked}") from None
        except jinja2.TemplateError as exc:
            line = getattr(exc, "lineno", None)
            source = getattr(exc, "filename", None) or self._source_of(name)
            where = f"{source}" + (f":{line}" if line else "")
            raise TemplateError(f"{where}: {exc}") from None

    def _source_of(self, name: str) -> Path:
        """The file a template name resolves to (the project's copy before the package's)."""
        for folder in self.search_path:
            if (Path(folder) / name).is_file():
                return Path(folder) / name
        return TEMPLATES / name
