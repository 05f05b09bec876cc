"""Knowledge time (known_by / known_mode) and the reporting lag in the query layer."""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components.events import DEFAULT_DATA_DIR, events_to_frame, load_dataset
from components.events.lag import LAG_RULE
from components.query.filter import EventFilter, FilterError
from components.query.run import balance_table, count_events, filter_events
from tests.events.test_events_data import run_cli


def _rows(name: str) -> list[dict[str, str]]:
    with open(DEFAULT_DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_ids(day: str, column: str) -> list[str]:
    """Independent of the query layer: the events of articles whose ``column`` <= day."""
    known = {a["article_id"] for a in _rows("articles.csv") if a[column] <= day}
    return [e["event_id"] for e in _rows("events.csv") if e["article_id"] in known]


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return events_to_frame(load_dataset())


# day, mode -> the publication column that decides
KNOWN_CASES = [
    ("2020-06-30", "certainly", "published_latest"),
    ("2020-06-05", "certainly", "published_latest"),    # a001 (06-03..07) not yet certain
    ("2020-06-05", "possibly", "published_earliest"),   # ... but possible
    ("2020-07-06", "certainly", "published_latest"),
    ("2020-07-06", "possibly", "published_earliest"),
    ("2018-10-06", "certainly", "published_latest"),
    ("2018-10-06", "possibly", "published_earliest"),
    ("2017-01-01", "possibly", "published_earliest"),   # nothing known yet
    ("2021-01-01", "certainly", "published_latest"),    # everything
]
assert len({c[:2] for c in KNOWN_CASES}) == len(KNOWN_CASES)


@pytest.mark.parametrize("day, mode, column", KNOWN_CASES, ids=[f"{c[0]}-{c[1]}" for c in KNOWN_CASES])
def test_known_by_keeps_exactly_the_events_of_articles_published_by_then(bundled, day, mode, column):
    flt = EventFilter(known_by=date.fromisoformat(day), known_mode=mode)
    assert filter_events(bundled, flt)["event_id"].tolist() == expected_ids(day, column)
    assert count_events(bundled, flt) == len(expected_ids(day, column))


def test_the_two_modes_differ_on_an_uncertain_window(bundled):
    certain = filter_events(bundled, EventFilter(known_by=date(2020, 6, 5)))
    possible = filter_events(bundled, EventFilter(known_by=date(2020, 6, 5), known_mode="possibly"))
    assert set(possible["source_id"]) - set(certain["source_id"]) == {"a001"}


def test_rows_without_a_publication_day_use_their_own_dates():
    rows = pd.DataFrame({"event_id": ["i1", "i2"], "earliest": pd.to_datetime(["2020-06-01", "2020-06-25"]),
                         "latest": pd.to_datetime(["2020-06-07", "2020-07-02"])})
    from tests.support.frames import make_events
    frame = make_events().head(2).copy()
    frame[["event_id", "earliest", "latest"]] = rows[["event_id", "earliest", "latest"]].to_numpy()
    frame["earliest"] = pd.to_datetime(frame["earliest"])
    frame["latest"] = pd.to_datetime(frame["latest"])
    frame["published_earliest"] = pd.NaT
    frame["published_latest"] = pd.NaT
    certain = filter_events(frame, EventFilter(known_by=date(2020, 6, 30)))
    possible = filter_events(frame, EventFilter(known_by=date(2020, 6, 30), known_mode="possibly"))
    assert (certain["event_id"].tolist(), possible["event_id"].tolist()) == (["i1"], ["i1", "i2"])


def test_known_by_is_described_in_the_caption():
    flt = EventFilter(known_by=date(2020, 6, 30))
    assert flt.describe(68, 38) == "Known by: 2020-06-30 (certainly published by then) · 38 of 68 events"
    assert not flt.is_empty() and EventFilter(lag_days=7, known_mode="possibly").is_empty()


@pytest.mark.parametrize("kwargs, needle", [({"known_mode": "maybe"}, "known_mode"),
                                            ({"lag_days": -1}, "lag_days"), ({"lag_days": 1.5}, "lag_days"),
                                            ({"lag_days": True}, "lag_days"), ({"known_by": "June"}, "known_by")])
def test_bad_settings_are_refused(kwargs, needle):
    with pytest.raises(FilterError, match=needle):
        EventFilter(**kwargs)


def test_the_lag_moves_undated_reports_in_and_out_of_a_date_range(bundled):
    lag_ids = set(bundled.loc[bundled["rule"] == LAG_RULE, "event_id"])
    # e000-15 (a000, 2020-07-05..08): from 2020-06-14 at the default lag, 2020-06-28 at a week
    june = dict(start=date(2020, 6, 14), end=date(2020, 6, 20))
    default = set(filter_events(bundled, EventFilter(**june))["event_id"])
    week = filter_events(bundled, EventFilter(lag_days=7, **june))
    assert "e000-15" in default & lag_ids and "e000-15" not in set(week["event_id"])
    shown = filter_events(bundled, EventFilter(lag_days=7))
    row = shown.set_index("event_id").loc["e000-15"]
    assert str(row["earliest"].date()) == "2020-06-28" and "up to a week before" in row["explanation"]
    assert filter_events(bundled, EventFilter(lag_days=7)) is not bundled
    assert balance_table(bundled, EventFilter(lag_days=7))["events"].sum() > 0


def test_cli_known_by_lists_exactly_the_certainly_published_articles(tmp_path):
    result = run_cli("--json", "--known-by", "2020-06-30", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["event_id"] for line in result.stdout.splitlines()]
    assert ids == expected_ids("2020-06-30", "published_latest") and ids


def test_cli_known_mode_possibly(tmp_path):
    result = run_cli("--json", "--known-by", "2020-06-05", "--known-mode", "possibly", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["event_id"] for line in result.stdout.splitlines()]
    assert ids == expected_ids("2020-06-05", "published_earliest")


@pytest.mark.parametrize("args, needle", [
    (("--known-by", "2020-13-30"), "known_by='2020-13-30': not a date"),
    (("--known-by", "last June"), "known_by='last June': not a date"),
    (("--known-mode", "perhaps"), "known_mode='perhaps'"),
    (("--lag", "-5"), "lag='-5': not a whole number of days"),
])
def test_cli_bad_knowledge_values_exit_2_with_the_reason(tmp_path, args, needle):
    result = run_cli("--json", *args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert needle in result.stderr


def test_cli_lag(tmp_path):
    result = run_cli("--json", "--lag", "14", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {r["event_id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["e000-15"]["earliest"] == "2020-06-21"
    assert "up to two weeks before" in rows["e000-15"]["explanation"]
