"""The one query definition: filters and aggregations as Ibis expressions.

Every selection the product makes goes through ``filter_predicate``; every balance chart
through ``balance_expr``.  Both are plain Ibis expressions over an events table with the
columns of ``components.events.schema.FRAME_COLUMNS`` (at least ``engine.QUERY_COLUMNS``), so
the same code runs on DuckDB embedded (the default: a pandas frame or a Parquet path is
imported once into ``components.query.engine``'s connection) and on any Ibis backend a table
comes from — PySpark for the distributed path, tested in ``tests/query/test_spark_parity.py``.

>>> filter_events(frame, EventFilter(towns=("Albu Kamal",)))      # pandas in, pandas out
>>> balance_table("events.parquet", EventFilter(), period="month")  # per-month weights
>>> count_events(spark_backend.table("events"), flt)                # same query on Spark
"""
from __future__ import annotations

import functools
import operator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from components.lazy import lazy_module

ibis = lazy_module("ibis")                 # imported when a query is built
ir = lazy_module("ibis.expr.types")

from components.io import store
from components.query import engine
from components.query.fields import BALANCE_PERIODS, BALANCE_RULES, FILTER_FIELDS
from components.query.filter import EventFilter
from components.query.lagged import lagged

# Periods are numbered (weeks since the Monday 1970-01-05, months and quarters since year 0)
# so the spread rule is integer arithmetic the engines agree on; weeks start on Monday.
BALANCE_COLUMNS = ("period_start", "favours", "weight", "events", "sources")
WEIGHT_DECIMALS = 9       # engines sum floats in different orders; 1e-9 hides that only



class QueryError(ValueError):
    """A query option is unusable (unknown period or balance rule, unknown source)."""


def _day(table: ir.Table, column: str) -> ir.DateValue:
    col = table[column]
    return col.cast("date") if col.type().is_timestamp() else col


def filter_predicate(table: ir.Table, flt: EventFilter) -> ir.BooleanValue | None:
    """The filter as one boolean Ibis expression over ``table`` (None: keep everything).

    List columns match when any selected value is among the row's values; dates follow
    ``flt.date_mode`` (see ``components.query.filter``).
    """
    terms: list[ir.BooleanValue] = []
    for f in FILTER_FIELDS:
        values = getattr(flt, f.attr)
        column = f.scope_column if f.scope_column and flt.scope == "inside" else f.column
        if values and f.is_list:
            terms.append(functools.reduce(operator.or_, [table[column].contains(v) for v in values]))
        elif values:
            terms.append(table[f.column].isin(list(values)))
    earliest, latest = _day(table, "earliest"), _day(table, "latest")
    if flt.known_by:
        # What was known then: the publication day (rows without one: their own dates).
        published, own = ((_day(table, "published_latest"), latest) if flt.known_mode == "certainly"
                          else (_day(table, "published_earliest"), earliest))
        terms.append(ibis.coalesce(published, own) <= ibis.date(flt.known_by))
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


def _period_index(day: ir.DateValue, period: str) -> ir.IntegerValue:
    if period == "week":
        return (day.epoch_days() - 4) // 7
    if period == "month":
        return day.year() * 12 + day.month() - 1
    return day.year() * 4 + (day.month() - 1) // 3


