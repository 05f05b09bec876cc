"""events_to_frame: the loaded dataset as the shared FRAME_COLUMNS table."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from components.events import events_to_frame, load_dataset
from components.events.schema import DATE_COLUMNS, FRAME_COLUMNS, LIST_COLUMNS
from tests.support.curated import fake_normalize, write_dataset


@pytest.fixture
def frame(tmp_path):
    return events_to_frame(load_dataset(write_dataset(tmp_path), normalize=fake_normalize))


def test_frame_has_exactly_the_schema_columns(frame):
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert len(frame) == 5


def test_date_columns_are_datetime64_days(frame):
    for column in DATE_COLUMNS:
        assert pd.api.types.is_datetime64_dtype(frame[column]), column
        assert (frame[column] == frame[column].dt.normalize()).all(), column


def test_list_columns_hold_python_lists(frame):
    for column in LIST_COLUMNS:
        assert all(isinstance(v, list) for v in frame[column]), column
    row = frame.set_index("event_id").loc["e2"]
    assert row["actors"] == ["Liwa Fatemiyoun", "Russia", "IRGC"]
    assert row["sides"] == ["iran", "russia"]


# event_id -> (precision, date_source, town, has coordinates)
FRAME_ROWS = [
    ("e1", ("day", "phrase", "Deir ez-Zor", True)),
    ("e2", ("week", "phrase", "", False)),
    ("e3", ("week", "anchor_event", "Deir ez-Zor", True)),
    ("e4", ("day", "override", "", False)),
    ("e5", ("week", "publication", "", False)),
]


@pytest.mark.parametrize("event_id, expected", FRAME_ROWS, ids=[c[0] for c in FRAME_ROWS])
def test_frame_rows(frame, event_id, expected):
    row = frame.set_index("event_id").loc[event_id]
    assert (row["precision"], row["date_source"], row["town"], not math.isnan(row["lat"])) == expected
    assert row["source_id"] == "a1" and row["source_file"] == "a1.txt"
    assert row["relays"] == "Relay A; Relay B"
    assert row["published_earliest"] == pd.Timestamp("2020-07-05")


def test_empty_dataset_gives_an_empty_frame_with_the_schema(tmp_path):
    root = write_dataset(tmp_path)
    lines = (root / "events.csv").read_text(encoding="utf-8").splitlines()
    (root / "events.csv").write_text(lines[0] + "\n", encoding="utf-8")
    frame = events_to_frame(load_dataset(root, normalize=fake_normalize))
    assert frame.empty and list(frame.columns) == list(FRAME_COLUMNS)
    assert pd.api.types.is_datetime64_dtype(frame["earliest"])
