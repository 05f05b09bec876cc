"""The timeline's context layer: the thin band of background and long-running rows above the
lanes, the key-moment lines, and the lanes' camp tints and names.  Pure helpers of
``timeline.py`` (which owns the figure); split out to keep each module readable.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from components.events.model import side_label
from components.events.schema import NO_VALUE
from components.views.figures.common import SIDE_COLOURS, Draft, date_text, plain_text, rgba, trace

ONE_DAY = pd.Timedelta(days=1)
CONTEXT_TRACK = 0.34     # the context band's tracks are thinner than a lane's
LONG_ONGOING_DAYS = 92   # an ongoing situation longer than a quarter is context, not a lane mark
MOMENT_MAX_DAYS = 31     # a key moment is drawn when its date is known to a month or better
CAMP_NAMES = {"russia": "Russia's camp", "iran": "Iran's camp", "": "others"}


def is_context(events: pd.DataFrame) -> pd.Series:
    """Rows drawn in the thin context band instead of a lane: background rows, and ongoing
    situations longer than ``LONG_ONGOING_DAYS`` ("controlled by the IRGC since 2017")."""
    width = (events["latest"] - events["earliest"]).dt.days
    status = events["status"].astype(str)
    return (status == "background") | ((status == "ongoing") & (width > LONG_ONGOING_DAYS))


def mid_day(rec: pd.Series) -> pd.Timestamp:
    return rec["earliest"] + (rec["latest"] + ONE_DAY - rec["earliest"]) / 2


def context_groups_of(context: pd.DataFrame, colour_by: str) -> pd.DataFrame:
    """The colour group of each context row (its favours, or its type), as marks' columns."""
    if context.empty:
        return pd.DataFrame(columns=["group", "day", "span"])
    groups = (context["favours"].map(side_label) if colour_by == "side"
              else context["event_type"].fillna(NO_VALUE).astype(str))
    return pd.DataFrame({"group": groups.to_numpy(), "day": False, "span": True})


def add_context_band(draft: Draft, context: pd.DataFrame, context_groups: pd.DataFrame,
                     colours: dict[str, str], hover: Callable[[dict], str]) -> float:
    """Background and long-running rows as thin spans above the lanes (packed on thin
    tracks at negative y); returns the band's top in y units (0 when there is none)."""
    if context.empty:
        return 0.0
    groups = context_groups["group"].tolist()
    ordered = context.assign(group=groups).sort_values(["earliest", "latest", "event_id"])
    ends: list[pd.Timestamp] = []
    ys = []
    for start, end in zip(ordered["earliest"], ordered["latest"]):
        track = next((t for t, last in enumerate(ends) if last < start), len(ends))
        if track == len(ends):
            ends.append(end)
        else:
            ends[track] = end
        ys.append(-0.5 - track * CONTEXT_TRACK)
    ordered = ordered.assign(y=ys, hover=[hover(rec) for rec in ordered.to_dict("records")])
    for group, part in ordered.groupby("group", sort=True):
        draft.add(trace("bar", name=f"{plain_text(group, limit=40, wrap=None)} · context",
                        showlegend=False, orientation="h",
                        y=part["y"], base=part["earliest"],
                        x=(part["latest"] + ONE_DAY - part["earliest"]).dt.total_seconds() * 1000,
                        width=CONTEXT_TRACK * 0.6,
                        marker={"color": rgba(colours[group], 0.35), "line": {"width": 0}},
                        hovertext=part["hover"], hoverinfo="text", legendgroup=group))
    return 0.5 + (len(ends) - 1) * CONTEXT_TRACK + CONTEXT_TRACK / 2


def moment_marks(moments: pd.DataFrame | None) -> tuple[list[dict], list[dict]]:
    """Key moments as (shapes, annotations): a dotted vertical line at each moment's date,
    labelled along the line.  Returned as dicts and set on the layout in one update (Plotly
    re-validates the whole list on every add_shape)."""
    if moments is None or moments.empty:
        return [], []
    short = moments[(moments["latest"] - moments["earliest"]).dt.days <= MOMENT_MAX_DAYS]
    shapes, notes = [], []
    for rec in short.sort_values("earliest").to_dict("records"):
        day = mid_day(rec)
        label = plain_text(rec["moment"], limit=40, wrap=None)
        shapes.append({"type": "line", "xref": "x", "x0": day, "x1": day, "yref": "paper", "y0": 0,
                       "y1": 1, "line": {"color": "#555555", "width": 1, "dash": "dot"},
                       "layer": "below"})
        notes.append({"x": day, "xref": "x", "y": 1, "yref": "paper", "yanchor": "top",
                      "xanchor": "right", "text": label, "textangle": -90, "showarrow": False,
                      "font": {"size": 10, "color": "#333333"}, "bgcolor": "rgba(255,255,255,0.75)",
                      "hovertext": f"Key moment: {label} ({date_text(rec['earliest'])} .. "
                                   f"{date_text(rec['latest'])}) · {plain_text(rec['event_id'], wrap=None)}"})
    return shapes, notes


def lane_stripe(index: int, low: float, high: float, camp: str) -> dict:
    """A lane's background: tinted by its camp, plain grey bands for the rest."""
    colour = (rgba(SIDE_COLOURS[camp], 0.07 if index % 2 == 0 else 0.035) if camp
              else "#F2F2F2" if index % 2 == 0 else "rgba(0,0,0,0)")
    return {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": low - 0.2,
            "y1": high + 0.2, "fillcolor": colour, "line": {"width": 0}, "layer": "below"}


def camp_label(camp: str, low: float) -> dict:
    """The camp's name at the right edge of its first lane."""
    return {"text": CAMP_NAMES.get(camp, "others"), "xref": "paper", "x": 0, "xanchor": "left",
            "yref": "y", "y": low - 0.2, "yanchor": "bottom", "showarrow": False,
            "font": {"size": 11, "color": SIDE_COLOURS.get(camp, "#555555")}}
