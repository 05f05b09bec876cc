"""Bundled base geometry (data/geo/*.geojson) read into plain line objects for the map."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from components import DATA_DIR

GEO_FILE = DATA_DIR / "geo" / "deir_ez_zor.geojson"
KINDS = ("river", "border")


class GeoDataError(ValueError):
    """The bundled GeoJSON is not the shape the map expects."""


@dataclass(frozen=True, slots=True)
class GeoLine:
    """One base-layer line: a river or a border, as parallel lon/lat tuples."""

    name: str
    kind: str
    lon: tuple[float, ...]
    lat: tuple[float, ...]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise GeoDataError(f"{self.name}: kind must be one of {KINDS}, got {self.kind!r}")
        if len(self.lon) != len(self.lat) or len(self.lon) < 2:
            raise GeoDataError(f"{self.name}: a line needs at least two [lon, lat] points")

    def __str__(self) -> str:
        return f"{self.name} [{self.kind}, {len(self.lon)} points]"


def load_geo_lines(path: Path = GEO_FILE) -> tuple[GeoLine, ...]:
    """The LineString features of a GeoJSON FeatureCollection as GeoLine objects."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    lines = []
    for i, feature in enumerate(collection.get("features", [])):
        geometry, props = feature.get("geometry") or {}, feature.get("properties") or {}
        if geometry.get("type") != "LineString":
            raise GeoDataError(f"{Path(path).name}: feature {i} is not a LineString")
        coords = geometry["coordinates"]
        lines.append(GeoLine(name=str(props.get("name", f"line {i}")), kind=str(props.get("kind")),
                             lon=tuple(float(c[0]) for c in coords),
                             lat=tuple(float(c[1]) for c in coords)))
    return tuple(lines)
