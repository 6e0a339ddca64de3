"""Calendar values of temporal expressions: date intervals and their ISO form.

Every resolved expression is an interval of days. "May 19" is one day, "in
February" the whole month, "last week" seven days, "a few days ago" a spread of
days. The ISO value shown on a timeline is the *finest unit that contains the
whole interval*: a week inside July is ``2025-07``, a week across two months is
``2025``. So precision is never invented — a value is only as fine as the text
allows — and arithmetic ("the day before X", "a year later") works on intervals
alike whatever their size.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

Unit = Literal["day", "week", "month", "year", "decade"]
Precision = Literal["day", "month", "year", "decade"]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Interval:
    """A span of days ``lo``..``hi`` (inclusive) that an expression denotes.

    ``approximate`` says the true date may lie outside the span: the text is
    vague ("about", "a few", "recent"), or the span is a decade ("the 1990s"),
    whose ISO value is its first year. ``decade`` marks such spans, the only
    case where decade precision is reported.
    """

    lo: dt.date
    hi: dt.date
    approximate: bool = False
    decade: bool = False

    @classmethod
    def day(cls, day: dt.date, approximate: bool = False) -> Interval:
        return cls(day, day, approximate)

    @classmethod
    def month(cls, year: int, month: int) -> Interval:
        return cls(dt.date(year, month, 1), month_end(year, month))

    @classmethod
    def year(cls, year: int) -> Interval:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def week_of(cls, day: dt.date) -> Interval:
        """The Monday-to-Sunday week holding ``day``."""
        monday = day - dt.timedelta(days=day.weekday())
        return cls(monday, monday + dt.timedelta(days=6))

    @classmethod
    def decade_of(cls, year: int) -> Interval:
        start = year - year % 10
        return cls(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), approximate=True, decade=True)

    @property
    def precision(self) -> Precision:
        if self.lo == self.hi:
            return "day"
        if (self.lo.year, self.lo.month) == (self.hi.year, self.hi.month):
            return "month"
        if self.lo.year == self.hi.year:
            return "year"
        return "decade"

    def iso(self) -> str | None:
        """The ISO value at the finest precision containing the span (None if none does)."""
        p = self.precision
        if p == "day":
            return self.lo.isoformat()
        if p == "month":
            return f"{self.lo.year:04d}-{self.lo.month:02d}"
        if p == "year":
            return f"{self.lo.year:04d}"
        if self.decade and self.lo.year // 10 == self.hi.year // 10:
            return f"{self.lo.year - self.lo.year % 10:04d}"
        return None

    def vague(self) -> Interval:
        return replace(self, approximate=True)

    def shift(self, amount: int, unit: Unit) -> Interval:
        """The span moved by ``amount`` units; a month or year span stays a whole one."""
        if unit in ("day", "week"):
            days = dt.timedelta(days=amount * (7 if unit == "week" else 1))
            return replace(self, lo=self.lo + days, hi=self.hi + days)
        months = amount * {"month": 1, "year": 12, "decade": 120}[unit]
        lo = add_months(self.lo, months)
        hi = add_months(self.hi, months)
        if self.hi == month_end(self.hi.year, self.hi.month):
            hi = month_end(hi.year, hi.month)
        return replace(self, lo=lo, hi=hi)


#: English month names, fixed: labels must not depend on the process locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_label(value: str, precision: str = "") -> str:
    """``2025-05-19`` → ``19 May 2025``; ``2025-02`` → ``Feb 2025``; ``2025`` → ``2025``;
    ``1990`` at decade precision → ``1990s`` (a decade's date is its first year).

    Month names come from a fixed English table, not the process locale, so the
    pages are the same whatever the machine's ``LC_TIME``.
    """
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1][:3]} {parts[0]}"
    if precision == "decade":
        return f"{value}s"
    return value


def shift_by(anchor: Interval, amount: int, unit: Unit) -> Interval | None:
    """``anchor`` moved by a count of units, at the precision that count supports."""
    if unit == "day":
        return anchor.shift(amount, "day") if anchor.precision == "day" else None
    if unit == "week":
        if anchor.precision != "day":
            return None
        middle = anchor.lo + dt.timedelta(days=7 * amount)
        return Interval(middle - dt.timedelta(days=3), middle + dt.timedelta(days=3))
    if unit == "month":
        if anchor.precision not in ("day", "month"):
            return None
        moved = add_months(anchor.lo, amount)
        return Interval.month(moved.year, moved.month)
    if unit == "year":
        if anchor.precision == "decade":
            return None
        return Interval.year(anchor.lo.year + amount)
    return None
