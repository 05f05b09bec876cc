"""Calendar periods (day, ISO week, month, quarter, season, year...) and their TIMEX3 values.

Month, quarter and year arithmetic moves by whole calendar months and clamps the day to
the month's end, ``dateutil.relativedelta``'s rule ("2020-03-31 minus one month" is
2020-02-29, never an error; ``add_months``, checked against relativedelta in the tests)
but on plain integers: relativedelta costs more than the rest of a phrase's reading.
Whole days and weeks are exact and have no month semantics, so they move by proleptic
ordinal (``_days``) or ``timedelta``, and a month's last day is the day before the next
month's first (``month_end``).  No month is ever taken as 30 days.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Granularity, iso_day

G = Granularity
_DAYS_PER = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}
_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_QUARTER_LAST_DAY = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
# TIMEX values are padded with ``str(n).zfill(width)`` and this table, not ``f"{n:04d}"``:
# the same text (sign included) at half the cost of a format spec, on every phrase's period.
_TWO_DIGITS = tuple(str(n).zfill(2) for n in range(100))


def _days(d: date, n: int) -> date:
    return date.fromordinal(d.toordinal() + n)


def month_end(year: int, month_no: int) -> date:
    """Last day of the month: the day before the next month's first (exact, leap-safe)."""
    if month_no == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month_no + 1, 1).toordinal() - 1)


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, the day clamped to the month's end:
    ``d + relativedelta(months=n)`` (2020-03-31 - 1 month = 2020-02-29)."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    last = 29 if m == 1 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else _MONTH_DAYS[m]
    return date(y, m + 1, d.day if d.day <= last else last)


def move(d: date, months: int = 0, days: int = 0) -> date:
    """``d + relativedelta(months=months, days=days)``: the months first, then the days."""
    if months:
        d = add_months(d, months)
    return d + timedelta(days=days) if days else d


@dataclass(frozen=True, slots=True, init=False)
class Period:
    """A named calendar period: inclusive days, its grain and its TIMEX3 value.

    Built a few times per phrase, so ``__init__`` is written out: the check, then each slot
    set by its own setter (the generated frozen ``__init__`` goes through
    ``object.__setattr__`` by name, a third slower)."""

    start: date
    end: date
    granularity: Granularity
    timex: str

    def __init__(self, start: date, end: date, granularity: Granularity, timex: str) -> None:
        if end < start:
            raise ValueError(f"period ends before it starts: {start}..{end}")
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_GRANULARITY(self, granularity)
        _SET_TIMEX(self, timex)

    def __str__(self) -> str:
        return f"{self.start}..{self.end} [{self.granularity.value}]"


_SET_START, _SET_END, _SET_GRANULARITY, _SET_TIMEX = (Period.__dict__[name].__set__
                                                      for name in ("start", "end", "granularity", "timex"))


def day(d: date) -> Period:
    return Period(d, d, G.DAY, iso_day(d))


def week(d: date) -> Period:
    """The ISO week (Monday..Sunday) containing ``d``."""
    monday = _days(d, -d.weekday())
    iso = monday.isocalendar()
    return Period(monday, _days(monday, 6), G.WEEK, f"{str(iso.year).zfill(4)}-W{_TWO_DIGITS[iso.week]}")


def weekend(d: date) -> Period:
    """Saturday and Sunday of the ISO week containing ``d``."""
    w = week(d)
    return Period(_days(w.start, 5), w.end, G.WEEKEND, f"{w.timex}-WE")


def month(year: int, month_no: int) -> Period:
    first = date(year, month_no, 1)
    return Period(first, month_end(year, month_no), G.MONTH, f"{str(year).zfill(4)}-{_TWO_DIGITS[month_no]}")


def quarter(year: int, q: int) -> Period:
    last_month, last_day = _QUARTER_LAST_DAY[q]
    return Period(date(year, 3 * q - 2, 1), date(year, last_month, last_day), G.QUARTER, f"{str(year).zfill(4)}-Q{q}")


def half(year: int, h: int) -> Period:
    return Period(date(year, 6 * h - 5, 1), date(year, 6 * h, 30 + (h == 2)), G.HALF, f"{str(year).zfill(4)}-H{h}")


def season(year: int, code: str, start_month: int) -> Period:
    """Meteorological season; winter of ``year`` runs Dec ``year`` .. Feb ``year+1``."""
    last_year, last_month = (year, start_month + 2) if start_month <= 10 else (year + 1, start_month - 10)
    return Period(date(year, start_month, 1), month_end(last_year, last_month), G.SEASON, f"{str(year).zfill(4)}-{code}")


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), G.YEAR, str(y).zfill(4))


def decade(first_year: int) -> Period:
    first_year -= first_year % 10
    return Period(date(first_year, 1, 1), date(first_year + 9, 12, 31), G.DECADE, str(first_year // 10).zfill(3))


def century(first_year: int) -> Period:
    first_year -= first_year % 100
    return Period(date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), G.CENTURY, str(first_year // 100).zfill(2))


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
    return add_months(d, n * _MONTHS_PER[unit])


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
