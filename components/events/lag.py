"""Undated reports: the reporting lag, and the words of the text that narrow it.

An event the article *reports* (status ``reported``) without a date phrase happened
before the article told it, not on its publication days.  Its interval ends at the
latest publication day and starts ``lag`` days before the earliest one (default
``DEFAULT_LAG_DAYS``; the evidence is in data/README.md).  The quote can narrow it,
read in this order:

1. a vague span the date normalizer reads ("In *a recent* attack", "a few days ago",
   "currently") → that span, as for a date phrase;
2. "still" or the present progressive ("are distributing") → the publication window:
   it was going on when reported;
3. otherwise — the perfect ("has forced"), the past ("visited") or no tense cue at
   all — the reporting lag.

Rows of any other status keep their own handling (see ``dating``).  The cues of 2 and 3
are ``data/reporting_cues.csv`` (with examples); the irregular past forms ("took",
"withdrew") are the normalizer's past-tense cues.

>>> reading_of("the Russian forces are still roaming the city").kind
'window'
>>> lag_explanation(date(2020, 7, 5), date(2020, 7, 8), 21, "Iran-backed militias has forced troops")
"no date in the text; reported 2020-07-05..08, so it happened up to three weeks before → 2020-06-14..2020-07-08 (perfect tense: 'has forced')"
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from components import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_LAG_DAYS = 21            # "up to three weeks": data/README.md gives the evidence
MAX_LAG_DAYS = 365
LAG_RULE = "reporting_lag"       # the frame's ``rule`` for an interval the lag made
LAGGED_STATUSES = ("reported",)
LAG_ATTR = "reporting_lag_days"  # frame.attrs: the lag the frame's lag rows were dated with
CUES_FILE = "reporting_cues.csv"
READINGS = ("window", "lag")
_NUMBER_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the quote says about when: ``vague`` (a span the normalizer reads, ``cue`` is
    that text), ``window`` (going on when reported) or ``lag`` (before the report)."""

    kind: str
    cue: str = ""
    label: str = ""        # "present progressive", "past tense", ... ("" = no cue)


@dataclass(frozen=True, slots=True)
class _Cue:
    reading: str
    regex: re.Pattern
    label: str


def _words(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)


@functools.cache
def _cues() -> tuple[_Cue, ...]:
    """The cue table, then the normalizer's irregular past forms (read once)."""
    path = DATA_DIR / CUES_FILE
    cues = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, []) != ["reading", "pattern", "example"]:
            raise ValueError(f"{CUES_FILE}:1: header must be reading,pattern,example")
        for line, row in enumerate(reader, start=2):
            if len(row) != 3:
                raise ValueError(f"{CUES_FILE}:{line}: expected 3 fields, found {len(row)}")
            reading, pattern, example = row
            if reading not in READINGS:
                raise ValueError(f"{CUES_FILE}:{line}:reading: {reading!r} is not one of {READINGS}")
            regex = _words(pattern)
            if not regex.search(example):
                raise ValueError(f"{CUES_FILE}:{line}:example: {pattern!r} does not match its example")
            label = "still going on" if pattern == "still" else _label(reading, pattern)
            cues.append(_Cue(reading, regex, label))
    from components.dates.vocab import TENSE_CUES       # irregular past: "took", "withdrew"
    past = [c for c, d in TENSE_CUES.items() if d == "past" and c not in ("ago", "last")]
    cues.insert(len(cues) - 1, _Cue("lag", _words("|".join(map(re.escape, past))), "past tense"))
    return tuple(cues)


def _label(reading: str, pattern: str) -> str:
    if reading == "window":
        return "present progressive" if "ing" in pattern else "still going on"
    return "perfect tense" if pattern.startswith("(?:has|") else "past tense"


@functools.cache
def _vague_spans() -> re.Pattern:
    """The normalizer's vague spans that look back from or sit at publication."""
    from components.dates.rules.vague import RULES
    patterns = [rule.pattern for rule in RULES if rule.tense != "future" and not rule.after_event]
    return _words("|".join(f"(?:{p})" for p in patterns))


