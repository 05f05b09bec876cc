"""Finding date phrases in running text: positives, the no-flood negatives, offsets, the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.dates.extract import clean_with_map, find_dates, sentences

ROOT = Path(__file__).resolve().parents[2]
WINDOW = "2020-07-05/2020-07-08"      # seed article 000's publication window
DAY = "2020-08-19"                    # a Wednesday

FIND_CASES = [
    # text,                                                         anchor, expected phrases in order
    ("The Russian army on Saturday deployed a huge convoy.", WINDOW, ["on Saturday"]),
    ("Two convoys entered the city on Friday dawn.", WINDOW, ["on Friday dawn"]),
    ("On Monday, August 17, the troops left the base.", DAY, ["On Monday, August 17"]),
    ("A security officer was killed in clashes last week.", WINDOW, ["last week"]),
    ("It happened a few days ago, residents said.", WINDOW, ["a few days ago"]),
    ("Russian forces arrived late in 2017 and stayed.", WINDOW, ["late in 2017"]),
    ("Militias withdrew in the last week of April.", WINDOW, ["in the last week of April"]),
    ("Iran has expanded its presence since 2017.", WINDOW, ["since 2017"]),
    ("Soleimani was killed earlier this year.", WINDOW, ["earlier this year"]),
    ("The base was set up in mid-2018.", WINDOW, ["in mid-2018"]),
    ("In May they left; in March 2019 they returned.", WINDOW, ["In May", "in March 2019"]),
    ("Today, on Saturday (October 6), the patrol began.", "2018-10-06", ["Today", "on Saturday (October 6)"]),
    ("Iraq invaded Kuwait on Aug. 2 and Mr. Bush replied on Aug. 8.", "1990-08-15", ["on Aug. 2", "on Aug. 8"]),
    ("The World Court Friday rejected the claim.", "1990-08-15", ["Friday"]),
    ("Its 1990 invasion was condemned.", "1991-01-10", ["1990"]),
    ("Talks will resume next week, and a third convoy came yesterday morning.", WINDOW, ["next week", "yesterday morning"]),
    # no-flood negatives: nothing here is a date
    ("Turkish forces reached 7,675 vehicles and 11,000 soldiers.", WINDOW, []),
    ("Around 60 military vehicles entered; 1500 soldiers followed and 2000 fighters waited.", WINDOW, []),
    ("They may withdraw, officials said.", WINDOW, []),
    ("The march to the river was long; they march again.", WINDOW, []),
    ("The Sunday Times and the Friday Prayers committee reported it.", WINDOW, []),
    ("Good Friday passed quietly.", WINDOW, []),
    ("After the fall of Raqqa, the militia moved east.", WINDOW, []),
    ("It was late, and a recent convoy study was cited.", WINDOW, []),
    ("The may flower and the august body met.", WINDOW, []),
    ("Twenty-two fighters died as prices fall each year; the index closed at 2082.", WINDOW, []),
    ("The Sun's reporter and Sat. Nav users agreed.", WINDOW, []),
    # ... while signalled numbers and seasons still are
    ("They came in spring and left in nineteen ninety-six.", WINDOW, ["in spring", "in nineteen ninety-six"]),
    ("He said nineteen ninety-seven was hard.", WINDOW, ["nineteen ninety-seven"]),
]
assert len({c[:2] for c in FIND_CASES}) == len(FIND_CASES)


@pytest.mark.parametrize("text, anchor, expected", FIND_CASES, ids=[c[0][:45] for c in FIND_CASES])
def test_find_dates(text, anchor, expected):
    found = find_dates(text, anchor)
    assert [f.text for f in found] == expected
    for f in found:
        assert text[f.start_char:f.end_char] == f.text and f.result.resolved


INTERVAL_CASES = [
    # text,                                    anchor,  phrase,            expected interval
    ("The army on Saturday deployed.", WINDOW, "on Saturday", "2020-07-04..2020-07-04 [day]"),
    ("The army will deploy on Saturday.", DAY, "on Saturday", "2020-08-22..2020-08-22 [day]"),   # future tense
    ("They came late in 2017.", WINDOW, "late in 2017", "2017-09-01..2017-12-31 [year END]"),
    ("It ended in the last week of April.", WINDOW, "in the last week of April", "2020-04-24..2020-04-30 [week]"),
]


@pytest.mark.parametrize("text, anchor, phrase, expected", INTERVAL_CASES, ids=[c[0] for c in INTERVAL_CASES])
def test_phrases_are_read_with_their_sentence(text, anchor, phrase, expected):
    (found,) = find_dates(text, anchor)
    assert (found.text, str(found.result)) == (phrase, expected)


def test_signals_can_be_left_out_for_timeml_spans():
    assert [f.text for f in find_dates("They came on Saturday, late in 2017 and since 2017.", WINDOW,
                                       include_signals=False)] == ["Saturday", "late in 2017", "2017"]


def test_phrases_are_in_text_order_and_never_overlap():
    text = (ROOT / "data" / "articles" / "000_70d085d3d42eac9b.txt").read_text(encoding="utf-8")
    found = find_dates(text, WINDOW)
    assert [f.text for f in found] == ["on Saturday", "on Friday dawn", "in less than 24 hours", "last week",
                                       "earlier this year"]
    assert all(a.end_char <= b.start_char for a, b in zip(found, found[1:]))


def test_context_is_the_sentence():
    found = find_dates("First sentence here. The convoy will arrive on Monday. Another one.", WINDOW)
    assert found[0].context == "The convoy will arrive on Monday."


def test_clean_map_points_back_into_the_original():
    text = "On  Monday, (August 17) mid-2017"
    cleaned, index = clean_with_map(text)
    assert cleaned == "on monday august 17 mid 2017"
    assert all(text[i].lower() == c or c == " " for c, i in zip(cleaned, index))


def test_sentences_do_not_split_after_abbreviations():
    text = "On Aug. 2 Mr. Bush spoke. The U.S. Navy moved.\n\nNew paragraph"
    assert [text[a:b] for a, b in sentences(text)] == ["On Aug. 2 Mr. Bush spoke.", "The U.S. Navy moved.",
                                                        "New paragraph"]


def test_run_on_text_is_read_in_bounded_pieces():
    text = "they came on Saturday and in May and since 2017 " * 300     # 14,400 characters, no full stop
    found = find_dates(text, WINDOW)
    assert len(found) == 900 and all(len(f.context) <= 1_000 for f in found)
    assert max(b - a for a, b in sentences(text)) <= 1_000


def test_bad_input_is_refused():
    with pytest.raises(TypeError):
        find_dates(b"bytes", WINDOW)
    with pytest.raises(ValueError):
        find_dates("x", "not-a-date")


def test_cli_find_prints_one_json_object_per_phrase():
    proc = subprocess.run([sys.executable, "-m", "components.dates", "find", "--anchor", WINDOW],
                          input="The army on Saturday deployed. Clashes took place last week.",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["start_char"], r["end_char"], r["text"]) for r in rows] == [(9, 20, "on Saturday"), (50, 59, "last week")]
    for key in ("start", "end", "granularity", "mod", "earliest", "latest", "rule", "explanation"):
        assert key in rows[0]
    assert rows[0]["earliest"] == rows[0]["latest"] == "2020-07-04"
