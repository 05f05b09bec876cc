"""Hostile and broken curated data: every loader case of tests/fixtures/bad/MANIFEST.csv.

Each case is the bundled data/ with the hostile base dataset (tests/fixtures/bad/loader/base:
one synthetic article whose events carry <script>, <img onerror>, markdown links and
spreadsheet formulas) laid over it, plus the case's own file(s).  The loader either
loads it (and nothing in the text is altered) or refuses it with problems that name
file:line:column and the value; the CLI prints the same lines.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.dates import normalize_date
from components.events import EventDataError, load_dataset
from components.commands.events import main as events_cli
from tests.support.hostile import BAD, GENERATED, ROOT, Case, cases, dataset_dir, table_path

BASE_EVENTS = BAD / "loader" / "base" / "events.csv"
MAX_MESSAGE = 1000          # characters in one problem line: a terminal screen, not a megabyte


def _ten_mb_quote(data: Path) -> None:
    header, first = BASE_EVENTS.read_text(encoding="utf-8").splitlines()[:2]
    big = "A" * (10 * 1024 * 1024)
    (data / "events.csv").write_text(f"{header}\n{first.replace('On Saturday, ', 'On Saturday, ' + big, 1)}\n",
                                     encoding="utf-8")


def _hundred_kb_name(data: Path) -> None:
    header, first = BASE_EVENTS.read_text(encoding="utf-8").splitlines()[:2]
    (data / "events.csv").write_text(f"{header}\n{first.replace(',Russian forces,', ',' + 'X' * 100_000 + ',', 1)}\n",
                                     encoding="utf-8")


GENERATORS = {"loader_10mb_field": _ten_mb_quote, "loader_100kb_name": _hundred_kb_name}

XFAIL: dict[str, str] = {}


def _params(selected: list[Case]) -> list:
    return [pytest.param(c, id=c.case, marks=[pytest.mark.xfail(strict=True, reason=XFAIL[c.case])]
                         if c.case in XFAIL else []) for c in selected]


LOADER_CASES = cases("loader")


def build(case: Case, tmp_path: Path) -> Path:
    """The data directory for ``case``."""
    if case.file == GENERATED:
        data = dataset_dir(tmp_path)
        GENERATORS[case.case](data)
        return data
    overlay = case.path
    if overlay.name == "base":
        return dataset_dir(tmp_path)
    return dataset_dir(tmp_path, overlay.parent if overlay.is_file() else overlay)


@pytest.fixture(scope="module", autouse=True)
def _warm_normalizer():
    """Compile the normalizer's rule table once, so timings measure the loader on the case."""
    normalize_date("last week", "2020-07-05")


def test_every_generated_case_has_a_generator():
    assert {c.case for c in cases("loader", generated=True)} == set(GENERATORS)


def test_corpus_size():
    # the issue asks for at least 30 cases; each target is covered
    assert len(cases("loader", "importer", "upload", "url", "normalizer", "export")) >= 30
    assert all(c.path.exists() for c in cases("loader", "importer", "upload", generated=False))


@pytest.mark.timeout(60)      # a hang guard, not a speed check
@pytest.mark.parametrize("case", _params(LOADER_CASES))
def test_loader_case(case, tmp_path):
    data = build(case, tmp_path)
    try:
        dataset = load_dataset(data)
    except EventDataError as err:
        lines = [str(p) for p in err.problems]
        assert case.kind == "problem", f"refused unexpectedly: {lines[:5]}"
        assert any(all(f in line for f in case.fragments) for line in lines), lines[:5]
        for problem, line in zip(err.problems, lines):
            assert line.startswith(f"{problem.file}:{problem.line}" if problem.line else problem.file)
            assert len(line) <= MAX_MESSAGE, f"{len(line):,}-character message: {line[:120]}…"
    else:
        assert case.kind == "ok", f"accepted, but expected {case.expected}"
        assert f"{len(dataset.events)} events" == case.fragments[0]


@pytest.mark.timeout(60)      # a hang guard, not a speed check
@pytest.mark.parametrize("case", _params(LOADER_CASES))
def test_cli_prints_the_same_outcome(case, tmp_path, capsys):
    data = build(case, tmp_path)
    code = events_cli(["validate", "--data", str(data)])
    out = capsys.readouterr()
    if case.kind == "ok":
        assert code == 0 and f", {case.fragments[0]}," in out.out
    else:
        assert code == 1
        assert any(all(f in line for f in case.fragments) for line in out.out.splitlines())
        assert "problem(s) in" in out.err and "Traceback" not in out.err


def _csv_column(path: Path, column: str) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["event_id"]: row[column] for row in csv.DictReader(handle)}


def test_payload_text_is_kept_verbatim(tmp_path):
    """Markup and formulas are data: nothing is stripped, escaped or 'fixed' on the way in."""
    dataset = load_dataset(dataset_dir(tmp_path))
    summaries = _csv_column(BASE_EVENTS, "summary")
    quotes = _csv_column(BASE_EVENTS, "quote")
    assert {e.event_id: e.summary for e in dataset.events} == summaries
    assert {e.event_id: e.quote for e in dataset.events} == quotes
    assert any("<script>" in s for s in summaries.values())
    assert any(s.startswith("=HYPERLINK(") for s in summaries.values())


def test_json_cli_carries_payloads_as_json_strings(tmp_path, capsys):
    assert events_cli(["--json", "--data", str(dataset_dir(tmp_path))]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["event_id"]: r["summary"] for r in rows} == _csv_column(BASE_EVENTS, "summary")


def test_cli_subprocess_names_line_and_offset_without_traceback(tmp_path):
    data = dataset_dir(tmp_path, BAD / "loader" / "latin1")
    run = subprocess.run([sys.executable, "-m", "components.events", "validate", "--data", str(data)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1
    assert run.stdout.splitlines()[0] == ("events.csv:3: not UTF-8: byte 0xe9 at byte offset 645 "
                                          "(invalid continuation byte); save the file as UTF-8")
    assert "Traceback" not in run.stderr


# ---- events-table CSV files (DZ_DATA=FILE / --data FILE: the importer CLI's events.csv)
@pytest.mark.parametrize("case", cases("table"), ids=lambda c: c.case)
def test_events_table_case(case, tmp_path):
    from components.events.model import data_problems
    from components.query.datasource import load_view_data
    try:
        data = load_view_data(table_path(case, tmp_path))
    except ValueError as err:               # EventDataError, StoreError, pandas' errors
        lines = data_problems(err)
        assert case.kind == "problem", f"refused unexpectedly: {lines[:3]}"
        assert any(all(f in line for f in case.fragments) for line in lines), lines[:3]
        assert all(len(line) <= MAX_MESSAGE for line in lines)
    else:
        assert case.kind == "ok", f"accepted {len(data.frame)} rows, but expected {case.expected}"
        assert f"{len(data.frame)} events" == case.fragments[0]
