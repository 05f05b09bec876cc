"""The filter fields and view choices: one table each, read by every layer.

A filter field is named once here with its URL key (also the sidebar widget's key and
the command-line option ``--KEY``), the ``EventFilter`` attribute, the events-table
column it matches and its human labels.  Adding a filter means adding a row here (and
the attribute on ``EventFilter``); the URL parser, the caption, the query, the sidebar
and the command lines follow.

>>> FIELD_BY_KEY["town"].column, FIELD_BY_KEY["town"].label
('towns', 'Town')
"""
from __future__ import annotations

from dataclasses import dataclass

from components.events.lag import DEFAULT_LAG_DAYS, MAX_LAG_DAYS
from components.events.schema import PRECISIONS


@dataclass(frozen=True, slots=True)
class FilterField:
    key: str            # URL key, widget key, CLI option (--key)
    attr: str           # EventFilter attribute
    column: str         # events-table column matched
    is_list: bool       # the column holds a list of names (any one may match)
    label: str          # caption and widget label, one value
    plural: str         # caption label, several values
    widget: str         # sidebar label
    scope_column: str = ""   # the column of names plus everything they are inside / under
    scope_words: str = ""    # how the caption says so ("and places within it")


# Caption order: where, who, what.
FILTER_FIELDS: tuple[FilterField, ...] = (
    FilterField("town", "towns", "towns", True, "Town", "Towns", "Town",
                "place_scope", "and places within"),
    FilterField("side", "sides", "sides", True, "Side", "Sides", "Side"),
    FilterField("actor", "actors", "actors", True, "Actor", "Actors", "Actor",
                "actor_scope", "and groups under"),
    FilterField("type", "types", "event_type", False, "Type", "Types", "Event type"),
    FilterField("status", "statuses", "status", False, "Status", "Statuses", "Status"),
    FilterField("source", "sources", "outlet", False, "Source", "Sources", "Source outlet"),
    FilterField("precision", "precisions", "precision", False, "Precision", "Precisions",
                "Date precision"),
)
FIELD_BY_KEY = {f.key: f for f in FILTER_FIELDS}

DATE_MODES = ("overlap", "within")
# How a town or actor filter reads a name: with everything inside / under it, or exactly.
SCOPES = ("inside", "exact")
SCOPE_LABELS = {"inside": "with places and groups inside", "exact": "exactly the names picked"}
DATE_MODE_LABELS = {"overlap": "overlaps the range", "within": "certainly within"}
DATE_KEYS = ("start", "end", "date_mode")
# Knowledge time: only events whose article was published by a day.  "certainly" reads the
# latest publication day, "possibly" the earliest (rows from datasets: their own dates).
KNOWN_BY_KEY = "known_by"
KNOWN_MODES = ("certainly", "possibly")
KNOWN_MODE_LABELS = {"certainly": "certainly published by then", "possibly": "possibly published by then"}
CHOICE_KEYS = {"date_mode": DATE_MODES, "scope": SCOPES,   # single-valued filter settings
               "known_mode": KNOWN_MODES}
# The reporting lag of undated reports, in whole days (components.events.lag).
LAG_KEY = "lag"
LAG_LIMITS = (0, MAX_LAG_DAYS)
DEFAULT_LAG = DEFAULT_LAG_DAYS
SETTING_LABELS = {KNOWN_BY_KEY: "Known by (publication day)", "known_mode": "Known by means",
                  LAG_KEY: "Reporting lag of undated reports (days)"}

# Fixed vocabularies of name fields (the others come from the data).
FIXED_CHOICES = {"precision": PRECISIONS}

# Balance chart: periods and counting rules (the text is stamped on the chart).
BALANCE_PERIODS = ("month", "week", "quarter")
BALANCE_RULES: dict[str, str] = {
    "count": "bars: events certainly inside the period; light extension: events possibly inside it",
    "spread": "each event spread evenly over its date interval (share of its days per period)",
    "start": "each event counted in the period of its earliest possible day",
    "end": "each event counted in the period of its latest possible day",
    "midpoint": "each event counted in the period of the middle of its date interval",
}

# View options: URL key -> allowed values (the first is the default), and sidebar labels.
VIEW_CHOICES: dict[str, tuple[str, ...]] = {
    "swimlane": ("actor", "side", "town"),
    "colour": ("side", "type"),
    "period": BALANCE_PERIODS,
    "rule": tuple(BALANCE_RULES),
    "panel": ("presence", "map", "balance", "table"),   # the tab open below the timeline
}
VIEW_LABELS = {"swimlane": "Timeline rows", "colour": "Colour by",
               "period": "Balance period", "rule": "Balance counting rule",
               "panel": "View below the timeline"}
# The tabs below the timeline (URL key ``panel``): value -> tab label.
# The provenance table is a tab too: only the open tab is built, and the table's grid is the
# heaviest thing a browser draws after the charts (measured: page -> first chart).
PANEL_LABELS = {"presence": "Who was where, when", "map": "Map", "balance": "Russia vs Iran over time",
                "table": "Events and provenance"}
SIDEBAR_VIEW_CHOICES = ("swimlane", "colour", "period", "rule")

URL_KEYS = (frozenset(FIELD_BY_KEY) | frozenset(DATE_KEYS) | frozenset(CHOICE_KEYS)
            | frozenset(VIEW_CHOICES) | {KNOWN_BY_KEY, LAG_KEY})
