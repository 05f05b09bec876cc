"""The curated event dataset: model, loader with full validation, and the events table.

>>> from components.events import load_dataset, events_to_frame
>>> frame = events_to_frame(load_dataset())          # the bundled data/

Command line (stable): ``python -m components.events validate [--data DIR]`` and
``python -m components.events --json [--data DIR]``.
"""
from .frame import event_record, events_to_frame, load_events_frame
from .loader import DEFAULT_DATA_DIR, load_dataset
from .model import (Actor, Article, Dataset, DateSource, Event, EventDataError, EventType,
                    Favours, LocationPrecision, Problem, Side, Status, Town)

__all__ = [
    "DEFAULT_DATA_DIR", "Actor", "Article", "Dataset", "DateSource", "Event", "EventDataError",
    "EventType", "Favours", "LocationPrecision", "Problem", "Side", "Status", "Town",
    "event_record", "events_to_frame", "load_dataset", "load_events_frame",
]
