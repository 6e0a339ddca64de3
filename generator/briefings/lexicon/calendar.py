"""English calendar vocabulary: month and weekday names, number words, seasons, prepositions.

Closed word classes, as HeidelTime keeps them beside its rules; the temporal
rules and the timeline read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


# --- closed word classes (English calendar vocabulary) ------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: Month names that are also ordinary English words; alone they need context.
AMBIGUOUS_MONTHS = {"may", "march", "august"}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
#: Vague amounts and the range of counts they stand for.
VAGUE_AMOUNTS = {
    "a few": (2, 4), "few": (2, 4), "several": (3, 7), "a couple of": (2, 3),
    "a couple": (2, 3), "some": (2, 5), "many": (4, 12),
}  # fmt: skip
#: Meteorological seasons of the northern hemisphere: (first month, number of months).
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
#: Prepositions that put a following bare number or month in time ("in 2010", "since May").
TEMPORAL_PREPOSITIONS = {
    "in", "since", "until", "till", "during", "before", "after", "by", "from", "to",
    "through", "throughout", "between", "of", "early", "late", "mid", "last", "next",
    "this", "on", "around", "circa", "and", "or", "into", "as",
}  # fmt: skip
#: Prepositions after which a bare year is a year whatever the entity recogniser says.
YEAR_PREPOSITIONS = {"in", "since", "until", "till", "during", "before", "after", "circa"}
#: Entity labels of names: a calendar word inside one is part of a name.
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "GPE", "LOC", "NORP"}
#: Words before a count that make it a duration, not a point ("for two days after").
DURATION_PREPOSITIONS = {"for", "within", "over", "during", "throughout", "spanning"}
