"""List cells of the events table (actors, sides, towns, scopes), read as lists of names.

``store._list_column`` gives rows with the same names one shared list object (conflict data
repeats a few hundred combinations millions of times), so a pass that reads each distinct
object once (:func:`shared_cells`) does per-combination work instead of per-row work.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from components.events.schema import NO_VALUE


def shared_cells(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, cells)``: per row, the index of its cell object in ``cells``, the distinct
    objects by identity in order of first appearance (1M rows: ~0.05 s)."""
    objects = values.to_numpy()
    ids = np.fromiter(map(id, objects), dtype=np.int64, count=len(objects))
    codes, _ = pd.factorize(ids)                      # codes numbered in order of appearance
    first = np.flatnonzero(~pd.Series(codes).duplicated().to_numpy())
    return codes, objects[first]


def is_list_column(values: pd.Series) -> bool:
    """Cells are lists (tuples, arrays) rather than '; '-joined text."""
    return values.dtype == object and any(isinstance(v, (list, tuple, np.ndarray))
                                          for v in values.dropna().head(50))


def explode_list(values: pd.Series) -> pd.Series:
    """A list column (or '; '-joined text) exploded to one value per row, ``NO_VALUE`` for empty."""
    if is_list_column(values):
        exploded = values.explode()
    else:
        exploded = values.astype("string").str.split(";").explode().str.strip()
    return exploded.fillna(NO_VALUE).replace("", NO_VALUE).astype(str)
