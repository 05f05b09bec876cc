"""Plain-language derivations: how a date phrase became its interval, in one English line.

    'since 2017' in an article published 2020-05-05 → from the start of the year 2017
    until publication → 2017-01-01..2020-05-05

phrase → anchor → what the words were read as (the rule's plain description, the named
period in words, the modifier in words) → earliest..latest.  No internal tokens, no
offsets, no file names: an analyst who never saw the code follows it.  The period is
named only as what it is ("the year 2017", "the week 22 to 28 June 2020"); when a modifier,
a vague span or the publication narrows it, the words say so, so a grain word never
labels an interval of another length.
"""
from __future__ import annotations

from datetime import date

from .model import Granularity, Mod
from .periods import Period

G = Granularity
ANCHOR_WORDS = "in an article published"   # how an explanation names its anchor
REFERENCE = "publication"                  # the anchor's name inside the reading (events.dating renames it)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
GRAIN_WORDS = {G.DAY: "day", G.WEEKEND: "weekend", G.WEEK: "week", G.MONTH: "month", G.QUARTER: "quarter",
               G.HALF: "half-year", G.SEASON: "season", G.YEAR: "year", G.DECADE: "decade",
               G.CENTURY: "century", G.SPAN: "span"}


def day_words(d: date) -> str:
    """'6 July 2020'."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def days_words(start: date, end: date) -> str:
    """'22 to 28 June 2020', '29 June to 5 July 2020', '30 December 2019 to 5 January 2020'."""
    if start == end:
        return day_words(start)
    if start.year != end.year:
        return f"{day_words(start)} to {day_words(end)}"
    if start.month != end.month:
        return f"{start.day} {_MONTHS[start.month - 1]} to {day_words(end)}"
    return f"{start.day} to {day_words(end)}"


def _ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _season_words(period: Period) -> str:
    start, end = period.start, period.end
    name = _SEASONS.get(period.timex[-2:], "season")
    years = f"{start.year}/{str(end.year)[-2:]}" if end.year != start.year else str(start.year)
    return f"the {name} of {years} ({_MONTHS[start.month - 1]} to {_MONTHS[end.month - 1]})"


def _century_words(period: Period) -> str:
    n = period.start.year // 100 + 1
    return f"the {n}{_ordinal_suffix(n)} century"


def _span_words(period: Period) -> str:
    return f"the days {days_words(period.start, period.end)}"


_PERIOD_WORDS = {   # granularity -> the period named as a reader would
    G.DAY: lambda p: day_words(p.start),
    G.WEEK: lambda p: f"the week {days_words(p.start, p.end)}" if (p.end - p.start).days == 6 else _span_words(p),
    G.WEEKEND: lambda p: f"the weekend {days_words(p.start, p.end)}",
    G.MONTH: lambda p: f"{_MONTHS[p.start.month - 1]} {p.start.year}",
    G.QUARTER: lambda p: f"the {_ORDINAL[(p.start.month - 1) // 3 + 1]} quarter of {p.start.year}",
    G.HALF: lambda p: f"the {_ORDINAL[1 if p.start.month <= 6 else 2]} half of {p.start.year}",
    G.SEASON: _season_words,
    G.YEAR: lambda p: f"the year {p.start.year}",
    G.DECADE: lambda p: f"the {p.start.year}s",
    G.CENTURY: _century_words,
}


def period_words(period: Period) -> str:
    """A calendar period named as a reader would: 'the year 2017', 'July 2020', 'the 1990s'."""
    return _PERIOD_WORDS.get(period.granularity, _span_words)(period)


_MODIFIED = {   # modifier -> (words, words for a span) around the period's words ``{core}``
    Mod.START: ("the early part of {core}",) * 2,
    Mod.MID: ("the middle part of {core}",) * 2,
    Mod.END: ("the late part of {core}",) * 2,
    Mod.APPROX: ("about {core}, give or take half a {unit}", "about {core}, give or take half as long"),
    Mod.BEFORE: ("the {unit} just before {core}", "a stretch as long as {core} just before it"),
}


def modified(core: str, mod: Mod, grain: Granularity, future: bool) -> str:
    """``core`` (words for a period) narrowed, widened or opened by ``mod``, in words."""
    unit = GRAIN_WORDS[grain]
    words = _MODIFIED.get(mod)
    if words is not None:
        return words[grain is G.SPAN].format(core=core, unit=unit)
    if mod is Mod.AFTER:
        return f"the {unit} just after {core}" if future else f"after {core}, until {REFERENCE}"
    if mod is Mod.ON_OR_AFTER:
        return f"{core} onwards" if future else f"from the start of {core} until {REFERENCE}"
    return core


def reading(describe: str, periods: tuple[Period, ...], mods: list[Mod], *, absolute: bool, extent: bool,
            future: bool, ambiguous: bool, clipped: bool, anchor_last: date) -> str:
    """What the words were read as, in one clause.

    ``describe`` is the rule's plain description; ``periods`` the named period at each end of
    the publication window (one if both agree); ``mods`` the modifiers from the outermost in;
    ``extent`` when the rule set the bounds itself (vague spans, "earlier this year");
    ``ambiguous`` when the sentence's tense chose between the past and the coming one;
    ``clipped`` when a past-tense report was cut at publication."""
    if extent:
        core = describe
    else:
        named = period_words(periods[0]) if len(periods) == 1 else " or ".join(dict.fromkeys(map(period_words, periods)))
        core = f"{describe}: {named}" if not absolute and not mods else named
    grain = periods[0].granularity
    for mod in reversed(mods):
        core = modified(core, mod, grain, future)
    if mods and not absolute and not extent:
        core = f"{describe}: {core}"
    if ambiguous and describe.startswith("the most recent such") and periods[0].start > anchor_last:
        core += (", the coming one as the sentence speaks of the future" if future
                 else ", the coming one as the last one lies more than eight months back")
    if clipped:
        core += f", up to {REFERENCE}"
    return core


def explain(text: str, anchor: str, how: str, bounds: str) -> str:
    """The one-line derivation: phrase → anchor → reading → earliest..latest."""
    return f"{text.strip()!r} {ANCHOR_WORDS} {anchor} → {how} → {bounds}"


def offset_words(amount: int, unit: str) -> str:
    """(-10, 'd') -> '10 days before publication'; (0, 'd') -> 'publication'."""
    if amount == 0:
        return REFERENCE
    names = {"d": "day", "w": "week", "m": "month", "y": "year"}
    n = abs(amount)
    return f"{n} {names[unit]}{'s' if n != 1 else ''} {'before' if amount < 0 else 'after'} {REFERENCE}"
