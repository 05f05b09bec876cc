"""List cells read once per shared object (components/events/cells.py)."""
from __future__ import annotations

import pandas as pd
import pytest

from components.events.cells import shared_cells

A, B = ["Russia"], ["Iran", "IRGC"]
# cells, expected codes, expected distinct objects (by identity, in order of first appearance)
CASES = {
    "shared objects": ([A, B, A, A, B], [0, 1, 0, 0, 1], [A, B]),
    "equal but distinct lists": ([A, list(A)], [0, 1], [A, A]),
    "one row": ([B], [0], [B]),
    "none": ([], [], []),
}


@pytest.mark.parametrize("cells, codes, distinct", CASES.values(), ids=CASES.keys())
def test_shared_cells(cells, codes, distinct):
    got_codes, got_cells = shared_cells(pd.Series(cells, dtype=object))
    assert got_codes.tolist() == codes
    assert [id(c) for c in got_cells] == [id(cells[codes.index(i)]) for i in range(len(distinct))]
    assert list(map(list, got_cells)) == distinct
