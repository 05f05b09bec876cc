"""Rules for phrases read against the anchor: days, weekdays, this/last/next period,
"N units ago", "in N units", bare months and seasons.

Direction (CONVENTIONS.md): "last X" is the previous calendar period, "next X" the
following one, "this X" the one containing the anchor; a bare weekday or month is the
most recent one on or before the anchor unless the context is future tense.
"""
from __future__ import annotations

import re
from datetime import date

from components.dates import periods as P
from components.dates.model import Mod
from components.dates.rules.base import Ctx, Found, most_recent, pick, rule
from components.dates.vocab import MONTH, NUMBER, SEASON, SEASONS, TIME_OF_DAY, UNIT, UNITS, WEEKDAY, month_value, number_value, weekday_value

_NAMED_YEAR = re.compile(r"(?<![\w$.,])(1[0-9]{3}|20[0-9]{2})(?![\w%])")
LAST = r"(?:the )?(?:last|past|previous|preceding)"
NEXT = r"(?:the )?(?:next|coming|following|upcoming)"
THIS = r"(?:this|the current|the present|current)"
PERIOD_UNIT = r"(?P<unit>week|weekend|month|quarter|year|decade|century)"


def _kind(unit: str) -> str:
    return "half-year" if unit == "half" else unit


# "today", "tonight", "this morning", "earlier today", "now"
@rule("today", rf"(?:today|tonight|this {TIME_OF_DAY}|today's)", ("today", "this morning"), "the day of publication")
def today(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor))


