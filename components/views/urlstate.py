"""The dashboard's URL: query parameters <-> (EventFilter, ViewOptions), validated, never raising.

Parameters (all optional; multi-values as repeated keys ``?town=A&town=B`` or
comma-separated ``?town=A,B``):

=============  =============================================  ======================
key            meaning                                        example
=============  =============================================  ======================
actor          actor, canonical name or any alias             ``actor=Fatemiyoun``
side           side vocabulary (russia, iran, ...)            ``side=iran``
town           town, canonical name or any alias              ``town=Boukamal``
type           event type                                     ``type=deployment``
status         status (reported, claimed, background, ...)    ``status=reported``
source         source outlet                                  ``source=SouthFront``
start, end     inclusive date range, YYYY-MM-DD (or YYYY-MM,  ``start=2020-01``
               YYYY: start takes the first day, end the last)
date_mode      overlap | within                               ``date_mode=within``
scope          inside (a town or actor with what is inside or ``scope=exact``
               under it: the default) | exact
precision      day | week | month | year | coarser            ``precision=day``
known_by       knowledge time: only events from articles      ``known_by=2020-06-30``
               published by that day (YYYY-MM-DD; YYYY-MM or
               YYYY: its last day)
known_mode     certainly (latest publication day, the        ``known_mode=possibly``
               default) | possibly (earliest)
lag            reporting lag of undated reports, whole days   ``lag=14``
               0..365 (default 21)
swimlane       actor | side | town (timeline lanes)           ``swimlane=town``
colour         side | type (timeline colours)                 ``colour=type``
period         week | month | quarter (balance chart)         ``period=quarter``
rule           spread | start | end | midpoint (balance)      ``rule=midpoint``
=============  =============================================  ======================

Anything else — an unknown key, a value not in the data's vocabulary, a malformed or
reversed date, a value over ``MAX_VALUE_CHARS``, text with control characters or
undecodable bytes, more than ``MAX_VALUES`` values — is dropped and reported in the
returned warnings (values quoted and cut to ``SHOWN_CHARS``). Parsing never raises.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from components.events.cells import shared_cells
from components.events.registry import name_key
from components.events.schema import DATE_MAX, DATE_MIN, NO_VALUE, OUT_OF_RANGE
from components.query.fields import (CHOICE_KEYS, DEFAULT_LAG, FILTER_FIELDS, FIXED_CHOICES,
                                     KNOWN_BY_KEY, LAG_KEY, LAG_LIMITS, URL_KEYS, VIEW_CHOICES)
from components.query.filter import EventFilter

MAX_VALUE_CHARS = 200
MAX_VALUES = 50
MAX_PARAM_CHARS = 4000
SHOWN_CHARS = 40
MAX_WARNINGS = 10
IGNORED_KEYS = frozenset({"embed", "embed_options"})   # Streamlit's own parameters
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff\ufffd]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """How the filtered events are drawn (not which are kept)."""

    swimlane: str = "actor"
    colour: str = "side"
    period: str = "month"
    rule: str = "count"
    panel: str = "presence"

    def __post_init__(self) -> None:
        for name, allowed in VIEW_CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"ViewOptions.{name}: {getattr(self, name)!r} is not one of {allowed}")



@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Per URL key: comparison key -> canonical value, from the data and its alias registries."""

    names: Mapping[str, Mapping[str, str]]
    # Per URL key: canonical value -> its other spellings, for widget labels.
    spellings: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    def resolve(self, key: str, value: str) -> str | None:
        return self.names.get(key, {}).get(name_key(value))

    def choices(self, key: str) -> list[str]:
        """Canonical values for a widget's options, sorted, without duplicates."""
        if key in FIXED_CHOICES:
            return list(FIXED_CHOICES[key])
        return sorted(set(self.names.get(key, {}).values()), key=str.casefold)

    def label(self, key: str, value: str) -> str:
        """A widget option's text: the name and its other spellings, so typing any alias in
        the box finds the canonical entry ("Albu Kamal · also Boukamal, Abu Kamal")."""
        others = self.spellings.get(key, {}).get(value, ())
        return f"{value} · also {', '.join(others)}" if others else value


