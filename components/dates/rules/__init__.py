"""The compiled rule table: every date rule in priority order, checked at import time.

``RULES`` is a tuple of ``Rule(name, pattern, resolver, examples, describe, tense, relative)``.
Patterns are written for a *cleaned phrase* (see ``normalize.clean``: lowercase, single
spaces, no commas/brackets, no dot after a word).

Two ways to use them:

* ``match_rules(phrase)`` -> ``(rule, match)`` for the first rule whose pattern matches the
  whole cleaned phrase (what ``normalize_date`` does), or None.  Only the rules that can
  start with the phrase's first character and end with its last one are tried (read off
  each pattern with the stdlib regex parser), in table order.
* ``find_rules(text)`` -> every ``(rule, match)`` found *inside* a longer cleaned text, each
  rule's pattern wrapped in word boundaries (``FINDERS[name]``), longest first, overlaps
  dropped.  An extractor scanning running text should clean each sentence with
  ``normalize.clean``, call ``find_rules`` and pass each ``match.group()`` (or the original
  span around it) to ``normalize_date`` with the sentence as context.
"""
from __future__ import annotations

import re
from functools import lru_cache

from components.dates.rules import absolute, compiled, quarters_halves, relative, slices, vague
from components.dates.rules.base import Rule


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


def _first_chars(items, reverse: bool = False) -> tuple[frozenset | None, bool]:
    """(characters a match can start with -- or end with, if ``reverse`` -- None if any,
    can the pattern match "")."""
    first: set = set()
    for op, av in (reversed(list(items)) if reverse else items):
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue                                   # zero-width: look further
        if name == "LITERAL":
            return frozenset(first | {chr(av)}), False
        if name == "IN":
            chars = set()
            for kind, value in av:
                kind = str(kind)
                if kind == "LITERAL":
                    chars.add(chr(value))
                elif kind == "RANGE":
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                elif kind == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
                    chars.update("0123456789")
                elif kind == "CATEGORY" and str(value) == "CATEGORY_SPACE":
                    chars.update(" \t\n\r\f\v")
                else:
                    return None, False
            return frozenset(first | chars), False
        if name == "BRANCH":
            parts = [_first_chars(branch, reverse) for branch in av[1]]
            sub, nullable = (None if any(p[0] is None for p in parts) else set().union(*(p[0] for p in parts))), any(p[1] for p in parts)
        elif name == "SUBPATTERN":
            sub, nullable = _first_chars(av[-1], reverse)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub, nullable = _first_chars(av[2], reverse)
            nullable = nullable or av[0] == 0
        else:
            return None, False                         # ANY, NOT_LITERAL, GROUPREF...: anything
        if sub is None:
            return None, False
        first |= sub
        if not nullable:
            return frozenset(first), False
    return frozenset(first), True


def _edge_chars() -> list[tuple[frozenset | None, frozenset | None]]:
    """Each rule's possible first and last characters (None: any), read off the parsed
    patterns.  A pattern that does not parse or matches the empty string is refused here."""
    import re._parser as sre_parse  # the stdlib regex parser, to read each pattern's edges

    edges = []
    for position, r in enumerate(RULES):
        where = f"{r.resolver.__module__}:{r.name} (rule #{position})"
        try:
            parsed = sre_parse.parse(r.pattern)
        except re.error as err:
            raise RuleTableError(f"{where}: bad regex {r.pattern!r}: {err}") from err
        head, nullable = _first_chars(parsed)
        if nullable or re.fullmatch(r.pattern, ""):
            raise RuleTableError(f"{where}: pattern matches the empty string: {r.pattern!r}")
        edges.append((head, _first_chars(parsed, reverse=True)[0]))
    return edges


# Computed once per rule table and cached on disk with the compiled patterns (rules.compiled):
# a start-up neither parses nor compiles the table.
_EDGES = [tuple(None if e is None else frozenset(e) for e in pair)
          for pair in compiled.load([p for r in RULES for p in (r.pattern, r.finder_pattern)], _edge_chars)]


@lru_cache(maxsize=None)
def _candidates(first: str, last: str) -> tuple[Rule, ...]:
    """The rules, in table order, that can start with ``first`` and end with ``last``
    (a table computed once per character pair: typically a dozen rules out of ninety)."""
    return tuple(RULES[i] for i, (head, tail) in enumerate(_EDGES)
                 if (head is None or first in head) and (tail is None or last in tail))


def match_rules(phrase: str) -> tuple[Rule, re.Match] | None:
    """The first rule whose pattern matches the whole cleaned ``phrase``."""
    if not phrase:
        return None
    for candidate in _candidates(phrase[0], phrase[-1]):
        m = candidate.regex.fullmatch(phrase)
        if m:
            return candidate, m
    return None


_WORD_START = re.compile(r"(?<![\w'-])[\w']")
# Each rule's possible first characters when all of them can start a word (else None: always scan).
_WORD_HEADS = [head if head is not None and all(c.isalnum() or c in "_'" for c in head) else None
               for head, _ in _EDGES]


def find_rules(text: str) -> list[tuple[Rule, re.Match]]:
    """Non-overlapping rule matches inside a cleaned ``text``, longest first then by position.

    Linear in the text: a rule is scanned for only if some word of the text starts with a
    character its pattern can start with, and overlaps are checked against a per-character
    map of the spans already taken (not against every earlier match)."""
    starts = frozenset(_WORD_START.findall(text))
    hits = []
    for candidate, head in zip(RULES, _WORD_HEADS):
        if head is not None and starts.isdisjoint(head):
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
