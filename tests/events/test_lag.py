"""Undated reports: the reporting lag, the words that narrow it, and re-dating a frame."""
from __future__ import annotations

import csv
from datetime import date, timedelta

import pandas as pd
import pytest

from components.events import DEFAULT_DATA_DIR, events_to_frame, load_dataset
from components.events.lag import (DEFAULT_LAG_DAYS, LAG_RULE, lag_explanation, lag_words,
                                   reading_of, window_text, with_reporting_lag)
from tests.support.curated import Append, write_dataset

# quote -> (reading, the cue it names)
READING_CASES = [
    ("the Russian forces are still roaming the city", "window", "still"),
    ("the militias are still there", "window", "still"),
    ("Russian military police are distributing aid to civilians", "window", "are distributing"),
    ("a convoy is currently moving towards the border", "vague", "currently"),
    ("the militias continue to fortify their posts", "window", "continue to"),
    ("Iran-backed militias has forced Syrian regime troops to remove their roadblocks", "lag", "has forced"),
    ("Russia has also taken control over several local militias", "lag", "has also taken"),
    ("Russian forces have for the first time spread in the rural parts", "lag",
     "have for the first time spread"),
    ("seven Iranian-backed Iraqi fighters were killed", "lag", "were killed"),
    ("Iranian militias took control of Boukamal town", "lag", "took"),
    ("Esmail Qaani visited the premise", "lag", "visited"),
    ("Iranian and Iran-affiliated forces withdrew to outside the city limits", "lag", "withdrew"),
    ("In a recent attack on al-Mayadin, seven fighters were killed", "vague", "a recent"),
    ("Russian forces recently entered the town", "vague", "recently"),
    ("the convoy arrived a few days ago", "vague", "a few days ago"),
    ("Iranian-backed forces and a convoy", "lag", ""),       # "backed" inside a compound is no verb
    ("a reported international agreement", "lag", "reported"),
]
assert len({c[0] for c in READING_CASES}) == len(READING_CASES)


@pytest.mark.parametrize("quote, kind, cue", READING_CASES, ids=[c[0][:40] for c in READING_CASES])
def test_reading_of_a_quote(quote, kind, cue):
    reading = reading_of(quote)
    assert (reading.kind, reading.cue) == (kind, cue)


WORD_CASES = [(21, "three weeks"), (7, "a week"), (14, "two weeks"), (1, "a day"), (10, "10 days"),
              (0, "0 days"), (70, "ten weeks"), (77, "77 days")]


@pytest.mark.parametrize("days, words", WORD_CASES, ids=[str(c[0]) for c in WORD_CASES])
def test_lag_words(days, words):
    assert lag_words(days) == words


WINDOW_CASES = [((date(2020, 7, 5), date(2020, 7, 8)), "2020-07-05..08"),
                ((date(2020, 11, 28), date(2020, 12, 31)), "2020-11-28..12-31"),
                ((date(2020, 5, 5), date(2020, 5, 5)), "2020-05-05"),
                ((date(2019, 12, 30), date(2020, 1, 2)), "2019-12-30..2020-01-02")]


@pytest.mark.parametrize("window, text", WINDOW_CASES, ids=[c[1] for c in WINDOW_CASES])
def test_window_text(window, text):
    assert window_text(*window) == text


def test_the_derivation_reads_as_a_sentence():
    text = lag_explanation(date(2020, 7, 5), date(2020, 7, 8), 21,
                           "Iran-backed militias has forced Syrian regime troops to remove their roadblocks")
    assert text == ("no date in the text; reported 2020-07-05..08, so it happened up to three weeks "
                    "before → 2020-06-14..2020-07-08 (perfect tense: 'has forced')")


# The fixture's article a1 is published 2020-07-05..2020-07-08; rows appended to it:
# id, status, quote (also appended to the article), expected "earliest..latest rule"
DATING_CASES = [
    ("perfect", "reported", "Militias have taken the bridge.", f"2020-06-14..2020-07-08 {LAG_RULE}"),
    ("past", "reported", "Militias took the bridge.", f"2020-06-14..2020-07-08 {LAG_RULE}"),
    ("no-tense", "reported", "A convoy of forty trucks.", f"2020-06-14..2020-07-08 {LAG_RULE}"),
    ("still", "reported", "Militias still hold the bridge.", "2020-07-05..2020-07-08 publication_window"),
    ("progressive", "reported", "Militias are holding the bridge.", "2020-07-05..2020-07-08 publication_window"),
    ("recently", "reported", "Militias recently took the bridge.", "2020-04-05..2020-07-08 vague_recently"),
    ("few-days-ago", "reported", "Militias took the bridge a few days ago.",
     "2020-06-25..2020-07-06 vague_few_days_ago"),
    ("background", "background", "Militias took the dam.", "2020-07-05..2020-07-08 publication_window"),
    ("ongoing", "ongoing", "Militias are holding the dam.", "2020-07-05..2020-07-08 publication_window"),
    ("claimed", "claimed", "Militias reportedly took the dam.", "2020-07-05..2020-07-08 publication_window"),
    ("hypothetical", "hypothetical", "Militias could take the dam.", "2020-07-05..2020-07-08 publication_window"),
]
assert len({c[0] for c in DATING_CASES}) == len(DATING_CASES)


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """The fixture dataset plus one row per case, dated by the real normalizer."""
    mutations = []
    for n, (_, status, quote, _) in enumerate(DATING_CASES):
        mutations.append(Append("articles/a1.txt", quote))
        mutations.append(Append("events.csv", f'x{n},a1,"{quote}",,,Russia,,deployment,{status},'
                                               f"russia,,Case {n},,,"))
    dataset = load_dataset(write_dataset(tmp_path_factory.mktemp("lag"), mutations))
    return {e.event_id: e for e in dataset.events}


