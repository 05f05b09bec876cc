"""python -m components.importers {acled|ucdp} FILE.csv --out DIR [--update] [--date-order dmy|mdy]
[--actor-map FILE] [--favours-rules FILE] [--max-rows N]

Writes DIR/events.csv (the events table), DIR/events.parquet and DIR/import_report.json,
and prints the human report.  ``--update`` merges FILE into the import already in DIR (a
newer download): an event id in both keeps the version with the newer ACLED
``timestamp``, ids only in DIR are kept, so nothing is lost.  Exit code 0 when every row
was accepted, 1 when some were rejected, 2 when the file was refused.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from components.text import terminal_text

from . import KINDS, DEFAULT_MAX_ROWS, ImportFileError, import_file
from .common import collection_paused
from .files import replace_dir
from .frame import write_csv
from .rows import DATE_ORDERS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.importers", description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="output directory (created if missing)")
    parser.add_argument("--actor-map", type=Path, default=None, help="actor map CSV (default data/actor_map.csv)")
    parser.add_argument("--data-dir", type=Path, default=None, help="registries' data dir (default data/)")
    parser.add_argument("--favours-rules", type=Path, default=None,
                        help="favours rule table CSV (default data/favours_rules.csv)")
    parser.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS)
    parser.add_argument("--date-order", choices=DATE_ORDERS, default=None,
                        help="how to read all-numeric dates (7/4/2020) when the file cannot tell")
    parser.add_argument("--update", action="store_true",
                        help="merge into the import already in --out: the newer timestamp wins")
    args = parser.parse_args(argv)
    with collection_paused():       # the whole run: the table's millions of objects are walked by no pass
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        from .references import load_references
        frame, report = import_file(args.kind, args.file, actor_map=args.actor_map,
                                    favours_rules=args.favours_rules, refs=load_references(args.data_dir),
                                    max_rows=args.max_rows, date_order=args.date_order)
        merged = ""
        if args.update:
            frame, merged = _update(args.out, frame)
    except (ImportFileError, ValueError) as err:
        print(terminal_text(f"error: {err}"), file=sys.stderr)
        return 2
    try:
        written = _write_import(args.out, frame, report)
    except OSError as err:
        print(f"error: could not write the results to {args.out}: {err}", file=sys.stderr)
        return 2
    print(report.text())
    if merged:
        print(f"  update: {merged}")
    print(f"  wrote: {', '.join(str(args.out / name) for name in written)}")
    return 0 if not report.rejected else 1


def _write_import(out: Path, frame, report) -> list[str]:
    """events.csv, events.parquet and import_report.json written as one set: into a fresh
    folder that then replaces ``out`` as a whole (files.replace_dir). SIGTERM during the
    write is turned into an exit that removes the unfinished folder."""
    def write(folder: Path) -> list[str]:
        # Parquet is written beside the CSV: Arrow's encoders run without the interpreter lock
        # (a 200,000-row import: both together in the time of the CSV alone, ~1.5 s saved).
        with ThreadPoolExecutor(1, thread_name_prefix="parquet") as pool:
            parquet = pool.submit(_write_parquet, frame, folder / "events.parquet")
            with open(folder / "events.csv", "wb") as handle:
                write_csv(frame, handle)
            written = ["events.csv"] + (["events.parquet"] if parquet.result() else [])
        (folder / "import_report.json").write_text(report.to_json() + "\n", encoding="utf-8")
        return written + ["import_report.json"]

    if threading.current_thread() is not threading.main_thread():
        return replace_dir(out, write)               # signal handlers belong to the main thread
    previous = signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        return replace_dir(out, write)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


def _update(out: Path, new):
    """The import in ``out`` merged with ``new`` by event id (newer ``source_timestamp`` wins;
    equal or missing timestamps keep the new download's version), and a line saying what
    changed."""
    import pandas as pd
    from components.io.store import StoreError, import_table, open_events
    try:
        old = open_events(import_table(out))
    except StoreError as err:
        raise ImportFileError(f"--update: no earlier import to merge into in {out}: {err}") from None
    stamps_old = pd.to_numeric(old.set_index("event_id")["source_timestamp"], errors="coerce")
    stamps_new = pd.to_numeric(new.set_index("event_id")["source_timestamp"], errors="coerce")
    both = new["event_id"][new["event_id"].isin(old["event_id"])]
    older_new = [i for i in both if stamps_new[i] < stamps_old[i]]     # the download is staler
    keep_new = new[~new["event_id"].isin(older_new)]
    keep_old = old[~old["event_id"].isin(keep_new["event_id"])]
    merged = pd.concat([keep_old, keep_new], ignore_index=True)
    merged = merged.sort_values(["earliest", "event_id"], kind="stable", ignore_index=True)
    added = len(new) - len(both)
    return merged, (f"{len(old):,} events before; {len(both) - len(older_new):,} updated, "
                    f"{len(older_new):,} kept (the earlier import was newer), {added:,} added; "
                    f"{len(merged):,} now")


def _write_parquet(frame, path: Path) -> bool:
    """Parquet through the store's writer when that module is available.  If it fails, the set
    has no events.parquet (an older one would disagree with the new events.csv) and the
    reason is printed."""
    try:
        from components.io.store import write_events
    except ImportError:
        return False
    try:
        write_events(frame, path)
    except Exception as err:  # the CSV is complete; say why Parquet is missing
        path.unlink(missing_ok=True)
        print(f"warning: {path.name} not written: {type(err).__name__}: {err}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
