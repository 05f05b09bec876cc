"""``apply_modifier``: the one place where a named period becomes honest bounds.

CONVENTIONS.md: START/MID/END take the first/middle/last part of the grain, APPROX widens
by half the grain on each side, BEFORE/AFTER/ON_OR_AFTER open the period towards the
past or the anchor.
"""
from __future__ import annotations

from datetime import date, timedelta

from .model import Granularity, Mod
from .periods import move

G = Granularity
_DAY = timedelta(days=1)
_NONE, _APPROX = Mod.NONE, Mod.APPROX
_BEFORE, _AFTER, _ON_OR_AFTER = Mod.BEFORE, Mod.AFTER, Mod.ON_OR_AFTER
_PART_INDEX = {Mod.START: 0, Mod.MID: 1, Mod.END: 2}

# Steps are (months, days), applied months first like relativedelta(months=..., days=...).
_PART_OFFSETS = {  # (unit in months or days, START, MID, END) as [from, to) offsets from the period start
    G.MONTH: ("days", (0, 10), (10, 20), (20, 31)),
    G.YEAR: ("months", (0, 4), (4, 8), (8, 12)),
    G.DECADE: ("years", (0, 4), (3, 7), (7, 10)),
    G.CENTURY: ("years", (0, 34), (33, 67), (66, 100)),
    G.WEEK: ("days", (0, 3), (2, 5), (4, 7)),
    G.QUARTER: ("months", (0, 1), (1, 2), (2, 3)),
    G.SEASON: ("months", (0, 1), (1, 2), (2, 3)),
    G.HALF: ("months", (0, 2), (2, 4), (4, 6)),
}
_STEPS = {"days": lambda n: (0, n), "months": lambda n: (n, 0), "years": lambda n: (12 * n, 0)}
_PARTS = {grain: tuple((_STEPS[unit](lo), _STEPS[unit](hi)) for lo, hi in parts)
          for grain, (unit, *parts) in _PART_OFFSETS.items()}
_HALF_GRAIN = {
    G.DAY: (0, 1), G.WEEKEND: (0, 1), G.WEEK: (0, 3), G.MONTH: (0, 15), G.QUARTER: (1, 15), G.SEASON: (1, 15),
    G.HALF: (3, 0), G.YEAR: (6, 0), G.DECADE: (60, 0), G.CENTURY: (600, 0),
}
_GRAIN = {
    G.DAY: (0, 1), G.WEEKEND: (0, 2), G.WEEK: (0, 7), G.MONTH: (1, 0), G.QUARTER: (3, 0), G.SEASON: (3, 0),
    G.HALF: (6, 0), G.YEAR: (12, 0), G.DECADE: (120, 0), G.CENTURY: (1200, 0),
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
    if mod is _NONE:
        return start, end
    width = (end - start).days + 1
    index = _PART_INDEX.get(mod)
    if index is not None:
        parts = _PARTS.get(granularity)
        if parts is not None:
            (lo_months, lo_days), (hi_months, hi_days) = parts[index]
            return move(start, lo_months, lo_days), min(end, move(start, hi_months, hi_days) - _DAY)
        if granularity is G.SPAN and width >= 3:
            third = width // 3
            lo = start + timedelta(days=third * index)
            return lo, (end if index == 2 else lo + timedelta(days=third - 1))
        return start, end
    if mod is _APPROX:
        months, days = _HALF_GRAIN.get(granularity, (0, max(1, width // 2)))
        return move(start, -months, -days), move(end, months, days)
    months, days = _GRAIN.get(granularity, (0, width))
    if mod is _BEFORE:
        return move(start, -months, -days), start - _DAY
    if mod is _AFTER:
        return end + _DAY, (anchor if not future and anchor > end else move(end, months, days))
    if mod is _ON_OR_AFTER:
        return start, (max(end, anchor) if not future else end)
    return start, end
