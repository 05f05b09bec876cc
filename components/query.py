"""The one query definition: filters and aggregations as Ibis expressions.

Every selection the product makes goes through ``filter_predicate``; every balance chart
through ``balance_expr``.  Both are plain Ibis expressions over an events table with the
columns of ``components.schema.FRAME_COLUMNS`` (at least ``engine.QUERY_COLUMNS``), so
the same code runs on DuckDB embedded (the default: a pandas frame or a Parquet path is
imported once into ``components.engine``'s connection) and on any Ibis backend a table
comes from — PySpark for the distributed path, tested in ``tests/test_spark_parity.py``.

>>> filter_events(frame, EventFilter(towns=("Albu Kamal",)))      # pandas in, pandas out
>>> balance_table("events.parquet", EventFilter(), period="month")  # per-month weights
>>> count_events(spark_backend.table("events"), flt)                # same query on Spark
"""
from __future__ import annotations

import functools
import operator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import ibis
import ibis.expr.types as ir

from components import engine

if TYPE_CHECKING:
    from components.filters import EventFilter

# name -> (truncate unit, step): weeks start on Monday in both engines (ISO weeks).
BALANCE_PERIODS: dict[str, tuple[str, dict[str, int]]] = {
    "week": ("W", {"weeks": 1}),
    "month": ("M", {"months": 1}),
    "quarter": ("Q", {"months": 3}),
}
BALANCE_RULES: dict[str, str] = {
    "spread": "each event spread evenly over its date interval (share of its days per period)",
    "start": "each event counted in the period of its earliest possible day",
    "end": "each event counted in the period of its latest possible day",
    "midpoint": "each event counted in the period of the middle of its date interval",
}
BALANCE_COLUMNS = ("period_start", "favours", "weight", "events")
WEIGHT_DECIMALS = 9       # engines sum floats in different orders; 1e-9 hides that only

_LIST_FIELDS = (("actors", "actors"), ("sides", "sides"), ("towns", "towns"))
_VALUE_FIELDS = (("types", "event_type"), ("statuses", "status"),
                 ("sources", "outlet"), ("precisions", "precision"))


class QueryError(ValueError):
    """A query option is unusable (unknown period or balance rule, unknown source)."""


def _day(table: ir.Table, column: str) -> ir.DateValue:
    col = table[column]
    return col.cast("date") if col.type().is_timestamp() else col


def filter_predicate(table: ir.Table, flt: EventFilter) -> ir.BooleanValue | None:
    """The filter as one boolean Ibis expression over ``table`` (None: keep everything).

    List columns match when any selected value is among the row's values; dates follow
    ``flt.date_mode`` (see ``components.filters``).
    """
    terms: list[ir.BooleanValue] = []
    for field, column in _LIST_FIELDS:
        values = getattr(flt, field)
        if values:
            terms.append(functools.reduce(operator.or_, [table[column].contains(v) for v in values]))
    for field, column in _VALUE_FIELDS:
        values = getattr(flt, field)
        if values:
            terms.append(table[column].isin(list(values)))
    earliest, latest = _day(table, "earliest"), _day(table, "latest")
    if flt.date_mode == "overlap":
        bounds = ((earliest, operator.le, flt.end), (latest, operator.ge, flt.start))
    else:
        bounds = ((earliest, operator.ge, flt.start), (latest, operator.le, flt.end))
    # Date terms first: on a table sorted by earliest they prune whole row groups.
    terms[:0] = [compare(col, ibis.date(day)) for col, compare, day in bounds if day]
    return functools.reduce(operator.and_, terms) if terms else None


def filtered(table: ir.Table, flt: EventFilter) -> ir.Table:
    """``table`` restricted to the rows ``flt`` keeps."""
    predicate = filter_predicate(table, flt)
    return table if predicate is None else table.filter(predicate)


