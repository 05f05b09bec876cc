"""python -m components.importers {acled|ucdp} FILE.csv --out DIR [--actor-map FILE] [--max-rows N]

Writes DIR/events.csv (the events table), DIR/events.parquet (when the store is
available) and DIR/import_report.json, and prints the human report.  Exit code 0
when every row was accepted, 1 when some were rejected, 2 when the file was refused.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import KINDS, DEFAULT_MAX_ROWS, ImportFileError, import_file
from .files import atomic_write
from .frame import frame_to_csv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.importers", description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="output directory (created if missing)")
    parser.add_argument("--actor-map", type=Path, default=None, help="actor map CSV (default data/actor_map.csv)")
    parser.add_argument("--data-dir", type=Path, default=None, help="registries' data dir (default data/)")
    parser.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS)
    args = parser.parse_args(argv)
    try:
        from .references import load_references
        frame, report = import_file(args.kind, args.file, actor_map=args.actor_map,
                                    refs=load_references(args.data_dir), max_rows=args.max_rows)
    except ImportFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        atomic_write(args.out / "events.csv", lambda tmp: tmp.write_text(frame_to_csv(frame), encoding="utf-8"))
        written = ["events.csv"]
        if _write_parquet(frame, args.out / "events.parquet"):
            written.append("events.parquet")
        atomic_write(args.out / "import_report.json",
                      lambda tmp: tmp.write_text(report.to_json() + "\n", encoding="utf-8"))
        written.append("import_report.json")
    except OSError as err:
        print(f"error: could not write the results to {args.out}: {err}", file=sys.stderr)
        return 2
    print(report.text())
    print(f"  wrote: {', '.join(str(args.out / name) for name in written)}")
    return 0 if not report.rejected else 1


def _write_parquet(frame, path: Path) -> bool:
    """Parquet through the store's writer when that module is available.  If it fails, an older
    events.parquet is removed (it would disagree with the new events.csv) and the reason printed."""
    try:
        from components.io.store import write_events
    except ImportError:
        return False
    try:
        atomic_write(path, lambda tmp: write_events(frame, tmp))
    except Exception as err:  # the CSV is complete; say why Parquet is missing
        path.unlink(missing_ok=True)
        print(f"warning: {path.name} not written: {type(err).__name__}: {err}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
