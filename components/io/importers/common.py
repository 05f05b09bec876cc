"""The import loop shared by every format: convert each record or reject it with a reason."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from .actor_map import ActorMapper, split_actors
from .frame import blank_row, make_frame
from .references import References, TownRef, no_town
from components.events.model import Problem

from .report import ImportReport, row_problem
from .rows import Record, RowError, decode, read_records


@dataclass
class ImportContext:
    """What a converter needs, and what it learns while converting."""

    kind: str
    label: str
    refs: References
    mapper: ActorMapper
    unmapped_actors: Counter = field(default_factory=Counter)
    unmapped_towns: Counter = field(default_factory=Counter)
    mapped: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    first_line: dict[str, int] = field(default_factory=dict)
    town_cache: dict[str, TownRef | None] = field(default_factory=dict)

    def claim_id(self, record: Record, column: str, event_id: str) -> str:
        """``event_id`` if no earlier row of the file used it; call before resolving names."""
        seen = self.first_line.setdefault(event_id, record.line)
        if seen != record.line:
            raise RowError(column, event_id, f"duplicate event id (first on line {seen})")
        return event_id

    def actors(self, names: list[str]) -> tuple[list[str], list[str]]:
        """Canonical actors (first-seen order, no repeats) and their sides (deduplicated)."""
        actors: list[str] = []
        sides: list[str] = []
        for name in names:
            hit = self.mapper(name)
            if hit.mapped:
                self.mapped[name] = hit.actor
            else:
                self.unmapped_actors[name] += 1
            if hit.actor not in actors:
                actors.append(hit.actor)
            if hit.side not in sides:
                sides.append(hit.side)
        return actors, sides

    def town(self, name: str, lat: float, lon: float) -> TownRef:
        """The registry town for a location name, else the location itself with the file's coordinates."""
        if name not in self.town_cache:
            self.town_cache[name] = self.refs.town(name)
        known = self.town_cache[name]
        if known:
            return known
        self.unmapped_towns[name] += 1
        return no_town(name, lat, lon)

    def warn(self, record: Record, column: str, value: str, message: str) -> None:
        self.warnings.append(row_problem(self.label, record.line, column, value, message))


def place(row: dict, towns: list[TownRef]) -> None:
    """Fill towns/town/lat/lon from resolved towns (the first is the primary one)."""
    names: list[str] = []
    for town in towns:
        if town.name and town.name not in names:
            names.append(town.name)
    row["towns"] = names
    row["town"] = towns[0].name if towns else ""
    row["lat"] = towns[0].lat if towns else math.nan
    row["lon"] = towns[0].lon if towns else math.nan


def actor_names(record: Record, columns: tuple[str, ...]) -> list[str]:
    """Actor names from single-actor and ';'-joined associated-actor columns, in column order."""
    names: list[str] = []
    for column in columns:
        names.extend(split_actors(record.get(column)))
    return names


def run_import(kind: str, data: bytes, label: str, required: tuple[str, ...],
               convert: Callable[[Record, ImportContext, dict], None], refs: References,
               mapper: ActorMapper, *, max_rows: int) -> tuple[pd.DataFrame, ImportReport]:
    """Decode, read and convert every record; ``convert`` fills a blank row or raises RowError."""
    records, malformed = read_records(decode(data, label), label, required, max_rows=max_rows)
    ctx = ImportContext(kind, label, refs, mapper)
    rows: list[dict] = []
    rejected: list[Problem] = list(malformed)
    for record in records:
        row = blank_row()
        try:
            convert(record, ctx, row)
        except RowError as err:
            rejected.append(err.problem(label, record.line))
            continue
        rows.append(row)
    rejected.sort(key=lambda p: p.line)
    report = ImportReport(kind, label, rows_read=len(records) + len(malformed), rows_accepted=len(rows),
                          rejected=tuple(rejected), warnings=tuple(ctx.warnings),
                          unmapped_actors=dict(ctx.unmapped_actors.most_common()),
                          unmapped_towns=dict(ctx.unmapped_towns.most_common()),
                          mapped_actors=dict(sorted(ctx.mapped.items())))
    return make_frame(rows), report
