"""Balance over time: per period, the events that favour Russia (up) against Iran (down).

Input is the table from ``components.query.run.balance_table`` (period_start, favours,
weight, events), already aggregated, so the figure's size is the number of periods.
``weight`` is what the counting rule gave each period (with the "spread" rule an
event known only to a quarter adds a third to each of its months); ``events`` is how
many distinct events touched the period. The rule is stated in the title.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.views.figures.common import (
    new_figure, trace,
    SIDE_COLOURS, base_layout, context_markup, empty_figure, plain_text, require_columns,
)

BALANCE_COLUMNS = frozenset({"period_start", "favours", "weight", "events"})
PERIODS = ("week", "month", "quarter")
PERIOD_STEP = {"week": "W-MON", "month": "MS", "quarter": "QS"}
PERIOD_FORMAT = {"week": "%Y-%m-%d", "month": "%Y-%m", "quarter": "%Y-%m"}
SIDES_SHOWN = (("russia", 1, "Russia"), ("iran", -1, "Iran"))


def balance_figure(table: pd.DataFrame, *, period: str = "month", rule_text: str = "",
                   context: str = "") -> go.Figure:
    """Diverging bars (Russia up, Iran down) per period and the net balance as a line."""
    if period not in PERIODS:
        raise ValueError(f"balance: period must be one of {PERIODS}, got {period!r}")
    require_columns(table, BALANCE_COLUMNS, "balance")
    safe_context = context_markup(context, width=95)
    rule = f"counting rule: {plain_text(rule_text, wrap=100)}" if rule_text else ""
    title = f"Russia vs Iran: events favouring each side per {period}"
    shown = table[table["favours"].isin([side for side, _, _ in SIDES_SHOWN])]
    if shown.empty:
        return empty_figure(f"Russia vs Iran per {period}: no events favour Russia or Iran here",
                            safe_context)
    wide = shown.pivot_table(index="period_start", columns="favours", values=["weight", "events"],
                             aggfunc="sum", fill_value=0).sort_index()
    wide = wide.reindex(_all_periods(wide.index, period), fill_value=0)
    periods = pd.to_datetime(wide.index)
    labels = periods.strftime(PERIOD_FORMAT[period])
    fig = new_figure()
    net = pd.Series(0.0, index=wide.index)
    for side, sign, name in SIDES_SHOWN:
        weight = wide["weight"][side] if side in wide["weight"] else pd.Series(0.0, index=wide.index)
        count = wide["events"][side] if side in wide["events"] else pd.Series(0, index=wide.index)
        net = net + sign * weight
        fig.add_trace(trace("bar", 
            x=periods, y=sign * weight, name=f"favour {name}", marker_color=SIDE_COLOURS[side],
            customdata=list(zip(labels, weight.round(2), count)),
            hovertemplate=f"%{{customdata[0]}} · {name}: %{{customdata[1]}} (weighted)"
                          " from %{customdata[2]} events<extra></extra>",
        ))
    fig.add_trace(trace("scatter", 
        x=periods, y=net, name="net (Russia − Iran)", mode="lines+markers",
        line={"color": "#000000", "width": 2}, marker={"size": 5},
        customdata=list(zip(labels, net.round(2))),
        hovertemplate="%{customdata[0]} · net %{customdata[1]}<extra></extra>",
    ))
    base_layout(fig, title, safe_context, height=480, note=rule)
    fig.update_layout(barmode="relative", bargap=0.15, legend={"orientation": "h", "y": -0.18})
    fig.update_xaxes(type="date", title=period)
    fig.update_yaxes(title="weighted events: Russia ↑ Iran ↓", zeroline=True,
                     zerolinecolor="#444444")
    return fig


def _all_periods(starts: pd.Index, period: str) -> pd.DatetimeIndex:
    """Every period start from the first to the last, so empty periods show as zero."""
    starts = pd.to_datetime(starts)
    full = pd.date_range(starts.min(), starts.max(), freq=PERIOD_STEP[period])
    return full.union(starts)
