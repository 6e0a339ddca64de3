"""Escaping of printed values for the three places a template puts them.

Seed text is data: whatever it holds, it never becomes markup, a link or a
script. The escapes are those the text stays readable under, in the Markdown
as in every tool that reads it (MkDocs, Zensical and their search indexes):

- :func:`markdown_text` (every ``{{ value }}``): a backslash before each
  character Markdown and its extensions read as syntax (``\\*``, ``\\[``, ``\\#``,
  ...), which Python-Markdown turns back into the plain character; ``&`` and
  ``<`` as ``&amp;`` and ``&lt;``, the HTML text a Markdown renderer would write
  for them anyway. A numeric reference is left only where an optional extension
  has syntax no backslash undoes (``==mark==``, ``~sub~``, ``^sup^``, ``$math$``,
  ``:emoji:``, bare links and e-mail addresses), so ordinary prose has none.
- :func:`attribute_value` (``| attr``): the same, with both quotes and ``>``
  as references, for a value inside a quoted HTML attribute.
- :func:`html_text` (``| html``): text inside raw HTML that Markdown does not
  read (``markdown="0"``): only ``&``, ``<`` and ``>`` are escaped.

Everywhere, whitespace runs become one space (no value can start a block) and
control, format and surrogate characters are dropped (Python-Markdown marks its
placeholders with control characters; format characters include bidi overrides).
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Characters Python-Markdown (with the tables extension) undoes a backslash before;
#: "." too, but only the dots of :data:`_LINKY_DOT` need it.
_BACKSLASHED = frozenset("\\`*_{}[]#+-!|>")
_TEXT = {ord(ch): "\\" + ch for ch in _BACKSLASHED} | {ord("&"): "&amp;", ord("<"): "&lt;"}
#: Parentheses stay plain: "\\(" with "\\)" is inline math to pymdownx.arithmatex, and
#: without a "[" or "]" no link can use them.
#: Syntax of optional extensions no backslash undoes, each escaped at its first
#: character: doubled or glued ``=``, ``~``, ``^``; a ``$`` that could close a
#: formula or is doubled; ``:`` of ``://`` and of an ``:emoji_name:``; ``@`` inside
#: an e-mail address. Prose ("call: United", "$5", "a = b") keeps plain characters.
_EXTENSION_SYNTAX = re.compile(r"==|~|\^|\$(?=\$)|(?<=\S)\$|:(?=//)|:(?=[\w+-]+:)|(?<=\w)@(?=\w)")
#: A "." that starts an ordered list ("1.") or a bare link ("www.example.org").
_LINKY_DOT = re.compile(r"(?<=\d)\.|(?i:(?<=www)|(?<=ftp))\.")
_DROPPED = frozenset({"Cc", "Cf", "Cs"})
_HTML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_QUOTES = {ord('"'): "&quot;", ord("'"): "&#39;"}
_ATTRIBUTE = {ord(ch): f"&#{ord(ch)};" for ch in "\\`*_{}[]()<>&#+-!|~^=:$%@\"'"}


def one_line(value: str) -> str:
    """``value`` on one line, without invisible control and format characters."""
    text = " ".join(value.split())
    if not text.isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED)
    return text


@functools.lru_cache(maxsize=1 << 16)
def markdown_text(value: str) -> str:
    """``value`` as inline Markdown that shows exactly its characters (memoised: a
    site prints the same names, titles and dates on thousands of pages)."""
    text = one_line(value)
    if "." in text:
        text = _LINKY_DOT.sub("\x00", text)  # marked, backslashed with the rest below
    text = _EXTENSION_SYNTAX.sub(_reference_marker, text)
    text = text.translate(_TEXT)
    if "\x01" in text:
        text = _MARKED_REFERENCE.sub(r"&#\1;", text)
    return text.replace("\x00", "\\.")


_MARKED_REFERENCE = re.compile("\x01([0-9]+)\x02")


def _reference_marker(match: re.Match[str]) -> str:
    # The reference stays marked ("\x01" code "\x02") until the rest is escaped.
    return f"\x01{ord(match.group()[0])}\x02" + match.group()[1:]


@functools.lru_cache(maxsize=1 << 12)
def attribute_value(value: str) -> str:
    """``value`` for a quoted HTML attribute in Markdown (an inline tag or an attribute
    list): every character with a meaning in Markdown, its extensions or HTML as a
    numeric reference. Python-Markdown keeps a backslash inside an inline tag, and
    reads links inside it before the tag; an attribute is never indexed nor shown
    as text, so references cost nothing there."""
    text = one_line(value).translate(_ATTRIBUTE)
    return _LINKY_DOT.sub("&#46;", text) if "." in text else text


#: The "{" of a CriticMarkup mark, which pymdownx.critic reads even in raw HTML.
_CRITIC = re.compile(r"\{(?=[-+~=>])")


def html_text(value: str) -> str:
    """``value`` as text inside raw HTML that Markdown leaves alone (only preprocessors
    read it: a snippet mark loses its "<", a CriticMarkup mark its "{")."""
    text = one_line(value).translate(_HTML)
    return _CRITIC.sub("&#123;", text) if "{" in text else text


def html_attribute(value: str) -> str:
    """``value`` for a quoted attribute inside raw HTML that Markdown leaves alone."""
    return html_text(value).translate(_QUOTES)
