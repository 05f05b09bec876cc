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
"""
from __future__ import annotations

import csv
import io
import json
import math
import re

import pandas as pd

from components.schema import FRAME_COLUMNS, LIST_SEP

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
EXTRA_COLUMNS = ("event_id", "earliest", "latest", "granularity", "precision", "rule", "explanation",
                 "towns", "date_text")
TIME_PRECISION = {"day": 1, "week": 2}          # anything wider is ACLED's 3 (month)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
ID_PREFIX = "acled:"


def guard_cell(value: str) -> str:
    """``value`` made safe for spreadsheets: formula-like text gets a leading apostrophe."""
    if value[:1] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def acled_records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """One dict per event with ACLED_COLUMNS + EXTRA_COLUMNS as unguarded strings."""
    missing = [c for c in ("event_id", "earliest", "latest", "actors", "towns") if c not in frame.columns]
    if missing:
        raise ValueError(f"cannot export: the events table lacks column(s) {', '.join(missing)}")
    return [_acled_record(row) for row in frame.to_dict("records")]


def _acled_record(row: dict) -> dict[str, str]:
    earliest, latest = _day(row.get("earliest")), _day(row.get("latest"))
    midpoint = earliest + (latest - earliest) / 2 if earliest is not None and latest is not None else None
    actors = _names(row.get("actors"))
    towns = _names(row.get("towns"))
    event_id = str(row.get("event_id", ""))
    out = dict.fromkeys(ACLED_COLUMNS + EXTRA_COLUMNS, "")
    out.update(
        event_id_cnty=event_id.removeprefix(ID_PREFIX),
        event_date=midpoint.date().isoformat() if midpoint is not None else "",
        year=str(midpoint.year) if midpoint is not None else "",
        time_precision=str(TIME_PRECISION.get(str(row.get("precision", "")), 3)),
        event_type=_text(row.get("event_type")), sub_event_type=_text(row.get("event_type")),
        actor1=actors[0] if actors else "", assoc_actor_1="; ".join(actors[1:-1]),
        actor2=actors[-1] if len(actors) > 1 else "",
        location=_text(row.get("town")) or (towns[0] if towns else ""),
        latitude=_number(row.get("lat")), longitude=_number(row.get("lon")),
        source=_text(row.get("outlet")), notes=_text(row.get("quote")),
        event_id=event_id, earliest=earliest.date().isoformat() if earliest is not None else "",
        latest=latest.date().isoformat() if latest is not None else "",
        granularity=_text(row.get("granularity")), precision=_text(row.get("precision")),
        rule=_text(row.get("rule")), explanation=_text(row.get("explanation")),
        towns=LIST_SEP.join(towns), date_text=_text(row.get("date_text")))
    return out


def to_acled_csv(frame: pd.DataFrame) -> str:
    """The events as ACLED-compatible CSV text (UTF-8, "\\n" line ends), every text cell guarded."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in acled_records(frame):
        writer.writerow({k: guard_cell(v) for k, v in record.items()})
    return out.getvalue()


def to_json(frame: pd.DataFrame) -> str:
    """The events table as a JSON array: schema columns, ISO dates, lists as arrays, null for missing."""
    columns = [c for c in FRAME_COLUMNS if c in frame.columns]
    rows = [{c: _json_value(row[c], FRAME_COLUMNS[c]) for c in columns} for row in frame.to_dict("records")]
    return json.dumps(rows, ensure_ascii=False, indent=1)


def _json_value(value, kind: str):
    if kind == "list":
        return _names(value)
    if kind == "date":
        day = _day(value)
        return day.date().isoformat() if day is not None else None
    if kind == "float":
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    return _text(value)


def _day(value) -> pd.Timestamp | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return pd.Timestamp(value)


def _names(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return []
    if hasattr(value, "tolist"):
        return [str(v) for v in value.tolist()]
    return [v.strip() for v in str(value).split(LIST_SEP.strip()) if v.strip()]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _number(value) -> str:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    return repr(float(value))
