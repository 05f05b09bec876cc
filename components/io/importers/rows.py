"""Reading an uploaded or on-disk CSV into records with their physical line numbers.

A cell that starts with an apostrophe followed by a formula trigger ("'=SUM(1)")
is read without the apostrophe: that is how ``components.io.table_export`` guards cells,
and an export must import back unchanged.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache

from components.events.model import Problem
from components.events.schema import DATE_MAX, DATE_MIN, OUT_OF_RANGE
from components.events.records import CsvSyntaxError, Record, csv_records, duplicates

from .report import ImportFileError, row_problem

DEFAULT_MAX_ROWS = 200_000
# First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What the export guard can put after its apostrophe: a trigger, or the apostrophe it doubled.
GUARDED_AFTER_APOSTROPHE = (*FORMULA_TRIGGERS, "'")

# Date spellings found in ACLED/UCDP exports, tried in order (ISO and month names: no
# ambiguity).  All-numeric dates ("7/4/2020") are read in the file's one date order,
# decided for the whole column by ``date_order`` -- never guessed row by row.
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d")
NUMERIC_FORMATS = {"dmy": ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"), "mdy": ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y")}
DATE_ORDERS = tuple(NUMERIC_FORMATS)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def date_order(values, label: str, column: str, given: str | None = None) -> str | None:
    """The order of the column's all-numeric dates: "dmy" when some first field is 13-31,
    "mdy" when some second field is; ``given`` must agree with that evidence.  A column
    with numeric dates and no evidence either way is refused unless ``given`` says."""
    first = second = None
    numeric = 0
    for value in values:
        m = _NUMERIC_DATE.match(value.strip())
        if not m:
            continue
        numeric += 1
        if first is None and int(m[1]) > 12:
            first = value
        if second is None and int(m[2]) > 12:
            second = value
    choices = f"rerun with --date-order {' or --date-order '.join(DATE_ORDERS)}"
    if first and second:
        raise ImportFileError(f"{label}: column {column} mixes day-first ({first!r}) and month-first "
                              f"({second!r}) dates; fix the file (ISO YYYY-MM-DD is safest)")
    evidence = "dmy" if first else "mdy" if second else None
    if given and evidence and given != evidence:
        raise ImportFileError(f"{label}: --date-order {given} contradicts column {column}: "
                              f"{first or second!r} can only be {evidence}")
    if numeric and not (given or evidence):
        raise ImportFileError(f"{label}: column {column} has {numeric:,} all-numeric dates that read "
                              f"both day-first and month-first (no field above 12); {choices}")
    return given or evidence


class RowError(ValueError):
    """One field of one row is unusable; carries the location for the report."""

    def __init__(self, column: str, value: str, message: str) -> None:
        super().__init__(f"{column}: {value!r} — {message}")
        self.column, self.value, self.message = column, value, message

    def problem(self, file: str, line: int) -> Problem:
        return row_problem(file, line, self.column, self.value, self.message)


# Leading bytes of files people upload by mistake -> what to tell them.
NOT_CSV = (
    (b"\x89PNG", "PNG image, not a CSV file"),
    (b"\xff\xd8\xff", "JPEG image, not a CSV file"),
    (b"%PDF", "PDF document, not a CSV file"),
    (b"PK\x03\x04", "ZIP archive (an .xlsx workbook is one), not a CSV file; save the sheet as CSV UTF-8"),
    (b"\xd0\xcf\x11\xe0", "old Excel/Office file, not a CSV file; save the sheet as CSV UTF-8"),
    (b"\xff\xfe", "UTF-16 text (Excel 'Unicode text'); save the file as CSV UTF-8"),
    (b"\xfe\xff", "UTF-16 text (Excel 'Unicode text'); save the file as CSV UTF-8"),
)


def refuse_non_csv(data: bytes, label: str) -> None:
    """Images, archives, Office files and UTF-16 text are refused, named as what they are."""
    for magic, what in NOT_CSV:
        if data.startswith(magic):
            raise ImportFileError(f"{label}: {what}")
    head = data[:1000]
    if head.count(b"\x00") > len(head) // 4:          # every other byte NUL: UTF-16 without a BOM
        raise ImportFileError(f"{label}: UTF-16 text or a binary file (NUL bytes); save the file as CSV UTF-8")


def decode(data: bytes, label: str) -> str:
    """UTF-8 text (a byte-order mark is accepted); anything else is refused with its offset."""
    refuse_non_csv(data, label)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ImportFileError(f"{label}:{line}: byte 0x{data[err.start:err.end].hex()} at offset "
                              f"{err.start} is not UTF-8; save the file as UTF-8 CSV") from None


def read_records(text: str, label: str, required: tuple[str, ...], *,
                 max_rows: int = DEFAULT_MAX_ROWS) -> tuple[list[Record], list[Problem]]:
    """Records of a CSV whose header holds at least ``required`` (any order, any case).

    Returns (records, malformed rows).  Blank lines are skipped but count against
    ``max_rows`` (so a file of newlines is refused quickly); a record whose
    field count differs from the header's is a malformed row (counted as read).
    Raises :class:`ImportFileError` for a missing header or column, or more than
    ``max_rows`` data rows.
    """
    header: list[str] | None = None
    records: list[Record] = []
    bad: list[Problem] = []
    blank = 0
    try:
        for line, row in csv_records(text, delimiter=sniff_delimiter(text), blanks=True):
            if not any(field.strip() for field in row):
                # Blank lines count against the cap: 49 MB of newlines is refused at line
                # max_rows + 1, not walked to the end.
                blank += 1
                if blank + len(records) + len(bad) > max_rows:
                    raise ImportFileError(_over_cap(label, max_rows, blank, len(records) + len(bad)))
                continue
            if header is None:
                header = [name.strip().lower() for name in row]
                _check_header(header, required, label)
                continue
            if len(records) + len(bad) + blank >= max_rows:
                raise ImportFileError(_over_cap(label, max_rows, blank, len(records) + len(bad)))
            if len(row) != len(header):
                bad.append(row_problem(label, line, "", f"{len(row)} fields",
                                       f"expected {len(header)} fields like the header"))
                continue
            values = dict(zip(header, row))
            if _GUARDED_OR_PADDED.search("\0" + "\0".join(row) + "\0"):   # most rows need nothing
                for k, v in values.items():
                    if v[:1] == "'" or v[:1].isspace() or v[-1:].isspace():
                        values[k] = _unguard(v.strip())
            records.append(Record(line, values))
    except CsvSyntaxError as err:
        raise ImportFileError(f"{label}:{err.line}: {err}") from None
    if header is None:
        raise ImportFileError(f"{label}: empty file (expected a header with {', '.join(required)})")
    return records, bad


def _over_cap(label: str, max_rows: int, blank: int, rows: int) -> str:
    blanks = f" ({blank:,} of them blank lines, which count too)" if blank else ""
    return (f"{label}: more than {max_rows:,} data rows{blanks}; the limit is {max_rows:,} "
            f"(split the file, or raise the limit with --max-rows)")


def sniff_delimiter(text: str) -> str:
    """",", or ";" / tab when the header line has more of those (spreadsheet exports in some locales)."""
    header = text[: text.find("\n") if "\n" in text else len(text)]
    return max((",", ";", "\t"), key=header.count) if header else ","


# Some field starts with an apostrophe or whitespace, or ends with whitespace (``\s`` is
# ``str.isspace``), in the row's fields joined by NUL, which no CSV field holds, with a NUL at
# each end.  Every branch starts at a NUL, so the search skips from one to the next in C:
# a third of checking each field in Python.
_GUARDED_OR_PADDED = re.compile(r"\0(?:['\s]|(?<=\s\0))")


def _unguard(value: str) -> str:
    """Undo the export's formula guard ("'=x" -> "=x", "''x" -> "'x") so exports round-trip."""
    return value[1:] if value[:1] == "'" and value[1:2] in GUARDED_AFTER_APOSTROPHE else value


