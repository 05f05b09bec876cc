"""Proposing events.csv rows from a new article (components.io.proposals)."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from components.events.loader import EVENT_COLUMNS
from components.events.validate import ArticleText
from components.io.importers.references import References
from components.io.proposals import PROPOSAL_COLUMNS, NameFinder, main, propose_rows, proposals_csv

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "000_70d085d3d42eac9b.txt"
WINDOW = "2020-07-05/2020-07-08"
REFS = References(
    actor_aliases={"Russian forces": ("Russian forces", "Russian army", "Russian military"),
                   "Quds Force": ("Quds Force",), "Liwaa al-Quds": ("Liwaa al-Quds", "Liwa al-Quds")},
    town_aliases={"Deir ez-Zor": ("Deir ez-Zor", "Deir Ezzor"), "Albu Kamal": ("Albu Kamal", "Boukamal")},
)


def test_seed_article_proposals():
    frame = propose_rows(SEED.read_text(encoding="utf-8"), WINDOW, REFS)
    assert list(frame.columns) == [*EVENT_COLUMNS, "earliest", "latest", "explanation"] == list(PROPOSAL_COLUMNS)
    assert list(frame["event_id"]) == [f"new-0{i}" for i in range(1, 6)]
    assert list(frame["date_text"]) == ["on Saturday", "on Friday dawn", "in less than 24 hours", "last week",
                                        "earlier this year"]
    saturday = frame.iloc[0]
    assert saturday.quote.startswith("The Russian army on Saturday deployed")
    assert (saturday.actors, saturday.towns) == ("Russian forces", "Deir ez-Zor")
    assert (saturday.earliest, saturday.latest) == ("2020-07-04", "2020-07-04")
    assert "2020-07-05..2020-07-08" in saturday.explanation
    for column in ("article_id", "anchor", "event_type", "status", "favours", "summary", "same_as"):
        assert set(frame[column]) == {""}, column
    text = ArticleText(SEED.read_text(encoding="utf-8"))
    assert all(text.contains(quote) for quote in frame["quote"])        # quotes are verbatim


NAME_CASES = [
    # sentence,                                                       expected canonical names
    ("The Russian army entered Deir Ezzor.", ["Russian forces"]),
    ("russian ARMY units", ["Russian forces"]),
    ("Russian armyless", []),                                          # word boundary
    ("Liwa al-Quds and the Quds Force met Russian military police.", ["Liwaa al-Quds", "Quds Force", "Russian forces"]),
    ("Russian\nmilitary convoys", ["Russian forces"]),                 # any whitespace inside an alias
]


@pytest.mark.parametrize("sentence, expected", NAME_CASES, ids=[c[0][:30] for c in NAME_CASES])
def test_alias_matching(sentence, expected):
    assert NameFinder(REFS.actor_aliases)(sentence) == expected


def test_towns_found_through_aliases_in_order():
    assert NameFinder(REFS.town_aliases)("From Boukamal to Deir Ezzor and back to Albu Kamal.") == ["Albu Kamal", "Deir ez-Zor"]


def test_csv_output_is_formula_guarded():
    frame = propose_rows("=cmd() said the Russian army left on Saturday.", WINDOW, REFS)
    rows = list(csv.DictReader(io.StringIO(proposals_csv(frame))))
    assert rows[0]["quote"].startswith("'=cmd()") and rows[0]["date_text"] == "on Saturday"


def test_no_dates_no_rows():
    frame = propose_rows("Nothing dated here; 7,675 vehicles and 11,000 soldiers.", WINDOW, REFS)
    assert frame.empty and list(frame.columns) == list(PROPOSAL_COLUMNS)


def test_cli_writes_only_the_out_file(tmp_path, capsys):
    out = tmp_path / "proposed.csv"
    data_before = sorted((p.name, p.stat().st_mtime_ns) for p in (ROOT / "data").glob("*.csv"))
    assert main([str(SEED), "--published", WINDOW, "--out", str(out)]) == 0
    assert "5 proposed rows written" in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["date_text"] for r in rows][:2] == ["on Saturday", "on Friday dawn"]
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (ROOT / "data").glob("*.csv")) == data_before


def test_cli_stdout_and_errors():
    proc = subprocess.run([sys.executable, "-m", "components.ingest", str(SEED), "--published", WINDOW],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and "Friday dawn" in proc.stdout
    assert proc.stdout.splitlines()[0] == ",".join(PROPOSAL_COLUMNS)
    bad = subprocess.run([sys.executable, "-m", "components.ingest", str(SEED), "--published", "soon"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and "error:" in bad.stderr
