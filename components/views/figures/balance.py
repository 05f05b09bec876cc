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
    Draft, new_draft, trace,
    SIDE_COLOURS, base_layout, context_markup, empty_figure, plain_text, require_columns, rgba,
)

BALANCE_COLUMNS = frozenset({"period_start", "favours", "weight", "events"})
OPTIONAL_COLUMNS = ("sources",)
PERIODS = ("week", "month", "quarter")
PERIOD_STEP = {"week": "W-MON", "month": "MS", "quarter": "QS"}
PERIOD_FORMAT = {"week": "%Y-%m-%d", "month": "%Y-%m", "quarter": "%Y-%m"}
SIDES_SHOWN = (("russia", 1, "Russia"), ("iran", -1, "Iran"))


def balance_figure(table: pd.DataFrame, *, period: str = "month", rule_text: str = "",
                   context: str = "", rule: str = "spread",
                   publications: list[tuple] | None = None) -> go.Figure:
    """Diverging bars (Russia up, Iran down) per period and the net balance as a line.

    With ``rule="count"`` the solid bar is the events certainly inside the period and a
    light extension reaches the events possibly inside it (uncertainty shown, not smeared).
    ``publications`` (first day, last day, outlet) are shaded so that spikes that only
    follow the articles' publication dates can be told from events on the ground.
    """
    if period not in PERIODS:
        raise ValueError(f"balance: period must be one of {PERIODS}, got {period!r}")
    require_columns(table, BALANCE_COLUMNS, "balance")
    safe_context = context_markup(context, width=95)
    rule_note = f"counting rule: {plain_text(rule_text, wrap=100)}" if rule_text else ""
    title = f"Russia vs Iran: events favouring each side per {period}"
    shown = table[table["favours"].isin([side for side, _, _ in SIDES_SHOWN])]
    if shown.empty:
        return empty_figure(f"Russia vs Iran per {period}: no events favour Russia or Iran here",
                            safe_context)
    if "sources" not in shown:
        shown = shown.assign(sources=0)
    wide = shown.pivot_table(index="period_start", columns="favours", values=["weight", "events", "sources"],
                             aggfunc="sum", fill_value=0).sort_index()
    wide = wide.reindex(_all_periods(wide.index, period), fill_value=0)
    periods = pd.to_datetime(wide.index)
    labels = periods.strftime(PERIOD_FORMAT[period])
    draft = new_draft()
    net = pd.Series(0.0, index=wide.index)
    _add_publications(draft, publications or [], periods)
    for side, sign, name in SIDES_SHOWN:
        weight = _column(wide, "weight", side, 0.0)
        count = _column(wide, "events", side, 0)
        sources = _column(wide, "sources", side, 0)
        net = net + sign * weight
        if rule == "count":
            extra = count - weight
            custom = list(zip(labels, weight.astype(int), count, sources))
            hover = (f"%{{customdata[0]}} · favour {name}: %{{customdata[1]}} events certainly in "
                     f"this {period}, %{{customdata[2]}} possibly · from %{{customdata[3]}} "
                     "source(s)<extra></extra>")
            draft.add(trace("bar", x=periods, y=sign * weight, name=f"favour {name}: certainly in the {period}",
                            marker_color=SIDE_COLOURS[side], customdata=custom,
                            hovertemplate=hover))
            draft.add(trace("bar", x=periods, y=sign * extra, name=f"favour {name}: possibly in the {period}",
                            marker={"color": rgba(SIDE_COLOURS[side], 0.25),
                                    "line": {"color": SIDE_COLOURS[side], "width": 0.5}},
                            customdata=custom, hovertemplate=hover))
            continue
        draft.add(trace("bar",
            x=periods, y=sign * weight, name=f"favour {name}", marker_color=SIDE_COLOURS[side],
            customdata=list(zip(labels, weight.round(2), count, sources)),
            hovertemplate=f"%{{customdata[0]}} · {name}: %{{customdata[1]}} (weighted)"
                          " from %{customdata[2]} events, %{customdata[3]} source(s)<extra></extra>",
        ))
    draft.add(trace("scatter",
        x=periods, y=net, name="net (Russia − Iran)" + (", certain events" if rule == "count" else ""),
        mode="lines+markers",
        line={"color": "#000000", "width": 2}, marker={"size": 5},
        customdata=list(zip(labels, net.round(2))),
        hovertemplate="%{customdata[0]} · net %{customdata[1]}<extra></extra>",
    ))
    base_layout(draft, title, safe_context, height=480, note=rule_note)
    draft.update(barmode="relative", bargap=0.15, legend={"orientation": "h", "y": -0.18})
    draft.axes("x", type="date", title={"text": period})
    draft.axes("y", title={"text": "events: Russia ↑ Iran ↓" if rule == "count" else "weighted events: Russia ↑ Iran ↓"},
               zeroline=True, zerolinecolor="#444444")
    return draft.figure()


def _column(wide: pd.DataFrame, value: str, side: str, empty) -> pd.Series:
    return wide[value][side] if side in wide[value] else pd.Series(empty, index=wide.index)


def _add_publications(draft: Draft, publications: list[tuple], periods: pd.DatetimeIndex) -> None:
    """Grey bands over the days articles were published (where reporting bias may show)."""
    if not len(periods):
        return
    lo, hi = periods.min(), periods.max() + pd.Timedelta(days=31)
    shown = sorted({(pd.Timestamp(a), pd.Timestamp(b)) for a, b, _ in publications
                    if pd.notna(a) and pd.notna(b) and lo <= pd.Timestamp(b) and pd.Timestamp(a) <= hi})
    if shown:
        draft.update(shapes=[{"type": "rect", "xref": "x", "x0": first, "x1": last + pd.Timedelta(days=1),
                              "yref": "y domain", "y0": 0, "y1": 1, "fillcolor": "#999999", "opacity": 0.18,
                              "line": {"width": 0}, "layer": "below"} for first, last in shown])
        draft.add(trace("bar", x=[None], y=[None], name="article published (reporting window)",
                        marker_color="rgba(153,153,153,0.35)", hoverinfo="skip"))


def _all_periods(starts: pd.Index, period: str) -> pd.DatetimeIndex:
    """Every period start from the first to the last, so empty periods show as zero."""
    starts = pd.to_datetime(starts)
    full = pd.date_range(starts.min(), starts.max(), freq=PERIOD_STEP[period])
    return full.union(starts)
