"""The curated actor and town registries (data/actors.csv, data/towns.csv) as import lookups.

Importers and the article ingester resolve names against the same canonical
names and aliases the curated events use, so imported and curated rows line up.
A data directory without those files gives empty registries (nothing matches).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from components import DATA_DIR

from components.events.records import Problems
from components.events.registry import name_key
from components.events.tables import load_actors, load_towns

DEFAULT_DATA_DIR = DATA_DIR


@dataclass(frozen=True, slots=True)
class TownRef:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class References:
    """Canonical actors (with sides) and towns (with coordinates), keyed by every alias."""

    actors: dict[str, tuple[str, str]] = field(default_factory=dict)   # key -> (canonical, side)
    towns: dict[str, TownRef] = field(default_factory=dict)           # key -> town
    actor_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> names
    town_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_parents: dict[str, str] = field(default_factory=dict)   # canonical -> parent
    town_parents: dict[str, str] = field(default_factory=dict)

    def actor(self, name: str) -> tuple[str, str] | None:
        """(canonical, side) for an actor name or alias, any case."""
        return self.actors.get(name_key(name))

    def town(self, name: str) -> TownRef | None:
        """The town for a name or alias; hyphens, apostrophes and dots are also tried as spaces."""
        return self.towns.get(name_key(name)) or self.towns.get(_loose_key(name))


def _loose_key(name: str) -> str:
    return name_key(re.sub(r"[-‐–'’`.]", " ", name))


def load_references(data_dir: str | Path | None = None) -> References:
    """The registries of ``data_dir`` (default: the bundled data/); problems there are ignored
    here because the loader reports them (an import must still work with a broken table)."""
    data_dir = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    problems = Problems()
    actors, towns = {}, {}
    if (data_dir / "actors.csv").is_file():
        actors, _ = load_actors(data_dir, problems)
    if (data_dir / "towns.csv").is_file():
        towns, _ = load_towns(data_dir, problems)
    actor_keys: dict[str, tuple[str, str]] = {}
    actor_aliases: dict[str, tuple[str, ...]] = {}
    for actor in actors.values():
        names = (actor.name, *actor.aliases)
        actor_aliases[actor.name] = names
        for name in names:
            actor_keys.setdefault(name_key(name), (actor.name, actor.side.value))
    town_keys: dict[str, TownRef] = {}
    town_aliases: dict[str, tuple[str, ...]] = {}
    for town in towns.values():
        ref = TownRef(town.name, town.latitude, town.longitude)
        names = (town.name, *town.aliases)
        town_aliases[town.name] = names
        for name in names:
            town_keys.setdefault(name_key(name), ref)
            town_keys.setdefault(_loose_key(name), ref)
    return References(actor_keys, town_keys, actor_aliases, town_aliases,
                      {a.name: a.parent for a in actors.values() if a.parent},
                      {t.name: t.parent for t in towns.values() if t.parent})


def no_town(name: str, lat: float = math.nan, lon: float = math.nan) -> TownRef:
    """An unregistered location kept as its own town."""
    return TownRef(name, lat, lon)
