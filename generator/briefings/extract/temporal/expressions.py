"""Temporal expressions: recognised over the parse, resolved to calendar values.

The design follows HeidelTime's news mode. A table of rules (:data:`RULES`),
each a regular expression over the sentence text, proposes expressions; a
match counts only where it starts and ends on spaCy token boundaries, and
negative rules on the tokens refuse what only looks like a date: the modal
"may", "March" the noun, quantities ("2000 soldiers", "$2000"), names ("Theresa
May", "Bloody Sunday"), sets ("every Monday"). Durations and ages ("more than
three years", "24 hours", "a two-hour call", "45 years old") match no rule at
all: only expressions that locate something in time are rules.

Each surviving expression is resolved against one of three anchors:

* the publication date — "today", "on Monday" (past or future by the tense of
  its clause), "May 16" (year from the publication date and the tense), "in
  February" (kept at month precision), "last week", "two years ago";
* the reference time — the last date mentioned before it — for "the following
  day", "two days later", "that week", and clock times ("at 22:30");
* an anchor event — "the day before the call": the head of the anchor phrase
  ("call") is matched against the words of events dated earlier in the text,
  and the expression is placed relative to the date of the best match.

Values are :class:`~briefings.extract.temporal.calendar.Interval` spans, so precision
follows from the text ("last week" inside one month is that month) and is never
invented. Vague references ("in recent weeks", "a few days ago") are marked
approximate; "recently" and "soon" are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from briefings.extract.temporal.calendar import Interval, Unit, add_months, month_end, shift_by
from briefings.extract.temporal.recognition import (
    anchor_phrase,
    count_of,
    find_candidates,
    month_number,
    token_before,
)
from briefings.extract.temporal.rules import (
    ANCHORED_RULES,
    REFERENCE_RULES,
    Anchor,
    Candidate,
    Timex,
)
from briefings.lexicon.calendar import SEASONS, WEEKDAYS
from briefings.nlp.syntax import Tense, attachment, predicate_of, tense_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefings.nlp.parse import ParsedArticle

# --- resolution -----------------------------------------------------------------------


@dataclass
class Mention:
    """A dated expression already resolved, with the words of the event it dates."""

    interval: Interval
    core: frozenset[str]
    words: frozenset[str]
    position: int
    tokens: frozenset[int]


#: The precision a reference date needs to place each unit the rules can name on it.
REFERENCE_PRECISION = {
    "day": "day", "week": "day", "weekend": "day", "month": "month", "year": "year",
}  # fmt: skip

NOMINAL_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}
#: Verbs too light to name an event on their own.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "take", "go", "become"}


def _content_lemmas(tokens: Iterable[Token]) -> frozenset[str]:
    """Lemmas of the nouns and verbs of a clause: what an anchor phrase can name."""
    return frozenset(
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN")
        or (t.pos_ == "VERB" and t.lemma_.lower() not in LIGHT_VERBS)
        or (t.dep_ in NOMINAL_ROLES and t.pos_ == "ADJ")  # "the final was played"
    )


@dataclass
class Resolver:
    """Resolves the expressions of one article in reading order (the reference time moves)."""

    pub: dt.date
    references: list[Interval] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    # -- anchors

    def reference(self, unit: str) -> Interval | None:
        """The last exact date mentioned, if it is precise enough to place a ``unit`` on.

        Only the very last one: "that night" after "in November 2018" has no
        day to stand on, and an older day-precise date is not what it means. A
        week or weekend is placed from a day ("the same week" after "on 3 May");
        a unit no date can place gives None.
        """
        finest = REFERENCE_PRECISION.get(unit)
        if finest is None:
            return None
        order = ["day", "month", "year"]
        allowed = order[: order.index(finest) + 1]
        exact = [iv for iv in self.references if not iv.approximate]
        if exact and exact[-1].precision in allowed:
            return exact[-1]
        return None

    def event_anchor(self, phrase_head: Token, exclude: range) -> Interval | None:
        """The date of the event an anchor phrase names ("the call" → the dated call)."""
        lemma = phrase_head.lemma_.lower()
        best: tuple[int, int, int, Mention] | None = None
        for m in self.mentions:
            if m.position in exclude or phrase_head.i in m.tokens:
                continue
            score = 2 if lemma in m.core else 1 if lemma in m.words else 0
            if not score:
                continue
            key = (score, int(not m.interval.approximate), m.position, m)
            if best is None or key[:3] > best[:3]:
                best = key
        return best[3].interval if best else None

    def remember(self, timex: Timex) -> None:
        iv = timex.interval
        if iv is None:
            return
        if timex.rule != "clock" and not iv.approximate and timex.until is None:
            self.references.append(iv)
        att = attachment(timex.span)
        pred = predicate_of(att)
        skip = set(range(timex.span.start, timex.span.end))
        if timex.anchor_span is not None:
            skip.update(range(timex.anchor_span.start, timex.anchor_span.end))
        sent = timex.span.sent
        clause = [t for t in pred.subtree if t.i not in skip and sent.start <= t.i < sent.end]
        core = [t for t in (att, pred) if t.i not in skip]
        self.mentions.append(
            Mention(
                iv,
                _content_lemmas(core),
                _content_lemmas(clause),
                timex.span.start,
                frozenset(t.i for t in pred.subtree),
            )
        )

    # -- one expression

    def resolve(self, c: Candidate, resolved_in_sentence: list[Timex]) -> Timex:
        att = attachment(c.span)
        pred = predicate_of(att)
        tense = tense_of(pred)
        prev = token_before(c.span)
        prep = prev.lower_ if prev is not None else ""
        if c.span[0].lower_ in ("since", "until", "by", "before", "after"):
            prep = c.span[0].lower_
        direction = -1 if prep == "since" or tense == "past" else 1 if tense == "future" else 0
        if prep == "for" and c.rule not in ("year", "year_span"):
            direction = 1  # "called a strike for March 25", "set for Monday": a target date
        if c.rule in ANCHORED_RULES:
            return self._anchored(c, tense, resolved_in_sentence)
        handler: Callable[[Candidate, int], Timex | Interval | None] = getattr(self, f"_{c.rule}")
        result = handler(c, direction)
        if isinstance(result, Timex):
            return Timex(result.span, result.rule, result.interval, result.until, result.anchor,
                         tense)  # fmt: skip
        anchor: Anchor = "reference" if c.rule in REFERENCE_RULES else "publication"
        if c.rule in ("iso", "numeric") or (c.group("y") and c.rule not in ("season",)):
            anchor = "absolute"
        return Timex(c.span, c.rule, result, None, anchor, tense)

    # -- absolute dates

    def _date(
        self, year: int | None, month: int, day: int | None, direction: int
    ) -> Interval | None:
        """A day (or month) whose year may be missing: pick it from the publication date."""
        try:
            if year is not None:
                return (
                    Interval.day(dt.date(year, month, day)) if day else Interval.month(year, month)
                )
            options = []
            for y in (self.pub.year - 1, self.pub.year, self.pub.year + 1):
                try:
                    options.append(
                        Interval.day(dt.date(y, month, day)) if day else Interval.month(y, month)
                    )
                except ValueError:
                    continue
        except ValueError:
            return None
        return self._choose(options, direction)

    def _choose(self, options: list[Interval], direction: int) -> Interval | None:
        """The option in the clause's direction from the publication date, else the nearest."""
        pub = self.pub
        slack = dt.timedelta(days=1)
        if direction < 0:
            past = [o for o in options if o.lo <= pub + slack]
            return max(past, key=lambda o: o.lo) if past else None
        if direction > 0:
            future = [o for o in options if o.hi >= pub - slack]
            return min(future, key=lambda o: o.lo) if future else None

        def distance(o: Interval) -> tuple[int, int]:
            if o.lo <= pub <= o.hi:
                return 0, 0
            gap = (o.lo - pub).days if o.lo > pub else (pub - o.hi).days
            return gap, int(o.lo > pub)  # ties go to the past

        return min(options, key=distance) if options else None

    def _iso(self, c: Candidate, direction: int) -> Interval | None:
        return self._date(
            int(c.required("y")), int(c.required("m")), int(c.required("d")), direction
        )

    def _numeric(self, c: Candidate, direction: int) -> Interval | None:
        a, b, y = int(c.required("a")), int(c.required("b")), int(c.required("y"))
        if a > 12 and b <= 12:
            return self._date(y, b, a, direction)
        if b > 12 and a <= 12:
            return self._date(y, a, b, direction)
        if a == b:
            return self._date(y, a, a, direction)
        return None  # 5/6/2024: day-month order unknown, no guess

    def _day_month(self, c: Candidate, direction: int) -> Interval | None:
        year = c.number("y")
        day = c.day("d")
        return self._date(year, month_number(c.required("m")), day, direction)

    _month_day = _day_month

    def _month_year(self, c: Candidate, direction: int) -> Interval | None:
        return self._date(int(c.required("y")), month_number(c.required("m")), None, direction)

    def _month(self, c: Candidate, direction: int) -> Interval | None:
        month = month_number(c.required("m"))
        rel = c.group("rel")
        options = [
            Interval.month(y, month) for y in (self.pub.year - 1, self.pub.year, self.pub.year + 1)
        ]
        if rel in ("last", "past", "previous"):
            return max((o for o in options if o.hi < self.pub), key=lambda o: o.lo)
        if rel in ("next", "coming", "following"):
            return min((o for o in options if o.lo > self.pub), key=lambda o: o.lo)
        if rel == "this":
            return Interval.month(self.pub.year, month)
        return self._choose(options, direction)

    def _season(self, c: Candidate, direction: int) -> Interval | None:
        first, length = SEASONS[c.required("s")]

        def season(year: int) -> Interval:
            lo = dt.date(year, first, 1)
            end = add_months(lo, length - 1)
            return Interval(lo, month_end(end.year, end.month))

        iv: Interval | None
        if c.group("y"):
            iv = season(int(c.required("y")))
        else:
            years = range(self.pub.year - 2, self.pub.year + 2)
            options = [season(y) for y in years]
            rel = c.group("rel")
            if rel in ("last", "past", "previous"):
                iv = max((o for o in options if o.hi < self.pub), key=lambda o: o.lo)
            elif rel in ("next", "coming", "following"):
                iv = min((o for o in options if o.lo > self.pub), key=lambda o: o.lo)
            elif rel == "this":
                iv = next(o for o in options if o.lo.year == self.pub.year)
            else:
                iv = self._choose(options, direction)
        return iv if iv is not None and iv.iso() else None

    def _decade(self, c: Candidate, direction: int) -> Interval | None:
        if c.group("dec"):
            return Interval.decade_of(int(c.required("dec")))
        short = int(c.required("short"))
        century = self.pub.year // 100 * 100
        year = century + short if century + short <= self.pub.year else century - 100 + short
        return Interval.decade_of(year)

    def _year(self, c: Candidate, direction: int) -> Interval | None:
        return Interval.year(int(c.required("y")))

    # -- ranges

    def _span(
        self, c: Candidate, first: Interval | None, last: Interval | None
    ) -> Timex | Interval | None:
        if first is None or last is None:
            return None
        if last.lo < first.lo:
            if c.group("y1") or c.group("y2"):
                return None
            first = first.shift(-1, "year")
        return Timex(c.span, c.rule, first, last, "publication")

    def _day_month_span(self, c: Candidate, direction: int) -> Timex | Interval | None:
        year = c.number("y")
        last = self._date(
            year,
            month_number(c.required("m2")),
            c.day("d2"),
            direction,
        )
        if last is None:
            return None
        stated_first_year = c.number("y1")
        y1 = last.lo.year if stated_first_year is None else stated_first_year
        first = self._date(
            y1,
            month_number(c.required("m1")),
            c.day("d1"),
            direction,
        )
        return self._span(c, first, last)

    _month_day_span = _day_month_span

    def _day_range(self, c: Candidate, direction: int) -> Timex | Interval | None:
        year = c.number("y")
        month = month_number(c.required("m"))
        d1 = c.day("d1")
        d2 = c.day("d2")
        last = self._date(year, month, d2, direction)
        if last is None or d1 > d2:
            return None
        return self._span(c, self._date(last.lo.year, month, d1, direction), last)

    _month_day_range = _day_range

    def _month_span(self, c: Candidate, direction: int) -> Timex | Interval | None:
        year = c.number("y")
        last = self._date(year, month_number(c.required("m2")), None, direction)
        if last is None:
            return None
        stated_first_year = c.number("y1")
        y1 = last.lo.year if stated_first_year is None else stated_first_year
        return self._span(c, self._date(y1, month_number(c.required("m1")), None, direction), last)

    def _year_span(self, c: Candidate, direction: int) -> Timex | Interval | None:
        y1 = int(c.required("y1"))
        y2_text = c.required("y2")
        y2 = int(y2_text) if len(y2_text) == 4 else y1 // 100 * 100 + int(y2_text)
        if y2 <= y1:
            return None
        return Timex(c.span, c.rule, Interval.year(y1), Interval.year(y2), "absolute")

    # -- relative to the publication date

    def _deictic(self, c: Candidate, direction: int) -> Interval | None:
        word = c.required("w")
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        return Interval.day(self.pub + dt.timedelta(days=shift))

    def _this_part(self, c: Candidate, direction: int) -> Interval | None:
        if c.match.group(0).lower().startswith("last"):
            return (
                Interval.day(self.pub - dt.timedelta(days=1))
                if c.group("part") == "night"
                else None
            )
        return Interval.day(self.pub)

    def _deictic_two(self, c: Candidate, direction: int) -> Interval | None:
        shift = -2 if c.required("dir").startswith("before") else 2
        return Interval.day(self.pub + dt.timedelta(days=shift))

    def _weekday(self, c: Candidate, direction: int) -> Interval | None:
        target = WEEKDAYS[c.required("wd")]
        rel = c.group("rel")
        if rel in ("following", "previous"):
            ref = self.reference("day")
            if ref is None:
                return None
            base = ref.lo
            if rel == "following":
                return Interval.day(base + dt.timedelta(days=(target - base.weekday()) % 7 or 7))
            return Interval.day(base - dt.timedelta(days=(base.weekday() - target) % 7 or 7))
        pub = self.pub
        back = (pub.weekday() - target) % 7
        ahead = (target - pub.weekday()) % 7
        past = pub - dt.timedelta(days=back or (7 if rel in ("last", "past") else 0))
        future = pub + dt.timedelta(days=ahead or 7)
        if rel in ("last", "past"):
            return Interval.day(past)
        if rel in ("next", "coming"):
            return Interval.day(future)
        if rel == "this":
            return Interval.day(pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=target))
        if direction < 0:
            return Interval.day(past)
        if direction > 0:
            return Interval.day(pub if back == 0 else future)
        return Interval.day(past if back <= ahead else future)

    def _relative_unit(self, c: Candidate, direction: int) -> Interval | None:
        rel, unit, edge = c.required("rel"), c.required("unit"), c.group("edge")
        the = bool(c.group("the"))
        if rel in ("previous", "following") or (the and rel == "next"):
            base = self.reference("day" if unit in ("week", "weekend") else unit)
            if base is None:
                return None
            step = -1 if rel == "previous" else 1
            return self._unit_at(base.lo, unit, step)
        pub = self.pub
        if rel == "past" or (rel == "last" and the):
            # "the past week": the days up to publication.
            length = {"week": 7, "weekend": 3, "month": 30, "year": 365}[unit]
            return Interval(pub - dt.timedelta(days=length), pub)
        if rel == "coming":
            length = {"week": 7, "weekend": 7, "month": 30, "year": 365}[unit]
            return Interval(pub, pub + dt.timedelta(days=length))
        step = {"last": -1, "next": 1, "this": 0, "current": 0}[rel]
        iv = self._unit_at(pub, unit, step)
        if iv is None:
            return None
        if edge == "earlier" and step == 0:
            return Interval(iv.lo, pub)
        if edge == "later" and step == 0:
            return Interval(pub, iv.hi)
        return iv

    def _unit_at(self, day: dt.date, unit: str, step: int) -> Interval | None:
        if unit == "week":
            return Interval.week_of(day + dt.timedelta(days=7 * step))
        if unit == "weekend":
            saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5 + 7 * step)
            return Interval(saturday, saturday + dt.timedelta(days=1))
        if unit == "month":
            first = add_months(day.replace(day=1), step)
            return Interval.month(first.year, first.month)
        return Interval.year(day.year + step)

    def _unit_edge(self, c: Candidate, direction: int) -> Interval | None:
        unit = c.group("unit") or c.required("unit2")
        return self._unit_at(self.pub, unit, 0)

    def _ago(self, c: Candidate, direction: int) -> Interval | None:
        return self._offset_from(Interval.day(self.pub), c, -1)

    def _in_count(self, c: Candidate, direction: int) -> Interval | None:
        if direction <= 0:
            return None  # "the first in three years": a duration, not a future date
        return self._offset_from(Interval.day(self.pub), c, 1)

    def _offset_from(self, anchor: Interval, c: Candidate, sign: int) -> Interval | None:
        counts = count_of(c.required("q"))
        if counts is None:
            return None
        # UNIT names only day, week, month, year and decade, singular or plural.
        unit = cast(Unit, c.required("unit").rstrip("s"))
        vague = counts[0] != counts[1] or c.group("approx") in (
            "about", "around", "some", "nearly", "almost", "roughly", "approximately", "over",
            "more than", "less than", "under", "at least", "just over", "just under",
        )  # fmt: skip
        shifted = [shift_by(anchor, sign * n, unit) for n in counts]
        spans = [s for s in shifted if s is not None]
        if len(spans) != len(shifted):
            return None
        lo = min(s.lo for s in spans)
        hi = max(s.hi for s in spans)
        iv = Interval(lo, hi, approximate=vague or anchor.approximate)
        return iv if iv.iso() else None

    def _vague(self, c: Candidate, direction: int) -> Interval | None:
        rel, unit = c.required("rel"), c.required("unit")
        length = {"days": 7, "weeks": 42, "months": 182}[unit]
        pub = self.pub
        if rel.startswith(("coming", "next")):
            iv = Interval(pub, pub + dt.timedelta(days=length), approximate=True)
        else:
            iv = Interval(pub - dt.timedelta(days=length), pub, approximate=True)
        return iv if iv.iso() else None

    # -- relative to the reference time

    def _reference(self, c: Candidate, direction: int) -> Interval | None:
        rel, unit = c.required("rel"), c.required("unit")
        unit_kind = "day" if unit in ("day", "morning", "afternoon", "evening", "night") else unit
        base = self.reference(unit_kind)
        if base is None:
            return None
        step = 0
        if rel in ("the next", "the following"):
            step = 1
        elif rel in ("the previous", "the preceding"):
            step = -1
        if unit_kind == "day":
            return base.shift(step, "day") if base.precision == "day" else None
        return self._unit_at(base.lo, unit_kind, step)

    def _clock(self, c: Candidate, direction: int) -> Interval | None:
        return self.reference("day")

    # -- relative to an anchor phrase

    def _anchored(self, c: Candidate, tense: Tense, in_sentence: list[Timex]) -> Timex:
        phrase = anchor_phrase(c.span)
        base: Interval | None = None
        anchor: Anchor = "reference"
        if phrase is not None:
            anchor = "event"
            inner = [
                t for t in in_sentence if t.interval and phrase.start <= t.span.start < phrase.end
            ]
            if inner:
                base = inner[0].interval
            else:
                exclude = range(c.span.start, phrase.end)
                base = self.event_anchor(phrase.root, exclude)
        elif c.rule in ("the_day", "offset") and (c.group("dir") or "") not in ("of",):
            base = self._reference_for(c)
        interval = self._place(c, base) if base is not None else None
        return Timex(c.span, c.rule, interval, None, anchor, tense, phrase)

    def _reference_for(self, c: Candidate) -> Interval | None:
        unit = c.group("which") or (c.group("unit") or "day").rstrip("s")
        unit = "day" if unit in ("morning", "evening", "night", "week") else unit
        return self.reference(unit if unit in ("day", "month", "year") else "year")

    def _place(self, c: Candidate, base: Interval) -> Interval | None:
        direction = (c.group("dir") or "").split()[0] if c.group("dir") else ""
        before = direction in ("before", "prior", "earlier", "ahead", "in")
        sign = -1 if before else 1
        if c.rule == "eve":
            return base.shift(-1, "day") if base.precision == "day" else None
        if c.rule == "near":
            if base.precision != "day":
                return None
            exact = c.group("adv") in ("immediately", "right", "minutes", "moments")
            return base if exact else base.vague()
        if c.rule == "the_day":
            which = c.group("which")
            if direction == "of":
                return base if which in ("day", "morning", "evening", "night") else None
            if which in ("day", "morning", "evening", "night"):
                return base.shift(sign, "day") if base.precision == "day" else None
            if which == "week":
                return (
                    Interval.week_of(base.lo + dt.timedelta(days=7 * sign))
                    if base.precision == "day"
                    else None
                )
            # The rule's other units are handled above: "month" or "year" is left.
            return shift_by(base, sign, cast(Unit, which))
        return self._offset_from(base, c, sign)


def article_timexes(article: ParsedArticle) -> tuple[Timex, ...]:
    """:func:`resolve_article`, once per article: the timeline and the summary both ask."""
    found = article.derived.get(_TIMEXES)
    if found is None:
        found = article.derived[_TIMEXES] = tuple(resolve_article(article))
    return found


_TIMEXES = "temporal.timexes"


def resolve_article(article: ParsedArticle) -> list[Timex]:
    """Every temporal expression of the article, resolved in reading order."""
    resolver = Resolver(article.date)
    out: list[Timex] = []
    for sent in article.sents:
        cands = find_candidates(sent)
        # Anchored expressions wait for the dates inside their anchor phrase.
        order = sorted(cands, key=lambda c: (c.rule in ANCHORED_RULES, c.span.start))
        done: list[Timex] = []
        for c in order:
            t = resolver.resolve(c, done)
            resolver.remember(t)
            done.append(t)
        out.extend(sorted(done, key=lambda t: t.span.start))
    return out
