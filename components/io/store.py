"""Storage for events tables of any size: Parquet (and CSV) per ``schema.FRAME_COLUMNS``.

- ``open_events(path)`` opens a curated data directory (through ``components.events``),
  an events ``.parquet`` file or an events ``.csv`` file, and returns the pandas frame.
  A Parquet file's query columns go straight into the embedded engine from Arrow, so the
  first filter does not convert Python lists back.
- ``write_events(frame, path)`` writes Parquet sorted by ``earliest``: dates as real
  ``date32`` columns, names as dictionary (categorical) columns, lists of names as lists
  of dictionary strings.

"""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from components.events.records import CsvSyntaxError, csv_records, duplicates
from components.events.validate import clip
from components.events.schema import FRAME_COLUMNS, LIST_SEP, OUT_OF_RANGE
from components.io.paths import is_curated, path_problem
from components.io.table_checks import date_problem, outside_range, type_problem


def use_system_allocator() -> None:
    """Make Arrow allocate with the C library's malloc for the rest of the process.

    Arrow's default pool (mimalloc) is slow to hand fresh memory to a new process: opening
    a 1M-event file took ~4.8 s with it and ~3.3 s, 200 MB less RSS, with the system
    allocator (measured here, November 2026).  It is a process-wide switch, so only
    programs call it (the app, the command lines, the benchmarks), never an import.
    """
    pa.set_memory_pool(pa.system_memory_pool())


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


def column_to_arrow(series: pd.Series, kind: pa.DataType) -> pa.Array:
    """One frame column as Arrow of the engine's type (lists of names, date32, strings)."""
    if pa.types.is_list(kind):
        values = [v if isinstance(v, list) else (list(v) if v is not None and not
                  (isinstance(v, float) and np.isnan(v)) else None) for v in series.tolist()]
        return pa.array(values, type=kind)
    if pa.types.is_date(kind):
        stamps = pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
        return pa.array(stamps, type=pa.date32())
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return pa.array(series.array).cast(kind)       # already Arrow strings (missing = null): no copy out
    return pa.array(series.astype(object).where(series.notna(), None).tolist(), type=kind)


