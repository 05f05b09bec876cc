"""Exporting the (filtered) events table: ACLED-compatible CSV and JSON.

CSV cells are guarded against formula injection: a text cell starting with
``= + - @``, a tab or a carriage return gets a leading apostrophe, so a
spreadsheet shows it as text instead of running it (plain numbers such as
``-3.5`` are left alone).  The ACLED importer strips that apostrophe again.

The CSV has ACLED's standard columns followed by ours (``EXTRA_COLUMNS``):
``event_id``, the honest interval ``earliest``/``latest`` with its
``granularity`` and ``precision``, the normalizer ``rule`` and ``explanation``,
every town (``towns``) and the phrase (``date_text``).  ACLED's own
``event_date``/``time_precision`` hold the interval's midpoint and the closest
ACLED code (1 day, 2 week, 3 month or coarser), which is what ACLED itself does
for a week or a month; tools that know our columns read the interval instead, and
so does ``python -m components.importers acled``: an export imports back with the
same ids, dates, actors and towns.

A row that came from an ACLED file gives back that file's own values in ACLED's
columns (its original ``event_date``, actor names, admin areas, fatalities,
timestamp...), kept in the events table's ``source_record``; our columns still
follow.
"""
from __future__ import annotations

import json
import math
import re

import pandas as pd

from components.events.schema import FRAME_COLUMNS, LIST_SEP

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
EXTRA_COLUMNS = ("event_id", "earliest", "latest", "granularity", "precision", "rule", "explanation",
                 "towns", "date_text", "favours")
TIME_PRECISION = {"day": 1, "week": 2}          # anything wider is ACLED's 3 (month)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_AFTER_APOSTROPHE = (*FORMULA_TRIGGERS, "'")   # what the importer's unguard looks for
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
ID_PREFIX = "acled:"


def guard_cell(value: str) -> str:
    """``value`` made safe for spreadsheets: formula-like text gets a leading apostrophe.

    Text that already looks guarded (an apostrophe, then a trigger or another
    apostrophe) gets one more: "'=1" -> "''=1".  A spreadsheet shows it as written,
    the importer removes exactly one, so export -> import gives the text back
    unchanged.  Other text starting with an apostrophe ("'quoted'") is left alone.
    """
    if value[:1] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    if value[:1] == "'" and value[1:2] in _AFTER_APOSTROPHE:
        return "'" + value
    return value


def acled_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The events as ACLED_COLUMNS + EXTRA_COLUMNS, every cell a string (not yet guarded)."""
    missing = [c for c in ("event_id", "earliest", "latest", "actors", "towns") if c not in frame.columns]
    if missing:
        raise ValueError(f"cannot export: the events table lacks column(s) {', '.join(missing)}")
    n = len(frame)
    text = lambda column: (frame[column].fillna("").astype(str) if column in frame.columns  # noqa: E731
                           else pd.Series([""] * n, index=frame.index, dtype=object))
    earliest = pd.to_datetime(frame["earliest"])
    latest = pd.to_datetime(frame["latest"])
    midpoint = (earliest + (latest - earliest) / 2).dt.floor("D")
    actors = frame["actors"].map(_names)
    towns = frame["towns"].map(_names)
    out = pd.DataFrame({c: pd.Series([""] * n, index=frame.index, dtype=object)
                        for c in ACLED_COLUMNS + EXTRA_COLUMNS})
    event_id = text("event_id")
    out["event_id_cnty"] = event_id.str.removeprefix(ID_PREFIX)
    out["event_date"] = _iso(midpoint)
    out["year"] = midpoint.dt.year.astype("Int64").astype(str).replace("<NA>", "")
    out["time_precision"] = text("precision").map(lambda p: str(TIME_PRECISION.get(p, 3)))
    out["event_type"] = out["sub_event_type"] = text("event_type")
    out["actor1"] = actors.map(lambda a: a[0] if a else "")
    out["assoc_actor_1"] = actors.map(lambda a: "; ".join(a[1:-1]))
    out["actor2"] = actors.map(lambda a: a[-1] if len(a) > 1 else "")
    town = text("town")
    out["location"] = town.where(town != "", towns.map(lambda t: t[0] if t else ""))
    out["latitude"] = _numbers(frame, "lat")
    out["longitude"] = _numbers(frame, "lon")
    out["source"] = text("outlet")
    out["notes"] = text("quote")
    out["event_id"] = event_id
    out["earliest"] = _iso(earliest)
    out["latest"] = _iso(latest)
    for column in ("granularity", "precision", "rule", "explanation", "date_text"):
        out[column] = text(column)
    out["towns"] = towns.map(LIST_SEP.join)
    out["favours"] = text("favours")
    out["fatalities"] = _numbers(frame, "fatalities").map(lambda v: v.removesuffix(".0"))
    _restore_acled_rows(out, frame)
    return out.reset_index(drop=True)


def _restore_acled_rows(out: pd.DataFrame, frame: pd.DataFrame) -> None:
    """ACLED's columns of imported ACLED rows as the file had them (``source_record``)."""
    if "source_record" not in frame.columns or "source_id" not in frame.columns:
        return
    from_acled = (frame["source_id"] == "acled") & (frame["source_record"].fillna("") != "")
    for index, record in frame.loc[from_acled, "source_record"].items():
        original = json.loads(record)
        for column in ACLED_COLUMNS:
            if column in original:
                out.at[index, column] = original[column]


def to_acled_csv(frame: pd.DataFrame) -> str:
    """The events as ACLED-compatible CSV text (UTF-8, CRLF line ends), every text cell guarded."""
    table = acled_table(frame)
    for column in table.columns:
        table[column] = guard_column(table[column])
    # CRLF line ends (RFC 4180): the writer then quotes any cell holding a bare CR too,
    # which "\n" line ends would leave unquoted, splitting the row in a reader.
    return table.to_csv(index=False, lineterminator="\r\n")


def guard_column(values: pd.Series) -> pd.Series:
    """:func:`guard_cell` over a column of strings."""
    values = values.astype(object)
    risky = (values.str.startswith(FORMULA_TRIGGERS) & ~values.str.fullmatch(_PLAIN_NUMBER.pattern)
             | values.str.startswith(tuple("'" + c for c in _AFTER_APOSTROPHE)))
    return values.where(~risky.fillna(False).astype(bool), "'" + values)


def _iso(days: pd.Series) -> pd.Series:
    return days.dt.strftime("%Y-%m-%d").fillna("").astype(object)


def _numbers(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return pd.to_numeric(frame[column], errors="coerce").map(lambda v: "" if pd.isna(v) else repr(float(v)))


def to_json(frame: pd.DataFrame) -> str:
    """The events table as a JSON array: schema columns, ISO dates, lists as arrays, null for missing."""
    out = pd.DataFrame(index=frame.index)
    for column, kind in FRAME_COLUMNS.items():
        if column not in frame.columns:
            continue
        values = frame[column]
        if kind == "date":
            out[column] = pd.to_datetime(values).dt.strftime("%Y-%m-%d").astype(object)
        elif kind == "list":
            out[column] = values.map(_names).astype(object)
        elif kind == "float":
            out[column] = pd.to_numeric(values, errors="coerce")
        else:
            out[column] = values.fillna("").astype(str)
    return out.to_json(orient="records", force_ascii=False, indent=1, double_precision=15)


def _names(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, str):      # numpy / Arrow arrays
        listed = value.tolist()
        return [str(v) for v in listed] if isinstance(listed, list) else _names(listed)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return []
    return [v.strip() for v in str(value).split(LIST_SEP.strip()) if v.strip()]
