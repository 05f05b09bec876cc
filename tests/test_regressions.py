"""One named test per bug found, each citing where it was reported."""
from __future__ import annotations

from datetime import date

import pytest

from components.dates import normalize_date
from components.dates.extract import find_dates

ANCHOR = date(2020, 7, 6)

# Session review, December 2026: a forward-counting phrase in a past-tense sentence was read
# forward from the publication date, so a past event ended after its anchor.
AFTER_EVENT_CASES = [
    # phrase, sentence
    ("within two weeks", "The militias withdrew within two weeks."),
    ("Two days later", "Two days later, the militias attacked the town."),
    ("hours later", "Hours later, a second convoy arrived."),
    ("the following day", "The convoy reached Albu Kamal the following day, sources said."),
]
assert len({c[0] for c in AFTER_EVENT_CASES}) == len(AFTER_EVENT_CASES)


@pytest.mark.parametrize("text, sentence", AFTER_EVENT_CASES, ids=[c[0] for c in AFTER_EVENT_CASES])
def test_past_tense_after_event_phrase_is_refused_not_dated_after_the_anchor(text, sentence):
    result = normalize_date(text, ANCHOR, sentence)
    assert not result.resolved and "anchor it on that event" in result.error
    assert result.rule            # recognised: extraction still proposes it


@pytest.mark.parametrize("text, sentence, latest", [
    ("within two weeks", "The convoy will arrive within two weeks.", date(2020, 7, 20)),
    ("two days later", "", date(2020, 7, 8)),
])
def test_after_event_phrase_still_counts_forward_in_future_or_bare_use(text, sentence, latest):
    assert normalize_date(text, ANCHOR, sentence).latest == latest


def test_extraction_keeps_a_refused_after_event_phrase_for_the_curator():
    found = find_dates("Two days later, the militias attacked the town.", ANCHOR)
    assert [(f.text, f.result.resolved) for f in found] == [("Two days later", False)]
    assert found[0].result.bounds_iso() == ("", "")
    assert "not dated" in found[0].result.derivation()
