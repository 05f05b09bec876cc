"""python -m dashboard.export: PNGs through kaleido at scale 2, URL-style options, no streamlit."""
from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.export import main
from tests.support.hostile import cases, table_path

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    return struct.unpack(">II", data[16:24])


# view, extra arguments, expected pixel width (scale 2), text expected in the printed context
VIEW_CASES = [
    ("timeline", ["--town", "Boukamal,al-Mayadin", "--swimlane", "town"], 3200, "Towns: Albu Kamal, al-Mayadin"),
    ("map", ["--side", "iran", "--start", "2020-01", "--end", "2020-12"], 2200,
     "Side: Iran · overlapping 2020-01-01..2020-12-31"),
    ("balance", ["--period", "quarter", "--rule", "midpoint"], 2800, "All events"),
    ("presence", ["--actor", "IRGC"], 2800, "Actor: IRGC and groups under it · 30 of 68 events"),
    ("timeline", ["--town", "Boukamal"], 3200, "Town: Albu Kamal and places within it · 16 of 68"),
]


@pytest.mark.parametrize("view, extra, width, context", VIEW_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(VIEW_CASES)])
def test_writes_png_at_scale_2(tmp_path, capsys, view, extra, width, context):
    out = tmp_path / f"{view}.png"
    assert main(["--out", str(out), "--view", view, *extra]) == 0
    assert png_size(out)[0] == width
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and context in printed and "data as of" in printed


def test_unknown_values_are_refused_with_exit_2_and_no_png(tmp_path, capsys):
    """A bad filter value names itself and writes nothing: an unfiltered "All events" PNG
    would pass for the filtered view (issue 14)."""
    out = tmp_path / "t.png"
    assert main(["--out", str(out), "--town", "Nowhere", "--start", "2020-02-30", "--scale", "1"]) == 2
    err = capsys.readouterr().err
    assert "town='Nowhere'" in err and "start='2020-02-30'" in err
    assert not out.exists()


def test_broken_data_exits_1_with_problems(tmp_path, capsys):
    bad = tmp_path / "events.csv"
    bad.write_text("event_id,earliest\nx1,not-a-date\n", encoding="utf-8")
    assert main(["--out", str(tmp_path / "t.png"), "--data", str(bad)]) == 1
    assert "events.csv" in capsys.readouterr().err
    assert not (tmp_path / "t.png").exists()


PATH_CASES = [c for c in cases("table") if c.kind == "problem" and c.case != "table_empty"]


@pytest.mark.timeout(60)       # a FIFO used to hang here
@pytest.mark.parametrize("case", PATH_CASES, ids=lambda c: c.case)
def test_unusable_data_path_exits_1_with_one_clear_line(case, tmp_path, capsys):
    """A FIFO, a symlink loop, list-typed or out-of-range dates: a message, never a traceback."""
    assert main(["--out", str(tmp_path / "t.png"), "--data", str(table_path(case, tmp_path))]) == 1
    err = capsys.readouterr().err
    assert all(f in err for f in case.fragments), err
    assert "Traceback" not in err and not (tmp_path / "t.png").exists()


@pytest.mark.parametrize("flag, value", [("--start", "0001-01-01"), ("--end", "9999-12-31")])
def test_out_of_range_dates_exit_2(tmp_path, capsys, flag, value):
    assert main(["--out", str(tmp_path / "t.png"), flag, value]) == 2
    assert "out of range" in capsys.readouterr().err


def test_out_must_be_png(tmp_path, capsys):
    assert main(["--out", str(tmp_path / "t.jpg")]) == 2
    assert "must end in .png" in capsys.readouterr().err


def test_does_not_import_streamlit():
    code = "import sys, dashboard.export; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