def vocabulary_from_frame(frame: pd.DataFrame, *, actor_aliases: Mapping[str, Iterable[str]] = {},
                          town_aliases: Mapping[str, Iterable[str]] = {}) -> Vocabulary:
    """Values present in ``frame`` plus the aliases of the canonical actors and towns in it."""
    def distinct(column: str, is_list: bool) -> set[str]:
        series = frame[column]
        if not is_list:
            return {str(v) for v in series.dropna().unique() if str(v) not in ("", NO_VALUE)}
        found: set = set()
        cells = series.to_numpy()
        if series.dtype == object and any(isinstance(v, (list, tuple, np.ndarray)) for v in cells[:50]):
            # Each shared list object read once (1M rows: ~0.05 s; a set update per row
            # ~0.15 s, explode ~0.8 s).
            for cell in shared_cells(series)[1]:
                if isinstance(cell, (list, tuple, np.ndarray)):
                    found.update(cell)
                elif isinstance(cell, str):
                    found.update(cell.split(";"))
        else:                         # '; '-joined text: each distinct text split once
            for text in series.dropna().unique():
                found.update(str(text).split(";"))
        return {str(v).strip() for v in found if v is not None} - {"", NO_VALUE}

    names: dict[str, dict[str, str]] = {}
    for f in FILTER_FIELDS:
        if f.key in FIXED_CHOICES:
            names[f.key] = {name_key(v): v for v in FIXED_CHOICES[f.key]}
            continue
        # A town's district or an actor's parent group is selectable too: read the scope.
        column = f.scope_column if f.scope_column in frame.columns else f.column
        present = distinct(column, f.is_list) if column in frame.columns else set()
        names[f.key] = {name_key(v): v for v in present}
    spellings: dict[str, dict[str, tuple[str, ...]]] = {}
    for key, aliases in (("actor", actor_aliases), ("town", town_aliases)):
        present = set(names[key].values())
        spellings[key] = {}
        for canonical, alias_list in aliases.items():
            if canonical in present:
                for alias in alias_list:
                    names[key].setdefault(name_key(alias), canonical)
                spellings[key][canonical] = tuple(dict.fromkeys(
                    a for a in alias_list if name_key(a) != name_key(canonical)))
    return Vocabulary(names, spellings)


@dataclass(frozen=True, slots=True)
class ParsedView:
    filter: EventFilter
    options: ViewOptions
    warnings: tuple[str, ...] = field(default=())


def shown(value: object) -> str:
    """A value quoted for a warning, cut to SHOWN_CHARS and with control characters escaped."""
    text = repr(str(value))[1:-1]
    return f"'{text[:SHOWN_CHARS]}…'" if len(text) > SHOWN_CHARS else f"'{text}'"


def _items(raw: object) -> list[str]:
    """Repeated keys as a list of strings (bytes decoded; undecodable bytes become U+FFFD)."""
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return [item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
            for item in items]


def _split(item: str) -> list[str]:
    return [part.strip() for part in item.split(",") if part.strip()]


def _bad_value(key: str, value: str) -> str | None:
    if len(value) > MAX_VALUE_CHARS:
        return f"Ignored {key}={shown(value)}: longer than {MAX_VALUE_CHARS} characters"
    if _BAD_CHARS.search(value):
        return f"Ignored {key}={shown(value)}: control characters or invalid UTF-8"
    return None


