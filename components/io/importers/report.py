"""The validation report of one import: counts that reconcile, reasons, unmapped names.

>>> r = ImportReport("acled", "f.csv", rows_read=3, rows_accepted=2,
...     rejected=(row_problem("f.csv", 4, "event_date", "31-02-2020", "not a date"),))
>>> r.reconciles
True
>>> str(r.rejected[0])
"f.csv:4:event_date: '31-02-2020' — not a date"
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from components.events.model import Problem
from components.text import terminal_text


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (missing columns, not CSV, too many rows)."""


def row_problem(file: str, line: int, column: str, value: str, reason: str) -> Problem:
    """A rejected row (or a warning about one): the shared ``Problem`` whose message quotes the
    value before the reason, as ``f.csv:4:event_date: '31-02-2020' — not a date``."""
    return Problem(file, line, column, value, f"{value!r} — {reason}")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What happened to every row of one imported file.

    ``rows_read == rows_accepted + len(rejected) + rows_superseded`` always holds: a row
    is in the frame, rejected with a reason, or an older version of an accepted event
    (same id, older ``timestamp``) -- never silently dropped.  Unmapped
    actors and towns are *kept* (side "other", the dataset's own coordinates)
    and listed here with how many rows mention them.
    """

    kind: str                                   # "acled" | "ucdp"
    file: str
    rows_read: int = 0
    rows_accepted: int = 0
    rejected: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    unmapped_actors: dict[str, int] = field(default_factory=dict)
    unmapped_towns: dict[str, int] = field(default_factory=dict)
    rows_superseded: int = 0                    # older versions of an accepted event
    date_order: str = ""                        # "dmy"/"mdy" when the file has numeric dates
    # Every actor name with what it mapped to, how ("registry", "map:<line>", "unmapped")
    # and in how many rows, so a wrong mapping is visible, not only a missing one.
    mappings: tuple[dict, ...] = ()
    favours_rules: dict[str, int] = field(default_factory=dict)   # rule -> rows it decided

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.rows_accepted + len(self.rejected) + self.rows_superseded

    def to_dict(self) -> dict:
        out = asdict(self)
        out["rejected"] = [dict(asdict(p), text=str(p)) for p in self.rejected]
        out["warnings"] = [dict(asdict(p), text=str(p)) for p in self.warnings]
        out["rows_rejected"] = len(self.rejected)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def text(self, *, limit: int = 50) -> str:
        """The human report printed by the CLI (at most ``limit`` lines per list)."""
        lines = [f"{self.kind.upper()} import of {self.file}",
                 f"  rows read:     {self.rows_read}",
                 f"  rows accepted: {self.rows_accepted}",
                 f"  rows rejected: {len(self.rejected)}"]
        if self.rows_superseded:
            lines.append(f"  rows updated:  {self.rows_superseded} (older versions replaced by a newer timestamp)")
        if self.date_order:
            lines.append(f"  numeric dates read as: {self.date_order}")
        lines += _listed("rejected rows", [str(p) for p in self.rejected], limit)
        lines += _listed("warnings", [str(p) for p in self.warnings], limit)
        lines += _listed("unmapped actors (kept, side 'other'; add them to the actor map)",
                         [f"{n} ({_rows(c)})" for n, c in sorted(self.unmapped_actors.items())], limit)
        lines += _listed("unmapped towns (kept as their own town with the file's coordinates)",
                         [f"{n} ({_rows(c)})" for n, c in sorted(self.unmapped_towns.items())], limit)
        lines += _listed("actor mappings applied (name -> actor [side] via, rows)",
                         [f"{m['name']} -> {m['actor']} [{m['sides']}] via {m['via']} ({_rows(m['rows'])})"
                          for m in self.mappings], limit)
        lines += _listed("favours decided by (rule -> rows)",
                         [f"{rule} ({_rows(n)})" for rule, n in self.favours_rules.items()], limit)
        # data can hold ESC/CSI sequences that would clear or hide the terminal: shown escaped
        return "\n".join(terminal_text(line) for line in lines)


def _listed(title: str, items: list[str], limit: int) -> list[str]:
    if not items:
        return []
    shown = [f"    {item}" for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"    … and {len(items) - limit} more (see import_report.json)")
    return [f"  {title}: {len(items)}", *shown]


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"
