"""The user-editable mapping from dataset actor names to canonical actors and sides.

``data/actor_map.csv`` holds rows ``pattern, match, actor, side, note``; the
first row whose pattern matches wins, so specific rows go first ("Quds Force"
before "Islamic Revolutionary Guard Corps").  ``match`` is one of:

* ``exact``    -- the whole name, any case ("SDF");
* ``prefix``   -- the name starts with the pattern ("Military Forces of Russia");
* ``contains`` -- the pattern is a word sequence inside the name ("Wagner");
* ``regex``    -- a Python regular expression searched in the name, any case.

Resolution order for one name: the curated registry (``data/actors.csv``,
canonical names and aliases, exact) first, then the map.  A map row whose
``actor`` is a curated actor takes the curated side, so the two never disagree.
Names matched by neither are *unmapped*: kept as they are, with side "other".
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
    side: str
    line: int
    regex: re.Pattern

    def __str__(self) -> str:
        return f"{self.match} {self.pattern!r} -> {self.actor} [{self.side}]"


@dataclass(frozen=True, slots=True)
class ActorMapping:
    """The result for one dataset name: canonical actor, side, and how it was found."""

    name: str
    actor: str
    side: str
    via: str            # "registry" | "map:<line>" | "unmapped"

    @property
    def mapped(self) -> bool:
        return self.via != "unmapped"


def _compile(pattern: str, match: str) -> re.Pattern:
    words = re.escape(pattern)
    body = {"exact": rf"\A{words}\Z", "prefix": rf"\A{words}", "contains": rf"(?<!\w){words}(?!\w)",
            "regex": pattern}[match]
    return re.compile(body, re.IGNORECASE)


def load_actor_map(path: str | Path | None = None) -> tuple[MapRule, ...]:
    """The rules of an actor-map CSV; any bad row makes the whole map refused, with every reason."""
    path = Path(path) if path is not None else DEFAULT_ACTOR_MAP
    if not path.is_file():
        raise ImportFileError(f"actor map not found: {path}")
    records, bad = read_records(decode(path.read_bytes(), path.name), path.name, ACTOR_MAP_COLUMNS)
    problems = [str(p) for p in bad]
    rules: list[MapRule] = []
    sides = {s.value for s in Side}
    for rec in records:
        pattern, match = rec.get("pattern"), rec.get("match").lower() or "exact"
        actor, side = rec.get("actor") or pattern, rec.get("side").lower()
        where = f"{path.name}:{rec.line}"
        if not pattern:
            problems.append(f"{where}:pattern: empty pattern")
        elif match not in MATCH_KINDS:
            problems.append(f"{where}:match: {match!r} — expected one of {', '.join(MATCH_KINDS)}")
        elif side not in sides:
            problems.append(f"{where}:side: {side!r} — expected one of {', '.join(sorted(sides))}")
        else:
            try:
                rules.append(MapRule(pattern, match, actor, side, rec.line, _compile(pattern, match)))
            except re.error as err:
                problems.append(f"{where}:pattern: {pattern!r} — bad regular expression: {err}")
    if problems:
        raise ImportFileError("bad actor map:\n" + "\n".join(problems))
    return tuple(rules)


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
            return ActorMapping(name, known[0], known[1], "registry")
        for rule in self.rules:
            if rule.regex.search(name):
                curated = self.refs.actor(rule.actor)
                actor, side = curated if curated else (rule.actor, rule.side)
                return ActorMapping(name, actor, side, f"map:{rule.line}")
        return ActorMapping(name, name, UNMAPPED_SIDE, "unmapped")


def split_actors(value: str) -> list[str]:
    """ACLED's assoc_actor cells hold several names joined with ';'."""
    return [part.strip() for part in value.split(";") if part.strip()]
