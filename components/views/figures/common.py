"""Shared pieces of the figure builders: palettes, column checks, safe text, empty figures.

Every string that comes from data passes through :func:`plain_text` before it
reaches a Plotly title or hover: Plotly renders a subset of HTML (``<b>``,
``<a href>``, ``<br>``) in those places, and data text must never become markup.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito (colour-blind safe); Russia and Iran fixed, the rest greens and greys.
SIDE_COLOURS: dict[str, str] = {
    "russia": "#0072B2",
    "iran": "#D55E00",
    "syrian_government": "#009E73",
    "us_coalition": "#56B4E9",
    "sdf": "#E69F00",
    "isis": "#000000",
    "opposition": "#CC79A7",
    "israel": "#6A3D9A",
    "turkey": "#F0E442",
    "local": "#8C8C8C",
    "other": "#B0B0B0",
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


def new_figure() -> go.Figure:
    """An empty figure; traces are added as dicts (``trace``) and validated by Plotly on add."""
    return go.Figure()


def trace(kind: str, **props) -> dict:
    """A trace as a plain dict (``kind`` is the Plotly trace type: bar, scatter, heatmap)."""
    return {"type": kind, **props}


class MissingColumnError(ValueError):
    """A figure builder was given a frame without a column it needs."""


def require_columns(df: pd.DataFrame, columns: Iterable[str], figure: str) -> None:
    """Raise MissingColumnError naming every column ``figure`` needs but ``df`` lacks."""
    missing = sorted(set(columns) - set(df.columns))
    if missing:
        raise MissingColumnError(f"{figure}: missing column(s) {', '.join(missing)}")


def plain_text(value: object, *, limit: int = HOVER_MAX_CHARS, wrap: int | None = HOVER_WRAP) -> str:
    """Data text made safe for Plotly's pseudo-HTML: no tags, wrapped with <br>.

    '<' and '>' become the look-alike guillemets '‹' '›' so no tag can form, '&'
    is left alone ('&amp;'-style entities are only ever shown, never executed).
    Long text is cut at a word boundary within ``limit`` characters, with an ellipsis.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = " ".join(str(value).split())
    text = text.replace("<", "‹").replace(">", "›")
    if len(text) > limit:   # cut at a word boundary: never mid-word (one unbroken word is cut anyway)
        cut = text[: limit - 1]
        space = cut.rfind(" ", limit // 2)
        text = (cut[:space] if space > 0 and not text[limit - 1].isspace() else cut).rstrip() + "…"
    if wrap:
        text = "<br>".join(textwrap.wrap(text, wrap)) or ""
    return text


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


def side_colour(side: str) -> str:
    return SIDE_COLOURS.get(str(side).lower(), FALLBACK_COLOUR)


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


def base_layout(fig: go.Figure, title: str, context: str, *, height: int, note: str = "") -> go.Figure:
    """Common layout: one-line title; below it the (safe) note, then the context line."""
    subtitle = f"<b>{note}</b><br>{context}" if note else context
    lines = subtitle.count("<br>") + 1 if subtitle else 0
    fig.update_layout(
        title=figure_title(title, subtitle),
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 58 + 15 * lines, "b": 40},
        hoverlabel={"align": "left", "font_size": 12},
        font={"family": "Arial, sans-serif", "size": 12},
    )
    return fig


def empty_figure(message: str, context: str = "", *, height: int = 300) -> go.Figure:
    """A titled figure with no axes: what a chart shows when nothing matches."""
    fig = new_figure()
    base_layout(fig, plain_text(message, wrap=None), context, height=height)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text="No events to draw", showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16, "color": "#777777"})
    return fig


def date_text(ts: object) -> str:
    """ISO day of a timestamp, '' for NaT."""
    if ts is None or pd.isna(ts):
        return ""
    return pd.Timestamp(ts).strftime("%Y-%m-%d")