def parse_date(text: str, *, end: bool) -> date | None:
    """'2020-06-03', '2020-06' or '2020' -> a day (the first, or the last when ``end``)."""
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            m = int(month)
            return date(year, m, calendar.monthrange(year, m)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        return None


def parse_query_params(params: Mapping[str, object], vocab: Vocabulary) -> ParsedView:
    """URL parameters -> filter, view options and warnings (see the module docstring)."""
    warnings: list[str] = []
    picked: dict[str, list[str]] = {}
    for key, raw in params.items():
        key = str(key)
        if key in IGNORED_KEYS:
            continue
        if key not in URL_KEYS:
            warnings.append(f"Ignored unknown parameter {shown(key)}")
            continue
        items = _items(raw)
        if sum(len(v) for v in items) > MAX_PARAM_CHARS or len(items) > MAX_VALUES:
            size = sum(len(v) for v in items)
            warnings.append(f"Ignored {key}={shown(items[0])}: too much input "
                            f"({len(items)} values, {size:,} characters)")
            continue
        picked[key] = []
        for item in items:
            problem = _bad_value(key, item)
            warnings += [problem] if problem else []
            picked[key] += [] if problem or not item.strip() else [item.strip()]
    fields: dict[str, object] = {}
    for f in FILTER_FIELDS:
        key, field_name = f.key, f.attr
        resolved: list[str] = []
        for item in picked.get(key, []):
            # A whole value first: outlet names may themselves contain commas.
            parts = [item] if vocab.resolve(key, item) else _split(item)
            for value in parts:
                canonical = vocab.resolve(key, value)
                if canonical is None:
                    warnings.append(f"Ignored {key}={shown(value)}: not a known {key} in this data")
                elif canonical not in resolved:
                    resolved.append(canonical)
        fields[field_name] = tuple(resolved)
    for key in ("start", "end", KNOWN_BY_KEY):
        fields[key] = _single_date(key, _flat(picked.get(key, [])), warnings)
    fields["lag_days"] = _single_days(LAG_KEY, _flat(picked.get(LAG_KEY, [])), warnings)
    if fields["start"] and fields["end"] and fields["end"] < fields["start"]:
        warnings.append(f"Ignored end={fields['end']}: before start={fields['start']}")
        fields["end"] = None
    for key, allowed in CHOICE_KEYS.items():
        fields[key] = _single_choice(key, _flat(picked.get(key, [])), allowed, allowed[0], warnings)
    options = {name: _single_choice(name, _flat(picked.get(name, [])), allowed, allowed[0], warnings)
               for name, allowed in VIEW_CHOICES.items()}
    if len(warnings) > MAX_WARNINGS:
        warnings = warnings[:MAX_WARNINGS - 1] + [f"… and {len(warnings) - MAX_WARNINGS + 1} more "
                                                  "ignored parameters or values"]
    return ParsedView(EventFilter(**fields), ViewOptions(**options), tuple(warnings))


def _flat(items: list[str]) -> list[str]:
    return [part for item in items for part in _split(item)]


def _single_date(key: str, values: list[str], warnings: list[str]) -> date | None:
    if len(values) > 1:
        warnings.append(f"Ignored extra {key} values: {', '.join(shown(v) for v in values[1:])}")
    for value in values[:1]:
        day = parse_date(value, end=key != "start")
        if day is None:
            warnings.append(f"Ignored {key}={shown(value)}: not a date (use YYYY-MM-DD)")
        elif not DATE_MIN <= day <= DATE_MAX:
            warnings.append(f"Ignored {key}={day.isoformat()}: {OUT_OF_RANGE}")
            return None
        return day
    return None


def _single_days(key: str, values: list[str], warnings: list[str]) -> int:
    """A whole number of days within LAG_LIMITS (the default when absent or bad)."""
    if len(values) > 1:
        warnings.append(f"Ignored extra {key} values: {', '.join(shown(v) for v in values[1:])}")
    for value in values[:1]:
        if value.isascii() and value.isdigit() and LAG_LIMITS[0] <= int(value) <= LAG_LIMITS[1]:
            return int(value)
        warnings.append(f"Ignored {key}={shown(value)}: not a whole number of days "
                        f"{LAG_LIMITS[0]}..{LAG_LIMITS[1]}")
    return DEFAULT_LAG


def _single_choice(key: str, values: list[str], allowed: tuple[str, ...], default: str,
                   warnings: list[str]) -> str:
    """The first allowed value (case-insensitive); the others are reported."""
    valid = []
    for value in values:
        if value.casefold() in allowed:
            valid.append(value.casefold())
        else:
            warnings.append(f"Ignored {key}={shown(value)}: use one of {', '.join(allowed)}")
    if len(valid) > 1:
        warnings.append(f"Used {key}={valid[0]}; ignored the other {key} values")
    return valid[0] if valid else default


def to_query_params(flt: EventFilter, options: ViewOptions) -> dict[str, list[str]]:
    """The URL form of a view: repeated keys for multi-values, defaults left out."""
    out: dict[str, list[str]] = {}
    for f in FILTER_FIELDS:
        values = list(getattr(flt, f.attr))
        if values:
            out[f.key] = values
    for key in ("start", "end", KNOWN_BY_KEY):
        if getattr(flt, key):
            out[key] = [getattr(flt, key).isoformat()]
    if flt.lag_days != DEFAULT_LAG:
        out[LAG_KEY] = [str(flt.lag_days)]
    for key, allowed in CHOICE_KEYS.items():
        if getattr(flt, key) != allowed[0]:
            out[key] = [getattr(flt, key)]
    defaults = ViewOptions()
    for name in VIEW_CHOICES:
        if getattr(options, name) != getattr(defaults, name):
            out[name] = [getattr(options, name)]
    return out


__all__ = ["ViewOptions", "Vocabulary", "ParsedView", "parse_query_params", "to_query_params",
           "vocabulary_from_frame", "parse_date"]
