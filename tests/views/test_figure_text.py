"""Every text property of every figure, built from data full of Plotly markup, stays plain text.

Plotly renders ``<a href>``, ``<b>``, ``<i>``, ``<span style>``, ``<sup>``, ``<br>`` from any
title, legend name, tick, hover, annotation or text label. The builders' own markup is
``<b>``/``<br>`` only; anything else in the figure JSON would have come from data.
Names are also capped: a 5,000-character side or type must not squeeze the plot.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from components.text import BIDI_CONTROLS, plotly_text
from components.views.figures import balance_figure, map_figure, timeline_figure
from components.views.figures.geo import load_geo_lines
from components.views.figures.presence import presence_figure
from tests.support.frames import make_frame

PAYLOAD = ('<a href="https://evil.example/login">click</a><span style="font-size:90px">big</span>'
           "<sup>up</sup><i>it</i>&lt;b&gt;\u202eRTL")
LONG = "N" * 5000
OWN_TAGS = re.compile(r"</?b>|<br>|<extra></extra>")
LABEL_CAP = 40
NOT_SHOWN = (".legendgroup",)       # identifiers Plotly never renders


def hostile_frame() -> pd.DataFrame:
    frame = make_frame()
    for column in ("summary", "quote", "date_text", "explanation", "outlet", "event_type", "status",
                   "precision", "relays"):
        frame[column] = [f"{PAYLOAD} {column} {i}" for i in range(len(frame))]
    frame["event_type"] = [PAYLOAD, LONG] * (len(frame) // 2) + [PAYLOAD] * (len(frame) % 2)
    frame["sides"] = [[PAYLOAD], [LONG, "russia"]] * (len(frame) // 2) + [[PAYLOAD]] * (len(frame) % 2)
    frame["actors"] = [[PAYLOAD + " actor"], [LONG]] * (len(frame) // 2) + [[PAYLOAD]] * (len(frame) % 2)
    frame["towns"] = [[PAYLOAD + " town"]] * len(frame)
    frame["town"] = [PAYLOAD + " town"] * (len(frame) - 1) + [LONG]
    frame["lat"], frame["lon"] = 35.0, 40.5
    return frame


def strings(node, path=""):
    """Every (path, string) in a plotly JSON tree."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}")
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            yield from strings(value, f"{path}[{i}]")


def figures():
    frame = hostile_frame()
    context = f"sources: {PAYLOAD}, {LONG}"
    balance = pd.DataFrame({"period_start": pd.to_datetime(["2020-01-01", "2020-02-01"]),
                            "favours": ["russia", "iran"], "weight": [1.0, 2.0], "events": [1, 2]})
    out = {f"timeline_{lane}_{colour}": timeline_figure(frame, swimlane=lane, colour_by=colour, context=context)
           for lane in ("actor", "side", "town") for colour in ("side", "type")}
    out["density"] = timeline_figure(frame, swimlane="actor", context=context, max_marks=1)
    out["map"] = map_figure(frame, geo_lines=load_geo_lines(), context=context)
    out["map_off_view"] = map_figure(frame.assign(lon=[40.5] * (len(frame) - 1) + [10.0]), context=context)
    out["balance"] = balance_figure(balance, rule_text=PAYLOAD, context=context)
    out["balance_count"] = balance_figure(balance.assign(sources=1), rule_text=PAYLOAD, context=context,
                                          rule="count", publications=[("2020-01-01", "2020-01-03", PAYLOAD)])
    out["empty"] = timeline_figure(frame.iloc[:0], context=context)
    moments = frame.iloc[:2].assign(moment=[PAYLOAD, LONG], earliest=frame["latest"].iloc[:2])
    out["timeline_moments"] = timeline_figure(frame.assign(status="background"), context=context,
                                              moments=moments)
    out["presence"] = presence_figure(_episodes(frame), context=context)
    return out


def _episodes(frame):
    from datetime import date
    from components.events.presence import Episode
    return [Episode(PAYLOAD + " place", side, date(2020, 1, 1), date(2020, 1, 5), None, None,
                    (PAYLOAD,), PAYLOAD, date(2020, 6, 1), date(2020, 2, 1)) for side in ("russia", "iran")] + \
        [Episode(LONG, "russia", date(2020, 1, 1), date(2020, 1, 5), date(2020, 3, 1), date(2020, 3, 2),
                 (LONG,), LONG, date(2020, 6, 1))]


FIGURES = figures()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_markup_or_controls_from_data(name):
    found = list(strings(FIGURES[name].to_plotly_json()))
    assert any("click" in text for _, text in found)           # the payload did reach the figure
    for path, text in found:
        if path.endswith(NOT_SHOWN):
            continue
        assert "<" not in OWN_TAGS.sub("", text), f"{name}{path}: {text[:200]!r}"
        assert not BIDI_CONTROLS & set(text), f"{name}{path}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_labels_are_capped(name):
    fig = FIGURES[name]
    layout = fig.layout
    for t in fig.data:
        if t.name:
            # a trace name is a label plus at most a fixed kind suffix
            assert len(t.name.split(" · ")[0]) <= LABEL_CAP + 20, f"{name}: {t.name[:80]}"
        if t.type == "scatter" and t.text is not None:
            assert all(len(s) <= LABEL_CAP for s in t.text)
        if t.type == "heatmap":
            assert all(len(y) <= LABEL_CAP + 20 for y in t.y)
    if layout.yaxis.ticktext:
        assert all(len(s) <= LABEL_CAP + 20 for s in layout.yaxis.ticktext)
    assert len(layout.title.text or "") <= 300
    assert len(layout.title.subtitle.text or "") <= 1600
    assert all(len(a.text or "") <= 300 for a in layout.annotations)


def test_payload_is_shown_verbatim():
    """What Plotly.js shows for the escaped text (entities decoded after tags are split) is the data."""
    shown = plotly_text(PAYLOAD, wrap=None)
    decoded = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert decoded == PAYLOAD.replace("\u202e", "⟨U+202E⟩")


LABELLED = sorted(name for name, fig in FIGURES.items() if fig.layout.yaxis.ticktext
                  and fig.layout.yaxis.type != "category")


@pytest.mark.parametrize("name", LABELLED)
def test_label_margin_is_fixed_and_fits_the_labels(name):
    """No axis automargin (the browser would draw the chart twice); the left margin is sized
    from the longest lane or place label instead, so even a capped hostile label fits."""
    from components.views.figures.common import LABEL_CHAR_PX, MAX_LABEL_MARGIN
    fig = FIGURES[name]
    assert fig.layout.yaxis.automargin is False
    longest = max(len(re.sub(r"&(?:[a-z]+|#[0-9]+);", "x", t)) for t in fig.layout.yaxis.ticktext)
    assert min(MAX_LABEL_MARGIN, LABEL_CHAR_PX * longest) <= fig.layout.margin.l <= MAX_LABEL_MARGIN


def test_labelled_figures_cover_the_timeline_and_presence():
    assert {"timeline_actor_side", "timeline_town_type", "presence"} <= set(LABELLED)
