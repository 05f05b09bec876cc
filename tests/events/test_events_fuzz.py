"""Property: whatever a data file holds, the loader returns a Dataset or raises
EventDataError with located problems -- never any other exception."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from components.events import EventDataError, load_dataset
from tests.support.curated import VALID_FILES, fake_normalize, write_dataset

KNOWN_FILES = set(VALID_FILES) | {"articles/a1.txt"}
CELLS = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["", ";", " ; ;", "e1", "e3", "a1", "Russia", "IRGC", "2020-07-05", "2015-13-01",
                     "\n", '"', ",", "\u201c", "reported", "nan", "inf", "-91", "1e309"]),
)


def _load(root: Path) -> None:
    try:
        dataset = load_dataset(root, normalize=fake_normalize)
    except EventDataError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file in KNOWN_FILES, problem
            assert str(problem).startswith(problem.file)
    else:
        assert all(e.earliest <= e.latest for e in dataset.events)


def _edit_cell(lines: list[str], line: int, column: int, value: str) -> list[str]:
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    row = rows[min(line, len(rows) - 1)]
    row[column % len(row)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().splitlines()


@settings(max_examples=120, deadline=None)
@given(file=st.sampled_from(sorted(VALID_FILES)), line=st.integers(0, 5),
       column=st.integers(0, 14), value=CELLS)
def test_any_single_cell_loads_or_is_reported(file, line, column, value):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_dataset(Path(tmp))
        lines = _edit_cell(VALID_FILES[file], line, column, value)
        (root / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        _load(root)


@settings(max_examples=60, deadline=None)
@given(file=st.sampled_from(sorted(KNOWN_FILES)), content=st.binary(max_size=400))
def test_arbitrary_bytes_in_any_file_are_reported(file, content):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_dataset(Path(tmp))
        (root / file).write_bytes(content)
        _load(root)
