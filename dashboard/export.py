"""Write a dashboard view as PNG without the app: ``python -m dashboard.export --out FILE.png``.

Takes the same filter and view options as the app's URL (``--town``, ``--side``,
``--start``, ``--swimlane`` ...; repeat an option or separate values with commas), the
same validation (unknown values are reported on stderr and ignored) and the same figure
builders, then renders through kaleido with the system chromium at scale 2.
Does not import streamlit.

Exit status: 0 written, 1 the data could not be loaded (problems on stderr),
2 bad command line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.events.model import data_problems
from components.query.datasource import load_view_data, resolve_data_path
from components.query.run import filter_events
from components.views.build import VIEWS, ViewInput, build_view, figure_png
from components.query.fields import URL_KEYS
from components.views.urlstate import parse_query_params, vocabulary_from_frame

URL_OPTIONS = sorted(URL_KEYS)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard.export",
                                description="Write the timeline, map or balance view as a PNG.")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--view", choices=VIEWS, default="timeline")
    p.add_argument("--data", help="data directory or events .parquet/.csv (default: $DZ_DATA or data/)")
    p.add_argument("--scale", type=int, default=2, help="pixel scale (default 2)")
    for key in URL_OPTIONS:
        p.add_argument(f"--{key}", action="append", metavar="VALUE",
                       help=f"as the URL parameter '{key}' (repeatable, comma-separated)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        print(f"error: --out must end in .png: {out}", file=sys.stderr)
        return 2
    path = resolve_data_path(args.data)
    try:
        data = load_view_data(path)
    except (ValueError, OSError) as err:
        print(f"error: the data at {path} could not be loaded:", file=sys.stderr)
        for line in data_problems(err):
            print(f"  {line}", file=sys.stderr)
        return 1
    vocab = vocabulary_from_frame(data.frame, actor_aliases=data.actor_aliases,
                                  town_aliases=data.town_aliases)
    params = {key: getattr(args, key) for key in URL_OPTIONS if getattr(args, key)}
    parsed = parse_query_params(params, vocab)
    if parsed.warnings:       # a bad filter value: refuse, never draw an unfiltered chart
        for warning in parsed.warnings:
            print(f"error: {warning}", file=sys.stderr)
        return 2
    shown = filter_events(data.frame, parsed.filter)
    view = ViewInput(events=data.frame, shown=shown, flt=parsed.filter, options=parsed.options,
                     actor_sides=data.actor_sides, moments=data.moments,
                     town_coords=data.town_coords, town_parents=data.town_parents)
    fig = build_view(args.view, view)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(figure_png(fig, args.view, scale=args.scale))
    print(f"wrote {out} ({args.view}; {view.context()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