# "yesterday", "yesterday morning", "late yesterday"
@rule("yesterday", rf"yesterday(?:'s)?(?: {TIME_OF_DAY})?", ("yesterday", "yesterday morning"), "the day before publication", tense="past")
def yesterday(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", ctx.anchor, -1)))


# "the day before yesterday"
@rule("day_before_yesterday", r"(?:the )?day before yesterday", "the day before yesterday", "two days before publication", tense="past")
def day_before_yesterday(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", ctx.anchor, -2)))


# "tomorrow", "tomorrow morning"
@rule("tomorrow", rf"tomorrow(?:'s)?(?: {TIME_OF_DAY})?", "tomorrow", "the day after publication", tense="future")
def tomorrow(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", ctx.anchor, 1)))


# "the day after tomorrow"
@rule("day_after_tomorrow", r"(?:the )?day after tomorrow", "the day after tomorrow", "two days after publication", tense="future")
def day_after_tomorrow(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", ctx.anchor, 2)))


# "last night", "overnight": the evening before the anchor, possibly running into it
@rule("last_night", r"(?:last night|overnight|last evening)", "last night", "the evening or night before publication", tense="past")
def last_night(m, ctx: Ctx) -> Found:
    before = P.shift("day", ctx.anchor, -1)
    return Found(P.day(before), extent=(before, ctx.anchor))


# "the same day", "that day", "later in the day": the anchor's day (an event anchor, or the report's)
@rule("same_day", r"(?:the same|that|the) day|the same date", ("the same day", "later in the day"), "the day of publication")
def same_day(m, ctx: Ctx) -> Found:
    return Found(P.day(ctx.anchor))


# "the following year", "that year", "the year before publication": anaphoric -- the last year named
# earlier in the sentence if there is one ("On May 22, 1995, ... the following year"), else the anchor's
@rule("anaphoric_year", r"(?P<rel>the following|the next|that|the same|the previous|the preceding|the prior) year|the year (?P<rel2>before|after)",
      ("the following year", "that year"), "the year after, of or before the last year named in the sentence")
def anaphoric_year(m, ctx: Ctx) -> Found:
    rel = m["rel"] or m["rel2"]
    step = 1 if rel in ("the following", "the next", "after") else -1 if rel in ("the previous", "the preceding", "the prior", "before") else 0
    named = [int(y) for y in _NAMED_YEAR.findall(ctx.context)]
    base = named[-1] if named else ctx.anchor.year
    return Found(P.year(base + step), note=_anaphoric_note(base, step, bool(named)))


def _anaphoric_note(base: int, step: int, named: bool) -> str:
    where = f"{base}, the last year named in the sentence" if named else f"{base}, the year of publication"
    return f"the year {'after' if step > 0 else 'before' if step < 0 else 'of'} {where}"


# "the following day", "the next day", "the day after" (meant for an event anchor)
@rule("next_day", rf"(?:the )?(?:following|next) (?:day|{TIME_OF_DAY})|the day after|a day later", "the following day", "the day after publication", tense="future",
      after_event=True)
def next_day(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", ctx.anchor, 1)))


# "the previous day", "the day before", "a day earlier"
@rule("previous_day", r"(?:the )?(?:previous|preceding) day|the day before|a day earlier", "the day before", "the day before publication", tense="past")
def previous_day(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", ctx.anchor, -1)))


def _weekday_on_or_before(anchor: date, weekday: int) -> date:
    return P.shift("day", anchor, -((anchor.weekday() - weekday) % 7))


def _weekday_on_or_after(anchor: date, weekday: int) -> date:
    return P.shift("day", anchor, (weekday - anchor.weekday()) % 7)


# "last Friday", "the previous Friday", "this past Sunday"
@rule("last_weekday", rf"(?:last|this past|past|the previous|previous|the past) (?P<wd>{WEEKDAY})(?: {TIME_OF_DAY})?",
      "last Monday", "the last such weekday before publication", tense="past")
def last_weekday(m, ctx: Ctx) -> Found:
    return Found(P.day(_weekday_on_or_before(P.shift("day", ctx.anchor, -1), weekday_value(m["wd"]))))


# "next Monday", "this coming Sunday", "the following Tuesday"
@rule("next_weekday", rf"(?:next|this coming|coming|the following|the coming|following) (?P<wd>{WEEKDAY})(?: {TIME_OF_DAY})?",
      "next Monday", "the first such weekday after publication", tense="future")
def next_weekday(m, ctx: Ctx) -> Found:
    return Found(P.day(_weekday_on_or_after(P.shift("day", ctx.anchor, 1), weekday_value(m["wd"]))))


# "Thursday of last week", "on Monday this week", "next week's Tuesday"
@rule("weekday_of_week", rf"(?P<wd>{WEEKDAY})(?: {TIME_OF_DAY})? (?:of )?(?P<rel>last|this|next) week",
      ("Thursday of last week", "Monday this week"), "that weekday in the week before, of or after publication")
def weekday_of_week(m, ctx: Ctx) -> Found:
    week = P.week(P.shift("week", ctx.anchor, {"last": -1, "this": 0, "next": 1}[m["rel"]]))
    return Found(P.day(P.shift("day", week.start, weekday_value(m["wd"]))))


# "the year before last", "the week before last", "the month after next"
@rule("before_last", r"(?:the )?(?P<unit>week|month|year|weekend) (?P<rel>before last|after next)",
      ("the year before last", "the week before last"), "two periods before or after publication")
def before_last(m, ctx: Ctx) -> Found:
    return Found(P.neighbour(m["unit"], ctx.anchor, -2 if m["rel"] == "before last" else 2))


# "on the 15th", "the 3rd": that day of the current month if passed, else of the previous one
@rule("day_of_month", r"(?:the )?(?P<d>[12]?\d(?:st|nd|rd|th)|3[01](?:st|th))(?: of the month| of this month)?",
      ("on the 15th", "the 3rd"), "the most recent such day of a month")
def day_of_month(m, ctx: Ctx) -> Found:
    d = int(m["d"][:-2])
    options = []
    index = ctx.anchor.year * 12 + ctx.anchor.month - 1
    for months in (-2, -1, 0, 1, 2):
        y, mon = divmod(index + months, 12)
        if d <= P.month_end(y, mon + 1).day:
            options.append(P.day(date(y, mon + 1, d)))
    return Found(most_recent(options, ctx))


# "this Monday": the Monday of the anchor's ISO week
@rule("this_weekday", rf"this (?P<wd>{WEEKDAY})(?: {TIME_OF_DAY})?", "this Monday", "that weekday in the week of publication")
def this_weekday(m, ctx: Ctx) -> Found:
    return Found(P.day(P.shift("day", P.week(ctx.anchor).start, weekday_value(m["wd"]))))


# "Saturday", "on Saturday", "Friday dawn", "dawn on Friday", "Friday night"
@rule("weekday", rf"(?:(?:at )?{TIME_OF_DAY} (?:on |of )?)?(?P<wd>{WEEKDAY})(?:'s)?(?: {TIME_OF_DAY})?",
      ("on Saturday", "Friday dawn"), "the most recent such weekday")
def weekday(m, ctx: Ctx) -> Found:
    wd = weekday_value(m["wd"])
    pick = _weekday_on_or_after if ctx.future else _weekday_on_or_before
    return Found(P.day(pick(ctx.anchor, wd)))


# "over the weekend", "the weekend", "this weekend"
@rule("weekend", r"(?:over |during |at |on )?(?:the |this past |this coming |this |last |past |next |coming )?weekend",
      ("over the weekend", "last weekend"), "the Saturday and Sunday nearest publication")
def weekend(m, ctx: Ctx) -> Found:
    text = m.group()
    if "last" in text or "past" in text:
        this = P.weekend(ctx.anchor)
        return Found(this if "this past" in text and this.end <= ctx.anchor else P.weekend(P.shift("week", ctx.anchor, -1)))
    if "next" in text or "coming" in text:
        return Found(P.weekend(P.shift("week", ctx.anchor, 1)))
    this = P.weekend(ctx.anchor)
    if "this" in text or ctx.future or this.start <= ctx.anchor:
        return Found(this)
    return Found(P.weekend(P.shift("week", ctx.anchor, -1)))


# "the week", "the month" (as in "by the end of the month"): the one containing the anchor
@rule("the_period", r"the (?P<unit>week|month)", ("the month", "the end of the month"), "the period of publication")
def the_period(m, ctx: Ctx) -> Found:
    return Found(P.containing(m["unit"], ctx.anchor), note=f"the {_kind(m['unit'])} of publication")


# "mid-month", "midweek": the middle of the week/month containing the anchor
@rule("mid_period", r"mid[ -]?(?P<unit>week|month)", ("mid-month", "midweek"), "the middle of the period of publication")
def mid_period(m, ctx: Ctx) -> Found:
    return Found(P.containing(m["unit"], ctx.anchor), Mod.MID, note=f"the {_kind(m['unit'])} of publication")


# "this week", "the current month", "this year", "the present decade"
@rule("this_period", rf"{THIS} {PERIOD_UNIT}", ("this week", "this year"), "the period of publication")
def this_period(m, ctx: Ctx) -> Found:
    return Found(P.containing(m["unit"], ctx.anchor), note=f"the {_kind(m['unit'])} of publication")


# "last week", "the past year", "the previous month", "last decade"
@rule("last_period", rf"{LAST} {PERIOD_UNIT}", ("last week", "the past year", "last month"),
      "the period before publication", tense="past")
def last_period(m, ctx: Ctx) -> Found:
    return Found(P.neighbour(m["unit"], ctx.anchor, -1), note=f"the {_kind(m['unit'])} before publication")


# "next week", "the coming month", "next year"
@rule("next_period", rf"{NEXT} {PERIOD_UNIT}", ("next week", "next year"), "the period after publication", tense="future")
def next_period(m, ctx: Ctx) -> Found:
    return Found(P.neighbour(m["unit"], ctx.anchor, 1), note=f"the {_kind(m['unit'])} after publication")


def _units_from(ctx: Ctx, n: int, unit: str, sign: int) -> Found:
    if unit == "hour":
        # The anchor day's hour is unknown, so "N hours ago" falls in [anchor - N h, anchor + 24 h - N h):
        # "24 hours ago" is the day before, "10 hours ago" the day before or the anchor day.
        hours = sign * n
        back = P.shift("day", ctx.anchor, sign * (n // 24))
        first, last = P.shift("day", ctx.anchor, hours // 24), P.shift("day", ctx.anchor, (hours + 23) // 24)
        return Found(P.day(back), extent=(first, last) if n < 24 * 7 else None)
    return Found(P.neighbour(unit, ctx.anchor, sign * n))


# "3 days ago", "two weeks ago", "a month ago", "five years earlier", "24 hours ago"
@rule("units_ago", rf"(?P<n>{NUMBER}) (?P<u>{UNIT}) (?:ago|earlier|before|back|previously)",
      ("3 days ago", "two weeks ago", "a month ago"), "the day, week, month or year that long before publication", tense="past")
def units_ago(m, ctx: Ctx) -> Found:
    unit = UNITS[m["u"]]
    n = number_value(m["n"]) * (2 if unit == "fortnight" else 1)
    return _units_from(ctx, n, "week" if unit == "fortnight" else unit, -1)


# "a year ago today", "six months ago today", "this day last year": that very day, N units back
# (relativedelta clamps: a year before 2020-02-29 is 2019-02-28)
@rule("ago_today", rf"(?:(?P<n>{NUMBER}) (?P<u>{UNIT}) ago today|this (?:day|date) last (?P<u2>week|month|year))",
      ("a year ago today", "this day last year"), "the same day that long before publication", tense="past")
def ago_today(m, ctx: Ctx) -> Found:
    unit = UNITS[m["u"] or m["u2"]]
    n = number_value(m["n"]) if m["n"] else 1
    unit, n = ("week", 2 * n) if unit == "fortnight" else (unit, n)
    if unit == "hour":
        raise ValueError("'N hours ago today' names no day")
    return Found(P.day(P.shift(unit, ctx.anchor, -n)))


# "two or three years ago", "two, maybe three years ago", "3-4 weeks ago": both periods and all between
@rule("range_ago", rf"(?P<n>{NUMBER})(?: ?- ?| (?:or |to |maybe |perhaps |possibly |or maybe |or perhaps )+)(?P<n2>{NUMBER}) (?P<u>{UNIT}) (?:ago|earlier|before|back)",
      ("two or three years ago", "two, maybe three years ago"), "from the farther to the nearer of the two times before publication", tense="past")
def range_ago(m, ctx: Ctx) -> Found:
    unit = UNITS[m["u"]]
    unit, factor = ("week", 2) if unit == "fortnight" else (unit, 1)
    near, far = sorted((number_value(m["n"]) * factor, number_value(m["n2"]) * factor))
    nearer, farther = _units_from(ctx, near, unit, -1).period, _units_from(ctx, far, unit, -1).period
    return Found(P.span(farther.start, nearer.end, f"{farther.timex}/{nearer.timex}"))


# "less than a week ago", "under two months ago": anchor - N units .. anchor
@rule("less_than_ago", rf"(?:less than|under|no more than|not more than|within the last) (?P<n>{NUMBER}) (?P<u>{UNIT}) (?:ago|earlier|before)",
      ("less than a week ago", "under two months ago"), "from that long before publication up to publication", tense="past")
def less_than_ago(m, ctx: Ctx) -> Found:
    unit, n = UNITS[m["u"]], number_value(m["n"])
    unit, n = ("week", 2 * n) if unit == "fortnight" else ("day", -(-n // 24)) if unit == "hour" else (unit, n)
    return Found(P.span(P.shift(unit, ctx.anchor, -n), ctx.anchor))


# "in 3 days", "in five years", "two weeks later", "a month from now"
@rule("units_later", rf"(?:in (?P<n>{NUMBER}) (?P<u>{UNIT})(?: time)?|(?P<n2>{NUMBER}) (?P<u2>{UNIT}) (?:later|from now|hence|after))",
      ("in five years", "two weeks later"), "the day, week, month or year that long after publication", tense="future",
      after_event=True)
def units_later(m, ctx: Ctx) -> Found:
    unit = UNITS[m["u"] or m["u2"]]
    n = number_value(m["n"] or m["n2"]) * (2 if unit == "fortnight" else 1)
    return _units_from(ctx, n, "week" if unit == "fortnight" else unit, 1)


# "within 24 hours", "in less than 24 hours", "within two weeks": anchor .. anchor + N
@rule("within_units", rf"(?:with)?in (?:(?:less than|under|no more than|the next) )?(?P<n>{NUMBER}) (?P<u>{UNIT})",
      ("in less than 24 hours", "within two weeks"), "from publication up to that long after it", tense="future",
      after_event=True)
def within_units(m, ctx: Ctx) -> Found:
    unit, n = UNITS[m["u"]], number_value(m["n"])
    if unit == "hour":
        end = P.shift("day", ctx.anchor, max(1, -(-n // 24)))
    else:
        end = P.shift("week" if unit == "fortnight" else unit, ctx.anchor, n * (2 if unit == "fortnight" else 1))
    return Found(P.span(ctx.anchor, end))


# "the past 3 days", "during the last 3 days", "over the past two weeks": anchor - N .. anchor
@rule("past_units", rf"(?:(?:in|during|over|for|within|throughout) )?{LAST} (?P<n>{NUMBER}) (?P<u>{UNIT})",
      ("during the last 3 days", "the past two weeks"), "the stretch of that length just before publication", tense="past")
def past_units(m, ctx: Ctx) -> Found:
    unit, n = UNITS[m["u"]], number_value(m["n"])
    if unit == "hour":
        start = P.shift("day", ctx.anchor, -max(1, -(-n // 24)))
    else:
        start = P.shift("week" if unit == "fortnight" else unit, ctx.anchor, -n * (2 if unit == "fortnight" else 1))
    return Found(P.span(start, ctx.anchor))


# "the next 3 days", "the coming two weeks": anchor .. anchor + N
@rule("next_units", rf"(?:(?:in|during|over|for|within) )?{NEXT} (?P<n>{NUMBER}) (?P<u>{UNIT})",
      "the next two weeks", "the stretch of that length just after publication", tense="future")
def next_units(m, ctx: Ctx) -> Found:
    return within_units.resolver(m, ctx)


# "earlier this year", "earlier in the month", "earlier this week": start of period .. anchor
@rule("earlier_this", rf"earlier (?:this|in the|in this|this past) {PERIOD_UNIT}", ("earlier this year", "earlier this month"),
      "from the start of the current period until publication", tense="past")
def earlier_this(m, ctx: Ctx) -> Found:
    whole = P.containing(m["unit"], ctx.anchor)
    return Found(whole, Mod.START, extent=(whole.start, ctx.anchor),
                 note=f"from the start of the {_kind(m['unit'])} of publication until publication")


# "later this year", "later this month": anchor .. end of period
@rule("later_this", rf"later (?:this|in the|in this) {PERIOD_UNIT}", "later this year", "from publication to the end of the current period",
      tense="future")
def later_this(m, ctx: Ctx) -> Found:
    whole = P.containing(m["unit"], ctx.anchor)
    return Found(whole, Mod.END, extent=(ctx.anchor, whole.end),
                 note=f"from publication to the end of the {_kind(m['unit'])} of publication")


def _month_near(ctx: Ctx, mon: int, shift_years: int | None) -> P.Period:
    if shift_years is not None:
        return P.month(ctx.anchor.year + shift_years, mon)
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    return P.month(years[pick([(date(y, mon, 1), P.month_end(y, mon)) for y in years], ctx)], mon)


# "January this year", "June last year", "March of next year"
@rule("month_rel_year", rf"(?P<mon>{MONTH}) (?:of )?(?P<rel>this|last|next) year", ("January this year", "June last year"),
      "that month in this, last or next year")
def month_rel_year(m, ctx: Ctx) -> Found:
    return Found(_month_near(ctx, month_value(m["mon"]), {"this": 0, "last": -1, "next": 1}[m["rel"]]))


# "last April", "this September", "next May", "this past June"
@rule("rel_month", rf"(?P<rel>last|this past|past|this|next|this coming|coming) (?P<mon>{MONTH})", ("last April", "this September"),
      "the named month before, in or after the year of publication")
def rel_month(m, ctx: Ctx) -> Found:
    mon, rel = month_value(m["mon"]), m["rel"]
    if rel == "this":
        return Found(P.month(ctx.anchor.year, mon))
    if rel in ("next", "this coming", "coming"):
        return Found(P.month(ctx.anchor.year + (mon <= ctx.anchor.month), mon))
    return Found(P.month(ctx.anchor.year - (mon >= ctx.anchor.month), mon))


# "May", "in May", "October": the most recent one (next one in future tense)
@rule("month", rf"(?P<mon>{MONTH})", ("in May", "October"), "the most recent such month")
def month(m, ctx: Ctx) -> Found:
    return Found(_month_near(ctx, month_value(m["mon"]), None))


# "this summer", "last fall", "this past spring", "the summer", "summer", "next winter", "the following spring"
@rule("season", rf"(?:(?P<rel>this past|this|last|past|next|this coming|coming|the following|following|the next) |the )?(?P<s>{SEASON})",
      ("last fall", "this summer"),
      "the named season nearest publication")
def season(m, ctx: Ctx) -> Found:
    code, start_month = SEASONS[m["s"]]
    options = [P.season(y, code, start_month) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    rel = m["rel"]
    if rel == "this":
        return Found(next((s for s in options if s.start <= ctx.anchor <= s.end), P.season(ctx.anchor.year, code, start_month)))
    if rel in ("last", "past", "this past"):
        return Found([s for s in options if s.end < ctx.anchor][-1])
    if rel in ("next", "coming", "this coming", "the following", "following", "the next"):
        return Found([s for s in options if s.start > ctx.anchor][0])
    return Found(most_recent(options, ctx))


RULES = [same_day, anaphoric_year, today, yesterday, day_before_yesterday, tomorrow, day_after_tomorrow, last_night, next_day, previous_day,
         weekday_of_week, before_last, day_of_month, last_weekday, next_weekday, this_weekday, weekday, weekend, the_period, mid_period, this_period, last_period, next_period,
         ago_today, range_ago, less_than_ago, units_ago, units_later, within_units, past_units, next_units, earlier_this, later_this,
         month_rel_year, rel_month, month, season]
