"""benchmarks/run.py --quick: one JSON object with the issue's keys, and the counts agree."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("filter_1m", "aggregate_1m", "timeline_marks_1m", "app_first_render_s", "app_rerun_s",
        "app_first_render_1m_s", "app_rerun_1m_s", "app_rerun_10m_s", "load_1m_s", "peak_rss_mb",
        "scaling", "page_first_chart_warm_ratio", "page_first_chart_cold_ratio",
        "header_check_40k_cols_s", "blank_lines_49mb_refuse_s", "dates_cli_startup_s",
        "dates_batch_vs_dateparser", "events_validate_s", "events_json_s")
FILTER_KEYS = ("events", "median_ms", "count", "pandas_ms", "floor_ms", "counts_agree")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    workdir = tmp_path_factory.mktemp("bench")
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--json", "--quick",
                             "--workdir", str(workdir)], cwd=ROOT, capture_output=True,
                            text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, "exactly one JSON object on stdout"
    return json.loads(lines[0])


@pytest.mark.slow
def test_report_has_the_issue_keys(report):
    assert [k for k in KEYS if k not in report] == []
    assert [k for k in FILTER_KEYS if k not in report["filter_1m"]] == []
    assert "median_ms" in report["aggregate_1m"]


@pytest.mark.slow
def test_counts_agree_at_every_size(report):
    assert report["filter_1m"]["counts_agree"] is True
    assert [r["events"] for r in report["scaling"]] == [2_000, 20_000]
    assert all(r["counts_agree"] for r in report["scaling"])
    assert report["filter_1m"]["count"] > 0


@pytest.mark.slow
def test_numbers_are_measured(report):
    assert report["filter_1m"]["median_ms"] > 0 and report["aggregate_1m"]["median_ms"] > 0
    assert 0 < report["timeline_marks_1m"] <= 5_000
    assert report["peak_rss_mb"] > 0
    for key in ("app_first_render_s", "app_rerun_s", "app_first_render_1m_s", "app_rerun_1m_s",
                "page_first_chart_warm_ratio", "page_first_chart_cold_ratio"):
        assert report[key] is not None and report[key] > 0, (key, report["notes"])


@pytest.mark.slow
def test_date_speed_keys_are_measured(report):
    assert "find_100k_worst_s" in report      # None in --quick (it scans 10k characters there)
    assert 0 < report["dates_cli_startup_s"] < 10, report.get("dates_speed")
    assert report["dates_batch_vs_dateparser"] > 0, report.get("dates_speed")
    assert report["dates_speed"]["dates_in_process_per_s"] > 0
