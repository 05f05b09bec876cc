"""Layout a screenshot depends on: the date axis always says when, legends never hide the
axis labels or scroll, whatever the number of lanes, places or days in view."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.events.presence import Episode
from components.views.figures import timeline_figure
from components.views.figures.presence import LEGEND_PX, presence_figure
from components.views.figures.common import new_draft, trace
from components.views.figures.axes import DATE_TICKS, LEGEND_GROUP_GAP_PX, LEGEND_ROW_PX, date_ticks
from components.views.figures.timeline import MIN_FOCUS
from tests.support.frames import FIGURE_ROWS, make_events


def tick_days(start: pd.Timestamp, end: pd.Timestamp, spec: dict) -> list[pd.Timestamp]:
    """The ticks Plotly draws between start and end for ``date_ticks``' spacing, computed
    independently: every ``dtick`` ms from ``tick0``, or every k-th month start from January."""
    tick0, dtick = pd.Timestamp(spec["tick0"]), spec["dtick"]
    if isinstance(dtick, str):
        step = int(dtick[1:])
        months = pd.date_range(start.normalize().replace(day=1), end, freq="MS")
        return [m for m in months if start <= m <= end and (m.month - tick0.month) % step == 0]
    first = tick0 + pd.Timedelta(milliseconds=dtick) * -(-(start - tick0) // pd.Timedelta(milliseconds=dtick))
    return list(pd.date_range(first, end, freq=pd.Timedelta(milliseconds=dtick)))


# widths in days: each row's ends, their neighbours, and a few in between
WIDTHS = sorted({w for days, *_ in DATE_TICKS for w in (days - 1, days, days + 1)} | {1, 2, 3, 10, 45, 365, 1000})
STARTS = [pd.Timestamp("2018-10-06"), pd.Timestamp("2020-02-27"), pd.Timestamp("2017-12-31")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("start", STARTS, ids=lambda s: s.date().isoformat())
def test_date_axis_always_labels_a_few_days_or_months(width, start):
    spec = date_ticks(pd.Timedelta(days=width))
    if width > DATE_TICKS[-1][0]:
        assert spec == {}                    # decades: Plotly's own year ticks
        return
    end = start + pd.Timedelta(days=width)
    ticks = tick_days(start, end, spec)
    assert 2 <= len(ticks) <= 12, (width, spec, ticks)
    assert "%Y" in spec["tickformat"]        # a shared screenshot says which year


def test_date_tick_rows_are_ordered_and_weeks_start_on_monday():
    widths = [days for days, *_ in DATE_TICKS]
    assert widths == sorted(widths)
    for days, dtick, tick0, _ in DATE_TICKS:
        if dtick == 7 * 86_400_000 or dtick == 14 * 86_400_000:
            assert pd.Timestamp(tick0).day_name() == "Monday"


def one_event(lo: str, hi: str):
    row = ("f1", lo, hi, ["SDF", "ISIS"], ["sdf", "isis"], ["Albu Kamal"], "clash", "reported",
           "neither", "", "Enab Baladi")
    return make_events([row])


@pytest.mark.parametrize("lo, hi", [("2018-10-06", "2018-10-07"), ("2018-10-06", "2018-10-06"),
                                    ("2018-01-01", "2018-03-31")])
def test_a_lone_short_event_has_a_dated_axis(lo, hi):
    """The Hajin view of the bundled data: one two-day event used to fill the whole width
    with month ticks that all fell outside it -- a chart with no date on it."""
    fig = timeline_figure(one_event(lo, hi), swimlane="actor")
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert last - first >= MIN_FOCUS
    assert first <= pd.Timestamp(lo) and pd.Timestamp(hi) + pd.Timedelta(days=1) <= last
    spec = {k: fig.layout.xaxis[k] for k in ("dtick", "tick0")}
    assert len(tick_days(first, last, spec)) >= 2


def test_an_explicit_short_window_is_kept():
    fig = timeline_figure(one_event("2018-10-06", "2018-10-06"), window=(date(2018, 10, 6), date(2018, 10, 7)))
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert last - first < pd.Timedelta(days=3)   # what the user asked for, not widened


@pytest.mark.parametrize("rows", [[FIGURE_ROWS[0]], FIGURE_ROWS[:2], FIGURE_ROWS], ids=["1", "2", "all"])
def test_timeline_is_tall_enough_for_its_legend(rows):
    """The legend beside the plot scrolls when taller than the plot area; a screenshot cannot."""
    for swimlane in ("actor", "side"):
        fig = timeline_figure(make_events(rows), swimlane=swimlane)
        keys = [t for t in fig.data if t.name and t.showlegend is not False]
        groups = {t.legendgroup for t in keys}
        plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        assert plot_px >= LEGEND_ROW_PX * (len(keys) + 1) + LEGEND_GROUP_GAP_PX * (len(groups) - 1)


def test_presence_legend_sits_under_the_dates_in_pixels():
    episodes = [Episode(place, side, date(2018, 1, 1), date(2018, 2, 1), None, None, ("e1",), "rule",
                        date(2020, 12, 31), date(2018, 3, 1))
                for place in ("Albu Kamal", "Albu Kamal countryside") for side in ("russia", "iran")]
    fig = presence_figure(episodes)
    legend = fig.layout.legend
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    assert fig.layout.margin.b >= LEGEND_PX + 40     # the date labels above it, the legend below


def test_tick_labels_are_not_measured_one_by_one_on_every_redraw():
    """Plotly's default for date and number axes ("hide past div") measures every tick label
    in the browser after each filter change; the product's template turns that off for
    every cartesian axis (the SVG clips a label past the edge anyway)."""
    fig = timeline_figure(make_events(FIGURE_ROWS))
    template = fig.layout.template.layout
    assert template.xaxis.ticklabeloverflow == "allow" and template.yaxis.ticklabeloverflow == "allow"
    assert all(axis.ticklabeloverflow in (None, "allow") for axis in (fig.layout.xaxis, fig.layout.xaxis2, fig.layout.yaxis))


# Figures are built as plain dicts and validated by Plotly once (``Draft``): these pin that
# the draft merges like ``update_layout`` / ``update_xaxes`` and that validation still happens.
@pytest.mark.parametrize("updates, expected", [
    ([{"margin": {"l": 10}}, {"margin": {"t": 5}}], {"margin": {"l": 10, "t": 5}}),            # dicts merge
    ([{"shapes": [{"type": "line"}]}, {"shapes": [{"type": "rect"}]}], {"shapes": [{"type": "rect"}]}),  # lists replace
    ([{"title": "a"}, {"title": {"text": "b"}}], {"title": {"text": "b"}}),                   # a dict replaces a scalar
    ([{"height": 300}, {"height": 400}], {"height": 400}),
], ids=["nested", "list", "scalar-to-dict", "scalar"])
def test_draft_update_merges_like_update_layout(updates, expected):
    draft = new_draft()
    for props in updates:
        draft.update(**props)
    assert {k: v for k, v in draft.layout.items() if k != "template"} == expected


def test_draft_keeps_copies_not_the_callers_dicts():
    draft, margin = new_draft(), {"l": 10}
    draft.update(margin=margin)
    margin["l"] = 99
    draft.update(margin={"t": 1})
    assert margin == {"l": 99} and draft.layout["margin"] == {"l": 10, "t": 1}


def test_draft_axes_reach_every_axis_so_far():
    draft = new_draft()
    draft.axes("x", type="date")                     # none yet: the first one is made
    draft.update(xaxis2={"overlaying": "x"})
    draft.axes("x", automargin=False)
    draft.axes("y", range=[1, 0])
    assert draft.layout["xaxis"] == {"type": "date", "automargin": False}
    assert draft.layout["xaxis2"] == {"overlaying": "x", "automargin": False}
    assert draft.layout["yaxis"] == {"range": [1, 0]}


def test_draft_figure_is_validated_by_plotly():
    draft = new_draft()
    draft.add(trace("bar", x=pd.Series([1, 2]), y=[3, 4], marker_color="#0072B2"))
    draft.update(height=300, legend={"font": {"size": 11}})
    fig = draft.figure()
    assert isinstance(fig, go.Figure) and fig.data[0].marker.color == "#0072B2"
    assert list(fig.data[0].x) == [1, 2] and fig.layout.legend.font.size == 11
    assert fig.layout.template.layout.xaxis.ticklabeloverflow == "allow"
    draft.update(not_a_layout_property=1)
    with pytest.raises(ValueError, match="not_a_layout_property"):
        draft.figure()
