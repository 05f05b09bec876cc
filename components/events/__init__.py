"""The curated event dataset: model, loader with full validation, and the events table.

>>> from components.events import load_dataset, events_to_frame
>>> frame = events_to_frame(load_dataset())          # the bundled data/

The frame functions import pandas on first use (``validate`` on a data directory never
needs them). Command line (stable): ``python -m components.events validate [--data DIR]`` and
``python -m components.events --json [--data DIR]``.
"""
from .loader import DEFAULT_DATA_DIR, load_dataset
from .model import (Actor, Article, Dataset, DateSource, Event, EventDataError, EventType,
                    Favours, LocationPrecision, Problem, Side, Status, Town)

__all__ = [
    "DEFAULT_DATA_DIR", "Actor", "Article", "Dataset", "DateSource", "Event", "EventDataError",
    "EventType", "Favours", "LocationPrecision", "Problem", "Side", "Status", "Town",
    "event_record", "events_to_frame", "load_dataset", "load_events_frame",
]

_FRAME_FUNCTIONS = ("event_record", "events_to_frame", "load_events_frame")


def __getattr__(name: str):
    """The frame functions, imported (with pandas) on first use."""
    if name in _FRAME_FUNCTIONS:
        from . import frame
        return getattr(frame, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
