"""A realistic, seeded ACLED Syria export for tests and the import benchmark (synthetic rows).

The actor strings are the ones ACLED writes for Syria (collected from public tools that
handle ACLED exports; see data/README.md), the places are Deir ez-Zor's towns and
villages with ACLED's admin1-3 names and coordinates, the years 2017-2024, time
precisions 1-3, notes that span several lines, fatalities and timestamps.  Each row's
``expected_sides`` (not an ACLED column; dropped before writing) records the sides its
two actors belong to, so a test can measure how many rows keep their side.

    python benchmarks/acled_realistic.py --rows 20000 --out acled_syria.csv
"""
from __future__ import annotations

import argparse
import csv
import io
import random
from datetime import date, timedelta

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")

# (ACLED actor string, side or sides) -- Russia's and Iran's camps first.
RUSSIA = ["Military Forces of Russia (2000-)", "Military Forces of Russia (2000-) Air Force",
          "Military Forces of Russia (2000-) Military Police", "Wagner Group", "Liwa al Quds",
          "Military Forces of Syria (2000-) 5th Assault Corps"]
IRAN = ["Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps",
        "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps - Quds Force",
        "Militia (Pro-Iran)", "Hezbollah", "Liwa Fatemiyoun", "Liwa Zainebiyoun",
        "Harakat Hezbollah al Nujaba", "Asaib Ahl al Haq", "Kataib Hezbollah",
        "Kataib Sayyid al Shuhada", "Liwa al Baqir"]
EITHER = ["Allied Syrian and/or Russian Forces"]
OTHERS = ["Military Forces of Syria (2000-)", "Military Forces of Syria (2000-) 4th Armored Division",
          "NDF: National Defence Forces", "QSD: Syrian Democratic Forces", "Deir-ez-Zor Military Council",
          "Global Coalition Against Daesh", "Military Forces of the United States (2017-2021)",
          "Islamic State (Syria)", "Military Forces of Israel (2009-2021)", "Unidentified Military Forces",
          "Unidentified Armed Group (Syria)", "Civilians (Syria)", "Al Shaitat Tribal Militia (Syria)"]
COALITION = {"Global Coalition Against Daesh", "Military Forces of the United States (2017-2021)"}

# (location, admin2, admin3, latitude, longitude) as ACLED writes them.
PLACES = [
    ("Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor", 35.336, 40.141),
    ("Al Mayadin", "Al Mayadin", "Al Mayadin", 35.020, 40.452),
    ("Abu Kamal", "Abu Kamal", "Abu Kamal", 34.453, 40.918),
    ("Al Quriyeh", "Al Mayadin", "Al Mayadin", 35.003, 40.512),
    ("Al Hri", "Abu Kamal", "Abu Kamal", 34.430, 40.970),
    ("Hajin", "Abu Kamal", "Hajin", 34.690, 40.830),
    ("Khasham", "Deir-ez-Zor", "Khasham", 35.299, 40.293),
    ("Al Ashara", "Al Mayadin", "Ashara", 34.920, 40.560),
    ("Muhasan", "Deir-ez-Zor", "Muhasan", 35.230, 40.350),
    ("Al Bulil", "Deir-ez-Zor", "Muhasan", 35.180, 40.380),
    ("Diban", "Al Mayadin", "Thiban", 35.010, 40.540),
    ("Al Busayrah", "Deir-ez-Zor", "Basira", 35.160, 40.430),
    ("Al Jalaa", "Abu Kamal", "Jalaa", 34.560, 40.840),
    ("As Susah", "Abu Kamal", "Susat", 34.520, 40.900),
    ("Al Shula", "Deir-ez-Zor", "Deir-ez-Zor", 35.090, 40.080),
    ("Tabni", "Deir-ez-Zor", "Tabni", 35.580, 39.820),
]
TYPES = [  # (disorder_type, event_type, sub_event_type, weight)
    ("Strategic developments", "Strategic developments", "Headquarters or base established", 3),
    ("Strategic developments", "Strategic developments", "Non-violent transfer of territory", 2),
    ("Strategic developments", "Strategic developments", "Change to group/activity", 3),
    ("Strategic developments", "Strategic developments", "Arrests", 1),
    ("Political violence", "Battles", "Armed clash", 4),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike", 3),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", 2),
    ("Political violence", "Violence against civilians", "Attack", 2),
]
SOURCES = ["Deir Ezzor 24", "SOHR", "Euphrates Post", "Sada Al Sharqiya", "Enab Baladi",
           "Deir Ezzor 24; SOHR"]


