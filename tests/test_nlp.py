"""The parsed-article view: every token belongs to a numbered sentence."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "body",
    [
        "The band released a new record called 'B\n\n*\n\n*",
        "*\n\n*\n\n*",
        "A first line.\n\n\u00a0\n\nA last line.",
    ],
)
def test_whitespace_the_parser_makes_a_sentence_of_belongs_to_the_one_before(parse_text, body):
    article = parse_text(body)
    numbers = [article.sentence_number(t.i) for t in article.doc]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, len(article.sents) + 1))
    for token, n in zip(article.doc, numbers, strict=True):
        if not token.is_space:
            assert article.sents[n - 1].start <= token.i < article.sents[n - 1].end
