"""Deir ez-Zor: Russia–Iran competition timeline — the Streamlit app (glue only).

Run:  streamlit run dashboard/app.py [-- --data PATH]      (or DZ_DATA=PATH)
Reads top to bottom: config, cached load, URL -> widget state, the imported file the import
panel's state names, the filter the widget state describes, the headline (events shown,
favour Russia, favour Iran, who is present where), the timeline, the sidebar's import panel
and filter widgets, then one of presence / map / balance / the provenance table and downloads in tabs (only
the open one is built), the article panel.
"""
from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

import streamlit as st

from components.io.store import use_system_allocator
from components.events.model import data_problems
from components.query.datasource import ViewData, load_view_data, resolve_data_path
from components.query.fields import PANEL_LABELS
from components.query.run import filter_events, warm_up
from components.views.figures.geo import load_geo_lines
from components.views.build import ViewInput, build_view, chart_config, figure_png
from components.views.story import NO_CHANGE, headline
from components.views.urlstate import Vocabulary, to_query_params, vocabulary_from_frame
from components.events.presence import load_presence_rules
from dashboard.byod import import_view, render_article_panel, render_import_panel
from dashboard.controls import current_view, filter_controls, seed_from_url, sync_url
from dashboard.text import literal
from dashboard.table import provenance_table

use_system_allocator()
st.set_page_config(page_title="Deir ez-Zor: Russia–Iran timeline", page_icon=None, layout="wide")


def cli_data_path() -> str | None:
    """``--data PATH`` after ``streamlit run dashboard/app.py --``."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    return parser.parse_known_args(sys.argv[1:])[0].data


def data_stamp(path: Path) -> int:
    """Modification stamp of a data file or directory, so edits invalidate the cache."""
    files = list(path.glob("*.csv")) if path.is_dir() else [path]
    return max((f.stat().st_mtime_ns for f in files if f.exists()), default=0)


def load_or_problems(path: str) -> ViewData | list[str]:
    """The loaded data, or the loader's problems as plain-text lines."""
    try:
        return load_view_data(path)
    except (ValueError, OSError) as err:      # EventDataError / StoreError are ValueErrors
        return data_problems(err)


@st.cache_data(show_spinner="Loading events…", max_entries=4)
def cached_curated(path: str, stamp: int) -> ViewData | list[str]:
    """Curated data directories (the bundled data/): small, so each rerun gets its own copy."""
    return load_or_problems(path)


@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def shared_event_file(path: str, stamp: int) -> ViewData | list[str]:
    """Event files (Parquet/CSV, up to 10^7 rows): one shared read-only frame, because
    st.cache_data would unpickle a full copy on every rerun (~1 s per million rows).
    Nothing downstream mutates it: filters and figures build new frames."""
    return load_or_problems(path)


def cached_data(path: str, stamp: int) -> ViewData | list[str]:
    return (cached_curated if Path(path).is_dir() else shared_event_file)(path, stamp)


@st.cache_data(max_entries=4)
def cached_vocabulary(path: str, stamp: int) -> Vocabulary:
    data = cached_data(path, stamp)
    return vocabulary_from_frame(data.frame, actor_aliases=data.actor_aliases,
                                 town_aliases=data.town_aliases)


@st.cache_data(max_entries=48)
def cached_figure(name: str, data_key: str, view_key: str, _view: ViewInput):
    """A built view, keyed by the data and the URL form of filter + options (the frames in
    ``_view`` are not hashed: the keys identify them). Reruns that change nothing shown
    (table page, downloads, the article panel) skip rebuilding the charts."""
    return build_view(name, _view)


@st.cache_data(max_entries=48)
def cached_story(data_key: str, view_key: str, _view: ViewInput):
    """The headline, keyed like the figures: presence episodes are a pass over the shown
    rows, not to be redone on reruns that change nothing shown."""
    return headline(_view.shown, _view.episodes, _view.presence_note)


@st.cache_data(max_entries=4)
def cached_presence_rules(path: str, stamp: int) -> dict[str, str] | list[str]:
    """The data directory's presence rules (the bundled ones for files and imports), or
    their problems as plain-text lines."""
    try:
        return load_presence_rules(path if Path(path).is_dir() else None)
    except (ValueError, OSError) as err:
        return data_problems(err)


WARM_UP_DELAY_S = 4.0   # the browser draws the first page meanwhile (a cold one takes seconds)


@st.cache_resource(show_spinner=False, max_entries=4)
def engine_warm_up(data_key: str, _events) -> threading.Thread:
    """Once per data: the query engine started in the background shortly after the first
    page, so the first filter change is as quick as the next ones
    (``components.query.run.warm_up``)."""
    # Not a daemon: a process exiting mid-warm-up waits for it (~1 s) rather than tearing
    # DuckDB down under a running query (which aborts the process).
    thread = threading.Timer(WARM_UP_DELAY_S, _quietly, args=(warm_up, _events))
    thread.name = "engine-warm-up"
    thread.start()
    return thread


