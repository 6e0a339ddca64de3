"""``briefings add``: news pages, saved pages, text files and feeds become seeds.

The pages are realistic fixtures (tests/fixtures/web) served by a real HTTP server
on 127.0.0.1; the seeds written are read back by the seeds' own reader.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from briefings.cli.main import main
from briefings.errors import (
    DuplicateSeed,
    FeedUnreadable,
    FetchFailed,
    FetchTimeout,
    NoArticleText,
    NoDateFound,
    NotEnglish,
    NotHtml,
    PageTooLarge,
    RobotsDisallowed,
    SourceNotFound,
    UnsupportedAddress,
)
from briefings.ingest.add import Ingest
from briefings.ingest.fetch import Fetcher
from briefings.ingest.seeds import read_seed
from click.testing import CliRunner
from lxml import html as lxml_html

from .conftest import make_project
from .newsroom import WEB, copy_with_base, newsroom

TIMEOUT = 1.0

#: Each article page: where its article body is (the oracle of the paragraphs to
#: keep: the body's own <p> children), and the date the page gives, each a
#: different way.
ARTICLES = {
    # <meta property="article:published_time">
    "news/harbour-strike-ends.html": ("article-body", dt.date(2025, 5, 20)),
    # JSON-LD NewsArticle.datePublished (dateModified is later)
    "world/summit-talks.html": ("post-content", dt.date(2025, 6, 3)),
    # <time class="published" datetime=...>
    "local/bridge-reopens.html": ("entry-content", dt.date(2025, 4, 2)),
    # only the address: /2025/03/14/
    "2025/03/14/budget-vote.html": ("story-text", dt.date(2025, 3, 14)),
}
#: Page furniture that must not reach a seed: navigation, captions, related
#: links, adverts, sidebars, comments, share and newsletter boxes.
FURNITURE = (
    "//nav | //figcaption | //header[contains(@class,'site')] | //footer | //aside"
    " | //*[contains(@class,'caption')] | //*[contains(@class,'related')]"
    " | //*[contains(@class,'ad-') or contains(@class,'advert') or contains(@class,'promo')]"
    " | //*[contains(@class,'sidebar') or contains(@class,'widget')]"
    " | //*[contains(@class,'comment') or contains(@class,'share')]"
    " | //*[contains(@class,'more-stories') or contains(@class,'most-read')]"
    " | //*[contains(@class,'menu') or contains(@class,'navbar') or contains(@class,'top-bar')]"
)


def expected_paragraphs(page: str, body_class: str) -> list[str]:
    tree = lxml_html.fromstring((WEB / page).read_bytes())
    (body,) = tree.xpath(f"//*[contains(concat(' ', @class, ' '), ' {body_class} ')]")
    return [" ".join(p.text_content().split()) for p in body.findall("p")]


def furniture(page: str) -> list[str]:
    tree = lxml_html.fromstring((WEB / page).read_bytes())
    texts = {" ".join(e.text_content().split()) for e in tree.xpath(FURNITURE)}
    return sorted(t for t in texts if len(t) > 3)


@pytest.fixture(scope="module")
def room():
    with newsroom() as r:
        yield r


@pytest.fixture()
def seeds(tmp_path) -> Path:
    return tmp_path / "seeds"


def ingest(seeds: Path, **kw) -> Ingest:
    robots = kw.pop("respect_robots", True)
    return Ingest(seeds, Fetcher(timeout=TIMEOUT, respect_robots=robots), **kw)


# ------------------------------------------------------------------ one page


@pytest.mark.parametrize("page", sorted(ARTICLES))
def test_a_news_page_becomes_a_seed_of_its_article_alone(room, seeds, page):
    body_class, date = ARTICLES[page]
    added = ingest(seeds).add(room.url(page))
    seed = read_seed(added.path)
    assert seed.paragraphs == tuple(expected_paragraphs(page, body_class))
    assert seed.date == date
    assert seed.url == room.url(page)
    title = lxml_html.fromstring((WEB / page).read_bytes()).findtext(".//h1")
    assert seed.title == title
    stem = added.path.name.removesuffix(".txt")  # the title's words, cut at a word
    assert len(stem) <= 60 and (re.sub(r"[^a-z0-9]+", "-", title.lower()) + "-").startswith(
        stem + "-"
    )
    assert seed.source and seed.source != "127.0.0.1"
    assert seed.warnings == ()
    text = added.path.read_text("utf-8")
    for piece in furniture(page):
        for line in text.splitlines()[5:]:
            assert piece not in line, f"{piece!r} from the page's furniture is in the seed"
    assert [p.name for p in seeds.iterdir()] == [added.path.name]  # no temporary left


def test_the_seed_header_is_the_seed_format(room, seeds):
    added = ingest(seeds).add(room.url("news/harbour-strike-ends.html"))
    head = added.path.read_text("utf-8").split("\n\n", 1)[0].splitlines()
    assert head == [
        "date 2025-05-20",
        "title: Dock workers end six-day strike at Port Calder",
        "source: The Coastal Herald",
        f"url: {room.url('news/harbour-strike-ends.html')}",
    ]


def test_a_saved_page_keeps_its_canonical_address_and_date(room, seeds, tmp_path):
    saved = copy_with_base(
        WEB / "news/harbour-strike-ends.html", tmp_path / "Dock strike.html", room.base
    )
    seed = read_seed(ingest(seeds).add(str(saved)).path)
    assert seed.url == room.url("news/harbour-strike-ends.html")
    assert seed.date == dt.date(2025, 5, 20)
    body = expected_paragraphs("news/harbour-strike-ends.html", "article-body")
    assert seed.paragraphs == tuple(body)


def test_a_saved_page_without_a_date_takes_the_one_given(room, seeds, tmp_path):
    """The budget page dates itself by its address alone: saved, it has no date."""
    saved = shutil.copy(WEB / "2025/03/14/budget-vote.html", tmp_path / "budget.html")
    with pytest.raises(NoDateFound, match=r"budget.html: no publication date .* --date"):
        ingest(seeds).add(str(saved))
    added = ingest(seeds, date=dt.date(2025, 3, 15)).add(str(saved))
    seed = read_seed(added.path)
    assert seed.date == dt.date(2025, 3, 15) and seed.url is None
    assert seed.source == "Eastbrook Courier"


def test_a_text_file_becomes_a_seed(seeds, tmp_path):
    plain = tmp_path / "river-report.txt"
    paragraphs = expected_paragraphs("local/bridge-reopens.html", "entry-content")
    plain.write_text("\n\n".join(paragraphs) + "\n", "utf-8")
    with pytest.raises(NoDateFound):
        ingest(seeds).add(str(plain))
    added = ingest(seeds, date=dt.date(2025, 4, 2)).add(str(plain))
    assert added.path.name == "river-report.txt"
    assert read_seed(added.path).paragraphs == tuple(paragraphs)


def test_a_seed_file_keeps_its_header(seeds, tmp_path):
    src = tmp_path / "Bridge.txt"
    src.write_text(
        "date 2025-04-02\ntitle: Bridge reopens\nurl: https://gazette.example/b\n\n"
        + "\n\n".join(expected_paragraphs("local/bridge-reopens.html", "entry-content")),
        "utf-8",
    )
    seed = read_seed(ingest(seeds).add(str(src)).path)
    assert (seed.title, seed.date, seed.url) == (
        "Bridge reopens",
        dt.date(2025, 4, 2),
        "https://gazette.example/b",
    )


# ------------------------------------------------------------------ refusals


REFUSALS = [
    ("fr/greve-port.html", NotEnglish, "does not look like English"),
    ("sections/index.html", NoArticleText, "no article text found"),
    ("opinion/four-day-week.html", NoDateFound, "give one with --date YYYY-MM-DD"),
    ("data/report.pdf", NotHtml, "not an HTML page (the server says application/pdf)"),
    ("news/ferry-timetable-cut.html", FetchFailed, "HTTP 404"),
    ("private/memo.html", RobotsDisallowed, "robots.txt asks robots not to fetch"),
    ("slow.html", FetchTimeout, "did not arrive within 1 s"),
    ("huge.html", PageTooLarge, "is over 5,000,000 bytes, the most read of one page"),
    ("go/archive", UnsupportedAddress, "redirects to ftp://"),
]


@pytest.mark.parametrize(("page", "error", "says"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_page_that_cannot_be_a_seed_is_refused_naming_it(room, seeds, page, error, says):
    with pytest.raises(error) as info:
        ingest(seeds).add(room.url(page))
    assert str(info.value).startswith(room.url(page) + ": ")
    assert says in str(info.value)
    assert not seeds.exists() or list(seeds.iterdir()) == []


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("ftp://127.0.0.1/article.html", UnsupportedAddress),
        ("javascript:alert(1)", UnsupportedAddress),
        ("file:///etc/hostname", UnsupportedAddress),
        ("no/such/page.html", SourceNotFound),
    ],
)
def test_a_source_that_is_no_web_page_nor_file_is_refused(seeds, source, error):
    with pytest.raises(error) as info:
        ingest(seeds).add(source)
    assert str(info.value).startswith(f"{source}: ")


def test_a_local_file_of_another_kind_is_refused(seeds, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(NotHtml, match=r"report.pdf: is neither an .html/.htm page nor a .txt"):
        ingest(seeds).add(str(pdf))


def test_ignore_robots_fetches_a_disallowed_page(room, seeds):
    added = ingest(seeds, respect_robots=False).add(room.url("private/memo.html"))
    assert read_seed(added.path).date == dt.date(2025, 5, 1)


# ---------------------------------------------------------------- duplicates


def test_the_same_url_is_refused_without_fetching_it_again(room, seeds):
    url = room.url("world/summit-talks.html")
    first = ingest(seeds).add(url)
    fetched = room.fetched("/world/summit-talks.html")
    with pytest.raises(DuplicateSeed) as info:
        ingest(seeds).add(url)
    assert info.value.seed == first.path
    assert f"already a seed: {first.path} has the url {url}" in str(info.value)
    assert room.fetched("/world/summit-talks.html") == fetched


def test_an_address_redirecting_to_a_seed_is_a_duplicate(room, seeds):
    first = ingest(seeds).add(room.url("news/harbour-strike-ends.html"))
    with pytest.raises(DuplicateSeed, match="has the url") as info:
        ingest(seeds).add(room.url("go/harbour"))
    assert info.value.seed == first.path


def test_the_same_text_under_another_name_is_a_duplicate(room, seeds, tmp_path):
    first = ingest(seeds).add(room.url("local/bridge-reopens.html"))
    copy = tmp_path / "pasted.txt"
    copy.write_text(
        "date 2025-04-03\ntitle: Another headline\n\n"
        + "\n\n".join(read_seed(first.path).paragraphs).replace(". ", ".\n"),
        "utf-8",
    )
    with pytest.raises(DuplicateSeed) as info:
        ingest(seeds).add(str(copy))
    assert str(info.value).endswith(f"already a seed: {first.path} has the same text")


def test_a_name_taken_by_another_article_gets_a_number(seeds, tmp_path):
    paragraphs = expected_paragraphs("local/bridge-reopens.html", "entry-content")
    names = []
    for n, folder in enumerate(("a", "b")):
        (tmp_path / folder).mkdir()
        src = tmp_path / folder / "notes.txt"
        src.write_text("\n\n".join(paragraphs[n:]), "utf-8")
        names.append(ingest(seeds, date=dt.date(2025, 4, 2)).add(str(src)).path.name)
    assert names == ["notes.txt", "notes-2.txt"]


def test_a_name_a_hand_written_page_has_is_not_taken(seeds, tmp_path):
    """``briefings/index`` is the list of briefings; ``about`` here a hand-written page."""
    paragraphs = expected_paragraphs("world/summit-talks.html", "post-content")
    names = []
    for n, stem in enumerate(("index", "about")):
        src = tmp_path / f"{stem}.txt"
        src.write_text("\n\n".join(paragraphs[n:]), "utf-8")
        writer = ingest(seeds, date=dt.date(2025, 6, 3), reserved_slugs={"about"})
        names.append(writer.add(str(src)).path.name)
    assert names == ["index-2.txt", "about-2.txt"]


def test_a_huge_saved_page_is_not_read(seeds, tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"<p>word</p>" * 460_000)
    with pytest.raises(PageTooLarge, match=r"big.html: the file is over 5,000,000 bytes"):
        ingest(seeds).add(str(big))


# --------------------------------------------------------------------- feeds


def test_a_feed_adds_each_new_entry_and_a_second_run_adds_nothing(room, seeds):
    feed = room.url("feeds/rss.xml")
    report = ingest(seeds).add_feed(feed)
    assert sorted(a.seed.url for a in report.added) == sorted(room.url(p) for p in ARTICLES)
    for added in report.added:
        page = added.seed.url.removeprefix(room.base + "/")
        assert added.seed.date == ARTICLES[page][1]
    assert report.skipped == []
    failures = {type(e): e.source.removeprefix(room.base) for e in report.failed}
    assert failures == {
        NotEnglish: "/fr/greve-port.html",
        FetchFailed: "/news/ferry-timetable-cut.html",
        RobotsDisallowed: "/private/memo.html",
        NoArticleText: "/sections/index.html",
        FetchTimeout: "/slow.html",
    }
    written = sorted(p.name for p in seeds.iterdir())
    known = ("/world/summit-talks.html", "/local/bridge-reopens.html")
    fetched = {p: room.fetched(p) for p in known}

    again = ingest(seeds).add_feed(feed)
    assert again.added == []
    assert len(again.skipped) == 4 and len(again.failed) == 5
    assert sorted(p.name for p in seeds.iterdir()) == written
    assert {p: room.fetched(p) for p in fetched} == fetched  # known addresses not fetched

    atom = ingest(seeds).add_feed(room.url("feeds/atom.xml"))
    assert [a.seed.url for a in atom.added] == [room.url("opinion/four-day-week.html")]
    # The opinion page gives no date: the feed entry's <published> does.
    assert atom.added[0].seed.date == dt.date(2025, 2, 11)
    assert {d.seed.name for d in atom.skipped} == {
        "leaders-agree-to-resume-border-talks-after-valmora-summit.txt",
        "old-mill-bridge-reopens-to-traffic-after-two-year-repair.txt",
    }


def test_a_local_feed_file_works_like_a_feed_address(room, seeds, tmp_path):
    feed = copy_with_base(WEB / "feeds/atom.xml", tmp_path / "atom.xml", room.base)
    report = ingest(seeds).add_feed(str(feed))
    assert len(report.added) == 3 and report.failed == []


def test_a_page_that_is_no_feed_is_refused(room, seeds):
    with pytest.raises(FeedUnreadable, match="is not an RSS or Atom feed"):
        ingest(seeds).add_feed(room.url("robots.txt"))


# ------------------------------------------------------------------------ cli


def run(proj: Path, *args: str):
    return CliRunner().invoke(main, ["add", "--config", str(proj / "mkdocs.yml"), *args])


def test_the_command_reports_added_skipped_and_failed(room, tmp_path, monkeypatch):
    proj = make_project(tmp_path)
    monkeypatch.chdir(proj)
    feed = room.url("feeds/rss.xml")
    result = run(proj, "--feed", feed, "--timeout", str(TIMEOUT))
    assert result.exit_code == 0, result.output
    assert "added seeds/dock-workers-end-six-day-strike-at-port-calder.txt: " in result.output
    assert "4 added, 0 skipped (already seeds), 5 failed" in result.output
    assert f"failed: {room.url('fr/greve-port.html')}: the article does not look" in (result.output)
    again = run(proj, "--feed", feed, "--timeout", str(TIMEOUT))
    assert "0 added, 4 skipped (already seeds), 5 failed" in again.output
    check = CliRunner().invoke(main, ["check", "--config", str(proj / "mkdocs.yml")])
    assert check.exit_code == 0, check.output
    assert "4 seed(s) read, 0 with errors; 0 file(s) with warnings" in check.output


def test_the_command_exits_1_naming_each_refused_source(room, tmp_path, monkeypatch):
    proj = make_project(tmp_path)
    monkeypatch.chdir(proj)
    good, french = room.url("local/bridge-reopens.html"), room.url("fr/greve-port.html")
    result = run(proj, good, french)
    assert result.exit_code == 1
    assert "added seeds/old-mill-bridge-reopens-to-traffic-after-two-year-repair.txt" in (
        result.output
    )
    assert f"error: {french}: the article does not look like English" in result.output
    assert "1 added, 1 refused" in result.output
    dated = run(proj, "--date", "2025-02-11", room.url("opinion/four-day-week.html"))
    assert dated.exit_code == 0, dated.output
    assert "(2025-02-11, Midland Review)" in dated.output


@pytest.mark.parametrize(
    "args", [[], ["--feed", "f.xml", "x.html"], ["--feed", "f.xml", "--date", "2025-01-01"]]
)
def test_the_command_wants_sources_or_a_feed(tmp_path, args):
    result = run(make_project(tmp_path), *args)
    assert result.exit_code == 1
    assert "error: " in result.output
