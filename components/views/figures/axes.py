"""How the figures size their axes and legends: date tick steps for a window, the height a
vertical legend takes.  Pure: widths and figures in, Plotly layout values out.

>>> date_ticks(pd.Timedelta(days=10))["dtick"] == 2 * DAY_MS       # every other day
True
"""
from __future__ import annotations

import pandas as pd

LEGEND_ROW_PX = 20       # one legend key at font size 11, its title the same
LEGEND_GROUP_GAP_PX = 10  # Plotly's tracegroupgap: between keys of different legend groups
DAY_MS = 86_400_000
# (widest window in days, tick spacing, first tick, label): the first row whose width fits.
# Each row keeps 3-12 labels across its range (a label is ~75 px; the plot is >= 600 px wide
# on a laptop) and the labels carry the year, so a screenshot of a short window says when.
_DAY_LABEL, _MONTH_LABEL = "%-d %b %Y", "%b %Y"
DATE_TICKS = (
    (7, DAY_MS, "2000-01-01", _DAY_LABEL),              # 14 Oct 2018, one a day
    (14, 2 * DAY_MS, "2000-01-01", _DAY_LABEL),
    (21, 3 * DAY_MS, "2000-01-01", _DAY_LABEL),
    (56, 7 * DAY_MS, "2000-01-03", _DAY_LABEL),         # Mondays
    (120, 14 * DAY_MS, "2000-01-03", _DAY_LABEL),
    (300, "M1", "2000-01-01", _MONTH_LABEL),
    (600, "M2", "2000-01-01", _MONTH_LABEL),
    (900, "M3", "2000-01-01", _MONTH_LABEL),
    (1800, "M6", "2000-01-01", _MONTH_LABEL),
    (4380, "M12", "2000-01-01", _MONTH_LABEL),
)


def date_ticks(width: pd.Timedelta) -> dict:
    """One tick spacing for the top and bottom axes (Plotly picks them apart otherwise);
    wider than ``DATE_TICKS`` covers: Plotly's own choice (years, decades)."""
    for days, dtick, tick0, label in DATE_TICKS:
        if width.days <= days:
            return {"dtick": dtick, "tick0": tick0, "tickformat": label}
    return {}


def legend_px(traces: list[dict]) -> int:
    """The height a figure's vertical legend takes for its ``traces`` (as dicts): its title,
    one row per key, and a gap between legend groups (each side's keys are a group, so a
    click toggles the side)."""
    keys = [t for t in traces if t.get("name") and t.get("showlegend") is not False]
    groups = len({t.get("legendgroup") for t in keys})
    return LEGEND_ROW_PX * (len(keys) + 1) + LEGEND_GROUP_GAP_PX * max(0, groups - 1) + 16
