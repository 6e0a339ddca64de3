"""The merged timeline as pages of a bounded size: an overview, a page a year, a page a month.

One page holding every event of a large archive grows without limit (thousands
of events, tens of thousands of nodes). Instead:

* ``timeline.md`` lists the years, each with its count and links to its months;
  the months carry the ids the one-page timeline gave its headings
  (``#y2025``, ``#m2025-03``), so an old link to a heading lands on the link to
  its new page;
* ``timeline/<year>.md`` charts the year by month, lists its months with their
  counts and shows its key events (those the most briefings report);
* ``timeline/<year>-<month>.md`` lists the month's events as the one page did
  (the same event of several briefings once, every source linked to its
  sentence); events dated to the year alone are on ``timeline/<year>-year.md``.
  A month too large for one page continues on ``-2.md``, ``-3.md``…

Every page's size is bounded by constants here, whatever the number of briefings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefings.site.page_links import html_href, part_uri, parts
from briefings.site.render import Renderer, Trusted, chart_bins, chart_summary, timeline_chart
from briefings.site.timeline import TimelineItem

if TYPE_CHECKING:
    from briefings.site.timeline import TimelineYear

TIMELINE_URI = "timeline.md"
TIMELINE_DIR = "timeline"
#: Key events a year page shows: those reported by the most briefings.
KEY_EVENTS = 10
#: Sources printed for one event; more are counted ("and 12 more briefings").
MAX_SOURCES = 60
#: Weight of one page of events: an event weighs its printed sources plus this.
EVENT_WEIGHT = 4
PAGE_WEIGHT = 1200


def year_uri(year: str) -> Trusted:
    return Trusted(f"{TIMELINE_DIR}/{year}.md")


def period_uri(key: str, part: int = 1) -> Trusted:
    """A month's page (``key`` ``YYYY-MM``) or the year-only events' (``key`` ``YYYY``)."""
    base = f"{TIMELINE_DIR}/{key}.md" if len(key) > 4 else f"{TIMELINE_DIR}/{key}-year.md"
    return part_uri(base, part)


def item_weight(item: TimelineItem) -> int:
    return EVENT_WEIGHT + min(len(item.sources), MAX_SOURCES)


@dataclass(frozen=True)
class Period:
    """A month of events (``key`` ``YYYY-MM``), or the events dated to the year alone."""

    key: str
    items: tuple[TimelineItem, ...]
    #: The period's pages, in order (one unless the month is very busy).
    pages: tuple[tuple[TimelineItem, ...], ...]

    @property
    def uri(self) -> Trusted:
        return period_uri(self.key)

    @property
    def year_only(self) -> bool:
        return len(self.key) == 4


@dataclass(frozen=True)
class Year:
    year: str
    periods: tuple[Period, ...]

    @property
    def uri(self) -> Trusted:
        return year_uri(self.year)

    @property
    def n_items(self) -> int:
        return sum(len(p.items) for p in self.periods)


def split_timeline(years: list[TimelineYear]) -> list[Year]:
    """The grouped timeline with each period cut into pages of bounded weight."""
    return [
        Year(
            y.year,
            tuple(
                Period(m.key, m.items, tuple(map(tuple, parts(m.items, PAGE_WEIGHT, item_weight))))
                for m in y.months
            ),
        )
        for y in years
    ]


def key_events(year: Year) -> list[TimelineItem]:
    """The year's events reported by the most briefings, in date order."""
    items = [it for p in year.periods for it in p.items]
    ranked = sorted(items, key=lambda it: (-len(it.sources), it.date, it.text))[:KEY_EVENTS]
    return sorted(ranked, key=lambda it: (it.date, it.text, it.sources[0][0].id))


def timeline_pages(
    grouped: list[TimelineYear],
    renderer: Renderer,
    ctx: dict[str, Any],
    directory_urls: bool,
) -> list[tuple[str, str, bool]]:
    """(uri, content, in_nav) of the overview, every year page and every period page."""
    years = split_timeline(grouped)
    n_items = sum(y.n_items for y in years)
    common = {**ctx, "period_uri": period_uri, "year_uri": year_uri, "max_sources": MAX_SOURCES}
    pages = [
        (
            TIMELINE_URI,
            renderer.render(
                "timeline.md.j2", years=years, n_items=n_items, uri=TIMELINE_URI, **common
            ),
            True,
        )
    ]
    periods = [p for y in years for p in y.periods]
    for i, year in enumerate(years):
        uri = year.uri
        pages.append(
            (
                uri,
                renderer.render(
                    "timeline_year.md.j2",
                    y=year,
                    key_items=key_events(year),
                    previous=years[i - 1] if i else None,
                    following=years[i + 1] if i + 1 < len(years) else None,
                    uri=uri,
                    **_chart(year, uri, directory_urls),
                    **common,
                ),
                False,
            )
        )
    for i, period in enumerate(periods):
        for n, items in enumerate(period.pages, start=1):
            uri = period_uri(period.key, n)
            pages.append(
                (
                    uri,
                    renderer.render(
                        "timeline_period.md.j2",
                        p=period,
                        items=items,
                        part=n,
                        previous=periods[i - 1] if i else None,
                        following=periods[i + 1] if i + 1 < len(periods) else None,
                        uri=uri,
                        **common,
                    ),
                    False,
                )
            )
    return pages


def _chart(year: Year, uri: str, directory_urls: bool) -> dict[str, str]:
    """The year's chart by month; each bar links to its month's page."""
    dated_counts = [(it.date, len(it.sources)) for p in year.periods for it in p.items]
    bins = chart_bins(dated_counts)

    def href(key: str) -> str:
        return html_href(uri, period_uri(key), directory_urls)

    return {
        "chart": timeline_chart(dated_counts, href=href),
        "chart_text": chart_summary(bins) if bins else "",
    }