@pytest.mark.parametrize("n, expected", [(n, c[3]) for n, c in enumerate(DATING_CASES)],
                         ids=[c[0] for c in DATING_CASES])
def test_undated_rows_are_dated_by_status_and_words(dated, n, expected):
    event = dated[f"x{n}"]
    assert f"{event.earliest}..{event.latest} {event.rule}" == expected


def test_lag_and_window_explanations_say_it_plainly(dated):
    lag = dated["x0"].explanation
    assert lag.startswith("no date in the text; reported 2020-07-05..08, so it happened up to "
                          "three weeks before → 2020-06-14..2020-07-08")
    window = dated["x3"].explanation
    assert window.startswith("no date in the text; 'still' (still going on) says it was going on "
                             "when reported, 2020-07-05..08")


def test_override_and_anchor_event_win_over_the_lag(tmp_path):
    quote = "Militias took the ford."
    rows = [Append("articles/a1.txt", quote),
            Append("events.csv", f'y1,a1,"{quote}",,,Russia,,deployment,reported,russia,,Ford,'
                                 "2020-07-01,2020-07-02,A cited report"),
            Append("events.csv", f'y2,a1,"{quote}",,e1,Russia,,deployment,reported,russia,,Ford,,,')]
    events = {e.event_id: e for e in load_dataset(write_dataset(tmp_path, rows)).events}
    assert (events["y1"].rule, str(events["y1"].earliest)) == ("override", "2020-07-01")
    assert "up to three weeks before" in events["y1"].explanation     # the lag stays visible
    assert (events["y2"].rule, str(events["y2"].earliest)) == ("anchor_event", "2020-07-04")


@pytest.fixture(scope="module")
def bundled():
    return events_to_frame(load_dataset())


@pytest.mark.parametrize("days", [0, 7, 14, 30])
def test_relagging_moves_only_lag_rows(bundled, days):
    out = with_reporting_lag(bundled, days)
    lagged = (bundled["rule"] == LAG_RULE).to_numpy()
    assert lagged.sum() >= 3
    expected = bundled.loc[lagged, "anchor_earliest"] - pd.Timedelta(days=days)
    assert (out.loc[lagged, "earliest"] == expected).all()
    assert (out.loc[lagged, "start"] == expected).all()
    assert (out.loc[lagged, "latest"] == bundled.loc[lagged, "latest"]).all()
    assert out.loc[lagged, "explanation"].str.contains(f"→ {expected.iloc[0].date()}").any()
    assert out.loc[~lagged].equals(bundled.loc[~lagged])
    assert bundled.attrs["reporting_lag_days"] == DEFAULT_LAG_DAYS   # the input is untouched


def test_relagging_to_the_current_lag_is_the_same_frame(bundled):
    assert with_reporting_lag(bundled, DEFAULT_LAG_DAYS) is bundled
    seven = with_reporting_lag(bundled, 7)
    assert with_reporting_lag(seven, 7) is seven
    back = with_reporting_lag(seven, DEFAULT_LAG_DAYS)
    assert back[["earliest", "explanation", "precision"]].equals(bundled[["earliest", "explanation", "precision"]])


def test_relagging_needs_a_sane_lag(bundled):
    with pytest.raises(ValueError, match="0..365"):
        with_reporting_lag(bundled, -1)


def _csv(name: str) -> list[dict[str, str]]:
    with open(DEFAULT_DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bundled_undated_reports_follow_the_rule(bundled):
    """Each undated reported row: overridden (with a reason and a source), or dated by the rule
    from its words and its article's window read straight from articles.csv."""
    windows = {a["article_id"]: (date.fromisoformat(a["published_earliest"]),
                                 date.fromisoformat(a["published_latest"])) for a in _csv("articles.csv")}
    frame = bundled.set_index("event_id")
    undated = [r for r in _csv("events.csv")
               if r["status"] == "reported" and not r["date_text"] and not r["anchor"]]
    assert len(undated) >= 5
    kinds = set()
    for row in undated:
        got = frame.loc[row["event_id"]]
        earliest, latest = got["earliest"].date(), got["latest"].date()
        if row["date_override_earliest"]:
            assert row["override_reason"] and row["override_source"], row["event_id"]
            assert got["rule"] == "override"
            continue
        first, last = windows[row["article_id"]]
        kind = reading_of(row["quote"]).kind
        kinds.add(kind)
        if kind == "lag":
            assert (earliest, latest) == (first - timedelta(days=DEFAULT_LAG_DAYS), last), row["event_id"]
        elif kind == "window":
            assert (earliest, latest) == (first, last), row["event_id"]
        else:
            assert got["rule"].startswith("vague_") and latest <= last, row["event_id"]
        # never a fake recency: no undated report sits on its publication days unless its words say so
        assert kind == "window" or earliest < first, row["event_id"]
    assert {"lag", "vague"} <= kinds
