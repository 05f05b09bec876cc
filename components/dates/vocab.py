"""Vocabularies for the date rules, loaded once from ``data/vocab/*.csv``.

Each CSV has a header row; every value is lowercase and checked when loaded
(see ``data/vocab/README.md``).  This module turns them into

* lookup dicts (``MONTHS["sept"] == 9``) and
* regex alternations (``MONTH``, ``WEEKDAY``...) that the rule tables compile into
  named groups, longest alternative first so "september" wins over "sep".
"""
from __future__ import annotations

import csv
import re

from components import DATA_DIR

from .model import Mod

VOCAB_DIR = DATA_DIR / "vocab"


class VocabError(ValueError):
    """A vocabulary file is malformed (message carries file:line:column and the value)."""


def numbered_rows(name: str, columns: tuple[str, ...], *, ok=lambda v: v == v.strip().lower() and v,
                  rule: str = "lowercase, trimmed, non-empty") -> list[tuple[int, tuple[str, ...]]]:
    """(line number, row) of ``data/vocab/NAME`` under the header ``columns``; every field
    must pass ``ok`` (said as ``rule`` in the error, with file:line:column and the value)."""
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != columns:
            raise VocabError(f"{name}:1:1: header {header!r}, expected {columns!r}")
        out = []
        for lineno, row in enumerate(reader, start=2):
            if len(row) != len(columns):
                raise VocabError(f"{name}:{lineno}:1: {len(row)} fields, expected {len(columns)}: {row!r}")
            for col, value in enumerate(row, start=1):
                if not ok(value):
                    raise VocabError(f"{name}:{lineno}:{col}: value must be {rule}: {value!r}")
            out.append((lineno, tuple(row)))
        return out


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [row for _, row in numbered_rows(name, columns)]


def int_table(name: str, columns: tuple[str, ...], low: int, high: int, rows=numbered_rows) -> dict[str, int]:
    """First column -> the integer in the second, which must lie in ``low..high``."""
    table = {}
    for lineno, row in rows(name, columns):
        if not row[1].isdigit() or not low <= int(row[1]) <= high:
            raise VocabError(f"{name}:{lineno}:2: {columns[1]} must be {low}..{high}: {row[1]!r}")
        table[row[0]] = int(row[1])
    return table


