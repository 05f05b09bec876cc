"""The value type every date phrase resolves to (also the JSON shape of the CLI).

Two intervals per phrase (see ``../shared/benchmarks/CONVENTIONS.md``):

* ``start``/``end`` -- the calendar period the phrase *names*, at its granularity,
  before any modifier (TIMEX3 ``value`` read as a period).  "late 2017" names
  2017-01-01..2017-12-31.
* ``earliest``/``latest`` -- the honest bounds on when the thing happened: the
  period narrowed by the modifier, widened by an uncertain anchor (publication
  window) and, for a past-tense report, clipped so it never ends after the anchor.
  "late 2017" -> 2017-09-01..2017-12-31.

All bounds are inclusive calendar days.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from enum import Enum


class Granularity(str, Enum):
    DAY = "day"
    WEEKEND = "weekend"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    SPAN = "span"


class Mod(str, Enum):
    NONE = ""
    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"
    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON_OR_AFTER = "ON_OR_AFTER"


@dataclass(frozen=True, slots=True)
class Anchor:
    """The reference time: one day, or a window known only to lie between two days."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"anchor ends before it starts: {self.first}/{self.last}")

    @classmethod
    def of(cls, value: "Anchor | date | tuple[date, date] | str") -> "Anchor":
        """Accept an Anchor, a date, a (first, last) pair or 'YYYY-MM-DD[/YYYY-MM-DD]'."""
        if isinstance(value, Anchor):
            return value
        if isinstance(value, date):
            return cls(value, value)
        if isinstance(value, tuple):
            return cls(value[0], value[1])
        if isinstance(value, str):
            return _parsed_anchor(value)
        raise TypeError(f"not an anchor: {value!r}")

    def __str__(self) -> str:
        first = self.first.isoformat()
        return first if self.first == self.last else f"{first}/{self.last.isoformat()}"


@lru_cache(maxsize=512)
def _parsed_anchor(value: str) -> Anchor:
    """'YYYY-MM-DD[/YYYY-MM-DD]' parsed once per distinct string (a batch repeats a few
    publication dates many times); raises ValueError like ``date.fromisoformat``."""
    first, _, last = value.strip().partition("/")
    d1 = date.fromisoformat(first.strip())
    return Anchor(d1, date.fromisoformat(last.strip()) if last else d1)


def iso_day(day: date) -> str:
    """``day.isoformat()``, each calendar day formatted once per process.  The answers of a
    batch name the same days over and over (the days around its publication dates), and
    ``isoformat`` goes through C ``sprintf``: a twentieth of a phrase's whole reading.
    Keyed by the day only -- never by a phrase or its reading; bounded (``_ISO_DAYS_MAX``)."""
    text = _ISO_DAYS.get(day)
    if text is None:
        if len(_ISO_DAYS) >= _ISO_DAYS_MAX:
            _ISO_DAYS.clear()
        text = _ISO_DAYS[day] = day.isoformat()
    return text


_ISO_DAYS: dict[date, str] = {}
_ISO_DAYS_MAX = 4096


