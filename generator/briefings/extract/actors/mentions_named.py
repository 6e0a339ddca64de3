"""Actor mentions named by the model: spaCy entities, cleaned the way a reader reads them.

"the United States" is "United States", "Trump's" is "Trump", "Demosisto's
Nathan Law" is two mentions, the "Beijing" of "pro-Beijing DAB" is part of an
adjective, not a mention, and "Pan-democrat Lam Cheuk-ting" is a person with a
title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.extract.actors.mentions_base import (
    HONORIFICS,
    NAME_PREFIXES,
    NAMED_LABELS,
    Mention,
    _adjective_mention,
    _clean,
    _hyphen_attached,
    _is_hyphen,
    _prefixed,
    _text,
    _words,
    function_of,
    relative_verb,
)
from briefings.extract.actors.mentions_spans import (
    BRACKETS,
    _class_nouns,
    _extend_left,
    _extend_right,
    _in_title,
    _is_credit,
    _looks_personal,
    _lower_case_places,
    _names_a_thing,
    _paren_alias,
    _recurring_names,
    _split_possessive,
    _strip_title,
    _title_country,
    _unlabelled_names,
)
from briefings.lexicon.world import (
    is_actor_noun,
    is_group_noun,
    is_person_noun,
    world,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefings.nlp.parse import ParsedArticle


def prefixed_adjectives(article: ParsedArticle) -> list[Mention]:
    """Hyphenated adjectives made with a prefix outside any name: "anti-establishment
    candidates". Alone they name no one; they may point at a group ("the
    anti-establishment camp")."""
    doc = article.doc
    out: list[Mention] = []
    for word in _words(list(doc)):
        if len(word) < 3 or any(t.ent_type_ for t in word) or not _prefixed(word):
            continue
        if is_group_noun(word[-1].head.lemma_.lower()):
            continue  # inside the group's own phrase: "the anti-establishment camp"
        out.append(_adjective_mention(article, word))
    return out + _noun_affiliations(article)


def _noun_affiliations(article: ParsedArticle) -> list[Mention]:
    """Nouns that place people or a group in a camp: "localist" in "localist group
    Civic Passion" or "another localist camp candidate". Alone they name no one;
    they point at a group the article names by that word ("the localist camp")."""
    out: list[Mention] = []
    for tok in article.doc:
        head = tok.head.lemma_.lower()
        if (
            tok.pos_ != "NOUN"
            or not tok.text.islower()
            or tok.ent_type_
            or tok.dep_ not in ("compound", "amod", "nmod")
            or is_actor_noun(tok.lemma_.lower())
            or not (is_group_noun(head) or is_person_noun(head))
        ):
            continue
        out.append(_adjective_mention(article, [tok]))
    return out


def _hyphen_continued(doc: Doc, end: int) -> int:
    """End of a personal name whose last written word the model cut at a hyphen:
    "Wong Yeung" + "-tat", "Wong Kwok" + "-hing". A lower-case word glued on by a
    hyphen, outside any entity, is the rest of the word (asked only of names of
    two words or more: "Warhol-like" and "US-based" are adjectives)."""
    while (
        end + 1 < len(doc)
        and _is_hyphen(doc[end])
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].text[:1].islower()
        and not doc[end + 1].ent_type_
    ):
        end += 2
    return end


def _unclosed_bracket(tokens: list[Token]) -> tuple[list[Token], int | None]:
    """ "World Health Organisation (WHO": the model ran a name into its bracketed
    short form and stopped before the closing bracket. The name ends before the
    bracket (returned, for the short form to be read from it)."""
    for k, tok in enumerate(tokens):
        closing = BRACKETS.get(tok.text)
        if closing is not None and not any(t.text == closing for t in tokens[k + 1 :]):
            return _clean(tokens[:k]), tok.i
    return tokens, None


