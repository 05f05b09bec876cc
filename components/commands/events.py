"""Command line for events tables:

    python -m components.events validate [--data PATH]
    python -m components.events --json [--data PATH] [--town NAME ...] [--side SIDE ...] ...
    python -m components.events convert [--data PATH] --out FILE.parquet
    python -m components.events presence [--json] [--data PATH] [filters]

``--data PATH`` means the same here as in the app and ``dashboard.export``: a curated
directory like ``data/`` (the default), an importer's output directory, or an events
``.csv`` / ``.parquet`` file.

``validate`` prints one summary line and exits 0 when the data is clean, else prints
every problem (one per line, ``file:line:column: message``) and exits 1.
``--json`` prints one JSON object per event per line (dates ISO ``YYYY-MM-DD``, null for
a missing number) for the events the filters keep.  The filter options are the app's URL
keys with the same meaning (``--town Boukamal`` is Albu Kamal with the places within it,
``--scope exact`` only the town; ``--known-by 2020-06-30`` only events of articles
certainly published by then, ``--known-mode possibly`` possibly published by then;
``--lag 14`` dates undated reports up to 14 days before publication); an unknown or
invalid value exits 2 naming it.
``convert`` writes the events table as Parquet for large-set use.
``presence`` prints who was where, when: one presence episode per line (with ``--json`` one
object with ``place``, ``side``, ``start_earliest``, ``start_latest``, ``end_earliest``,
``end_latest`` (empty: open at the end of the data), ``evidence`` (event ids) and ``rule``),
inferred from the events the filters keep by the rules in ``presence_rules.csv``.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from components.text import terminal_text
from components.events.loader import DEFAULT_DATA_DIR, load_dataset
from components.events.model import EventDataError, data_problems
from components.io.paths import is_curated, path_problem
from components.query.fields import CHOICE_KEYS, FILTER_FIELDS, KNOWN_BY_KEY, LAG_KEY

if TYPE_CHECKING:
    import pandas as pd

# ``validate`` and an unfiltered ``--json`` on a data directory need only the loader: pandas,
# Arrow and the query engine (~0.5 s to import) are imported by the paths that build the
# events table.

# JSON key -> frame column; order is the output order.
JSON_FIELDS = {
    "event_id": "event_id", "article_id": "source_id", "article_file": "source_file",
    "title": "title", "outlet": "outlet", "published_earliest": "published_earliest",
    "published_latest": "published_latest", "quote": "quote", "date_text": "date_text",
    "anchor": "anchor_ref", "anchor_earliest": "anchor_earliest", "anchor_latest": "anchor_latest",
    "earliest": "earliest", "latest": "latest", "start": "start", "end": "end",
    "granularity": "granularity", "mod": "mod", "precision": "precision", "timex": "timex",
    "rule": "rule", "explanation": "explanation", "date_source": "date_source",
    "override_reason": "override_reason", "override_source": "override_source", "actors": "actors", "sides": "sides", "towns": "towns",
    "town": "town", "lat": "lat", "lon": "lon", "event_type": "event_type", "status": "status",
    "favours": "favours", "same_as": "same_as", "summary": "summary",
    "possible_sides": "possible_sides", "fatalities": "fatalities", "admin1": "admin1",
    "admin2": "admin2", "admin3": "admin3", "actor1": "actor1", "actor2": "actor2",
    "source_event_type": "source_event_type", "source_sub_event_type": "source_sub_event_type",
}
FILTER_KEYS = [f.key for f in FILTER_FIELDS] + ["start", "end", *CHOICE_KEYS, KNOWN_BY_KEY, LAG_KEY]


def _value(value):
    if isinstance(value, datetime):      # a pandas Timestamp; NaT is one too, unequal to itself
        return value.date().isoformat() if value == value else None
    if isinstance(value, date):          # a loader record's day
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _json_object(values) -> dict:
    """The JSON object of one event from its ``JSON_FIELDS`` column values, in that order."""
    return {key: _value(value) for key, value in zip(JSON_FIELDS, values)}


def event_objects(frame: "pd.DataFrame"):
    """One JSON-ready dict per row (ISO dates, null for a missing number)."""
    for row in frame[list(JSON_FIELDS.values())].itertuples(index=False, name=None):
        yield _json_object(row)


def record_objects(dataset):
    """``event_objects`` of a curated dataset's whole table, read from the loader's records
    instead of the pandas frame: what ``--json`` without a filter prints, without importing
    pandas (~0.4 s of the command).  A test pins the two to the same objects."""
    from components.events.frame import event_record
    for event in dataset.events:
        record = event_record(event, dataset)
        yield _json_object(record[column] for column in JSON_FIELDS.values())


def _print_objects(objects) -> int:
    try:
        for obj in objects:
            print(json.dumps(obj, ensure_ascii=False))
        sys.stdout.flush()
    except BrokenPipeError:  # `... --json | head`: the reader left, which is fine
        sys.stdout = open(os.devnull, "w")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components.events", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=["validate", "convert", "presence"],
                        help="validate: check every file and print a one-line summary; "
                             "convert: write the events table to --out as Parquet; "
                             "presence: who was where, when (episodes per place and side)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per event per line")
    parser.add_argument("--data", default=str(DEFAULT_DATA_DIR), metavar="PATH",
                        help="curated data directory (default: the bundled data/), import directory, "
                             "or events .csv/.parquet")
    parser.add_argument("--out", metavar="FILE.parquet", help="with convert: the Parquet file to write")
    for key in FILTER_KEYS:
        parser.add_argument(f"--{key.replace('_', '-')}", dest=f"f_{key}", action="append", metavar="VALUE",
                            help=f"as the URL key '{key}' (repeatable, comma-separated)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.json and args.command is None:
        parser.print_usage(sys.stderr)
        print("error: give 'validate', 'convert' or '--json'", file=sys.stderr)
        return 2
    if args.command == "convert" and not args.out:
        parser.print_usage(sys.stderr)
        print("error: convert needs --out FILE.parquet", file=sys.stderr)
        return 2
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")
    params = {key: getattr(args, f"f_{key}") for key in FILTER_KEYS if getattr(args, f"f_{key}")}
    whole_table = args.json and args.command is None and not params
    loader_only = whole_table or (args.command == "validate" and not args.json)
    if loader_only and _is_data_directory(args.data):
        try:                                   # the loader checks everything the table holds
            dataset = load_dataset(args.data)
        except (EventDataError, ValueError, OSError) as err:
            return _report_problems(err, args)
        if whole_table:
            return _print_objects(record_objects(dataset))
        print(f"ok: {dataset.summary()}")
        return 0
    from components.io.store import use_system_allocator, write_events
    from components.query.datasource import load_view_data
    from components.query.filter import selected_places
    from components.views.urlstate import parse_query_params, vocabulary_from_frame
    use_system_allocator()
    try:
        data = load_view_data(args.data)
    except (EventDataError, ValueError, OSError) as err:
        return _report_problems(err, args)
    if args.command == "convert":
        try:
            out = write_events(data.frame, args.out)
        except (ValueError, OSError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"wrote {len(data.frame):,} events to {out} ({out.stat().st_size:,} bytes)")
        return 0
    if not args.json and args.command != "presence":
        print(f"ok: {data.summary}")
        return 0
    vocab = vocabulary_from_frame(data.frame, actor_aliases=data.actor_aliases,
                                  town_aliases=data.town_aliases)
    parsed = parse_query_params(params, vocab)
    if parsed.warnings:
        for warning in parsed.warnings:
            print(terminal_text(f"error: {warning}"), file=sys.stderr)
        return 2
    from components.query.run import filter_events   # the query engine, only when filtering
    shown = filter_events(data.frame, parsed.filter)
    if args.command == "presence":
        return _print_presence(shown, args, selected_places(parsed.filter, data.town_parents))
    return _print_objects(event_objects(shown))


def _is_data_directory(data: str) -> bool:
    """A curated data directory (``validate`` reads it with the loader alone)."""
    path = Path(data)
    return path_problem(path) is None and is_curated(path)


def _report_problems(err: Exception, args) -> int:
    """Every problem of a failed load, one per line; exit 1 for bad data, 2 for a bad path."""
    out = sys.stderr if args.json or args.command == "convert" else sys.stdout
    problems = data_problems(err)
    for problem in problems:
        print(terminal_text(problem), file=out)
    print(f"{len(problems)} problem(s) in {args.data}", file=sys.stderr)
    return 1 if isinstance(err, EventDataError) else 2


def _print_presence(shown: "pd.DataFrame", args, places) -> int:
    from components.events.presence import load_presence_rules, presence_episodes
    rules_dir = args.data if os.path.isdir(args.data) else None
    try:
        rules = load_presence_rules(rules_dir)
    except EventDataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    try:
        for episode in presence_episodes(shown, rules, places=places):
            obj = episode.as_json()
            if args.json:
                print(json.dumps(obj, ensure_ascii=False))
            else:
                end = f"{obj['end_earliest']}..{obj['end_latest']}" if obj["end_earliest"] else "open"
                print(f"{obj['place']}\t{obj['side_label']}\tstart {obj['start_earliest']}.."
                      f"{obj['start_latest']}\tend {end}\t{', '.join(obj['evidence'])}")
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")
    return 0