def _check_header(header: list[str], required: tuple[str, ...], label: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFileError(f"{label}:1: missing column(s) {', '.join(missing)} "
                              f"(found: {', '.join(header[:12])}{'…' if len(header) > 12 else ''})")
    dupes = sorted(c for c in duplicates(header) if c)
    if dupes:
        raise ImportFileError(f"{label}:1: duplicated column(s) {', '.join(dupes)}")


def parse_date(value: str, column: str, order: str | None = None) -> date:
    """A calendar day in one of ``DATE_FORMATS``, or all-numeric in the file's ``order``,
    within ``DATE_MIN``..``DATE_MAX``."""
    day = _day(value.strip(), order)
    if day is None:
        numeric = " or DD/MM/YYYY" if order == "dmy" else " or MM/DD/YYYY" if order == "mdy" else ""
        raise RowError(column, value, f"not a date (expected YYYY-MM-DD or DD Month YYYY{numeric})")
    if not DATE_MIN <= day <= DATE_MAX:
        raise RowError(column, value, OUT_OF_RANGE)
    return day


@lru_cache(maxsize=65536)
def _day(value: str, order: str | None) -> date | None:
    """Memoised: a big export repeats a few thousand distinct date strings."""
    for fmt in DATE_FORMATS + NUMERIC_FORMATS.get(order, ()):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_int(value: str, column: str, allowed: range | None = None) -> int:
    try:
        number = float(value)
        if not number.is_integer():
            raise ValueError
    except ValueError:
        raise RowError(column, value, "not a whole number") from None
    if allowed is not None and int(number) not in allowed:
        raise RowError(column, value, f"must be one of {allowed.start}..{allowed.stop - 1}")
    return int(number)


def parse_coordinate(value: str, column: str, limit: float) -> float:
    """A latitude/longitude within ±limit; empty gives NaN."""
    if not value:
        return math.nan
    try:
        number = float(value)
    except ValueError:
        raise RowError(column, value, "not a number") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise RowError(column, value, f"out of range (±{limit:g})")
    return number


def required(record: Record, column: str) -> str:
    value = record.get(column)
    if not value:
        raise RowError(column, value, "is empty")
    return value
