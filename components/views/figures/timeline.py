"""Swimlane timeline: one band per actor, side or town, each event drawn with its uncertainty.

What is drawn, per event and per lane it belongs to (an event with two actors sits
in both actor lanes):

* known to the day (``earliest == latest``): a marker at that day;
* known only to a range: a translucent bar from ``earliest`` to ``latest + 1 day``
  (inclusive end, so a one-day range stays visible);
* background / ongoing status ("since 2017"): a hatched span, or an open square
  when known to the day, so context never looks like an incident;
* the modifier-free period (``start..end``, e.g. all of 2021 for "early 2021")
  faintly behind the bar when it differs from the honest bounds;
* reports of the same occurrence (``same_as``): a dotted connector between them and
  their intersected interval as a thick black segment on both.

Overlapping events in one lane are packed onto separate tracks. Above
``max_marks`` (event × lane) marks the figure switches to a binned density heatmap
per lane and says so in its title: never one trace point per event for big data.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.events.model import CAMPS, side_label
from components.events.schema import NO_VALUE
from components.views.figures.common import (
    MS_PER_DAY, Draft, as_list, base_layout, category_colours, context_markup, date_text, empty_figure,
    fixed_label_margin, new_draft, plain_text, require_columns, rgba, trace)
from components.views.figures.density import density_draft
from components.views.figures.axes import date_ticks, legend_px
from components.views.figures.timeline_context import (add_context_band, camp_label, context_groups_of,
                                                       is_context, lane_stripe, mid_day, moment_marks)

SWIMLANES = {"actor": "actors", "side": "sides", "town": "towns"}
COLOUR_BY = ("side", "type")
MAX_MARKS = 5000
MAX_LANES = 40
MAX_TRACKS = 4           # rows per lane before marks start to overlap (translucent)
SPAN_STATUSES = frozenset({"background", "ongoing"})
TIMELINE_COLUMNS = frozenset({
    "event_id", "earliest", "latest", "start", "end", "mod", "status", "summary", "quote",
    "date_text", "explanation", "outlet", "event_type", "same_as", "actors", "sides", "towns",
})
ONE_DAY = pd.Timedelta(days=1)
TRACK_HEIGHT = 1.0
BAR_WIDTH = 0.72
TRACK_PX = 15            # pixels per track: both camps fit the first screen
CAMP_GAP = 1.0            # extra y units between camps, where the camp's name sits
MIN_FOCUS = pd.Timedelta(days=14)   # the narrowest axis a focus on the events zooms to


def timeline_figure(events: pd.DataFrame, *, swimlane: str = "actor", colour_by: str = "side",
                    context: str = "", actor_sides: dict[str, str] | None = None,
                    max_marks: int = MAX_MARKS, window: tuple | None = None,
                    moments: pd.DataFrame | None = None) -> go.Figure:
    """The swimlane timeline of ``events`` (schema.FRAME_COLUMNS); see the module docstring.

    ``window`` (start, end), either may be None: the initial x range, e.g. the filter's
    date range; without one the axis is focused on the lane events (context spans such as
    "since 2017" do not stretch it).  ``moments`` (event rows with a ``moment`` label
    column) are drawn as labelled vertical context lines.
    """
    if swimlane not in SWIMLANES:
        raise ValueError(f"timeline: swimlane must be one of {sorted(SWIMLANES)}, got {swimlane!r}")
    if colour_by not in COLOUR_BY:
        raise ValueError(f"timeline: colour_by must be one of {COLOUR_BY}, got {colour_by!r}")
    require_columns(events, TIMELINE_COLUMNS, "timeline")
    safe_context = context_markup(context)
    title = f"Timeline by {swimlane}"
    if events.empty:
        return empty_figure(f"{title}: no events match the current filters", safe_context)
    lane_col = SWIMLANES[swimlane]
    if len(events) > max_marks or _count_marks(events, lane_col) > max_marks:
        draft = density_draft(events, lane_col=lane_col, title=title, context=safe_context)
        _apply_window(draft, events, window)
        return draft.figure()
    context_rows = is_context(events)
    lane_events = events[~context_rows] if not context_rows.all() else events
    context_events = events[context_rows] if not context_rows.all() else events.iloc[:0]
    marks, bands = _lane_marks(lane_events, swimlane, colour_by, actor_sides or {})
    context_groups = context_groups_of(context_events, colour_by)
    colours = category_colours([*marks["group"], *context_groups["group"]], colour_by)
    draft = new_draft()
    _add_periods(draft, marks)
    _add_ranges(draft, marks, colours)
    _add_days(draft, marks, colours)
    _add_same_as(draft, marks)
    band_top = add_context_band(draft, context_events, context_groups, colours, _hover)
    _add_legend_keys(draft, marks, colours, context_groups)
    _layout(draft, marks, bands, title, safe_context, swimlane, colour_by, band_top, moment_marks(moments))
    _apply_window(draft, lane_events, window or (None, None), focus=True)
    return draft.figure()


def _apply_window(draft: Draft, events: pd.DataFrame, window: tuple | None, focus: bool = False) -> None:
    """Zoom the x axis to ``window`` (open ends take the data's extent), padded by 3%;
    with ``focus`` an open window is focused on ``events`` too, and never narrower than
    ``MIN_FOCUS`` (a two-day event alone does not fill the width as if it were a year)."""
    if events.empty or not window or (window[0] is None and window[1] is None and not focus):
        return
    lo = pd.Timestamp(window[0]) if window[0] is not None else events["earliest"].min()
    hi = pd.Timestamp(window[1]) + ONE_DAY if window[1] is not None else events["latest"].max() + ONE_DAY
    if window[0] is None and window[1] is None and hi - lo < MIN_FOCUS:
        lo -= (MIN_FOCUS - (hi - lo)) / 2
        hi = lo + MIN_FOCUS
    pad = (hi - lo) * 0.03
    draft.axes("x", range=[lo - pad, hi + pad], **date_ticks(hi - lo))


def _count_marks(events: pd.DataFrame, lane_col: str) -> int:
    return int(events[lane_col].map(lambda v: max(1, len(as_list(v)))).sum())


def _infer_actor_sides(events: pd.DataFrame) -> dict[str, str]:
    """Actor -> side from events with exactly one actor and one side."""
    found: dict[str, str] = {}
    for actors, sides in zip(events["actors"], events["sides"]):
        actors, sides = as_list(actors), as_list(sides)
        if len(actors) == 1 and len(sides) == 1:
            found.setdefault(actors[0], sides[0])
    return found


def _lane_marks(events: pd.DataFrame, swimlane: str, colour_by: str,
                actor_sides: dict[str, str]) -> tuple[pd.DataFrame, list[tuple[str, float, float]]]:
    """One row per (event, lane) with track position, colour group, kind and hover text."""
    lane_col = SWIMLANES[swimlane]
    known_sides = {**_infer_actor_sides(events), **actor_sides} if swimlane == "actor" else {}
    rows = []
    for rec in events.to_dict("records"):
        lanes = as_list(rec[lane_col]) or [NO_VALUE]
        sides = as_list(rec["sides"])
        hover = _hover(rec)
        for lane in lanes:
            if colour_by == "type":
                group = str(rec["event_type"] or NO_VALUE)
            elif swimlane == "side":
                group = lane
            elif swimlane == "actor":
                group = known_sides.get(lane) or (sides[0] if sides else NO_VALUE)
            else:
                group = sides[0] if sides else NO_VALUE
            camp = (known_sides.get(lane, "") if swimlane == "actor"
                    else lane if swimlane == "side" else "")
            rows.append({**rec, "lane": side_label(lane) if swimlane == "side" else lane,
                         "camp": camp if camp in CAMPS else "",
                         "group": side_label(group) if colour_by == "side" else group,
                         "hover": hover})
    if not rows:
        return pd.DataFrame(columns=[*events.columns, "lane", "camp", "group", "hover", "span",
                                     "day", "y"]), []
    marks = pd.DataFrame(rows)
    marks["span"] = marks["status"].isin(SPAN_STATUSES)
    marks["day"] = marks["earliest"] == marks["latest"]
    return _pack_tracks(marks)


def _pack_tracks(marks: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, float, float, str]]]:
    """Greedy interval packing per lane; lanes grouped by camp (Russia's, Iran's, then the
    rest), within a camp by mark count, then name.

    Returns the marks with their ``y`` and the lane bands ``(lane, low, high, camp)`` in y units.
    """
    counts = marks["lane"].value_counts()
    camp_of = dict(zip(marks["lane"], marks["camp"]))
    rank = {camp: i for i, camp in enumerate(CAMPS)}
    order = sorted(counts.index, key=lambda lane: (rank.get(camp_of[lane], len(CAMPS)),
                                                   -counts[lane], lane))
    if len(order) > MAX_LANES:
        kept = set(order[: MAX_LANES - 1])
        other = f"other ({len(order) - len(kept)} lanes)"
        marks["lane"] = marks["lane"].where(marks["lane"].isin(kept), other)
        order = order[: MAX_LANES - 1] + [other]
        camp_of[other] = ""
    marks = marks.sort_values(["earliest", "latest", "event_id"], kind="stable").reset_index(drop=True)
    lanes = marks["lane"].tolist()
    starts, ends_of = marks["earliest"].tolist(), marks["latest"].tolist()
    by_lane: dict[str, list[int]] = {}
    for i, lane in enumerate(lanes):
        by_lane.setdefault(lane, []).append(i)
    y = [0.0] * len(marks)
    bands: list[tuple[str, float, float, str]] = []
    top = CAMP_GAP if any(camp_of.values()) else 0.0
    previous_camp = None
    for lane in order:
        if previous_camp not in (None, camp_of.get(lane, "")):
            top += CAMP_GAP            # room for the next camp's name
        previous_camp = camp_of.get(lane, "")
        ends: list[pd.Timestamp] = []
        for i in by_lane.get(lane, []):
            track = next((t for t, end in enumerate(ends) if end < starts[i]), len(ends))
            if track == len(ends) and len(ends) >= MAX_TRACKS:
                # A full lane: overlap on the track that frees up first (bars are translucent).
                track = min(range(len(ends)), key=lambda t: ends[t])
            if track == len(ends):
                ends.append(ends_of[i])
            else:
                ends[track] = ends_of[i]
            y[i] = top + (track + 0.5) * TRACK_HEIGHT
        height = max(1, len(ends)) * TRACK_HEIGHT
        bands.append((lane, top, top + height, camp_of.get(lane, "")))
        top += height + 0.4
    return marks.assign(y=y), bands


def _hover(rec: dict) -> str:
    """Plain-text hover for one event: summary, dates, quote, phrase, derivation, source, status."""
    phrase = rec["date_text"] or "(dated by the article's context)"
    relays = plain_text(rec.get("relays", ""), wrap=None)
    source = plain_text(rec["outlet"], wrap=None) + (f" (relaying {relays})" if relays else "")
    lines = [
        f"<b>{plain_text(rec['summary'], limit=200)}</b>",
        f"{date_text(rec['earliest'])} .. {date_text(rec['latest'])}"
        f" · {plain_text(rec.get('precision', ''), wrap=None)} · {plain_text(rec['event_id'], wrap=None)}",
        f"Quote: “{plain_text(rec['quote'], limit=320)}”",
        f"Date phrase: {plain_text(phrase, limit=120)}",
        f"Derivation: {plain_text(rec['explanation'], limit=300)}",
        *_override_lines(rec),
        f"Source: {source}",
        f"Status: {plain_text(rec['status'], wrap=None)} · type: {plain_text(rec['event_type'], wrap=None)}",
    ]
    return "<br>".join(lines)


def _override_lines(rec: dict) -> list[str]:
    """The analyst's reason and evidence for an override (plain text, never a link)."""
    reason, evidence = rec.get("override_reason"), rec.get("override_source")
    lines = [f"Override reason: {plain_text(reason, limit=300)}"] if isinstance(reason, str) and reason else []
    if isinstance(evidence, str) and evidence:
        lines.append(f"Override source: {plain_text(evidence, limit=200)}")
    return lines


def _add_periods(draft: Draft, marks: pd.DataFrame) -> None:
    has = marks["start"].notna() & marks["end"].notna() & (marks["mod"].fillna("") != "")
    differs = (marks["start"] != marks["earliest"]) | (marks["end"] != marks["latest"])
    periods = marks[has & differs]
    if periods.empty:
        return
    draft.add(trace("bar",
        name="period before modifier", orientation="h", y=periods["y"], base=periods["start"],
        x=((periods["end"] + ONE_DAY - periods["start"]).dt.total_seconds() * 1000),
        width=BAR_WIDTH + 0.2, marker={"color": "rgba(120,120,120,0.13)", "line": {"width": 0}},
        hovertext=[f"Named period before the modifier: {date_text(s)} .. {date_text(e)}"
                   for s, e in zip(periods["start"], periods["end"])],
        hoverinfo="text", legendgroup="period",
    ))


def _add_ranges(draft: Draft, marks: pd.DataFrame, colours: dict[str, str]) -> None:
    ranges = marks[~marks["day"]]
    for (group, span), part in ranges.groupby(["group", "span"], sort=True):
        draft.add(trace("bar",
            name=f"{plain_text(group, limit=40, wrap=None)} · {'background/ongoing span' if span else 'date range'}", showlegend=False,
            orientation="h", y=part["y"], base=part["earliest"],
            x=(part["latest"] + ONE_DAY - part["earliest"]).dt.total_seconds() * 1000,
            width=BAR_WIDTH * (0.7 if span else 1.0),
            marker={"color": rgba(colours[group], 0.12 if span else 0.5),
                    "pattern": {"shape": "/" if span else "", "fgcolor": colours[group],
                                "fgopacity": 0.9, "solidity": 0.25, "size": 7},
                    "line": {"color": colours[group], "width": 1}},
            hovertext=part["hover"], hoverinfo="text", legendgroup=group,
        ))


def _add_days(draft: Draft, marks: pd.DataFrame, colours: dict[str, str]) -> None:
    days = marks[marks["day"]]
    for (group, span), part in days.groupby(["group", "span"], sort=True):
        draft.add(trace("scatter",
            name=f"{plain_text(group, limit=40, wrap=None)} · {'background (day)' if span else 'known to the day'}", showlegend=False,
            mode="markers", x=part["earliest"] + ONE_DAY / 2, y=part["y"],
            marker={"color": colours[group], "size": 11, "symbol": "square-open" if span else "circle",
                    "line": {"color": "white" if not span else colours[group], "width": 1.5}},
            hovertext=part["hover"], hoverinfo="text", legendgroup=group,
        ))


KIND_KEYS = (  # (mask name, legend text, marker symbol)
    ("day_incident", "known to the day", "circle"),
    ("range_incident", "known only to a range (bar)", "square"),
    ("range_span", "background / ongoing span (hatched)", "square-open"),
    ("day_span", "background, known to the day", "square-open"),
)


def _add_legend_keys(draft: Draft, marks: pd.DataFrame, colours: dict[str, str],
                     context_groups: pd.DataFrame | None = None) -> None:
    """Legend: one colour entry per group (toggles its marks) and one grey entry per mark kind."""
    context_groups = context_groups if context_groups is not None else pd.DataFrame(columns=["group"])
    for group in sorted({*marks["group"], *context_groups["group"]}, key=_legend_rank):
        draft.add(trace("scatter", x=[None], y=[None], mode="markers",
                        name=plain_text(group, limit=40, wrap=None), legendgroup=group,
                        marker={"color": colours[group], "symbol": "square", "size": 11},
                        legendrank=1))
    present = {"day_incident": (marks["day"] & ~marks["span"]).any(),
               "range_incident": (~marks["day"] & ~marks["span"]).any(),
               "range_span": (~marks["day"] & marks["span"]).any(),
               "day_span": (marks["day"] & marks["span"]).any()}
    if len(context_groups):
        draft.add(trace("bar", x=[None], y=[None], orientation="h", legendrank=2,
                        name="context band: background, long-running", hoverinfo="skip",
                        marker={"color": rgba("#777777", 0.35), "line": {"width": 0}}))
    for key, text, symbol in KIND_KEYS:
        if not present[key]:
            continue
        if key.startswith("range"):
            span = key == "range_span"
            draft.add(trace("bar", x=[None], y=[None], orientation="h", name=text, legendrank=2,
                            legendgroup=f"kind_{key}", hoverinfo="skip",
                            marker={"color": rgba("#777777", 0.12 if span else 0.5),
                                    "pattern": {"shape": "/" if span else "", "fgcolor": "#555555",
                                                "solidity": 0.25, "size": 5},
                                    "line": {"color": "#555555", "width": 1}}))
        else:
            draft.add(trace("scatter", x=[None], y=[None], mode="markers", name=text, legendgroup=f"kind_{key}",
                            marker={"color": "#777777", "symbol": symbol, "size": 10},
                            legendrank=2, hoverinfo="skip"))


def _legend_rank(group: str) -> tuple[int, str]:
    """Russia, Iran, then the rest alphabetically."""
    camps = [side_label(camp) for camp in CAMPS]
    return (camps.index(group) if group in camps else len(camps), group)


def _add_same_as(draft: Draft, marks: pd.DataFrame) -> None:
    """Dotted connector between reports of one occurrence; black segment = intersection."""
    first = marks.drop_duplicates("event_id").set_index("event_id")
    links = first[first["same_as"].fillna("").astype(str).isin(first.index)]
    if links.empty:
        return
    cx, cy, ct, ix, iy, it = [], [], [], [], [], []
    for eid, rec in links.iterrows():
        other = first.loc[rec["same_as"]]
        lo, hi = max(rec["earliest"], other["earliest"]), min(rec["latest"], other["latest"])
        label = f"Same occurrence: {plain_text(eid, wrap=None)} = {plain_text(rec['same_as'], wrap=None)}"
        label += (f"<br>Intersected interval: {date_text(lo)} .. {date_text(hi)}" if lo <= hi
                  else "<br>The reports' intervals do not overlap")
        for point in (rec, other):
            cx.append(mid_day(point))
            cy.append(point["y"])
            ct.append(label)
        cx.append(None)
        cy.append(None)
        ct.append("")
        if lo <= hi:
            for point in (rec, other):
                ix += [lo, hi + ONE_DAY, None]
                iy += [point["y"], point["y"], None]
                it += [label, label, ""]
    draft.add(trace("scatter", name="same occurrence (linked reports)", mode="lines", x=cx, y=cy,
                    line={"color": "#444444", "dash": "dot", "width": 1.5},
                    hovertext=ct, hoverinfo="text", legendgroup="same_as"))
    if ix:
        draft.add(trace("scatter", name="intersected interval", mode="lines", x=ix, y=iy,
                        line={"color": "#000000", "width": 4},
                        hovertext=it, hoverinfo="text", legendgroup="same_as"))


def _layout(draft: Draft, marks: pd.DataFrame, bands: list[tuple[str, float, float, str]],
            title: str, context: str, swimlane: str, colour_by: str,
            band_top: float = 0.0, moments: tuple[list[dict], list[dict]] = ([], [])) -> None:
    total = bands[-1][2] if bands else 1
    span = total + 0.8 + band_top
    base_layout(draft, title, context, height=int(min(2600, 190 + TRACK_PX * span)))
    shapes = [lane_stripe(i, low, high, camp) for i, (_, low, high, camp) in enumerate(bands)]
    annotations = [camp_label(camp, low) for i, (_, low, _, camp) in enumerate(bands)
                   if i == 0 or bands[i - 1][3] != camp] if swimlane != "town" else []
    if band_top:
        shapes.append({"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                       "y0": -band_top - 0.1, "y1": -0.2, "fillcolor": "#FAFAFA",
                       "line": {"width": 0}, "layer": "below"})
    draft.update(shapes=shapes + moments[0], annotations=annotations + moments[1],
                 barmode="overlay",
                 legend={"title": {"text": f"colour: {colour_by}"}, "font": {"size": 11}, "groupclick": "togglegroup"},
                 hovermode="closest")
    draft.axes("x", type="date", showgrid=True, gridcolor="#DDDDDD", side="top")
    # The same axis again at the bottom, so a tall chart reads without scrolling back up.
    margin = draft.layout["margin"]
    draft.update(xaxis2={"type": "date", "overlaying": "x", "matches": "x", "side": "bottom", "showgrid": False},
                 margin={"t": margin["t"] + 28, "b": 40})
    draft.add(trace("scatter", x=[marks["earliest"].min() if len(marks) else None], y=[None],
                xaxis="x2", showlegend=False, hoverinfo="skip", mode="markers"))
    ticks = [(lo + hi) / 2 for _, lo, hi, _ in bands]
    text = [plain_text(lane, limit=40, wrap=None) for lane, _, _, _ in bands]
    if band_top:
        ticks.insert(0, -band_top / 2 - 0.15)
        text.insert(0, "context (background)")
    draft.axes("y", tickvals=ticks, ticktext=text, range=[total + 0.2, -band_top - 0.3],
               showgrid=False, zeroline=False, title={"text": swimlane})
    fixed_label_margin(draft, text, title=True)
    draft.axes("x", automargin=False)         # the top and bottom margins hold the date axes
    # A legend taller than the plot scrolls (a screenshot cannot): a short chart grows to fit it.
    draft.update(height=max(draft.layout["height"], margin["t"] + margin["b"] + legend_px(draft.traces)),
                 meta={"mode": "events", "marks": int(len(marks)), "ms_per_day": MS_PER_DAY,
                       "lanes": [plain_text(lane, limit=40, wrap=None) for lane, _, _, _ in bands],
                       "camps": [camp for _, _, _, camp in bands]})
