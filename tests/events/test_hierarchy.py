"""A place selects itself and everything inside it; an actor the groups under it (issue 14's
hierarchies, which ACLED district filters rely on too)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.events.hierarchy import ancestors, descendants, scope
from components.query.filter import EventFilter
from components.query.run import filter_events

ROOT = Path(__file__).resolve().parents[2]
PARENTS = {"Albu Kamal desert": "Albu Kamal", "Albu Kamal": "Abu Kamal district",
           "Abu Kamal district": "Deir ez-Zor Governorate", "loop a": "loop b", "loop b": "loop a"}

HIERARCHY_CASES = [
    # function, name, expected
    (ancestors, "Albu Kamal desert", ["Albu Kamal", "Abu Kamal district", "Deir ez-Zor Governorate"]),
    (ancestors, "Deir ez-Zor Governorate", []),
    (ancestors, "loop a", ["loop b"]),                     # a cycle ends the chain
    (descendants, "Abu Kamal district", ["Abu Kamal district", "Albu Kamal", "Albu Kamal desert"]),
    (descendants, "nowhere", ["nowhere"]),
]


@pytest.mark.parametrize("function, name, expected", HIERARCHY_CASES,
                         ids=[f"{c[0].__name__}-{c[1]}" for c in HIERARCHY_CASES])
def test_hierarchy(function, name, expected):
    assert function(name, PARENTS) == expected


def test_scope_keeps_order_and_drops_repeats():
    assert scope(["Albu Kamal", "Albu Kamal desert"], PARENTS) == [
        "Albu Kamal", "Abu Kamal district", "Deir ez-Zor Governorate", "Albu Kamal desert"]


FILTER_CASES = [
    # fields, events kept, favouring russia, favouring iran
    ({"towns": ("Albu Kamal",)}, 16, 4, 11),
    ({"towns": ("Albu Kamal",), "scope": "exact"}, 10, 1, 8),
    ({"actors": ("IRGC",)}, 30, None, None),
    ({"actors": ("IRGC",), "scope": "exact"}, 7, None, None),
]


@pytest.mark.parametrize("fields, kept, russia, iran", FILTER_CASES, ids=[str(c[0]) for c in FILTER_CASES])
def test_bundled_filters_select_what_lies_inside(bundled_events, fields, kept, russia, iran):
    shown = filter_events(bundled_events, EventFilter(**fields))
    assert len(shown) == kept
    if russia is not None:
        counts = shown["favours"].value_counts()
        assert (counts.get("russia", 0), counts.get("iran", 0)) == (russia, iran)


def test_iran_backed_militias_include_the_groups_under_them(bundled_events):
    under = filter_events(bundled_events, EventFilter(actors=("Iran-backed militias",)))
    exact = filter_events(bundled_events, EventFilter(actors=("Iran-backed militias",), scope="exact"))
    assert len(under) > len(exact)


def test_the_caption_says_so():
    assert EventFilter(towns=("Albu Kamal",)).describe(68, 16).startswith(
        "Town: Albu Kamal and places within it · 16 of 68")
    assert EventFilter(towns=("Albu Kamal",), scope="exact").describe(68, 10).startswith(
        "Town: Albu Kamal · 10 of 68")


@pytest.mark.parametrize("args, expected", [(["--town", "Boukamal"], 16), (["--actor", "IRGC"], 30),
                                            (["--town", "Boukamal", "--scope", "exact"], 10)])
def test_the_events_cli_reads_the_same_way(args, expected):
    proc = subprocess.run([sys.executable, "-m", "components.events", "--json", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len([json.loads(line) for line in proc.stdout.splitlines()]) == expected


def test_a_parent_cycle_in_towns_is_a_problem(tmp_path):
    from components.events.records import Problems
    from components.events.tables import load_towns
    (tmp_path / "towns.csv").write_text(
        "town,aliases,parent,admin_area,latitude,longitude,location_precision\n"
        "A,,B,x,35,40,town\nB,,A,x,35,40,town\n", encoding="utf-8")
    problems = Problems()
    load_towns(tmp_path, problems)
    assert any("parent cycle" in str(p) for p in problems.items)
