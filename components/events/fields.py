"""Cell parsers shared by the table readers: required values, ISO dates, enums, numbers.

Each returns the parsed value, or None after adding a located problem.
"""
from __future__ import annotations

import difflib
import math
import re
from datetime import date
from enum import Enum
from typing import TypeVar

from .records import Problems, Record
from .schema import DATE_MAX, DATE_MIN, OUT_OF_RANGE
from .validate import clip

E = TypeVar("E", bound=Enum)

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def require(record: Record, columns: tuple[str, ...], label: str, problems: Problems) -> bool:
    """True when every one of ``columns`` is non-empty; each empty one is a problem."""
    ok = True
    for column in columns:
        if not record[column]:
            problems.add(label, record.line, column, "", f"empty required field '{column}'")
            ok = False
    return ok


def iso_date(record: Record, column: str, label: str, problems: Problems) -> date | None:
    """A ``YYYY-MM-DD`` cell as a date (empty cells are the caller's business)."""
    value = record[column]
    if ISO_DAY.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError as err:
            problems.add(label, record.line, column, value, f"bad date '{clip(value)}': {err}")
            return None
        if not DATE_MIN <= day <= DATE_MAX:
            problems.add(label, record.line, column, value, f"bad date '{clip(value)}': {OUT_OF_RANGE}")
            return None
        return day
    problems.add(label, record.line, column, value, f"bad date '{clip(value)}' (expected YYYY-MM-DD)")
    return None


def enum_value(record: Record, column: str, enum: type[E], label: str,
               problems: Problems) -> E | None:
    """The case-folded cell as a member of ``enum``; other values are a problem."""
    value = record[column]
    try:
        return enum(value.casefold())
    except ValueError:
        allowed = [m.value for m in enum]
        close = difflib.get_close_matches(value.casefold(), allowed, n=1)
        tip = f" (did you mean '{close[0]}'?)" if close else ""
        problems.add(label, record.line, column, value,
                     f"bad {column} '{clip(value)}'{tip}; allowed: {', '.join(allowed)}")
        return None


def vocabulary_value(record: Record, column: str, allowed: dict[str, object], source: str,
                     label: str, problems: Problems) -> str | None:
    """The case-folded cell if it is a key of ``allowed`` (a vocabulary loaded from ``source``)."""
    value = record[column]
    if value.casefold() in allowed:
        return value.casefold()
    close = difflib.get_close_matches(value.casefold(), list(allowed), n=1)
    tip = f" (did you mean '{close[0]}'?)" if close else ""
    problems.add(label, record.line, column, value, f"unknown {column} '{clip(value)}'{tip}; see {source}")
    return None


def bounded_float(record: Record, column: str, low: float, high: float, label: str,
                  problems: Problems) -> float | None:
    """A finite number within [low, high]."""
    value = record[column]
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if math.isfinite(number) and low <= number <= high:
        return number
    problems.add(label, record.line, column, value,
                 f"bad {column} '{clip(value)}' (expected a number from {low:g} to {high:g})")
    return None


def first_seen(seen: dict[str, int], key: str, record: Record, column: str, label: str,
               problems: Problems) -> bool:
    """Record ``key`` as defined on this line; a repeat is a 'duplicate' problem (returns False)."""
    if key in seen:
        problems.add(label, record.line, column, record[column],
                     f"duplicate {column} '{record[column]}' (first on line {seen[key]})")
        return False
    seen[key] = record.line
    return True
