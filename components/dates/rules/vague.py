"""Vague spans ("a few days ago", "recently", "in the coming days") read from
``data/vocab/vague_spans.csv``: each row is a rule whose bounds are offsets from the anchor.

They have no TIMEX3 date value: start/end equal earliest/latest, granularity "span",
timex PAST_REF / PRESENT_REF / FUTURE_REF.
"""
from __future__ import annotations

import csv
import re

from components.dates import periods as P
from components.dates.rules.base import Ctx, Found, Rule
from components.dates.explain import offset_words
from components.dates.vocab import VOCAB_DIR, VocabError

_OFFSET = re.compile(r"(?P<n>[+-]?\d+)(?P<unit>[dwmy])")
_UNIT_STEP = {"d": (0, 1), "w": (0, 7), "m": (1, 0), "y": (12, 0)}   # (months, days) per unit
_TENSE = {"PAST_REF": "past", "FUTURE_REF": "future", "PRESENT_REF": None}


def _offset(raw: str, where: str) -> tuple[int, int]:
    """'-10d' -> (0, -10), '3m' -> (3, 0): (months, days) for ``periods.move``."""
    m = _OFFSET.fullmatch(raw)
    if not m:
        raise VocabError(f"{where}: offset must look like -10d, 3m, 0d: {raw!r}")
    months, days = _UNIT_STEP[m["unit"]]
    return months * int(m["n"]), days * int(m["n"])


def _vague_words(earliest: str, latest: str) -> str:
    """'-10d', '-2d' -> 'a vague span from 10 days before publication to 2 days before publication'."""
    ends = [offset_words(int(m["n"]), m["unit"]) for m in map(_OFFSET.fullmatch, (earliest, latest))]
    return "the day of publication" if ends[0] == ends[1] else f"a vague span from {ends[0]} to {ends[1]}"


def _resolver(before: tuple[int, int], after: tuple[int, int], timex: str):
    def resolve(m, ctx: Ctx) -> Found:
        start, end = P.move(ctx.anchor, *before), P.move(ctx.anchor, *after)
        return Found(P.span(start, end, timex), extent=(start, end))
    return resolve


def load_vague_rules(name: str = "vague_spans.csv") -> list[Rule]:
    rules = []
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if header != ["name", "pattern", "example", "earliest", "latest", "timex"]:
            raise VocabError(f"{name}:1:1: unexpected header {header!r}")
        for lineno, row in enumerate(reader, start=2):
            if len(row) != 6:
                raise VocabError(f"{name}:{lineno}:1: expected 6 fields, got {row!r}")
            rule_name, pattern, example, earliest, latest, timex = row
            if timex not in _TENSE:
                raise VocabError(f"{name}:{lineno}:6: timex must be one of {sorted(_TENSE)}: {timex!r}")
            before, after = _offset(earliest, f"{name}:{lineno}:4"), _offset(latest, f"{name}:{lineno}:5")
            # the pattern is parsed (and a bad one refused) with the whole rule table: rules.RuleTableError
            rules.append(Rule(f"vague_{rule_name}", pattern, _resolver(before, after, timex), (example,),
                              _vague_words(earliest, latest),
                              _TENSE[timex], True, after_event=rule_name.endswith("_later")))
    return rules


RULES = load_vague_rules()
