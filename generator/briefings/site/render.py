"""Rendering: Jinja2 templates (the packaged ones, each overridable) to Markdown pages.

Seed text is data. Every value a template prints goes through :func:`md_escape`
(the environment's ``finalize``): a backslash before each character Markdown
could read as syntax, ``&amp;`` and ``&lt;`` for HTML (see
:mod:`briefings.site.markdown_escape`). Readers, search indexes and other Markdown
tools see the same characters; nothing becomes markup, a link or a script. A
value inside an HTML attribute takes ``| attr``, inside raw HTML that Markdown
leaves alone (``markdown="0"``) ``| html``. Only values wrapped in
:class:`Trusted` (built by this package, never from seed text) pass unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from briefings.errors import TemplateError
from briefings.extract.temporal.calendar import date_label
from briefings.ingest.addresses import safe_url
from briefings.site.markdown_escape import (
    attribute_value,
    html_attribute,
    html_text,
    markdown_text,
)
from briefings.site.packaged import TEMPLATES
from briefings.site.pagefind import pagefind_value


class Trusted(str):
    """A string built by the generator itself (markup, URLs it made): printed as is."""


def md_escape(value: Any) -> str:
    """Escape any value for inline Markdown; one line, no markup.

    Whitespace runs become one space (no line can start a block), invisible
    control and format characters are dropped, and every character Markdown
    or HTML could read as syntax is escaped (:func:`markdown_text`).
    """
    if value is None:
        return ""
    if isinstance(value, Trusted):
        return value
    if type(value) is int and value >= 0:  # counts and sentence numbers: digits only
        return str(value)
    return markdown_text(str(value))


def attr(value: Any) -> Trusted:
    """Escape a value for a quoted HTML attribute in Markdown (an inline tag, an attribute list)."""
    if isinstance(value, Trusted):
        return value
    return Trusted("" if value is None else attribute_value(str(value)))


def html(value: Any) -> Trusted:
    """Escape a value for text inside raw HTML that Markdown leaves alone (``markdown="0"``)."""
    if isinstance(value, Trusted):
        return value
    return Trusted("" if value is None else html_text(str(value)))


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
                f'<span class="brf-m">{html_text(month)}</span> '
                f'<span class="brf-y{" brf-y--new" if new_year else ""}">{html_text(year)}</span>'
            )
        else:
            tick = f'<span class="brf-y brf-y--new">{html_text(key)}</span>'
        share = max(4, round(100 * n / peak)) if n else 0
        inner = (
            f'<span class="brf-tick">{tick}</span>'
            f'<span class="brf-plot"><span class="brf-fill" style="--brf-share:{share}%">'
            "</span></span>"
            f'<span class="brf-count">{n}</span>'
        )
        if n:
            label = html_attribute(f"{date_label(key)}: {_events(n)}")
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
        self.env.filters["html"] = html
        self.env.filters["url"] = lambda u: Trusted(safe_url(u) or "")
        self.env.filters["date_label"] = date_label
        self.env.filters["date_anchor"] = date_anchor
        self.env.filters["trusted"] = Trusted
        self.env.filters["pagefind_value"] = lambda v: Trusted(md_escape(pagefind_value(v)))

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
