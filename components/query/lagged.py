"""The events table as a reporting lag dates it: one re-dated frame per (frame, lag), kept.

A frame's undated reports were dated with the default lag when it was loaded
(``components.events.lag``); a query with another ``EventFilter.lag_days`` reads
``lagged(frame, days)`` instead.  The same object comes back for the same frame and lag,
so the engine imports it once; a frame without lag rows (an import) comes back itself.
Parquet paths and other Ibis tables keep the lag they were written with.
"""
from __future__ import annotations

import threading
import weakref

import pandas as pd

from components.events.lag import frame_lag, with_reporting_lag

_lock = threading.RLock()          # re-entrant: a finalizer may run inside the lock (GC)
_current: dict[int, int | None] = {}                      # id(frame) -> its lag (None: no lag rows)
_lagged: dict[tuple[int, int], pd.DataFrame] = {}         # (id(frame), days) -> re-dated frame


def _forget(frame_id: int) -> None:
    with _lock:
        _current.pop(frame_id, None)
        for key in [k for k in _lagged if k[0] == frame_id]:
            del _lagged[key]


def lagged(frame: pd.DataFrame, days: int) -> pd.DataFrame:
    """``frame`` with its undated reports dated ``days`` before publication."""
    with _lock:
        known = id(frame) in _current
        current = _current[id(frame)] if known else frame_lag(frame)
        if not known:
            _current[id(frame)] = current
            weakref.finalize(frame, _forget, id(frame))
        if current is None or current == days:
            return frame
        out = _lagged.get((id(frame), days))
        if out is None:
            out = _lagged[(id(frame), days)] = with_reporting_lag(frame, days)
        return out
