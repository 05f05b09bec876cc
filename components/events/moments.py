"""Key moments: the curated ``moments.csv`` (optional) names background events the
timeline marks as labelled context lines (ISIS's loss of Albu Kamal, Soleimani's killing…).

Columns: ``event_id`` (an event of events.csv), ``label`` (what the marker says, at most
``MAX_LABEL`` characters).  A moment is context for every view: the timeline draws it
whatever the filters keep, so an actor's lane is read against the turns of the war.

>>> # moments.csv
>>> # event_id,label
>>> # e000-12,Soleimani killed
"""
from __future__ import annotations

from pathlib import Path

from .records import Problems, read_table

LABEL = "moments.csv"
COLUMNS = ("event_id", "label")
MAX_LABEL = 40


def load_moments(data_dir: Path, event_ids: set[str], problems: Problems) -> dict[str, str]:
    """event_id -> label from ``data_dir/moments.csv``; {} when the file is absent."""
    path = data_dir / LABEL
    if not path.exists():
        return {}
    moments: dict[str, str] = {}
    for rec in read_table(path, COLUMNS, problems):
        event_id, label = rec["event_id"], rec["label"]
        if event_id not in event_ids:
            problems.add(LABEL, rec.line, "event_id", event_id,
                         f"event_id {event_id!r} is not an event of events.csv")
        elif not label or len(label) > MAX_LABEL:
            problems.add(LABEL, rec.line, "label", label,
                         f"label must be 1..{MAX_LABEL} characters, got {len(label)}: {label!r}")
        elif event_id in moments:
            problems.add(LABEL, rec.line, "event_id", event_id, f"event_id {event_id!r} listed twice")
        else:
            moments[event_id] = label
    return moments
