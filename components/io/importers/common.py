"""The import loop shared by every format: convert each record or reject it with a reason.

Rows that share an event id are versions of one event: the one with the newer
``timestamp`` (ACLED) wins and the other is counted as *superseded*; two versions that
do not say which is newer are a duplicate, rejected with the line of the first.  So
``rows read = accepted + rejected + superseded`` always.
"""
from __future__ import annotations

import gc
import json
import math
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from components.events.hierarchy import scope
from components.events.model import Problem
from components.events.schema import blank_row
from components.text import escaped_name, name_suspicion

from .actor_map import ActorMapper, ActorMapping, split_actors
from .favours import FavoursDecider, party_sides
from .frame import make_frame
from .references import References, TownRef, no_town
from .report import ImportReport, row_problem
from .rows import Record, RowError, date_order, decode, read_records

# Columns holding names shown as labels and lanes: checked for look-alike letters and
# hidden or direction-changing characters (one warning per distinct value, at its first row).
NAME_COLUMNS = {
    "acled": ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "admin1", "admin2",
              "admin3", "event_type", "sub_event_type", "source"),
    "ucdp": ("side_a", "side_b", "where_coordinates", "adm_1", "adm_2", "conflict_name", "dyad_name",
             "source_office"),
}
# ACLED's admin columns -> the word that names such an area in the registry.
ADMIN_WORDS = (("admin1", "governorate"), ("admin2", "district"), ("admin3", "subdistrict"))


@dataclass
class ImportContext:
    """What a converter needs, and what it learns while converting."""

    kind: str
    label: str
    refs: References
    mapper: ActorMapper
    favours: FavoursDecider
    date_order: str | None = None
    unmapped_actors: Counter = field(default_factory=Counter)
    unmapped_towns: Counter = field(default_factory=Counter)
    mapping_rows: Counter = field(default_factory=Counter)     # ActorMapping -> rows using it
    warnings: list[Problem] = field(default_factory=list)
    town_cache: dict[str, TownRef | None] = field(default_factory=dict)
    names_checked: set[str] = field(default_factory=set)
    # the actor columns as written -> what they give; a big file repeats a few thousand dyads
    dyads: dict[tuple[str, ...], "Dyad"] = field(default_factory=dict)
    place_lists: dict[tuple, tuple[list[str], list[str]]] = field(default_factory=dict)   # see ``place``

    def check_names(self, record: Record, columns: tuple[str, ...]) -> None:
        """Warn once per distinct name that mixes scripts or hides control characters."""
        for column in columns:
            value = record.get(column)
            if not value or value in self.names_checked:
                continue
            self.names_checked.add(value)
            suspicion = name_suspicion(value)
            if suspicion:
                self.warn(record, column, escaped_name(value), f"the name {suspicion} (shown escaped)")

    def party(self, record: Record, columns: tuple[str, ...]) -> list[ActorMapping]:
        """The mapped actors named in ``columns`` (one actor column and its associates)."""
        return [self.mapper(name) for column in columns for name in split_actors(record.get(column))]

    def dyad(self, record: Record, parties: tuple[tuple[str, ...], ...]) -> "Dyad":
        """The two parties of the record (each: an actor column with its associates' columns),
        read once per distinct spelling of them in the file."""
        key = tuple(record.get(column) for columns in parties for column in columns)
        known = self.dyads.get(key)
        if known is None:
            known = self.dyads[key] = Dyad.of([self.party(record, columns) for columns in parties],
                                              self.refs.actor_parents)
        return known

    def actors(self, row: dict, dyad: "Dyad") -> None:
        """Fill actors, sides, possible_sides, actor_scope and source_actors; count each mapping
        once per row (the report's counts are rows, not mentions).  The lists are the dyad's,
        shared by its rows as a stored table's lists are: never mutated."""
        for hit in dyad.hits:
            self.mapping_rows[hit] += 1
            if not hit.mapped:
                self.unmapped_actors[hit.name] += 1
        row.update(dyad.fields)

    def decide_favours(self, event_type: str, sub_type: str, dyad: "Dyad") -> str:
        return self.favours(event_type, sub_type, *dyad.sides)

    def town(self, name: str, lat: float, lon: float) -> TownRef:
        """The registry town for a location name, else the location itself with the file's coordinates."""
        if name not in self.town_cache:
            self.town_cache[name] = self.refs.town(name)
        known = self.town_cache[name]
        if known:
            return known
        self.unmapped_towns[name] += 1
        return no_town(name, lat, lon)

    def admin_places(self, record: Record) -> list[str]:
        """Registry places for the row's admin areas ("Abu Kamal" in admin2 -> the district)."""
        out = []
        for column, word in ADMIN_WORDS:
            value = record.get(column)
            key = f"{value} {word}"
            if value:
                if key not in self.town_cache:
                    self.town_cache[key] = self.refs.town(key)
                if self.town_cache[key]:
                    out.append(self.town_cache[key].name)
        return out

    def place(self, row: dict, towns: list[TownRef], areas: list[str] = ()) -> None:
        """Fill towns/town/lat/lon from resolved towns (the first is the primary one), and
        place_scope: the towns, the admin ``areas`` and every place containing them.  The
        lists are made once per distinct (towns, areas) and shared by their rows."""
        key = (*(town.name for town in towns), None, *areas)
        lists = self.place_lists.get(key)
        if lists is None:
            names = list(dict.fromkeys(town.name for town in towns if town.name))
            lists = self.place_lists[key] = (names, scope([*names, *areas], self.refs.town_parents))
        row["towns"], row["place_scope"] = lists
        row["town"] = towns[0].name if towns else ""
        row["lat"] = towns[0].lat if towns else math.nan
        row["lon"] = towns[0].lon if towns else math.nan

    def warn(self, record: Record, column: str, value: str, message: str) -> None:
        self.warnings.append(row_problem(self.label, record.line, column, value, message))


