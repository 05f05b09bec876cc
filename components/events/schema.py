"""The events table: the one tabular shape every part of the product agrees on.

The curated CSV model (articles, actors, towns, events with date phrases) is
loaded and resolved by ``components.events`` into this table; importers (ACLED,
UCDP) write it directly; the store keeps it as Parquet for large sets; filters,
figures and exports read it.  One row per event.

List columns hold Python lists of canonical names in memory; in CSV they are
joined with ``LIST_SEP`` ("; ").  Date columns are inclusive calendar days,
``datetime64`` in memory and ISO ``YYYY-MM-DD`` on disk.
"""
from __future__ import annotations

from datetime import date

LIST_SEP = "; "
NO_VALUE = "(none)"     # the lane / legend entry of an event whose list is empty

# column -> kind ("str", "date", "list", "float")
FRAME_COLUMNS: dict[str, str] = {
    "event_id": "str",            # unique id, e.g. "e000-01" or "acled:SYR1234"
    "source_id": "str",           # article_id for curated rows, dataset name for imports
    "source_file": "str",         # article file name or imported file name
    "title": "str",               # article title ("" for imports)
    "outlet": "str",              # publishing outlet or ACLED/UCDP source field
    "relays": "str",              # outlets relayed/cited, "; "-joined text
    "url": "str",
    "published_earliest": "date",  # publication window (NaT for imports)
    "published_latest": "date",
    "quote": "str",               # verbatim source sentence(s) or import notes
    "date_text": "str",           # the date phrase as written ("" = dated by context)
    "anchor_ref": "str",          # "" = publication window; else the anchoring event_id
    "anchor_earliest": "date",    # the anchor actually used
    "anchor_latest": "date",
    "start": "date",              # named period before the modifier
    "end": "date",
    "earliest": "date",           # honest bounds: what the charts plot
    "latest": "date",
    "granularity": "str",         # day|weekend|week|month|quarter|half|season|year|decade|century|span
    "mod": "str",                 # ""|START|MID|END|APPROX|BEFORE|AFTER|ON_OR_AFTER
    "precision": "str",           # day|week|month|year|coarser, from latest-earliest width
    "timex": "str",
    "rule": "str",                # normalizer rule, "publication_window", "override", "acled_precision_2"...
    "explanation": "str",         # one-line derivation: phrase -> anchor -> rule -> interval
    "date_source": "str",         # phrase|publication|anchor_event|override|import
    "override_reason": "str",     # why an analyst's override replaces the phrase's dates
    "override_source": "str",     # the URL or citation that backs the override ("" = none)
    "actors": "list",             # canonical actor names
    "sides": "list",              # sides of those actors, same order, deduplicated
    "towns": "list",              # canonical town names
    "town": "str",                # primary (first) town, "" if none
    "lat": "float",               # of the primary town (NaN if none)
    "lon": "float",
    "event_type": "str",
    "status": "str",              # reported|claimed|background|ongoing|planned|hypothetical
    "favours": "str",             # russia|iran|neither|unclear
    "same_as": "str",             # event_id of another report of the same occurrence
    "summary": "str",
    # Hierarchies, so that a filter selects a place or actor with everything under it:
    "place_scope": "list",        # towns, the places containing them, and the row's admin areas
    "actor_scope": "list",        # actors and the groups they belong to (parents, transitively)
    "possible_sides": "list",     # sides only possibly involved ("Allied Syrian and/or Russian Forces")
    # What dataset users read, kept from imports (empty for curated rows):
    "fatalities": "float",        # reported fatalities (NaN: the source gives none)
    "admin1": "str",              # governorate, district, subdistrict as the source names them
    "admin2": "str",
    "admin3": "str",
    "geo_precision": "str",       # ACLED 1-3 / UCDP where_prec, as written
    "disorder_type": "str",
    "source_event_type": "str",   # ACLED event_type / UCDP type_of_violence
    "source_sub_event_type": "str",
    "actor1": "str",              # the dyad as the source names it
    "actor2": "str",
    "source_actors": "list",      # every actor name as written in the source, in column order
    "source_date": "str",         # the source's own date field, as written
    "source_timestamp": "str",    # ACLED timestamp (which version of an event is newer)
    "source_record": "str",       # the source row as JSON, so an export gives it back unchanged
}

DATE_COLUMNS = tuple(c for c, k in FRAME_COLUMNS.items() if k == "date")
# Days outside this range are row errors in every events table (a typo like 1020 or 2300,
# not a 1020 event; pandas' nanosecond dates end in 1677 and 2262).
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2100, 12, 31)
OUT_OF_RANGE = f"out of range: dates must lie in {DATE_MIN.year}..{DATE_MAX.year}"
LIST_COLUMNS = tuple(c for c, k in FRAME_COLUMNS.items() if k == "list")

# Width of [earliest, latest] in days -> precision label (first bound that fits).
PRECISION_LIMITS: tuple[tuple[str, int], ...] = (
    ("day", 1), ("week", 7), ("month", 31), ("year", 366),
)
PRECISIONS = tuple(p for p, _ in PRECISION_LIMITS) + ("coarser",)


_EMPTY = {"str": "", "date": None, "float": float("nan")}


def blank_row() -> dict:
    """A row with every column at its empty value ("" / None / NaN / a fresh empty list)."""
    row = _BLANK.copy()                  # a copy and seven lists: a third of building it key by key
    for column in LIST_COLUMNS:
        row[column] = []
    return row


_BLANK = {c: (None if k == "list" else _EMPTY[k]) for c, k in FRAME_COLUMNS.items()}


def precision_of(width_days: int) -> str:
    """Precision label for an inclusive interval ``width_days`` long (1 = one day)."""
    for label, limit in PRECISION_LIMITS:
        if width_days <= limit:
            return label
    return "coarser"
