"""Presence episodes: who was where, when (rules table, bundled data, CLI)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from components.events.model import EventDataError
from components.events.presence import load_presence_rules, presence_episodes
from tests.support.frames import make_events

RULES = load_presence_rules()


def episodes_at(frame, place, side):
    return [e for e in presence_episodes(frame, RULES) if e.place == place and e.side == side]


def certainly_there(episodes, day: date) -> bool:
    return any(e.certain and e.certain[0] <= day <= e.certain[1] for e in episodes)


def possibly_there(episodes, day: date) -> bool:
    return any(e.possible[0] <= day <= e.possible[1] for e in episodes)


def test_bundled_russia_in_al_mayadin_mid_may_2020_not_in_2019(bundled_events):
    russia = episodes_at(bundled_events, "al-Mayadin", "russia")
    assert certainly_there(russia, date(2020, 5, 15))
    assert not any(certainly_there(russia, date(2019, m, 15)) for m in range(1, 13))


def test_bundled_iran_in_albu_kamal_through_2019_and_2020(bundled_events):
    iran = episodes_at(bundled_events, "Albu Kamal", "iran")
    assert all(certainly_there(iran, date(y, m, 1)) for y in (2019, 2020) for m in range(1, 13))


def test_bundled_iran_leaves_al_mayadin_then_returns(bundled_events):
    iran = episodes_at(bundled_events, "al-Mayadin", "iran")
    assert len(iran) == 2
    assert iran[0].end_earliest == date(2020, 4, 24) and "e002-11" in iran[0].evidence
    assert iran[1].end_earliest is None and "e001-01" in iran[1].evidence


# (rows: event_id, earliest, latest, event_type, status, favours, sides), place X, expected
# (all at one place) episodes of Russia as (start_earliest, start_latest, end_earliest or None)
def rows(*specs):
    out = []
    for eid, lo, hi, kind, status, favours, sides in specs:
        out.append((eid, lo, hi, ["A"], sides, ["Albu Kamal"], kind, status, favours, "", "Outlet"))
    return out


CASES = [
    ("arrive then leave",
     rows(("a", "2020-01-01", "2020-01-05", "deployment", "reported", "russia", ["russia"]),
          ("b", "2020-03-01", "2020-03-02", "withdrawal", "reported", "iran", ["russia"])),
     [(date(2020, 1, 1), date(2020, 1, 5), date(2020, 3, 1))]),
    ("open at the end",
     rows(("a", "2020-01-01", "2020-01-05", "deployment", "reported", "russia", ["russia"])),
     [(date(2020, 1, 1), date(2020, 1, 5), None)]),
    ("planned and hypothetical rows never count",
     rows(("a", "2020-01-01", "2020-01-05", "deployment", "planned", "russia", ["russia"]),
          ("b", "2020-01-01", "2020-01-05", "deployment", "hypothetical", "russia", ["russia"])),
     []),
    ("a takeover gains only the favoured side (the loser may be listed)",
     rows(("a", "2020-01-01", "2020-01-01", "takeover", "reported", "iran", ["iran", "russia"])),
     []),
    ("a handover: the favoured side arrives, the other leaves",
     rows(("a", "2019-01-01", "2019-01-01", "deployment", "reported", "russia", ["russia"]),
          ("b", "2020-02-01", "2020-02-10", "handover", "reported", "iran", ["iran", "russia"])),
     [(date(2019, 1, 1), date(2019, 1, 1), date(2020, 2, 1))]),
    ("a handover to a third party: the camp leaves, the receiver is not known to gain",
     rows(("a", "2019-01-01", "2019-01-01", "deployment", "reported", "russia", ["russia"]),
          ("b", "2020-02-01", "2020-02-10", "handover", "reported", "unclear", ["syrian_government", "russia"])),
     [(date(2019, 1, 1), date(2019, 1, 1), date(2020, 2, 1))]),
    ("ACLED: a base established by Russia's camp opens its presence",
     rows(("a", "2019-03-04", "2019-03-04", "headquarters or base established", "reported", "russia",
           ["russia"])),
     [(date(2019, 3, 4), date(2019, 3, 4), None)]),
    ("ACLED: ground passing to Iran's camp closes Russia's presence",
     rows(("a", "2019-03-04", "2019-03-04", "headquarters or base established", "reported", "russia",
           ["russia"]),
          ("b", "2020-06-01", "2020-06-07", "non-violent transfer of territory", "reported", "iran",
           ["iran", "russia"])),
     [(date(2019, 3, 4), date(2019, 3, 4), date(2020, 6, 1))]),
    ("ACLED: a clash at a place is not presence",
     rows(("a", "2019-03-04", "2019-03-04", "armed clash", "reported", "unclear", ["russia", "iran"])),
     []),
    ("an ongoing row is presence from its first day",
     rows(("a", "2018-01-01", "2020-01-01", "control", "ongoing", "russia", ["russia"])),
     [(date(2018, 1, 1), date(2018, 1, 1), None)]),
    ("leaving with no earlier sign: there just before it",
     rows(("a", "2020-05-01", "2020-05-03", "withdrawal", "reported", "iran", ["russia", "iran"])),
     [(date(2020, 5, 1), date(2020, 5, 3), date(2020, 5, 1))]),
]


@pytest.mark.parametrize("name, spec, expected", CASES, ids=[c[0] for c in CASES])
def test_episode_rules(name, spec, expected):
    frame = make_events(spec)
    got = [(e.start_earliest, e.start_latest, e.end_earliest)
           for e in presence_episodes(frame, RULES) if e.side == "russia"]
    assert got == expected


def test_curator_rules_replace_the_bundled_ones(tmp_path):
    (tmp_path / "presence_rules.csv").write_text("event_type,effect,example\npatrol,leave,x\n")
    assert load_presence_rules(tmp_path) == {"patrol": "leave"}
    (tmp_path / "presence_rules.csv").write_text("event_type,effect,example\npatrol,vanish,x\n")
    with pytest.raises(EventDataError, match="vanish"):
        load_presence_rules(tmp_path)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "components.events", "presence", *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_json_one_object_per_episode_with_the_named_keys():
    done = run_cli("--json", "--town", "Boukamal")
    assert done.returncode == 0, done.stderr
    objs = [json.loads(line) for line in done.stdout.splitlines()]
    keys = {"place", "side", "start_earliest", "start_latest", "end_earliest", "end_latest",
            "evidence", "rule"}
    assert objs and all(keys <= set(o) for o in objs)
    assert {o["place"] for o in objs} <= {"Albu Kamal", "Albu Kamal countryside", "Albu Kamal desert"}
    iran = [o for o in objs if o["place"] == "Albu Kamal" and o["side"] == "iran"]
    assert iran[0]["end_earliest"] == "" and "e003-02" in iran[0]["evidence"]


def test_cli_unknown_filter_value_exits_2():
    done = run_cli("--json", "--town", "Nowhere")
    assert done.returncode == 2 and "Nowhere" in done.stderr


def test_a_side_only_possibly_named_does_not_leave_in_a_transfer():
    """ACLED's "Allied Syrian and/or Russian Forces" receiving ground (favours unclear): Russia
    may be the receiver, so its presence is not closed; the Syrian government's is not touched."""
    frame = make_events(rows(("a", "2019-01-01", "2019-01-01", "deployment", "reported", "russia", ["russia"]),
                             ("b", "2020-02-01", "2020-02-01", "non-violent transfer of territory", "reported",
                              "unclear", ["syrian_government", "russia"])))
    frame.at[1, "possible_sides"] = ["syrian_government", "russia"]
    episodes = presence_episodes(frame, RULES)
    assert [(e.side, e.end_earliest) for e in episodes] == [("russia", None)]