def frame_to_arrow(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table of ``STORE_SCHEMA``."""
    missing = [c for c in FRAME_COLUMNS if c not in frame.columns]
    if missing:
        raise StoreError(f"events frame lacks column {missing[0]!r} (see components.events.schema)")
    arrays = []
    for column, kind in FRAME_COLUMNS.items():
        plain = pa.list_(pa.string()) if kind == "list" else STORE_SCHEMA.field(column).type
        if kind == "str":
            plain = pa.string()
        array = column_to_arrow(frame[column], plain)
        arrays.append(array.cast(STORE_SCHEMA.field(column).type))
    return pa.Table.from_arrays(arrays, schema=STORE_SCHEMA)


def _list_column(array: pa.ChunkedArray) -> np.ndarray:
    """Arrow list<string> -> object array of Python lists (null -> []).

    Rows with the same names share one list object (conflict data repeats a few hundred
    combinations millions of times): 20x faster and far smaller than a list per row.
    Treat the lists as immutable.
    """
    array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    array = pc.fill_null(array, pa.scalar([], array.type))
    values = array.flatten()
    if not pa.types.is_dictionary(values.type):
        values = values.dictionary_encode()
    names = values.dictionary.to_pylist()
    codes = values.indices.to_numpy(zero_copy_only=False).astype(np.int64) + 1  # 0 = padding
    offsets = array.offsets.to_numpy().astype(np.int64)
    offsets = offsets - offsets[0]
    lengths = np.diff(offsets)
    bits = max(int(len(names) + 1).bit_length(), 1)
    longest = int(lengths.max()) if len(lengths) else 0
    out = np.empty(len(lengths), dtype=object)
    if longest * bits > 62:   # too long to pack into one int64 key: one slice per row
        flat = [names[c - 1] for c in codes.tolist()]
        out[:] = [flat[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
        return out
    keys = np.zeros(len(lengths), dtype=np.int64)
    for position in range(longest):
        has = lengths > position
        keys[has] |= codes[offsets[:-1][has] + position] << (bits * position)
    inverse, unique = pd.factorize(keys)          # hashing: ~5x quicker than np.unique's sort
    lists = np.empty(len(unique), dtype=object)
    for i, key in enumerate(unique.tolist()):
        row = []
        while key:
            row.append(names[(key & ((1 << bits) - 1)) - 1])
            key >>= bits
        lists[i] = row
    out[:] = lists[inverse]
    return out


def _scalar_column(table: pa.Table, column: str, kind: str) -> pa.ChunkedArray:
    n = table.num_rows
    if kind == "date":
        array = table[column].cast(pa.date32()) if column in table.column_names else pa.nulls(n, pa.date32())
        return pc.cast(pc.cast(array, pa.timestamp("s")), pa.timestamp("ns"))
    if kind == "float":
        return table[column].cast(pa.float64()) if column in table.column_names else pa.nulls(n, pa.float64())
    if column not in table.column_names:
        return pa.nulls(n, pa.string()).fill_null("")
    return pc.fill_null(table[column].cast(pa.string()), "")


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow events table as the pandas frame of ``FRAME_COLUMNS`` (lists as lists).

    Optional columns absent from ``table`` are filled ("" / NaT / [] / NaN); the
    ``REQUIRED_COLUMNS`` must be there.  Text comes back as pandas' ``str`` dtype, dates
    as ``datetime64[ns]``.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in table.column_names]
    if missing:
        raise StoreError(f"events table lacks required column {missing[0]!r}")
    # One chunk per column: pandas' take on a multi-chunk Arrow column concatenates the
    # chunks first (a 230-row selection from 1M rows would cost 2 ms per text column).
    # Combining the still dictionary-encoded columns is the cheap place to do it.
    table = table.combine_chunks()
    scalars = {c: _scalar_column(table, c, k) for c, k in FRAME_COLUMNS.items() if k != "list"}
    frame = pa.table(scalars).to_pandas(self_destruct=True)
    del scalars
    for column, kind in FRAME_COLUMNS.items():
        if kind != "list":
            continue
        if column in table.column_names:
            frame[column] = _list_column(table[column])
        elif column in SCOPE_OF and SCOPE_OF[column] in table.column_names:
            # A table written before scopes existed: each name is its own whole scope.
            frame[column] = _list_column(table[SCOPE_OF[column]])
        else:
            frame[column] = pd.Series([[] for _ in range(len(frame))], dtype=object)
    return frame.loc[:, list(FRAME_COLUMNS)]


SCOPE_OF = {"place_scope": "towns", "actor_scope": "actors"}


def write_events(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as Parquet sorted by ``earliest``; returns the path."""
    return write_arrow(frame_to_arrow(frame), path)


def write_arrow(table: pa.Table, path: str | Path) -> Path:
    """Write an Arrow events table (cast to ``STORE_SCHEMA``) sorted by ``earliest``.

    Sorting makes each row group cover a narrow date range, so date filters read or
    scan only the row groups they need.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.select(STORE_SCHEMA.names).cast(STORE_SCHEMA)
    table = table.take(pc.sort_indices(table, sort_keys=[("earliest", "ascending"),
                                                         ("event_id", "ascending")]))
    pq.write_table(table, path, row_group_size=128 * 1024, compression="zstd")
    return path


def _read_csv(path: Path) -> pd.DataFrame:
    """An events CSV as text columns. Arrow's reader (multi-threaded) refuses a record whose
    field count differs from the header's; pandas would pad a short record with empty cells
    and read it as an event, so every such record is collected and reported by its line."""
    header = _csv_header(path)
    ragged: list = []
    try:
        table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(
            newlines_in_values=True, invalid_row_handler=lambda row: ragged.append(row) or "skip"),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()),
                                                 strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, OSError) as err:
        raise StoreError(_unreadable(path, err)) from None
    if ragged:
        raise StoreError("\n".join(_ragged_records(path, len(header))))
    raw = table.to_pandas()
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
            except (ValueError, TypeError):
                bad = pd.to_datetime(text.replace("", None), format="ISO8601", errors="coerce").isna() & (text != "")
                raise StoreError(_bad_cell(path, text, bad, "not a date (expected YYYY-MM-DD)")) from None
            days = values.to_numpy(dtype="datetime64[D]")
            outside = outside_range(days)
            if outside.any():
                raise StoreError(_bad_cell(path, text, pd.Series(outside), OUT_OF_RANGE))
            arrays[column] = pa.array(days, pa.date32())
        elif kind == "float":
            arrays[column] = pa.array(pd.to_numeric(text.replace("", None)).to_numpy(dtype=float))
        else:
            arrays[column] = pa.array(text.tolist(), pa.string())
    return arrow_to_frame(pa.table(arrays))


def _csv_header(path: Path) -> list[str]:
    """The header record: unique, non-empty column names, or a StoreError naming the problem."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv_records(handle), (1, []))[1]
    except (UnicodeDecodeError, CsvSyntaxError) as err:
        raise StoreError(_unreadable(path, err)) from None
    if not any(name.strip() for name in header):
        raise StoreError(_unreadable(path, ValueError("no header row")))
    for name in duplicates(header)[:1]:
        column = header.index(name, header.index(name) + 1) + 1
        raise StoreError(f"{path.name}:1:{column}: duplicate column {clip(name)!r}")
    return header


def _records(path: Path):
    """(line where the record starts, fields) for every non-blank data record after the header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = csv_records(handle)
        next(records, None)
        yield from records


def _ragged_records(path: Path, width: int) -> list[str]:
    """"file:line: N fields, expected M: 'start of record'" for every record of the wrong width."""
    return [f"{path.name}:{start}: {len(fields)} field{'s' if len(fields) != 1 else ''}, expected {width} "
            f"(the header's): {clip(','.join(fields))!r}"
            for start, fields in _records(path) if len(fields) != width]


def _unreadable(path: Path, err: Exception) -> str:
    """Why an events CSV cannot be parsed, named the way the importers name it (file type, line)."""
    data = path.read_bytes()
    if not data.strip():
        return f"{path.name}: empty file (expected a header with {', '.join(REQUIRED_COLUMNS)}, ...)"
    from components.io.importers.rows import decode      # images, archives, UTF-16, the line of a bad byte
    try:
        decode(data, path.name)
    except ValueError as bad:
        return str(bad)
    return f"{path.name}: unreadable CSV: {err}"


def _bad_cell(path: Path, text: pd.Series, bad: pd.Series, why: str) -> str:
    """"file:line: column 'c': 'value' — why" for the first bad cell (line = where its record starts)."""
    row = int(np.flatnonzero(bad.to_numpy())[0])
    return f"{path.name}:{_record_line(path, row)}: column {text.name!r}: {clip(str(text.iloc[row]))!r} — {why}"


def _record_line(path: Path, row: int) -> int:
    """The physical line where data row ``row`` (0-based, after the header) starts."""
    return next((start for number, (start, _) in enumerate(_records(path)) if number == row), 0)


def read_rows(path: str | Path, positions: np.ndarray) -> pd.DataFrame:
    """Rows ``positions`` (file order) of an events Parquet file, as a frame."""
    table = pq.read_table(path)
    return arrow_to_frame(table.take(pa.array(positions, pa.int64())))


def check_path(path: Path) -> None:
    """StoreError for a path that is not a plain file or directory (paths.path_problem)."""
    problem = path_problem(path)
    if problem:
        raise StoreError(problem)


def import_table(path: Path) -> Path:
    """The events file an importer's output directory holds (Parquet, else CSV); any other
    path as it is.  So ``--data DIR`` opens what ``python -m components.importers ... --out
    DIR`` wrote, in every command and in the app."""
    if path.is_dir() and not is_curated(path):
        for name in ("events.parquet", "events.csv"):
            if (path / name).is_file():
                return path / name
        raise StoreError(f"{path}: neither a curated data directory (articles.csv, events.csv, ...) "
                         "nor an import directory (events.parquet or events.csv)")
    return path


def open_events(path: str | Path, *, on_arrow=None) -> pd.DataFrame:
    """The events table at ``path``: a curated data directory, ``.parquet`` or ``.csv``.

    ``on_arrow(key, table)``, when given, is called in a second thread with the Parquet
    file's Arrow table while pandas builds the frame (the query engine imports its columns
    there: two cores, half the wait); the frame's ``attrs["engine_key"]`` is that key.
    """
    check_path(Path(path))
    path = import_table(Path(path))
    check_path(path)
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
    problem = type_problem(table, path.name) or date_problem(table, path.name)
    if problem:
        raise StoreError(problem)
    stat = path.resolve().stat()
    key = f"parquet:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    worker = None
    if on_arrow is not None:
        worker = threading.Thread(target=on_arrow, args=(key, table))
        worker.start()
    try:
        frame = arrow_to_frame(table)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as err:
        raise StoreError(f"{path.name}: columns of the wrong type: {clip(str(err), 200)}") from None
    finally:
        if worker is not None:
            worker.join()
    frame.attrs["engine_key"] = key
    return frame
