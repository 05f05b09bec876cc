"""Rules for a named part of another date phrase: "the first half of last year", "the third
quarter of next year", "the last quarter of 2019", "the first three months of 2020", "the
last day of February".

The inner phrase ("last year", "2019", "June") is read by the rest of the rule table, so
every period the table knows can be sliced.  Halves and quarters of a calendar year are
named periods of their own (TIMEX3 "2019-H1", "2019-Q4"); a half of anything else keeps
the inner period with mod START/END ("the last half of the '80s": value 198, mod END --
TimeBank) and is narrowed to that half.  "The first/last N units of" is a span; "the
first/second/last day, week or month of" is that one day, seven days or month.  Vague
parts ("the first days of", "the closing months of") are part words (``parts.csv``).
"""
from __future__ import annotations

from dataclasses import replace

from components.dates import periods as P
from components.dates.explain import period_words
from components.dates.model import Granularity, Mod
from components.dates.rules.base import Ctx, Found, rule
from components.dates.vocab import DECADE_WORD, MONTH, NUMBER, ORDINAL_WORD, SEASON, UNIT, UNITS, YEAR, alternation, number_value

# "the first week of", not "the first weeks of" (a vague part: ``parts.csv``)
ONE_UNIT = alternation(word for word, unit in UNITS.items() if word == unit)
# The periods that can be sliced, spelled as the other rules read them.  Spelled out rather
# than ".+" so that inside running text ("the first half of last year militias withdrew")
# the match ends where the period does.
_REL = r"(?:the|this|last|next|the previous|the past|the coming|the following|the current)"
SLICEABLE = (rf"(?:{_REL} (?:week|month|year)|(?:this|last|next|the past|the previous|the coming|the current) (?:decade|century)"
             rf"|(?:{MONTH})(?: (?:of )?{YEAR})?|{YEAR}|(?:the )?(?:(?:1\d|20)\d0'?s|'?\d0'?s|(?:nineteen |twenty )?{DECADE_WORD})"
             rf"|(?:the )?(?:{SEASON})(?: (?:of )?{YEAR})?|(?:the )?(?:[12]?\d(?:st|nd|rd|th)|{ORDINAL_WORD}) century)")
_PARTS = {"half": 2, "quarter": 4}
_INDEX = {"first": 1, "1st": 1, "opening": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_FROM_END = {"last", "final", "latter", "closing"}


# Periods split along calendar units, so that a half of the 1980s is five whole years, not 1826 days.
_WHOLE_UNITS = {Granularity.DECADE: ("year", 10), Granularity.CENTURY: ("year", 100), Granularity.HALF: ("month", 6),
                Granularity.QUARTER: ("month", 3), Granularity.SEASON: ("month", 3)}


def _nth_part(whole: P.Period, index: int, count: int) -> Found:
    if whole.granularity is Granularity.YEAR:
        y = whole.start.year
        return Found(P.half(y, index) if count == 2 else P.quarter(y, index))
    unit, length = _WHOLE_UNITS.get(whole.granularity, ("day", (whole.end - whole.start).days + 1))
    if length % count:
        unit, length = "day", (whole.end - whole.start).days + 1
    first = P.shift(unit, whole.start, length * (index - 1) // count)
    last = min(whole.end, P.shift("day", P.shift(unit, whole.start, length * index // count), -1))
    mod = Mod.START if index == 1 else Mod.END if index == count else Mod.MID
    return Found(whole, mod, extent=(first, last))


def _first_or_last(whole: P.Period, n: int, unit: str, from_end: bool) -> Found:
    """The first (or last) ``n`` units of ``whole``, as a span."""
    unit, n = ("week", 2 * n) if unit == "fortnight" else (unit, n)
    if from_end:
        first = max(whole.start, P.shift(unit, P.shift("day", whole.end, 1), -n))
        return Found(P.span(first, whole.end), extent=(first, whole.end))
    last = min(whole.end, P.shift("day", P.shift(unit, whole.start, n), -1))
    return Found(P.span(whole.start, last), extent=(whole.start, last))


def _one_unit(whole: P.Period, index: int, unit: str) -> Found:
    """The ``index``-th day/week/month of ``whole`` counted from its start (0: the last one).
    A week of a month is seven days from the 1st, 8th... or the last seven days
    (CONVENTIONS.md: "the last week of April" is 24-30 April)."""
    if index:
        first = P.shift(unit, whole.start, index - 1)
    else:
        first = max(whole.start, P.shift(unit, P.shift("day", whole.end, 1), -1))
    if first > whole.end:
        raise ValueError(f"{whole} has no {unit} number {index}")
    last = min(whole.end, P.shift("day", P.shift(unit, first, 1), -1))
    if unit == "day":
        return Found(P.day(first))
    if unit == "month" and first.day == 1:
        return Found(P.month(first.year, first.month))
    return Found(P.Period(first, last, Granularity.WEEK if unit == "week" else Granularity.SPAN, whole.timex))


# "the first half of last year", "the second half of the 1990s", "the third quarter of next year",
# "the last quarter of 2019", "the first three months of 2020", "the last two weeks of June",
# "the first week of the month", "the last day of 2019", "the second week of last month"
@rule("slice_of", rf"(?:the )?(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|last|final|latter|opening|closing)"
      rf" (?:(?P<part>half|quarter)|(?P<n>{NUMBER}) (?P<u>{UNIT})|(?P<one>{ONE_UNIT})) of (?P<rest>{SLICEABLE})",
      ("the first half of last year", "the third quarter of next year", "the first three months of 2020",
       "the last day of 2019"),
      "that part of the period the rest of the phrase names")
def slice_of(m, ctx: Ctx) -> Found:
    whole = ctx.inner_period(m["rest"])
    found = _slice(m, whole)
    part = m.string[m.start(): m.start("rest")].strip()
    if found.extent is None:      # a whole period of its own ("the first half of 2019"): named as such
        return found
    return replace(found, note=f"{'' if part.startswith('the ') else 'the '}{part} {period_words(whole)}")


def _slice(m, whole: P.Period) -> Found:
    which, from_end = m["which"], m["which"] in _FROM_END
    if m["part"]:
        count = _PARTS[m["part"]]
        index = count if from_end else _INDEX.get(which, 0)
        if not 1 <= index <= count:
            raise ValueError(f"a {m['part']} has no {which!r} part")
        return _nth_part(whole, index, count)
    unit = UNITS[m["u"] or m["one"]]
    if unit not in ("day", "week", "fortnight", "month", "year"):
        raise ValueError(f"cannot take {m['u'] or m['one']!r} of {m['rest']!r}")
    if m["one"] and unit != "fortnight":
        return _one_unit(whole, 0 if from_end else _INDEX[which], unit)
    if not from_end and _INDEX[which] != 1:
        raise ValueError(f"{which!r} N units of a period: only the first or the last")
    return _first_or_last(whole, number_value(m["n"]) if m["n"] else 1, unit, from_end)


RULES = [slice_of]
