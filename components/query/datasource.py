"""Where the dashboard and the export CLI get their events: bundled data/, a directory, or a file.

``load_view_data(path)`` returns the events frame plus what the URL layer needs to
accept aliases (actor and town alias registries) and what the timeline needs to colour
actor lanes (actor -> side). A curated directory goes through ``components.events``
(aliases included); an events ``.parquet``/``.csv`` file through ``components.io.store``
(canonical names only). Problems surface as ``data_problems(err)``: one plain-text
line per problem, row-precise for curated data.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.events import events_to_frame, load_dataset
from components.events.loader import DEFAULT_DATA_DIR
from components.io.importers.actor_map import mapped_actor_sides
from components.io.importers.references import load_references
from components.io.store import check_path, is_curated

DATA_ENV = "DZ_DATA"


@dataclass(frozen=True)
class ViewData:
    frame: pd.DataFrame
    label: str                                             # what was loaded, for the footer
    actor_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    town_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_sides: dict[str, str] = field(default_factory=dict)
    summary: str = ""                                      # one line: what the data holds
    moments: dict[str, str] = field(default_factory=dict)  # event_id -> key-moment label
    town_parents: dict[str, str] = field(default_factory=dict)   # place -> the place it is in
    town_coords: dict[str, tuple[float, float]] = field(default_factory=dict)  # place -> (lat, lon)


def resolve_data_path(cli_value: str | None = None, env: dict[str, str] | None = None) -> Path:
    """``--data`` if given, else ``$DZ_DATA``, else the bundled data/ directory."""
    env = os.environ if env is None else env
    chosen = cli_value or env.get(DATA_ENV) or ""
    if not chosen:
        return DEFAULT_DATA_DIR
    try:
        return Path(chosen).expanduser().resolve()
    except (RuntimeError, OSError):     # a symlink loop: load_view_data names it
        return Path(chosen).expanduser().absolute()


def load_view_data(path: str | Path | None = None) -> ViewData:
    """Load ``path`` (default bundled data/); raises EventDataError or ValueError on bad data."""
    path = Path(path) if path is not None else DEFAULT_DATA_DIR
    check_path(path)                     # a FIFO, a symlink loop: refused before any open
    if is_curated(path):
        dataset = load_dataset(path)
        frame = events_to_frame(dataset)
        # Lets the query engine reuse its import across st.cache_data copies of the frame.
        stamp = max((p.stat().st_mtime_ns for p in path.glob("*.csv")), default=0)
        frame.attrs["engine_key"] = f"datadir:{path.resolve()}:{stamp}"
        return ViewData(
            frame=frame,
            label=_label(path),
            actor_aliases={a.name: tuple(a.aliases) for a in dataset.actors.values()},
            town_aliases={t.name: tuple(t.aliases) for t in dataset.towns.values()},
            actor_sides={**mapped_actor_sides(), **{a.name: a.side.value for a in dataset.actors.values()}},
            summary=dataset.summary(),
            moments=dict(dataset.moments),
            town_parents=dataset.town_parents,
            town_coords={t.name: (t.latitude, t.longitude) for t in dataset.towns.values()},
        )
    # An import or an events file: canonical names from the bundled registries, so their
    # aliases (and the file's own spellings, which the importer mapped) work in filters.
    from components.query.engine import open_events
    refs = load_references()
    frame = open_events(path)
    return ViewData(frame=frame, label=_label(path), summary=f"{len(frame):,} events in {path}",
                    actor_aliases=refs.actor_aliases,
                    town_aliases=refs.town_aliases,
                    actor_sides={**mapped_actor_sides(), **{name: side for name, side in refs.actors.values()}},
                    town_parents=dict(refs.town_parents),
                    town_coords={t.name: (t.lat, t.lon) for t in refs.towns.values()})


def _label(path: Path) -> str:
    return "bundled data/" if path.resolve() == DEFAULT_DATA_DIR.resolve() else path.name
