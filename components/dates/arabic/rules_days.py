"""Arabic rules for days read against the anchor: اليوم، أمس، غداً، weekdays, "N units ago",
and Hijri months.  Patterns run on the folded phrase (``fold.fold``: no hamza on alef,
ة -> ه, ى -> ي, digits 0-9); each rule's examples sit above it in ordinary spelling.

Direction is the English one (CONVENTIONS.md): a bare weekday is the most recent one on
or before the anchor unless a future cue stands near it; "الماضي" is strictly before,
"المقبل"/"القادم" strictly after; "قبل N أيام" is the single day anchor - N.
"""
from __future__ import annotations

from datetime import date, timedelta

from components.dates import periods as P
from components.dates.rules.base import Ctx, Found, rule

from .vocab import (DUAL_UNIT, HIJRI, HIJRI_MONTHS, HIJRI_NAMES, NEXT, NUMBER_WORD, ONE_UNIT, PAST, RELATIVE, THIS, UNIT,
                    UNITS, WEEKDAY, WEEKDAYS, number_value)
from .weeks import week_union_shifted

TIME_OF_DAY = r"(?:فجر|صباح|ظهر|ظهيره|عصر|مساء|ليله|ليل|منتصف ليله|منتصف ليل)"
_DAY = timedelta(days=1)


def _on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def _night(day: date, tod: str | None) -> tuple[date, date] | None:
    """"ليلة الخميس" is the night before Thursday in the old reckoning and Thursday night in
    today's usage: both readings, day - 1 .. day + 1."""
    return (day - _DAY, day + _DAY) if tod and tod.startswith("ليل") and not tod.startswith("منتصف") else None


# "اليوم"، "صباح اليوم"، "اليوم السبت"
@rule("ar_today", rf"(?:{TIME_OF_DAY} )?اليوم(?: (?:يوم )?{WEEKDAY})?|الليله", ("اليوم", "صباح اليوم"), "the anchor day")
def today(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor))


# "أمس"، "مساء أمس"، "أمس الجمعة"، "البارحة"
@rule("ar_yesterday", rf"(?:(?:{TIME_OF_DAY}|يوم) )?(?:امس|البارحه)(?: (?:يوم )?{WEEKDAY})?", ("أمس", "مساء أمس", "أمس الجمعة"),
      "anchor - 1 day", tense="past")
def yesterday(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor - _DAY))


# "ليلة أمس"، "الليلة الماضية": the evening before, possibly running into the anchor day
@rule("ar_last_night", r"(?:ليله|ليل) (?:امس|البارحه)|الليله (?:الماضيه|الفايته)", ("ليلة أمس", "الليلة الماضية"),
      "the evening before: anchor - 1 .. anchor", tense="past")
def last_night(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor - _DAY), extent=(ctx.anchor - _DAY, ctx.anchor))


# "أمس الأول"، "أول أمس"، "أول من أمس"
@rule("ar_day_before_yesterday", r"(?:يوم )?(?:امس الاول|اول امس|اول من امس)", ("أمس الأول", "أول من أمس"),
      "anchor - 2 days", tense="past")
def day_before_yesterday(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor - 2 * _DAY))


# "غداً"، "صباح غد"، "يوم غد"، "الغد"
@rule("ar_tomorrow", rf"(?:(?:{TIME_OF_DAY}|يوم) )?(?:غدا|غد|الغد)(?: (?:يوم )?{WEEKDAY})?", ("غداً", "صباح غد"),
      "anchor + 1 day", tense="future")
def tomorrow(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor + _DAY))


# "بعد غد"، "بعد الغد"
@rule("ar_day_after_tomorrow", r"(?:يوم )?بعد (?:غد|الغد)", "بعد غد", "anchor + 2 days", tense="future")
def day_after_tomorrow(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor + 2 * _DAY))


# "الجمعة الماضية"، "يوم الأحد الماضي"، "مساء السبت الفائت"
@rule("ar_last_weekday", rf"(?:(?P<tod>{TIME_OF_DAY}) )?(?:يوم )?(?P<wd>{WEEKDAY}) (?:{PAST})", ("الجمعة الماضية", "يوم الأحد الماضي"),
      "most recent such weekday strictly before the anchor", tense="past")
def last_weekday(m, ctx: Ctx) -> Found:
    day = _on_or_before(ctx.anchor - _DAY, WEEKDAYS[m["wd"]])
    return Found(P.day(day), extent=_night(day, m["tod"]))


# "السبت المقبل"، "يوم الأحد القادم"
@rule("ar_next_weekday", rf"(?:(?P<tod>{TIME_OF_DAY}) )?(?:يوم )?(?P<wd>{WEEKDAY}) (?:{NEXT})", ("السبت المقبل", "يوم الأحد القادم"),
      "first such weekday strictly after the anchor", tense="future")
def next_weekday(m, ctx: Ctx) -> Found:
    day = _on_or_after(ctx.anchor + _DAY, WEEKDAYS[m["wd"]])
    return Found(P.day(day), extent=_night(day, m["tod"]))


# "ليلة السبت/الأحد"، "ليلة الخميس على الجمعة"، "منتصف ليل الخميس-الجمعة": the night between two days
@rule("ar_night_between", rf"(?:منتصف )?(?:ليله|ليل) (?P<wd>{WEEKDAY}) ?(?:/|-|علي|الي) ?(?P<wd2>{WEEKDAY})", "ليلة السبت/الأحد",
      "the night between the two most recent such days (next ones if future tense)")
