"""Reading the data files: UTF-8 text and CSV records with their physical line numbers.

Nothing here raises on bad data: every problem goes into a :class:`Problems`
collector so the loader can report them all at once.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .model import Problem


class Problems:
    """Collects :class:`Problem` values while loading."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.broken: set[str] = set()   # files that could not be read at all (no records)
        self.partial: set[str] = set()  # files with a record skipped as malformed

    def add(self, file: str, line: int, column: str, value: str, message: str) -> None:
        self.items.append(Problem(file, line, column, value, message))

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: its first physical line (header = 1) and stripped values by column."""

    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


class CsvSyntaxError(ValueError):
    """The CSV itself is unreadable at ``line`` (an unterminated quote, a NUL byte...)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def csv_records(source, *, delimiter: str = ",", strict: bool = False, blanks: bool = False):
    """``(line, fields)`` for every non-blank CSV record of ``source`` (text or an open file),
    header included; ``line`` is the physical line the record starts on (1 = the first).
    ``blanks`` yields blank records too (for callers that count them against a cap).

    The one CSV walk of the product: the curated loader, the importers and the events-table
    reader all read records through it, so they number lines the same way.
    """
    handle = io.StringIO(source, newline="") if isinstance(source, str) else source
    reader = csv.reader(handle, delimiter=delimiter, strict=strict)
    start = 1
    try:
        for row in reader:
            if blanks or any(field.strip() for field in row):
                yield start, row
            start = reader.line_num + 1
    except csv.Error as err:
        raise CsvSyntaxError(reader.line_num, f"unreadable CSV: {err}") from None


def duplicates(names: list[str]) -> list[str]:
    """The names that occur more than once, in first-seen order (linear in the header's size)."""
    seen: set[str] = set()
    twice: dict[str, None] = {}
    for name in names:
        if name in seen:
            twice[name] = None
        seen.add(name)
    return list(twice)


def read_text(path: Path, problems: Problems, label: str | None = None) -> str | None:
    """The file's text, or None if it is missing; bytes that are not UTF-8 are a problem.

    A UTF-8 byte-order mark is accepted.  Undecodable bytes are reported with their
    offset and line, then replaced (U+FFFD) so the rest of the file is still checked.
    """
    label = label or path.name
    if not path.is_file():
        problems.add(label, 0, "", str(path), f"file not found: {path}")
        problems.broken.add(label)
        return None
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start: err.end]
        problems.add(label, line, "", bad.hex(),
                     f"not UTF-8: byte 0x{bad.hex()} at byte offset {err.start} ({err.reason});"
                     " save the file as UTF-8")
        return raw.decode("utf-8-sig", errors="replace")


def read_table(path: Path, columns: tuple[str, ...], problems: Problems,
               optional: tuple[str, ...] = ()) -> list[Record]:
    """Records of a CSV file whose header must hold exactly ``columns`` (any order); the
    ``optional`` ones among them may be left out (their cells read as "").

    Missing, duplicated or unknown header columns are problems and yield no records
    (every row would be misread).  A record whose field count differs from the
    header's is a problem and is skipped; blank lines are ignored.
    """
    text = read_text(path, problems)
    if text is None:
        return []
    label = path.name
    records: list[Record] = []
    header: list[str] | None = None
    try:
        for line, row in csv_records(text, strict=True):
            if header is None:
                header = [name.strip().lower() for name in row]
                if _wrong_delimiter(header, label, line, problems) or \
                        not _header_ok(header, columns, optional, label, line, problems):
                    problems.broken.add(label)
                    return []
                continue
            if len(row) != len(header):
                problems.add(label, line, "", "", f"expected {len(header)} fields, found {len(row)}")
                problems.partial.add(label)
                continue
            values = dict.fromkeys(optional, "")
            values.update((name, value.strip()) for name, value in zip(header, row))
            records.append(Record(line, values))
    except CsvSyntaxError as err:
        problems.add(label, err.line, "", "", str(err))
        problems.partial.add(label)
    if header is None:
        problems.add(label, 1, "", "", f"no header row (expected: {', '.join(columns)})")
        problems.broken.add(label)
    return records


def _wrong_delimiter(header: list[str], label: str, line: int, problems: Problems) -> bool:
    """One clear problem for a header that is a single cell split by ';', tab or '|'."""
    if len(header) != 1:
        return False
    for delimiter in (";", "\t", "|"):
        if delimiter in header[0]:
            problems.add(label, line, "", header[0][:80],
                         f"the delimiter looks like {delimiter!r}, not ','; save the file as "
                         "comma-separated CSV (UTF-8)")
            return True
    return False


def _header_ok(header: list[str], columns: tuple[str, ...], optional: tuple[str, ...], label: str,
               line: int, problems: Problems) -> bool:
    before = len(problems)
    for name in duplicates(header):
        problems.add(label, line, name, name, f"duplicated column '{name}'")
    for name in dict.fromkeys(header):
        if name not in columns:
            problems.add(label, line, name, name,
                         f"unknown column '{name}' (expected: {', '.join(columns)})")
    for name in columns:
        if name not in header and name not in optional:
            problems.add(label, line, name, "", f"missing column '{name}'")
    return len(problems) == before


def split_list(value: str) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple of stripped, non-empty items."""
    return tuple(item.strip() for item in value.split(";") if item.strip())
