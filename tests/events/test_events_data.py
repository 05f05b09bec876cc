"""The bundled data/ and the command line (run as a subprocess from outside the repo)."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from components.events import DEFAULT_DATA_DIR, load_dataset
from tests.support.curated import Edit, write_dataset

REPO = Path(__file__).resolve().parents[2]
EVENTS_CSV = DEFAULT_DATA_DIR / "events.csv"


def _normalizer_ready() -> bool:
    try:
        from components.dates import normalize_date  # noqa: F401
    except ImportError:
        return False
    return True


needs_data = pytest.mark.skipif(not EVENTS_CSV.exists(), reason="data/events.csv is not curated yet")
needs_normalizer = pytest.mark.skipif(not _normalizer_ready(),
                                      reason="components.dates does not export normalize_date yet")

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
SUMMARY = re.compile(r"ok: (\d+) articles, (\d+) events, (\d+) actors, (\d+) towns")
PROBLEM = re.compile(r"[\w./-]+(:\d+)?(:\w+)?: .+")
JSON_KEYS = {"event_id", "article_id", "article_file", "outlet", "quote", "date_text",
             "anchor_earliest", "anchor_latest", "earliest", "latest", "start", "end",
             "granularity", "mod", "rule", "explanation", "actors", "sides", "towns",
             "event_type", "status", "favours", "same_as"}
JSON_DATES = ("anchor_earliest", "anchor_latest", "earliest", "latest", "start", "end")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "components.events", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def _collapse(text: str) -> str:
    return " ".join(text.split())


@needs_data
def test_every_quote_and_date_text_is_verbatim_in_its_article():
    """Checked independently of the loader: plain csv, whitespace-collapsed substring."""
    with open(DEFAULT_DATA_DIR / "articles.csv", encoding="utf-8", newline="") as handle:
        files = {row["article_id"]: row["file"] for row in csv.DictReader(handle)}
    texts = {aid: _collapse((DEFAULT_DATA_DIR / "articles" / name).read_text(encoding="utf-8"))
             for aid, name in files.items()}
    missing = []
    with open(EVENTS_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        text, quote = texts[row["article_id"]], _collapse(row["quote"])
        if quote not in text:
            missing.append(f"{row['event_id']}: quote {quote[:60]!r}")
        phrase = _collapse(row["date_text"])
        if phrase and phrase not in quote and phrase not in text:
            missing.append(f"{row['event_id']}: date_text {phrase!r}")
    assert rows and not missing, "\n".join(missing)


@needs_data
def test_undated_background_is_never_plotted_as_news_of_the_publication_days():
    """A background row without a date phrase would otherwise take the publication window."""
    with open(EVENTS_CSV, encoding="utf-8", newline="") as handle:
        bare = [row["event_id"] for row in csv.DictReader(handle)
                if row["status"] == "background" and not row["date_text"].strip()
                and not row["date_override_earliest"]]
    assert bare == []


@needs_data
@needs_normalizer
def test_bundled_data_validates_with_zero_problems():
    dataset = load_dataset()   # raises EventDataError listing every problem
    assert len(dataset.articles) == 5
    assert len(dataset.events) >= 50
    assert {e.article_id for e in dataset.events} == set(dataset.articles)


@needs_data
@needs_normalizer
def test_cli_validate_and_json_on_bundled_data(tmp_path):
    dataset = load_dataset()
    validate = run_cli("validate", cwd=tmp_path)     # from outside the repo: data dir is not the CWD
    assert validate.returncode == 0, validate.stdout + validate.stderr
    lines = validate.stdout.splitlines()
    assert len(lines) == 1 and SUMMARY.fullmatch(lines[0]), validate.stdout
    assert lines[0] == f"ok: {dataset.summary()}"
    as_json = run_cli("--json", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [r["event_id"] for r in records] == [e.event_id for e in dataset.events]
    for record in records:
        assert JSON_KEYS <= set(record), record["event_id"]
        assert all(ISO.fullmatch(record[k]) for k in JSON_DATES), record
        assert record["earliest"] <= record["latest"], record


@pytest.mark.parametrize("args, heavy_wanted", [
    (["validate"], False),                 # a data directory: the loader alone
    (["--json"], False),                   # the whole table, from the loader's records
    (["--json", "--town", "Hajin"], True),  # a filter runs on the query engine's table
])
def test_cli_imports_pandas_only_for_a_filtered_table(args, heavy_wanted):
    """``validate`` and an unfiltered ``--json`` on a data directory answer without pandas,
    Arrow or the query engine (~0.5 s of imports); a filtered table still has them."""
    code = ("import sys\nfrom components.commands.events import main\ncode = main({args!r})\n"
            "heavy = sorted(m for m in ('pandas', 'pyarrow', 'numpy', 'ibis') if m in sys.modules)\n"
            "print(code, ','.join(heavy), file=sys.stderr)").format(args=args)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    exit_code, heavy = done.stderr.splitlines()[-1].split(" ")
    assert exit_code == "0", done.stderr
    assert bool(heavy.strip()) is heavy_wanted, heavy


@needs_normalizer
def test_cli_validate_clean_fixture(tmp_path):
    # only trivially common phrases: "on Saturday", "last week", "2015", and empty ones
    root = write_dataset(tmp_path / "data", [Edit("events.csv", 4, ",in less than 24 hours,", ",,")])
    result = run_cli("validate", "--data", str(root), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "ok: 1 articles, 5 events, 3 actors, 2 towns\n"), result.stderr
    as_json = run_cli("--json", "--data", str(root), cwd=tmp_path)
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [r["event_id"] for r in records] == ["e1", "e2", "e3", "e4", "e5"]
    by_id = {r["event_id"]: r for r in records}
    assert by_id["e3"]["rule"] == "anchor_event"
    assert (by_id["e3"]["earliest"], by_id["e3"]["latest"]) == (by_id["e1"]["earliest"], by_id["e1"]["latest"])
    assert by_id["e4"]["earliest"] == "2015-09-30" and by_id["e4"]["rule"] == "override"
    assert by_id["e2"]["actors"] == ["Liwa Fatemiyoun", "Russia", "IRGC"]
    assert by_id["e1"]["lat"] == 35.336 and by_id["e2"]["lat"] is None


BROKEN = [Edit("events.csv", 3, "Fatemiyoun;", "Fatimiyun;"), Edit("towns.csv", 2, "35.336", "north")]
BROKEN_LINES = ["towns.csv:2:latitude: bad latitude 'north' (expected a number from -90 to 90)",
                "events.csv:3:actors: unknown actor 'Fatimiyun' (did you mean 'Fatemiyoun'?)"]


def test_cli_validate_lists_every_problem_and_exits_1(tmp_path):
    root = write_dataset(tmp_path / "data", BROKEN)
    result = run_cli("validate", "--data", str(root), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line in lines for line in BROKEN_LINES), result.stdout
    assert all(PROBLEM.fullmatch(line) for line in lines), result.stdout


def test_cli_json_sends_problems_to_stderr(tmp_path):
    root = write_dataset(tmp_path / "data", BROKEN)
    result = run_cli("--json", "--data", str(root), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert all(line in result.stderr.splitlines() for line in BROKEN_LINES), result.stderr


def test_cli_without_a_command_is_a_usage_error(tmp_path):
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 2 and "validate" in result.stderr


@needs_data
@needs_normalizer
def test_cli_convert_writes_parquet_that_opens_with_every_event(tmp_path):
    from components.io.store import open_events
    out = tmp_path / "events.parquet"
    run = run_cli("convert", "--out", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"wrote {len(load_dataset().events)} events to ")
    assert len(open_events(out)) == len(load_dataset().events)
    missing = run_cli("convert", cwd=tmp_path)
    assert missing.returncode == 2 and "convert needs --out" in missing.stderr


@needs_data
@needs_normalizer
def test_an_event_anchored_on_another_names_that_event_not_a_publication():
    events = {e.event_id: e for e in load_dataset().events}
    assert events["e000-07"].explanation.startswith(
        "'in less than 24 hours' after event e000-04 (2020-07-03..2020-07-03) → ")
    assert "article published" not in events["e000-07"].explanation


def test_unfiltered_json_from_records_equals_the_frames_json(tmp_path):
    """``--json`` without a filter prints the loader's records, the filtered path the pandas
    frame's rows: the same objects, key for key (dates, missing coordinates, lists)."""
    from components.commands.events import event_objects, record_objects
    from components.query.datasource import load_view_data
    fixture = write_dataset(tmp_path / "data", [])
    for root in (DEFAULT_DATA_DIR, fixture):
        from_records = list(record_objects(load_dataset(root)))
        assert from_records and from_records == list(event_objects(load_view_data(root).frame)), root
