"""The Arabic rule table and how a phrase is read with it.

``read_arabic(text)`` folds the phrase (``fold.fold``) and returns ``(rule, match, mods)``
like ``normalize.read``: the first rule that matches the whole phrase; failing that, one
wrapper peeled at a time and the rest read again (at most ``MAX_PEELS`` deep,
``MAX_READS`` lookups):

* a wrapper word from ``ar_wrappers.csv``, itself possibly with an attached conjunction
  or preposition -- "وفي أواخر عام 2017" -> و + في (none) + أواخر (END) + "عام 2017";
  "منذ" (since) opens the period to the anchor, "قبل"/"بعد" (before/after) as in English;
* an attached conjunction (و، ف) or preposition (ب، ل، ك) on the first word --
  "بالأسبوع الماضي" -> "الأسبوع الماضي", "للعام الماضي" (folded "لالعام") -> "العام الماضي".

Rules come first, so "قبل يومين" (two days ago) and "بعد غد" are rules, not "before"/"after".
``infer_tense`` reads the Arabic future cues (``ar_tense_cues.csv``) near the phrase.
"""
from __future__ import annotations

import re

from components.dates.model import Mod
from components.dates.rules.base import Rule
from components.dates.rules.vague import load_vague_rules
from components.dates.vocab import VocabError, alternation

from . import rules_days, rules_periods
from .fold import fold
from .vocab import TENSE_CUES, WRAPPER, WRAPPERS

MAX_PEELS = 4
MAX_READS = 16
VAGUE_FILE = "ar_vague_spans.csv"
_UNFOLDED = re.compile("[أإآٱةىئؤ\u064b-\u065f\u0640]")


def _vague_rules() -> list[Rule]:
    rules = load_vague_rules(VAGUE_FILE)
    for lineno, r in enumerate(rules, start=2):
        if _UNFOLDED.search(r.pattern):
            raise VocabError(f"{VAGUE_FILE}:{lineno}:2: write the pattern folded (ا not أ/إ/آ, ه not ة, ي not ى/ئ, "
                             f"و not ؤ, no diacritics): {r.pattern!r}")
    return rules


RULES: tuple[Rule, ...] = tuple(_vague_rules() + rules_days.RULES + rules_periods.RULES)
_seen: set[str] = set()
for _rule in RULES:
    if _rule.name in _seen or _rule.regex.fullmatch("") or not _rule.examples or _UNFOLDED.search(_rule.pattern):
        raise ValueError(f"Arabic rule table: duplicate, empty-matching, example-less or unfolded rule {_rule.name!r}")
    if not all(_rule.regex.fullmatch(fold(example)) for example in _rule.examples):
        raise ValueError(f"Arabic rule table: an example of {_rule.name!r} does not match it: {_rule.examples!r}")
    _seen.add(_rule.name)

_CLITIC = "(?:[وف]?[بلك]?)"
_WRAPPED = re.compile(rf"{_CLITIC}(?P<w>{WRAPPER}) (?P<rest>.+)")
_ATTACHED = re.compile(r"(?:[وف][بلك]?|[بلك])(?P<rest>\S.+)")
_FUTURE = re.compile(rf"(?<!\w){alternation(fold(c) for c, d in TENSE_CUES.items() if d == 'future')}(?!\w)")
TENSE_WINDOW = (80, 15)


def match_arabic(phrase: str):
    """(rule, match) for the first Arabic rule matching the whole folded ``phrase``, or None."""
    for candidate in RULES:
        m = candidate.regex.fullmatch(phrase)
        if m:
            return candidate, m
    return None


def read_arabic(text: str):
    """(rule, match, mods) for a phrase in Arabic (any spelling), or None."""
    return _read(fold(text), 0, [MAX_READS])


def _read(phrase: str, depth: int, budget: list[int]):
    budget[0] -= 1
    hit = match_arabic(phrase)
    if hit:
        return hit[0], hit[1], []
    if depth >= MAX_PEELS:
        return None
    wrapped = _WRAPPED.fullmatch(phrase)
    tries = ([(wrapped["rest"], WRAPPERS[wrapped["w"]])] if wrapped else [])
    attached = _ATTACHED.fullmatch(phrase)
    tries += [(attached["rest"], Mod.NONE)] if attached else []
    for rest, mod in tries:
        if budget[0] <= 0:
            return None
        inner = _read(rest, depth + 1, budget)
        if inner:
            return inner[0], inner[1], ([mod] if mod is not Mod.NONE else []) + inner[2]
    return None


def infer_tense(context: str, text: str = "") -> str | None:
    """"future" when an Arabic future cue stands near ``text`` in ``context`` (80 characters
    before, 15 after), else None (the past is the default reading)."""
    context, text = fold(context), fold(text)
    at = context.find(text) if text else -1
    if at >= 0:
        before, after = TENSE_WINDOW
        context = context[max(0, at - before): at + len(text) + after]
    return "future" if _FUTURE.search(context) else None
