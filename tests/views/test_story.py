"""The headline's counts and trends: events certainly in the view's last year against the year
before, per camp; an unchanged trend says so without pretending to rise."""
from __future__ import annotations

import pytest

from components.views.story import NO_CHANGE, headline
from tests.support.frames import make_events


def row(eid: str, lo: str, hi: str, favours: str):
    return (eid, lo, hi, ["Russian forces"], ["russia"], ["Albu Kamal"], "deployment", "reported",
            favours, "", "Enab Baladi")


# rows (earliest, latest, favours), expected (russia, iran) counts, expected trends
TREND_CASES = [
    ("rise", [("2019-05-01", "2019-05-01", "russia"), ("2020-01-01", "2020-01-03", "russia"),
              ("2020-03-01", "2020-03-01", "russia")],
     (3, 0), {"russia": "+1 in 2020 vs 2019", "iran": NO_CHANGE + " in 2020 vs 2019"}),
    ("fall", [("2019-05-01", "2019-05-01", "iran"), ("2019-06-01", "2019-06-01", "iran"),
              ("2020-01-01", "2020-01-01", "russia")],
     (1, 2), {"russia": "+1 in 2020 vs 2019", "iran": "-2 in 2020 vs 2019"}),
    ("flat", [("2017-05-01", "2017-05-01", "russia"), ("2018-05-01", "2018-05-01", "russia")],
     (2, 0), {"russia": NO_CHANGE + " in 2018 vs 2017", "iran": NO_CHANGE + " in 2018 vs 2017"}),
    # an event spread over two years is in neither year for certain: it does not count
    ("uncertain", [("2019-12-20", "2020-01-10", "russia"), ("2020-02-01", "2020-02-01", "iran")],
     (1, 1), {"russia": NO_CHANGE + " in 2020 vs 2019", "iran": "+1 in 2020 vs 2019"}),
    ("none dated", [("2019-12-20", "2020-01-10", "russia")], (1, 0), {}),
]


@pytest.mark.parametrize("rows, counts, trends", [c[1:] for c in TREND_CASES], ids=[c[0] for c in TREND_CASES])
def test_headline_counts_and_trends(rows, counts, trends):
    frame = make_events([row(f"t{i}", lo, hi, fav) for i, (lo, hi, fav) in enumerate(rows)])
    story = headline(frame, episodes=[])
    assert (story.events, story.russia, story.iran) == (len(rows), *counts)
    assert (story.russia_trend, story.iran_trend) == (trends.get("russia"), trends.get("iran"))


def test_empty_view_has_no_trend_and_no_sentence():
    story = headline(make_events([]), episodes=[])
    assert (story.events, story.russia, story.iran, story.russia_trend, story.sentence) == (0, 0, 0, None, "")
