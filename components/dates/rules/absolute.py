"""Rules for phrases that name a calendar period outright (the anchor is only used to pick
the year when the phrase leaves it out, as in "June 3" or "the third quarter").

Patterns run on the cleaned phrase: lowercase, single spaces, no commas or brackets,
no dot after a word ("sept. 30" -> "sept 30").  See ``normalize.clean``.
"""
from __future__ import annotations

from datetime import date

from components.dates import periods as P
from components.dates.rules.base import Ctx, Found, most_recent, pick, rule
from components.dates.vocab import (DAY_NUM, DECADE_WORD, DECADE_WORDS, MONTH, ORDINAL_WORD, SEASON, SEASONS,
                    WEEKDAY, YEAR, day_value, month_value, ordinal_value, weekday_value, year_value)

ISO_DAY = r"(?P<y>\d{4})[-/.](?P<m>0?[1-9]|1[0-2])[-/.](?P<d>0?[1-9]|[12]\d|3[01])"
ORD4 = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
THE = r"(?:(?:the|its|their|a|an|this|that) )?"
FISCAL = r"(?:fiscal(?: year)? |fy ?)"


def _years_around(anchor: date) -> range:
    return range(anchor.year - 1, anchor.year + 2)


# "2020-07-01/2020-07-05", "2020-07-01 / 2020-07-05"
@rule("iso_interval", r"(?P<a>\d{4}-\d{2}-\d{2}) ?/ ?(?P<b>\d{4}-\d{2}-\d{2})",
      "2020-07-01/2020-07-05", "the two dates given", relative=False)
def iso_interval(m, ctx: Ctx) -> Found:
    a, b = date.fromisoformat(m["a"]), date.fromisoformat(m["b"])
    return Found(P.day(a) if a == b else P.span(a, b, f"{a}/{b}"))


# "2020-W27", "2020w27", "2020-W27-WE", "2020-W27-3"
@rule("iso_week", r"(?P<y>\d{4})-?w(?P<w>0[1-9]|[1-4]\d|5[0-3])(?:-?(?P<x>we|[1-7]))?",
      ("2020-W27", "2020-W27-WE"), "the week numbered in the phrase", relative=False)
def iso_week(m, ctx: Ctx) -> Found:
    monday = date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
    if m["x"] == "we":
        return Found(P.weekend(monday))
    if m["x"]:
        return Found(P.day(date.fromisocalendar(int(m["y"]), int(m["w"]), int(m["x"]))))
    return Found(P.week(monday))


# "2020-07-06", "2020-07-06T10:00:00Z", "2020-07-06T10:00+03:00", "2020/07/06"
# (``clean`` has turned the colons into spaces: "2020-07-06t10 00 00z")
@rule("iso_date", ISO_DAY + r"(?:t\d\d(?: \d\d){0,2}(?:\.\d+)?(?:z|[+-]\d\d(?: ?\d\d)?)?)?",
      ("2020-07-06", "2020/07/06", "2020-07-06T10:00:00Z"), "the date given", relative=False)
def iso_date(m, ctx: Ctx) -> Found:
    return Found(P.day(date(int(m["y"]), int(m["m"]), int(m["d"]))))


# "2020-07"
@rule("iso_month", r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])", "2020-07", "the month given", relative=False)
def iso_month(m, ctx: Ctx) -> Found:
    return Found(P.month(int(m["y"]), int(m["m"])))


# "2019-Q1", "q3 2019", "2019 q3"
@rule("iso_quarter", r"(?:(?P<y>\d{4})[ -]?q(?P<q>[1-4])|q(?P<q2>[1-4])[ -]?(?P<y2>\d{4}))",
      ("2019-Q1", "Q3 2019"), "the quarter given", relative=False)
def iso_quarter(m, ctx: Ctx) -> Found:
    return Found(P.quarter(int(m["y"] or m["y2"]), int(m["q"] or m["q2"])))


