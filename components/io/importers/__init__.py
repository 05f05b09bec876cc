"""Importers for datasets users bring: ACLED and UCDP GED CSV exports -> the events table.

Every entry point is a pure function returning ``(frame, report)``: the frame
has exactly ``schema.FRAME_COLUMNS``; the report accounts for every row read
(accepted or rejected with ``file:line:column: value — reason``) and lists the
actor and town names the registries and actor map did not know (kept, never
dropped).  The CLI (``python -m components.importers``) and the dashboard's
upload panel both call these.

>>> frame, report = import_upload("mine.csv", open("data/samples/acled_sample_synthetic.csv", "rb").read())
... # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pandas as pd

from . import acled, ucdp
from .actor_map import ActorMapper, load_actor_map
from .common import run_import
from .favours import FavoursDecider, load_favours_rules
from .references import References, load_references
from .report import ImportFileError, ImportReport
from .rows import DEFAULT_MAX_ROWS, refuse_non_csv, sniff_delimiter

# kind -> (required columns, row converter, date columns whose numeric order is detected)
KINDS = {"acled": (acled.REQUIRED, acled.convert_acled, ("event_date",)),
         "ucdp": (ucdp.REQUIRED, ucdp.convert_ucdp, ("date_start", "date_end"))}

__all__ = ["KINDS", "ImportFileError", "ImportReport", "detect_kind", "import_bytes",
           "import_file", "import_upload", "DEFAULT_MAX_ROWS"]


def import_bytes(kind: str, data: bytes, label: str, *, actor_map: str | Path | None = None,
                 favours_rules: str | Path | None = None, refs: References | None = None,
                 max_rows: int = DEFAULT_MAX_ROWS, date_order: str | None = None,
                 ) -> tuple[pd.DataFrame, ImportReport]:
    """Import CSV bytes of ``kind`` ("acled" or "ucdp"); ``label`` names the file in messages.
    ``date_order`` ("dmy"/"mdy") reads all-numeric dates when the file alone cannot say."""
    if kind not in KINDS:
        raise ImportFileError(f"unknown import kind {kind!r} (expected one of {', '.join(KINDS)})")
    refs = refs if refs is not None else load_references()
    mapper = ActorMapper(load_actor_map(actor_map), refs)
    favours = FavoursDecider(load_favours_rules(favours_rules))
    required, convert, date_columns = KINDS[kind]
    return run_import(kind, data, label, required, convert, refs, mapper, favours, max_rows=max_rows,
                      date_columns=date_columns, given_order=date_order)


def import_file(kind: str, path: str | Path, **options) -> tuple[pd.DataFrame, ImportReport]:
    """Import a CSV file from disk (see :func:`import_bytes` for the options)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"file not found: {path}")
    return import_bytes(kind, path.read_bytes(), path.name, **options)


def detect_kind(data: bytes, label: str = "upload") -> str:
    """"acled" or "ucdp" from the header row; ImportFileError when it is neither."""
    refuse_non_csv(data, label)
    first = data[:65536].decode("utf-8-sig", errors="ignore").splitlines()[0:1]   # the full decode comes later
    header = {h.strip().strip('"').lower() for h in (first[0].split(sniff_delimiter(first[0])) if first else [])}
    for kind, (required, *_) in KINDS.items():
        if set(required) <= header:
            return kind
    raise ImportFileError(f"{label}:1: neither an ACLED export (needs {', '.join(acled.REQUIRED)}) "
                          f"nor a UCDP GED export (needs {', '.join(ucdp.REQUIRED)})")


def import_upload(name: str, data: bytes | BinaryIO, kind: str = "auto", *, max_bytes: int = 50_000_000,
                  **options) -> tuple[pd.DataFrame, ImportReport]:
    """What the app calls on an uploaded file (bytes or a binary stream): size check, format
    detection, import."""
    if not isinstance(data, (bytes, bytearray)):
        data = data.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImportFileError(f"{name}: {len(data):,} bytes is over the {max_bytes:,}-byte upload limit")
    if kind == "auto":
        kind = detect_kind(data, name)
    return import_bytes(kind, data, name, **options)
