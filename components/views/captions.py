"""The self-describing context line under every chart title and above the charts.

One sentence that makes a screenshot explain itself: the active filters and counts
(from ``EventFilter.describe``, so it cannot disagree with the data), the date mode,
the data's as-of date (the latest publication day in the data set), the reporting lag
that dates undated reports, and the sources.

>>> context_line(EventFilter(towns=("Albu Kamal",)), total=57, shown=14,
...              as_of=date(2020, 12, 31), sources=["SouthFront", "Diyaruna"])
'Town: Albu Kamal and places within it · 14 of 57 events · date mode: overlap · data as of 2020-12-31 · undated reports: up to 21 days before publication · sources: SouthFront, Diyaruna'
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from components.query.filter import EventFilter
from components.text import clip

MAX_SOURCES = 5
SOURCE_MAX_CHARS = 80       # one outlet name in the context line (full names are in the table)


def data_as_of(frame: pd.DataFrame) -> date | None:
    """Latest publication day in ``frame`` (imports without one: the latest event day)."""
    for column in ("published_latest", "latest"):
        if column in frame.columns:
            value = frame[column].max()
            if value is not None and not pd.isna(value):
                return pd.Timestamp(value).date()
    return None


def source_names(frame: pd.DataFrame) -> list[str]:
    """Outlets of ``frame``, most frequent first (ties by name)."""
    if "outlet" not in frame.columns or frame.empty:
        return []
    counts = frame["outlet"].astype(str).replace("", pd.NA).dropna().value_counts()
    return sorted(counts.index, key=lambda name: (-counts[name], name))


def sources_text(sources: Sequence[str], limit: int = MAX_SOURCES) -> str:
    if not sources:
        return "no sources"
    head = ", ".join(clip(name, SOURCE_MAX_CHARS) for name in sources[:limit])
    return head + (f" and {len(sources) - limit} more" if len(sources) > limit else "")


def lag_stamp(days: int) -> str:
    """How undated reports are dated, for the chart stamp.

    >>> lag_stamp(21)
    'undated reports: up to 21 days before publication'
    """
    return f"undated reports: up to {days} day{'s' if days != 1 else ''} before publication"


def context_line(flt: EventFilter, *, total: int, shown: int, as_of: date | None,
                 sources: Sequence[str]) -> str:
    """Filters and counts · date mode · data as-of date · reporting lag · sources (plain text)."""
    as_of_text = as_of.isoformat() if as_of else "unknown"
    return (f"{flt.describe(total, shown)} · date mode: {flt.date_mode} · "
            f"data as of {as_of_text} · {lag_stamp(flt.lag_days)} · sources: {sources_text(sources)}")
