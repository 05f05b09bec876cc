"""The dashboard's filter as a value object: one selection, one caption, one query.

``EventFilter`` holds what the user selected.  ``apply(events)`` runs the selection
through ``components.query.run`` (the one query definition, executed by DuckDB embedded, or
by any other Ibis backend for a remote table), and ``describe()`` / ``active()`` read the
very same fields, so the caption can never disagree with the data.

Semantics (empty tuple / ``None`` = no constraint; fields AND together, values inside a
field OR together):

- ``actors``, ``sides``, ``towns`` match when *any* of the event's list entries is selected.
- ``types``, ``statuses``, ``sources``, ``precisions`` match ``event_type``, ``status``,
  ``outlet`` and ``precision``.
- Dates compare the event's honest bounds ``[earliest, latest]`` with the inclusive range
  ``[start, end]``.  ``overlap`` (the default) keeps an event whose interval touches the
  range at all: ``earliest <= end and latest >= start`` — "June 2020" is kept for a range
  of 2020-06-20..2020-07-31.  ``within`` keeps only events known to lie entirely inside
  the range: ``earliest >= start and latest <= end`` — "June 2020" is dropped there.
  An open side (``start`` or ``end`` is ``None``) is unbounded.
- ``known_by`` keeps what was known on that day: events from articles *certainly* published
  by then (``published_latest <= known_by``), or with ``known_mode="possibly"`` possibly
  published by then (``published_earliest <= known_by``).  Rows not from articles (dataset
  imports) have no publication day: their own dates stand in (``latest`` / ``earliest``).
- ``lag_days`` is not a constraint: undated reports are dated from that many days before
  publication (``components.events.lag``); the query applies it before filtering.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

import pandas as pd

from components.events.model import side_label
from components.events.schema import PRECISIONS
from components.query.fields import (DATE_MODES, DEFAULT_LAG, FILTER_FIELDS, KNOWN_MODE_LABELS,
                                     KNOWN_MODES, LAG_LIMITS, SCOPES)

_DATE_MODE_WORDS = {"overlap": "overlapping", "within": "within"}


class FilterError(ValueError):
    """A filter value is unusable (unknown date mode or precision, reversed range...)."""


def _as_date(name: str, value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise FilterError(f"EventFilter.{name}: not a date: {value!r}")


def _as_tuple(name: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    try:
        items = tuple(value)  # type: ignore[arg-type]
    except TypeError:
        raise FilterError(f"EventFilter.{name}: expected a list of names, got {value!r}") from None
    for item in items:
        if not isinstance(item, str):
            raise FilterError(f"EventFilter.{name}: not a name: {item!r}")
    if name == "sides":
        items = tuple(item.casefold() for item in items)
    return tuple(dict.fromkeys(items))  # de-duplicated, order kept


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to show.  See the module docstring for the exact semantics.

    >>> flt = EventFilter(towns=("Albu Kamal",), sides=("iran",),
    ...                   start=date(2020, 1, 1), end=date(2020, 7, 31))
    >>> flt.describe(57, 14)
    'Town: Albu Kamal and places within it · Side: Iran · overlapping 2020-01-01..2020-07-31 · 14 of 57 events'
    """

    actors: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    start: date | None = None       # inclusive
    end: date | None = None         # inclusive
    date_mode: str = "overlap"
    precisions: tuple[str, ...] = ()
    scope: str = "inside"           # towns and actors: with what is inside/under them, or "exact"
    known_by: date | None = None    # knowledge time: only what was published by this day
    known_mode: str = "certainly"   # ... certainly (latest publication day) or possibly (earliest)
    lag_days: int = DEFAULT_LAG     # reporting lag of undated reports (not a constraint)

    def __post_init__(self) -> None:
        # Widgets hand over lists, Timestamps and ISO strings: normalise them once, here.
        for f in FILTER_FIELDS:
            object.__setattr__(self, f.attr, _as_tuple(f.attr, getattr(self, f.attr)))
        object.__setattr__(self, "start", _as_date("start", self.start))
        object.__setattr__(self, "end", _as_date("end", self.end))
        object.__setattr__(self, "known_by", _as_date("known_by", self.known_by))
        if self.known_mode not in KNOWN_MODES:
            raise FilterError(f"EventFilter.known_mode: {self.known_mode!r} is not one of {KNOWN_MODES}")
        lag = self.lag_days
        if isinstance(lag, bool) or not isinstance(lag, int) or not LAG_LIMITS[0] <= lag <= LAG_LIMITS[1]:
            raise FilterError(f"EventFilter.lag_days: {lag!r} is not a whole number of days "
                              f"{LAG_LIMITS[0]}..{LAG_LIMITS[1]}")
        if self.scope not in SCOPES:
            raise FilterError(f"EventFilter.scope: {self.scope!r} is not one of {SCOPES}")
        if self.date_mode not in DATE_MODES:
            raise FilterError(f"EventFilter.date_mode: {self.date_mode!r} is not one of {DATE_MODES}")
        unknown = [p for p in self.precisions if p not in PRECISIONS]
        if unknown:
            raise FilterError(f"EventFilter.precisions: {unknown[0]!r} is not one of {PRECISIONS}")
        if self.start and self.end and self.end < self.start:
            raise FilterError(f"EventFilter: range ends before it starts: {self.start}..{self.end}")

    def __str__(self) -> str:
        return " · ".join(f"{k}: {v}" for k, v in self.active().items()) or "all"

    def is_empty(self) -> bool:
        """True when nothing is selected (every event passes)."""
        settings = ("date_mode", "scope", "known_mode", "lag_days")
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in settings)

    def active(self) -> dict[str, str]:
        """Label -> human value for every constraint in use, for captions and titles."""
        out: dict[str, str] = {}
        for f in FILTER_FIELDS:
            values = getattr(self, f.attr)
            if values:
                shown = [side_label(v) for v in values] if f.key == "side" else list(values)
                text = ", ".join(shown)
                if f.scope_words and self.scope == "inside":
                    text += f" {f.scope_words} {'it' if len(values) == 1 else 'them'}"
                out[f.label if len(values) == 1 else f.plural] = text
        if self.start or self.end:
            out["Dates"] = f"{_DATE_MODE_WORDS[self.date_mode]} {self._range_text()}"
        if self.known_by:
            out["Known by"] = f"{self.known_by.isoformat()} ({KNOWN_MODE_LABELS[self.known_mode]})"
        return out

    def describe(self, total: int, shown: int) -> str:
        """One-line caption: the active constraints and ``shown of total events``."""
        parts = [value if label == "Dates" else f"{label}: {value}"
                 for label, value in self.active().items()]
        return " · ".join((parts or ["All events"]) + [f"{shown:,} of {total:,} events"])

    def _range_text(self) -> str:
        if self.start and self.end:
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        if self.start:
            return f"{self.start.isoformat()} onwards"
        return f"up to {self.end.isoformat()}"


def selected_places(flt: EventFilter, town_parents: dict[str, str]) -> set[str] | None:
    """The places a town filter covers (None: no town filter): the names picked and, in
    the "inside" scope, every place within them."""
    if not flt.towns:
        return None
    from components.events.hierarchy import descendants
    picked = set(flt.towns)
    if flt.scope == "inside":
        for name in flt.towns:
            picked.update(descendants(name, town_parents))
    return picked
