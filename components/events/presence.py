"""Who was where, when: presence episodes per place and side, inferred from the events.

An episode of side S at place P starts with an event that puts S there and ends with
one that removes it, or stays open at the end of the data.  Each edge is an interval
(the dates of its event), so an episode says both where S was *certainly* present
(from the latest possible start to the earliest possible end) and where it was only
*possibly* present (from the earliest start to the latest end).

What each event type does is the curated table ``presence_rules.csv`` (bundled in data/;
a data directory may carry its own, which then replaces it):

==========  ==================================================================
effect      the sides it concerns (``favours`` and ``sides`` of the event)
==========  ==================================================================
arrive      the favoured side if it takes part, else every side: opens or continues
gain        only the favoured side (a takeover may list the side that lost it): opens
present     the same sides: evidence of presence, opens an episode if none is open
leave       the sides other than the favoured one (all if none is favoured): closes
transfer    the favoured side arrives, the other sides leave (a handover); with no
            favoured side among its sides (ground went to a third party, or who
            gained is not coded), only the camps it certainly names leave
==========  ==================================================================

ACLED imports: ``event_type`` is ACLED's sub-event type, and ``favours`` comes from
``favours_rules.csv`` (the camp that receives ground), so a base established opens the
camp's presence and a transfer of territory passes the place from one camp to the other.
Clashes, strikes and attacks open nothing: being fought at a place is not holding it.

Only rows whose status says it happened count (``COUNTED_STATUSES``); planned and
hypothetical rows never do.  An ongoing or background row states a situation that held
over its whole interval, so its interval is presence, not only a date to place; a
reported row happened on some day inside its interval.  Places are the event's own
towns (exact names); a filter by place picks the events first.

>>> episodes = presence_episodes(frame, load_presence_rules(DATA_DIR))
>>> [e.place for e in episodes if e.side == "russia"][:1]
['Al-Mayadeen desert']
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from components import DATA_DIR

from .model import CAMPS, EventDataError, side_label
from .records import Problems, read_table

LABEL = "presence_rules.csv"
EFFECTS = ("arrive", "gain", "present", "leave", "transfer")
COUNTED_STATUSES = frozenset({"reported", "claimed", "ongoing", "background"})
STATE_STATUSES = frozenset({"ongoing", "background"})


@dataclass(frozen=True, slots=True)
class Episode:
    place: str
    side: str
    start_earliest: date
    start_latest: date
    end_earliest: date | None      # None: still open at the end of the data
    end_latest: date | None
    evidence: tuple[str, ...]      # event ids, in date order
    rule: str                      # how the edges were found, in words
    data_end: date                 # the last day of the data (where an open episode stops)
    last_seen: date | None = None  # the last day the evidence certainly puts the side there

    @property
    def certain(self) -> tuple[date, date] | None:
        """The days the side was certainly there, or None when the edges overlap."""
        last = self.end_earliest if self.end_earliest is not None else self.data_end
        return (self.start_latest, last) if self.start_latest <= last else None

    @property
    def possible(self) -> tuple[date, date]:
        return self.start_earliest, self.end_latest if self.end_latest is not None else self.data_end

    def as_json(self) -> dict:
        day = lambda d: d.isoformat() if d is not None else ""   # noqa: E731
        return {"place": self.place, "side": self.side, "side_label": side_label(self.side),
                "start_earliest": day(self.start_earliest), "start_latest": day(self.start_latest),
                "end_earliest": day(self.end_earliest), "end_latest": day(self.end_latest),
                "evidence": list(self.evidence), "rule": self.rule}


def load_presence_rules(data_dir: str | Path | None = None) -> dict[str, str]:
    """event_type -> effect from ``data_dir/presence_rules.csv`` (the bundled one when the
    directory has none); raises EventDataError listing every bad row."""
    path = Path(data_dir) / LABEL if data_dir is not None else DATA_DIR / LABEL
    if not path.exists():
        path = DATA_DIR / LABEL
    problems, rules = Problems(), {}
    for rec in read_table(path, ("event_type", "effect", "example"), problems):
        kind, effect = rec["event_type"].casefold(), rec["effect"].casefold()
        if effect not in EFFECTS:
            problems.add(LABEL, rec.line, "effect", rec["effect"],
                         f"effect {rec['effect']!r} is not one of {', '.join(EFFECTS)}")
        elif kind in rules:
            problems.add(LABEL, rec.line, "event_type", rec["event_type"],
                         f"event_type {rec['event_type']!r} listed twice")
        else:
            rules[kind] = effect
    if problems.items:
        raise EventDataError(problems.items)
    return rules


def _moves(sides: list[str], favours, effect: str, possible: list[str] = ()) -> list[tuple[str, str]]:
    """(side, 'in' | 'out') for one event (its sides, favours and only-possible sides) under
    its effect."""
    sides = [s for s in sides if s]
    favoured = favours if favours in sides else None
    arriving = [favoured] if favoured else sides
    leaving = [s for s in sides if s != favoured] or sides
    if effect in ("arrive", "present"):
        return [(s, "in") for s in arriving]
    if effect == "gain":
        return [(favoured, "in")] if favoured else []
    if effect == "leave":
        return [(s, "out") for s in leaving]
    if not favoured:   # "Iran-backed militias hand checkpoints to the Syrian army": Iran leaves;
        # the receiver is not known to gain, and a side the event only possibly names
        # ("Allied Syrian and/or Russian Forces") does not move
        return [(s, "out") for s in sides if s in CAMPS and s not in possible]
    return [(favoured, "in")] + [(s, "out") for s in sides if s != favoured]


def presence_episodes(events: pd.DataFrame, rules: dict[str, str], *,
                      places: Iterable[str] | None = None) -> list[Episode]:
    """Every episode in ``events`` (schema.FRAME_COLUMNS), ordered by place, side, start;
    with ``places``, only the episodes at those places (an event naming two places is
    evidence at each, so a town filter must also narrow the places)."""
    if events.empty:
        return []
    data_end = pd.Timestamp(events["latest"].max()).date()
    counted = events[events["status"].astype(str).isin(COUNTED_STATUSES)
                     & events["event_type"].astype(str).str.casefold().isin(rules)]
    steps: dict[tuple[str, str], list[tuple]] = {}
    # Column by column, only the nine read here: a row-dict walk over every column cost
    # ~14 s per 100,000 rows (pandas boxes each value), this ~1 s.
    names = ("event_id", "event_type", "status", "favours", "sides", "towns", "possible_sides")
    columns = [_values(counted[c]) if c in counted else [()] * len(counted) for c in names]
    for event_id, kind, status, favours, sides, towns, possible, first, last in zip(
            *columns, _days(counted["earliest"]), _days(counted["latest"])):
        kind, event_id = str(kind), str(event_id)
        state = str(status) in STATE_STATUSES
        for side, move in _moves(_as_list(sides), favours, rules[kind.casefold()], _as_list(possible)):
            for place in _as_list(towns):
                steps.setdefault((place, side), []).append((first, last, event_id, move, state, kind))
    episodes = []
    wanted = set(places) if places is not None else None
    for (place, side), moves in sorted(steps.items()):
        if wanted is not None and place not in wanted:
            continue
        episodes += _walk(place, side, sorted(moves), data_end)
    return episodes


def _walk(place: str, side: str, moves: list[tuple], data_end: date) -> list[Episode]:
    out, current = [], None
    for first, last, event_id, move, state, kind in moves:
        if move == "in":
            if current is None:
                start = (first, first) if state else (first, last)
                why = (f"{side_label(side)} {'there throughout' if state else 'arrives or is seen'}"
                       f" in {event_id} ({kind})")
                current = {"start": start, "evidence": [event_id], "why": why, "seen": None}
            else:
                current["evidence"].append(event_id)
            seen = last if state else first
            current["seen"] = max(current["seen"] or seen, seen)
            continue
        if current is None:        # leaving without an earlier sign: there just before it
            current = {"start": (first, last), "evidence": [], "seen": None,
                       "why": f"{side_label(side)} there until it leaves in {event_id} ({kind})"}
        current["evidence"].append(event_id)
        out.append(Episode(place, side, *current["start"], first, last,
                           tuple(current["evidence"]),
                           f"{current['why']}; leaves in {event_id} ({kind})", data_end,
                           current["seen"]))
        current = None
    if current is not None:
        out.append(Episode(place, side, *current["start"], None, None, tuple(current["evidence"]),
                           f"{current['why']}; no later event removes it (open at the end of the data)",
                           data_end, current["seen"]))
    return out


def _values(column: pd.Series) -> list:
    """A column as plain Python values; Arrow-backed columns converted by Arrow at once
    (pandas would box every value on the way)."""
    arrow = getattr(column.array, "__arrow_array__", None)
    return arrow().to_pylist() if arrow is not None else column.tolist()


def _days(column: pd.Series) -> list[date]:
    return pd.to_datetime(column).to_numpy(dtype="datetime64[D]").tolist()


def _as_list(value) -> list[str]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value]
