"""``apply_modifier``: the one place where a named period becomes honest bounds.

CONVENTIONS.md: START/MID/END take the first/middle/last part of the grain, APPROX widens
by half the grain on each side, BEFORE/AFTER/ON_OR_AFTER open the period towards the
past or the anchor.
"""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from .model import Granularity, Mod

G = Granularity
_DAY = relativedelta(days=1)


_PART_OFFSETS = {  # (unit, START, MID, END) as [from, to) offsets from the period start
    G.MONTH: ("days", (0, 10), (10, 20), (20, 31)),
    G.YEAR: ("months", (0, 4), (4, 8), (8, 12)),
    G.DECADE: ("years", (0, 4), (3, 7), (7, 10)),
    G.CENTURY: ("years", (0, 34), (33, 67), (66, 100)),
    G.WEEK: ("days", (0, 3), (2, 5), (4, 7)),
    G.QUARTER: ("months", (0, 1), (1, 2), (2, 3)),
    G.SEASON: ("months", (0, 1), (1, 2), (2, 3)),
    G.HALF: ("months", (0, 2), (2, 4), (4, 6)),
}
_HALF_GRAIN = {
    G.DAY: relativedelta(days=1), G.WEEKEND: relativedelta(days=1), G.WEEK: relativedelta(days=3),
    G.MONTH: relativedelta(days=15), G.QUARTER: relativedelta(months=1, days=15), G.SEASON: relativedelta(months=1, days=15),
    G.HALF: relativedelta(months=3), G.YEAR: relativedelta(months=6), G.DECADE: relativedelta(years=5),
    G.CENTURY: relativedelta(years=50),
}
_GRAIN = {
    G.DAY: relativedelta(days=1), G.WEEKEND: relativedelta(days=2), G.WEEK: relativedelta(weeks=1),
    G.MONTH: relativedelta(months=1), G.QUARTER: relativedelta(months=3), G.SEASON: relativedelta(months=3),
    G.HALF: relativedelta(months=6), G.YEAR: relativedelta(years=1), G.DECADE: relativedelta(years=10),
    G.CENTURY: relativedelta(years=100),
}


def apply_modifier(start: date, end: date, granularity: Granularity, mod: Mod, anchor: date,
                   future: bool = False) -> tuple[date, date]:
    """Narrow/widen/open the named period ``start..end`` by ``mod`` into (earliest, latest).

    START/MID/END take the first/middle/last part of the grain (CONVENTIONS.md table:
    month days 1-10 / 11-20 / 21-end, year Jan-Apr / May-Aug / Sep-Dec, decade years
    0-3 / 3-6 / 7-9, week Mon-Wed / Wed-Fri / Fri-Sun; quarters and seasons by month);
    APPROX widens by half the grain on each side; BEFORE is the grain before ``start``;
    AFTER runs from the day after ``end`` to the anchor (past) or one grain on;
    ON_OR_AFTER runs from ``start`` to the anchor (past) or ``end``.
    """
    if mod is Mod.NONE:
        return start, end
    width = (end - start).days + 1
    if mod in (Mod.START, Mod.MID, Mod.END):
        index = {Mod.START: 1, Mod.MID: 2, Mod.END: 3}[mod]
        if granularity in _PART_OFFSETS:
            unit, *parts = _PART_OFFSETS[granularity]
            lo, hi = parts[index - 1]
            return (start + relativedelta(**{unit: lo}),
                    min(end, start + relativedelta(**{unit: hi}) - _DAY))
        if granularity is G.SPAN and width >= 3:
            third = width // 3
            lo = start + relativedelta(days=third * (index - 1))
            return lo, (end if index == 3 else lo + relativedelta(days=third - 1))
        return start, end
    if mod is Mod.APPROX:
        pad = _HALF_GRAIN.get(granularity, relativedelta(days=max(1, width // 2)))
        return start - pad, end + pad
    grain = _GRAIN.get(granularity, relativedelta(days=width))
    if mod is Mod.BEFORE:
        return start - grain, start - _DAY
    if mod is Mod.AFTER:
        return end + _DAY, (anchor if not future and anchor > end else end + grain)
    if mod is Mod.ON_OR_AFTER:
        return start, (max(end, anchor) if not future else end)
    return start, end
