"""Arabic rules for named periods: years, months of both families (كانون الثاني … and
يناير …, also paired "أيار/مايو"), dates with digit or ordinal days (الثالث من حزيران),
this/last/next week, month and year, quarters and halves.  Patterns run on the folded
phrase (``fold.fold``); examples above each rule are in ordinary spelling.

"Last week" covers the Saturday-, Sunday- and Monday-week readings (``weeks.py``); "last
month/year" are the previous calendar periods, as in English.
"""
from __future__ import annotations

from datetime import date

from components.dates import periods as P
from components.dates.rules.base import Ctx, Found, most_recent, pick, rule

from .vocab import MONTH, MONTHS, NEXT, ORDINAL, ORDINALS, PAST, RELATIVE, THIS, WEEKDAY, WEEKDAYS
from .weeks import week_union, week_union_shifted

YEAR = r"(?P<y>1\d{3}|20\d{2})(?: ?م| ميلادي)?"
YEAR_WORD = r"(?:(?:من )?(?:عام|العام|سنه|السنه) )"
MONTH_PAIR = rf"(?:شهر )?(?P<mon>{MONTH})(?: ?/ ?(?P<mon2>{MONTH})| (?P<mon3>{MONTH}))?"
UNIT = r"(?P<u>اسبوع|شهر|عام|سنه)"
_UNIT = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}


def _month(m) -> int:
    """The month of a single or paired name; a pair must agree ("أيار/مايو", not "أيار/يونيو")."""
    first = MONTHS[m["mon"]]
    other = m["mon2"] or m["mon3"]
    if other and MONTHS[other] != first:
        raise ValueError(f"paired month names disagree: {m['mon']} / {other}")
    return first


def _period(unit: str, anchor: date, n: int) -> P.Period:
    return week_union_shifted(anchor, n) if unit == "week" else P.neighbour(unit, anchor, n)


# "عام 2017"، "العام 2017"، "سنة 2015"، "2017م"
@rule("ar_year", rf"{YEAR_WORD}?{YEAR}", ("عام 2017", "سنة 2015"), "calendar year", relative=False)
def year(m, ctx: Ctx) -> Found:
    return Found(P.year(int(m["y"])))


# "أيار/مايو 2018"، "حزيران 2018"، "شهر آب من عام 2017"
@rule("ar_month_year", rf"{MONTH_PAIR} {YEAR_WORD}?{YEAR}", ("أيار/مايو 2018", "شهر آب من عام 2017"), "calendar month",
      relative=False)
def month_year(m, ctx: Ctx) -> Found:
    return Found(P.month(int(m["y"]), _month(m)))


def _day_value(m) -> int:
    return int(m["d"]) if m["d"] else ORDINALS[m["o"]]


DAY = rf"(?:(?:ال ?)?(?P<d>[12]\d|3[01]|0?[1-9])|(?P<o>{ORDINAL}))"


# "3 حزيران 2018"، "الثالث من حزيران 2018"، "السبت 6 تشرين الأول 2018"، "6 أكتوبر/تشرين الأول 2018"
@rule("ar_day_month_year", rf"(?:(?:يوم )?(?:{WEEKDAY}) )?(?:يوم )?{DAY}(?: من)? {MONTH_PAIR} {YEAR_WORD}?{YEAR}",
      ("الثالث من حزيران 2018", "السبت 6 تشرين الأول 2018"), "calendar date", relative=False)
def day_month_year(m, ctx: Ctx) -> Found:
    return Found(P.day(date(int(m["y"]), _month(m), _day_value(m))))


# "3 حزيران"، "الثالث من حزيران"، "يوم السبت 6 تشرين الأول"، "الـ15 من آذار"
@rule("ar_day_month", rf"(?:(?:يوم )?(?P<wd>{WEEKDAY}) )?(?:يوم )?{DAY}(?: من)? {MONTH_PAIR}",
      ("الثالث من حزيران", "3 حزيران", "الـ15 من آذار"), "most recent such date (next one if future tense)")
def day_month(m, ctx: Ctx) -> Found:
    mon, d = _month(m), _day_value(m)
    days = [date(y, mon, d) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2) if not (mon == 2 and d == 29 and y % 4)]
    if m["wd"] and any(x.weekday() == WEEKDAYS[m["wd"]] for x in days):
        days = [x for x in days if x.weekday() == WEEKDAYS[m["wd"]]]
    if not days:
        raise ValueError(f"no year near {ctx.anchor} has {mon}-{d}")
    return Found(P.day(days[pick([(x, x) for x in days], ctx)]))


# "6/10/2018"، "6-10-2018": day first
@rule("ar_numeric_date", r"(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<mo>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)", "6/10/2018",
      "numeric date, day first", relative=False)
def numeric_date(m, ctx: Ctx) -> Found:
    return Found(P.day(date(int(m["y"]), int(m["mo"]), int(m["d"]))))


# "حزيران الماضي"، "شهر آذار المقبل"، "أيار/مايو الماضي"
@rule("ar_rel_month", rf"{MONTH_PAIR} (?P<rel>{PAST}|{THIS}|{NEXT})", ("حزيران الماضي", "آذار المقبل"),
      "the named month before/in/after the anchor's year")
