"""Month arithmetic on integers (``periods.add_months`` / ``move``) is relativedelta's rule:
the day clamps to the month's end, months go first and days after, out-of-range years fail
with the same error."""
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from components.dates.periods import add_months, move, season

DAYS = [date(2020, 1, 31), date(2020, 2, 29), date(2019, 3, 31), date(2000, 12, 31), date(1900, 5, 30),
        date(2024, 8, 15), date(1, 1, 1), date(9999, 12, 31)]
STEPS = [(0, 0), (1, 0), (-1, 0), (12, 0), (-12, 0), (13, 0), (-25, 0), (1, 15), (-1, -15), (6, 0),
         (1200, 0), (-1200, 0), (0, 7), (0, -3)]


def _relativedelta(d: date, months: int, days: int):
    try:
        return d + relativedelta(months=months, days=days)
    except (ValueError, OverflowError) as err:
        return type(err), str(err)


def _ours(d: date, months: int, days: int):
    try:
        return move(d, months, days)
    except (ValueError, OverflowError) as err:
        return type(err), str(err)


@pytest.mark.parametrize("d", DAYS, ids=str)
@pytest.mark.parametrize("months, days", STEPS)
def test_move_is_relativedelta(d, months, days):
    assert _ours(d, months, days) == _relativedelta(d, months, days)


@pytest.mark.parametrize("d, n, expected", [
    (date(2020, 3, 31), -1, date(2020, 2, 29)),      # clamped to the leap day
    (date(2021, 3, 31), -1, date(2021, 2, 28)),
    (date(2020, 2, 29), 12, date(2021, 2, 28)),
    (date(2020, 1, 31), 3, date(2020, 4, 30)),
    (date(2019, 12, 15), 1, date(2020, 1, 15)),
])
def test_add_months_clamps_to_the_month_end(d, n, expected):
    assert add_months(d, n) == expected


@pytest.mark.parametrize("year, code, first_month, end", [
    (2019, "WI", 12, date(2020, 2, 29)), (2020, "SP", 3, date(2020, 5, 31)), (2021, "FA", 9, date(2021, 11, 30)),
    (2022, "WI", 12, date(2023, 2, 28)),
])
def test_season_ends_two_months_on(year, code, first_month, end):
    period = season(year, code, first_month)
    assert (period.start, period.end) == (date(year, first_month, 1), end)
