"""The compiled rule table: every date rule in priority order, checked at import time.

``RULES`` is a tuple of ``Rule(name, pattern, resolver, examples, describe, tense, relative)``.
Patterns are written for a *cleaned phrase* (see ``normalize.clean``: lowercase, single
spaces, no commas/brackets, no dot after a word).

Two ways to use them:

* ``match_rules(phrase)`` -> ``(rule, match)`` for the first rule whose pattern matches the
  whole cleaned phrase (what ``normalize_date`` does), or None.  Only the rules that can
  start with the phrase's first three characters and end with its last three are tried
  (read off each pattern with the stdlib regex parser: ``edges``), in table order.
* ``find_rules(text)`` -> every ``(rule, match)`` found *inside* a longer cleaned text, each
  rule's pattern wrapped in word boundaries (``FINDERS[name]``), longest first, overlaps
  dropped.  An extractor scanning running text should clean each sentence with
  ``normalize.clean``, call ``find_rules`` and pass each ``match.group()`` (or the original
  span around it) to ``normalize_date`` with the sentence as context.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from components.dates.rules import absolute, compiled, quarters_halves, relative, slices, vague
from components.dates.rules.base import Rule
from components.dates.rules.edges import AFFIX, affixes


class RuleTableError(ValueError):
    """The rule table is inconsistent (duplicate name, pattern matching "", bad regex)."""


RULES: tuple[Rule, ...] = tuple(absolute.RULES + vague.RULES + quarters_halves.RULES + relative.RULES
                                + slices.RULES)
RULES_BY_NAME: dict[str, Rule] = {}
for _position, _rule in enumerate(RULES):
    _where = f"{_rule.resolver.__module__}:{_rule.name} (rule #{_position})"
    if _rule.name in RULES_BY_NAME:
        raise RuleTableError(f"{_where}: duplicate rule name {_rule.name!r}")
    if not _rule.examples:
        raise RuleTableError(f"{_where}: rule has no example phrases")
    RULES_BY_NAME[_rule.name] = _rule



class _Finders(dict):
    """Rule name -> its running-text pattern (``Rule.finder``), compiled on first lookup."""

    def __missing__(self, name: str) -> re.Pattern:
        self[name] = RULES_BY_NAME[name].finder
        return self[name]


# Inside running text a rule must start and end on word boundaries.
FINDERS: dict[str, re.Pattern] = _Finders()
# Matches too risky to accept inside running text ("may" the verb, "march" the verb, "now").
_NOT_IN_TEXT = {("month", "may"), ("month", "march"), ("vague_now", "now"), ("decade", "")}


def _edge_index() -> dict:
    """Which rules can start and end with which ``AFFIX`` characters (``edges.affixes``), as
    one bit mask of rules per string (``heads``/``tails``; ``any_head``/``any_tail``: the rules
    that may start/end with anything), and each rule's possible first and last characters
    (None: any), read off the parsed patterns.  A pattern that does not parse or matches the
    empty string is refused here."""
    index: dict = {"heads": {}, "tails": {}, "any_head": 0, "any_tail": 0, "first": [], "last": []}
    for position, r in enumerate(RULES):
        where = f"{r.resolver.__module__}:{r.name} (rule #{position})"
        try:
            heads, tails = affixes(r.pattern), affixes(r.pattern, reverse=True)
        except re.error as err:
            raise RuleTableError(f"{where}: bad regex {r.pattern!r}: {err}") from err
        if (heads is not None and "" in heads) or re.fullmatch(r.pattern, ""):
            raise RuleTableError(f"{where}: pattern matches the empty string: {r.pattern!r}")
        for key, strings in (("head", heads), ("tail", tails)):
            if strings is None:
                index[f"any_{key}"] |= 1 << position
            for string in strings or ():
                index[f"{key}s"][string] = index[f"{key}s"].get(string, 0) | 1 << position
        index["first"].append(None if heads is None else frozenset(s[0] for s in heads))
        index["last"].append(None if tails is None else frozenset(s[-1] for s in tails))
    return index


# Computed once per rule table and cached on disk with the compiled patterns (rules.compiled):
# a start-up neither parses nor compiles the table.
_INDEX = compiled.load([p for r in RULES for p in (r.pattern, r.finder_pattern)], _edge_index)
_HEADS, _TAILS, _ANY_HEAD, _ANY_TAIL = _INDEX["heads"], _INDEX["tails"], _INDEX["any_head"], _INDEX["any_tail"]
_EDGE_CHARS = list(zip(_INDEX["first"], _INDEX["last"]))


@lru_cache(maxsize=8192)
def _candidates(head: str, tail: str) -> tuple[tuple[Rule, Callable], ...]:
    """(rule, its compiled ``fullmatch``) for the rules, in table order, that can start with
    ``head`` and end with ``tail`` (the phrase's first and last ``AFFIX`` characters): a
    table computed once per pair, typically four rules out of a hundred.  Outside ASCII
    (where ``\\d`` has more digits than the sets hold) only the first and last characters
    are compared."""
    if head.isascii() and tail.isascii():
        mask = (_HEADS.get(head, 0) | _ANY_HEAD) & (_TAILS.get(tail, 0) | _ANY_TAIL)
        positions = _set_bits(mask)     # the few rules kept, not a test per rule (a miss costs 1 µs, not 12)
    else:
        positions = [position for position, (first, last) in enumerate(_EDGE_CHARS)
                     if (first is None or head[0] in first) and (last is None or tail[-1] in last)]
    return tuple((RULES[position], RULES[position].regex.fullmatch) for position in positions)


def _set_bits(mask: int) -> list[int]:
    """The positions of the bits set in ``mask``, lowest first."""
    positions = []
    while mask:
        low = mask & -mask
        positions.append(low.bit_length() - 1)
        mask ^= low
    return positions


def match_rules(phrase: str) -> tuple[Rule, re.Match] | None:
    """The first rule whose pattern matches the whole cleaned ``phrase``."""
    if not phrase:
        return None
    for candidate, fullmatch in _candidates(phrase[:AFFIX], phrase[-AFFIX:]):
        m = fullmatch(phrase)
        if m:
            return candidate, m
    return None


_WORD_START = re.compile(r"(?<![\w'-])[\w']")
# Each rule's possible first characters when all of them can start a word (else None: always scan).
_WORD_HEADS = [first if first is not None and all(c.isalnum() or c in "_'" for c in first) else None
               for first, _ in _EDGE_CHARS]
_ALWAYS_SCANNED = sum(1 << position for position, first in enumerate(_WORD_HEADS) if first is None)


def find_rules(text: str) -> list[tuple[Rule, re.Match]]:
    """Non-overlapping rule matches inside a cleaned ``text``, longest first then by position.

    Linear in the text: a rule is scanned for only if some word of the text starts with
    characters its pattern can start with (its first three, or its first one outside ASCII),
    and overlaps are checked against a per-character map of the spans already taken (not
    against every earlier match)."""
    if text.isascii():
        scanned = _ALWAYS_SCANNED
        for at in {m.start() for m in _WORD_START.finditer(text)}:
            for n in range(1, AFFIX + 1):
                scanned |= _HEADS.get(text[at: at + n], 0)
        keep = [scanned >> position & 1 for position in range(len(RULES))]
    else:
        starts = frozenset(_WORD_START.findall(text))
        keep = [first is None or not starts.isdisjoint(first) for first in _WORD_HEADS]
    hits = []
    for candidate, kept in zip(RULES, keep):
        if not kept:
            continue
        for m in candidate.finder.finditer(text):
            if (candidate.name, m.group()) not in _NOT_IN_TEXT:
                hits.append((candidate, m))
    hits.sort(key=lambda hit: (-(hit[1].end() - hit[1].start()), hit[1].start()))
    taken: list[tuple[Rule, re.Match]] = []
    used = bytearray(len(text))
    for candidate, m in hits:
        a, b = m.span()
        if not any(used[a:b]):
            taken.append((candidate, m))
            used[a:b] = b"\x01" * (b - a)
    return sorted(taken, key=lambda hit: hit[1].start())
