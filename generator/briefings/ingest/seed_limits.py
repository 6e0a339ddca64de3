"""What a seed file may be: size limits, header fields, and the patterns reading uses.

In a module of their own because naming, decoding and parsing all read them.
"""

from __future__ import annotations

import re

#: Seeds bigger than this are refused: no news article is this long, a runaway
#: file would stall the build, and spaCy refuses texts over a million characters.
MAX_SEED_BYTES = 1_000_000
#: Tokens (words and punctuation marks, counted as spaCy roughly does) of body text
#: kept for extraction. The parser's memory grows with the length of a document
#: (about 17 kB a token for the small English model), so a longer article is cut
#: here, with a warning; 30,000 tokens is about 25,000 words of prose.
MAX_TOKENS = 30_000
#: A paragraph longer than this many tokens (a text with no paragraph breaks, or no
#: spaces at all) is split into parts, so no sentence the parser sees is huge.
MAX_PARAGRAPH_TOKENS = 1_500
#: Share of control characters above which a decodable file is taken as binary
#: (a file of NUL bytes left by a crash is valid UTF-8, and no article).
MAX_CONTROL_SHARE = 0.1
#: Fewer words than this are too few to judge the language of.
MIN_WORDS_FOR_LANGUAGE = 20
#: English prose has 35–55 % stop words; other languages almost none of them.
MIN_ENGLISH_STOPWORD_SHARE = 0.2
#: Longest file stem published as is; longer names get a shortened, hashed address.
MAX_SLUG_LENGTH = 80

#: The optional header fields after the date line, in the order a seed writes them.
HEADER_FIELDS = ("title", "source", "url")
#: Slugs no seed may take: ``briefings/index.md`` is the generated list of briefings.
ALWAYS_RESERVED = frozenset({"index"})
SEED_SUFFIX = ".txt"

_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\S+)\s*$", re.IGNORECASE)
_FIELD_LINE = re.compile(rf"^\s*({'|'.join(HEADER_FIELDS)})\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
#: What spaCy's English tokenizer roughly makes a token of: a run of word characters,
#: or one other non-space character.
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: A file stem already in address form: lower-case letters and digits, joined by - or _.
_ADDRESS_FORM = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
#: Runs of characters that UTF-8 text shows when it was decoded as cp1252 once too often.
_MOJIBAKE = re.compile(r"[ÂÃÅÆâ][\u0080-\u00bf\u0152-\u0178\u0192-\u02dc\u2013-\u2122]+")

# Line breaks other than LF: all become LF before the text is split into lines.
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_LINE_BREAK_RE = re.compile("|".join(map(re.escape, _LINE_BREAKS)))
#: Characters removed without a warning: they change nothing a reader sees.
_HARMLESS = {"\u00ad"}  # soft hyphen
_INVISIBLE_NAMES = {"Cc": "control", "Cf": "invisible formatting"}
