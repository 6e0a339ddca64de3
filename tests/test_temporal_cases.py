"""The temporal resolver, pinned by a table of expressions in sentences written for it.

Each case: publication date, text, the expected value of the *last* resolved
expression in the text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: the precision
is part of the value) and whether it is approximate. ``None`` means the text
holds no date at all: durations, ages, quantities, names, sets, the modal
"may", vague words with no span, values that would need invented precision.
Earlier sentences of a case give the anchor for the expression in its last one.
"""

from __future__ import annotations

import pytest
from briefings.extract.temporal.expressions import resolve_article

pytestmark = pytest.mark.model

# (publication date, text, expected value, approximate); 2025-05-20 is a Tuesday.
CASES: list[tuple[str, str, str | None, bool]] = [
    # --- absolute dates, every common English form
    ("2025-05-20", "The treaty was signed on 12 March 2019.", "2019-03-12", False),
    ("2025-05-20", "The treaty was signed on March 12, 2019.", "2019-03-12", False),
    ("2025-05-20", "The treaty was signed on the 12th of March, 2019.", "2019-03-12", False),
    ("2025-05-20", "The treaty was signed on 2019-03-12 in Geneva.", "2019-03-12", False),
    ("2025-05-20", "The treaty was signed on Tuesday, March 12, 2019.", "2019-03-12", False),
    ("2025-05-20", "The rebels attacked on Sept. 5, 2018.", "2018-09-05", False),
    ("2025-05-20", "The ship docked on 25/12/2020.", "2020-12-25", False),
    ("2025-05-20", "The ship docked on 12/25/2020.", "2020-12-25", False),
    ("2025-05-20", "The ship docked on 05/06/2020.", None, False),
    ("2025-05-20", "She was kidnapped in February 2002 while campaigning.", "2002-02", False),
    ("2025-05-20", "The plant opened in Feb. 2002.", "2002-02", False),
    ("2025-05-20", "The plant opened in early February 2002.", "2002-02", False),
    ("2025-05-20", "The database was unveiled in 1999.", "1999", False),
    ("2025-05-20", "Growth slowed in mid-2008.", "2008", False),
    ("2025-05-20", "The previous election was before the 2014 protests.", "2014", False),
    ("2025-05-20", "The bank collapsed in the summer of 2008.", "2008", False),
    ("2025-05-20", "In spring 2021, the plant reopened.", "2021", False),
    ("2025-05-20", "The region boomed in the 1990s.", "1990", True),
    ("2025-05-20", "The region boomed in the '90s.", "1990", True),
    ("2025-05-20", "The deal, reached on 2 March, held.", "2025-03-02", False),
    ("2025-05-20", "They met on the 5th of May.", "2025-05-05", False),
    # --- month and day without a year: year from the publication date and the tense
    ("2025-05-20", "Talks collapsed on May 16.", "2025-05-16", False),
    ("2025-05-20", "The summit will take place on June 3.", "2025-06-03", False),
    ("2025-05-20", "The company was founded on December 2.", "2024-12-02", False),
    ("2025-01-05", "The agreement was signed on December 30.", "2024-12-30", False),
    ("2025-01-10", "Ministers will meet again on December 28.", "2025-12-28", False),
    ("2025-05-20", "The vote is on 2 June.", "2025-06-02", False),
    ("2025-05-20", "The hearing is set for Jan. 14.", "2026-01-14", False),
    ("2024-04-17", "She hoped to present a new strategy on June 14.", "2024-06-14", False),
    ("2023-03-15", "Opposition parties have called another protest for March 25.",
     "2023-03-25", False),
    # --- a month alone stays a month
    ("2025-05-20", "The talks nearly failed in February.", "2025-02", False),
    ("2025-05-20", "the talks in february failed.", "2025-02", False),
    ("2025-05-20", "Elections will be held in November.", "2025-11", False),
    ("2025-05-20", "The plant closed in November.", "2024-11", False),
    ("2025-02-10", "Elections are expected in March.", "2025-03", False),
    ("2025-05-20", "The law came into force last March.", "2025-03", False),
    ("2025-05-20", "They plan to finish by next March.", "2026-03", False),
    ("2025-05-20", "Prices rose in early May.", "2025-05", False),
    ("2025-05-20", "Since January, prices have doubled.", "2025-01", False),
    # --- "may", "march", "august" and names are not months
    ("2025-05-20", "Ministers may meet again.", None, False),
    ("2025-05-20", "The protesters held a march through the capital.", None, False),
    ("2025-05-20", "It remains an august institution.", None, False),
    ("2025-05-20", "Theresa May spoke to reporters.", None, False),
    ("2025-05-20", "May I ask a question?", None, False),
    # --- weekdays, past or future by tense
    ("2025-05-20", "The minister resigned on Monday.", "2025-05-19", False),
    ("2025-05-20", "The minister will resign on Monday.", "2025-05-26", False),
    ("2025-05-20", "The team met on Friday.", "2025-05-16", False),
    ("2025-05-20", "The team will meet on Friday.", "2025-05-23", False),
    ("2025-05-20", "The committee is expected to meet on Thursday.", "2025-05-22", False),
    ("2025-05-20", "Protests have continued since Saturday.", "2025-05-17", False),
    ("2025-05-20", "The vote took place last Sunday.", "2025-05-18", False),
    ("2025-05-20", "The vote is scheduled for next Sunday.", "2025-05-25", False),
    ("2025-05-20", "Sunday's election was peaceful.", "2025-05-18", False),
    ("2025-05-20", "The bill passed on Tuesday.", "2025-05-20", False),
    ("2025-05-20", "Every Monday the market opens early.", None, False),
    # a weekday closing a title opened mid-sentence by "The" is part of the name
    ("2025-05-20", "He told The Mail on Sunday that he was innocent.", None, False),
    ("2025-05-20", "The minister told The Independent on Sunday that he would stay.", None,
     False),
    ("2025-05-20", "He told The New York Times on Tuesday that he was innocent.", "2025-05-20",
     False),
    ("2025-05-20", "Talks with The Hague on Monday failed.", "2025-05-19", False),
    ("2025-05-20", "The Government on Monday announced cuts.", "2025-05-19", False),
    ("2025-05-20", "He said: The Government on Monday announced cuts.", "2025-05-19", False),
    # --- today, yesterday, tomorrow
    ("2025-05-20", "The freed hostages arrived in France today.", "2025-05-20", False),
    ("2025-05-20", "The ministry said yesterday that talks had stalled.", "2025-05-19", False),
    ("2025-05-20", "Talks resume tomorrow.", "2025-05-21", False),
    ("2025-05-20", "The talks ended late last night.", "2025-05-19", False),
    ("2025-05-20", "Officials met this morning.", "2025-05-20", False),
    ("2025-05-20", "The strike began the day before yesterday.", "2025-05-18", False),
    # --- last/next/this week, month, year
    ("2017-07-21", "The team had been denied visas until last week.", "2017-07", False),
    ("2025-06-03", "The deal was signed last week.", "2025", False),
    ("2025-05-20", "Inflation fell last month.", "2025-04", False),
    ("2025-05-20", "The company was founded last year.", "2024", False),
    ("2025-05-20", "Elections are due next year.", "2026", False),
    ("2025-05-20", "Talks will resume next month.", "2025-06", False),
    ("2025-05-07", "Parliament will vote next week.", "2025-05", False),
    ("2025-05-20", "The deal was signed earlier this month.", "2025-05", False),
    ("2025-05-20", "The report will be published later this month.", "2025-05", False),
    ("2017-07-21", "Next year's competition will take place in Mexico City.", "2018", False),
    ("2025-05-20", "The backlog will be cleared by the end of the year.", "2025", False),
    ("2023-02-23", "The effort aims to clear the backlog by year end.", "2023", False),
    ("2025-05-20", "Prices have fallen over the past week.", "2025-05", False),
    ("2023-02-23", "They applied before last summer.", "2022", False),
    ("2025-05-20", "Last winter was harsh.", None, False),
    # --- N units ago, in N units
    ("2025-05-20", "The law was passed two years ago.", "2023", False),
    ("2025-05-20", "The ship sank three days ago.", "2025-05-17", False),
    ("2025-05-20", "The factory closed a few days ago.", "2025-05", True),
    ("2025-05-20", "The war began nearly three months ago.", "2025-02", True),
    ("2025-05-20", "About two weeks ago, the minister resigned.", "2025-05", True),
    ("2025-05-20", "Seventeen years ago, this would not have been possible.", "2008", False),
    ("2025-05-20", "The bridge will reopen in three days.", "2025-05-23", False),
    ("2025-05-20", "It was the first such meeting in three years.", None, False),
    # --- anchored at the last mentioned date
    ("2025-05-20", "The talks began on 3 March 2024. Two days later, they collapsed.",
     "2024-03-05", False),
    ("2025-05-20", "The vote was held on 4 September 2016. The last ballot was cast at 2:30 "
     "the next day.", "2016-09-05", False),
    ("2025-05-20", "The election was held on 4 September 2016. Polls closed at 22:30.",
     "2016-09-04", False),
    ("2025-05-20", "The company was founded in 2010. A year later, it went public.", "2011", False),
    ("2025-05-20", "The fire started on June 3, 2021. The following day, officials ordered an "
     "evacuation.", "2021-06-04", False),
    ("2025-05-20", "The summit opened on 10 July 2023. That day, protesters gathered.",
     "2023-07-10", False),
    ("2025-05-20", "The ceasefire was agreed on 1 May 2024. Three weeks later, fighting resumed.",
     "2024-05", False),
    ("2025-05-20", "Polls closed at 22:30.", None, False),
    # a week is placed from a day; a month alone cannot place one
    ("2025-05-20", "The mayor resigned on 12 March 2024. The same week, a council member "
     "resigned.", "2024-03", False),
    ("2025-05-20", "The plan was announced on 5 May 2025. The following week, it was dropped.",
     "2025-05", False),
    ("2025-05-20", "The plan was announced in March 2024. That week, it was dropped.",
     "2024-03", False),
    ("2025-05-20", "The same week, a council member resigned.", None, False),
    # --- anchored at a dated event named by the anchor phrase
    ("2025-05-20", "Trump and Putin spoke in a telephone call on May 19. Russia launched its "
     "largest drone attack the day before the call.", "2025-05-18", False),
    ("2025-05-20", "The election was held on 8 June 2017. Two days before the election, the "
     "minister resigned.", "2017-06-06", False),
    ("2025-05-20", "The summit ended on 12 April 2022. The leaders met again a month after the "
     "summit.", "2022-05", False),
    ("2025-05-20", "The final was played on 15 July 2018. On the eve of the final, fans "
     "gathered.", "2018-07-14", False),
    ("2025-05-20", "The accord was signed on 2 March 2020. Shortly after the accord, fighting "
     "stopped.", "2020-03-02", True),
    ("2025-05-20", "The attack came the day before May 19.", "2025-05-18", False),
    ("2016-09-09", "On the eve of Sunday's election, the candidates held rallies.",
     "2016-09-03", False),
    ("2025-05-20", "Protesters gathered the day before the ceremony.", None, False),
    # --- ranges (the value is the start)
    ("2025-05-20", "The festival ran from 3 to 5 May 2024.", "2024-05-03", False),
    ("2025-05-20", "The talks were held from May 3 to May 5, 2024.", "2024-05-03", False),
    ("2025-05-20", "The mayor served from 2004 to 2009.", "2004", False),
    ("2025-05-20", "Output doubled between 1999 and 2001.", "1999", False),
    # --- vague references: approximate, or nothing
    ("2025-05-20", "In recent weeks, several banks have failed.", "2025", True),
    ("2015-08-02", "In the past few days, several towns have started asking for taxes.",
     "2015", True),
    ("2025-05-20", "In recent days, the army has advanced.", "2025-05", True),
    ("2025-05-20", "The plan will be announced in the coming weeks.", "2025", True),
    ("2025-05-20", "The minister recently resigned.", None, False),
    # --- durations, ages and quantities are not dates
    ("2025-05-20", "The negotiations were the first in more than three years.", None, False),
    ("2025-05-20", "He claimed he could end the war in 24 hours.", None, False),
    ("2025-05-20", "After a two-hour call, the leaders issued a statement.", None, False),
    ("2025-05-20", "The 45-year-old minister resigned.", None, False),
    ("2025-05-20", "He is 45 years old.", None, False),
    ("2025-05-20", "Some 2000 soldiers were deployed to the border.", None, False),
    ("2025-05-20", "The company paid $2000 in fines.", None, False),
    ("2025-05-20", "The museum holds 1500 paintings.", None, False),
    ("2025-05-20", "Resolution 2334 condemned the settlements.", None, False),
    ("2025-05-20", "Teams worked for two weeks on the robot.", None, False),
    ("2025-05-20", "The country has endured nearly two decades of conflict.", None, False),
    ("2025-05-20", "The form must be returned within twenty working days.", None, False),
    ("2025-05-20", "Many of the volunteers were in their 20s.", None, False),
]  # fmt: skip


def _last_value(parse_text, pub: str, text: str):
    """The last resolved expression that is not itself the anchor of another one."""
    article = parse_text(text, pub)
    timexes = resolve_article(article)
    anchors = [t.anchor_span for t in timexes if t.anchor_span is not None]
    resolved = [
        t
        for t in timexes
        if t.interval is not None
        and t.value
        and not any(a.start <= t.span.start < a.end for a in anchors)
    ]
    return resolved[-1] if resolved else None


@pytest.mark.parametrize(("pub", "text", "value", "approximate"), CASES)
def test_resolves(parse_text, pub, text, value, approximate):
    timex = _last_value(parse_text, pub, text)
    if value is None:
        assert timex is None, (timex.text, timex.value)
        return
    assert timex is not None, "no date found"
    assert (timex.value, timex.interval.approximate) == (value, approximate), timex.text


def test_the_table_is_large_enough():
    assert len(CASES) >= 80
    assert sum(1 for c in CASES if c[2] is None) >= 20


def test_a_range_keeps_its_end(parse_text):
    timex = _last_value(parse_text, "2025-05-20", "The festival ran from 3 to 5 May 2024.")
    assert timex.until is not None and timex.until.iso() == "2024-05-05"
