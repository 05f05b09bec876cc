"""The embedded engine: one DuckDB connection (through Ibis) holding the events tables.

A pandas events frame or a Parquet file is imported ONCE into an in-memory DuckDB table
(only the columns queries need, sorted by ``earliest`` so DuckDB's zone maps skip most
row groups for a date range) and reused by every later query on the same data: a
dashboard rerun does not re-import anything.

- frames are keyed by identity (the same object) and, when the frame carries
  ``attrs["engine_key"]`` (set by ``components.io.store.open_events`` and
  ``components.query.datasource.load_view_data``), by that key, which survives the copy
  Streamlit's ``st.cache_data`` makes on every rerun; the first frame seen with a key is
  imported under it, and a later key hit is only trusted when the length and a sample of
  ``event_id`` values match.
- Parquet files are keyed by path, size and modification time.

Frames are treated as immutable values: mutate one in place and you must pass a copy.
"""
from __future__ import annotations

import functools
import itertools
import threading
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from components.lazy import lazy_module

ibis = lazy_module("ibis")                 # imported when the engine first runs

from components.io.store import SCOPE_OF, column_to_arrow
from components.io.store import open_events as store_open_events

# The columns filters and aggregations read; the engine table holds these plus _pos.
QUERY_COLUMNS: dict[str, pa.DataType] = {
    "event_id": pa.string(),
    "earliest": pa.date32(),
    "latest": pa.date32(),
    "actors": pa.list_(pa.string()),
    "sides": pa.list_(pa.string()),
    "towns": pa.list_(pa.string()),
    "place_scope": pa.list_(pa.string()),
    "actor_scope": pa.list_(pa.string()),
    "event_type": pa.string(),
    "status": pa.string(),
    "outlet": pa.string(),
    "precision": pa.string(),
    "favours": pa.string(),
    "published_earliest": pa.date32(),   # knowledge time (null for dataset imports)
    "published_latest": pa.date32(),
}
# Query columns a file from before they existed reads as null.
NULL_IF_ABSENT = {"published_earliest": "DATE", "published_latest": "DATE"}
POSITION = "_pos"          # row position in the caller's frame / file
_SAMPLE = 64               # event_id values checked on an attrs-key hit
_MAX_TABLES = 8            # registered tables kept; the oldest is dropped beyond this

_lock = threading.RLock()
_names = itertools.count()
_state: dict = {"con": None}
_tables: dict[object, tuple[str, int, np.ndarray]] = {}   # key -> (table, rows, id sample)
_frame_ids: dict[int, object] = {}                         # id(frame) -> key


def connection():
    """The process-wide Ibis DuckDB connection (created on first use)."""
    with _lock:
        if _state["con"] is None:
            con = ibis.duckdb.connect()
            con.con.execute("SET enable_progress_bar = false").fetchall()
            _state["con"] = con
        return _state["con"]


def _run(sql: str) -> list[tuple]:
    """Run one statement on the shared connection and fetch it to the end (DuckDB 2 insists)."""
    return connection().con.execute(sql).fetchall()


def run_arrow(sql: str) -> pa.Table:
    """Run a query on the shared connection, the result as Arrow."""
    with _lock:
        return connection().con.sql(sql).to_arrow_table()


def frame_to_query_arrow(frame: pd.DataFrame) -> pa.Table:
    """The query columns of ``frame`` plus its row positions, as an Arrow table."""
    missing = [c for c in QUERY_COLUMNS if c not in frame.columns]
    if missing:
        raise KeyError(f"events frame lacks column {missing[0]!r} (see components.events.schema)")
    arrays = {name: column_to_arrow(frame[name], kind) for name, kind in QUERY_COLUMNS.items()}
    arrays[POSITION] = pa.array(np.arange(len(frame), dtype=np.int64))
    return pa.table(arrays)


def _register(key: object, arrow: pa.Table | None = None, sql_source: str | None = None,
              ids: np.ndarray | None = None) -> str:
    con = connection()
    name = f"events_{next(_names)}"
    order = " ORDER BY earliest"
    if arrow is not None:
        view = f"{name}_src"
        con.con.register(view, arrow)
        sql_source = view
        if _is_sorted(arrow["earliest"]):
            order = ""          # what write_events wrote: sorting again would cost ~0.3 s/1M
    _run(f"CREATE TABLE {name} AS SELECT * FROM {sql_source}{order}")
    if arrow is not None:
        con.con.unregister(view)
    rows = _run(f"SELECT count(*) FROM {name}")[0][0]
    _tables[key] = (name, rows, ids if ids is not None else np.array([]))
    while len(_tables) > _MAX_TABLES:
        old_key = next(iter(_tables))
        _run(f"DROP TABLE IF EXISTS {_tables.pop(old_key)[0]}")
    return name


def _is_sorted(column: pa.ChunkedArray) -> bool:
    if column.null_count:
        return False
    days = column.cast(pa.date32()).to_numpy().astype("datetime64[D]").astype(np.int64)
    return bool(np.all(days[1:] >= days[:-1]))