def reading_of(quote: str) -> Reading:
    """How an undated report's quote places it (see the module docstring for the order)."""
    text = " ".join(quote.split())
    vague = _vague_spans().search(text)
    if vague:
        return Reading("vague", vague.group(0), "vague span")
    for reading in ("window", "lag"):
        for cue in _cues():
            found = cue.regex.search(text) if cue.reading == reading else None
            if found:
                return Reading(reading, found.group(0), cue.label)
    return Reading("lag")


def window_text(first: date, last: date) -> str:
    """'2020-07-05..08', '2020-11-28..12-31', '2020-05-05' or the two full dates."""
    if first == last:
        return first.isoformat()
    if first.year != last.year:
        return f"{first}..{last}"
    tail = last.strftime("%d") if first.month == last.month else last.strftime("%m-%d")
    return f"{first}..{tail}"


def lag_words(days: int) -> str:
    """21 -> 'three weeks', 7 -> 'a week', 10 -> '10 days', 1 -> 'a day'."""
    weeks, rest = divmod(days, 7)
    if rest == 0 and 1 <= weeks < len(_NUMBER_WORDS):
        return "a week" if weeks == 1 else f"{_NUMBER_WORDS[weeks]} weeks"
    return "a day" if days == 1 else f"{days} days"


def lag_interval(first: date, last: date, days: int) -> tuple[date, date]:
    return first - timedelta(days=days), last


def lag_explanation(first: date, last: date, days: int, quote: str) -> str:
    """The plain-language derivation of a lag interval (publication window first..last)."""
    earliest, latest = lag_interval(first, last, days)
    reported = f"no date in the text; reported {window_text(first, last)}"
    if days == 0:
        how = f"{reported}, and the reporting lag is set to 0 days, so the publication days"
    else:
        how = f"{reported}, so it happened up to {lag_words(days)} before"
    reading = reading_of(quote)
    cue = f" ({reading.label}: '{reading.cue}')" if reading.kind == "lag" and reading.cue else ""
    return f"{how} → {earliest}..{latest}{cue}"


def window_explanation(first: date, last: date, reading: Reading) -> str:
    """The derivation of an undated report the text says was going on when reported."""
    return (f"no date in the text; '{reading.cue}' ({reading.label}) says it was going on when "
            f"reported, {window_text(first, last)} → {first}..{last}")


def frame_lag(frame: "pd.DataFrame") -> int | None:
    """The lag ``frame``'s lag rows were dated with (None: it has none)."""
    if LAG_ATTR in frame.attrs:
        return frame.attrs[LAG_ATTR]
    if "rule" not in frame.columns or frame.empty:
        return None
    rows = frame.index[frame["rule"].astype(str).to_numpy() == LAG_RULE]
    if not len(rows):
        return None
    row = frame.loc[rows[0]]
    return int((row["anchor_earliest"] - row["earliest"]).days)


def with_reporting_lag(frame: "pd.DataFrame", days: int) -> "pd.DataFrame":
    """``frame`` with its lag rows re-dated for a lag of ``days`` (the same frame when
    nothing changes).  Only rows the lag dated (rule ``reporting_lag``) move: their
    earliest/start, precision and explanation.  Overrides and phrases never do."""
    import pandas as pd
    from .schema import precision_of

    if not 0 <= days <= MAX_LAG_DAYS:
        raise ValueError(f"reporting lag must be 0..{MAX_LAG_DAYS} days: {days}")
    current = frame_lag(frame)
    if current is None or current == days:
        return frame
    out = frame.copy()
    rows = out["rule"].astype(str).to_numpy() == LAG_RULE
    first = out.loc[rows, "anchor_earliest"]
    last = out.loc[rows, "anchor_latest"]
    earliest = (first - pd.Timedelta(days=days)).astype(out["earliest"].dtype)
    out.loc[rows, "earliest"] = earliest
    out.loc[rows, "start"] = earliest
    out.loc[rows, "precision"] = [precision_of((hi - lo).days + 1) for lo, hi in zip(earliest, last)]
    out.loc[rows, "explanation"] = [
        lag_explanation(f.date(), l.date(), days, quote)
        for f, l, quote in zip(first, last, out.loc[rows, "quote"])]
    out.attrs = {**frame.attrs, LAG_ATTR: days}
    if "engine_key" in frame.attrs:
        out.attrs["engine_key"] = f"{frame.attrs['engine_key']}:lag={days}"
    return out
