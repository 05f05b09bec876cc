"""The three dashboard views built the same way for the app and for the PNG export CLI.

``build_view(name, events, flt, options, ...)`` filters nothing itself: it takes the
full table (for the as-of date and the "n of N" count) and the already-filtered rows,
builds the context line and returns the figure. ``figure_png`` renders through kaleido
(the system chromium) at scale 2, the same crispness as the modebar's PNG button.
"""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from components.views.captions import context_line, data_as_of, source_names
from components.views.figures.balance import balance_figure
from components.views.figures.common import PLOTLY_CONFIG, empty_figure
from components.views.figures.geo import GeoLine, load_geo_lines
from components.views.figures.map import map_figure
from components.views.figures.timeline import timeline_figure
from components.query.fields import BALANCE_RULES
from components.query.filter import EventFilter
from components.views.urlstate import ViewOptions

VIEWS = ("timeline", "map", "balance", "presence")
# Presence is a walk over every shown event in Python: above this many it is not computed.
MAX_PRESENCE_EVENTS = 100_000
TOO_MANY_FOR_PRESENCE = ("{:,} events in view, too many to infer who was where; pick a town or a "
                         "shorter date range")
PNG_SCALE = 2
PNG_SIZE = {"timeline": (1600, None), "map": (1100, 800), "balance": (1400, 560),
            "presence": (1400, None)}


@dataclass(frozen=True)
class ViewInput:
    """Everything a view needs besides its name."""

    events: pd.DataFrame            # the whole table
    shown: pd.DataFrame             # the rows ``flt`` keeps
    flt: EventFilter
    options: ViewOptions
    actor_sides: dict[str, str] = field(default_factory=dict)
    geo_lines: tuple[GeoLine, ...] | None = None
    moments: dict[str, str] = field(default_factory=dict)   # event_id -> key-moment label
    town_coords: dict[str, tuple[float, float]] = field(default_factory=dict)
    town_parents: dict[str, str] = field(default_factory=dict)
    presence_rules: dict[str, str] | None = None     # None: the bundled presence_rules.csv

    @functools.cached_property
    def episodes(self) -> list | None:
        """Presence episodes of the shown events, at the places the town filter covers
        (computed once per view: the headline and the presence chart share them); None when
        the view holds more than ``MAX_PRESENCE_EVENTS`` events (the walk costs ~1 s per
        100,000: the headline and the chart ask for a narrower view instead)."""
        from components.events.presence import load_presence_rules, presence_episodes
        from components.query.filter import selected_places
        if len(self.shown) > MAX_PRESENCE_EVENTS:
            return None
        rules = self.presence_rules if self.presence_rules is not None else load_presence_rules()
        return presence_episodes(self.shown, rules,
                                 places=selected_places(self.flt, self.town_parents))

    @property
    def presence_note(self) -> str:
        """What the page says instead of who was where when ``episodes`` is None."""
        return TOO_MANY_FOR_PRESENCE.format(len(self.shown)) + "." \
            if len(self.shown) > MAX_PRESENCE_EVENTS else ""

    def context(self) -> str:
        return context_line(self.flt, total=len(self.events), shown=len(self.shown),
                            as_of=data_as_of(self.events), sources=source_names(self.shown))


def build_view(name: str, view: ViewInput) -> go.Figure:
    """The ``timeline``, ``map`` or ``balance`` figure for ``view``."""
    context = view.context()
    if name == "timeline":
        return timeline_figure(view.shown, swimlane=view.options.swimlane,
                               colour_by=view.options.colour, context=context,
                               actor_sides=view.actor_sides, window=(view.flt.start, view.flt.end),
                               moments=moment_rows(view.events, view.moments))
    if name == "map":
        lines = view.geo_lines if view.geo_lines is not None else load_geo_lines()
        return map_figure(view.shown, geo_lines=lines, context=context, coords=view.town_coords)
    if name == "balance":
        from components.query.run import balance_table
        table = balance_table(view.events, view.flt, period=view.options.period, rule=view.options.rule)
        return balance_figure(table, period=view.options.period, rule=view.options.rule,
                              rule_text=BALANCE_RULES[view.options.rule], context=context,
                              publications=publication_windows(view.shown))
    if name == "presence":
        from components.views.figures.presence import presence_figure
        if view.episodes is None:
            return empty_figure(f"Presence: {TOO_MANY_FOR_PRESENCE.format(len(view.shown))}", context)
        return presence_figure(view.episodes, context=context)
    raise ValueError(f"unknown view {name!r}: use one of {VIEWS}")


def publication_windows(shown: pd.DataFrame) -> list[tuple]:
    """(first, last, outlet) of the articles behind the shown events (none for imports)."""
    if shown.empty or "published_earliest" not in shown:
        return []
    pubs = shown[["published_earliest", "published_latest", "outlet"]].dropna().drop_duplicates()
    return list(pubs.itertuples(index=False, name=None))


def moment_rows(events: pd.DataFrame, moments: dict[str, str]) -> pd.DataFrame:
    """The key-moment events of the whole table (not only the shown rows: they are context
    for every filter) with their ``moment`` label."""
    if not moments or events.empty:
        return events.iloc[:0].assign(moment="")
    rows = events[events["event_id"].isin(list(moments))]
    return rows.assign(moment=rows["event_id"].map(moments))


def chart_config(name: str) -> dict:
    """Plotly config for the app: no logo, PNG button at scale 2 named after the view."""
    return {**PLOTLY_CONFIG,
            "toImageButtonOptions": {**PLOTLY_CONFIG["toImageButtonOptions"],
                                     "filename": f"deir-ez-zor-{name}"}}


def figure_png(fig: go.Figure, name: str = "timeline", *, scale: int = PNG_SCALE) -> bytes:
    """PNG bytes through kaleido (system chromium), sized for reading outside the app."""
    width, height = PNG_SIZE.get(name, (1400, None))
    _start_kaleido()
    with warnings.catch_warnings():
        # plotly passes kaleido options the running server ignores; nothing is lost.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(format="png", scale=scale, width=width,
                            height=height or int(fig.layout.height or 600))


def _start_kaleido() -> None:
    """Keep one kaleido browser running: ~0.3 s per image instead of a 2–3 s cold start."""
    import kaleido
    kaleido.start_sync_server(silence_warnings=True)
