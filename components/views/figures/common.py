"""Shared pieces of the figure builders: palettes, column checks, safe text, empty figures.

Every string that comes from data passes through :func:`plain_text` before it
reaches a Plotly title or hover: Plotly renders a subset of HTML (``<b>``,
``<a href>``, ``<br>``) in those places, and data text must never become markup.
"""
from __future__ import annotations

import functools
import json
import math
import pkgutil
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.events.model import SIDE_LABELS
from components.text import plotly_text

# Russia and Iran keep the two strong Okabe–Ito hues; every other side gets a colour no
# reader can mistake for either camp: CIE76 distance >= 12 from both, solid or as a
# half-transparent bar, in normal vision and under protan, deutan and tritan simulation
# (tests/views/test_palette_labels.py).  Hence no light blue or orange for third parties.
SIDE_COLOURS: dict[str, str] = {
    "russia": "#0072B2",
    "iran": "#D55E00",
    "syrian_government": "#1B5E20",
    "us_coalition": "#882255",
    "sdf": "#C9B458",
    "isis": "#000000",
    "opposition": "#B3DE69",
    "israel": "#8B5A2B",
    "turkey": "#7F9F7F",
    "local": "#6E6E6E",
    "other": "#A0A0A0",
    "neither": "#8C8C8C",
    "unclear": "#C8C8C8",
}
FALLBACK_COLOUR = "#777777"
# Qualitative cycle for event types (Okabe–Ito without the two side colours first).
TYPE_CYCLE: tuple[str, ...] = (
    "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000",
    "#0072B2", "#D55E00", "#8C8C8C", "#6A3D9A", "#B0B0B0", "#117733",
)
MS_PER_DAY = 86_400_000
HOVER_WRAP = 80
HOVER_MAX_CHARS = 600

PLOTLY_CONFIG: dict = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


# Every cartesian axis: tick labels are not measured one by one to hide those past the chart's
# edge (Plotly's default for date and number axes, "hide past div", calls getBoundingClientRect
# per label on every redraw -- a fifth of the browser's work after a filter change; the SVG
# clips an overflowing label anyway).
AXIS_SPEED = {"ticklabeloverflow": "allow"}

# The trace types the builders draw: the template carries defaults for these only.
TRACE_TYPES = ("bar", "scatter", "heatmap")


@functools.cache
def template() -> dict:
    """Plotly's ``plotly_white`` look, with trace defaults for ``TRACE_TYPES`` only.

    The full template holds defaults for ~25 trace types: Plotly imports and validates a
    class for each on a process's first figure (~0.15 s) and copies them into every figure
    (~10 KB of JSON each).  Same file Plotly reads, so the look is Plotly's own."""
    white = json.loads(pkgutil.get_data("plotly", "package_data/templates/plotly_white.json"))
    layout = white["layout"]
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**layout.get(axis, {}), **AXIS_SPEED}
    return {"layout": layout, "data": {k: v for k, v in white["data"].items() if k in TRACE_TYPES}}


@dataclass(frozen=True, slots=True)
class Draft:
    """A figure being built as plain dicts, handed to Plotly once (``figure``).

    Plotly validates every ``add_trace`` and ``update_layout`` call against its whole schema
    (the timeline made ~40 such calls: 0.1-0.2 s a build); the same figure validated from
    one dict costs a tenth of that.  ``layout`` values merge like ``update_layout``: dicts
    key by key, anything else (lists included) replaced.

    >>> d = new_draft(); d.update(margin={"l": 10}); d.update(margin={"t": 5}); d.layout["margin"]
    {'l': 10, 't': 5}
    """

    traces: list[dict]
    layout: dict

    def add(self, *traces: dict) -> None:
        self.traces.extend(traces)

    def update(self, **props) -> None:
        _merge(self.layout, props)

    def axes(self, letter: str, **props) -> None:
        """``update_xaxes`` / ``update_yaxes``: ``props`` on every ``letter`` axis so far
        (the first one created if there is none yet)."""
        names = [key for key in self.layout if key[:1] == letter and key[1:5] == "axis"] or [f"{letter}axis"]
        for name in names:
            _merge(self.layout.setdefault(name, {}), props)

    def figure(self) -> go.Figure:
        return go.Figure(data=self.traces, layout=self.layout)


def _merge(into: dict, props: dict) -> dict:
    """``props`` merged into ``into``: dicts key by key (copied, never shared), the rest replaced."""
    for key, value in props.items():
        if isinstance(value, dict):
            target = into.get(key)
            into[key] = _merge(target if isinstance(target, dict) else {}, value)
        else:
            into[key] = value
    return into


def new_draft() -> Draft:
    """An empty figure on the product's template; traces go in as dicts (``trace``)."""
    return Draft([], {"template": template()})


def trace(kind: str, **props) -> dict:
    """A trace as a plain dict (``kind`` is the Plotly trace type: bar, scatter, heatmap).
    pandas columns go in as numpy arrays: Plotly would wrap each one with narwhals first."""
    return {"type": kind, **{k: v.to_numpy() if isinstance(v, (pd.Series, pd.Index)) else v
                             for k, v in props.items()}}


