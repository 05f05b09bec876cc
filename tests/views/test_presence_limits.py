"""Presence at scale: above MAX_PRESENCE_EVENTS shown events the walk is skipped and the page
says so; the chart keeps the places with the most evidence and refuses to draw too many bars."""
from __future__ import annotations

from datetime import date

import pytest

from components.events.presence import Episode, load_presence_rules
from components.query.filter import EventFilter
from components.views import build
from components.views.build import ViewInput, build_view
from components.views.figures import presence
from components.views.figures.presence import presence_figure
from components.views.story import headline
from components.views.urlstate import ViewOptions
from components.query.datasource import load_view_data, resolve_data_path


@pytest.fixture(scope="module")
def bundled():
    return load_view_data(str(resolve_data_path(None))).frame


def view_of(frame) -> ViewInput:
    return ViewInput(events=frame, shown=frame, flt=EventFilter(), options=ViewOptions(),
                     presence_rules=load_presence_rules())


@pytest.mark.parametrize("limit, walked", [(10**6, True), (5, False)])
def test_presence_is_walked_only_up_to_the_limit(bundled, monkeypatch, limit, walked):
    monkeypatch.setattr(build, "MAX_PRESENCE_EVENTS", limit)
    view = view_of(bundled)
    story = headline(view.shown, view.episodes, view.presence_note)
    title = build_view("presence", view_of(bundled)).layout.title.text
    if walked:
        assert view.episodes and "present in" in story.sentence and view.presence_note == ""
        assert title.startswith("Who was where")
    else:
        assert view.episodes is None
        assert story.sentence == view.presence_note == (
            f"{len(bundled):,} events in view, too many to infer who was where; pick a town or a "
            "shorter date range.")
        assert "too many to infer who was where" in title


def episode(place: str, side: str) -> Episode:
    return Episode(place, side, date(2020, 1, 1), date(2020, 1, 5), None, None, ("e1",), "rule",
                   date(2020, 6, 1), date(2020, 2, 1))


def test_chart_keeps_the_places_with_most_evidence(monkeypatch):
    monkeypatch.setattr(presence, "MAX_PLACES", 2)
    episodes = [episode(p, "russia") for p in ("A", "A", "A", "B", "B", "C")]
    fig = presence_figure(episodes)
    assert list(fig.layout.yaxis.ticktext) == ["A", "B"]
    assert "the 2 places with the most evidence (1 more: pick a town)" in fig.layout.title.text


def test_chart_refuses_to_draw_too_many_bars(monkeypatch):
    monkeypatch.setattr(presence, "MAX_EPISODES", 3)
    fig = presence_figure([episode(p, "iran") for p in "ABCD"])
    assert "4 episodes, too many to draw one by one" in fig.layout.title.text
    assert not fig.data
