"""Rules for quarters, halves and years as business and news reports use them.

Conventions (TimeBank's, written down in CONVENTIONS.md):
* "the third quarter" without a year is the most recent third quarter that has begun on
  or before the anchor (the next one in future tense);
* "the latest quarter", "the quarter", "last quarter" is the last *completed* quarter;
* "the year-ago quarter", "the year-earlier period" is that quarter one year back, and so
  is "a year ago/earlier" when the sentence is about quarterly results;
* "the year", "the full year", "the current fiscal year" is the anchor's year;
* "year-end" is the accounting date 31 December; "year end", "year's end" the end of the year.
"""
from __future__ import annotations

import re
from datetime import date

from components.dates import periods as P
from components.dates.model import Mod
from components.dates.rules.base import Ctx, Found, most_recent, rule
from components.dates.vocab import YEAR, ordinal_value, year_value

ORD4 = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
DET = r"(?:(?:the|its|their|a|an|his|her|our) )?"
YEAR_AGO = r"(?:year[ -]ago|year[ -]earlier|prior[ -]year|previous[ -]year's|last[ -]year's|a year ago|a year earlier)"
QUARTER_CONTEXT = re.compile(r"\bquarter|\bthree months|\bq[1-4]\b|\bcents? a share|\bnet (?:income|loss|profit|was|rose|fell)|\bearnings\b|\bnet\b|\brevenues?\b")
WHOLE_YEAR_CONTEXT = re.compile(r"\b(?:nine|six|twelve) months|\bfull year|\bfor the year|\bfiscal year|\bannual")


def _latest_quarter(anchor: date, years_back: int = 0) -> P.Period:
    """The last quarter completed by the anchor, ``years_back`` years earlier."""
    q = (anchor.month - 1) // 3  # the current quarter's number minus one
    year = anchor.year if q else anchor.year - 1
    return P.quarter(year - years_back, q or 4)


def _named_quarter(ctx: Ctx, q: int, year_shift: int | None = None) -> P.Period:
    """Past: the latest such quarter begun by the anchor.  Future: the nearest one -- results
    for a quarter that just ended are still "expected to be reported"."""
    if year_shift is not None:
        return P.quarter(ctx.anchor.year + year_shift, q)
    anchor = ctx.anchor
    if ctx.future:
        options = [P.quarter(y, q) for y in range(anchor.year - 1, anchor.year + 2)]
        return min(options, key=lambda p: max((p.start - anchor).days, (anchor - p.end).days, 0))
    return P.quarter(anchor.year if date(anchor.year, 3 * q - 2, 1) <= anchor else anchor.year - 1, q)


def _quarterly(ctx: Ctx) -> bool:
    return bool(QUARTER_CONTEXT.search(ctx.context)) and not WHOLE_YEAR_CONTEXT.search(ctx.context)


# "the third quarter", "third-quarter", "its fiscal fourth quarter", "fiscal second-quarter", "Q3"
@rule("quarter", rf"{DET}(?:fiscal[ -])?(?P<q>{ORD4})[ -](?:fiscal[ -])?quarter(?:'s)?|q(?P<q2>[1-4])",
      ("the third quarter", "third-quarter", "Q3"), "the most recent such quarter")
def quarter(m, ctx: Ctx) -> Found:
    return Found(_named_quarter(ctx, ordinal_value(m["q"] or m["q2"])))


# "this year's third quarter", "next year's first quarter", "last year's fourth quarter"
@rule("rel_year_quarter", rf"(?P<rel>this|last|next) year's (?:fiscal )?(?P<q>{ORD4})[ -]quarter",
      ("this year's third quarter", "next year's first quarter"), "that quarter of this, last or next year")
def rel_year_quarter(m, ctx: Ctx) -> Found:
    return Found(_named_quarter(ctx, ordinal_value(m["q"]), {"this": 0, "last": -1, "next": 1}[m["rel"]]))


# "the year-ago quarter", "the year-earlier third quarter", "last year's quarter", "the quarter a year ago",
# "the corresponding period last year", "the comparable year-ago period"
@rule("year_ago_quarter",
      rf"{DET}(?:(?:comparable|corresponding|same) )?(?:{YEAR_AGO} (?:(?P<q>{ORD4}) )?(?:fiscal )?(?:quarter|period)"
      rf"|(?:quarter|period) (?:a year (?:ago|earlier)|last year)|(?:comparable|corresponding|same) (?:quarter|period) (?:a year (?:ago|earlier)|last year))",
      ("the year-ago quarter", "the corresponding period last year"), "the same quarter a year before the latest one",
      tense="past")