def rel_month(m, ctx: Ctx) -> Found:
    mon, rel, anchor = _month(m), RELATIVE[m["rel"]], ctx.anchor
    if rel == "this":
        return Found(P.month(anchor.year, mon))
    if rel == "next":
        return Found(P.month(anchor.year + (mon <= anchor.month), mon))
    return Found(P.month(anchor.year - (mon >= anchor.month), mon))


# "حزيران"، "في أيار/مايو"، "شهر آب": the most recent one (next one if future tense)
@rule("ar_month", MONTH_PAIR, ("حزيران", "أيار/مايو"), "most recent such month (next one if future tense)")
def month(m, ctx: Ctx) -> Found:
    mon = _month(m)
    return Found(most_recent((P.month(y, mon) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)), ctx))


# "الأسبوع الماضي"، "الشهر الفائت"، "العام الماضي"، "السنة المنصرمة"
@rule("ar_last_period", rf"ال{UNIT} (?:{PAST})", ("الأسبوع الماضي", "العام الماضي"),
      "the previous calendar period (weeks: Saturday, Sunday or Monday start)", tense="past")
def last_period(m, ctx: Ctx) -> Found:
    return Found(_period(_UNIT[m["u"]], ctx.anchor, -1), note=f"previous {_kind(m['u'])}")


# "الأسبوع المقبل"، "الشهر القادم"، "العام المقبل"
@rule("ar_next_period", rf"ال{UNIT} (?:{NEXT})", ("الأسبوع المقبل", "العام المقبل"),
      "the following calendar period (weeks: Saturday, Sunday or Monday start)", tense="future")
def next_period(m, ctx: Ctx) -> Found:
    return Found(_period(_UNIT[m["u"]], ctx.anchor, 1), note=f"following {_kind(m['u'])}")


# "الشهر الجاري"، "هذا العام"، "السنة الحالية"، "العام" (as in "نهاية العام")
@rule("ar_this_period", rf"ال{UNIT}(?: (?:{THIS}|هذا|هذه))?|(?:هذا|هذه) ال{UNIT.replace('<u>', '<u2>')}",
      ("الشهر الجاري", "هذا العام", "العام"), "the period containing the anchor")
def this_period(m, ctx: Ctx) -> Found:
    unit = m["u"] or m["u2"]
    found = week_union(ctx.anchor) if _UNIT[unit] == "week" else P.containing(_UNIT[unit], ctx.anchor)
    return Found(found, note=f"{_kind(unit)} containing the anchor")


def _kind(unit: str) -> str:
    return "weeks (Saturday, Sunday or Monday start)" if unit == "اسبوع" else f"calendar {_UNIT[unit]}"


_WHICH = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}
OF_YEAR = rf"(?: (?:من|في) (?:{YEAR_WORD}?{YEAR}|ال(?:عام|سنه)(?: (?P<rel>{PAST}|{THIS}|{NEXT}|هذا|هذه))?|(?:هذا|هذه) ال(?:عام|سنه)))"


def _year_of(m, ctx: Ctx) -> int | None:
    if m["y"]:
        return int(m["y"])
    if m.group().endswith((" العام", " السنه")) or "هذ" in m.group() or m["rel"]:
        return ctx.anchor.year + {"past": -1, "next": 1}.get(RELATIVE.get(m["rel"] or "", ""), 0)
    return None


# "الربع الأخير من عام 2017"، "الربع الأول من العام الجاري"، "الربع الأخير"
@rule("ar_quarter", rf"الربع (?P<q>الاول|الثاني|الثالث|الرابع|الاخير){OF_YEAR}?", ("الربع الأخير من عام 2017", "الربع الأخير"),
      "calendar quarter; without a year the last completed one (a numbered one: the latest begun)")
def quarter(m, ctx: Ctx) -> Found:
    y = _year_of(m, ctx)
    if y is not None:
        return Found(P.quarter(y, _WHICH.get(m["q"], 4)))
    anchor = ctx.anchor
    if m["q"] == "الاخير":
        q = (anchor.month - 1) // 3
        return Found(P.quarter(anchor.year if q else anchor.year - 1, q or 4), note="last completed quarter")
    return Found(most_recent((P.quarter(y, _WHICH[m["q"]]) for y in range(anchor.year - 1, anchor.year + 2)), ctx))


# "النصف الأول من العام الجاري"، "النصف الثاني من 2018"، "النصف الأول"
@rule("ar_half", rf"النصف (?P<h>الاول|الثاني|الاخير){OF_YEAR}?", ("النصف الأول", "النصف الثاني من عام 2018"),
      "calendar half-year; without a year the latest begun")
def half(m, ctx: Ctx) -> Found:
    h = 1 if m["h"] == "الاول" else 2
    y = _year_of(m, ctx)
    if y is not None:
        return Found(P.half(y, h))
    return Found(most_recent((P.half(y, h) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)), ctx))


RULES = [numeric_date, day_month_year, month_year, year, day_month, rel_month, month, last_period, next_period,
         this_period, quarter, half]
