"""Escaping: seed text never becomes Markdown or HTML syntax."""

from __future__ import annotations

import markdown
import pytest
from briefings.site.render import Trusted, md_escape, safe_url

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![img](data:text/html;base64,PHNjcmlwdD4=)",
    "# Heading",
    "!!! danger\n    admonition",
    "{: onclick=alert(1) }",
    "{{ config }} {% if 1 %}x{% endif %}",
    "**bold** _em_ `code`",
    "&lt;script&gt;",
    "1. list",
    "| a | b |",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payload_renders_as_its_own_text(payload):
    md = markdown.Markdown(extensions=["attr_list", "admonition", "tables"])
    html = md.convert(md_escape(payload))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<h1" not in html and "<strong" not in html and "<code" not in html
    assert "onclick" not in html.replace("onclick=", "") or "onclick=alert" not in html
    import html as h

    text = h.unescape(html.removeprefix("<p>").removesuffix("</p>"))
    assert text == " ".join(payload.split())


def test_trusted_passes_through():
    assert md_escape(Trusted("[a](b.md)")) == "[a](b.md)"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("javascript:alert(1)", False),
        ("data:x", False),
        ("//evil.org", False),
        ('http://x.org/"onmouseover=', True),
    ],
)
def test_safe_url(url, ok):
    out = safe_url(url)
    assert (out is not None) == ok
    if out:
        assert '"' not in out