def _quietly(work, *args) -> None:
    try:
        work(*args)
    except Exception:   # noqa: BLE001 -- best effort: the real query reports any problem
        pass


@st.cache_resource
def geo_lines():
    return load_geo_lines()


def arrow(trend: str | None) -> str:
    """No arrow on a trend that did not move (Streamlit would draw "±0" as a rise)."""
    return "off" if trend and trend.startswith(NO_CHANGE) else "auto"


data_path = resolve_data_path(cli_data_path())
stamp = data_stamp(data_path)
data = cached_data(str(data_path), stamp)
if isinstance(data, list):
    st.error(literal(f"The data at {data_path} could not be loaded ({len(data)} problem(s)):"))
    for problem in data:
        st.error(literal(problem))
    st.stop()
events = data.frame
data_key = f"{data_path}:{stamp}"
vocab = cached_vocabulary(str(data_path), stamp)
url_warnings = seed_from_url(vocab)

imports = import_view(events)                  # the import panel's state; the panel is drawn below
if imports.events is not None:                 # the user's own ACLED/UCDP file, alone or merged
    events = imports.events
    data_key = f"{data_key}:{events.attrs.get('engine_key', len(events))}"
    vocab = vocabulary_from_frame(events, actor_aliases=data.actor_aliases,
                                  town_aliases=data.town_aliases)
# The headline and the timeline go out before the sidebar's widgets (they read the same widget
# state): the browser has them to draw first, on the first page and after every filter change.
flt, options, date_notes = current_view(vocab)
sync_url(flt, options)
shown = filter_events(events, flt)

st.title("Deir ez-Zor: Russia and Iran, event by event")
presence_rules = cached_presence_rules(str(data_path), stamp)
if isinstance(presence_rules, list):
    st.warning(literal("presence_rules.csv has problems; the bundled rules are used: "
                       + "; ".join(presence_rules[:5])))
view = ViewInput(events=events, shown=shown, flt=flt, options=options,
                 actor_sides=data.actor_sides, geo_lines=geo_lines(), moments=data.moments,
                 town_coords=data.town_coords, town_parents=data.town_parents,
                 presence_rules=presence_rules if isinstance(presence_rules, dict) else None)
story = cached_story(data_key, repr(to_query_params(flt, options)), view)
shown_col, russia_col, iran_col, caption_col = st.columns([1, 1, 1, 3], vertical_alignment="center")
shown_col.metric("Events shown", f"{story.events:,}")
russia_col.metric("Favour Russia", f"{story.russia:,}", delta=story.russia_trend, delta_color="off",
                  delta_arrow=arrow(story.russia_trend),
                  help="Shown events that strengthen Russia's camp; the trend compares events "
                       "certainly in the last year of the view with the year before.")
iran_col.metric("Favour Iran", f"{story.iran:,}", delta=story.iran_trend, delta_color="off",
                delta_arrow=arrow(story.iran_trend),
                help="Shown events that strengthen Iran's camp; the trend compares events "
                     "certainly in the last year of the view with the year before.")
caption_col.caption(literal(view.context()))
if story.sentence:
    st.text(story.sentence)
for warning in url_warnings:
    st.warning(literal(warning))


def chart(name: str) -> None:
    """One view, with a lazily rendered PNG download (kaleido runs only on click)."""
    fig = cached_figure(name, data_key, repr(to_query_params(flt, options)), view)
    st.plotly_chart(fig, config=chart_config(name), key=f"chart_{name}")
    st.download_button(f"Download {name} PNG", data=lambda: figure_png(fig, name),
                       file_name=f"deir-ez-zor-{name}.png", mime="image/png", key=f"png_{name}",
                       on_click="ignore")


if not shown.empty:
    chart("timeline")
with st.sidebar:
    render_import_panel(imports)
    filter_controls(vocab, date_notes)
if shown.empty:
    st.info("No events match these filters. Widen the date range or remove a filter in the sidebar.")
    st.stop()
# Below the timeline, one view at a time: only the open tab's chart (or the table) is built
# and sent, so the first screen is not kept waiting by views nobody has asked for yet.
tabs = st.tabs(list(PANEL_LABELS.values()), key="panel", on_change="rerun")
for tab, name in zip(tabs, PANEL_LABELS):
    if tab.open:
        with tab:
            if name == "table":
                provenance_table(shown)
            else:
                chart(name)
render_article_panel(str(data_path) if data_path.is_dir() else None)
st.caption(f"Data: {literal(data.label)} · {len(events):,} events loaded. Dates are inclusive; bars run "
           "from the earliest to the latest possible day of each event.")
engine_warm_up(data_key, events)
