"""How heavy a built page is: its bytes and its DOM nodes, read with a real HTML parser.

A page's weight in the browser is its node count as much as its bytes: the
site's pages stay under :data:`MAX_PAGE_BYTES` and :data:`MAX_PAGE_NODES`
whatever the number of briefings. Nodes are counted as the browser's DOM holds
them: every element, every text node (whitespace between tags included) and
every comment, plus the document and its doctype.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MAX_PAGE_BYTES = 500 * 1024
MAX_PAGE_NODES = 15_000


class _NodeCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes = 1  # the document

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.nodes += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.nodes += 1

    def handle_data(self, data: str) -> None:
        self.nodes += 1

    def handle_comment(self, data: str) -> None:
        self.nodes += 1

    def handle_decl(self, decl: str) -> None:
        self.nodes += 1  # the doctype


def dom_nodes(html: str) -> int:
    """Elements, text nodes and comments of an HTML document."""
    counter = _NodeCounter()
    counter.feed(html)
    counter.close()
    return counter.nodes


@dataclass(frozen=True)
class PageWeight:
    path: str
    bytes: int
    nodes: int


def page_weights(site_dir: Path) -> list[PageWeight]:
    """Bytes and nodes of every HTML page of a built site, by path."""
    out = []
    for p in sorted(site_dir.rglob("*.html")):
        data = p.read_bytes()
        nodes = dom_nodes(data.decode("utf-8", "replace"))
        out.append(PageWeight(p.relative_to(site_dir).as_posix(), len(data), nodes))
    return out


def heaviest(weights: list[PageWeight]) -> tuple[PageWeight, PageWeight]:
    """The page of most bytes and the page of most nodes."""
    return max(weights, key=lambda w: (w.bytes, w.path)), max(
        weights, key=lambda w: (w.nodes, w.path)
    )
