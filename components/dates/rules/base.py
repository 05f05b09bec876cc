"""The pieces every rule table is built from: ``Rule``, ``Ctx`` (what a resolver sees) and
``Found`` (what it returns: a named period plus, optionally, a modifier or explicit bounds).

A resolver is a pure ``(match, ctx) -> Found`` of a few lines.  It never looks at today's
date: ``ctx.anchor`` is one day of the article's publication window (the normalizer calls
it once per end of the window and takes the union).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Callable

from components.dates.model import Mod
from components.dates.periods import Period
from components.dates.rules.compiled import compile_pattern


class Ctx:
    """What a resolver sees: one anchor day, the sentence and, on demand, its tense.

    ``tense`` is "past", "future" or None (no cue).  It is either given or computed by
    ``infer`` the first time a resolver (or the past-clip) asks for it, so rules whose
    reading does not depend on the direction never pay for reading the sentence.
    """

    __slots__ = ("anchor", "context", "_tense", "_infer", "_inner")

    def __init__(self, anchor: date, future: bool | None = None, context: str = "", tense_known: bool = True,
                 *, infer: Callable[[], str | None] | None = None,
                 inner: Callable[[str, "Ctx"], Period] | None = None) -> None:
        self.anchor, self.context, self._infer, self._inner = anchor, context, infer, inner
        self._tense = _UNSET if infer else ("future" if future else "past" if tense_known else None)

    @property
    def tense(self) -> str | None:
        if self._tense is _UNSET:
            self._tense = self._infer()
        return self._tense

    @classmethod
    def deferred(cls, anchor: date, context: str, infer: Callable[[], str | None],
                 inner: Callable[[str, "Ctx"], Period]) -> "Ctx":
        """``Ctx(anchor, context=context, infer=infer, inner=inner)``, the normalizer's case,
        without the keyword handling (built once or twice per phrase)."""
        ctx = _NEW(cls)
        ctx.anchor, ctx.context, ctx._tense, ctx._infer, ctx._inner = anchor, context, _UNSET, infer, inner
        return ctx

    def inner_period(self, text: str) -> Period:
        """The period the whole rule table reads ``text`` as, at this anchor ("the first half
        of *last year*").  The normalizer hands the table in, so a rule module never imports
        the table that contains it."""
        if self._inner is None:
            raise ValueError(f"no rule table to read {text!r} with")
        return self._inner(text, self)

    @property
    def future(self) -> bool:
        """Direction for ambiguous phrases ("on Saturday", "in May"): past unless a cue says future."""
        return self.tense == "future"

    @property
    def tense_known(self) -> bool:
        """False when neither the words, the caller nor the sentence gave a tense."""
        return self.tense is not None


_UNSET = object()
_NEW = object.__new__


@dataclass(frozen=True, slots=True, init=False)
class Found:
    """A resolver's answer.

    ``extent`` overrides the modifier arithmetic when a rule knows the honest bounds
    itself (vague spans, "earlier this year" = start of the year .. anchor, "last night").
    Built once per phrase, so ``__init__`` sets each slot by its own setter (as ``Period``).
    """

    period: Period
    mod: Mod = Mod.NONE
    extent: tuple[date, date] | None = None
    note: str = ""      # how the rule read it, for the explanation ("previous ISO week")

    def __init__(self, period: Period, mod: Mod = Mod.NONE, extent: tuple[date, date] | None = None,
                 note: str = "") -> None:
        _SET_PERIOD(self, period)
        _SET_MOD(self, mod)
        _SET_EXTENT(self, extent)
        _SET_NOTE(self, note)


_SET_PERIOD, _SET_MOD, _SET_EXTENT, _SET_NOTE = (Found.__dict__[name].__set__ for name in ("period", "mod", "extent", "note"))


Resolver = Callable[[re.Match, Ctx], Found]


@dataclass(frozen=True)
class Rule:
    """One entry of a rule table: a name, a regex over the cleaned phrase, a resolver.

    ``tense`` is "past"/"future" when the words themselves fix the direction
    ("3 days ago", "next week"), None when the context's tense decides.
    ``relative`` is False for absolute dates (their period never depends on the anchor).
    ``after_event`` marks phrases that count forward from an event the text has just told
    ("two days later", "within hours", "the following day"): in a past-tense sentence that
    event, not the publication, is the anchor, so they are refused unless the caller gives
    the direction (an events.csv row anchored on that event does).
    """

    name: str
    pattern: str
    resolver: Resolver
    examples: tuple[str, ...]
    describe: str
    tense: str | None = None
    relative: bool = True
    after_event: bool = False

    @cached_property
    def regex(self) -> re.Pattern:
        """The compiled pattern, on first use (from the table's cache: ``rules.compiled``)."""
        return compile_pattern(self.pattern)

    @property
    def finder_pattern(self) -> str:
        return rf"(?<![\w'-])(?:{self.pattern})(?![\w-])"

    @cached_property
    def finder(self) -> re.Pattern:
        """The pattern for running text: starting and ending on word boundaries."""
        return compile_pattern(self.finder_pattern)

    def __str__(self) -> str:
        return self.name


def rule(name: str, pattern: str, examples: tuple[str, ...] | str, describe: str, *,
         tense: str | None = None, relative: bool = True, after_event: bool = False) -> Callable[[Resolver], Rule]:
    """Decorator: ``@rule("yesterday", r"yesterday", "yesterday", "anchor - 1 day")``."""
    examples = (examples,) if isinstance(examples, str) else tuple(examples)

    def wrap(resolver: Resolver) -> Rule:
        return Rule(name, pattern, resolver, examples, describe, tense, relative, after_event)

    return wrap


class LazyPattern:
    """A regex compiled on first use (module-level patterns that many runs never need).

    The first call compiles the pattern and stores its bound methods in the slots, so
    later calls are plain attribute reads (no ``__getattr__`` on the hot path)."""

    __slots__ = ("source", "flags", "_compiled", "search", "fullmatch", "match", "finditer", "findall", "sub")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags, self._compiled = source, flags, None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = compiled = re.compile(self.source, self.flags)
            self.search, self.fullmatch, self.match = compiled.search, compiled.fullmatch, compiled.match
            self.finditer, self.findall, self.sub = compiled.finditer, compiled.findall, compiled.sub
        return getattr(self._compiled, name)


FAR_DAYS = 240  # a yearless date this far back, with no tense cue, is more likely the coming one


def most_recent(candidates, ctx: Ctx):
    """Pick from periods sorted by start: the last one starting on or before the anchor
    (past) or the first one ending on or after it (future).

    With no tense cue at all, a writer who leaves out the year means a date within a few
    months of publication: when the most recent candidate lies more than ``FAR_DAYS``
    back and the next one is nearer, the next one is taken ("effective Feb. 1" in late
    October).  Any past-tense cue in the clause keeps the most recent one."""
    candidates = list(candidates)
    return candidates[pick([(c.start, c.end) for c in candidates], ctx)]


def pick(spans: list[tuple[date, date]], ctx: Ctx) -> int:
    """``most_recent`` on bare (start, end) pairs sorted by start: the index chosen."""
    anchor = ctx.anchor
    if ctx.future:
        return next((i for i, (_, end) in enumerate(spans) if end >= anchor), len(spans) - 1)
    past = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] <= anchor), 0)
    if not ctx.tense_known and (anchor - spans[past][1]).days > FAR_DAYS:
        coming = next((i for i, (start, _) in enumerate(spans) if start > anchor), None)
        if coming is not None and (spans[coming][0] - anchor) < (anchor - spans[past][1]):
            return coming
    return past
