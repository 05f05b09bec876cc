"""A small synthetic events frame (schema.FRAME_COLUMNS) for figure and viewstate tests."""
from __future__ import annotations

import numpy as np
import pandas as pd

from components.events.schema import DATE_COLUMNS, FRAME_COLUMNS, LIST_COLUMNS, blank_row

TOWN_POS = {"Albu Kamal": (34.453, 40.919), "Deir ez-Zor": (35.336, 40.141),
            "al-Mayadin": (35.019, 40.452), "": (np.nan, np.nan)}

# event_id, earliest, latest, actors, sides, towns, type, status, favours, same_as, outlet
ROWS = [
    ("e1", "2020-06-03", "2020-06-03", ["Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "deployment", "reported", "iran", "", "SouthFront"),
    ("e2", "2020-06-22", "2020-06-28", ["Russian forces"], ["russia"], ["al-Mayadin"],
     "deployment", "reported", "russia", "", "The Syrian Observer"),
    ("e3", "2017-01-01", "2020-07-08", ["IRGC", "Liwa Fatemiyoun"], ["iran"], ["Albu Kamal"],
     "presence", "background", "iran", "", "The Syrian Observer"),
    ("e4", "2020-06-20", "2020-06-30", ["Russian forces", "IRGC"], ["russia", "iran"], ["Deir ez-Zor"],
     "clash", "claimed", "neither", "e5", "Diyaruna"),
    ("e5", "2020-06-25", "2020-07-02", ["Russian forces", "IRGC"], ["russia", "iran"], ["Deir ez-Zor"],
     "clash", "reported", "neither", "", "SouthFront"),
    ("e6", "2020-01-01", "2020-03-31", ["5th Corps"], ["russia"], [],
     "recruitment", "reported", "russia", "", "Enab Baladi"),
    ("e7", "2018-10-06", "2018-10-06", ["Russian forces"], ["russia"], ["Albu Kamal"],
     "deployment", "reported", "russia", "", "Enab Baladi"),
]


def make_frame(rows=ROWS) -> pd.DataFrame:
    """The synthetic rows as a frame with every FRAME_COLUMNS column, dates as datetime64."""
    records = []
    for eid, lo, hi, actors, sides, towns, etype, status, favours, same_as, outlet in rows:
        town = towns[0] if towns else ""
        lat, lon = TOWN_POS[town]
        rec = blank_row()
        rec.update(actor_scope=list(actors), place_scope=list(towns))
        rec.update(event_id=eid, earliest=lo, latest=hi, start=lo, end=hi, actors=actors,
                   sides=sides, towns=towns, town=town, lat=lat, lon=lon, event_type=etype,
                   status=status, favours=favours, same_as=same_as, outlet=outlet,
                   summary=f"Summary of {eid} <b>bold</b>", quote=f"Quote for {eid}",
                   date_text="last week" if eid == "e2" else "",
                   explanation=f"derivation of {eid}", precision="day" if lo == hi else "week",
                   published_earliest="2020-07-05", published_latest="2020-07-08",
                   anchor_earliest="2020-07-05", anchor_latest="2020-07-08")
        records.append(rec)
    frame = pd.DataFrame(records, columns=list(FRAME_COLUMNS))
    for col in DATE_COLUMNS:
        frame[col] = pd.to_datetime(frame[col], format="ISO8601")
    for col in LIST_COLUMNS:
        frame[col] = frame[col].astype(object)
    frame.loc[frame["event_id"] == "e6", "mod"] = "START"
    frame.loc[frame["event_id"] == "e6", "end"] = pd.Timestamp("2020-12-31")
    return frame


def make_big_frame(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` rows repeated/perturbed from the synthetic ones (for the >5000 switch)."""
    base = make_frame()
    rng = np.random.default_rng(seed)
    big = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    shift = pd.to_timedelta(rng.integers(0, 900, n), unit="D")
    big["earliest"] = big["earliest"] + shift
    big["latest"] = big["latest"] + shift
    big["event_id"] = [f"b{i}" for i in range(n)]
    return big