def side_of(name: str) -> str:
    if name in RUSSIA:
        return "russia"
    if name in IRAN:
        return "iran"
    if name in EITHER:
        return "syrian_government|russia"
    return "us_coalition" if name in COALITION else "other"


def rows(n: int, seed: int = 2026):
    """``n`` ACLED rows (dicts with COLUMNS plus ``expected_sides``), reproducible."""
    rng = random.Random(seed)
    start = date(2017, 1, 1)
    span = (date(2024, 12, 31) - start).days
    weights = [t[3] for t in TYPES]
    for i in range(n):
        disorder, event_type, sub_type, _ = rng.choices(TYPES, weights)[0]
        pool = rng.random()
        actor1 = rng.choice(RUSSIA if pool < 0.3 else IRAN if pool < 0.65 else EITHER if pool < 0.7 else OTHERS)
        actor2 = rng.choice(IRAN + RUSSIA + OTHERS) if event_type != "Strategic developments" else (
            rng.choice(OTHERS) if rng.random() < 0.3 else "")
        day = start + timedelta(days=rng.randrange(span))
        precision = rng.choices((1, 2, 3), (70, 20, 10))[0]
        location, admin2, admin3, lat, lon = rng.choice(PLACES)
        fatalities = rng.choice((0, 0, 0, 1, 2, 3, 5, 12)) if disorder == "Political violence" else 0
        notes = (f"On {day:%d %B %Y}, {actor1} forces were reported in {location} ({admin2}).\n"
                 f"Sources said the {sub_type.lower()} involved {actor2 or 'no second party'}."
                 + ("\n[size=no report]" if rng.random() < 0.2 else ""))
        yield {
            "event_id_cnty": f"SYR{100000 + i}", "event_date": f"{day:%d %B %Y}", "year": str(day.year),
            "time_precision": str(precision), "disorder_type": disorder, "event_type": event_type,
            "sub_event_type": sub_type, "actor1": actor1, "assoc_actor_1": "", "inter1": "1",
            "actor2": actor2, "assoc_actor_2": "", "inter2": "2" if actor2 else "", "interaction": "12",
            "civilian_targeting": "", "iso": "760", "region": "Middle East", "country": "Syria",
            "admin1": "Deir ez Zor", "admin2": admin2, "admin3": admin3, "location": location,
            "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}", "geo_precision": str(rng.choice((1, 1, 2, 3))),
            "source": rng.choice(SOURCES), "source_scale": "Subnational", "notes": notes,
            "fatalities": str(fatalities), "tags": "", "timestamp": str(1600000000 + i),
            "expected_sides": sorted({side_of(actor1)} | ({side_of(actor2)} if actor2 else set())),
        }


def to_csv(records, *, date_style=None) -> str:
    """The rows as ACLED CSV text; ``date_style="mdy"`` writes event_date as a US Excel would."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in records:
        if date_style == "mdy":
            d = date(*map(int, _iso(row["event_date"]).split("-")))
            row = dict(row, event_date=f"{d.month}/{d.day}/{d.year}")
        writer.writerow(row)
    return out.getvalue()


def _iso(text: str) -> str:
    from datetime import datetime
    return datetime.strptime(text, "%d %B %Y").date().isoformat()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        handle.write(to_csv(rows(args.rows, args.seed)))
    print(f"wrote {args.rows:,} synthetic ACLED rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
