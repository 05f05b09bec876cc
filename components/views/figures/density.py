"""Binned density per swimlane: the timeline's form for more events than can be drawn one by one.

Each event counts once per lane it belongs to, in the bin holding the midpoint of
its ``[earliest, latest]`` interval. The bin (week, month or year) is chosen so the
whole date span fits in about 200 columns. Built with numpy/pandas group-bys: the
cost grows with the number of rows, the figure's size with lanes × bins only.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.events.model import side_label

from components.events.schema import NO_VALUE
from components.views.figures.common import base_layout, explode_list, new_figure, plain_text, trace

MAX_BINS = 200
MAX_DENSITY_LANES = 30
BIN_UNITS = (("week", 7), ("month", 31), ("year", 366))


def choose_bin(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """The finest of week/month/year that keeps the span within MAX_BINS bins."""
    span = max(1, (last - first).days + 1)
    return next((name for name, days in BIN_UNITS if span / days <= MAX_BINS), "year")


def bin_starts(days: pd.Series, unit: str) -> np.ndarray:
    """Start day (datetime64[D]) of the week (Monday), month or year holding each day."""
    values = days.to_numpy(dtype="datetime64[D]")
    if unit == "week":
        # 1970-01-01 was a Thursday: shift so bins start on Mondays.
        ints = values.astype("int64")
        return ((ints - (ints + 3) % 7)).astype("datetime64[D]")
    return values.astype("datetime64[M]" if unit == "month" else "datetime64[Y]").astype("datetime64[D]")


def density_table(events: pd.DataFrame, lane_col: str) -> tuple[pd.DataFrame, str]:
    """Counts per (lane, bin_start) and the bin unit; lanes beyond the top 30 pooled as 'other'."""
    earliest, latest = events["earliest"], events["latest"]
    mid = earliest + (latest - earliest) / 2
    unit = choose_bin(earliest.min(), latest.max())
    bins = pd.Series(bin_starts(mid.dt.floor("D"), unit), index=events.index)
    lanes = explode_list(events[lane_col])
    table = pd.DataFrame({"lane": lanes, "bin": bins.reindex(lanes.index).to_numpy()})
    counts = table.groupby(["lane", "bin"], sort=False).size().rename("events").reset_index()
    totals = counts.groupby("lane")["events"].sum().sort_values(ascending=False, kind="stable")
    if len(totals) > MAX_DENSITY_LANES:
        keep = set(totals.index[: MAX_DENSITY_LANES - 1])
        other = f"other ({len(totals) - len(keep)} lanes)"
        counts["lane"] = counts["lane"].where(counts["lane"].isin(keep), other)
        counts = counts.groupby(["lane", "bin"], sort=False)["events"].sum().reset_index()
    return counts, unit


def density_figure(events: pd.DataFrame, *, lane_col: str, title: str, context: str) -> go.Figure:
    """Heatmap of events per bin per lane, its title saying it is binned and why."""
    counts, unit = density_table(events, lane_col)
    grid = counts.pivot_table(index="lane", columns="bin", values="events", fill_value=0, aggfunc="sum")
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    labels = [plain_text(side_label(lane) if lane_col == "sides" else lane, limit=40, wrap=None)
              for lane in grid.index]
    fig = new_figure().add_trace(trace(
        "heatmap",
        x=pd.to_datetime(grid.columns), y=labels, z=grid.to_numpy(), colorscale="Blues",
        colorbar={"title": f"events / {unit}"},
        hovertemplate="%{y}<br>%{x|%Y-%m-%d}: %{z} events<extra></extra>",
    ))
    full_title = (f"{title} — binned density: events per {unit} per lane "
                  f"({len(events):,} events, too many to draw one by one)")
    base_layout(fig, full_title, context, height=int(min(1400, 220 + 24 * len(labels))))
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.layout.meta = {"mode": "density", "bin": unit, "events": int(len(events))}
    return fig
