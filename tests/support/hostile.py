"""The bad-input corpus (tests/fixtures/bad/): its manifest, and data directories built from it.

``MANIFEST.csv`` has one row per case: ``case, target, file, expected, why``.
``file`` is a path under tests/fixtures/bad/, ``inline:<input>`` for a short input
written in the manifest itself (``\\t``, ``\\r``, ``\\n`` stand for those control
characters there and in ``expected``), or ``(generated)`` for a large input the test builds
in ``tmp_path`` (never committed).  ``expected`` reads, by target:

- loader:      ``ok: N events`` or ``problem: <fragment> && <fragment>``
- importer:    ``read=R accepted=A rejected=J[; <fragment>; …]`` or ``refused: <fragments>``
- upload:      ``refused: <fragments>``
- url:         ``warning: <fragments>`` (one warning must hold every fragment)
- normalizer:  ``unresolved: <fragment>`` or ``resolved: <str(DateResult)>``
- export:      ``cell: <exact CSV cell>``
"""
from __future__ import annotations

import csv
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"
DATA = ROOT / "data"
GENERATED = "(generated)"
INLINE = "inline:"


@dataclass(frozen=True, slots=True)
class Case:
    case: str
    target: str
    file: str
    expected: str
    why: str

    @property
    def kind(self) -> str:
        """The part of ``expected`` before the first colon or space ("ok", "problem", "read=2"…)."""
        return self.expected.split(":", 1)[0].split(" ", 1)[0]

    @property
    def fragments(self) -> list[str]:
        """The text after ``kind:`` split on ' && ' (importer counts are read by the importer tests)."""
        body = self.expected.partition(":")[2].strip()
        return [part.strip() for part in body.split(" && ") if part.strip()]

    @property
    def inline(self) -> str:
        assert self.file.startswith(INLINE), self.case
        return unescape(self.file[len(INLINE):])

    @property
    def path(self) -> Path:
        return BAD / self.file

    def __str__(self) -> str:
        return self.case


def unescape(text: str) -> str:
    """The manifest's spelling of control characters (a CSV cell cannot hold a bare CR)."""
    return text.replace("\\t", "\t").replace("\\r", "\r").replace("\\n", "\n")


def load_manifest() -> list[Case]:
    with (BAD / "MANIFEST.csv").open(encoding="utf-8", newline="") as handle:
        return [Case(**row) for row in csv.DictReader(handle)]


MANIFEST = load_manifest()


def cases(*targets: str, generated: bool | None = None) -> list[Case]:
    """Manifest rows for ``targets``; ``generated`` True/False keeps only (not) generated ones."""
    return [c for c in MANIFEST if c.target in targets
            and (generated is None or (c.file == GENERATED) == generated)]


def dataset_dir(tmp_path: Path, *overlays: Path) -> Path:
    """A copy of the bundled data/ with the hostile base dataset and ``overlays`` laid over it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / "moments.csv").unlink()    # it names bundled events the hostile base replaces
    for overlay in (BAD / "loader" / "base", *overlays):
        if overlay.is_dir():
            shutil.copytree(overlay, target, dirs_exist_ok=True)
        else:
            shutil.copy(overlay, target / overlay.name)
    return target


def tree_hashes(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``root`` (what "untouched" means)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _parquet(tmp_path: Path, name: str, change) -> Path:
    """An events Parquet file of the shared test rows with one column changed by ``change``."""
    import pyarrow.parquet as pq

    from components.io.store import write_events
    from tests.support.frames import make_events
    path = write_events(make_events(), tmp_path / name)
    table = pq.read_table(path)
    pq.write_table(change(table), path)
    return path


def _list_dates(table):
    import pyarrow as pa
    column = table.schema.get_field_index("earliest")
    return table.set_column(column, "earliest", pa.array([[d] for d in table["earliest"].to_pylist()]))


def _year_1020(table):
    import datetime

    import pyarrow as pa
    days = table["earliest"].to_pylist()
    days[0] = datetime.date(1020, 7, 4)
    return table.set_column(table.schema.get_field_index("earliest"), "earliest", pa.array(days, pa.date32()))


def _fifo(tmp_path: Path) -> Path:
    import os
    os.mkfifo(tmp_path / "events.csv")
    return tmp_path / "events.csv"


def _symlink_loop(tmp_path: Path) -> Path:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    return tmp_path / "a"


# generated ``table`` cases: what ``--data`` points at
TABLE_GENERATORS = {
    "table_fifo": _fifo,
    "table_symlink_loop": _symlink_loop,
    "table_parquet_list_dates": lambda tmp: _parquet(tmp, "list_dates.parquet", _list_dates),
    "table_parquet_out_of_range": lambda tmp: _parquet(tmp, "year_1020.parquet", _year_1020),
}


def table_path(case: Case, tmp_path: Path) -> Path:
    """The path a ``table`` case gives ``--data``: its fixture, or one built in ``tmp_path``."""
    return TABLE_GENERATORS[case.case](tmp_path) if case.file == GENERATED else case.path
