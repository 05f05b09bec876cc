"""Export: formula guarding, ACLED-compatible CSV, JSON, and the round trip through the ACLED importer."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from components.io.table_export import ACLED_COLUMNS, EXTRA_COLUMNS, guard_cell, to_acled_csv, to_json
from components.io.importers import import_bytes, import_file
from components.events.schema import blank_row
from components.io.importers.frame import make_frame, set_interval
from components.io.importers.references import References, TownRef
from datetime import date

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
REFS = References(towns={"albu kamal": TownRef("Albu Kamal", 34.4531, 40.9186)})

GUARD_CASES = [
    # cell,                 expected
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("-3.25", "-3.25"),          # a plain negative number stays a number
    ("-1e5", "-1e5"),
    ("Albu Kamal", "Albu Kamal"),
    ("", ""),
    ("a=b", "a=b"),              # only the first character matters
    ("'=1+1", "''=1+1"),         # already guarded-looking text is guarded again (round trip)
    ("'Abu Kamal'", "'Abu Kamal'"),   # a quoted name is not a formula: left alone
    ("''", "'''"),
]
assert len({c[0] for c in GUARD_CASES}) == len(GUARD_CASES)


@pytest.mark.parametrize("cell, expected", GUARD_CASES, ids=[repr(c[0]) for c in GUARD_CASES])
def test_guard_cell(cell, expected):
    assert guard_cell(cell) == expected


def _curated_frame() -> pd.DataFrame:
    """Two curated-looking events, one with hostile text in every free-text field."""
    first, second = blank_row(), blank_row()
    set_interval(first, date(2020, 6, 29), date(2020, 7, 5), "week", "2020-W27", "last_week", "last week -> W27")
    first.update(event_id="e000-02", quote="Clashes took place last week.", date_text="last week",
                 actors=["Liwaa al-Quds", "National Defence Forces"], sides=["russia", "iran"],
                 towns=["Albu Kamal", "Hajin"], town="Albu Kamal", lat=34.4531, lon=40.9186, event_type="clash")
    set_interval(second, date(2017, 9, 1), date(2017, 12, 31), "year", "2017", "part_of_year", "late 2017")
    second.update(event_id="e004-01", quote="=HYPERLINK(\"http://evil.invalid\",\"click\")",
                  date_text="-late in 2017", actors=["@attacker", "Russian forces", "+plus", "-minus"],
                  towns=["=Town"], town="=Town", lat=-33.5, lon=float("nan"), event_type="deployment",
                  outlet="\tTabbed outlet")
    return make_frame([first, second])


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_acled_columns_then_ours():
    header = next(csv.reader(io.StringIO(to_acled_csv(_curated_frame()))))
    assert tuple(header) == ACLED_COLUMNS + EXTRA_COLUMNS


def test_csv_neutralises_formulas_in_every_text_cell():
    rows = _rows(to_acled_csv(_curated_frame()))
    hostile = rows[1]
    assert hostile["notes"].startswith("'=HYPERLINK")
    assert (hostile["actor1"], hostile["assoc_actor_1"], hostile["actor2"]) == ("'@attacker", "Russian forces; +plus", "'-minus")
    assert hostile["location"] == "'=Town" and hostile["towns"] == "'=Town"
    assert hostile["source"] == "'\tTabbed outlet" and hostile["date_text"] == "'-late in 2017"
    assert hostile["latitude"] == "-33.5" and hostile["longitude"] == ""       # numbers are not guarded
    for row in rows:
        for column, cell in row.items():
            assert cell[:1] not in ("=", "+", "@", "\t", "\r") or column in ("latitude", "longitude"), (column, cell)


def test_csv_dates_use_the_midpoint_and_closest_acled_precision():
    rows = _rows(to_acled_csv(_curated_frame()))
    assert (rows[0]["event_date"], rows[0]["time_precision"]) == ("2020-07-02", "2")   # Thursday of W27
    assert (rows[1]["event_date"], rows[1]["time_precision"], rows[1]["year"]) == ("2017-10-31", "3", "2017")
    assert (rows[1]["earliest"], rows[1]["latest"], rows[1]["granularity"]) == ("2017-09-01", "2017-12-31", "year")


def _same(before: pd.DataFrame, after: pd.DataFrame) -> None:
    cols = ["event_id", "earliest", "latest", "actors", "towns", "town", "granularity", "rule", "explanation"]
    left = before[cols].reset_index(drop=True)
    right = after[cols].reset_index(drop=True)
    assert left.to_dict("records") == right.to_dict("records")


def test_curated_export_round_trips_through_the_acled_importer():
    frame = _curated_frame()
    again, report = import_bytes("acled", to_acled_csv(frame).encode(), "export.csv", refs=REFS)
    assert report.rows_read == report.rows_accepted == 2 and not report.rejected
    _same(frame, again)
    assert again.loc[0, "date_text"] == "last week" and again.loc[1, "quote"].startswith("=HYPERLINK")


@pytest.mark.parametrize("kind, name", [("acled", "acled_sample_synthetic.csv"),
                                        ("ucdp", "ucdp_ged_sample_synthetic.csv")], ids=["acled", "ucdp"])
def test_import_export_import_is_stable(kind, name):
    first, _ = import_file(kind, SAMPLES / name, refs=REFS)
    second, report = import_bytes("acled", to_acled_csv(first).encode(), "export.csv", refs=REFS)
    assert report.rows_accepted == len(first) and not report.rejected
    _same(first, second)


ROUND_TRIP_TEXTS = ["\r=1+1", "line one\rline two", "line one\nline two", "'=1+1", "''", "'''x", "=x", "-", "'",
                    "'on Saturday' he said"]


@pytest.mark.parametrize("text", ROUND_TRIP_TEXTS, ids=[repr(t) for t in ROUND_TRIP_TEXTS])
def test_awkward_text_survives_export_and_import(text):
    frame = _curated_frame()[:1].copy()
    frame["quote"] = [text]
    written = to_acled_csv(frame)
    assert len(list(csv.reader(io.StringIO(written, newline="")))) == 2     # a CR never splits the row
    again, report = import_bytes("acled", written.encode(), "back.csv", refs=REFS)
    assert report.rows_accepted == 1 and again.loc[0, "quote"] == text


def test_json_export():
    data = json.loads(to_json(_curated_frame()))
    assert [d["event_id"] for d in data] == ["e000-02", "e004-01"]
    assert data[0]["actors"] == ["Liwaa al-Quds", "National Defence Forces"] and data[0]["earliest"] == "2020-06-29"
    assert data[1]["lon"] is None and data[1]["published_earliest"] is None
    assert data[1]["quote"].startswith("=HYPERLINK")     # JSON carries data verbatim


def test_list_columns_may_be_arrays():
    frame = _curated_frame()
    frame["actors"] = frame["actors"].map(lambda names: np.array(names, dtype=object))
    rows = _rows(to_acled_csv(frame))
    assert (rows[0]["actor1"], rows[0]["actor2"]) == ("Liwaa al-Quds", "National Defence Forces")
    assert json.loads(to_json(frame))[0]["actors"] == ["Liwaa al-Quds", "National Defence Forces"]


def test_export_refuses_a_table_without_dates():
    with pytest.raises(ValueError, match="lacks column\\(s\\) earliest, latest"):
        to_acled_csv(pd.DataFrame({"event_id": ["x"], "actors": [[]], "towns": [[]]}))


def test_empty_table_exports_a_header():
    assert to_acled_csv(make_frame([])).count("\n") == 1 and json.loads(to_json(make_frame([]))) == []
