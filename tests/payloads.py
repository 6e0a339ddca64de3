"""Hostile text: what a seed could hold to script, restyle or deface the site.

Every payload that could run code sets ``window.__pwned`` or opens a dialog, so
the browser test can tell whether any ran. Shared by the unit, site and browser
tests.
"""

from __future__ import annotations

#: (name, payload). Each is one line: seeds join a paragraph's lines anyway.
PAYLOADS: list[tuple[str, str]] = [
    ("script", "<script>window.__pwned='script'</script>"),
    ("img-onerror", "<img src=x onerror=\"window.__pwned='img'\">"),
    ("svg-onload", "<svg onload=window.__pwned='svg'>"),
    ("event-attr", '<b onmouseover="alert(\'b\')" style="position:fixed;inset:0">hover</b>'),
    ("md-js-link", "[click me](javascript:window.__pwned='mdlink')"),
    ("html-js-link", "<a href=\"javascript:window.__pwned='alink'\">html link</a>"),
    ("md-data-image", "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
    ("html-data-link", '<a href="data:text/html,<script>alert(1)</script>">data link</a>'),
    ("md-ref-link", "[ref]: javascript:alert('ref') and [ref] and [x][ref]"),
    ("autolink", "<javascript:alert('auto')> <https://evil.example/auto> www.evil.example"),
    ("iframe", "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>"),
    ("object-embed", '<object data="javascript:alert(1)"></object><embed src="x.swf">'),
    ("form", "<form action=\"javascript:alert('form')\"><input type=submit autofocus></form>"),
    ("style-base-meta", '<style>*{display:none}</style><base href="https://evil.example/">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert('mx')>"),
    ("attr-breakout", "\"><script>window.__pwned='quote'</script><x a='"),
    ("raw-html-block", "<div class=evil onclick=\"alert('div')\">raw block</div>"),
    ("comment-cdata", "<!-- hidden --> <![CDATA[<script>alert(1)</script>]]> <?php x ?>"),
    ("heading", "# Injected heading ## two"),
    ("admonition", '!!! danger "Injected admonition"'),
    ("attr-list", "word{: onclick=\"alert('attr')\" .evil #evil } {: .evil }"),
    ("pymdown", '==mark== ~~del~~ ^^ins^^ ++ctrl+alt++ :smile: ??? note "details"'),
    ("emphasis-code", "**bold** __strong__ *em* `code` ```fence``` ~~~"),
    ("table", "| a | b | |---|---| | c | d |"),
    ("list-quote", "1. one - two * three > quote"),
    ("abbreviation", "*[HTML]: <b>Hyper</b> and HTML"),
    ("jinja", "{{ config.site_name }} {% raw %}{% include 'x' %}{# c #} {{ 7*7 }}"),
    ("entities", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; &#60;b&#62; &#x3C;i&#x3E;"),
    ("bidi", "invoice \u202egnp.exe and \u2066isolate\u2069 \u200fmark"),
    ("zero-width", "pay\u200dpal\u200b.com w\u2060ord \ufeffbom \U000e0041tag"),
    ("backslash-escapes", "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))"),
]

#: Header values: every field a seed can set, each hostile.
HOSTILE_TITLE = "<script>window.__pwned='title'</script> [t](javascript:alert(1)) {{ 7*7 }} # T"
HOSTILE_SOURCE = "<img src=x onerror=\"window.__pwned='source'\"> **Wire** {: .evil }"
HOSTILE_URLS = [
    "javascript:window.__pwned='url'",
    "data:text/html,<script>alert(1)</script>",
    "https://example.org/a)[x](javascript:alert(1)",
    'https://example.org/"onmouseover="alert(1)',
]

#: Tags no page may contain from seed text (Material itself puts none in the content).
FORBIDDEN_TAGS = {
    "script",
    "img",
    "svg",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "style",
    "base",
    "meta",
    "math",
    "b",
    "mark",
    "del",
    "ins",
    "kbd",
    "abbr",
    "blockquote",
    "ol",
    "h6",
}


def hostile_seed(date: str = "2025-05-20", title: bool = True, url: int = 0) -> str:
    """A seed whose header values and body carry every payload, each in a dated sentence.

    Each payload sits in an ordinary English sentence with a date, so it reaches the
    summary, the timeline and the questions as well as the source text.
    """
    header = [f"date {date}"]
    if title:
        header.append(f"title: {HOSTILE_TITLE}")
    header.append(f"source: {HOSTILE_SOURCE}")
    header.append(f"url: {HOSTILE_URLS[url % len(HOSTILE_URLS)]}")
    body = []
    for day, (_name, payload) in enumerate(PAYLOADS, start=1):
        body.append(
            f"On May {day % 28 + 1}, 2025, Mayor Anna Lind said the council may vote on "
            f"{payload} before the summer."
        )
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"
