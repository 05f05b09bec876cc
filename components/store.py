"""Storage for events tables of any size: Parquet (and CSV) per ``schema.FRAME_COLUMNS``.

- ``open_events(path)`` opens a curated data directory (through ``components.events``),
  an events ``.parquet`` file or an events ``.csv`` file, and returns the pandas frame.
  A Parquet file's query columns go straight into the embedded engine from Arrow, so the
  first filter does not convert Python lists back.
- ``write_events(frame, path)`` writes Parquet sorted by ``earliest``: dates as real
  ``date32`` columns, names as dictionary (categorical) columns, lists of names as lists
  of dictionary strings.

Command line::

    python -m components.store convert --data DIR_OR_FILE --out FILE.parquet
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from components import engine
from components.schema import FRAME_COLUMNS, LIST_SEP

# Low-cardinality text columns stored as dictionaries (categoricals) in Parquet.
CATEGORICAL_COLUMNS = ("source_id", "source_file", "title", "outlet", "granularity", "mod",
                       "precision", "rule", "date_source", "town", "event_type", "status",
                       "favours")
REQUIRED_COLUMNS = ("event_id", "earliest", "latest")
_NAMES = pa.dictionary(pa.int32(), pa.string())


class StoreError(ValueError):
    """An events file cannot be read or written as an events table."""


def _arrow_type(column: str, kind: str) -> pa.DataType:
    if kind == "date":
        return pa.date32()
    if kind == "float":
        return pa.float64()
    if kind == "list":
        return pa.list_(_NAMES)
    return _NAMES if column in CATEGORICAL_COLUMNS else pa.string()


STORE_SCHEMA = pa.schema([(c, _arrow_type(c, k)) for c, k in FRAME_COLUMNS.items()])


def frame_to_arrow(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table of ``STORE_SCHEMA``."""
    missing = [c for c in FRAME_COLUMNS if c not in frame.columns]
    if missing:
        raise StoreError(f"events frame lacks column {missing[0]!r} (see components.schema)")
    arrays = []
    for column, kind in FRAME_COLUMNS.items():
        plain = pa.list_(pa.string()) if kind == "list" else STORE_SCHEMA.field(column).type
        if kind == "str":
            plain = pa.string()
        array = engine.column_to_arrow(frame[column], plain)
        arrays.append(array.cast(STORE_SCHEMA.field(column).type))
    return pa.Table.from_arrays(arrays, schema=STORE_SCHEMA)


def _list_column(array: pa.ChunkedArray) -> list:
    """Arrow list<string> -> Python lists (fast path: one slice per row, shared strings)."""
    array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    values = array.values
    if pa.types.is_dictionary(values.type):
        values = values.dictionary.take(values.indices)
    flat = values.to_pylist()
    offsets = array.offsets.to_numpy().tolist()
    valid = array.is_valid().to_numpy(zero_copy_only=False)
    rows = [flat[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    if not valid.all():
        for i in np.flatnonzero(~valid).tolist():
            rows[i] = []
    return rows


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow events table as the pandas frame of ``FRAME_COLUMNS`` (lists as lists).

    Optional columns absent from ``table`` are filled ("" / NaT / [] / NaN); the
    ``REQUIRED_COLUMNS`` must be there.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in table.column_names]
    if missing:
        raise StoreError(f"events table lacks required column {missing[0]!r}")
    n, data = table.num_rows, {}
    for column, kind in FRAME_COLUMNS.items():
        present = column in table.column_names
        array = table[column] if present else None
        if kind == "list":
            data[column] = _list_column(array) if present else [[] for _ in range(n)]
        elif kind == "date":
            values = (array.cast(pa.date32()).to_numpy() if present
                      else np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"))
            data[column] = pd.Series(values, dtype="datetime64[ns]") if n else pd.Series([], dtype="datetime64[ns]")
        elif kind == "float":
            data[column] = array.cast(pa.float64()).to_numpy(zero_copy_only=False) if present else np.full(n, np.nan)
        else:
            text = pc.fill_null(array.cast(pa.string()), "") if present else pa.array([""] * n, pa.string())
            data[column] = pd.Series(text.to_pandas(), dtype="str") if n else pd.Series([], dtype="str")
    frame = pd.DataFrame({c: (v.to_numpy() if isinstance(v, pd.Series) else v)
                          for c, v in data.items()}, columns=list(FRAME_COLUMNS))
    for column, kind in FRAME_COLUMNS.items():
        if kind == "date":
            frame[column] = frame[column].astype("datetime64[ns]")
        elif kind == "str":
            frame[column] = frame[column].astype("str")
    return frame


def write_events(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as Parquet sorted by ``earliest``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = frame_to_arrow(frame)
    table = table.take(pc.sort_indices(table, sort_keys=[("earliest", "ascending"),
                                                         ("event_id", "ascending")]))
    pq.write_table(table, path, row_group_size=128 * 1024, compression="zstd")
    return path


def _read_csv(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise StoreError(f"{path.name}:1:1: events CSV lacks required column {missing[0]!r}")
    arrays = {}
    for column, kind in FRAME_COLUMNS.items():
        if column not in raw.columns:
            continue
        text = raw[column]
        if kind == "list":
            arrays[column] = pa.array([[part.strip() for part in cell.split(LIST_SEP.strip()) if part.strip()]
                                       for cell in text], pa.list_(pa.string()))
        elif kind == "date":
            try:
                values = pd.to_datetime(text.replace("", None), format="ISO8601")
            except (ValueError, TypeError) as err:
                raise StoreError(f"{path.name}: column {column!r}: {err}") from None
            arrays[column] = pa.array(values.to_numpy(dtype="datetime64[D]"), pa.date32())
        elif kind == "float":
            arrays[column] = pa.array(pd.to_numeric(text.replace("", None)).to_numpy(dtype=float))
        else:
            arrays[column] = pa.array(text.tolist(), pa.string())
    return arrow_to_frame(pa.table(arrays))


def read_rows(path: str | Path, positions: np.ndarray) -> pd.DataFrame:
    """Rows ``positions`` (file order) of an events Parquet file, as a frame."""
    table = pq.read_table(path)
    return arrow_to_frame(table.take(pa.array(positions, pa.int64())))


def open_events(path: str | Path) -> pd.DataFrame:
    """The events table at ``path``: a curated data directory, ``.parquet`` or ``.csv``."""
    path = Path(path)
    if path.is_dir():
        from components.events import load_events_frame
        return load_events_frame(path)
    if not path.exists():
        raise StoreError(f"{path}: no such events file or data directory")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix not in (".parquet", ".pq"):
        raise StoreError(f"{path.name}: expected a data directory, .parquet or .csv file")
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as err:
        raise StoreError(f"{path.name}: not a readable Parquet file: {err}") from None
    frame = arrow_to_frame(table)
    stat = path.resolve().stat()
    frame.attrs["engine_key"] = f"parquet:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    if all(c in table.column_names for c in engine.QUERY_COLUMNS):
        query = pa.table({c: table[c].cast(k) for c, k in engine.QUERY_COLUMNS.items()})
        engine.frame_table(frame, arrow=query)
    return frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.store",
                                     description="Events tables as Parquet.")
    sub = parser.add_subparsers(dest="command", required=True)
    convert = sub.add_parser("convert", help="write an events table as Parquet")
    convert.add_argument("--data", required=True,
                         help="curated data directory, events .csv or .parquet")
    convert.add_argument("--out", required=True, help="output .parquet file")
    args = parser.parse_args(argv)
    try:
        frame = open_events(args.data)
        out = write_events(frame, args.out)
    except (StoreError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {len(frame):,} events to {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
