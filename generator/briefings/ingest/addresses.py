"""Web addresses from seed headers: which may become a link, and in what form.

Seeds are read before any page is rendered (``briefings check`` warns about an
address that will be shown as text), and every page prints addresses, so the
rule lives here, below both.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

#: Characters left as they are in a URL path, query or fragment; everything else is
#: percent-encoded. Brackets, parentheses, quotes and spaces are not among them, so
#: a URL can end neither a Markdown link nor an HTML attribute.
_URL_SAFE = "/?#&=+;,:@!$*~-._%"
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"[A-Za-z0-9.-]+")


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