@dataclass(frozen=True)
class Dyad:
    """What the actor columns of a row give: each mapping once (``hits``), the columns they
    fill (``fields``) and each party's sides for the favours rules (``sides``)."""

    hits: tuple[ActorMapping, ...]
    fields: dict
    sides: tuple[tuple[str, ...], tuple[str, ...]]

    @classmethod
    def of(cls, parties: list[list[ActorMapping]], actor_parents: dict[str, str]) -> "Dyad":
        actors: dict[str, None] = {}
        sides: dict[str, None] = {}
        possible: dict[str, None] = {}
        hits = tuple(dict.fromkeys(hit for party in parties for hit in party))
        for hit in hits:
            actors[hit.actor] = None
            sides.update(dict.fromkeys(hit.sides))
            if hit.uncertain:
                possible.update(dict.fromkeys(hit.sides))
        fields = {"actors": list(actors), "sides": list(sides), "possible_sides": list(possible),
                  "actor_scope": scope(actors, actor_parents),
                  "source_actors": [hit.name for party in parties for hit in party]}
        party = [party_sides(p) for p in parties] + [(), ()]
        return cls(hits, fields, (party[0], party[1]))


def source_record(record: Record) -> str:
    """The source row as JSON (column order kept), for exports that give it back unchanged:
    ``json.dumps(values, ensure_ascii=False, separators=(",", ":"))``, the same text, with
    each column name's JSON made once (its values are strings; half the time of ``dumps``)."""
    return "{" + ",".join([_json_key(key) + _QUOTE(value) for key, value in record.values.items()]) + "}"


_QUOTE = json.encoder.encode_basestring          # a JSON string literal, non-ASCII kept (the C one)


@lru_cache(maxsize=4096)
def _json_key(name: str) -> str:
    return _QUOTE(name) + ":"


