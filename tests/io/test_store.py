"""The store: Parquet/CSV round trips, typed columns, the convert CLI, engine reuse."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.support.frames import make_events
from components.io import store
from components.query import engine
from components.query.filter import EventFilter
from components.query.run import filter_events
from components.events.schema import FRAME_COLUMNS, LIST_SEP

ROOT = Path(__file__).resolve().parents[2]
EVENTS = make_events()


def _frames_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    got = got.sort_values("event_id").reset_index(drop=True)
    expected = expected.sort_values("event_id").reset_index(drop=True)
    assert list(got.columns) == list(FRAME_COLUMNS)
    for column, kind in FRAME_COLUMNS.items():
        if kind == "list":
            assert got[column].tolist() == expected[column].tolist(), column
        elif kind == "float":
            np.testing.assert_array_equal(got[column].to_numpy(), expected[column].to_numpy())
        else:
            assert got[column].tolist() == expected[column].tolist(), column


def test_parquet_round_trip(tmp_path):
    path = store.write_events(EVENTS, tmp_path / "events.parquet")
    _frames_equal(store.open_events(path), EVENTS)


def test_parquet_types_are_real_dates_and_categoricals(tmp_path):
    schema = pq.read_schema(store.write_events(EVENTS, tmp_path / "events.parquet"))
    assert schema.field("earliest").type == pa.date32()
    assert pa.types.is_dictionary(schema.field("event_type").type)
    assert pa.types.is_dictionary(schema.field("town").type)
    assert pa.types.is_dictionary(schema.field("actors").type.value_type)
    assert schema.field("event_id").type == pa.string()


def test_parquet_rows_are_sorted_by_earliest(tmp_path):
    table = pq.read_table(store.write_events(EVENTS, tmp_path / "events.parquet"))
    earliest = table["earliest"].to_pylist()
    assert earliest == sorted(earliest)


def test_opened_frame_dtypes_match_the_schema(tmp_path):
    frame = store.open_events(store.write_events(EVENTS, tmp_path / "events.parquet"))
    kinds = {"date": "datetime64[ns]", "float": "float64", "list": "object", "str": "str"}
    assert {c: str(frame[c].dtype) for c in FRAME_COLUMNS} == {c: kinds[k] for c, k in FRAME_COLUMNS.items()}
    assert isinstance(frame.loc[0, "actors"], list)


def test_open_parquet_imports_once_and_survives_a_copy(tmp_path):
    frame = engine.open_events(store.write_events(EVENTS, tmp_path / "events.parquet"))
    name = engine.frame_table(frame).get_name()
    copy = pd.DataFrame(frame.to_dict("list")).astype(frame.dtypes.to_dict())
    copy.attrs.update(frame.attrs)                       # what a pickle round trip keeps
    assert engine.frame_table(copy).get_name() == name
    reordered = frame.iloc[::-1]                          # inherits attrs, different rows order
    assert engine.frame_table(reordered).get_name() != name
    flt = EventFilter(towns=("Albu Kamal",))
    assert filter_events(reordered, flt)["event_id"].tolist() == (
        frame.loc[frame["towns"].map(lambda t: "Albu Kamal" in t), "event_id"].tolist()[::-1])


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    text = frame.copy()
    for column, kind in FRAME_COLUMNS.items():
        if kind == "list":
            text[column] = text[column].map(LIST_SEP.join)
        elif kind == "date":
            text[column] = text[column].dt.strftime("%Y-%m-%d").fillna("")
    text.to_csv(path, index=False)
    return path


def test_csv_round_trip(tmp_path):
    _frames_equal(store.open_events(_write_csv(EVENTS, tmp_path / "events.csv")), EVENTS)


def test_csv_with_only_required_columns_fills_the_rest(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("event_id,earliest,latest,actors\nx1,2020-01-01,2020-01-31,IRGC; Hezbollah\n")
    frame = store.open_events(path)
    assert frame.loc[0, "actors"] == ["IRGC", "Hezbollah"]
    assert frame.loc[0, "towns"] == [] and frame.loc[0, "town"] == ""
    assert frame.loc[0, "latest"] == pd.Timestamp("2020-01-31")
    assert pd.isna(frame.loc[0, "published_earliest"]) and np.isnan(frame.loc[0, "lat"])


BAD_FILES = [
    # id, file name, content, message fragment
    ("no-required", "events.csv", "event_id,latest\nx,2020-01-01\n", "events.csv:1:1: events CSV lacks required column 'earliest'"),
    ("bad-date", "events.csv", "event_id,earliest,latest\nx,June,2020-01-01\n", "column 'earliest'"),
    ("not-parquet", "events.parquet", "not parquet", "not a readable Parquet file"),
    ("suffix", "events.json", "{}", "expected a data directory, .parquet or .csv file"),
    ("short-record", "events.csv", "event_id,earliest,latest\nx,2020-01-01\n", "events.csv:2: 2 fields, expected 3"),
    ("long-record", "events.csv", "event_id,earliest,latest\nx,2020-01-01,2020-01-02,extra\n", "events.csv:2: 4 fields"),
    ("duplicate-column", "events.csv", "event_id,earliest,latest,earliest\n", "events.csv:1:4: duplicate column 'earliest'"),
]
assert len({c[0] for c in BAD_FILES}) == len(BAD_FILES)


@pytest.mark.parametrize("name, content, fragment", [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_unreadable_files_raise_store_error(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(store.StoreError, match=fragment.replace(".", r"\.").replace("(", r"\(")):
        store.open_events(path)


def test_every_ragged_record_is_reported_by_its_line(tmp_path):
    # A short record used to be padded with empty cells and read as an event (silent loss).
    path = tmp_path / "events.csv"
    path.write_text('event_id,earliest,latest\na,2020-01-01,2020-01-01\nb,2020-01-01\n'
                    '"c\nstill c",2020-01-01,2020-01-01\nd\n')
    with pytest.raises(store.StoreError) as caught:
        store.open_events(path)
    assert str(caught.value).splitlines() == [
        "events.csv:3: 2 fields, expected 3 (the header's): 'b,2020-01-01'",
        "events.csv:6: 1 field, expected 3 (the header's): 'd'"]


def test_missing_path_raises(tmp_path):
    with pytest.raises(store.StoreError, match="no such events file"):
        store.open_events(tmp_path / "nope.parquet")


def test_list_columns_share_lists_between_equal_rows():
    table = pa.table({"event_id": ["a", "b", "c"], "earliest": pa.array([0, 1, 2], pa.date32()),
                      "latest": pa.array([0, 1, 2], pa.date32()),
                      "actors": pa.array([["x", "y"], None, ["x", "y"]], pa.list_(pa.string()))})
    frame = store.arrow_to_frame(table)
    assert frame["actors"].tolist() == [["x", "y"], [], ["x", "y"]]
    assert frame.loc[0, "actors"] is frame.loc[2, "actors"]


def test_convert_cli_writes_parquet_from_a_csv(tmp_path):
    csv = _write_csv(EVENTS, tmp_path / "events.csv")
    out = tmp_path / "out" / "events.parquet"
    result = subprocess.run([sys.executable, "-m", "components.events", "convert", "--data", str(csv),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "wrote 8 events" in result.stdout
    _frames_equal(store.open_events(out), EVENTS)


def test_convert_cli_reports_a_bad_input(tmp_path):
    result = subprocess.run([sys.executable, "-m", "components.events", "convert", "--data",
                             str(tmp_path / "missing.csv"), "--out", str(tmp_path / "x.parquet")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "no such events file" in result.stderr


def test_bundled_data_converts_and_filters_alike(tmp_path):
    bundled = store.open_events(ROOT / "data")
    path = store.write_events(bundled, tmp_path / "bundled.parquet")
    flt = EventFilter(sides=("iran",))
    assert sorted(filter_events(store.open_events(path), flt)["event_id"]) == sorted(filter_events(bundled, flt)["event_id"])
