"""Command line: ``python -m components.events validate|--json [--data DIR]``,
``python -m components.events convert [--data DIR_OR_FILE] --out FILE.parquet``.

``validate`` prints one summary line and exits 0 when the data is clean, else
prints every problem (one per line, ``file:line:column: message``) and exits 1.
``--json`` prints one JSON object per event per line (dates ISO ``YYYY-MM-DD``);
on problems it prints them to stderr and exits 1.
``convert`` writes the events table as Parquet for large-set use.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import date

from components.events.frame import event_record
from components.events.loader import DEFAULT_DATA_DIR, load_dataset
from components.events.model import Dataset, Event, EventDataError
from components.io.store import open_events, use_system_allocator, write_events

# JSON key -> key of event_record (the frame row); order is the output order.
JSON_FIELDS = {
    "event_id": "event_id", "article_id": "source_id", "article_file": "source_file",
    "title": "title", "outlet": "outlet", "published_earliest": "published_earliest",
    "published_latest": "published_latest", "quote": "quote", "date_text": "date_text",
    "anchor": "anchor_ref", "anchor_earliest": "anchor_earliest", "anchor_latest": "anchor_latest",
    "earliest": "earliest", "latest": "latest", "start": "start", "end": "end",
    "granularity": "granularity", "mod": "mod", "precision": "precision", "timex": "timex",
    "rule": "rule", "explanation": "explanation", "date_source": "date_source",
    "override_reason": "override_reason", "actors": "actors", "sides": "sides", "towns": "towns",
    "town": "town", "lat": "lat", "lon": "lon", "event_type": "event_type", "status": "status",
    "favours": "favours", "same_as": "same_as", "summary": "summary",
}


def event_json(event: Event, dataset: Dataset) -> dict:
    """One event as a JSON-ready dict (ISO dates, null for a missing coordinate)."""
    record = event_record(event, dataset)
    out = {}
    for key, source in JSON_FIELDS.items():
        value = record[source]
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, float) and math.isnan(value):
            value = None
        out[key] = value
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components.events", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=["validate", "convert"],
                        help="validate: check every file and print a one-line summary; "
                             "convert: write the events table to --out as Parquet")
    parser.add_argument("--json", action="store_true", help="print one JSON object per event per line")
    parser.add_argument("--data", default=str(DEFAULT_DATA_DIR), metavar="DIR",
                        help="data directory (default: the bundled data/); convert also reads "
                             "an events .csv or .parquet")
    parser.add_argument("--out", metavar="FILE.parquet", help="with convert: the Parquet file to write")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.json and args.command is None:
        parser.print_usage(sys.stderr)
        print("error: give 'validate', 'convert' or '--json'", file=sys.stderr)
        return 2
    if args.command == "convert":
        if not args.out:
            parser.print_usage(sys.stderr)
            print("error: convert needs --out FILE.parquet", file=sys.stderr)
            return 2
        use_system_allocator()
        try:
            frame = open_events(args.data)
            out = write_events(frame, args.out)
        except (ValueError, OSError) as err:   # StoreError, EventDataError
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"wrote {len(frame):,} events to {out} ({out.stat().st_size:,} bytes)")
        return 0
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")
    try:
        dataset = load_dataset(args.data)
    except EventDataError as err:
        out = sys.stderr if args.json else sys.stdout
        for problem in err.problems:
            print(problem, file=out)
        print(f"{len(err.problems)} problem(s) in {args.data}", file=sys.stderr)
        return 1
    if args.json:
        try:
            for event in dataset.events:
                print(json.dumps(event_json(event, dataset), ensure_ascii=False))
            sys.stdout.flush()
        except BrokenPipeError:  # `... --json | head`: the reader left, which is fine
            sys.stdout = open(os.devnull, "w")
    else:
        print(f"ok: {dataset.summary()}")
    return 0