def alternation(words) -> str:
    """A non-capturing regex alternation of ``words``, factored into a trie so the regex
    engine tests one branch per letter; longer words are tried first; a space inside an
    entry matches any run of whitespace or hyphens."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for token in word if "  " not in word else _SPACE_RUN.sub(" ", word):   # a run of spaces is one token
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_regex(trie)


_SPACE_RUN = re.compile(" +")


def _trie_regex(node: dict) -> str:
    return _trie_parts(node)[0]


def _escaped(token: str) -> str:
    return r"[\s-]+" if token == " " else token if token.isalnum() else re.escape(token)


def _trie_parts(node: dict) -> tuple[str, int]:
    """(regex, depth) of a trie node; each node visited once (deepest branch first).  A run
    of single-child nodes (most of a vocabulary's letters) is followed in a loop: the
    tries are built at every start-up."""
    parts = []
    for token, child in node.items():
        if token == "":
            continue
        first, chain = token, [_escaped(token)]
        while len(child) == 1 and "" not in child:
            (token, child), = child.items()
            chain.append(_escaped(token))
        body, depth = _trie_parts(child) if len(child) > 1 else ("", 0)
        parts.append((-(depth + len(chain)), first, "".join(chain) + body))
    parts.sort()
    branches = [branch for _, _, branch in parts]
    if "" in node:
        branches.append("")
    depth = -parts[0][0] if parts else 0
    if len(branches) == 1:
        return branches[0], depth
    return "(?:" + "|".join(branches) + ")", depth


MONTHS = int_table("months.csv", ("name", "month"), 1, 12)
WEEKDAYS = int_table("weekdays.csv", ("name", "weekday"), 0, 6)
NUMBERS = int_table("numbers.csv", ("word", "value"), 1, 99)
ORDINALS = int_table("ordinals.csv", ("word", "value"), 1, 31)
DECADE_WORDS = int_table("decades.csv", ("word", "tens"), 1, 9)
UNITS = dict(_rows("units.csv", ("word", "unit")))
APPROX_WORDS = [row[0] for row in _rows("approx.csv", ("word",))]
TENSE_CUES = dict(_rows("tense_cues.csv", ("cue", "direction")))
SEASONS = {}
for _lineno, (_name, _code, _start) in numbered_rows("seasons.csv", ("name", "code", "start_month")):
    if _code not in {"sp", "su", "fa", "wi"} or _start not in {"3", "6", "9", "12"}:
        raise VocabError(f"seasons.csv:{_lineno}:2: unknown season {_code!r}/{_start!r}")
    SEASONS[_name] = (_code.upper(), int(_start))
PARTS = {}
for _lineno, (_word, _mod) in numbered_rows("parts.csv", ("word", "mod")):
    if _mod.upper() not in {"START", "MID", "END"}:
        raise VocabError(f"parts.csv:{_lineno}:2: mod must be start/mid/end: {_mod!r}")
    PARTS[_word] = Mod(_mod.upper())
for _lineno, (_cue, _direction) in enumerate(TENSE_CUES.items(), start=2):
    if _direction not in {"past", "future"}:
        raise VocabError(f"tense_cues.csv:{_lineno}:2: direction must be past/future: {_direction!r}")
_KNOWN_UNITS = {"hour", "day", "week", "fortnight", "month", "year", "decade", "century"}
for _word, _unit in UNITS.items():
    if _unit not in _KNOWN_UNITS:
        raise VocabError(f"units.csv: unknown unit {_unit!r} for {_word!r}")

# Compound ordinals for days: "twenty-first" .. "thirty-first".
for _tens_word, _tens in (("twenty", 20), ("thirty", 30)):
    for _unit_word, _unit in list(ORDINALS.items()):
        if _unit <= 9 and _tens + _unit <= 31:
            ORDINALS[f"{_tens_word}-{_unit_word}"] = _tens + _unit
            ORDINALS[f"{_tens_word} {_unit_word}"] = _tens + _unit

_DIGITS = {w: v for w, v in NUMBERS.items() if 1 <= v <= 9 and " " not in w and w not in ("a", "an")}
_TEENS = {w: v for w, v in NUMBERS.items() if 10 <= v <= 19}
_TENS = {w: v for w, v in NUMBERS.items() if v in range(20, 100, 10)}

MONTH = alternation(MONTHS)
WEEKDAY = alternation(WEEKDAYS)
SEASON = alternation(SEASONS)
UNIT = alternation(UNITS)
DECADE_WORD = alternation(DECADE_WORDS)
APPROX = alternation(APPROX_WORDS)
PART = alternation(PARTS)
ORDINAL_WORD = alternation(ORDINALS)
_UNDER100 = rf"(?:{alternation(_TENS)}(?:[\s-]+{alternation(_DIGITS)})?|{alternation(_TEENS)}|{alternation(_DIGITS)})"
NUMBER_WORD = rf"(?:{_UNDER100}|{alternation(w for w in NUMBERS if not w.isalpha())}|an?)"
NUMBER = rf"(?:\d{{1,4}}|{NUMBER_WORD})"
# "nineteen ninety-six", "two thousand and three", "nineteen oh five"
SPELLED_YEAR = (
    rf"(?:{alternation(w for w, v in _TEENS.items() if v >= 11)}[\s-]+(?:hundred|oh[\s-]+{alternation(_DIGITS)}|{_UNDER100})"
    rf"|{alternation(['twenty'])}[\s-]+(?:oh[\s-]+{alternation(_DIGITS)}|{_UNDER100})"
    rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?{_UNDER100})?)"
)
YEAR = rf"(?:1\d{{3}}|20\d{{2}}|2100|{SPELLED_YEAR})"
DAY_NUM = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{ORDINAL_WORD})"
TIME_OF_DAY = r"(?:dawn|daybreak|morning|afternoon|evening|night|midnight|noon|midday|dusk|(?:early|small|wee) hours)"
# A clock time as ``normalize.clean`` leaves it ("10:30 p.m." -> "10 30 p.m", "0300 GMT").
# Marked: "3 a.m", "10 30 pm", "0300 gmt", "3 pm local time".  Bare: "11 00" -- the peelers
# accept a bare one only after "at"/"around", so a day number is never taken for an hour.
_HOUR, _ZONE = r"(?:[01]?\d|2[0-3])", r"(?: (?:local time|gmt|utc|damascus time))?"
CLOCK_MARKED = rf"(?:{_HOUR}(?: [0-5]\d)? ?(?:a\.?m|p\.?m)|(?:[01]\d|2[0-3])[0-5]\d ?(?:gmt|utc|hours|hrs)){_ZONE}"
CLOCK_BARE = rf"{_HOUR} [0-5]\d{_ZONE}"


_SPACES = re.compile(r"[\s-]+")
_LEADING_DIGITS = re.compile(r"\d+")


def _squashed(text: str) -> str:
    """``text`` with single spaces; figures ("3", "1998": the usual case, what ``\\d+``
    matched) as they are, without a regex substitution per call."""
    return text if text.isdecimal() else _SPACES.sub(" ", text.strip())


def number_value(text: str) -> int:
    """'3' -> 3, 'twenty-one' -> 21, 'a' -> 1, 'a couple of' -> 2."""
    text = _squashed(text)
    if text.isdigit():
        return int(text)
    if text in NUMBERS:
        return NUMBERS[text]
    return sum(NUMBERS[word] for word in text.split())


def year_value(text: str) -> int:
    """'1998' -> 1998; 'nineteen ninety-six' -> 1996; 'two thousand and three' -> 2003."""
    text = _squashed(text)
    if text.isdigit():
        return int(text)
    words = [w for w in text.split() if w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + (number_value(" ".join(words[2:])) if words[2:] else 0)
    century = NUMBERS[words[0]]
    rest = [w for w in words[1:] if w != "oh"]
    if rest == ["hundred"]:
        return century * 100
    return century * 100 + number_value(" ".join(rest))


def day_value(text: str) -> int:
    """'3' / '3rd' / 'third' / 'twenty-first' -> day of month."""
    text = _squashed(text)
    digits = _LEADING_DIGITS.match(text)
    if digits:
        return int(digits.group())
    return ORDINALS[text] if text in ORDINALS else ORDINALS[text.replace(" ", "-")]


def month_value(text: str) -> int:
    return MONTHS[text.rstrip(".")]


def weekday_value(text: str) -> int:
    return WEEKDAYS[text.rstrip(".")]


def ordinal_value(text: str) -> int:
    """'third' / '3rd' / '3' -> 3."""
    return day_value(text)


def _not_date_words() -> dict[str, str]:
    """``not_dates.csv``: words that make a bare ordinal or number next to them a name, not a
    date ("the 5th Corps", "Highway 4", "for the 3rd time"); kind ``unit``, ``road`` or ``count``."""
    table = {}
    for lineno, (word, kind, example) in numbered_rows("not_dates.csv", ("word", "kind", "example")):
        if kind not in ("unit", "road", "count"):
            raise VocabError(f"not_dates.csv:{lineno}:2: kind must be unit, road or count: {kind!r}")
        if word not in example.split():
            raise VocabError(f"not_dates.csv:{lineno}:3: example must use the word {word!r}: {example!r}")
        table[word] = kind
    return table


NOT_DATE_WORDS = _not_date_words()
