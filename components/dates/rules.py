"""The compiled rule table: every date rule in priority order, checked at import time.

``RULES`` is a tuple of ``Rule(name, pattern, resolver, examples, describe, tense, relative)``.
Patterns are written for a *cleaned phrase* (see ``normalize.clean``: lowercase, single
spaces, no commas/brackets, no dot after a word).

Two ways to use them:

* ``match_rules(phrase)`` -> ``(rule, match)`` for the first rule whose pattern matches the
  whole cleaned phrase (what ``normalize_date`` does), or None.
* ``find_rules(text)`` -> every ``(rule, match)`` found *inside* a longer cleaned text, each
  rule's pattern wrapped in word boundaries (``FINDERS[name]``), longest first, overlaps
  dropped.  An extractor scanning running text should clean each sentence with
  ``normalize.clean``, call ``find_rules`` and pass each ``match.group()`` (or the original
  span around it) to ``normalize_date`` with the sentence as context.
"""
from __future__ import annotations

import re

from . import rules_absolute, rules_fiscal, rules_relative, rules_vague
from .rule_base import Rule


class RuleTableError(ValueError):
    """The rule table is inconsistent (duplicate name, pattern matching "", bad regex)."""


RULES: tuple[Rule, ...] = tuple(rules_absolute.RULES + rules_vague.RULES + rules_fiscal.RULES + rules_relative.RULES)
RULES_BY_NAME: dict[str, Rule] = {}
for _position, _rule in enumerate(RULES):
    _where = f"{_rule.resolver.__module__}:{_rule.name} (rule #{_position})"
    if _rule.name in RULES_BY_NAME:
        raise RuleTableError(f"{_where}: duplicate rule name {_rule.name!r}")
    if _rule.regex.fullmatch(""):
        raise RuleTableError(f"{_where}: pattern matches the empty string: {_rule.pattern!r}")
    if not _rule.examples:
        raise RuleTableError(f"{_where}: rule has no example phrases")
    RULES_BY_NAME[_rule.name] = _rule

# Inside running text a rule must start and end on word boundaries.
FINDERS: dict[str, re.Pattern] = {r.name: re.compile(rf"(?<![\w'-])(?:{r.pattern})(?![\w-])") for r in RULES}
# Matches too risky to accept inside running text ("may" the verb, "march" the verb, "now").
_NOT_IN_TEXT = {("month", "may"), ("month", "march"), ("vague_now", "now"), ("decade", "")}


def match_rules(phrase: str) -> tuple[Rule, re.Match] | None:
    """The first rule whose pattern matches the whole cleaned ``phrase``."""
    for candidate in RULES:
        m = candidate.regex.fullmatch(phrase)
        if m:
            return candidate, m
    return None


def find_rules(text: str) -> list[tuple[Rule, re.Match]]:
    """Non-overlapping rule matches inside a cleaned ``text``, longest first then by position."""
    hits = []
    for candidate in RULES:
        for m in FINDERS[candidate.name].finditer(text):
            if (candidate.name, m.group()) not in _NOT_IN_TEXT:
                hits.append((candidate, m))
    hits.sort(key=lambda hit: (-(hit[1].end() - hit[1].start()), hit[1].start()))
    taken: list[tuple[Rule, re.Match]] = []
    for candidate, m in hits:
        if all(m.end() <= other.start() or m.start() >= other.end() for _, other in taken):
            taken.append((candidate, m))
    return sorted(taken, key=lambda hit: hit[1].start())
