"""Checks an events table must pass before it is read; each returns a message or None.

* ``path_problem`` (``components.io.paths``) -- a FIFO or device, a loop of symbolic
  links or a missing path, refused before anything opens it;
* ``type_problem`` -- a Parquet column of the wrong shape (a list where a date belongs);
* ``date_problem`` / ``outside_range`` -- days outside ``schema.DATE_MIN..DATE_MAX``
  (pandas' nanosecond dates end in 1677 and 2262: a year-1020 typo would crash later).
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from components.events.schema import DATE_MAX, DATE_MIN, FRAME_COLUMNS, OUT_OF_RANGE
from components.events.validate import clip


def type_problem(table: pa.Table, name: str) -> str | None:
    """The first column whose Arrow type cannot hold its kind (a list of dates for a date)."""
    for column, kind in FRAME_COLUMNS.items():
        if column not in table.column_names:
            continue
        found = table.schema.field(column).type
        nested = pa.types.is_nested(found)
        if (kind == "list") != nested and not (kind == "list" and pa.types.is_string(found)):
            want = "a list of names" if kind == "list" else f"a {kind} column"
            return f"{name}: column {column!r} holds {found}, expected {want}"
    return None


def outside_range(days: np.ndarray) -> np.ndarray:
    """Which datetime64[D] values (never NaT) lie outside DATE_MIN..DATE_MAX."""
    low, high = np.datetime64(DATE_MIN, "D"), np.datetime64(DATE_MAX, "D")
    return ~np.isnat(days) & ((days < low) | (days > high))


def date_problem(table: pa.Table, name: str) -> str | None:
    """The first date outside the range, named by its row and event id (and how many rows)."""
    for column, kind in FRAME_COLUMNS.items():
        if kind != "date" or column not in table.column_names:
            continue
        try:
            days = table[column].cast(pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]")
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as err:
            return f"{name}: column {column!r}: not dates: {clip(str(err), 200)}"
        outside = np.flatnonzero(outside_range(days))
        if len(outside):
            row = int(outside[0])
            event = table["event_id"][row].as_py() if "event_id" in table.column_names else ""
            more = f" ({len(outside):,} rows)" if len(outside) > 1 else ""
            return (f"{name}: row {row + 1} (event {clip(str(event))!r}): column {column!r}: "
                    f"{days[row]} — {OUT_OF_RANGE}{more}")
    return None