class MissingColumnError(ValueError):
    """A figure builder was given a frame without a column it needs."""


def require_columns(df: pd.DataFrame, columns: Iterable[str], figure: str) -> None:
    """Raise MissingColumnError naming every column ``figure`` needs but ``df`` lacks."""
    missing = sorted(set(columns) - set(df.columns))
    if missing:
        raise MissingColumnError(f"{figure}: missing column(s) {', '.join(missing)}")


def plain_text(value: object, *, limit: int = HOVER_MAX_CHARS, wrap: int | None = HOVER_WRAP) -> str:
    """Data text made safe for Plotly's pseudo-HTML (``components.text.plotly_text``):
    ``& < >`` as entities Plotly shows literally, controls visible, cut at ``limit``
    characters with an ellipsis, wrapped with <br>."""
    return plotly_text(value, limit=limit, wrap=wrap)


def as_list(value: object) -> list[str]:
    """A list column cell as a list of strings (lists, arrays, '; '-joined text, NaN)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [str(v) for v in value if v is not None and str(v) != ""]
    return [str(value)]


def rgba(hex_colour: str, alpha: float) -> str:
    """'#RRGGBB' with an alpha channel, as a CSS rgba() string."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


_CODE_OF_LABEL = {label: code for code, label in SIDE_LABELS.items()}


def side_colour(side: str) -> str:
    """The colour of a side or favours value, given as its code or its label."""
    text = str(side)
    return SIDE_COLOURS.get(_CODE_OF_LABEL.get(text, text.lower()), FALLBACK_COLOUR)


def category_colours(values: Iterable[str], colour_by: str) -> dict[str, str]:
    """Stable value -> colour map: the side palette, or the type cycle in sorted order."""
    values = sorted(set(values))
    if colour_by == "side":
        return {v: side_colour(v) for v in values}
    return {v: TYPE_CYCLE[i % len(TYPE_CYCLE)] for i, v in enumerate(values)}


def figure_title(title: str, context: str = "") -> dict:
    """Layout title: the chart name and, smaller below, the (already safe) context line."""
    return {"text": title, "subtitle": {"text": context, "font": {"size": 11, "color": "#444444"}},
            "x": 0.01, "xanchor": "left", "yref": "container", "y": 0.99, "yanchor": "top",
            "pad": {"t": 6}, "font": {"size": 16}}


def context_markup(context: str, width: int = 150) -> str:
    """Context text (filters, date mode, as-of, sources) made safe and wrapped for a title."""
    return plain_text(context, limit=900, wrap=width)


def base_layout(draft: Draft, title: str, context: str, *, height: int, note: str = "") -> None:
    """Common layout: one-line title; below it the (safe) note, then the context line."""
    subtitle = f"<b>{note}</b><br>{context}" if note else context
    lines = subtitle.count("<br>") + 1 if subtitle else 0
    draft.update(
        title=figure_title(title, subtitle),
        height=height,
        margin={"l": 10, "r": 10, "t": 58 + 15 * lines, "b": 40},
        hoverlabel={"align": "left", "font": {"size": 12}},
        font={"family": "Arial, sans-serif", "size": 12},
    )


def empty_figure(message: str, context: str = "", *, height: int = 300) -> go.Figure:
    """A titled figure with no axes: what a chart shows when nothing matches."""
    draft = new_draft()
    base_layout(draft, plain_text(message, wrap=None), context, height=height)
    draft.axes("x", visible=False)
    draft.axes("y", visible=False)
    draft.update(annotations=[{"text": "No events to draw", "showarrow": False, "x": 0.5, "y": 0.5,
                               "xref": "paper", "yref": "paper", "font": {"size": 16, "color": "#777777"}}])
    return draft.figure()


LABEL_CHAR_PX = 7         # average glyph width of 12 px Arial, generous
_ENTITY = re.compile(r"&(?:[a-z]+|#[0-9]+);")


def fixed_label_margin(draft: Draft, labels: Iterable[str], *, title: bool = False) -> None:
    """Size the left margin for the y tick ``labels`` (and the axis title) and turn Plotly's
    axis automargin off: with it on, the browser draws the chart, measures the labels and
    draws it again -- half of the timeline's drawing time (measured in headless chromium)."""
    longest = max((len(_ENTITY.sub("x", label)) for label in labels), default=0)
    draft.update(margin={"l": min(MAX_LABEL_MARGIN, 14 + LABEL_CHAR_PX * longest + (24 if title else 0))})
    draft.axes("y", automargin=False)


MAX_LABEL_MARGIN = 340


def date_text(ts: object) -> str:
    """ISO day of a timestamp, '' for NaT."""
    if ts is None or pd.isna(ts):
        return ""
    return pd.Timestamp(ts).strftime("%Y-%m-%d")
