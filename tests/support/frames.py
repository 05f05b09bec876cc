"""The one hand-made events frame builder (schema.FRAME_COLUMNS) the tests share.

Two row sets, one builder, distinct ids so an id means one event everywhere:

* ``ROWS`` (e1..e8), for filters, queries and the store -- each row there for an edge:
  inclusive bounds (e1, e2), a long span (e3), several actors and sides (e4), no town and
  no actors (e6), a year-long interval (e8);
* ``FIGURE_ROWS`` (f1..f7), for figures and the URL parser: a day marker (f1), a
  "last week" phrase (f2), a background span (f3), a same_as pair (f4, f5), a modifier
  with its named period (f6: START of 2020), a 2018 event (f7).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from components.events.schema import DATE_COLUMNS, FRAME_COLUMNS, LIST_COLUMNS, blank_row, precision_of

TOWN_POS = {"Albu Kamal": (34.453, 40.919), "Deir ez-Zor": (35.336, 40.141),
            "al-Mayadin": (35.019, 40.452), "": (np.nan, np.nan)}

# event_id, earliest, latest, actors, sides, towns, event_type, status, favours, same_as, outlet
ROWS = [
    ("e1", "2020-06-01", "2020-06-01", ["Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "deployment", "reported", "iran", "", "SouthFront"),
    ("e2", "2020-06-30", "2020-06-30", ["Russian forces"], ["russia"], ["al-Mayadin"],
     "deployment", "reported", "russia", "", "The Syrian Observer"),
    ("e3", "2017-01-01", "2020-07-08", ["IRGC", "Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "presence", "background", "iran", "", "The Syrian Observer"),
    ("e4", "2020-06-20", "2020-06-26", ["Russian forces", "IRGC"], ["russia", "iran"],
     ["Deir ez-Zor", "al-Mayadin"], "clash", "claimed", "neither", "", "Diyaruna"),
    ("e5", "2020-06-25", "2020-07-02", ["Russian forces", "IRGC"], ["russia", "iran"],
     ["Deir ez-Zor"], "clash", "reported", "unclear", "", "SouthFront"),
    ("e6", "2020-01-01", "2020-03-31", [], [], [], "recruitment", "reported", "russia",
     "", "Enab Baladi"),
    ("e7", "2018-10-06", "2018-10-06", ["Russian forces"], ["russia"], ["Albu Kamal"],
     "deployment", "reported", "russia", "", "Enab Baladi"),
    ("e8", "2019-01-01", "2019-12-31", ["5th Corps"], ["russia"], ["Deir ez-Zor"],
     "recruitment", "ongoing", "russia", "", "Enab Baladi"),
]

FIGURE_ROWS = [
    ("f1", "2020-06-03", "2020-06-03", ["Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "deployment", "reported", "iran", "", "SouthFront"),
    ("f2", "2020-06-22", "2020-06-28", ["Russian forces"], ["russia"], ["al-Mayadin"],
     "deployment", "reported", "russia", "", "The Syrian Observer"),
    ("f3", "2017-01-01", "2020-07-08", ["IRGC", "Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "presence", "background", "iran", "", "The Syrian Observer"),
    ("f4", "2020-06-20", "2020-06-30", ["Russian forces", "IRGC"], ["russia", "iran"], ["Deir ez-Zor"],
     "clash", "claimed", "neither", "f5", "Diyaruna"),
    ("f5", "2020-06-25", "2020-07-02", ["Russian forces", "IRGC"], ["russia", "iran"], ["Deir ez-Zor"],
     "clash", "reported", "neither", "", "SouthFront"),
    ("f6", "2020-01-01", "2020-03-31", ["5th Corps"], ["russia"], [],
     "recruitment", "reported", "russia", "", "Enab Baladi"),
    ("f7", "2018-10-06", "2018-10-06", ["Russian forces"], ["russia"], ["Albu Kamal"],
     "deployment", "reported", "russia", "", "Enab Baladi"),
]
assert len({r[0] for r in ROWS + FIGURE_ROWS}) == len(ROWS + FIGURE_ROWS)


def make_events(rows=ROWS, *, published=("2020-07-10", "2020-07-10")) -> pd.DataFrame:
    """The rows as a frame with every FRAME_COLUMNS column in order, dates as datetime64[ns]."""
    records = []
    for eid, lo, hi, actors, sides, towns, etype, status, favours, same_as, outlet in rows:
        town = towns[0] if towns else ""
        lat, lon = TOWN_POS[town]
        width = (pd.Timestamp(hi) - pd.Timestamp(lo)).days + 1
        rec = blank_row()
        rec.update(event_id=eid, source_id="a1", earliest=lo, latest=hi, start=lo, end=hi,
                   published_earliest=published[0], published_latest=published[1],
                   anchor_earliest=published[0], anchor_latest=published[1],
                   actors=list(actors), sides=list(sides), towns=list(towns),
                   actor_scope=list(actors), place_scope=list(towns), town=town, lat=lat, lon=lon,
                   event_type=etype, status=status, favours=favours, same_as=same_as, outlet=outlet,
                   summary=f"Summary of {eid} <b>bold</b>", quote=f"Quote for {eid}",
                   date_text="last week" if eid == "f2" else "", explanation=f"derivation of {eid}",
                   precision=precision_of(width))
        records.append(rec)
    frame = pd.DataFrame(records, columns=list(FRAME_COLUMNS))
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], format="ISO8601").astype("datetime64[ns]")
    for column in LIST_COLUMNS:
        frame[column] = frame[column].astype(object)
    for column in ("lat", "lon", "fatalities"):
        frame[column] = frame[column].astype("float64")
    start_of_2020 = frame["event_id"] == "f6"       # "early 2020": named period 2020, earliest..latest Q1
    frame.loc[start_of_2020, "mod"] = "START"
    frame.loc[start_of_2020, "end"] = pd.Timestamp("2020-12-31")
    return frame


def make_frame() -> pd.DataFrame:
    """The figure set (FIGURE_ROWS), published 2020-07-05..08."""
    return make_events(FIGURE_ROWS, published=("2020-07-05", "2020-07-08"))


def make_big_frame(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` rows repeated/perturbed from the figure set (for the >5000 switch)."""
    base = make_frame()
    rng = np.random.default_rng(seed)
    big = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    shift = pd.to_timedelta(rng.integers(0, 900, n), unit="D")
    big["earliest"] = big["earliest"] + shift
    big["latest"] = big["latest"] + shift
    big["event_id"] = [f"b{i}" for i in range(n)]
    return big
