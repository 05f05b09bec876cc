"""``find`` is linear in the text (issue 17): 100k characters of adversarial text -- sentences
ending in abbreviations, no spaces, a date in every word -- are scanned within 2 s, and
four times the text costs about four times the time, not sixteen."""
import time

import pytest

from components.dates.extract import find_dates

ANCHOR = "2020-07-06"
SIZE = 100_000
BUDGET_S = 2.0     # CPU seconds for 100k characters (the target, on this 2-core machine)

SHAPES = {
    "abbreviation initials": "A. ",
    "abbreviation titles": "Mr. ",
    "dotted initials": "U.S. ",
    "no space": "A.",
    "a date in every word": "Friday ",
    "ordinal days": "on the 5th ",
    "abbreviated dates": "Jan. 5 ",
    "months and verbs": "May March ",
    "paragraphs": "A.\n\n",
    "one long word": "x",
}


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _cpu_seconds(text: str) -> float:
    began = time.process_time()
    find_dates(text, ANCHOR)
    return time.process_time() - began


@pytest.mark.timeout(60)      # a hang guard: before the fix "A. A. ..." took minutes
@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_100k_characters_within_budget(unit):
    assert _cpu_seconds(_text(unit, SIZE)) <= BUDGET_S


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["A. ", "Mr. ", "Friday "], ids=["initials", "titles", "weekdays"])
def test_time_grows_linearly(unit):
    small = min(_cpu_seconds(_text(unit, SIZE // 4)) for _ in range(2))
    large = _cpu_seconds(_text(unit, SIZE))
    assert large <= 8 * max(small, 0.01), (small, large)   # linear: about 4x; quadratic: 16x