def year_ago_quarter(m, ctx: Ctx) -> Found:
    if m["q"]:
        return Found(P.quarter(ctx.anchor.year - 1, ordinal_value(m["q"])))
    return Found(_latest_quarter(ctx.anchor, years_back=1))


# "a year ago", "a year earlier", "year-earlier", "year-ago" (quarter if the sentence is about a quarter)
@rule("year_ago", rf"(?:{YEAR_AGO}|year[ -]ago|year[ -]earlier)", ("a year ago", "year-earlier"),
      "one year before publication", tense="past")
def year_ago(m, ctx: Ctx) -> Found:
    if _quarterly(ctx):
        return Found(_latest_quarter(ctx.anchor, years_back=1), note="the same quarter a year before the latest one")
    return Found(P.year(ctx.anchor.year - 1))


# "the latest quarter", "the quarter", "last quarter", "the most recent quarter", "the latest period"
@rule("latest_quarter", rf"{DET}(?:(?:latest|last|most recent|past|previous|recent|just-ended|just ended) )?(?:fiscal )?quarter"
      r"|(?:the )?(?:latest|most recent) (?:period|reporting period)", ("the latest quarter", "the quarter"),
      "the last quarter completed by publication", tense="past")
def latest_quarter(m, ctx: Ctx) -> Found:
    return Found(_latest_quarter(ctx.anchor))


# "the 1988 quarter", "the 1989 period"
@rule("year_period", rf"(?:the )?(?P<y>{YEAR}) (?P<what>quarter|period)", ("the 1988 quarter", "the 1988 period"),
      "that year's counterpart of the latest quarter, or the year itself", relative=True)
def year_period(m, ctx: Ctx) -> Found:
    y = year_value(m["y"])
    if m["what"] == "quarter" or _quarterly(ctx):
        latest = _latest_quarter(ctx.anchor)
        return Found(P.quarter(y, (latest.start.month - 1) // 3 + 1))
    return Found(P.year(y))


# "the first half", "the second half of the year", "the second half of this year"
@rule("half", rf"{DET}(?P<h>first|second|last|latter) half(?: of (?:the|this) year)?", ("the first half", "the second half of the year"),
      "the most recent such half-year")
def half(m, ctx: Ctx) -> Found:
    h = 1 if m["h"] == "first" else 2
    return Found(most_recent((P.half(y, h) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)), ctx))


# "the year", "the full year", "the current fiscal year", "the fiscal year", "the calendar year"
@rule("the_year", r"(?:the )?(?:(?:full|current|fiscal|calendar|financial|whole|entire|present) )*year",
      ("the year", "the current fiscal year"), "the year of publication")
def the_year(m, ctx: Ctx) -> Found:
    return Found(P.year(ctx.anchor.year))


# "the latest fiscal year", "the previous fiscal year", "last fiscal year", "the prior year"
@rule("prior_year", r"(?:the )?(?:latest|last|previous|prior|past) (?:fiscal|financial|full) year|(?:the )?prior year",
      "the latest fiscal year", "the year before publication", tense="past")
def prior_year(m, ctx: Ctx) -> Found:
    return Found(P.year(ctx.anchor.year - 1))


# "next fiscal year", "the coming fiscal year"
@rule("next_fiscal_year", r"(?:the )?(?:next|coming) (?:fiscal|financial) year", "next fiscal year", "the year after publication", tense="future")
def next_fiscal_year(m, ctx: Ctx) -> Found:
    return Found(P.year(ctx.anchor.year + 1))


# "year-end": the accounting date 31 December (last one in past tense, this year's in future)
@rule("year_end_day", r"(?:the )?year-end", "by year-end", "the last day of the year")
def year_end_day(m, ctx: Ctx) -> Found:
    ends = (P.day(date(y, 12, 31)) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 1))
    return Found(most_recent(ends, ctx))


# "year end", "year's end", "the end of the year" (END of the anchor's year)
@rule("year_end", r"(?:the )?(?:year end|year's end|end of (?:the|this) year)", ("year end", "year's end"),
      "the end of the year of publication")
def year_end(m, ctx: Ctx) -> Found:
    return Found(P.year(ctx.anchor.year), Mod.END)


RULES = [rel_year_quarter, year_ago_quarter, quarter, year_ago, latest_quarter, year_period, half,
         prior_year, next_fiscal_year, the_year, year_end_day, year_end]
