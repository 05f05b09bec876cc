"""UCDP GED exports -> the events table.

UCDP GED gives every event ``date_start`` ("the earliest possible date when the
event has taken place") and ``date_end`` ("the last possible date"), so the
honest interval is exactly ``date_start..date_end``.  ``date_prec`` says how that
range arose (GED codebook): 1 exact day; 2 a 2-6 day range; 3 only the week;
4 an 8-30 day range or only the month; 5 more than a month, or only the year.
The granularity is read from the interval's shape (day, ISO week, calendar
month or year, else "span"); a ``date_prec`` that contradicts the range (an
"exact day" spanning a week) is kept as given and reported as a warning.
"""
from __future__ import annotations

import math
import re

from .common import ImportContext, source_record
from .frame import set_interval, shape_of
from .rows import Record, RowError, parse_coordinate, parse_date, parse_int, required

REQUIRED = ("id", "date_start", "date_end", "date_prec", "side_a", "side_b", "latitude", "longitude")
ID_PREFIX = "ucdp:"
# date_prec -> (meaning, widest range in days it allows)
DATE_PREC = {1: ("exact day", 1), 2: ("2-6 day range", 7), 3: ("week known", 8),
             4: ("8-30 days or month known", 31), 5: ("longer than a month", 10**6)}
VIOLENCE = {"1": "state-based violence", "2": "non-state violence", "3": "one-sided violence"}
_PLACE_SUFFIX = re.compile(r"\s*(\([^)]*\)|\b(town|village|city|district|area|governorate)\b)\s*$", re.I)


def convert_ucdp(record: Record, ctx: ImportContext, row: dict) -> None:
    """Fill ``row`` from one UCDP GED record, or raise RowError naming the bad column."""
    event_id = ID_PREFIX + required(record, "id")
    start = parse_date(required(record, "date_start"), "date_start", ctx.date_order)
    end = parse_date(required(record, "date_end"), "date_end", ctx.date_order)
    if end < start:
        raise RowError("date_end", record.get("date_end"), f"is before date_start {start}")
    prec = parse_int(required(record, "date_prec"), "date_prec", range(1, 6))
    lat = parse_coordinate(record.get("latitude"), "latitude", 90)
    lon = parse_coordinate(record.get("longitude"), "longitude", 180)
    deaths = {c: parse_int(record.get(c), c, range(0, 10**7)) for c in ("best", "low", "high") if record.get(c)}
    required(record, "side_a")
    required(record, "side_b")

    meaning, widest = DATE_PREC[prec]
    days = (end - start).days + 1
    if days > widest:
        ctx.warn(record, "date_prec", str(prec),
                 f"date_prec {prec} ({meaning}) but date_start..date_end spans {days} days; kept the range")
    if len(deaths) == 3 and not deaths["low"] <= deaths["best"] <= deaths["high"]:
        ctx.warn(record, "best", str(deaths["best"]), "best estimate outside low..high")
    granularity, timex = shape_of(start, end)
    set_interval(row, start, end, granularity, timex, f"ucdp_date_prec_{prec}",
                 f"UCDP date_start..date_end {start}..{end} (date_prec {prec}: {meaning}) -> {start}..{end}")
    dyad = ctx.dyad(record, (("side_a",), ("side_b",)))
    ctx.actors(row, dyad)
    location = _place_name(record)
    towns = [ctx.town(location, lat, lon)] if location else []
    if not location:
        ctx.warn(record, "where_coordinates", "", "no place name; the event has no town")
    ctx.place(row, towns)
    violence = VIOLENCE.get(record.get("type_of_violence"), "organised violence")
    summary = f"{violence}: {record.get('side_a')} vs {record.get('side_b')}"
    if "best" in deaths:
        summary += f"; best estimate {deaths['best']} deaths"
        if "low" in deaths and "high" in deaths:
            summary += f" (low {deaths['low']}, high {deaths['high']})"
    row.update(
        event_id=event_id, source_id="ucdp_ged", source_file=ctx.label,
        outlet=record.get("source_office"), quote=record.get("source_headline") or record.get("source_article"),
        date_text=f"{start}..{end}" if start != end else start.isoformat(),
        event_type=violence, status="reported",
        favours=ctx.decide_favours(violence, violence, dyad), summary=summary,
        fatalities=float(deaths["best"]) if "best" in deaths else math.nan,
        admin1=record.get("adm_1"), admin2=record.get("adm_2"), geo_precision=record.get("where_prec"),
        source_event_type=violence, actor1=record.get("side_a"), actor2=record.get("side_b"),
        source_date=f"{record.get('date_start')}..{record.get('date_end')}",
        source_record=source_record(record))
    if math.isnan(row["lat"]) and towns:
        ctx.warn(record, "latitude", "", f"no coordinates for unregistered place {location!r}")


def _place_name(record: Record) -> str:
    """where_coordinates without a trailing 'town'/'village'/(qualifier); else adm_2, adm_1."""
    for column in ("where_coordinates", "adm_2", "adm_1"):
        value = record.get(column)
        if value:
            return _PLACE_SUFFIX.sub("", value).strip() or value
    return ""
