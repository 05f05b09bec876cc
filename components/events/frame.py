"""The loaded dataset as the shared events table (``components.events.schema.FRAME_COLUMNS``)."""
from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from components.events.schema import DATE_COLUMNS, FRAME_COLUMNS, precision_of

from .hierarchy import scope
from .lag import DEFAULT_LAG_DAYS, LAG_ATTR, LAG_RULE
from .model import Dataset, Event

if TYPE_CHECKING:
    import pandas as pd


def event_record(event: Event, dataset: Dataset) -> dict:
    """One event as a dict keyed by FRAME_COLUMNS (dates as ``datetime.date``)."""
    article = dataset.articles[event.article_id]
    town = dataset.towns.get(event.towns[0]) if event.towns else None
    return {
        "event_id": event.event_id,
        "source_id": event.article_id,
        "source_file": article.file,
        "title": article.title,
        "outlet": article.outlet,
        "relays": "; ".join(article.relays),
        "url": article.url,
        "published_earliest": article.published_earliest,
        "published_latest": article.published_latest,
        "quote": event.quote,
        "date_text": event.date_text,
        "anchor_ref": event.anchor_ref,
        "anchor_earliest": event.anchor_earliest,
        "anchor_latest": event.anchor_latest,
        "start": event.start,
        "end": event.end,
        "earliest": event.earliest,
        "latest": event.latest,
        "granularity": event.granularity,
        "mod": event.mod,
        "precision": precision_of((event.latest - event.earliest).days + 1),
        "timex": event.timex,
        "rule": event.rule,
        "explanation": event.explanation,
        "date_source": event.date_source.value,
        "override_reason": event.override_reason,
        "override_source": event.override_source,
        "actors": list(event.actors),
        "sides": list(event.sides),
        "towns": list(event.towns),
        "town": town.name if town else "",
        "lat": town.latitude if town else math.nan,
        "lon": town.longitude if town else math.nan,
        "event_type": event.event_type,
        "status": event.status.value,
        "favours": event.favours.value,
        "same_as": event.same_as,
        "summary": event.summary,
        "place_scope": scope(event.towns, dataset.town_parents),
        "actor_scope": scope(event.actors, dataset.actor_parents),
        "possible_sides": [],
        **{column: ([] if kind == "list" else value) for column, (kind, value) in _NOT_FROM_ARTICLES.items()},
    }


# Columns only dataset imports fill: a curated (article) event has none of them.
_NOT_FROM_ARTICLES = {column: (kind, math.nan if kind == "float" else "")
                      for column, kind in FRAME_COLUMNS.items()
                      if column in ("fatalities", "admin1", "admin2", "admin3", "geo_precision",
                                    "disorder_type", "source_event_type", "source_sub_event_type",
                                    "actor1", "actor2", "source_actors", "source_date",
                                    "source_timestamp", "source_record")}


def events_to_frame(dataset: Dataset) -> "pd.DataFrame":
    """One row per event with exactly FRAME_COLUMNS, in that order.

    Date columns are ``datetime64[ns]`` at midnight (inclusive bounds), list columns hold
    Python lists, ``precision`` comes from the width of ``[earliest, latest]``.
    """
    import pandas as pd  # here, so the command line starts without pandas

    frame = pd.DataFrame([event_record(e, dataset) for e in dataset.events],
                         columns=list(FRAME_COLUMNS))
    for column in ("lat", "lon", "fatalities"):
        frame[column] = frame[column].astype("float64")
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    if any(e.rule == LAG_RULE for e in dataset.events):
        frame.attrs[LAG_ATTR] = DEFAULT_LAG_DAYS     # what with_reporting_lag starts from
    return frame


def load_events_frame(data_dir: str | Path | None = None) -> "pd.DataFrame":
    """``events_to_frame(load_dataset(data_dir))``: the call the dashboard caches."""
    from .loader import load_dataset
    return events_to_frame(load_dataset(data_dir))
