"""Building the events table (``schema.FRAME_COLUMNS``) from imported rows, and writing it as CSV."""
from __future__ import annotations

import math
from datetime import date, timedelta
from operator import itemgetter
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from dateutil.relativedelta import relativedelta

from components.events.cells import shared_cells
from components.events.schema import FRAME_COLUMNS, LIST_SEP, precision_of

def make_frame(rows: list[dict]) -> pd.DataFrame:
    """The events table from row dicts: exactly FRAME_COLUMNS, dates as datetime64, lists as lists.

    Built column by column from plain lists, text columns straight into Arrow strings (a
    frame from 200,000 dicts, converted after, took 4-6 s; this way about 3).  The rows are
    transposed one row at a time (each dict read while it is in cache: a quarter of the time
    of reading every row's dict once per column)."""
    columns = list(zip(*map(_ROW_VALUES, rows))) or [()] * len(FRAME_COLUMNS)
    typed = {column: _typed_column(list(values), kind)
             for (column, kind), values in zip(FRAME_COLUMNS.items(), columns)}
    return pd.DataFrame(typed, columns=list(FRAME_COLUMNS))


_ROW_VALUES = itemgetter(*FRAME_COLUMNS)


def _typed_column(values: list, kind: str) -> pd.Series:
    if kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), errors="raise"), dtype="datetime64[ns]")
    if kind == "float":
        return pd.to_numeric(pd.Series(values, dtype=object)).astype("float64")
    if kind == "list":           # rows of one dyad or place share their lists, as a stored table's do
        return pd.Series([v if v.__class__ is list else list(v) for v in values], dtype=object)
    try:                                   # the usual column, all strings: straight to Arrow
        text = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid, UnicodeEncodeError):    # not all text: the general path
        text = None
    if text is None or text.null_count:
        return pd.Series(values, dtype=object).fillna("").astype(str)
    return pd.Series(text, dtype="str")


CSV_SLICE = 16_384   # rows turned into text at a time: memory bounded by a slice, not the table


def write_csv(frame: pd.DataFrame, out: BinaryIO) -> None:
    """Write the table as events.csv, UTF-8: lists joined with LIST_SEP, dates ISO, NaN/NaT empty.

    Written as Python's ``csv`` module writes it (``QUOTE_MINIMAL``: a field is quoted when it
    holds a comma, a quote or a line break, its quotes doubled), with CRLF line ends so a bare
    CR inside a cell gets quoted; but column by column in Arrow, ``CSV_SLICE`` rows at a time
    (a 200,000-row import is 400 MB of text: 8-9 s through ``DataFrame.to_csv``).
    """
    out.write((",".join(FRAME_COLUMNS) + "\r\n").encode("utf-8"))
    for first in range(0, len(frame), CSV_SLICE):
        part = frame.iloc[first: first + CSV_SLICE]
        fields = [_csv_field(_text_column(part[column], kind)) for column, kind in FRAME_COLUMNS.items()]
        lines = pc.binary_join_element_wise(*fields, _text_scalar(","))
        lines = pc.binary_join_element_wise(lines, _text_scalar("\r\n"), _text_scalar(""))
        offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset: lines.offset + len(lines) + 1]
        out.write(memoryview(lines.buffers()[2])[offsets[0]:offsets[-1]])


def _text_scalar(value: str) -> pa.Scalar:
    """A text scalar of the type the CSV fields are joined in."""
    return pa.scalar(value, pa.large_string())


def _csv_field(values: pd.Series) -> pa.Array:
    """A text column as CSV fields: quoted (quotes doubled) where it holds , " CR or LF."""
    text = pa.array(values.array) if isinstance(values.dtype, pd.StringDtype) else pa.array(values.tolist())
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    text = pc.fill_null(text.cast(pa.large_string()), _text_scalar(""))
    needs = pc.match_substring_regex(text, '[",\r\n]')
    if not pc.any(needs).as_py():
        return text
    quoted = pc.binary_join_element_wise(_text_scalar(""), pc.replace_substring(text, '"', '""'), _text_scalar(""), _text_scalar('"'))
    return pc.if_else(needs, quoted, text)


def _text_column(values: pd.Series, kind: str) -> pd.Series:
    if kind == "list":           # each distinct list object joined once (rows share them)
        codes, cells = shared_cells(values)
        text = np.array([LIST_SEP.join(v) if isinstance(v, (list, tuple)) else ("" if _missing(v) else str(v))
                         for v in cells], dtype=object)
        return pd.Series(text[codes], index=values.index, dtype=object)
    if kind == "date":           # Arrow's date-to-text cast is ISO: YYYY-MM-DD
        days = pa.array(pd.to_datetime(values).to_numpy(dtype="datetime64[D]"))
        return pd.Series(pc.fill_null(days.cast(pa.string()), "").to_numpy(zero_copy_only=False),
                         index=values.index, dtype=object)
    if kind == "float":          # each distinct number written once (coordinates repeat per place)
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")
        codes, bits = pd.factorize(numbers.view(np.int64))     # by bit pattern: -0.0 stays "-0.0"
        text = np.array(["" if math.isnan(v) else repr(v) for v in np.asarray(bits).view(np.float64).tolist()],
                        dtype=object)
        return pd.Series(text[codes], index=values.index, dtype=object)
    return values.fillna("").astype(str)


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def set_interval(row: dict, start: date, end: date, granularity: str, timex: str, rule: str,
                 explanation: str) -> None:
    """Fill the date columns for an imported interval: no modifier, so named = honest bounds."""
    row.update(start=start, end=end, earliest=start, latest=end, granularity=granularity, mod="",
               precision=precision_of((end - start).days + 1), timex=timex, rule=rule,
               explanation=explanation, date_source="import")


def shape_of(start: date, end: date) -> tuple[str, str]:
    """(granularity, timex) of an interval: a calendar day, ISO week, month or year, else a span."""
    if start == end:
        return "day", start.isoformat()
    iso = start.isocalendar()
    if start.weekday() == 0 and end == start + timedelta(days=6):
        return "week", f"{iso.year}-W{iso.week:02d}"
    if start.day == 1 and end == start + relativedelta(day=31):
        return "month", f"{start:%Y-%m}"
    if (start.month, start.day) == (1, 1) and end == start + relativedelta(month=12, day=31):
        return "year", f"{start:%Y}"
    return "span", ""



def merge_frames(bundled: pd.DataFrame, imported: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Bundled events followed by the imported ones; an imported id already bundled is left out
    and returned, so the caller can say which (the bundled, curated version wins)."""
    taken = set(bundled["event_id"]) if "event_id" in bundled.columns else set()
    clash = imported["event_id"].isin(taken)
    merged = pd.concat([bundled, imported[~clash]], ignore_index=True)
    merged.attrs = {}
    return merged, sorted(imported.loc[clash, "event_id"])
