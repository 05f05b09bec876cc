"""Weeks in Arabic sources: where the week starts is not settled.

Syria's working week starts on Sunday (government) or Saturday (the weekend is Friday and
Saturday), and a writer may also mean the ISO week (Monday).  "الأسبوع الماضي" (last week)
is therefore the union of the three readings: the previous Saturday-, Sunday- and
Monday-week.  ``week_union(d)`` is the span covering every week that contains ``d``.

    >>> str(week_union(date(2018, 10, 10)))   # a Wednesday
    '2018-10-06..2018-10-14 [week]'
"""
from __future__ import annotations

from datetime import date, timedelta

from components.dates import periods as P

WEEK_STARTS = (5, 6, 0)   # Saturday, Sunday, Monday (date.weekday numbers)


def week_union(d: date) -> P.Period:
    """Every reading of "the week containing ``d``", as one span of granularity week."""
    starts = [d - timedelta(days=(d.weekday() - first) % 7) for first in WEEK_STARTS]
    start, end = min(starts), max(starts) + timedelta(days=6)
    return P.Period(start, end, P.G.WEEK, P.week(d).timex)


def week_union_shifted(d: date, n: int) -> P.Period:
    """The weeks ``n`` weeks away from the ones containing ``d`` (n=-1: "last week")."""
    return week_union(d + timedelta(weeks=n))
