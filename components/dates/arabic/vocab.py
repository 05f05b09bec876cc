"""Arabic vocabularies (``data/vocab/ar_*.csv``), folded once when loaded.

Every file has a header row and an ``example`` column (a phrase the row is used in).
Words are written in ordinary spelling (أيار، الأربعاء، ثلاثة) and folded here
(``fold.fold``), so the rules match however a writer places hamzas or dots; each row
is checked (file:line:column and the value in the error).  The vague spans
(``ar_vague_spans.csv``) are regexes and so are written already folded (no أ إ آ ة ى ئ ؤ).
"""
from __future__ import annotations

from datetime import date

from components.dates.model import Mod
from components.dates.vocab import VocabError, alternation, int_table, numbered_rows

from .fold import fold

_MODS = {"start": Mod.START, "mid": Mod.MID, "end": Mod.END, "approx": Mod.APPROX, "before": Mod.BEFORE,
         "after": Mod.AFTER, "on_or_after": Mod.ON_OR_AFTER, "none": Mod.NONE}
UNIT_NAMES = {"hour", "day", "week", "month", "year"}


def rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(line number, row) for each data row; the first column folded; non-empty fields checked."""
    return [(lineno, (fold(row[0]), *row[1:])) for lineno, row in
            numbered_rows(name, columns, ok=lambda v: v and v == v.strip(), rule="trimmed and non-empty")]


def _int_table(name: str, columns: tuple[str, ...], low: int, high: int) -> dict[str, int]:
    return int_table(name, columns, low, high, rows=rows)


def _choice_table(name: str, columns: tuple[str, ...], allowed) -> dict[str, str]:
    table = {}
    for lineno, row in rows(name, columns):
        if row[1] not in allowed:
            raise VocabError(f"{name}:{lineno}:2: {columns[1]} must be one of {sorted(allowed)}: {row[1]!r}")
        table[row[0]] = row[1]
    return table


MONTHS = _int_table("ar_months.csv", ("name", "month", "example"), 1, 12)
WEEKDAYS = _int_table("ar_weekdays.csv", ("name", "weekday", "example"), 0, 6)
NUMBERS = _int_table("ar_numbers.csv", ("word", "value", "example"), 1, 99)
ORDINALS = _int_table("ar_ordinals.csv", ("word", "value", "example"), 1, 31)
HIJRI_NAMES = _int_table("ar_hijri_names.csv", ("name", "month", "example"), 1, 12)
RELATIVE = _choice_table("ar_relative.csv", ("word", "direction", "example"), {"past", "this", "next"})
TENSE_CUES = _choice_table("ar_tense_cues.csv", ("cue", "direction", "example"), {"past", "future"})
WRAPPERS = {word: _MODS[mod] for word, mod in _choice_table("ar_wrappers.csv", ("word", "mod", "example"), _MODS).items()}
UNITS: dict[str, tuple[str, str]] = {}
for _lineno, (_word, _unit, _count, _example) in rows("ar_units.csv", ("word", "unit", "count", "example")):
    if _unit not in UNIT_NAMES or _count not in ("1", "2", "n"):
        raise VocabError(f"ar_units.csv:{_lineno}:2: unit must be one of {sorted(UNIT_NAMES)} and count 1/2/n: "
                         f"{_unit!r}/{_count!r}")
    UNITS[_word] = (_unit, _count)


def _hijri_table() -> dict[tuple[int, int], tuple[date, date]]:
    """(Hijri year, month) -> (first, last Gregorian day), Umm al-Qura, from ar_hijri_months.csv."""
    table = {}
    for lineno, (year, month, start, end) in rows("ar_hijri_months.csv", ("hijri_year", "month", "start", "end")):
        try:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
            key = (int(year), int(month))
        except ValueError as err:
            raise VocabError(f"ar_hijri_months.csv:{lineno}:1: {err}: {(year, month, start, end)!r}") from err
        if not 1 <= key[1] <= 12 or not 28 <= (last - first).days + 1 <= 30:
            raise VocabError(f"ar_hijri_months.csv:{lineno}:2: not a Hijri month: {(year, month, start, end)!r}")
        table[key] = (first, last)
    return table


HIJRI_MONTHS = _hijri_table()

# Alternations over folded words; a definite article may be left off ("يوم سبت" is rare, "سبت" in
# "السبت" always has it) so weekdays keep theirs.
MONTH = alternation(MONTHS)
WEEKDAY = alternation(WEEKDAYS)
HIJRI = alternation(HIJRI_NAMES)
NUMBER_WORD = alternation(NUMBERS)
ORDINAL = alternation(ORDINALS)
UNIT = alternation(UNITS)
ONE_UNIT = alternation(w for w, (_, count) in UNITS.items() if count == "1")
DUAL_UNIT = alternation(w for w, (_, count) in UNITS.items() if count == "2")
PAST = alternation(w for w, d in RELATIVE.items() if d == "past")
THIS = alternation([*(w for w, d in RELATIVE.items() if d == "this")])
NEXT = alternation(w for w, d in RELATIVE.items() if d == "next")
WRAPPER = alternation(WRAPPERS)


def number_value(text: str) -> int:
    """'3' -> 3, 'ثلاثه' -> 3, 'احد عشر' -> 11."""
    text = " ".join(text.split())
    return int(text) if text.isdigit() else NUMBERS[text]