# "2019-20", "2019/2020", "1943-44": a run of years (season, fiscal or school year).  "2011-12"
# stays December 2011 (``iso_month`` comes first); "2014-2017" reads the same as "2014 to 2017".
@rule("year_span", rf"(?P<y>1\d{{3}}|20\d{{2}}) ?[/-] ?(?P<y2>\d{{2}}|1\d{{3}}|20\d{{2}})",
      ("2019-20", "2019/2020", "1943-44"), "from the start of the first year to the end of the second", relative=False)
def year_span(m, ctx: Ctx) -> Found:
    first, last = int(m["y"]), _second_year(int(m["y"]), m["y2"])
    return Found(P.span(date(first, 1, 1), date(last, 12, 31), f"{first:04d}/{last:04d}"))


def _second_year(first: int, text: str) -> int:
    """'20' after 2019 -> 2020, '00' after 1999 -> 2000, '2020' -> 2020; always after ``first``
    (and, written with two digits, within ``SHORT_SPAN_YEARS``: "2019-13" is no span)."""
    second = int(text)
    if len(text) == 2:
        second += first // 100 * 100 + (100 if second <= first % 100 else 0)
        if second - first > SHORT_SPAN_YEARS:
            raise ValueError(f"not a run of years: {first}-{text}")
    if second <= first:
        raise ValueError(f"year span runs backwards: {first}-{text}")
    return second


SHORT_SPAN_YEARS = 30


# "3/4/2019" (day first when ambiguous), "25/12/2019", "12/25/2019", "3.4.2019", "04-10-2018"
@rule("slashed_date", r"(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d{2})",
      ("3/4/2019", "12/25/2019"), "a date in figures, read day first unless that is impossible", relative=False)
def slashed_date(m, ctx: Ctx) -> Found:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    y = y if y >= 100 else (2000 + y if y < 50 else 1900 + y)
    d, mo = (b, a) if b > 12 else (a, b)
    return Found(P.day(date(y, mo, d)))


# "October 6, 2018", "Saturday, April 25 1998", "Oct 6th 2018"
@rule("month_day_year", rf"(?:{WEEKDAY} )?(?P<mon>{MONTH}) (?P<d>{DAY_NUM}) (?:of )?(?P<y>{YEAR})",
      ("October 6, 2018", "Saturday, April 25, 1998"), "the date given", relative=False)
def month_day_year(m, ctx: Ctx) -> Found:
    return Found(P.day(date(year_value(m["y"]), month_value(m["mon"]), day_value(m["d"]))))


# "6 October 2018", "the 6th of October 2018"
@rule("day_month_year", rf"(?:{WEEKDAY} )?(?:the )?(?P<d>{DAY_NUM}) (?:of )?(?P<mon>{MONTH}) (?P<y>{YEAR})",
      ("6 October 2018", "the 6th of October, 2018"), "the date given", relative=False)
def day_month_year(m, ctx: Ctx) -> Found:
    return Found(P.day(date(year_value(m["y"]), month_value(m["mon"]), day_value(m["d"]))))


def _month_day(ctx: Ctx, mon: int, d: int, weekday: int | None) -> Found:
    days = [date(y, mon, d) for y in _years_around(ctx.anchor) if not (mon == 2 and d == 29 and y % 4)]
    if not days:
        raise ValueError(f"no year near {ctx.anchor} has {mon}-{d}")
    if weekday is not None and any(x.weekday() == weekday for x in days):
        days = [x for x in days if x.weekday() == weekday]
    return Found(P.day(days[pick([(x, x) for x in days], ctx)]))


# "June 3", "On June 3", "Saturday October 6", "this coming Sunday March eighth"
@rule("month_day", rf"(?:(?:this coming |this |last |next )?(?P<wd>{WEEKDAY}) (?:the )?)?(?P<mon>{MONTH}) (?:the )?(?P<d>{DAY_NUM})",
      ("June 3", "Saturday (October 6)"), "the most recent such date")
def month_day(m, ctx: Ctx) -> Found:
    return _month_day(ctx, month_value(m["mon"]), day_value(m["d"]), m["wd"] and weekday_value(m["wd"]))


