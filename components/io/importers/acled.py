"""ACLED exports -> the events table.

Dates follow the ACLED codebook's ``time_precision`` ("Time precision codes"):

* **1** -- the source gives the actual day: the interval is that day.
* **2** -- the source gives a week or weekend; ACLED codes "the middle of the
  period" (for "last week", the Wednesday or Thursday of that week).  A Wednesday
  or Thursday ``event_date`` therefore means its ISO week, Monday..Sunday; any
  other day (a weekend's middle) means the 7 days centred on it, day-3..day+3.
* **3** -- the source gives only the month; ACLED codes its midpoint, or its first
  or last day when the source says "beginning"/"end" of the month.  The honest
  interval is the whole calendar month in every case.

A file this product exported (it carries ``event_id``, ``earliest`` and ``latest``
columns besides ACLED's) keeps those ids and intervals, so export -> import
round-trips exactly.
"""
from __future__ import annotations

import math
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .common import ImportContext, source_record
from .frame import set_interval, shape_of
from .rows import Record, RowError, parse_coordinate, parse_date, parse_int, required

REQUIRED = ("event_id_cnty", "event_date", "time_precision", "actor1", "location", "latitude", "longitude")
PLACE_COLUMNS = ("location", "admin3", "admin2", "admin1")
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
ID_PREFIX = "acled:"

def acled_interval(day: date, code: int) -> tuple[date, date, str, str, str]:
    """(start, end, granularity, timex, why) for an ACLED event_date and time_precision."""
    if code == 1:
        return day, day, "day", day.isoformat(), "the day itself"
    if code == 2:
        if day.weekday() in (2, 3):
            monday = day - timedelta(days=day.weekday())
            iso = day.isocalendar()
            return (monday, monday + timedelta(days=6), "week", f"{iso.year}-W{iso.week:02d}",
                    f"coded on the {day:%A} midpoint of its week -> that ISO week")
        return (day - timedelta(days=3), day + timedelta(days=3), "week", "",
                f"coded on a {day:%A} (a weekend or other period's midpoint) -> the 7 days centred on it")
    first = day.replace(day=1)
    return first, first + relativedelta(day=31), "month", f"{day:%Y-%m}", "only the month is known -> the month"


def convert_acled(record: Record, ctx: ImportContext, row: dict) -> None:
    """Fill ``row`` from one ACLED record, or raise RowError naming the bad column."""
    raw_id = required(record, "event_id_cnty")
    event_id = record.get("event_id") or ID_PREFIX + raw_id
    day = parse_date(required(record, "event_date"), "event_date", ctx.date_order)
    code = parse_int(required(record, "time_precision"), "time_precision", range(1, 4))
    if record.get("year") and parse_int(record.get("year"), "year") != day.year:
        raise RowError("year", record.get("year"), f"disagrees with event_date {day}")
    lat = parse_coordinate(record.get("latitude"), "latitude", 90)
    lon = parse_coordinate(record.get("longitude"), "longitude", 180)
    fatalities = parse_int(record.get("fatalities"), "fatalities", range(0, 10**6)) if record.get("fatalities") else None
    timestamp = str(parse_int(record.get("timestamp"), "timestamp", range(0, 10**11))) if record.get("timestamp") else ""
    location = next((record.get(c) for c in PLACE_COLUMNS if record.get(c)), "")
    exported = _exported_interval(record)

    if exported:
        start, end, granularity, timex = exported
        set_interval(row, start, end, granularity, timex, record.get("rule") or "import",
                     record.get("explanation") or f"exported interval {start}..{end}")
    else:
        start, end, granularity, timex, why = acled_interval(day, code)
        set_interval(row, start, end, granularity, timex, f"acled_precision_{code}",
                     f"ACLED event_date {day} with time_precision {code}: {why} -> {start}..{end}")
    dyad = ctx.dyad(record, (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")))
    ctx.actors(row, dyad)
    if not row["actors"]:
        ctx.warn(record, "actor1", "", "no actor named; the event has no actors")
    town_names = [t.strip() for t in record.get("towns").split(";") if t.strip()] or [location] * bool(location)
    towns = [ctx.town(name, lat, lon) if i == 0 else ctx.town(name, math.nan, math.nan)
             for i, name in enumerate(town_names)]
    ctx.place(row, towns, ctx.admin_places(record))
    if not towns:
        ctx.warn(record, "location", "", "no location or admin area; the event has no town")
    elif math.isnan(row["lat"]):
        ctx.warn(record, "latitude", "", f"no coordinates for unregistered location {town_names[0]!r}")
    event_type, sub_type = record.get("event_type"), record.get("sub_event_type")
    row.update(
        event_id=event_id, source_id="acled", source_file=ctx.label, outlet=record.get("source"),
        quote=record.get("notes"), date_text=record.get("date_text") or record.get("event_date"),
        event_type=(sub_type or event_type).lower(), status="reported",
        favours=record.get("favours") or ctx.decide_favours(event_type, sub_type, dyad),
        summary=_summary(record, fatalities),
        fatalities=math.nan if fatalities is None else float(fatalities),
        admin1=record.get("admin1"), admin2=record.get("admin2"), admin3=record.get("admin3"),
        geo_precision=record.get("geo_precision"), disorder_type=record.get("disorder_type"),
        source_event_type=event_type, source_sub_event_type=sub_type,
        actor1=record.get("actor1"), actor2=record.get("actor2"),
        source_date=record.get("event_date"), source_timestamp=timestamp,
        source_record=source_record(record))


def _exported_interval(record: Record) -> tuple[date, date, str, str] | None:
    """The interval of a row this product exported (earliest/latest columns), else None."""
    if not (record.get("earliest") or record.get("latest")):
        return None
    start = parse_date(required(record, "earliest"), "earliest")
    end = parse_date(required(record, "latest"), "latest")
    if end < start:
        raise RowError("latest", record.get("latest"), f"is before earliest {start}")
    granularity, timex = shape_of(start, end)
    return start, end, record.get("granularity") or granularity, timex


def _summary(record: Record, fatalities: int | None) -> str:
    parts = [p for p in (record.get("event_type"), record.get("sub_event_type")) if p]
    text = " / ".join(parts)
    if fatalities:
        text += f"; {fatalities} fatalit{'y' if fatalities == 1 else 'ies'}"
    return text
