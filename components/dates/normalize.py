"""``normalize_date``: a news date phrase + an anchor (+ its sentence) -> ``DateResult``.

Steps, each in one place:

1. ``clean`` the phrase (lowercase, single spaces, no commas/brackets, no dot after a word);
   refuse empty or over-long input (``MAX_CHARS``) with an error, never an exception.
2. ``read``: the first rule whose pattern matches the whole phrase; failing that, peel one
   wrapper at a time and retry -- clock times ("at 3 a.m."), approximators ("about"), part
   words ("early", "the end of"), "since", "before"/"after", prepositions, times of day,
   "or so", "and beyond";
   failing that (phrases up to ``MAX_COMPOUND`` characters), the phrase completed by its
   neighbour word in the sentence ("five years" in "redeemed in five years"), a range
   ("from March to May 2019", both sides read on their own), the longest rule match
   *inside* the phrase ("Today, on Saturday (October 6)") as long as no number and no
   word that moves the period ("following", "last", "since"...) is left over.  Peeling is bounded (``MAX_PEELS`` deep, ``MAX_READS`` lookups), so hostile
   input costs milliseconds.
3. Direction: the rule's own words ("ago", "next") decide; otherwise ``direction`` if
   given; otherwise the clause around the phrase (``infer_tense``): future on a future
   cue ("will", "is expected to", "of record"... ``data/vocab/tense_cues.csv``), past on
   a past cue, unknown otherwise (past, except that a yearless date more than 240 days
   back is taken as the coming one: ``rules.base.most_recent``).  It is read only if a
   rule or the past-clip needs it.
4. Resolve against the anchor's first and last day; for each, ``apply_modifier`` narrows
   (START/MID/END), widens (APPROX) or opens (BEFORE/AFTER/ON_OR_AFTER) the period into
   earliest/latest, and a past-tense result is clipped so it never ends after the anchor.
   The union over both anchor days is returned.

Example: "last week", anchor 2020-07-05/2020-07-08 -> start 2020-06-22, end 2020-07-05
(ISO weeks 26 and 27, one per anchor day), granularity week.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from .arabic import ARABIC_LETTER
from .model import Anchor, DateResult, Granularity, Mod, iso_day, resolved_result
from .explain import ANCHOR_WORDS, explain, reading  # noqa: F401  (ANCHOR_WORDS: re-exported)
from .modifiers import apply_modifier
from .periods import Period
from .rules.base import Ctx, Found, LazyPattern, Rule
from .rules import RULES_BY_NAME, find_rules, match_rules
from .tense import TENSE_WINDOW, Tense, infer_tense  # noqa: F401  (TENSE_WINDOW: re-exported)
from .vocab import APPROX, CLOCK_BARE, CLOCK_MARKED, PART, PARTS, TIME_OF_DAY

MAX_CHARS = 256
MAX_PEELS = 4
MAX_READS = 16      # rule-table lookups per phrase, peeling included
MAX_COMPOUND = 80   # longer phrases are not split into ranges nor searched inside
_NONE, _OPEN = Mod.NONE, (Mod.AFTER, Mod.ON_OR_AFTER)
_ARABIC_LETTER = ARABIC_LETTER.search


@dataclass(frozen=True, slots=True)
class Peeler:
    name: str
    regex: LazyPattern
    mod: Mod


def _peeler(name: str, pattern: str, mod: Mod = Mod.NONE) -> Peeler:
    return Peeler(name, LazyPattern(pattern), mod)


_CLOCK_LEAD = r"(?:at|around|about|approximately|shortly after|shortly before|after|before|by|from|until)"
_CLOCK = rf"(?:(?:{_CLOCK_LEAD} )*{CLOCK_MARKED}|(?:{_CLOCK_LEAD} )+{CLOCK_BARE})"

PEELERS = (
    # "at around 3 a.m. on Friday", "on Friday at 10:30 p.m." -- the clock time is finer than a day:
    # peeled first, so "around" before it never widens the day
    _peeler("clock", rf"{_CLOCK} (?:on |of )?(?P<rest>.+)"),
    _peeler("clock_after", rf"(?P<rest>.+?) {_CLOCK}"),
    _peeler("approx", rf"(?:{APPROX}) (?P<rest>.+)", Mod.APPROX),
    _peeler("or_so", r"(?P<rest>.+?) (?:or so|or thereabouts|give or take)(?P<tail> .+)?", Mod.APPROX),
    _peeler("since", r"(?:ever )?since (?P<rest>.+)", Mod.ON_OR_AFTER),
    _peeler("onwards", r"(?P<rest>.+?) (?:and beyond|or later|onwards?|and after|and later)", Mod.ON_OR_AFTER),
    _peeler("before", r"(?:before|prior to|earlier than) (?P<rest>.+)", Mod.BEFORE),
    _peeler("more_than_ago", r"(?:more than|over|upwards of|at least) (?P<rest>.+ (?:ago|earlier|before))", Mod.BEFORE),
    _peeler("after", r"(?:after|later than) (?P<rest>.+)", Mod.AFTER),
    _peeler("part", rf"(?:the )?(?P<part>{PART})[ -]?(?P<rest>[\w'].*)"),
    _peeler("preposition", r"(?:in|on|at|during|for|by|from|of|as of|throughout|until|till|through|over|starting|"
                           r"beginning|as early as|as late as|no later than|not before|not until|sometime|some time|again) (?P<rest>.+)"),
    _peeler("time_of_day", rf"(?:(?:at|in the|on the|the|early|late|in the early|in the late) )?{TIME_OF_DAY} (?:of |on )?(?P<rest>.+)"),
    _peeler("time_of_day_after", rf"(?P<rest>.+?) (?:at |in the )?{TIME_OF_DAY}"),
    _peeler("the", r"the (?P<rest>.+)"),
    _peeler("possessive", r"(?P<rest>.+?)'s?"),
)



_SPACES = re.compile(r"[\s-]+")


def _squash(words: str) -> str:
    return _SPACES.sub(" ", words).strip()


_PART_MODS = {_squash(word): mod for word, mod in PARTS.items()}
_CLEAN_DOT = re.compile(r"(?<=[a-z])\.(?!\w)")


_CLEAN_TABLE = str.maketrans({**{c: " " for c in ",;:()[]{}\"“”«»!?\t\n\r"}, "\u2019": "'", "\u2018": "'",
                              **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}})
_CLEAN_CHARS = re.compile("[" + re.escape("".join(map(chr, _CLEAN_TABLE))) + "]")   # translated only if present


def clean(text: str) -> str:
    """Lowercase, unify dashes/quotes, drop commas and brackets, drop a dot after a word."""
    text = text.lower()
    if _CLEAN_CHARS.search(text):
        text = text.translate(_CLEAN_TABLE)
    if "." in text:
        text = _CLEAN_DOT.sub("", text)
    return " ".join(text.split()).strip(" .-'")


def read(phrase: str, depth: int = 0, budget: list[int] | None = None) -> tuple[Rule, re.Match, list[Mod]] | None:
    """The rule that reads ``phrase`` (cleaned), and the modifiers peeled off on the way.

    At most ``MAX_PEELS`` wrappers deep and ``MAX_READS`` attempts in all, so a phrase
    made of nothing but wrappers ("mid-mid-mid-...") costs microseconds, not seconds."""
    budget = [MAX_READS] if budget is None else budget
    budget[0] -= 1
    hit = match_rules(phrase)
    if hit:
        return hit[0], hit[1], []
    if depth >= MAX_PEELS:
        return None
    for peeler in PEELERS:
        if budget[0] <= 0:
            return None
        pm = peeler.regex.fullmatch(phrase)
        if not pm:
            continue
        inner = read(pm["rest"] + (pm["tail"] or "" if "tail" in pm.re.groupindex else ""), depth + 1, budget)
        if inner:
            mod = _PART_MODS[_squash(pm["part"])] if peeler.name == "part" else peeler.mod
            return inner[0], inner[1], ([mod] if mod is not Mod.NONE else []) + inner[2]
    return None


# Words that move, bound or slice the period they qualify: dropping one of them leaves a
# wrong date, not a vaguer one ("the following spring" is not "spring", "the first half of
# the decade" not "the first half", "for the first time since 2011" not 2011).
_SHIFTING_WORDS = LazyPattern(r"(?<![\w'])(?:last|next|following|previous|preceding|prior|ago|later|earlier|after|before|"
                             r"coming|since|until|till|that|same|first|second|third|fourth|final|half|"
                             r"(?:day|week|weekend|month|year|decade|century)s?)(?![\w'])")


def _read_inside(phrase: str):
    """The longest rule match inside the phrase ("Today, on Saturday (October 6)"), as
    long as the words left over neither hold a number nor shift the period."""
    found = find_rules(phrase)
    if not found:
        return None
    best = max(found, key=lambda hit: hit[1].end() - hit[1].start())
    rest = phrase[: best[1].start()] + phrase[best[1].end():]
    if any(ch.isdigit() for ch in rest):  # never drop a number: "31 December 9999" is not 31 December
        return None
    if _SHIFTING_WORDS.search(rest):
        return None
    return best[0], best[1], []


def _read_with_neighbours(phrase: str, sentence: str):
    """A phrase cut short by the annotator ("five years" in "redeemed in five years",
    "two days" in "two days ago"): retry with the word before or after it in the sentence."""
    at = sentence.find(phrase)
    if at < 0:
        return None
    before = sentence[:at].split()[-1:]
    after = sentence[at + len(phrase):].split()[:1]
    for candidate in ([f"{before[0]} {phrase}"] if before else []) + ([f"{phrase} {after[0]}"] if after else []):
        hit = match_rules(candidate)
        if hit:
            return hit[0], hit[1], []
    return None


_RANGE_LEAD = re.compile(r"(?:(?:in|during|over|throughout|for) )?(?:the (?:period|years|months|days) )?(?:from |between )?")
# A separator is a dash or a whole word: "to" inside "October" is not one.
_RANGE_SEP = re.compile(r" ?-+ ?| (?:to|and|until|till|through|thru) ")
MAX_SPLITS = 3      # separators tried per range phrase, left to right


def _normalize_range(text: str, phrase: str, anchor: Anchor, context: str, direction: str | None) -> DateResult | None:
    """"from October to December 2019", "between 2015 and 2017", "in the period between
    2012 and 2015": the span from the first side's start to the second side's end.  Each
    separator is tried in turn until both sides read ("mid-2015 to 2017" splits at "to",
    not at the dash).  A yearless first side is read against the second side when that one
    is absolute ("October" before "December 2019" is October 2019)."""
    body = phrase[_RANGE_LEAD.match(phrase).end():]
    for sep in list(_RANGE_SEP.finditer(body))[:MAX_SPLITS]:
        a, b = body[: sep.start()], body[sep.end():]
        if not a or not b:
            continue
        right = _normalize(b, anchor, context, direction, False)
        if not right.resolved or right.granularity is Granularity.SPAN:
            continue
        relative = RULES_BY_NAME[right.rule].relative
        left = _normalize(a, anchor if relative else Anchor(right.end, right.end), context, direction if relative else "past", False)
        if relative and left.resolved and left.start > right.end:
            # "from October to December" in July: October is the one before that December
            left = _normalize(a, Anchor(right.end, right.end), context, "past", False)
        if not left.resolved or left.granularity is Granularity.SPAN:
            continue
        return _range_result(text, anchor, a, b, left, right)
    return None


def _range_result(text: str, anchor: Anchor, a: str, b: str, left: DateResult, right: DateResult) -> DateResult:
    if left.start > right.end:
        return _error(text, str(anchor), f"range runs backwards: {a!r} ({left.start}) is after {b!r} ({right.end})")
    earliest = min(left.earliest, right.earliest)
    explanation = explain(text, _describe_anchor(anchor), f"from the start of {a.strip()!r} to the end of {b.strip()!r}",
                          f"{earliest}..{right.latest}")
    return DateResult(text=text, anchor=str(anchor), resolved=True, start=left.start, end=right.end,
                      granularity=Granularity.SPAN, earliest=earliest, latest=right.latest,
                      timex=f"{left.timex}/{right.timex}", edtf=f"{left.earliest}/{right.latest}",
                      rule=f"range({left.rule},{right.rule})", explanation=explanation, direction=right.direction)


def _error(text, anchor_text: str, reason: str) -> DateResult:
    shown = text if isinstance(text, str) else repr(text)
    return DateResult(text=shown[:MAX_CHARS], anchor=anchor_text, resolved=False, error=reason)


def _bounds(found: Found, mods: list[Mod], ctx: Ctx) -> tuple[date, date]:
    period = found.period
    if found.extent:
        earliest, latest = found.extent
    elif found.mod is _NONE:
        earliest, latest = period.start, period.end
    else:
        earliest, latest = apply_modifier(period.start, period.end, period.granularity, found.mod, ctx.anchor, ctx.future)
    for mod in reversed(mods) if mods else ():  # innermost wrapper first: "about late 2017" = APPROX(END(2017))
        narrowed = apply_modifier(earliest, latest, period.granularity, mod, ctx.anchor, ctx.future)
        if narrowed[0] <= narrowed[1]:  # "mid early February": a part of a part may not fit; keep the outer one
            earliest, latest = narrowed
    if earliest <= ctx.anchor < latest and not ctx.future:
        latest = ctx.anchor  # a past-tense report cannot be about later than its anchor
    return earliest, latest


def _resolve_all(rule: Rule, match: re.Match, mods: list[Mod], anchor: Anchor, tense: Tense, context: str):
    """(Found, (earliest, latest)) for the anchor's first and last day (the same pair once
    when the anchor is one day)."""
    ctx = Ctx.deferred(anchor.first, context, tense, _inner_period)
    found = rule.resolver(match, ctx)
    first = (found, _bounds(found, mods, ctx))
    if anchor.last == anchor.first:
        return first, first
    ctx = Ctx.deferred(anchor.last, context, tense, _inner_period)
    found = rule.resolver(match, ctx)
    return first, (found, _bounds(found, mods, ctx))


def _inner_period(text: str, ctx: Ctx) -> Period:
    """The period the rule table reads ``text`` as ("last year" inside "the first half of last
    year"); a slice of a slice is refused."""
    hit = match_rules(text)
    if hit is None or hit[0].name == "slice_of":
        raise ValueError(f"no date rule reads {text!r}")
    return hit[0].resolver(hit[1], ctx).period


def _describe_anchor(anchor: Anchor) -> str:
    first = anchor.first.isoformat()  # explicit isoformat: an f-string of a date is three times slower
    return first if anchor.first == anchor.last else f"{first}..{anchor.last.isoformat()}"


@lru_cache(maxsize=512)
def _anchor_text(value: str) -> tuple[Anchor, str, str]:
    """An anchor string parsed once, with its canonical text and its words for the
    explanation (a batch repeats a few publication dates many times)."""
    anchor = Anchor.of(value)
    return anchor, str(anchor), _describe_anchor(anchor)


def _anchor_parts(value) -> tuple[Anchor, str, str]:
    if isinstance(value, str):
        return _anchor_text(value)
    anchor = Anchor.of(value)
    return anchor, str(anchor), _describe_anchor(anchor)


def normalize_date(text: str, anchor: "Anchor | date | tuple[date, date] | str", context: str = "", *,
                   direction: str | None = None) -> DateResult:
    """Read a date phrase against an anchor (publication day or window) and its sentence.

    Never raises: unreadable input gives ``resolved=False`` with ``error`` set.
    ``direction`` ("past"/"future") settles ambiguous phrases ("on Saturday", "in May");
    phrases whose own words fix the direction ("3 days ago", "next week") ignore it.

    >>> str(normalize_date("last week", "2020-08-19"))
    '2020-08-10..2020-08-16 [week]'
    >>> str(normalize_date("late 2017", "2020-07-06"))
    '2017-09-01..2017-12-31 [year END]'
    """
    return _normalize(text, anchor, context, direction, True)


def _normalize(text, anchor, context: str, direction: str | None, _compound: bool) -> DateResult:
    """``normalize_date``; with ``_compound`` False (the two sides of a range) no range
    splitting, neighbour completion or inside search -- so ranges never recurse."""
    try:
        anchor, anchor_text, anchor_shown = _anchor_text(anchor) if isinstance(anchor, str) else _anchor_parts(anchor)
    except (ValueError, TypeError, IndexError) as err:
        return _error(text, str(anchor)[:64], f"bad anchor {str(anchor)[:64]!r}: {err}")
    if not isinstance(text, str):
        return _error(text, anchor_text, f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        return _error(text, anchor_text, f"phrase too long to be a date ({len(text)} characters > {MAX_CHARS})")
    if direction not in (None, "", "past", "future"):
        return _error(text, anchor_text, f"direction must be 'past' or 'future', not {direction!r}")
    phrase = clean(text)
    if not phrase:
        return _error(text, anchor_text, "empty date phrase")
    arabic = not text.isascii() and _ARABIC_LETTER(text) is not None     # ``has_arabic``, inlined (ASCII: none)
    if arabic:  # Arabic rules, loaded on first use (``arabic/``): never a cost on the English path
        from .arabic.read import infer_tense as arabic_tense, read_arabic
        hit, compound = read_arabic(text), False
    else:
        hit = match_rules(phrase)    # most phrases: one table lookup, no peeling (``read``'s first step)
        hit = (hit[0], hit[1], []) if hit else read(phrase)
        compound = _compound and len(phrase) <= MAX_COMPOUND
    if hit is None and compound and isinstance(context, str) and context:
        hit = _read_with_neighbours(phrase, clean(context[: 4 * MAX_CHARS]))
    if hit is None and compound and (" " in phrase or "-" in phrase):
        ranged = _normalize_range(text, phrase, anchor, context if isinstance(context, str) else "", direction)
        if ranged is not None:
            return ranged
    if hit is None and compound:
        hit = _read_inside(phrase)
    if hit is None:
        return _error(text, anchor_text, f"no date rule matches {phrase[:80]!r}")
    rule, match, mods = hit
    context = context[: 4 * MAX_CHARS].lower() if isinstance(context, str) else ""
    if rule.after_event and not direction and infer_tense(context) == "past":   # the whole sentence
        refused = _error(text, anchor_text, f"{text.strip()[:80]!r} counts from an earlier event of the past-tense "
                                            "sentence, not from the publication: anchor it on that event")
        return replace(refused, rule=rule.name)    # recognised, so extraction still proposes it
    # The sentence's tense is read only if a resolver or the past-clip asks for it.
    tense = Tense(rule.tense or direction, context, text.strip(), arabic_tense if arabic else None)
    try:
        results = _resolve_all(rule, match, mods, anchor, tense, context)
    except (ValueError, OverflowError, KeyError, IndexError, StopIteration) as err:
        return _error(text, anchor_text, f"rule {rule.name} cannot resolve {phrase[:80]!r} at {anchor_text}: {err}")
    future = tense.value == "future" if tense.known else False
    (first, (earliest, latest)), (last, (earliest2, latest2)) = results
    first_period, last_period = first.period, last.period
    if first is last:
        start, end, periods, timex = first_period.start, first_period.end, (first_period,), first_period.timex
    else:
        start, end = min(first_period.start, last_period.start), max(first_period.end, last_period.end)
        earliest, latest = min(earliest, earliest2), max(latest, latest2)
        periods, timex = (first_period, last_period), first_period.timex
        if timex != last_period.timex:  # the window's ends name different periods: "2020-W26/2020-W27"
            timex = f"{timex}/{last_period.timex}" if "/" not in timex + last_period.timex else ""
    mod = mods[0] if mods else first.mod
    early = iso_day(earliest)  # each date formatted once: isoformat is a tenth of this function's time
    late = early if latest == earliest else iso_day(latest)
    extent = first.extent is not None
    clipped = not future and latest < end and anchor.first <= latest <= anchor.last and not (mods and mods[0] in _OPEN)
    how = reading(first.note or rule.describe, periods, mods + [first.mod] if first.mod is not _NONE and not extent else mods,
                  absolute=not rule.relative, extent=extent, future=future,
                  ambiguous=rule.tense is None and not direction and rule.relative, clipped=clipped and not extent,
                  anchor_last=anchor.last)
    try:
        return resolved_result(text, anchor_text, start, end, first_period.granularity, mod, earliest, latest, timex,
                               early if earliest == latest else f"{early}/{late}", rule.name,
                               explain(text, anchor_shown, how, f"{early}..{late}"), "future" if future else "past")
    except ValueError as err:  # an invariant broke: report it rather than raise (never expected)
        return _error(text, anchor_text, f"rule {rule.name} gave an inconsistent interval for {phrase[:80]!r}: {err}")
