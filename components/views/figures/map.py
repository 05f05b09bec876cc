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
from dataclasses import dataclass

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
PLACE_FIELDS = ("town", "lat", "lon", "favours", "earliest", "latest", "summary")   # what a place's summary reads
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
    at = known.index.to_numpy()
    codes, names = pd.factorize(known)                    # coordinates looked up once per place
    names = np.asarray(names, dtype=object)
    lat, lon = (np.array([coords[name][i] for name in names], dtype=float) for i in (0, 1))
    spread = rows.take(at).assign(town=names[codes], lat=lat[codes], lon=lon[codes])
    rest = np.ones(len(rows), dtype=bool)
    rest[at] = False
    return pd.concat([spread, rows[rest]], ignore_index=True)


@dataclass(frozen=True)
class Located:
    """The rows with coordinates, read once per map into arrays: each row's place (a named
    town, or for a row without one its ``GRID`` cell, "34.45°N 40.90°E"), favours, position
    and earliest day.  ``places`` summarises all rows or a subset (a year of the slider) by
    counting codes, without regrouping or copying the rows."""

    rows: pd.DataFrame          # PLACE_FIELDS of the located rows (read only for the hover lists)
    codes: np.ndarray           # per row: its place's index in ``names``
    names: np.ndarray           # place names, sorted
    favour_codes: np.ndarray    # per row: its favours' index in ``favours``
    favours: tuple[str, ...]    # favours values ("unclear" where none)
    lat: np.ndarray
    lon: np.ndarray
    earliest: np.ndarray

    @classmethod
    def of(cls, events: pd.DataFrame) -> "Located":
        rows = events.loc[events["lat"].notna() & events["lon"].notna(), list(PLACE_FIELDS)]
        lat, lon = rows["lat"].to_numpy(dtype=float), rows["lon"].to_numpy(dtype=float)
        town = rows["town"]
        no_town = (town.isna() | (town.astype(object) == "")).to_numpy() if len(rows) else np.zeros(0, bool)
        if no_town.any():
            place = town.fillna("").astype(object).to_numpy(copy=True)
            cells = zip(np.round(lat[no_town] / GRID) * GRID, np.round(lon[no_town] / GRID) * GRID)
            place[no_town] = [f"{a:.2f}°N {o:.2f}°E" for a, o in cells]
            codes, names = pd.factorize(place, sort=True)
        else:
            codes, names = pd.factorize(town, sort=True)
        favour_codes, favours = pd.factorize(rows["favours"].fillna("unclear"))
        return cls(rows, codes, np.asarray(names, dtype=object), favour_codes, tuple(str(f) for f in favours),
                   lat, lon, rows["earliest"].to_numpy())

    def places(self, mask: np.ndarray | None = None, *, max_hover: int = MAX_HOVER) -> pd.DataFrame:
        """One row per place with at least one of the rows ``mask`` (over ``rows``) keeps, all when None:
        place, lat, lon, events, its lean (``side``: a key of ``LEANS``), the favours split
        text and the hover list; busiest first."""
        keep = np.arange(len(self.codes)) if mask is None else np.flatnonzero(mask)
        if not len(keep):
            return pd.DataFrame(columns=["place", "lat", "lon", "events", "side", "split", "listing"])
        codes, favours = self.codes[keep], self.favours
        count = np.bincount(codes, minlength=len(self.names))
        at = np.flatnonzero(count)
        pairs = np.bincount(codes * len(favours) + self.favour_codes[keep],
                            minlength=len(self.names) * len(favours)).reshape(len(self.names), -1)[at]
        russia, iran = (pairs[:, favours.index(camp)] if camp in favours else np.zeros(len(at), int)
                        for camp in ("russia", "iran"))
        labels = [side_label(f) for f in favours]
        alphabetical = sorted(range(len(favours)), key=favours.__getitem__)
        # "Iran 2 · Russia 1": the place's favours, most first, ties by favours value
        split = [" · ".join(f"{labels[j]} {n[j]}" for j in sorted(alphabetical, key=lambda j: -n[j]) if n[j])
                 for n in pairs]
        mean = pd.DataFrame({"lat": self.lat[keep], "lon": self.lon[keep]}).groupby(codes).mean()
        table = pd.DataFrame({
            "place": self.names[at],
            "lat": mean["lat"].to_numpy(), "lon": mean["lon"].to_numpy(),
            "events": count[at],
            "side": np.select([russia > iran, iran > russia, russia > 0], ["russia", "iran", "even"], "neither"),
            "split": split,
            "listing": self._listings(keep, max_hover).reindex(at).to_numpy(),
        })
        return table.sort_values("events", ascending=False, kind="stable")

    def _listings(self, keep: np.ndarray, max_hover: int) -> pd.Series:
        """Per place code: its first ``max_hover`` rows of ``keep`` by date, plus '… and N more'."""
        codes = self.codes[keep]
        order = np.lexsort((self.earliest[keep], codes))
        sorted_codes = codes[order]
        first = np.arange(len(order)) - np.searchsorted(sorted_codes, sorted_codes, side="left") < max_hover
        head = self.rows.iloc[keep[order[first]]]
        lines = (head["earliest"].map(date_text) + " .. " + head["latest"].map(date_text) + "  "
                 + head["summary"].map(lambda s: plain_text(s, limit=90, wrap=None)))
        listing = pd.Series(lines.to_numpy(), index=sorted_codes[first]).groupby(level=0).agg("<br>".join)
        more = pd.Series(np.bincount(codes)) - max_hover
        extra = more[more > 0].map(lambda n: f"<br>… and {n:,} more")
        return listing + extra.reindex(listing.index).astype(object).fillna("")


def place_table(events: pd.DataFrame, *, max_hover: int = MAX_HOVER) -> pd.DataFrame:
    """One row per place: place, lat, lon, events, its lean (``side``: a key of ``LEANS``),
    the favours split text and the hover list (``Located.places``)."""
    return Located.of(events).places(max_hover=max_hover)


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
    events = at_every_place(events[["towns", *PLACE_FIELDS]], coords or {})
    located = Located.of(events)
    places = located.places(max_hover=max_hover)
    unlocated = len(events) - len(located.rows)
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
        _add_year_slider(draft, located, places, max_hover)
    _layout(draft, places, title, safe_context, note)
    return draft.figure()


def _add_year_slider(draft: Draft, located: Located, places: pd.DataFrame,
                     max_hover: int) -> None:
    """A slider under the map: "all" or one year (the events whose interval touches it)."""
    first = located.rows["earliest"].dt.year.to_numpy()     # the years each row's interval touches
    last = located.rows["latest"].dt.year.to_numpy()
    years = list(range(int(first.min()), int(last.max()) + 1))
    if len(years) < 2 or len(years) > 30:
        return
    shown_places = set(places["place"])
    traces = draft.traces
    base = len(traces)                       # lines + the "all" traces come first
    groups: list[range] = []
    for year in years:
        part = located.places((first <= year) & (last >= year), max_hover=max_hover)
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