@dataclass(frozen=True, slots=True, kw_only=True)
class DateResult:
    """What is known about the date a phrase refers to.

    ``resolved`` is False (with ``error`` set and every date None) when the phrase
    could not be read; the normalizer never raises and never guesses.
    """

    text: str
    anchor: str                      # "2020-07-06" or "2020-07-05/2020-07-08"
    resolved: bool
    start: date | None = None        # named period, before the modifier (inclusive)
    end: date | None = None
    granularity: Granularity | None = None
    mod: Mod = Mod.NONE
    earliest: date | None = None     # honest bounds after modifier, anchor window, past-clip
    latest: date | None = None
    timex: str = ""                  # TIMEX3 value: "2020-W27", "2017", "PAST_REF"
    edtf: str = ""                   # EDTF interval for earliest/latest: "2017-09-01/2017-12-31"
    rule: str = ""                   # name of the rule that matched
    explanation: str = ""            # plain English: phrase -> anchor -> reading -> interval
    error: str = ""                  # why, when not resolved
    direction: str = ""              # "past"/"future": how an ambiguous phrase was read

    def __post_init__(self) -> None:
        if self.resolved:
            if self.start is None or self.end is None or self.earliest is None or self.latest is None \
                    or self.granularity is None:
                raise ValueError(f"resolved result for {self.text!r} lacks a bound")
            if self.end < self.start or self.latest < self.earliest:
                raise ValueError(f"interval ends before it starts for {self.text!r}: {self}")
        elif not self.error:
            raise ValueError(f"unresolved result for {self.text!r} needs an error")

    def __str__(self) -> str:
        if not self.resolved:
            return f"unresolved: {self.error}"
        mod = f" {self.mod.value}" if self.mod is not Mod.NONE else ""
        return f"{self.earliest}..{self.latest} [{self.granularity.value}{mod}]"

    def derivation(self) -> str:
        """The explanation, or why the phrase is not dated."""
        return self.explanation if self.resolved else f"{self.text.strip()!r} not dated: {self.error}"

    def bounds_iso(self) -> tuple[str, str]:
        """(earliest, latest) as ISO dates, or empty strings when unresolved."""
        return (self.earliest.isoformat(), self.latest.isoformat()) if self.resolved else ("", "")

    def to_dict(self) -> dict:
        """JSON-ready dict: dates as ISO strings, enums as their values."""
        out = {name: getattr(self, name) for name in _FIELDS}   # flat: no asdict deep copy
        for key in _DATE_FIELDS:
            if out[key] is not None:
                out[key] = out[key].isoformat()
        if out["granularity"] is not None:
            out["granularity"] = out["granularity"].value
        out["mod"] = out["mod"].value
        return out

    def to_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, the same text, written directly
        for a resolved result (the batch command's hot path: four times faster)."""
        if not self.resolved:
            return _ENCODE(self.to_dict())
        q = _QUOTE
        # A date equal to one already written reuses its text (isoformat is a tenth of this
        # method; most results repeat their start or end as earliest/latest).
        start, end, earliest, latest = self.start, self.end, self.earliest, self.latest
        start_iso = iso_day(start)
        end_iso = start_iso if end == start else iso_day(end)
        earliest_iso = start_iso if earliest == start else end_iso if earliest == end else iso_day(earliest)
        latest_iso = end_iso if latest == end else earliest_iso if latest == earliest else iso_day(latest)
        return (f'{{"text": {q(self.text)}, "anchor": {q(self.anchor)}, "resolved": true, '
                f'"start": "{start_iso}", "end": "{end_iso}", '
                f'"granularity": {_ENUM_JSON[self.granularity]}, "mod": {_ENUM_JSON[self.mod]}, '
                f'"earliest": "{earliest_iso}", "latest": "{latest_iso}", '
                f'"timex": {q(self.timex)}, "edtf": {q(self.edtf)}, "rule": {q(self.rule)}, '
                f'"explanation": {q(self.explanation)}, "error": {q(self.error)}, "direction": {q(self.direction)}}}')


_FIELDS = tuple(f.name for f in fields(DateResult))
_DATE_FIELDS = ("start", "end", "earliest", "latest")
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_QUOTE = json.encoder.encode_basestring          # a JSON string literal, non-ASCII kept (the C one)
_ENUM_JSON = {member: _QUOTE(member.value) for enum in (Granularity, Mod) for member in enum}


class _Filling:
    """``DateResult``'s slots, writable: a result is filled here, then becomes a
    ``DateResult`` (same slots, same layout, so ``__class__`` may be switched) and is
    frozen from then on.  Plain slot stores cost a tenth of ``object.__setattr__``."""

    __slots__ = _FIELDS


def resolved_result(text: str, anchor: str, start: date, end: date, granularity: Granularity, mod: Mod,
                    earliest: date, latest: date, timex: str, edtf: str, rule: str, explanation: str,
                    direction: str) -> DateResult:
    """``DateResult(resolved=True, ...)`` with the same checks, filled slot by slot (the
    keyword ``__init__`` of a frozen dataclass, one ``object.__setattr__`` per field, costs
    a twentieth of a phrase's whole reading).  A result that fails a check is built the
    ordinary way, so it raises the ordinary error."""
    if start is None or end is None or earliest is None or latest is None or granularity is None \
            or end < start or latest < earliest:
        return DateResult(text=text, anchor=anchor, resolved=True, start=start, end=end, granularity=granularity,
                          mod=mod, earliest=earliest, latest=latest, timex=timex, edtf=edtf, rule=rule,
                          explanation=explanation, direction=direction)
    result = _Filling()
    result.text, result.anchor, result.resolved, result.start, result.end = text, anchor, True, start, end
    result.granularity, result.mod, result.earliest, result.latest = granularity, mod, earliest, latest
    result.timex, result.edtf, result.rule, result.explanation = timex, edtf, rule, explanation
    result.error, result.direction = "", direction
    result.__class__ = DateResult
    return result
