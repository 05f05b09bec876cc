"""What a rule's pattern can start and end with, read off the stdlib regex parser.

``affixes(pattern)`` is the set of ``AFFIX``-character strings a match can start with, plus
every whole match shorter than that; ``affixes(pattern, reverse=True)`` the same for the
end.  ``match_rules`` tries only the rules whose sets hold the phrase's first and last three
characters ("las"/"eek" for "last week": 4 rules of 100 instead of 16 by single characters),
so a phrase costs a few regex calls, not a dozen.  The sets over-approximate (a lookaround
is read as "anything", a too-large set as None, "any string"), never under: a rule left out
cannot match.
"""
from __future__ import annotations

import re

AFFIX = 3           # characters compared at each end of the phrase
_CAP = 4000         # a larger set is given up as None (any string)


def affixes(pattern: str, reverse: bool = False) -> frozenset[str] | None:
    """The starts (or ends, if ``reverse``) of ``pattern``'s matches, ``AFFIX`` characters
    long, and its whole matches shorter than that; None when any string may do."""
    import re._parser as sre_parse  # only when the table's cache is rebuilt

    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _sequence(list(parsed), AFFIX, reverse)
    if found is None:
        return None
    return frozenset(s[::-1] for s in found) if reverse else frozenset(found)


def _sequence(items: list, budget: int, reverse: bool) -> set[str] | None:
    """Strings of length ``budget`` a match of ``items`` can start with, and the whole
    matches shorter than ``budget`` (built back to front when ``reverse``)."""
    full, open_ = set(), {""}
    for op, av in (reversed(items) if reverse else items):
        grown = set()
        for head in open_:
            tails = _item(str(op), av, budget - len(head), reverse)
            if tails is None:
                return None
            for tail in tails:
                (full if len(head) + len(tail) >= budget else grown).add((head + tail)[:budget])
        if len(full) + len(grown) > _CAP:
            return None
        open_ = grown
        if not open_:
            break
    return full | open_


def _item(name: str, av, budget: int, reverse: bool) -> set[str] | None:
    if name == "LITERAL":
        return {chr(av)}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}                                    # zero-width: whatever its condition
    if name == "IN":
        return _char_class(av)
    if name == "SUBPATTERN":
        if av[1] & re.IGNORECASE:
            return None
        return _sequence(list(av[-1]), budget, reverse)
    if name == "ATOMIC_GROUP":
        return _sequence(list(av), budget, reverse)
    if name == "BRANCH":
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch), budget, reverse)
            if found is None:
                return None
            out |= found
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeat(av, budget, reverse)
    return None                                        # ANY, NOT_LITERAL, GROUPREF...: anything


def _repeat(av, budget: int, reverse: bool) -> set[str] | None:
    low, high, sub = av
    once = _sequence(list(sub), budget, reverse)
    if once is None:
        return None
    out: set[str] = set()
    open_, count = {""}, 0
    while True:
        if count >= low:
            out |= open_                               # whole matches of ``count`` repetitions
        if count >= high or count > low + budget or not open_:
            break                                      # more repetitions add nothing new
        grown = set()
        for head in open_:
            for tail in once:
                both = head + tail
                if len(both) >= budget:
                    out.add(both[:budget])
                else:
                    grown.add(both)
        if len(out) + len(grown) > _CAP:
            return None
        open_, count = grown, count + 1
    return out


def _char_class(av) -> set[str] | None:
    chars: set[str] = set()
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
            return None                                # NEGATE, \w...: anything
    return chars
