"""The reference tables: articles.csv (+ article texts), actors.csv, towns.csv, event_types.csv."""
from __future__ import annotations

import re
from pathlib import Path

from .records import Problems, Record, read_table, read_text, split_list
from .fields import bounded_float, enum_value, first_seen, iso_date, require
from .model import Actor, Article, EventType, LocationPrecision, Side, Town
from .registry import NameRegistry, name_key

ARTICLE_COLUMNS = ("article_id", "file", "title", "outlet", "relays", "url",
                   "published_earliest", "published_latest", "published_evidence")
ARTICLE_REQUIRED = ("article_id", "file", "title", "outlet", "published_earliest", "published_latest")
ACTOR_COLUMNS = ("actor", "side", "parent", "aliases", "colour")
ACTOR_REQUIRED = ("actor", "side")
TOWN_COLUMNS = ("town", "aliases", "parent", "admin_area", "latitude", "longitude", "location_precision")
TOWN_OPTIONAL = ("parent",)
TOWN_REQUIRED = ("town", "latitude", "longitude", "location_precision")
EVENT_TYPE_COLUMNS = ("event_type", "description", "example")
EVENT_TYPE_REQUIRED = ("event_type", "description")

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def load_articles(data_dir: Path, problems: Problems) -> tuple[dict[str, Article], set[str]]:
    """articles.csv, each with the text of its file in data/articles/, and every declared id
    (a declared but broken article is reported once, not again for each of its events)."""
    label, seen, articles = "articles.csv", {}, {}
    records = read_table(data_dir / label, ARTICLE_COLUMNS, problems)
    for rec in records:
        if not require(rec, ARTICLE_REQUIRED, label, problems):
            continue
        if not first_seen(seen, rec["article_id"], rec, "article_id", label, problems):
            continue
        first = iso_date(rec, "published_earliest", label, problems)
        last = iso_date(rec, "published_latest", label, problems)
        text = _article_text(data_dir, rec, problems)
        if first is None or last is None or text is None:
            continue
        if last < first:
            problems.add(label, rec.line, "published_latest", rec["published_latest"],
                         f"published_latest {last} is before published_earliest {first}")
            continue
        articles[rec["article_id"]] = Article(
            rec["article_id"], rec["file"], rec["title"], rec["outlet"], split_list(rec["relays"]),
            rec["url"], first, last, rec["published_evidence"], text)
    return articles, {rec["article_id"] for rec in records if rec["article_id"]}


def _article_text(data_dir: Path, rec: Record, problems: Problems) -> str | None:
    name = rec["file"]
    if Path(name).name != name or name in (".", ".."):
        problems.add("articles.csv", rec.line, "file", name,
                     f"bad file '{name}' (expected a plain file name inside articles/)")
        return None
    path = data_dir / "articles" / name
    if not path.is_file():
        problems.add("articles.csv", rec.line, "file", name, f"article file '{name}' not found in {path.parent}")
        return None
    return read_text(path, problems, f"articles/{name}")


def load_actors(data_dir: Path, problems: Problems) -> tuple[dict[str, Actor], NameRegistry]:
    """actors.csv and the actor-name registry; parents are checked once all actors are known."""
    label, seen, registry = "actors.csv", {}, NameRegistry("actor")
    rows: list[tuple[Record, Side]] = []
    for rec in read_table(data_dir / label, ACTOR_COLUMNS, problems):
        if not require(rec, ACTOR_REQUIRED, label, problems):
            continue
        if not first_seen(seen, name_key(rec["actor"]), rec, "actor", label, problems):
            continue
        registry.add(rec["actor"], split_list(rec["aliases"]), label, rec.line, problems)
        side = enum_value(rec, "side", Side, label, problems)
        if rec["colour"] and not HEX_COLOUR.fullmatch(rec["colour"]):
            problems.add(label, rec.line, "colour", rec["colour"],
                         f"bad colour '{rec['colour']}' (expected #rrggbb)")
            continue
        if side is not None:
            rows.append((rec, side))
    actors: dict[str, Actor] = {}
    for rec, side in rows:
        parent = _resolve_parent(rec, registry, label, problems)
        if parent is None:
            continue
        actors[rec["actor"]] = Actor(rec["actor"], side, parent, split_list(rec["aliases"]),
                                     rec["colour"].lower())
    _check_parent_cycles(label, actors, {rec["actor"]: rec.line for rec, _ in rows}, problems)
    return actors, registry


def _resolve_parent(rec: Record, registry: NameRegistry, label: str, problems: Problems) -> str | None:
    """The canonical parent named in ``rec`` ("" for none), or None after reporting an unknown one."""
    if not rec["parent"]:
        return ""
    parent = registry.resolve(rec["parent"])
    if not parent:
        problems.add(label, rec.line, "parent", rec["parent"], "parent " + registry.unknown_message(rec["parent"]))
    return parent or None


def _check_parent_cycles(label: str, items: dict, lines: dict[str, int], problems: Problems) -> None:
    parents = {name: item.parent for name, item in items.items()}
    reported: set[str] = set()
    for name in items:
        chain, current = [name], parents[name]
        while current and current in items and current not in chain:
            chain.append(current)
            current = parents[current]
        if current == name and name not in reported:
            reported.update(chain)
            problems.add(label, lines[name], "parent", parents[name],
                         "parent cycle: " + " -> ".join([*chain, name]))


def load_towns(data_dir: Path, problems: Problems) -> tuple[dict[str, Town], NameRegistry]:
    """towns.csv and the town-name registry."""
    label, seen, registry, towns = "towns.csv", {}, NameRegistry("town"), {}
    rows: list[tuple[Record, float, float, LocationPrecision]] = []
    for rec in read_table(data_dir / label, TOWN_COLUMNS, problems, TOWN_OPTIONAL):
        if not require(rec, TOWN_REQUIRED, label, problems):
            continue
        if not first_seen(seen, name_key(rec["town"]), rec, "town", label, problems):
            continue
        registry.add(rec["town"], split_list(rec["aliases"]), label, rec.line, problems)
        lat = bounded_float(rec, "latitude", -90, 90, label, problems)
        lon = bounded_float(rec, "longitude", -180, 180, label, problems)
        precision = enum_value(rec, "location_precision", LocationPrecision, label, problems)
        if lat is None or lon is None or precision is None:
            continue
        rows.append((rec, lat, lon, precision))
    for rec, lat, lon, precision in rows:      # parents may be listed after their children
        parent = _resolve_parent(rec, registry, label, problems)
        if parent is not None:
            towns[rec["town"]] = Town(rec["town"], split_list(rec["aliases"]), rec["admin_area"],
                                      lat, lon, precision, parent)
    _check_parent_cycles(label, towns, {rec["town"]: rec.line for rec, *_ in rows}, problems)
    return towns, registry


def load_event_types(data_dir: Path, problems: Problems) -> dict[str, EventType]:
    """event_types.csv: the event_type vocabulary (keys case-folded)."""
    label, seen, types = "event_types.csv", {}, {}
    for rec in read_table(data_dir / label, EVENT_TYPE_COLUMNS, problems):
        if not require(rec, EVENT_TYPE_REQUIRED, label, problems):
            continue
        key = rec["event_type"].casefold()
        if first_seen(seen, key, rec, "event_type", label, problems):
            types[key] = EventType(key, rec["description"], rec["example"])
    return types
