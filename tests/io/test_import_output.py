"""The import's fast paths, each against the plain way it replaces: a row's fields checked for
a formula guard or padding by one search, the events table built from row dicts, events.csv as
Python's csv module writes it, the source row's JSON as json.dumps writes it, and the collector
paused (and given back) while rows are built."""
from __future__ import annotations

import csv
import gc
import io
import json
import math
import threading
from datetime import date

import pandas as pd
import pytest

from components.events.records import Record
from components.events.schema import FRAME_COLUMNS, LIST_SEP, blank_row
from components.io.importers.common import collection_paused, source_record
from components.io.importers.frame import CSV_SLICE, make_frame, write_csv
from components.io.importers.rows import _GUARDED_OR_PADDED
from components.io.store import frame_to_arrow

# a cell as converted rows may hold it -> the text events.csv carries
CELLS = [
    ("plain", "plain"),
    ("", ""),
    ("comma, inside", '"comma, inside"'),
    ('a "quoted" word', '"a ""quoted"" word"'),
    ("line\nbreak", '"line\nbreak"'),
    ("bare\rCR", '"bare\rCR"'),
    ("crlf\r\nend", '"crlf\r\nend"'),
    ("  spaces kept  ", "  spaces kept  "),
    ("دير الزور", "دير الزور"),
    ('{"json":"row","n":1}', '"{""json"":""row"",""n"":1}"'),
    ("=1+1", "=1+1"),          # a data file, not a spreadsheet export: kept as written
    (None, ""),
    (math.nan, ""),
    (7, "7"),
]


def _row(i: int, **values) -> dict:
    row = blank_row()
    day = date(2020, 1, 1 + i % 28)
    row.update(event_id=f"acled:T{i}", start=day, end=day, earliest=day, latest=day, **values)
    return row


def _python_csv(frame: pd.DataFrame) -> bytes:
    """The reference: the same table through the csv module, cell by cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(FRAME_COLUMNS))
    for record in frame.to_dict("records"):
        cells = []
        for column, kind in FRAME_COLUMNS.items():
            value = record[column]
            if kind == "list":
                cells.append(LIST_SEP.join(value))
            elif kind == "date":
                cells.append("" if pd.isna(value) else value.strftime("%Y-%m-%d"))
            elif kind == "float":
                cells.append("" if pd.isna(value) else repr(float(value)))
            else:
                cells.append("" if pd.isna(value) else str(value))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def _written(frame: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    write_csv(frame, out)
    return out.getvalue()


@pytest.mark.parametrize("value, text", CELLS, ids=[repr(c[0])[:16] for c in CELLS])
def test_a_cell_is_written_as_the_csv_module_writes_it(value, text):
    frame = make_frame([_row(0, summary=value, quote="x", towns=["Albu Kamal", "Hajin"], lat=34.5)])
    written = _written(frame)
    assert written == _python_csv(frame)
    line = written.decode("utf-8").split("\r\n", 1)[1]
    assert f",{text}," in line or line.startswith(f"{text},")


def test_a_table_longer_than_a_slice_is_written_whole():
    values = [value for value, _ in CELLS]
    rows = [_row(i, summary=values[i % len(values)], outlet=f"o{i}", fatalities=float(i % 3),
                 actors=["Russia"] if i % 2 else []) for i in range(CSV_SLICE + 5)]
    frame = make_frame(rows)
    assert _written(frame) == _python_csv(frame)


def test_numbers_and_days_are_written_as_the_csv_module_writes_them():
    numbers = [0.0, -0.0, math.nan, 34.45, 1e-07, 40.9186, 3.0, 1e300]
    rows = [_row(i, lat=v, lon=-v, fatalities=numbers[-1 - i]) for i, v in enumerate(numbers)]
    rows[0].update(published_earliest=date(2019, 12, 31), published_latest=None)
    frame = make_frame(rows)
    assert _written(frame) == _python_csv(frame)
    assert b",-0.0," in _written(frame) and b",1e-07," in _written(frame)


def test_an_empty_table_is_its_header():
    assert _written(make_frame([])) == (",".join(FRAME_COLUMNS) + "\r\n").encode()


def test_text_columns_read_missing_and_odd_values_as_text():
    frame = make_frame([_row(0, outlet=None), _row(1, outlet=math.nan), _row(2, outlet=5), _row(3, outlet="ok")])
    assert frame["outlet"].tolist() == ["", "", "5", "ok"]
    assert frame["outlet"].dtype == "str" and frame["earliest"].dtype == "datetime64[ns]"
    assert frame_to_arrow(frame).column("outlet").to_pylist() == ["", "", "5", "ok"]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_comes_back_as_it_was(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collection_paused():
            assert not gc.isenabled()
            with collection_paused():          # nested: still paused after the inner one ends
                pass
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collection_paused():
            raise RuntimeError("a failed import")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_concurrent_imports_share_one_pause():
    inside, release = threading.Event(), threading.Event()

    def other_import():
        with collection_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_import)
    worker.start()
    inside.wait(5)
    with collection_paused():
        pass
    assert not gc.isenabled()            # the other import still runs
    release.set()
    worker.join(5)
    assert gc.isenabled()


# a source row's values -> its JSON must be json.dumps's, character for character
SOURCE_VALUES = [
    {"event_id_cnty": "SYR1", "notes": "plain"},
    {"notes": 'quotes " and \\ backslash'},
    {"notes": "line\nbreak\ttab\rCR\x01control"},
    {"notes": "دير الزور – «Albu Kamal»", "admin1": ""},
    {"weird key \"x\"": "v", "": ""},
    {"notes": "lone surrogate \ud800 kept as json.dumps keeps it"},
]


@pytest.mark.parametrize("values", SOURCE_VALUES, ids=[str(i) for i in range(len(SOURCE_VALUES))])
def test_the_source_row_json_is_json_dumps(values):
    assert source_record(Record(2, values)) == json.dumps(values, ensure_ascii=False, separators=(",", ":"))


# a row's fields -> does some field need its guard undone or its padding stripped?
FIELD_ROWS = [
    (["SYR1", "25 February 2018", "plain"], False),
    (["", "", ""], False),
    (["a\tb", "in side"], False),
    (["a'", "b"], False),
    ([" lead", "b"], True),
    (["a", "trail "], True),
    (["'=1+1", "b"], True),
    (["a", "'"], True),
    (["a", "b\xa0"], True),                # no-break space
    (["\u3000wide", "b"], True),            # ideographic space
    (["\x1fa", "b"], True),                # str.isspace counts the unit separator
    (["x\n"], True),
    (["a", " "], True),
]


@pytest.mark.parametrize("row, expected", FIELD_ROWS, ids=[repr(r)[:24] for r, _ in FIELD_ROWS])
def test_one_search_finds_the_fields_that_need_work(row, expected):
    per_field = any(v[:1] == "'" or v[:1].isspace() or v[-1:].isspace() for v in row)
    assert per_field is expected
    assert (_GUARDED_OR_PADDED.search("\0" + "\0".join(row) + "\0") is not None) is expected