class _Pause:
    """The imports running with the collector paused, and whether it ran before the first."""

    lock = threading.Lock()
    imports = 0
    collector_was_on = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off while an import builds its rows.  An import makes
    millions of small acyclic objects (row dicts, lists, strings), which reference counting
    frees; each of them would count towards the collector's next pass, and every full pass
    walks all of them again: a quarter of a 200,000-row import's time.  Nested and concurrent
    imports (two app sessions) share one pause; the collector comes back as it was."""
    with _Pause.lock:
        if _Pause.imports == 0:
            _Pause.collector_was_on = gc.isenabled()
            gc.disable()
        _Pause.imports += 1
    try:
        yield
    finally:
        with _Pause.lock:
            _Pause.imports -= 1
            if _Pause.imports == 0 and _Pause.collector_was_on:
                gc.enable()


def run_import(kind: str, data: bytes, label: str, required: tuple[str, ...],
               convert: Callable[[Record, ImportContext, dict], None], refs: References,
               mapper: ActorMapper, favours: FavoursDecider, *, max_rows: int,
               date_columns: tuple[str, ...] = (), given_order: str | None = None,
               ) -> tuple[pd.DataFrame, ImportReport]:
    """Decode, read and convert every record; ``convert`` fills a blank row or raises RowError."""
    with collection_paused():
        return _run_import(kind, data, label, required, convert, refs, mapper, favours, max_rows=max_rows,
                           date_columns=date_columns, given_order=given_order)


def _run_import(kind: str, data: bytes, label: str, required: tuple[str, ...],
                convert: Callable[[Record, ImportContext, dict], None], refs: References,
                mapper: ActorMapper, favours: FavoursDecider, *, max_rows: int,
                date_columns: tuple[str, ...], given_order: str | None) -> tuple[pd.DataFrame, ImportReport]:
    records, malformed = read_records(decode(data, label), label, required, max_rows=max_rows)
    orders = {date_order((r.get(c) for r in records), label, c, given_order) for c in date_columns}
    orders.discard(None)
    if len(orders) > 1:
        orders = {date_order((r.get(c) for c in date_columns for r in records), label,
                             "/".join(date_columns), given_order)}
    ctx = ImportContext(kind, label, refs, mapper, favours, next(iter(orders), given_order))
    kept: dict[str, tuple[dict, Record]] = {}
    rejected: list[Problem] = list(malformed)
    superseded = 0
    name_columns = NAME_COLUMNS.get(kind, ())
    for record in records:
        ctx.check_names(record, name_columns)
        row = blank_row()
        try:
            convert(record, ctx, row)
            previous = kept.get(row["event_id"])
            if previous is not None:
                newer = _newer(row, previous[0])
                if newer is None:
                    raise RowError(_id_column(kind), row["event_id"],
                                   f"duplicate event id (first on line {previous[1].line}; "
                                   "no timestamp says which version is newer)")
                superseded += 1
                if newer is previous[0]:
                    continue
        except RowError as err:
            rejected.append(err.problem(label, record.line))
            continue
        kept[row["event_id"]] = (row, record)
    rejected.sort(key=lambda p: p.line)
    report = ImportReport(kind, label, rows_read=len(records) + len(malformed), rows_accepted=len(kept),
                          rows_superseded=superseded, date_order=ctx.date_order or "",
                          rejected=tuple(rejected), warnings=tuple(ctx.warnings),
                          unmapped_actors=dict(ctx.unmapped_actors.most_common()),
                          unmapped_towns=dict(ctx.unmapped_towns.most_common()),
                          mappings=tuple(_mapping_summary(ctx.mapping_rows)),
                          favours_rules=dict(ctx.favours.decided.most_common()))
    return make_frame([row for row, _ in kept.values()]), report


def _newer(row: dict, other: dict) -> dict | None:
    """The newer of two versions of one event by ``source_timestamp``; None when unknown or equal."""
    try:
        mine, theirs = int(row["source_timestamp"]), int(other["source_timestamp"])
    except (TypeError, ValueError):
        return None
    return None if mine == theirs else row if mine > theirs else other


def _id_column(kind: str) -> str:
    return {"acled": "event_id_cnty", "ucdp": "id"}.get(kind, "event_id")


def _mapping_summary(rows: Counter) -> list[dict]:
    """Every actor name seen, with what it mapped to, how, and in how many rows (most first)."""
    return [{"name": hit.name, "actor": hit.actor, "sides": "|".join(hit.sides), "via": hit.via, "rows": n}
            for hit, n in sorted(rows.items(), key=lambda item: (-item[1], item[0].name))]
