"""A hand-made events frame (schema.FRAME_COLUMNS) for the filter, query and store tests.

Each row is there for an edge: inclusive bounds (e1, e2), a long span (e3), several
actors and sides (e4), no town and no actors (e6), a year-long interval (e8).
"""
from __future__ import annotations

import pandas as pd

from components.events.schema import DATE_COLUMNS, FRAME_COLUMNS, blank_row, precision_of

# event_id, earliest, latest, actors, sides, towns, event_type, status, favours, outlet
ROWS = [
    ("e1", "2020-06-01", "2020-06-01", ["Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "deployment", "reported", "iran", "SouthFront"),
    ("e2", "2020-06-30", "2020-06-30", ["Russian forces"], ["russia"], ["al-Mayadin"],
     "deployment", "reported", "russia", "The Syrian Observer"),
    ("e3", "2017-01-01", "2020-07-08", ["IRGC", "Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "presence", "background", "iran", "The Syrian Observer"),
    ("e4", "2020-06-20", "2020-06-26", ["Russian forces", "IRGC"], ["russia", "iran"],
     ["Deir ez-Zor", "al-Mayadin"], "clash", "claimed", "neither", "Diyaruna"),
    ("e5", "2020-06-25", "2020-07-02", ["Russian forces", "IRGC"], ["russia", "iran"],
     ["Deir ez-Zor"], "clash", "reported", "unclear", "SouthFront"),
    ("e6", "2020-01-01", "2020-03-31", [], [], [], "recruitment", "reported", "russia",
     "Enab Baladi"),
    ("e7", "2018-10-06", "2018-10-06", ["Russian forces"], ["russia"], ["Albu Kamal"],
     "deployment", "reported", "russia", "Enab Baladi"),
    ("e8", "2019-01-01", "2019-12-31", ["5th Corps"], ["russia"], ["Deir ez-Zor"],
     "recruitment", "ongoing", "russia", "Enab Baladi"),
]
assert len({r[0] for r in ROWS}) == len(ROWS)


def make_events(rows=ROWS) -> pd.DataFrame:
    """The rows as a frame with every FRAME_COLUMNS column in order, dates as datetime64[ns]."""
    records = []
    for eid, lo, hi, actors, sides, towns, etype, status, favours, outlet in rows:
        rec = blank_row()
        width = (pd.Timestamp(hi) - pd.Timestamp(lo)).days + 1
        rec.update(event_id=eid, source_id="a1", earliest=lo, latest=hi, start=lo, end=hi,
                   published_earliest="2020-07-10", published_latest="2020-07-10",
                   anchor_earliest="2020-07-10", anchor_latest="2020-07-10",
                   actors=list(actors), sides=list(sides), towns=list(towns),
                   actor_scope=list(actors), place_scope=list(towns),
                   town=towns[0] if towns else "", lat=35.0 if towns else float("nan"),
                   lon=40.0 if towns else float("nan"), event_type=etype, status=status,
                   favours=favours, outlet=outlet, precision=precision_of(width))
        records.append(rec)
    frame = pd.DataFrame(records, columns=list(FRAME_COLUMNS))
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame["lat"] = frame["lat"].astype("float64")
    frame["lon"] = frame["lon"].astype("float64")
    return frame