def balance_expr(table: ir.Table, flt: EventFilter, *, period: str = "month",
                 rule: str = "spread") -> ir.Table:
    """Per period and ``favours``: summed weight and number of events (see ``balance_table``)."""
    if period not in BALANCE_PERIODS:
        raise QueryError(f"balance period {period!r} is not one of {tuple(BALANCE_PERIODS)}")
    if rule not in BALANCE_RULES:
        raise QueryError(f"balance rule {rule!r} is not one of {tuple(BALANCE_RULES)}")
    unit, step_parts = BALANCE_PERIODS[period]
    step = ibis.interval(**step_parts)
    rows = filtered(table, flt)
    rows = rows.select(earliest=_day(rows, "earliest"), latest=_day(rows, "latest"),
                       favours=rows.favours.fill_null("unclear"))
    first, last = rows.earliest.epoch_days(), rows.latest.epoch_days()
    if rule == "spread":
        # One row per (event, period touched): expand in the engine, never in Python.
        span = ibis.range(rows.earliest.truncate(unit).cast("timestamp"),
                          rows.latest.truncate(unit).cast("timestamp") + step, step)
        parts = rows.mutate(width=last - first + 1, period_ts=span.unnest())
        parts = parts.mutate(period_start=parts.period_ts.cast("date"))
        period_end = (parts.period_start + step) - ibis.interval(days=1)
        overlap = (ibis.least(parts.latest, period_end).epoch_days()
                   - ibis.greatest(parts.earliest, parts.period_start).epoch_days() + 1)
        parts = parts.mutate(share=overlap.cast("float64") / parts.width)
    else:
        day = {"start": rows.earliest, "end": rows.latest,
               "midpoint": rows.earliest + ((last - first) // 2).as_interval("D")}[rule]
        parts = rows.mutate(period_start=day.truncate(unit).cast("date"), share=ibis.literal(1.0))
    return (parts.group_by(["period_start", "favours"])
            .aggregate(weight=parts.share.sum(), events=parts.count())
            .order_by(["period_start", "favours"]))


def events_table(source) -> ir.Table:
    """The Ibis table for a pandas frame, a Parquet path or an Ibis table."""
    if isinstance(source, pd.DataFrame):
        return engine.frame_table(source)
    if isinstance(source, str | Path):
        return engine.parquet_table(source)
    if isinstance(source, ir.Table):
        return source
    raise QueryError(f"not an events source (frame, Parquet path or Ibis table): {source!r}")


def matching_positions(source, flt: EventFilter) -> np.ndarray:
    """Sorted row positions of a frame or Parquet file that ``flt`` keeps."""
    table = events_table(source)
    result = filtered(table, flt).select(engine.POSITION).to_pyarrow()
    return np.sort(result[engine.POSITION].to_numpy())


def filter_events(source, flt: EventFilter) -> pd.DataFrame:
    """The events ``flt`` keeps, as a pandas frame (``schema.FRAME_COLUMNS``).

    A frame comes back as the same frame's rows (order, index and dtypes kept); a Parquet
    path as those rows read from the file; an Ibis table's rows ordered by
    ``(earliest, event_id)``.
    """
    from components import store
    if isinstance(source, pd.DataFrame):
        return source.take(matching_positions(source, flt))
    if isinstance(source, str | Path):
        return store.read_rows(source, matching_positions(source, flt))
    rows = filtered(events_table(source), flt).order_by(["earliest", "event_id"])
    return store.arrow_to_frame(rows.to_pyarrow())


def count_events(source, flt: EventFilter) -> int:
    """How many events ``flt`` keeps, counted in the engine."""
    return int(filtered(events_table(source), flt).count().to_pyarrow().as_py())


def balance_table(source, flt: EventFilter, *, period: str = "month",
                  rule: str = "spread") -> pd.DataFrame:
    """Per-period balance of the events ``flt`` keeps, one row per (period, favours).

    Columns: ``period_start`` (datetime64, first day of the week/month/quarter),
    ``favours``, ``weight`` (float) and ``events`` (how many events touch the period).
    ``spread`` adds ``overlap_days / width_days`` of each event to every period its
    ``[earliest, latest]`` touches, so an event always adds 1 in total: "2020" adds 1/12 to
    each month of 2020 (exactly 31/366 to January).  ``start``/``end``/``midpoint`` add the
    whole event to the period holding that day.
    """
    expr = balance_expr(events_table(source), flt, period=period, rule=rule)
    frame = expr.to_pyarrow().to_pandas()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).astype("datetime64[ns]")
    frame["favours"] = frame["favours"].astype(object)
    frame["weight"] = frame["weight"].astype("float64").round(WEIGHT_DECIMALS)
    frame["events"] = frame["events"].astype("int64")
    return frame.loc[:, list(BALANCE_COLUMNS)].reset_index(drop=True)
