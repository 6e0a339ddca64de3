"""`generate --out` Markdown built by Zensical: right text in pages and search, hostile text inert.

A real Zensical build of a fixture site's generated pages (hostile seeds among
them): no page text nor search entry holds a numeric character reference or a
visible backslash escape, titles read as the seed wrote them, and no payload
became an element, an event handler or a script.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from .conftest import BIN, FIXTURES, make_project
from .payloads import FORBIDDEN_TAGS, HOSTILE_TITLE, hostile_seed
from .test_hostile import assert_safe_attributes, skeleton

ZENSICAL = shutil.which("zensical", path=str(BIN))
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(ZENSICAL is None, reason="zensical is not installed (pip install zensical)"),
]
NUMERIC_REFERENCE = re.compile(r"&#x?[0-9A-Fa-f]+;")
#: Pages of the fixture articles alone (the hostile seed writes backslashes and
#: references itself, shown as text on its pages, the actors' and the timeline).
FIXTURE_PAGES = ("briefings/lanna-reservoir", "briefings/velm-accord", "briefings/markup-in-text")
BACKSLASH_ESCAPE = re.compile(r"\\[\\`*_{}\[#+\-!|>.]")
CONFIG = """\
site_name: Briefings
docs_dir: out
site_dir: zsite
theme:
  name: material
  custom_dir: {theme}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
plugins:
  - search
"""


class Scripts(HTMLParser):
    """The text of every script element of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script"
        if self._in:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    from briefings.site.packaged import THEME

    tmp = tmp_path_factory.mktemp("zensical")
    proj = make_project(tmp, sorted((FIXTURES / "site_articles").glob("*.txt")))
    (proj / "seeds" / "hostile.txt").write_text(hostile_seed(), "utf-8")
    generated = subprocess.run(
        [str(BIN / "briefings"), "generate", "--out", "out"],
        cwd=proj, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert generated.returncode == 0, generated.stderr
    (proj / "zensical.yml").write_text(CONFIG.format(theme=THEME))
    built = subprocess.run(
        [ZENSICAL, "build", "-f", "zensical.yml", "-c"],
        cwd=proj, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    return proj / "zsite"


def test_search_entries_hold_the_text_itself(zensical_site):
    items = json.loads((zensical_site / "search.json").read_text("utf-8"))["items"]
    assert items
    for item in items:
        for field in (item["title"], item["text"], *item["path"]):
            assert not NUMERIC_REFERENCE.search(field), (item["location"], field)
            if item["location"].startswith(FIXTURE_PAGES):
                assert not BACKSLASH_ESCAPE.search(field), (item["location"], field)
                assert "&amp;#" not in field and "&amp;lt;" not in field, field
    titles = {htmllib.unescape(i["title"]) for i in items if i["level"] == 1}
    markup_title = "Council <b>votes</b> on *harbour* {{ config }} </title><script>"
    assert markup_title + "window.__injected = 1</script>" in titles
    assert HOSTILE_TITLE in titles


def test_pages_show_the_text_and_no_payload_is_markup(zensical_site):
    pages = sorted(zensical_site.glob("**/index.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text("utf-8")
        # The whole page, <title> included (the packaged theme override escapes it).
        whole = Scripts()
        whole.feed(text)
        assert not any("__injected" in s or "__pwned" in s for s in whole.scripts), page
        article = text.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
        sk = skeleton(article)
        assert not {t for t, _ in sk.tags} & FORBIDDEN_TAGS, page
        assert_safe_attributes(sk)
        shown = "".join(sk.text)
        if page.parent.relative_to(zensical_site).as_posix().startswith(FIXTURE_PAGES):
            assert not BACKSLASH_ESCAPE.search(shown), (page, shown[:300])
        assert "window.__pwned" not in "".join(v for _, _, v in sk.attrs), page
    source = (zensical_site / "briefings" / "markup-in-text" / "index.html").read_text("utf-8")
    shown = "".join(skeleton(source).text)
    assert 'harbour road <img src=x onerror="window.__injected = 2">, said' in shown
    assert "[was final](javascript:window.__injected=3)" in shown
