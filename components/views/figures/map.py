"""Map of Deir ez-Zor: events per town on an offline lon/lat plot with bundled river/border lines.

No tiles, no topojson: a plain ``go.Scatter`` with equal-distance axes (the y axis is
scaled by 1/cos(latitude) so a kilometre looks the same both ways). Events are
aggregated per town (or, for imported rows without a town, per 0.05° grid cell),
so the figure's size depends on the number of places, never on the number of rows.
An event is counted at every place it names.  A place's marker is sized by its event
count and coloured by the camp more of its events favour (``LEANS``): Russia, Iran, even
(as many each), or neither (no event there favours a camp) -- in ACLED data most events
favour neither camp, and a majority vote would paint every place grey and hide the
competition.  The hover lists the whole favours split and up to ``max_hover`` events.  A
slider picks one year (the events whose interval touches it) or all years.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.events.model import side_label
from components.events.cells import explode_list
from components.views.figures.common import (
    Draft, new_draft, trace,
    base_layout, context_markup, date_text, empty_figure, plain_text,
    require_columns, side_colour,
)
from components.views.figures.geo import GeoLine

MAP_COLUMNS = frozenset({"event_id", "town", "towns", "lat", "lon", "sides", "favours", "earliest",
                         "latest", "summary"})
# A place's lean -> (legend name, colour of the favours value it is drawn in), legend order.
LEANS = {
    "russia": ("more events favour Russia", "russia"),
    "iran": ("more events favour Iran", "iran"),
    "even": ("as many favour Russia as Iran", "unclear"),
    "neither": ("no event favours either camp", "neither"),
}
GRID = 0.05
MAX_HOVER = 8
DEFAULT_BOUNDS = (39.55, 41.45, 34.15, 35.85)  # lon_min, lon_max, lat_min, lat_max
LINE_STYLES = {
    "river": {"color": "#C6DBEF", "width": 2.5},      # pale: never read as Russia's blue
    "border": {"color": "#666666", "width": 1.5, "dash": "dash"},
}


def at_every_place(events: pd.DataFrame, coords: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """One row per (event, place it names) with that place's coordinates: an event in two
    towns counts at both.  Rows whose places have no known coordinates keep their own
    ``town``/``lat``/``lon`` (imported rows located by coordinates only)."""
    if not coords or events.empty:
        return events
    towns = explode_list(events["towns"].reset_index(drop=True))
    known = towns[towns.isin(coords)]
    rows = events.reset_index(drop=True)
    spread = rows.iloc[known.index.to_numpy()].assign(
        town=known.to_numpy(), lat=[coords[t][0] for t in known], lon=[coords[t][1] for t in known])
    rest = rows.drop(index=pd.unique(known.index.to_numpy()))
    return pd.concat([spread, rest], ignore_index=True)


def place_table(events: pd.DataFrame, *, max_hover: int = MAX_HOVER) -> pd.DataFrame:
    """One row per place: place, lat, lon, events, its lean (``side``: a key of ``LEANS``),
    the favours split text and the hover list."""
    located = events.loc[events["lat"].notna() & events["lon"].notna(),
                         ["town", "lat", "lon", "favours", "earliest", "latest", "summary"]]
    if located.empty:
        return pd.DataFrame(columns=["place", "lat", "lon", "events", "side", "split", "listing"])
    place = located["town"].fillna("").astype(object).to_numpy(copy=True)
    no_town = place == ""
    if no_town.any():
        lat = np.round(located["lat"].to_numpy()[no_town] / GRID) * GRID
        lon = np.round(located["lon"].to_numpy()[no_town] / GRID) * GRID
        place[no_town] = [f"{a:.2f}°N {o:.2f}°E" for a, o in zip(lat, lon)]
    codes, names = pd.factorize(place, sort=True)
    base = pd.DataFrame({"code": codes, "lat": located["lat"].to_numpy(),
                         "lon": located["lon"].to_numpy()})
    places = base.groupby("code").agg(lat=("lat", "mean"), lon=("lon", "mean"), events=("lat", "size"))
    favours = located["favours"].fillna("unclear").astype(str).to_numpy()
    split = (pd.DataFrame({"code": codes, "side": favours})
             .groupby(["code", "side"]).size().rename("n").reset_index()
             .sort_values(["code", "n", "side"], ascending=[True, False, True], kind="stable"))
    camps = pd.crosstab(codes, favours).reindex(index=places.index, columns=["russia", "iran"], fill_value=0)
    russia, iran = camps["russia"], camps["iran"]
    places["side"] = np.select([russia > iran, iran > russia, russia > 0], ["russia", "iran", "even"], "neither")
    places["split"] = split.assign(part=split["side"].map(side_label) + " " + split["n"].astype(str)) \
        .groupby("code")["part"].agg(" · ".join)
    places["listing"] = _listings(located, codes, max_hover)
    places.insert(0, "place", names[places.index.to_numpy()])
    return places.reset_index(drop=True).sort_values("events", ascending=False, kind="stable")


def _listings(located: pd.DataFrame, codes: np.ndarray, max_hover: int) -> pd.Series:
    """Per place code: its first ``max_hover`` events by date, plus '… and N more'."""
    order = np.lexsort((located["earliest"].to_numpy(), codes))
    sorted_codes = codes[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_codes, sorted_codes, side="left")
    head = located.iloc[order[rank < max_hover]]
    head_codes = sorted_codes[rank < max_hover]
    lines = (head["earliest"].map(date_text) + " .. " + head["latest"].map(date_text) + "  "
             + head["summary"].map(lambda s: plain_text(s, limit=90, wrap=None)))
    listing = pd.Series(lines.to_numpy(), index=head_codes).groupby(level=0).agg("<br>".join)
    more = pd.Series(np.bincount(codes)) - max_hover
    extra = more[more > 0].map(lambda n: f"<br>… and {n:,} more")
    return listing + extra.reindex(listing.index).astype(object).fillna("")


def map_figure(events: pd.DataFrame, *, geo_lines: tuple[GeoLine, ...] = (), context: str = "",
               max_hover: int = MAX_HOVER,
               coords: dict[str, tuple[float, float]] | None = None) -> go.Figure:
    """Events per place on the offline base map; see the module docstring.

    The view is the province (DEFAULT_BOUNDS plus a margin); places outside it are named
    in the title instead of shrinking the province to a corner. When no place falls in
    the province (imported data elsewhere), the view fits the data.
    """
    require_columns(events, MAP_COLUMNS, "map")
    safe_context = context_markup(context, width=95)
    if events.empty:
        return empty_figure("Map: no events match the current filters", safe_context)
    events = at_every_place(events, coords or {})
    places = place_table(events, max_hover=max_hover)
    located = events["lat"].notna() & events["lon"].notna()
    unlocated = int((~located).sum())
    inside = _in_view(places)
    notes = []
    if unlocated:
        notes.append(f"{unlocated:,} without a location")
    if inside.any() and not inside.all():
        outside = places.loc[~inside, "place"].tolist()
        names = ", ".join(plain_text(p, limit=30, wrap=None) for p in outside[:4])
        more = f" +{len(outside) - 4} more" if len(outside) > 4 else ""
        notes.append(f"off the map: {names}{more}")
        places = places[inside]
    title = "Events by place (each event counted at every place it names)"
    notes.append("base lines approximate, no map tiles; hover a circle for its events")
    note = "; ".join(notes)
    draft = new_draft()
    for line in geo_lines:
        draft.add(trace("scatter", x=line.lon, y=line.lat, mode="lines", name=line.name,
                        line=LINE_STYLES[line.kind], hoverinfo="skip"))
    if not places.empty:
        _add_places(draft, places)
        _add_year_slider(draft, events[located], places, max_hover)
    _layout(draft, places, title, safe_context, note)
    return draft.figure()


def _add_year_slider(draft: Draft, located: pd.DataFrame, places: pd.DataFrame,
                     max_hover: int) -> None:
    """A slider under the map: "all" or one year (the events whose interval touches it)."""
    first, last = located["earliest"].min().year, located["latest"].max().year
    years = list(range(first, last + 1))
    if len(years) < 2 or len(years) > 30:
        return
    shown_places = set(places["place"])
    traces = draft.traces
    base = len(traces)                       # lines + the "all" traces come first
    groups: list[range] = []
    for year in years:
        touching = located[(located["earliest"].dt.year <= year) & (located["latest"].dt.year >= year)]
        part = place_table(touching, max_hover=max_hover) if len(touching) else places.iloc[:0]
        part = part[part["place"].isin(shown_places)]
        before = len(traces)
        if len(part):
            _add_places(draft, part, visible=False, suffix=f" ({year})")
        groups.append(range(before, len(traces)))
    lines = {i for i, t in enumerate(traces[:base]) if t.get("mode") == "lines"}
    steps = [{"label": "all years", "method": "restyle",
              "args": [{"visible": [True] * base + [False] * (len(traces) - base)}]}]
    for year, group in zip(years, groups):
        visible = [i in lines or i in group for i in range(len(traces))]
        steps.append({"label": str(year), "method": "restyle", "args": [{"visible": visible}]})
    draft.update(sliders=[{"active": 0, "steps": steps, "x": 0, "len": 1, "y": -0.13,
                                "yanchor": "top", "pad": {"t": 30, "l": 28, "r": 28},   # end labels not cut
                                "currentvalue": {"prefix": "Events touching: ", "font": {"size": 12}}}])


def _in_view(places: pd.DataFrame, margin: float = 0.6) -> pd.Series:
    lon_min, lon_max, lat_min, lat_max = DEFAULT_BOUNDS
    return (places["lon"].between(lon_min - margin, lon_max + margin)
            & places["lat"].between(lat_min - margin, lat_max + margin))


def _label_mask(places: pd.DataFrame, deg_per_char: float = 0.03, min_lat: float = 0.09) -> list[bool]:
    """Label the busiest places first; skip a label whose text box would overlap one already placed.

    A label's box runs right of its marker, ``deg_per_char`` degrees of longitude per character
    (about right for the half-width map in the app), ``min_lat`` degrees tall.
    """
    boxes: list[tuple[float, float, float]] = []        # (lon_from, lon_to, lat)
    keep = {}
    for idx, rec in places.sort_values("events", ascending=False, kind="stable").iterrows():
        text = min(len(str(rec["place"])), 24)
        lo, hi = rec["lon"], rec["lon"] + 0.08 + deg_per_char * text
        clear = all(abs(rec["lat"] - lat) >= min_lat or hi < b_lo or lo > b_hi for b_lo, b_hi, lat in boxes)
        keep[idx] = clear
        if clear:
            boxes.append((lo, hi, rec["lat"]))
    return [keep[i] for i in places.index]


def _add_places(draft: Draft, places: pd.DataFrame, *, visible: bool = True,
                suffix: str = "") -> None:
    biggest = max(1, int(places["events"].max()))
    places = places.assign(size=10 + 34 * np.sqrt(places["events"] / biggest),
                           label=_label_mask(places))
    ranks = {side: i for i, side in enumerate(LEANS)}
    groups = places.groupby(places["side"], sort=False)
    for side, part in sorted(groups, key=lambda item: ranks[item[0]]):
        name, colour = LEANS[side]
        hover = [f"<b>{plain_text(p, wrap=None)}</b> · {n:,} events<br>favour: {plain_text(s, wrap=None)}"
                 f"<br>{listing}" for p, n, s, listing in
                 zip(part["place"], part["events"], part["split"], part["listing"])]
        draft.add(trace("scatter",
            x=part["lon"], y=part["lat"], mode="markers+text", visible=visible,
            name=f"{name}{suffix}",
            text=[plain_text(p, limit=24, wrap=None) if show else ""
                  for p, show in zip(part["place"], part["label"])],
            textposition="middle right", textfont={"size": 11, "color": "#333333"},
            marker={"size": part["size"], "color": side_colour(colour), "opacity": 0.75,
                    "line": {"color": "white", "width": 1}},
            hovertext=hover, hoverinfo="text",
        ))


def _layout(draft: Draft, places: pd.DataFrame, title: str, context: str, note: str) -> None:
    lon_min, lon_max, lat_min, lat_max = DEFAULT_BOUNDS
    if not places.empty:
        lon_min, lon_max = min(lon_min, places["lon"].min() - 0.1), max(lon_max, places["lon"].max() + 0.3)
        lat_min, lat_max = min(lat_min, places["lat"].min() - 0.1), max(lat_max, places["lat"].max() + 0.1)
    base_layout(draft, title, context, height=640, note=note)
    ratio = 1 / math.cos(math.radians((lat_min + lat_max) / 2))
    draft.axes("x", range=[lon_min, lon_max], ticksuffix="°E", showgrid=True,
               gridcolor="#EEEEEE", zeroline=False, constrain="domain")
    draft.axes("y", range=[lat_min, lat_max], ticksuffix="°N", showgrid=True, gridcolor="#EEEEEE",
               zeroline=False, scaleanchor="x", scaleratio=ratio, constrain="domain")
    countries = [{"x": x, "y": y, "text": text, "showarrow": False, "font": {"size": 12, "color": "#999999"}}
                 for x, y, text in ((41.3, 34.85, "IRAQ"), (39.9, 34.45, "SYRIA"))
                 if lon_min < x < lon_max and lat_min < y < lat_max]
    if countries:
        draft.update(annotations=countries)
    draft.update(legend={"font": {"size": 11}, "orientation": "h", "y": -0.1, "yanchor": "top"},  # under the ° labels
                 plot_bgcolor="#FBFBF7", meta={"places": int(len(places))})
    if draft.layout.get("sliders"):
        draft.update(margin={"b": 170})