# "6 October", "the 6th of October", "Saturday 6 October"
@rule("day_month", rf"(?:(?P<wd>{WEEKDAY}) )?(?:the )?(?P<d>{DAY_NUM}) (?:of )?(?P<mon>{MONTH})",
      ("6 October", "the 3rd of June"), "the most recent such date")
def day_month(m, ctx: Ctx) -> Found:
    return _month_day(ctx, month_value(m["mon"]), day_value(m["d"]), m["wd"] and weekday_value(m["wd"]))


def _day_range(ctx: Ctx, mon: int, d1: int, d2: int, y: str | None) -> Found:
    if d2 < d1:
        raise ValueError(f"day range runs backwards: {d1}-{d2}")
    if y:
        first, last = date(year_value(y), mon, d1), date(year_value(y), mon, d2)
    else:
        last = _month_day(ctx, mon, d2, None).period.start
        first = last.replace(day=d1)
    return Found(P.span(first, last, f"{first}/{last}"))


# "June 3-5", "June 3 to 5 2019", "3-5 June", "between 3 and 5 June"
@rule("day_range", rf"(?:from |between )?(?:(?P<mon>{MONTH}) (?P<d1>{DAY_NUM}) ?(?:-|to|and|until|till) ?(?P<d2>{DAY_NUM})"
      rf"|(?P<d3>{DAY_NUM}) ?(?:-|to|and|until|till) ?(?P<d4>{DAY_NUM}) (?:of )?(?P<mon2>{MONTH}))(?: (?P<y>{YEAR}))?",
      ("June 3-5", "3 to 5 June 2019"), "those days of the month")
def day_range(m, ctx: Ctx) -> Found:
    mon = month_value(m["mon"] or m["mon2"])
    return _day_range(ctx, mon, day_value(m["d1"] or m["d3"]), day_value(m["d2"] or m["d4"]), m["y"])


# "February 2023", "Feb 2017", "January of 1997", "January nineteen ninety-seven"
@rule("month_year", rf"(?P<mon>{MONTH}) (?:of )?(?P<y>{YEAR})", ("February 2023", "January nineteen ninety-seven"),
      "the month given", relative=False)
def month_year(m, ctx: Ctx) -> Found:
    return Found(P.month(year_value(m["y"]), month_value(m["mon"])))


# "the first quarter of 2019", "the 1988 third quarter", "third-quarter 1990", "fiscal 1990 q2"
@rule("quarter_year", rf"{THE}(?:{FISCAL})?(?:(?P<q>{ORD4})[ -](?:fiscal )?quarter (?:of |in )?(?:{FISCAL})?(?P<y>{YEAR})"
      rf"|(?P<y2>{YEAR}) (?:fiscal )?(?P<q2>{ORD4})[ -]quarter)",
      ("the first quarter of 2019", "the 1988 third quarter"), "the quarter given", relative=False)
def quarter_year(m, ctx: Ctx) -> Found:
    return Found(P.quarter(year_value(m["y"] or m["y2"]), ordinal_value(m["q"] or m["q2"])))


# "the first half of 2019", "the second half of 2018", "H1 2019", "first two quarters of 1990"
@rule("half_year", rf"{THE}(?:(?P<h>first|second|last|latter|1st|2nd) half (?:of )?(?P<y>{YEAR})"
      rf"|h(?P<h2>[12]) (?P<y2>{YEAR})|(?P<y3>{YEAR}) h(?P<h3>[12])|(?P<two>first|last) two quarters of (?P<y4>{YEAR}))",
      ("the first half of 2019", "H2 2018", "first two quarters of 1990"), "the half-year given", relative=False)
def half_year(m, ctx: Ctx) -> Found:
    word = m["h"] or m["two"]
    h = 1 if word in ("first", "1st") else 2 if word else int(m["h2"] or m["h3"])
    return Found(P.half(year_value(m["y"] or m["y2"] or m["y3"] or m["y4"]), h))


