"""Sidebar widgets -> (EventFilter, ViewOptions), and the URL <-> widget-state synchronisation.

Widget keys are the URL parameter names (``town``, ``side``, ``start``, ...), so
``st.session_state["town"]`` and ``?town=...`` mean the same thing. On a session's
first run the URL is parsed (``components.views.urlstate``) and seeds every widget; after
that the widgets are the truth and the URL is rewritten from them on each run.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from components.events.model import side_label
from components.text import visible_controls
from components.query.fields import (DATE_MODE_LABELS, DATE_MODES, FILTER_FIELDS, KNOWN_BY_KEY,
                                     KNOWN_MODE_LABELS, KNOWN_MODES, LAG_KEY, LAG_LIMITS,
                                     PANEL_LABELS, SCOPE_LABELS, SCOPES, SETTING_LABELS,
                                     SIDEBAR_VIEW_CHOICES, VIEW_CHOICES, VIEW_LABELS)
from components.query.filter import EventFilter
from components.views.urlstate import (ParsedView, ViewOptions, Vocabulary, parse_query_params,
                                       to_query_params)

SEEDED = "_url_seeded"
PANEL_OF_LABEL = {label: name for name, label in PANEL_LABELS.items()}
WARNINGS = "_url_warnings"
DATE_BOUNDS = (date(1900, 1, 1), date(2100, 12, 31))


def url_params() -> dict[str, list[str]]:
    """The current query parameters with repeated keys as lists."""
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def seed_from_url(vocab: Vocabulary) -> tuple[str, ...]:
    """Once per session: parse the URL into widget state; return the warnings to show."""
    if not st.session_state.get(SEEDED):
        parsed = parse_query_params(url_params(), vocab)
        warnings = list(parsed.warnings)
        values = _widget_values(parsed, warnings)
        for key, value in values.items():
            st.session_state[key] = value
        defaults = _widget_values(parse_query_params({}, vocab), [])
        if any(values[key] != defaults[key] for key in MORE_KEYS):
            st.session_state[MORE_OPEN] = True       # a shared link shows the settings it sets
        st.session_state[WARNINGS] = tuple(warnings)
        st.session_state[SEEDED] = True
    return st.session_state[WARNINGS]


def _widget_values(parsed: ParsedView, warnings: list[str]) -> dict[str, object]:
    flt, options = parsed.filter, parsed.options
    values: dict[str, object] = {f.key: list(getattr(flt, f.attr)) for f in FILTER_FIELDS}
    for key in ("start", "end", KNOWN_BY_KEY):
        day = getattr(flt, key)
        if day is not None and not DATE_BOUNDS[0] <= day <= DATE_BOUNDS[1]:
            warnings.append(f"Ignored {key}={day.isoformat()}: outside "
                            f"{DATE_BOUNDS[0].year}..{DATE_BOUNDS[1].year}")
            day = None
        values[key] = day
    values["date_mode"] = flt.date_mode
    values["scope"] = flt.scope
    values["known_mode"] = flt.known_mode
    values[LAG_KEY] = flt.lag_days
    values.update({name: getattr(options, name) for name in SIDEBAR_VIEW_CHOICES})
    values["panel"] = PANEL_LABELS[options.panel]          # the tabs' state is their label
    return values


def current_view(vocab: Vocabulary) -> tuple[EventFilter, ViewOptions, tuple[str, ...]]:
    """The filter and view options the widget state describes, read *before* the widgets are
    drawn, so the headline and the timeline go out first (``filter_controls`` draws the
    sidebar after them: its widgets return this same state).  Also the notes to show by the
    date widgets (an end before the start is ignored)."""
    state = st.session_state
    chosen: dict[str, tuple[str, ...]] = {}
    for f in FILTER_FIELDS:
        options = set(vocab.choices(f.key))
        known = [v for v in state.get(f.key, []) if v in options]
        state[f.key] = known                      # values the data no longer has are dropped
        chosen[f.attr] = tuple(known)
    start, end, notes = state.get("start"), state.get("end"), []
    if start and end and end < start:
        notes.append(f"'To' {end} is before 'From' {start}: the end date is ignored.")
        end = None
    options = {name: state.get(name, VIEW_CHOICES[name][0]) for name in SIDEBAR_VIEW_CHOICES}
    options["panel"] = PANEL_OF_LABEL.get(state.get("panel"), VIEW_CHOICES["panel"][0])
    flt = EventFilter(start=start or None, end=end or None, date_mode=state.get("date_mode", DATE_MODES[0]),
                      scope=state.get("scope", SCOPES[0]), known_by=state.get(KNOWN_BY_KEY) or None,
                      known_mode=state.get("known_mode", KNOWN_MODES[0]),
                      lag_days=int(state.get(LAG_KEY, EventFilter().lag_days)), **chosen)
    return flt, ViewOptions(**options), tuple(notes)


# The first screen's filters; the rest of the filters and the view settings sit in a panel
# built only while open (``MORE_OPEN``): every rerun re-renders each drawn widget in the
# browser, and with all ~20 of them a filter change took ~0.35 s to redraw the metric
# (~0.22 s with these; measured in chromium).
MAIN_FILTERS = ("town", "side", "actor", "type")
MORE_OPEN = "more_filters_open"
MORE_KEYS = (*(f.key for f in FILTER_FIELDS if f.key not in MAIN_FILTERS), "scope", "date_mode",
             KNOWN_BY_KEY, "known_mode", LAG_KEY, *SIDEBAR_VIEW_CHOICES)


def filter_controls(vocab: Vocabulary, notes: tuple[str, ...] = ()) -> None:
    """Draw the sidebar's widgets (keyed by their URL names: they show and edit the state
    ``current_view`` read) and the ``notes`` by the dates."""
    st.header("Filters")
    fields = {f.key: f for f in FILTER_FIELDS}
    for key in MAIN_FILTERS:
        _filter_widget(fields[key], vocab)
    st.date_input("From (inclusive)", key="start", min_value=DATE_BOUNDS[0], max_value=DATE_BOUNDS[1],
                  format="YYYY-MM-DD")
    st.date_input("To (inclusive)", key="end", min_value=DATE_BOUNDS[0], max_value=DATE_BOUNDS[1],
                  format="YYYY-MM-DD")
    for note in notes:
        st.warning(note)
    keep_state(*MORE_KEYS)                       # what the closed panel holds is still in force
    panel = st.expander("More filters, date settings and view", key=MORE_OPEN, on_change="rerun")
    with panel:
        if panel.open:
            _more_controls(vocab, fields)


def _more_controls(vocab: Vocabulary, fields) -> None:
    for key in MORE_KEYS:
        if key in fields:
            _filter_widget(fields[key], vocab)
    st.radio("Towns and actors match", SCOPES, key="scope", horizontal=True, format_func=SCOPE_LABELS.get,
             help="A town selects itself and the places within it (its countryside, "
                  "desert…); an actor the groups under it. 'Exactly' keeps only the names picked.")
    st.radio("Date mode", DATE_MODES, key="date_mode", horizontal=True, format_func=DATE_MODE_LABELS.get)
    st.date_input(SETTING_LABELS[KNOWN_BY_KEY], key=KNOWN_BY_KEY, min_value=DATE_BOUNDS[0],
                  max_value=DATE_BOUNDS[1], format="YYYY-MM-DD",
                  help="Only events from articles published by this day: what was known then")
    st.radio(SETTING_LABELS["known_mode"], KNOWN_MODES, key="known_mode", horizontal=True,
             format_func=KNOWN_MODE_LABELS.get)
    st.number_input(SETTING_LABELS[LAG_KEY], min_value=LAG_LIMITS[0], max_value=LAG_LIMITS[1], step=1,
                    key=LAG_KEY, help="An event reported without a date is dated from this many days "
                                      "before publication to the latest publication day")
    st.subheader("View")
    for name in SIDEBAR_VIEW_CHOICES:
        st.selectbox(VIEW_LABELS[name], VIEW_CHOICES[name], key=name)


def _filter_widget(f, vocab: Vocabulary) -> None:
    st.multiselect(f.widget, vocab.choices(f.key), key=f.key, format_func=_labeller(vocab, f.key),
                   placeholder="any (type a name or any spelling)" if f.key in ("town", "actor") else "any")


def keep_state(*keys: str) -> None:
    """Streamlit forgets a widget's value in a run that does not draw it (a closed panel):
    setting it again keeps it for when the panel reopens."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _labeller(vocab: Vocabulary, key: str):
    """Option text: human side names; towns and actors with their aliases (searchable)."""
    if key == "side":
        return lambda value: visible_controls(side_label(value), one_line=True)
    return lambda value: visible_controls(vocab.label(key, value), one_line=True)


def sync_url(flt: EventFilter, options: ViewOptions) -> None:
    """Rewrite the URL from the current filter and view, only when it changed."""
    target = to_query_params(flt, options)
    if url_params() != target:
        st.query_params.from_dict(target)
