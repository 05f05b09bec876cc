"""The user-editable mapping from dataset actor names to canonical actors and sides.

``data/actor_map.csv`` holds rows ``pattern, match, actor, side, note``.  ``match`` is one of:

* ``exact``    -- the whole name, any case ("SDF");
* ``prefix``   -- the name starts with the pattern ("Military Forces of Russia");
* ``contains`` -- the pattern is a word sequence inside the name ("Wagner");
* ``regex``    -- a Python regular expression searched in the name, any case.

Every ``exact`` row is tried before any pattern row, whatever their order in the file, so
"Global Coalition Against Daesh" (exact: US-led coalition) is never caught by a ``Daesh``
pattern (ISIS); among pattern rows the first that matches wins, so specific rows go first
("Quds Force" before "Islamic Revolutionary Guard Corps").

``side`` may name alternatives joined by ``|`` ("syrian_government|russia" for "Allied
Syrian and/or Russian Forces"): such an event lists both sides, and both as only
*possible* (``possible_sides``), the way a date can be an interval.

Resolution order for one name: the curated registry (``data/actors.csv``, canonical
names and aliases, exact) first, then the map.  A one-side map row whose ``actor`` is a
curated actor takes the curated side, so the two never disagree.  Names matched by
neither are *unmapped*: kept as they are, with side "other".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from components.events.model import Side

from .references import DEFAULT_DATA_DIR, References
from .report import ImportFileError
from .rows import decode, read_records

DEFAULT_ACTOR_MAP = DEFAULT_DATA_DIR / "actor_map.csv"
ACTOR_MAP_COLUMNS = ("pattern", "match", "actor", "side")
MATCH_KINDS = ("exact", "prefix", "contains", "regex")
UNMAPPED_SIDE = Side.OTHER.value


@dataclass(frozen=True, slots=True)
class MapRule:
    pattern: str
    match: str
    actor: str
    sides: tuple[str, ...]
    line: int
    regex: re.Pattern

    def __str__(self) -> str:
        return f"{self.match} {self.pattern!r} -> {self.actor} [{'|'.join(self.sides)}]"


@dataclass(frozen=True, slots=True)
class ActorMapping:
    """The result for one dataset name: canonical actor, side(s), and how it was found."""

    name: str
    actor: str
    sides: tuple[str, ...]   # one side, or the alternatives when the name is ambiguous
    via: str                 # "registry" | "map:<line>" | "unmapped"

    @property
    def mapped(self) -> bool:
        return self.via != "unmapped"

    @property
    def uncertain(self) -> bool:
        return len(self.sides) > 1


def _compile(pattern: str, match: str) -> re.Pattern:
    words = re.escape(pattern)
    body = {"exact": rf"\A{words}\Z", "prefix": rf"\A{words}", "contains": rf"(?<!\w){words}(?!\w)",
            "regex": pattern}[match]
    return re.compile(body, re.IGNORECASE)


def load_actor_map(path: str | Path | None = None) -> tuple[MapRule, ...]:
    """The rules of an actor-map CSV, exact rows first; any bad row refuses the whole map,
    with every reason."""
    path = Path(path) if path is not None else DEFAULT_ACTOR_MAP
    if not path.is_file():
        raise ImportFileError(f"actor map not found: {path}")
    records, bad = read_records(decode(path.read_bytes(), path.name), path.name, ACTOR_MAP_COLUMNS)
    problems = [str(p) for p in bad]
    rules: list[MapRule] = []
    known_sides = {s.value for s in Side}
    for rec in records:
        pattern, match = rec.get("pattern"), rec.get("match").lower() or "exact"
        actor, side = rec.get("actor") or pattern, rec.get("side").lower()
        sides = tuple(dict.fromkeys(s.strip() for s in side.split("|")))
        where = f"{path.name}:{rec.line}"
        if not pattern:
            problems.append(f"{where}:pattern: empty pattern")
        elif match not in MATCH_KINDS:
            problems.append(f"{where}:match: {match!r} — expected one of {', '.join(MATCH_KINDS)}")
        elif not set(sides) <= known_sides:
            problems.append(f"{where}:side: {side!r} — expected one of {', '.join(sorted(known_sides))}"
                            " (alternatives joined by '|')")
        else:
            try:
                rules.append(MapRule(pattern, match, actor, sides, rec.line, _compile(pattern, match)))
            except re.error as err:
                problems.append(f"{where}:pattern: {pattern!r} — bad regular expression: {err}")
    if problems:
        raise ImportFileError("bad actor map:\n" + "\n".join(problems))
    return tuple(sorted(rules, key=lambda rule: rule.match != "exact"))   # stable: file order kept


def mapped_actor_sides(path: str | Path | None = None) -> dict[str, str]:
    """Actor -> side for every actor the map names with one side ("Kataib Sayyid al-Shuhada"
    -> iran), so an imported actor outside the registry still sits in its camp; empty when
    the map cannot be read (an import reports that itself)."""
    try:
        rules = load_actor_map(path)
    except ImportFileError:
        return {}
    sides: dict[str, str] = {}
    for rule in rules:
        if len(rule.sides) == 1:
            sides.setdefault(rule.actor, rule.sides[0])
    return sides


class ActorMapper:
    """Resolves dataset actor names (memoised: big files repeat a few hundred names)."""

    def __init__(self, rules: tuple[MapRule, ...], refs: References) -> None:
        self.rules, self.refs = rules, refs
        self._cache: dict[str, ActorMapping] = {}

    def __call__(self, name: str) -> ActorMapping:
        hit = self._cache.get(name)
        if hit is None:
            hit = self._cache[name] = self._resolve(name)
        return hit

    def _resolve(self, name: str) -> ActorMapping:
        known = self.refs.actor(name)
        if known:
            return ActorMapping(name, known[0], (known[1],), "registry")
        for rule in self.rules:
            if rule.regex.search(name):
                curated = self.refs.actor(rule.actor) if len(rule.sides) == 1 else None
                actor, sides = (curated[0], (curated[1],)) if curated else (rule.actor, rule.sides)
                return ActorMapping(name, actor, sides, f"map:{rule.line}")
        return ActorMapping(name, name, (UNMAPPED_SIDE,), "unmapped")


def split_actors(value: str) -> list[str]:
    """ACLED's assoc_actor cells hold several names joined with ';'."""
    return [part.strip() for part in value.split(";") if part.strip()]
