"""Building the events table (``schema.FRAME_COLUMNS``) from imported rows, and writing it as CSV."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from dateutil.relativedelta import relativedelta

from components.events.schema import FRAME_COLUMNS, LIST_SEP, blank_row, precision_of

def make_frame(rows: list[dict]) -> pd.DataFrame:
    """The events table from row dicts: exactly FRAME_COLUMNS, dates as datetime64, lists as lists."""
    frame = pd.DataFrame(rows if rows else [], columns=list(FRAME_COLUMNS))
    for column, kind in FRAME_COLUMNS.items():
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column], errors="raise").astype("datetime64[ns]")
        elif kind == "float":
            frame[column] = pd.to_numeric(frame[column]).astype("float64")
        elif kind == "list":
            frame[column] = frame[column].map(list).astype(object)
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def frame_to_csv(frame: pd.DataFrame) -> str:
    """The table as events.csv text: lists joined with LIST_SEP, dates ISO, NaN/NaT empty.

    Column by column (a 200,000-row import writes in a second or two, not cell by cell);
    CRLF line ends, so a bare CR inside a cell gets quoted.
    """
    text = pd.DataFrame({column: _text_column(frame[column], kind) for column, kind in FRAME_COLUMNS.items()})
    return text.to_csv(index=False, lineterminator="\r\n")


def _text_column(values: pd.Series, kind: str) -> pd.Series:
    if kind == "list":
        return values.map(lambda v: LIST_SEP.join(v) if isinstance(v, (list, tuple))
                          else ("" if _missing(v) else str(v)))
    if kind == "date":
        return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("")
    if kind == "float":
        numbers = pd.to_numeric(values, errors="coerce")
        return numbers.map(lambda v: "" if pd.isna(v) else repr(float(v)))
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
