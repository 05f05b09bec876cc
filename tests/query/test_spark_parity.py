"""The distributed path, for real: the same Ibis expressions on PySpark (local mode) and on
the embedded DuckDB engine return the same events and the same balance weights.

Slow (a JVM starts, ~10-30 s); CI runs it (scripts/test.sh installs the JRE if missing).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components.query.filter import EventFilter
from components.query.run import balance_table, count_events, filter_events
from components.io.store import open_events

pytestmark = pytest.mark.slow
pyspark = pytest.importorskip("pyspark")
ROOT = Path(__file__).resolve().parents[2]
N_EVENTS = 20_000

FILTERS = [
    ("typical", EventFilter(actors=("Russian forces", "IRGC"), towns=("Albu Kamal",),
                            start=date(2019, 1, 1), end=date(2020, 6, 30))),
    ("within-sides", EventFilter(sides=("iran",), start=date(2018, 1, 1), end=date(2018, 12, 31),
                                 date_mode="within")),
    ("scalar-fields", EventFilter(types=("deployment", "clash"), statuses=("reported", "claimed"),
                                  precisions=("day", "month"), sources=("SouthFront", "Enab Baladi"))),
    ("open-end", EventFilter(start=date(2024, 6, 1))),
    ("nothing", EventFilter()),
]
BALANCES = [("month", "spread"), ("week", "spread"), ("quarter", "spread"), ("month", "start"),
            ("month", "end"), ("quarter", "midpoint")]


@pytest.fixture(scope="module")
def events_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spark") / "events.parquet"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--n", str(N_EVENTS),
                    "--out", str(path), "--seed", "7"], check=True, cwd=ROOT, timeout=300)
    return path


@pytest.fixture(scope="module")
def spark_table(events_path):
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.fail("no Java runtime: install openjdk-17-jre-headless (scripts/test.sh does)")
    import ibis
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[1]").appName("dz-parity")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.driver.memory", "1g")
               .config("spark.sql.shuffle.partitions", "1")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    session.read.parquet(str(events_path)).createOrReplaceTempView("events")
    yield ibis.pyspark.connect(session).table("events")
    session.stop()


@pytest.fixture(scope="module")
def frame(events_path) -> pd.DataFrame:
    return open_events(events_path)


@pytest.mark.parametrize("flt", [f for _, f in FILTERS], ids=[name for name, _ in FILTERS])
def test_filter_same_events(frame, spark_table, flt):
    on_duckdb = sorted(filter_events(frame, flt)["event_id"])
    on_spark = filter_events(spark_table, flt)
    assert sorted(on_spark["event_id"]) == on_duckdb
    assert count_events(spark_table, flt) == count_events(frame, flt) == len(on_duckdb)
    if flt.towns:
        assert len(on_duckdb) > 0, "the parity case should select something"


def test_spark_rows_come_back_as_frame_rows(frame, spark_table):
    flt = FILTERS[0][1]
    on_spark = filter_events(spark_table, flt).set_index("event_id")
    on_duckdb = filter_events(frame, flt).set_index("event_id").loc[on_spark.index]
    for column in ("earliest", "latest", "actors", "towns", "favours", "lat"):
        assert on_spark[column].tolist() == on_duckdb[column].tolist(), column


@pytest.mark.parametrize("period, rule", BALANCES, ids=[f"{p}-{r}" for p, r in BALANCES])
def test_balance_same_weights(frame, spark_table, period, rule):
    flt = EventFilter(start=date(2017, 1, 1), end=date(2021, 12, 31))
    on_duckdb = balance_table(frame, flt, period=period, rule=rule)
    on_spark = balance_table(spark_table, flt, period=period, rule=rule)
    assert len(on_duckdb) > 10
    pd.testing.assert_frame_equal(on_spark, on_duckdb, check_exact=True)