def night_between(m, ctx: Ctx) -> Found:
    first, second = WEEKDAYS[m["wd"]], WEEKDAYS[m["wd2"]]
    if (second - first) % 7 != 1:
        raise ValueError(f"not consecutive days: {m['wd']} / {m['wd2']}")
    second_day = (_on_or_after if ctx.future else _on_or_before)(ctx.anchor, second)
    return Found(P.span(second_day - _DAY, second_day, f"{second_day - _DAY}/{second_day}"))


# "السبت"، "يوم السبت"، "فجر السبت"، "صباح يوم الأحد"، "ليلة الخميس"، "فجر اليوم السبت"
@rule("ar_weekday", rf"(?:(?P<tod>{TIME_OF_DAY}) )?(?:(?:اليوم|يوم) )?(?P<wd>{WEEKDAY})", ("فجر السبت", "صباح يوم الأحد", "ليلة الخميس"),
      "most recent such weekday on or before the anchor (next one if future tense)")
def weekday(m, ctx: Ctx) -> Found:
    day = (_on_or_after if ctx.future else _on_or_before)(ctx.anchor, WEEKDAYS[m["wd"]])
    return Found(P.day(day), extent=_night(day, m["tod"]))


def _count(m) -> tuple[str, int]:
    if m["u"]:
        return UNITS[m["u"]][0], number_value(m["n"])
    if m["u1"]:
        return UNITS[m["u1"]][0], 1
    return UNITS[m["u2"]][0], 2


# "قبل يومين"، "قبل ثلاثة أيام"، "قبل أسبوعين"، "قبل شهر"، "منذ ٣ سنوات"، "قبل 24 ساعة"
@rule("ar_units_ago", rf"(?:قبل|منذ) (?:(?P<n>\d{{1,3}}|{NUMBER_WORD}) (?P<u>{UNIT})|(?P<u1>{ONE_UNIT})(?: واحد)?|(?P<u2>{DUAL_UNIT}))",
      ("قبل يومين", "قبل ثلاثة أيام", "قبل أسبوعين", "قبل شهر"), "the day/week/month/year that far back", tense="past")
def units_ago(m, ctx: Ctx) -> Found:
    unit, n = _count(m)
    if unit == "hour":   # the hour of publication is unknown: "10 hours ago" is the day before or the anchor day
        first, last = ctx.anchor - timedelta(days=-(-n // 24)), ctx.anchor - timedelta(days=n // 24)
        return Found(P.day(last), extent=(first, last))
    if unit == "week":
        return Found(week_union_shifted(ctx.anchor, -n), note="the weeks (Saturday, Sunday or Monday start) that far back")
    return Found(P.neighbour(unit, ctx.anchor, -n))


_EIDS = {"فطر": (10, 0, 3), "اضحي": (12, 9, 4)}  # Hijri month, first day - 1, days


def _hijri(month: int, year: int | None, rel: str | None, ctx: Ctx, offset: int = 0, days: int | None = None) -> Found:
    """The Hijri month (or days of it) as Gregorian days, from the Umm al-Qura table; the honest
    bounds add a day at each end (the local moon sighting may differ by a day)."""
    spans = []
    for (hy, hm), (first, last) in sorted(HIJRI_MONTHS.items()):
        if hm == month and (year is None or hy == year):
            start = first + timedelta(days=offset)
            spans.append((start, last if days is None else start + timedelta(days=days - 1), hy))
    if not spans:
        raise ValueError(f"Hijri month {month} of {year} is outside the table (ar_hijri_months.csv)")
    anchor = ctx.anchor
    if year is not None:
        chosen = spans[0]
    elif rel == "past":
        chosen = [s for s in spans if s[1] < anchor][-1]
    elif rel == "next":
        chosen = [s for s in spans if s[0] > anchor][0]
    elif rel == "this" or not ctx.future:
        chosen = [s for s in spans if s[0] <= anchor][-1]
    else:
        chosen = [s for s in spans if s[1] >= anchor][0]
    start, end, hy = chosen
    period = P.Period(start, end, P.G.MONTH if days is None else P.G.SPAN, f"{start}/{end}")
    return Found(period, extent=(start - _DAY, end + _DAY), note=f"Hijri month {month} of {hy} (Umm al-Qura, ±1 day)")


def _rel(word: str | None) -> str | None:
    return RELATIVE[word] if word else None


# "رمضان الماضي"، "شهر رمضان"، "رمضان 1439"، "شوال المقبل"
@rule("ar_hijri_month", rf"(?:شهر )?(?P<h>{HIJRI})(?: (?P<rel>{PAST}|{THIS}|{NEXT}))?(?: (?:من )?(?:عام |سنه )?(?P<hy>14\d\d)(?: ?ه| ?هجري| ?هجريه)?)?",
      ("رمضان الماضي", "شهر رمضان", "رمضان 1439"), "the Hijri month in Gregorian days (Umm al-Qura table)")
def hijri_month(m, ctx: Ctx) -> Found:
    return _hijri(HIJRI_NAMES[m["h"]], int(m["hy"]) if m["hy"] else None, _rel(m["rel"]), ctx)


# "عيد الفطر"، "عيد الأضحى الماضي": the feast days (1-3 Shawwal, 10-13 Dhu al-Hijja)
@rule("ar_eid", rf"(?:ايام )?عيد (?:ال)?(?P<e>فطر|اضحي)(?: (?P<rel>{PAST}|{THIS}|{NEXT}))?", ("عيد الفطر", "عيد الأضحى الماضي"),
      "the feast days in Gregorian days (Umm al-Qura table)")
def eid(m, ctx: Ctx) -> Found:
    month, offset, days = _EIDS[m["e"]]
    return _hijri(month, None, _rel(m["rel"]), ctx, offset, days)


RULES = [today, last_night, yesterday, day_before_yesterday, tomorrow, day_after_tomorrow, last_weekday, next_weekday,
         night_between, weekday, units_ago, hijri_month, eid]
