"""The one query definition: filter sources, counts and the balance aggregation."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pandas as pd
import pytest

import ibis
from tests.support.frames import make_events
from components.io import store
from components.query.filter import EventFilter
from components.query.fields import BALANCE_RULES
from components.query.run import (BALANCE_COLUMNS, QueryError, balance_table,
                              count_events, filter_events, filter_predicate)

EVENTS = make_events()
JUNE = EventFilter(start=date(2020, 6, 1), end=date(2020, 6, 30))


def _period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def reference_balance(frame: pd.DataFrame, period: str, rule: str) -> pd.DataFrame:
    """Day-by-day reference in plain Python: independent of the Ibis expression."""
    weight, events, outlets = defaultdict(float), defaultdict(set), defaultdict(set)
    for row in frame.itertuples():
        lo, hi = row.earliest.date(), row.latest.date()
        days = [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
        touched = {pd.Timestamp(_period_start(day, period)) for day in days}
        for start in touched:     # sources: distinct outlets of the events touching a period
            outlets[(start, row.favours)].add(row.outlet)
        if rule == "count":       # weight: certainly inside; events: possibly inside
            for start in touched:
                key = (start, row.favours)
                weight[key] += 1.0 if len(touched) == 1 else 0.0
                events[key].add(row.event_id)
            continue
        picked = {"spread": days, "start": [lo], "end": [hi],
                  "midpoint": [lo + timedelta(days=(len(days) - 1) // 2)]}[rule]
        for day in picked:
            key = (pd.Timestamp(_period_start(day, period)), row.favours)
            weight[key] += 1 / len(picked)
            events[key].add(row.event_id)
    keys = sorted(weight)
    return pd.DataFrame({"period_start": [k[0] for k in keys], "favours": [k[1] for k in keys],
                         "weight": [round(weight[k], 9) for k in keys],
                         "events": [len(events[k]) for k in keys],
                         "sources": [len(outlets[k]) for k in keys]})


BALANCE_CASES = [(period, rule) for period in ("week", "month", "quarter") for rule in BALANCE_RULES]


@pytest.mark.parametrize("period, rule", BALANCE_CASES, ids=[f"{p}-{r}" for p, r in BALANCE_CASES])
def test_balance_matches_day_by_day_reference(period, rule):
    got = balance_table(EVENTS, EventFilter(), period=period, rule=rule)
    expected = reference_balance(EVENTS, period, rule)
    assert list(got.columns) == list(BALANCE_COLUMNS)
    assert got["period_start"].dtype == "datetime64[ns]"
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, atol=1e-9)


def test_balance_spread_adds_one_per_event_and_splits_a_leap_year_by_days():
    got = balance_table(EVENTS, EventFilter(towns=("Deir ez-Zor",), start=date(2019, 1, 1),
                                            end=date(2019, 12, 31)), period="month", rule="spread")
    assert got["weight"].sum() == pytest.approx(1.0)  # e8 alone: the whole of 2019
    assert got.loc[0, "weight"] == pytest.approx(31 / 365)
    assert got.loc[1, "weight"] == pytest.approx(28 / 365)
    assert set(got["favours"]) == {"russia"}


def test_balance_applies_the_filter():
    got = balance_table(EVENTS, JUNE, period="month", rule="start")
    assert got["events"].sum() == 5
    assert got.loc[got["period_start"] == pd.Timestamp("2017-01-01"), "events"].tolist() == [1]


BAD_OPTIONS = [("period", dict(period="year"), "'year' is not one of"),
               ("rule", dict(rule="mean"), "'mean' is not one of")]


@pytest.mark.parametrize("kwargs, fragment", [c[1:] for c in BAD_OPTIONS], ids=[c[0] for c in BAD_OPTIONS])
def test_balance_rejects_unknown_options(kwargs, fragment):
    with pytest.raises(QueryError, match=fragment):
        balance_table(EVENTS, EventFilter(), **kwargs)


def test_count_events():
    assert count_events(EVENTS, JUNE) == 5
    assert count_events(EVENTS, EventFilter()) == len(EVENTS)


def test_filter_events_on_a_parquet_path_equals_the_frame_path(tmp_path):
    path = store.write_events(EVENTS, tmp_path / "events.parquet")
    flt = EventFilter(sides=("russia",), start=date(2020, 1, 1))
    from_file = filter_events(path, flt)
    from_frame = filter_events(EVENTS, flt)
    assert sorted(from_file["event_id"]) == sorted(from_frame["event_id"]) == ["e2", "e4", "e5"]
    assert count_events(path, flt) == 3
    assert balance_table(path, flt).equals(balance_table(EVENTS, flt))


def test_filter_events_on_an_ibis_table_orders_by_earliest():
    con = ibis.duckdb.connect()
    con.con.register("ev", store.frame_to_arrow(EVENTS))
    got = filter_events(con.table("ev"), JUNE)
    assert got["event_id"].tolist() == ["e3", "e1", "e4", "e5", "e2"]
    assert got.loc[0, "actors"] == ["IRGC", "Liwa Fatemiyoun"]


def test_predicate_is_none_without_constraints():
    table = ibis.table({"earliest": "date", "latest": "date"}, name="t")
    assert filter_predicate(table, EventFilter()) is None


def test_filter_events_rejects_an_unknown_source():
    with pytest.raises(QueryError, match="not an events source"):
        filter_events(42, EventFilter())


def test_repeated_filters_reuse_the_imported_frame():
    from components.query import engine
    first = engine.frame_table(EVENTS).get_name()
    filter_events(EVENTS, EventFilter(towns=("Albu Kamal",)))
    assert engine.frame_table(EVENTS).get_name() == first
    copy = EVENTS.copy()
    assert engine.frame_table(copy).get_name() != first


def test_the_bundled_frame_is_imported_once_across_rerun_copies():
    """Every dashboard rerun gets its own unpickled copy of the bundled frame (st.cache_data):
    the copies share one import, keyed by the data directory's ``engine_key``, so a filter
    change does not re-import the table (~40 ms) and recompile its SQL first."""
    import pickle
    from components.query import engine
    from components.query.datasource import load_view_data
    frame = load_view_data().frame
    first = engine.frame_table(pickle.loads(pickle.dumps(frame))).get_name()
    tables = len(engine._tables)
    for _ in range(3):
        copy = pickle.loads(pickle.dumps(frame))
        assert engine.frame_table(copy).get_name() == first
    assert len(engine._tables) == tables
    subset = frame.iloc[::2]                              # inherits the key, other rows
    assert engine.frame_table(subset).get_name() != first
    flt = EventFilter(towns=("Albu Kamal",))
    kept = set(filter_events(frame, flt)["event_id"])
    expected = [event_id for event_id in subset["event_id"] if event_id in kept]
    assert expected and filter_events(subset, flt)["event_id"].tolist() == expected


OLD_ROWS = [  # before 1970 (negative epoch days), across a leap day and a year end
    ("o1", "1969-12-29", "1970-01-06", ["IRGC"], ["iran"], [], "other", "background", "iran", "", "x"),
    ("o2", "1916-02-20", "1916-03-05", ["Russia"], ["russia"], [], "other", "background", "russia", "", "x"),
]


@pytest.mark.parametrize("period", ["week", "month", "quarter"])
def test_balance_before_1970(period):
    frame = make_events(OLD_ROWS)
    expected = reference_balance(frame, period, "spread")
    pd.testing.assert_frame_equal(balance_table(frame, EventFilter(), period=period, rule="spread"), expected,
                                  check_dtype=False, atol=1e-9)


DENSITY_CASES = [(lane, unit) for lane in ("actors", "towns") for unit in ("week", "month", "year")]











def test_an_empty_filter_returns_every_row_without_the_engine():
    shown = filter_events(EVENTS, EventFilter())
    assert shown is not EVENTS and shown["event_id"].tolist() == EVENTS["event_id"].tolist()


@pytest.mark.parametrize("period, rule", BALANCE_CASES, ids=[f"{p}-{r}" for p, r in BALANCE_CASES])
def test_spliced_balance_sql_equals_the_compiled_expression(period, rule):
    """The cached balance SQL with the filter spliced in answers exactly as the Ibis
    expression compiled whole (the splice in ``_engine_sql``)."""
    from components.query import engine
    from components.query.run import _engine_sql, balance_expr
    flt = EventFilter(towns=("Albu Kamal",), sides=("iran",))
    table = engine.frame_table(EVENTS)
    spliced = _engine_sql(table.get_name(), "balance", flt, (("period", period), ("rule", rule)))
    assert spliced.count(f'"{table.get_name()}"') == 1     # read once, inside the filtered rows
    whole = balance_expr(table, flt, period=period, rule=rule).to_pyarrow()
    assert engine.run_arrow(spliced).to_pylist() == whole.to_pylist()


def test_warm_up_imports_the_frame_and_compiles_the_queries_it_runs(monkeypatch):
    """The dashboard's background warm-up: afterwards the frame is an engine table and the
    filter and default balance queries are compiled (cached), so the first real filter pays
    neither; results unchanged.  Calls are told apart by table name (other warm-ups may run)."""
    from components.query import engine, run
    frame = make_events().copy()          # a frame the engine has not seen
    assert id(frame) not in engine._frame_ids
    calls, real = [], run._engine_sql
    monkeypatch.setattr(run, "_engine_sql", lambda *args: calls.append(args[:2]) or real(*args))
    run.warm_up(frame)
    name = engine._tables[engine._frame_ids[id(frame)]][0]
    assert {kind for table, kind in calls if table == name} >= {"positions", "balance"}
    pd.testing.assert_frame_equal(filter_events(frame, JUNE), filter_events(make_events(), JUNE))