def _period_first_day(index: ir.IntegerValue, period: str) -> ir.IntegerValue:
    """Epoch day of the first day of period number ``index``."""
    if period == "week":
        return index * 7 + 4
    per_year, months = (12, 1) if period == "month" else (4, 3)
    return ibis.date(index // per_year, index % per_year * months + 1, 1).epoch_days()


def period_starts(index: pd.Series, period: str) -> pd.Series:
    """Period numbers (as ``balance_expr`` returns them) -> first day, datetime64[ns]."""
    index = index.to_numpy(dtype="int64")
    if period == "week":
        days = (index * 7 + 4).astype("datetime64[D]")
    else:
        per_year, months = (12, 1) if period == "month" else (4, 3)
        days = ((index // per_year - 1970) * 12 + index % per_year * months).astype(
            "datetime64[M]").astype("datetime64[D]")
    return pd.Series(days.astype("datetime64[ns]"))


def balance_expr(table: ir.Table, flt: EventFilter, *, period: str = "month",
                 rule: str = "spread") -> ir.Table:
    """Per period number and ``favours``: summed weight and events (see ``balance_table``).

    ``spread`` never expands an event into one row per period.  An event [e, l] of width
    w = l - e + 1 days adds: its days in its first period / w to that period, its days
    in its last period / w to that one, and days(P) / w to every period P fully inside.
    The last part is a difference array: +1/w at the first inner period, -1/w after the
    last, summed cumulatively over a calendar of period numbers and times days(P).  The
    event count uses the same trick (+1 at the first period, -1 after the last).
    """
    if period not in BALANCE_PERIODS:
        raise QueryError(f"balance period {period!r} is not one of {BALANCE_PERIODS}")
    if rule not in BALANCE_RULES:
        raise QueryError(f"balance rule {rule!r} is not one of {tuple(BALANCE_RULES)}")
    rows = filtered(table, flt)
    if rule == "count":
        return _touching(rows, period, "count")
    rows = rows.select(earliest=_day(rows, "earliest"), latest=_day(rows, "latest"),
                       favours=rows.favours.fill_null("unclear"))
    if rule != "spread":
        first, last = rows.earliest.epoch_days(), rows.latest.epoch_days()
        day = {"start": rows.earliest, "end": rows.latest,
               "midpoint": rows.earliest + ((last - first) // 2).as_interval("D")}[rule]
        keyed = rows.mutate(p=_period_index(day, period))
        return (keyed.group_by(["p", "favours"])
                .aggregate(weight=keyed.count().cast("float64"), events=keyed.count())
                .order_by(["p", "favours"]))
    # Events sharing (favours, earliest, latest) are handled once, weighted by their count:
    # a million events collapse to tens of thousands of distinct intervals.
    rows = rows.group_by(["favours", "earliest", "latest"]).aggregate(n=rows.count())
    rows = rows.select("favours", n=rows.n.cast("float64"), e=rows.earliest.epoch_days(),
                       l=rows.latest.epoch_days(), p0=_period_index(rows.earliest, period),
                       p1=_period_index(rows.latest, period))
    rows = rows.mutate(per_day=rows.n / (rows.l - rows.e + 1))
    zero = ibis.literal(0.0)

    def part(src, p, share, ds, single, dn):
        return src.select("favours", p=p.cast("int64"), share=share, ds=ds, single=single,
                          dn=dn)

    multi = rows.filter(rows.p1 > rows.p0)
    is_multi = rows.p1 > rows.p0
    first_share = ibis.ifelse(is_multi, (_period_first_day(rows.p0 + 1, period) - rows.e)
                              * rows.per_day, rows.n)
    parts = ibis.union(
        # first period: all of a one-period event, the head of a longer one
        part(rows, rows.p0, first_share, zero, ibis.ifelse(is_multi, zero, rows.n),
             ibis.ifelse(is_multi, rows.n, zero)),
        # inner periods on (+n/w per day from p0 + 1)
        part(multi, multi.p0 + 1, zero, multi.per_day, zero, zero),
        # last period: the tail, and inner periods off
        part(multi, multi.p1, (multi.l - _period_first_day(multi.p1, period) + 1) * multi.per_day,
             -multi.per_day, zero, zero),
        # after the last period the event no longer counts
        part(multi, multi.p1 + 1, zero, zero, zero, -multi.n),
        distinct=False)
    sums = parts.group_by(["p", "favours"]).aggregate(
        share=parts.share.sum(), ds=parts.ds.sum(), single=parts.single.sum(), dn=parts.dn.sum())
    span = sums.aggregate(lo=sums.p.min(), hi=sums.p.max())
    calendar = span.select(p=ibis.range(span.lo, span.hi + 1).unnest())
    grid = calendar.cross_join(sums.select("favours").distinct())
    full = grid.left_join(sums, ["p", "favours"]).select(
        "p", "favours", share=ibis._.share.fill_null(0.0), ds=ibis._.ds.fill_null(0.0),
        single=ibis._.single.fill_null(0.0), dn=ibis._.dn.fill_null(0.0))
    running = ibis.cumulative_window(group_by="favours", order_by="p")
    days = _period_first_day(full.p + 1, period) - _period_first_day(full.p, period)
    full = full.mutate(inner=full.ds.sum().over(running),
                       events=full.single + full.dn.sum().over(running), days=days)
    full = full.filter(full.events > 0.5)
    return (full.select("p", "favours", weight=full.share + full.inner * full.days,
                        events=full.events.round().cast("int64"))
            .order_by(["p", "favours"]))


def _touching(rows: ir.Table, period: str, what: str) -> ir.Table:
    """Per period and favours, over the events whose interval touches the period:
    ``count``: weight = events certainly inside it (interval within the period), events =
    events possibly inside it (interval overlapping it), and the distinct outlets;
    ``sources``: the distinct outlets alone.

    Rows are first grouped by (favours, outlet, first period, last period) -- a million
    events collapse to a few thousand keys -- and only those keys are expanded per period.
    """
    keys = rows.select(favours=rows.favours.fill_null("unclear"),
                       outlet=rows.outlet.fill_null(""),
                       p0=_period_index(_day(rows, "earliest"), period),
                       p1=_period_index(_day(rows, "latest"), period))
    keys = keys.group_by(["favours", "outlet", "p0", "p1"]).aggregate(n=keys.count())
    spread = keys.select("favours", "outlet", "n", single=keys.p0 == keys.p1,
                         p=ibis.range(keys.p0, keys.p1 + 1).unnest())
    grouped = spread.group_by(["p", "favours"])
    if what == "sources":
        return grouped.aggregate(sources=spread.outlet.nunique()).order_by(["p", "favours"])
    return (grouped.aggregate(weight=ibis.ifelse(spread.single, spread.n, 0).sum().cast("float64"),
                              events=spread.n.sum().cast("int64"),
                              sources=spread.outlet.nunique())     # same expansion: one query
            .order_by(["p", "favours"]))


def sources_expr(table: ir.Table, flt: EventFilter, *, period: str = "month") -> ir.Table:
    """Per period and favours: how many distinct outlets report the events touching it."""
    return _touching(filtered(table, flt), period, "sources")


def events_table(source) -> ir.Table:
    """The Ibis table for a pandas frame, a Parquet path or an Ibis table."""
    if isinstance(source, pd.DataFrame):
        return engine.frame_table(source)
    if isinstance(source, str | Path):
        return engine.parquet_table(source)
    if isinstance(source, ir.Table):
        return source
    raise QueryError(f"not an events source (frame, Parquet path or Ibis table): {source!r}")


def _positions_expr(table: ir.Table, flt: EventFilter) -> ir.Table:
    return filtered(table, flt).select(engine.POSITION)


def _count_expr(table: ir.Table, flt: EventFilter) -> ir.Table:
    rows = filtered(table, flt)
    return rows.aggregate(n=rows.count())


_BUILDERS = {"positions": _positions_expr, "count": _count_expr, "balance": balance_expr,
             "sources": sources_expr}


_COMPOSED = ("balance", "sources")     # big expressions: compiled once, filter spliced in


@functools.lru_cache(maxsize=512)
def _engine_sql(table_name: str, kind: str, flt: EventFilter, options: tuple) -> str:
    """DuckDB SQL for one query on an engine table, cached.

    Building and compiling an expression costs 5-250 ms of Python; a dashboard rerun asks
    the same few queries, and a changed filter only recompiles the small filter part:
    aggregations are compiled once without a filter and the filtered rows are spliced in
    as a subquery where the table is read.  The expressions are the same Ibis ones
    every other backend runs; only their compilation is cached here.
    """
    table = engine.named_table(table_name)
    if kind in _COMPOSED and not flt.is_empty():
        rows = str(ibis.to_sql(filtered(table, flt), dialect="duckdb"))
        template = _engine_sql(table_name, kind, EventFilter(), options)
        # The splice: the unfiltered template reads the engine table by its quoted name
        # (``"_ev_3"``, made by the engine, never data) exactly once, in its FROM clause;
        # replacing that one reference by the filtered rows as a subquery gives the same
        # SQL Ibis would compile for the filtered expression.  Pinned by
        # tests/query/test_run.py::test_spliced_balance_sql_equals_the_compiled_expression.
        quoted = f'"{table_name}"'
        if template.count(quoted) == 1:
            return template.replace(quoted, f"({rows})")
    expr = _BUILDERS[kind](table, flt, **dict(options))
    return str(ibis.to_sql(expr, dialect="duckdb"))


def _execute(source, kind: str, flt: EventFilter, **options) -> pa.Table:
    """Run one of the query builders on ``source``: cached SQL on the embedded engine,
    the Ibis expression itself on any other backend."""
    if isinstance(source, pd.DataFrame):
        source = lagged(source, flt.lag_days)
    table = events_table(source)
    if isinstance(source, pd.DataFrame | str | Path):
        return engine.run_arrow(_engine_sql(table.get_name(), kind, flt,
                                            tuple(sorted(options.items()))))
    return _BUILDERS[kind](table, flt, **options).to_pyarrow()


def matching_positions(source, flt: EventFilter) -> np.ndarray:
    """Sorted row positions of a frame or Parquet file that ``flt`` keeps."""
    return np.sort(_execute(source, "positions", flt)[engine.POSITION].to_numpy())


def filter_events(source, flt: EventFilter) -> pd.DataFrame:
    """The events ``flt`` keeps, as a pandas frame (``schema.FRAME_COLUMNS``).

    A frame comes back as the same frame's rows (order, index and dtypes kept); a Parquet
    path as those rows read from the file; an Ibis table's rows ordered by
    ``(earliest, event_id)``.
    """
    if isinstance(source, pd.DataFrame):
        source = lagged(source, flt.lag_days)
        if flt.is_empty():     # nothing selected: skip the engine and the copy of every row
            return source.copy(deep=False)
        return source.take(matching_positions(source, flt))
    if isinstance(source, str | Path):
        return store.read_rows(source, matching_positions(source, flt))
    rows = filtered(events_table(source), flt).order_by(["earliest", "event_id"])
    return store.arrow_to_frame(rows.to_pyarrow())


def count_events(source, flt: EventFilter) -> int:
    """How many events ``flt`` keeps, counted in the engine."""
    return int(_execute(source, "count", flt)["n"][0].as_py())


def balance_table(source, flt: EventFilter, *, period: str = "month",
                  rule: str = "count") -> pd.DataFrame:
    """Per-period balance of the events ``flt`` keeps, one row per (period, favours).

    Columns: ``period_start`` (datetime64, first day of the week/month/quarter),
    ``favours``, ``weight`` (float) and ``events`` (how many events touch the period).
    ``spread`` adds ``overlap_days / width_days`` of each event to every period its
    ``[earliest, latest]`` touches, so an event always adds 1 in total: "2020" adds 1/12 to
    each month of 2020 (exactly 31/366 to January).  ``start``/``end``/``midpoint`` add the
    whole event to the period holding that day.  ``count`` (the default) gives ``weight`` =
    events certainly inside the period and ``events`` = events possibly inside it.
    ``sources`` is the number of distinct outlets behind the events touching the period.
    """
    frame = _execute(source, "balance", flt, period=period, rule=rule).to_pandas()
    if "sources" not in frame.columns:     # the count rule counts them in the same query
        sources = _execute(source, "sources", flt, period=period).to_pandas()
        frame = frame.merge(sources, on=["p", "favours"], how="left")
    frame["sources"] = frame["sources"].fillna(0).astype("int64")
    frame["period_start"] = period_starts(frame["p"], period)
    frame["weight"] = frame["weight"].astype("float64").round(WEIGHT_DECIMALS)
    frame["events"] = frame["events"].astype("int64")
    return frame.loc[:, list(BALANCE_COLUMNS)].reset_index(drop=True)


WARM_UP_TOWN = "(engine warm-up: matches no town)"


def warm_up(source) -> None:
    """Start the query engine on ``source`` before anyone filters: import Ibis and DuckDB,
    import the table, compile and run one filter and the default balance.  The dashboard
    runs it in a background thread after a session's first page, so the first filter change
    costs what later ones do (~15 ms on the bundled data) instead of the engine's start-up
    (~0.5 s).  Results are discarded; a failure here resurfaces in the real query."""
    matching_positions(source, EventFilter(towns=(WARM_UP_TOWN,)))
    balance_table(source, EventFilter())