# "the summer of 2018", "winter 2018" (Dec 2018 - Feb 2019), "the winter of nineteen ninety-four",
# "winter 2015/16" and "the winter of 2015-2016" (both Dec 2015 - Feb 2016), "summer 2015-2016" (two summers)
@rule("season_year", rf"{THE}(?P<s>{SEASON}) (?:of )?(?P<y>{YEAR})(?: ?[/-] ?(?P<y2>\d{{2}}|1\d{{3}}|20\d{{2}}))?",
      ("the summer of 2018", "winter 2018", "winter 2015/16"), "the season given (three whole months)", relative=False)
def season_year(m, ctx: Ctx) -> Found:
    code, start_month = SEASONS[m["s"]]
    first = P.season(year_value(m["y"]), code, start_month)
    if not m["y2"]:
        return Found(first)
    last_year = _second_year(first.start.year, m["y2"])
    if last_year == first.end.year:  # the winter that runs into the second year
        return Found(first)
    last = P.season(last_year, code, start_month)
    return Found(P.span(first.start, last.end, f"{first.timex}/{last.timex}"))


# "2015", "the year 2000", "fiscal 1989", "the year two thousand", "nineteen ninety-six"
@rule("year", rf"(?:the )?(?:(?:calendar )?year |{FISCAL})?(?P<y>{YEAR})", ("2015", "fiscal 1989", "the year two thousand"),
      "the year given", relative=False)
def year(m, ctx: Ctx) -> Found:
    return Found(P.year(year_value(m["y"])))


# "the 1990s", "1980s", "the '80s", "the nineties", "the 80s", "the 1990's", "the 90's"
@rule("the decade given", rf"(?:the )?(?:(?P<c>1\d|20)(?P<t>\d)0'?s|'?(?P<t2>\d)0'?s|(?:nineteen |twenty )?(?P<w>{DECADE_WORD}))",
      ("the 1990s", "the '80s", "the nineties", "the 1990's"), "the decade given")
def decade(m, ctx: Ctx) -> Found:
    if m["c"]:
        return Found(P.decade(int(m["c"]) * 100 + int(m["t"]) * 10))
    tens = int(m["t2"]) if m["t2"] else DECADE_WORDS[m["w"]]
    start = (ctx.anchor.year // 100) * 100 + tens * 10
    return Found(P.decade(start if start <= ctx.anchor.year else start - 100))


# "the 20th century", "the eleventh century"
@rule("the century given", rf"(?:the )?(?P<n>[12]?\d(?:st|nd|rd|th)|{ORDINAL_WORD}) century", ("the 20th century", "11th century"),
      "the century given", relative=False)
def century(m, ctx: Ctx) -> Found:
    return Found(P.century((ordinal_value(m["n"]) - 1) * 100))


# "the last week of April", "the first week of May 2019"
@rule("week_of_month", rf"{THE}(?P<which>first|second|third|fourth|last|final) week of (?P<mon>{MONTH})(?: (?P<y>{YEAR}))?",
      ("in the last week of April", "the first week of May 2019"), "that week of the month (seven days)")
def week_of_month(m, ctx: Ctx) -> Found:
    mon = month_value(m["mon"])
    years = [year_value(m["y"])] if m["y"] else list(_years_around(ctx.anchor))
    weeks = [_week_of(P.month(y, mon), m["which"]) for y in years]
    return Found(weeks[0] if m["y"] else most_recent(weeks, ctx))


def _week_of(whole: P.Period, which: str) -> P.Period:
    if which in ("last", "final"):
        start = P.shift("day", whole.end, -6)
    else:
        start = P.shift("week", whole.start, ordinal_value(which) - 1)
    return P.Period(start, P.shift("day", start, 6), P.G.WEEK, whole.timex)


RULES = [iso_interval, iso_week, iso_date, day_range, iso_quarter, iso_month, year_span, slashed_date, month_day_year,
         day_month_year, month_year, quarter_year, half_year, season_year, century, decade, year,
         week_of_month, month_day, day_month]
