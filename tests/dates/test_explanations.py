"""Every derivation is an English line a non-programmer follows (issue 15): no internal
tokens (ON_OR_AFTER, START, PAST_REF), no "anchor -6m" offsets, no file names, never the
word "normalizer", never cut short (it ends on the interval it explains), and a grain word
never labels an interval of another length."""
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from components.dates import RULES, normalize_date
from components.dates.explain import period_words
from components.dates.model import Granularity, Mod
from components.dates.periods import Period

ROOT = Path(__file__).resolve().parents[2]

INTERNAL = re.compile(r"\b(?:[A-Z]+_[A-Z_]+|START|MID|END|APPROX|BEFORE|AFTER|ON_OR_AFTER|PAST_REF|PRESENT_REF|"
                      r"FUTURE_REF|ISO)\b")
OFFSET = re.compile(r"\banchor\b|(?<![\w-])[-+]\d+[dwmy]\b|[-+] ?\d+ (?:days?|units?)\b|\bN units\b")
FILE_NAME = re.compile(r"\b[\w-]+\.(?:md|csv|py|json|txt|jsonl)\b")
# words that say the reading narrowed, widened, opened or cut the named period
QUALIFIED = re.compile(r"\b(?:part|until|up to|about|before|after|onwards|or|from|stretch|span|that long|to|of)\b")


def plain_language_problems(explanation: str) -> list[str]:
    problems = []
    for name, pattern in (("internal token", INTERNAL), ("offset", OFFSET), ("file name", FILE_NAME)):
        found = pattern.findall(explanation)
        if found:
            problems.append(f"{name}: {found}")
    if "normalizer" in explanation.lower():
        problems.append("says 'normalizer'")
    if "…" in explanation or explanation.rstrip().endswith("..."):
        problems.append("cut short")
    return problems


def grain_problems(result) -> list[str]:
    """A reading that names a whole year or month and says nothing narrowed it must span
    exactly that year or month."""
    reading = result.explanation.split(" → ")[1]
    if QUALIFIED.search(reading):
        return []
    problems = []
    for y in re.findall(r"\bthe year (\d{4})\b", reading):
        if (result.earliest, result.latest) != (date(int(y), 1, 1), date(int(y), 12, 31)):
            problems.append(f"'the year {y}' labels {result.earliest}..{result.latest}")
    return problems


ANCHORS = ["2020-07-06", "2020-07-05/2020-07-08", "2019-01-02", "2020-02-29"]
WRAPPED = ["since 2017", "late 2017", "early this year", "mid-month", "about 2017", "before 2017", "after 2017",
           "around March 2019", "2019 or so", "2015 and beyond", "since last week", "early last year",
           "the end of last month", "more than two years ago", "from March to May 2019", "between 2015 and 2017",
           "in the period between 2012 and 2015", "mid-2015 to 2017", "in May", "6 October", "on Saturday",
           "at 3 a.m. on Friday", "the first half of the 1990s", "the last two weeks of June", "late last year",
           "earlier this year", "later this month", "for the past few months", "a few days ago", "this week",
           "the following year", "the first three months of 2020", "the last day of 2019"]
PHRASES = sorted({example for r in RULES for example in r.examples} | set(WRAPPED))


@pytest.mark.parametrize("text", PHRASES)
def test_every_explanation_is_plain_and_complete(text):
    """Each phrase at every anchor (one day, a window, a new year, a leap day), read with no
    direction given and with each direction forced."""
    read = 0
    for anchor in ANCHORS:
        for direction in (None, "past", "future"):
            result = normalize_date(text, anchor, direction=direction)
            if not result.resolved:
                continue        # dating is tested elsewhere; this walks the explanations
            read += 1
            explanation = result.explanation
            assert plain_language_problems(explanation) == [], explanation
            assert grain_problems(result) == [], explanation
            shown = anchor.replace("/", "..")
            assert explanation.startswith(f"{text.strip()!r} in an article published {shown} → "), explanation
            # never cut short: it ends on the very interval it explains
            assert explanation.endswith(f" → {result.earliest}..{result.latest}"), explanation
            assert explanation.count(" → ") == 2, explanation
    assert read, f"{text!r} was never read"


def test_every_rule_describes_itself_in_plain_words():
    for rule in RULES:
        assert plain_language_problems(rule.describe) == [], (rule.name, rule.describe)
        assert "(next one if" not in rule.describe, rule.name


EXACT = [
    # text, anchor, explanation -- the worked examples of the README and the issue
    ("since 2017", "2020-05-05",
     "'since 2017' in an article published 2020-05-05 → from the start of the year 2017 until publication"
     " → 2017-01-01..2020-05-05"),
    ("late 2017", "2020-07-06",
     "'late 2017' in an article published 2020-07-06 → the late part of the year 2017 → 2017-09-01..2017-12-31"),
    ("earlier this year", "2020-04-07",
     "'earlier this year' in an article published 2020-04-07 → from the start of the year of publication until"
     " publication → 2020-01-01..2020-04-07"),
    ("last week", "2020-07-05/2020-07-08",
     "'last week' in an article published 2020-07-05..2020-07-08 → the week before publication: the week 22 to"
     " 28 June 2020 or the week 29 June to 5 July 2020 → 2020-06-22..2020-07-05"),
    ("for the past few months", "2020-11-28/2020-12-31",
     "'for the past few months' in an article published 2020-11-28..2020-12-31 → a vague span from 6 months"
     " before publication to publication → 2020-05-28..2020-12-31"),
]


@pytest.mark.parametrize("text, anchor, expected", EXACT, ids=[c[0] for c in EXACT])
def test_worked_examples(text, anchor, expected):
    assert normalize_date(text, anchor).explanation == expected


def test_a_97_day_interval_is_not_called_a_year():
    result = normalize_date("earlier this year", "2020-04-06")
    assert (result.latest - result.earliest).days + 1 == 97
    reading = result.explanation.split(" → ")[1]
    assert "the year 2020" not in reading and "until publication" in reading


@pytest.mark.parametrize("start, end, grain, words", [
    (date(2017, 1, 1), date(2017, 12, 31), "year", "the year 2017"),
    (date(2020, 6, 29), date(2020, 7, 5), "week", "the week 29 June to 5 July 2020"),
    (date(2019, 12, 30), date(2020, 1, 5), "week", "the week 30 December 2019 to 5 January 2020"),
    (date(2015, 12, 1), date(2016, 2, 29), "season", "the winter of 2015/16 (December to February)"),
    (date(1900, 1, 1), date(1999, 12, 31), "century", "the 20th century"),
    (date(2000, 1, 1), date(2099, 12, 31), "century", "the 21st century"),
])
def test_period_words(start, end, grain, words):
    timex = "2015-WI" if grain == "season" else ""
    assert period_words(Period(start, end, Granularity(grain), timex)) == words


@pytest.mark.timeout(120)
def test_every_bundled_explanation_is_plain():
    """``components.events --json``: every event's explanation, as the dashboard shows it."""
    out = subprocess.run([sys.executable, "-m", "components.events", "--json"], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    events = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert events
    for event in events:
        text = event["explanation"]
        assert plain_language_problems(text) == [], (event["event_id"], text)
        assert re.search(r"\d{4}-\d{2}-\d{2}\)?\.?$|\)$", text), (event["event_id"], text)
    assert Mod.ON_OR_AFTER.value not in " ".join(e["explanation"] for e in events)