def _sample_at(n: int) -> np.ndarray:
    return np.unique(np.linspace(0, max(n - 1, 0), num=min(n, _SAMPLE)).astype(np.int64))


def id_sample(ids) -> np.ndarray:
    """A few ``event_id`` values at fixed positions: cheap evidence two tables are the same."""
    if isinstance(ids, pa.ChunkedArray | pa.Array):
        return np.array(ids.take(pa.array(_sample_at(len(ids)))).to_pylist(), dtype=object)
    if isinstance(ids, pd.Series):      # take first: a whole text column as objects is ~0.3 s/1M
        return np.asarray(ids.iloc[_sample_at(len(ids))], dtype=object) if len(ids) else np.array([], dtype=object)
    return np.asarray(ids, dtype=object)[_sample_at(len(ids))] if len(ids) else np.array([], dtype=object)


def import_arrow(key: object, arrow: pa.Table) -> str:
    """Import an Arrow table of the query columns (+ _pos) under ``key``; returns its name.

    Safe to call from a worker thread while the caller builds the pandas frame.
    """
    with _lock:
        if key not in _tables:
            _register(key, arrow=arrow, ids=id_sample(arrow["event_id"]))
        return _tables[key][0]


def _key_matches(frame: pd.DataFrame, key: object) -> bool:
    entry = _tables.get(key)
    if entry is None or entry[1] != len(frame) or "event_id" not in frame.columns:
        return False
    return bool(np.array_equal(id_sample(frame["event_id"]), entry[2]))


def frame_table(frame: pd.DataFrame):
    """The engine table for ``frame`` (importing it on first use)."""
    with _lock:
        key = _frame_ids.get(id(frame))
        if key is None or key not in _tables:
            attrs_key = ("attrs", frame.attrs.get("engine_key"))
            if attrs_key[1] is not None and _key_matches(frame, attrs_key):
                key = attrs_key
            else:
                # The first frame seen with a key is imported under it, so the copies
                # st.cache_data makes of it on every rerun reuse that import (they match
                # its length and ids).  A frame whose key is taken by other rows -- a subset
                # or a sort that inherited the attrs -- is imported under its own identity.
                key = attrs_key if attrs_key[1] is not None and attrs_key not in _tables else ("frame", id(frame))
                _register(key, arrow=frame_to_query_arrow(frame), ids=id_sample(frame["event_id"]))
            _frame_ids[id(frame)] = key
            weakref.finalize(frame, _forget_frame, id(frame), key)
        return _ibis_table(_tables[key][0])


def named_table(name: str):
    """The Ibis table of an engine table name, under the engine's lock (Ibis asks DuckDB for
    its schema the first time, and the connection refuses a second caller meanwhile: the
    dashboard's background warm-up and a rerun may ask at once)."""
    with _lock:
        return _ibis_table(name)


@functools.lru_cache(maxsize=_MAX_TABLES * 2)
def _ibis_table(name: str):
    # connection().table() asks DuckDB for the schema each time: ~2 ms per query saved.
    return connection().table(name)


def _forget_frame(frame_id: int, key: object) -> None:
    with _lock:
        if _frame_ids.get(frame_id) == key:
            del _frame_ids[frame_id]
        if key[0] == "frame" and key in _tables:
            _run(f"DROP TABLE IF EXISTS {_tables.pop(key)[0]}")


def parquet_table(path: str | Path):
    """The engine table for a Parquet events file (imported on first use, per version)."""
    path = Path(path).resolve()
    stat = path.stat()
    key = ("parquet", str(path), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if key not in _tables:
            quoted = str(path).replace("'", "''")
            present = set(pq.read_schema(path).names)
            # A file from before scopes existed reads each name as its own whole scope.
            columns = ", ".join(c if c in present else f"{SCOPE_OF[c]} AS {c}"
                                if SCOPE_OF.get(c) in present else f"CAST(NULL AS {NULL_IF_ABSENT[c]}) AS {c}"
                                for c in QUERY_COLUMNS
                                if c in present or SCOPE_OF.get(c) in present or c in NULL_IF_ABSENT)
            source = (f"(SELECT {columns}, file_row_number::BIGINT AS {POSITION} "
                      f"FROM read_parquet('{quoted}', file_row_number = true))")
            _register(key, sql_source=source)
        return _ibis_table(_tables[key][0])


def _import_query_columns(key: str, table: pa.Table) -> None:
    """``store.open_events``'s hook: import a Parquet file's query columns under ``key``."""
    names = {c: c if c in table.column_names else SCOPE_OF.get(c) for c in QUERY_COLUMNS}
    if all(n in table.column_names for n in names.values()):
        query = pa.table({c: table[names[c]].cast(k) for c, k in QUERY_COLUMNS.items()})
        query = query.append_column(POSITION, pa.array(np.arange(len(query), dtype=np.int64)))
        import_arrow(("attrs", key), query)


def open_events(path) -> pd.DataFrame:
    """``store.open_events(path)`` with the file already in the engine, ready for queries."""
    frame = store_open_events(path, on_arrow=_import_query_columns)
    frame_table(frame)
    return frame