def named_mentions(article: ParsedArticle) -> list[Mention]:
    """Every cleaned named-entity mention of an actor-like label, in text order."""
    doc = article.doc
    out: list[Mention] = []
    taken: set[int] = set()
    recovered = _lower_case_places(doc)
    lower_places = {span.start for span in recovered}
    repeated = _recurring_names(doc)
    as_written = {span.start for span in (*recovered, *repeated)}
    spans = [*doc.ents, *_unlabelled_names(doc), *repeated, *recovered]
    for ent in sorted(spans, key=lambda e: e.start):
        if ent.label_ not in NAMED_LABELS or _is_credit(ent) or ent.start in taken:
            continue
        taken.update(range(ent.start, ent.end))
        label = ent.label_
        start, end = ent.start, ent.end
        if label == "ORG" and ent.start not in as_written:
            end = _extend_right(ent)
        if label in ("ORG", "GPE", "PERSON") and ent.start not in as_written:
            new_start = _extend_left(ent)
            if new_start < start and label == "GPE":
                label = "ORG"  # "Environment Canada" is not the country
            start = new_start
        if label == "PERSON" and end - start >= 2:
            continued = _hyphen_continued(doc, end)
            taken.update(range(end, continued))
            end = continued
        tokens = list(doc[start:end])
        if _hyphen_attached(doc, start) and (
            doc[start - 2].text[:1].islower() or doc[start - 2].lower_ in NAME_PREFIXES
        ):
            tokens = tokens[1:]  # "pro-Beijing DAB": "Beijing" belongs to an adjective
        words = _words(tokens)
        while words and _prefixed(words[0]):
            # "pro-Beijing Regina Ip": an affiliation, which may name a camp
            out.append(_adjective_mention(article, words[0]))
            words = words[1:]
        tokens = _clean([t for w in words for t in w])
        if not tokens:
            continue
        if len(tokens) > 1 and tokens[0].lower_.rstrip(".") in HONORIFICS:
            label = "PERSON"  # "Ms Okafor", whatever label the model gave it
        if _in_title(doc, tokens[0].i, tokens[-1].i + 1) and not (
            world().country(_text(tokens)) or world().demonym(_text(tokens))
        ):
            continue
        if label in ("ORG", "PERSON") and _names_a_thing(doc, tokens):
            continue  # "the river Tamel": a river, whatever label the model gave it
        tokens, bracket = _unclosed_bracket(tokens)
        if not tokens:
            continue
        alias = _paren_alias(doc, bracket if bracket is not None else end, label, _text(tokens))
        parts = _split_possessive(tokens)
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            if last and n and label == "ORG" and _looks_personal(part):
                label = "PERSON"  # "New People Party's Regina Ip"
            if last:
                whole = _clean(part)
                part = _clean(_strip_title(whole, label))
                if part and whole and part[0].i > whole[0].i:
                    out.extend(_title_country(article, whole[: part[0].i - whole[0].i]))
            else:
                part = _clean(part)
            if not part:
                continue
            text = _text(part)
            if not text or not text[0].isalpha():
                continue
            if not any(c.isupper() for c in text) and ent.start not in lower_places:
                continue
            part_label = label if last else "ORG"
            root = doc[part[0].i : part[-1].i + 1].root
            place = part_label in ("GPE", "LOC", "FAC")
            function, verb = function_of(root, place) if last else ("possessor", None)
            mention = Mention(
                text=text,
                label=part_label,
                start=part[0].i,
                end=part[-1].i + 1,
                sentence=article.sentence_number(part[0].i),
                function=function,
                verb=verb,
                relative_verb=relative_verb(root) if last else None,
                classes=_class_nouns(root) if last else (),
            )
            if last and alias:
                mention.forms.append(alias)
            # "the United States", "The Arabs" are forms of the name; "the American
            # presidents" is not a form of "American"
            after_the = part[0].i > 0 and doc[part[0].i - 1].lower_ == "the"
            if after_the and function != "modifier" and (n == 0 or start < part[0].i):
                mention.forms.append(_text(list(doc[part[0].i - 1 : part[-1].i + 1])))
            words = _words(part)
            if len(words) == 1 and len(part) == 3 and _is_hyphen(part[1]):
                left, right = part[0].text, part[2].text
                if left[:1].isupper() and right[:1].isupper():
                    mention.pair = (left, right)
            out.append(mention)
    return out
