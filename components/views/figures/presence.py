"""Who was where, when: one row per place, Russia's presence above and Iran's below.

Each presence episode (``components.events.presence``) is drawn as two bars on its
side's row: a faded one over the days the side was *possibly* there (earliest start to
latest end, or the end of the data when the episode is open) and a solid one over the
days it was *certainly* there (latest start to earliest end); an open episode's certain part stops at its
last evidence and continues lighter to the end of the data (no event removes the side).  The hover lists the
episode's evidence (event ids) and the rule that made it.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.events.model import CAMPS, side_label
from components.events.presence import Episode
from components.views.figures.axes import LEGEND_ROW_PX
from components.views.figures.common import (SIDE_COLOURS, base_layout, context_markup,
                                             empty_figure, fixed_label_margin, new_draft, plain_text, rgba,
                                             trace)

ROW_PX = 22
LEGEND_PX = 3 * LEGEND_ROW_PX + 12   # three legend rows under the dates
MAX_PLACES = 40          # rows beyond this are left out (named in the title)
MAX_EPISODES = 4_000     # bars beyond this are a message instead (~1 MB of hover text)
ONE_DAY = pd.Timedelta(days=1)


def presence_figure(episodes: list[Episode], *, context: str = "",
                    sides: tuple[str, ...] = CAMPS) -> go.Figure:
    """The presence view of ``episodes`` (only ``sides``: Russia and Iran by default)."""
    safe_context = context_markup(context)
    title = "Who was where, when: presence of Russia (above) and Iran (below) per place"
    shown = [e for e in episodes if e.side in sides]
    if not shown:
        return empty_figure("Presence: no Russian or Iranian presence inferred in this view",
                            safe_context)
    places = _place_order(shown)
    left_out = len(places) - MAX_PLACES
    if left_out > 0:                  # the places with the most evidence; a town filter shows others
        places = places[:MAX_PLACES]
        kept = set(places)
        shown = [e for e in shown if e.place in kept]
        title += f" — the {MAX_PLACES} places with the most evidence ({left_out:,} more: pick a town)"
    if len(shown) > MAX_EPISODES:
        return empty_figure(f"Presence: {len(shown):,} episodes, too many to draw one by one; pick a town "
                            "or a shorter date range", safe_context)
    row = {(place, side): i * (len(sides) + 0.6) + k
           for i, place in enumerate(places) for k, side in enumerate(sides)}
    draft = new_draft()
    for side in sides:
        mine = [e for e in shown if e.side == side]
        if not mine:
            continue
        colour = SIDE_COLOURS[side]
        certain = [(e, span) for e in mine if (span := _evidenced(e))]
        tail = [(e, (max(e.last_seen, e.start_latest), e.data_end)) for e in mine
                if e.end_earliest is None and e.certain and e.last_seen and e.last_seen < e.data_end]
        for label, spans, fill in (("possibly there", [(e, e.possible) for e in mine], rgba(colour, 0.22)),
                                   ("no later event removes it", tail, rgba(colour, 0.5)),
                                   ("certainly there", certain, colour)):
            draft.add(trace("bar", orientation="h", name=f"{side_label(side)}: {label}",
                            y=[row[(e.place, side)] for e, _ in spans],
                            base=[pd.Timestamp(a) for _, (a, _) in spans],
                            x=[(pd.Timestamp(b) + ONE_DAY - pd.Timestamp(a)).total_seconds() * 1000
                               for _, (a, b) in spans],
                            width=0.8, marker={"color": fill, "line": {"width": 0}},
                            hovertext=[_hover(e) for e, _ in spans], hoverinfo="text", legendgroup=side))
    height = 150 + ROW_PX * (len(places) * (len(sides) + 0.6))
    base_layout(draft, title, safe_context, height=int(min(1800, height)))
    # The legend (a column of three keys per side) in the bottom margin, under the date axis,
    # placed in pixels: a fraction of a short chart's height would put it over the dates.
    draft.update(barmode="overlay", hovermode="closest",
                 legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
                 margin={"b": draft.layout["margin"]["b"] + LEGEND_PX}, height=draft.layout["height"] + LEGEND_PX)
    draft.axes("x", type="date", showgrid=True, gridcolor="#DDDDDD")
    ticks = [row[(place, sides[0])] + (len(sides) - 1) / 2 for place in places]
    labels = [plain_text(p, limit=40, wrap=None) for p in places]
    draft.axes("y", tickvals=ticks, ticktext=labels,
               range=[max(row.values()) + 0.8, -0.8], showgrid=False, zeroline=False)
    fixed_label_margin(draft, labels)
    draft.update(meta={"places": labels, "episodes": len(shown)})
    return draft.figure()


def _evidenced(e: Episode) -> tuple | None:
    """The certain days an event shows: an open episode's certainty stops at its last evidence
    (the rest is drawn lighter: nothing removes the side, nothing shows it either)."""
    if not e.certain:
        return None
    first, last = e.certain
    if e.end_earliest is None and e.last_seen is not None:
        last = max(first, min(last, e.last_seen))
    return first, last


def _place_order(episodes: list[Episode]) -> list[str]:
    """Places by the number of episodes and evidence events, then name."""
    weight: dict[str, int] = {}
    for e in episodes:
        weight[e.place] = weight.get(e.place, 0) + len(e.evidence) + 1
    return sorted(weight, key=lambda place: (-weight[place], place))


def _hover(e: Episode) -> str:
    end = (f"{e.end_earliest.isoformat()} .. {e.end_latest.isoformat()}" if e.end_earliest
           else "open at the end of the data")
    certain = (f"{e.certain[0].isoformat()} .. {e.certain[1].isoformat()}" if e.certain
               else "never certain (the edges overlap)")
    lines = [f"<b>{plain_text(side_label(e.side), wrap=None)} at {plain_text(e.place, wrap=None)}</b>",
             f"starts {e.start_earliest.isoformat()} .. {e.start_latest.isoformat()} · ends {end}",
             f"certainly there: {certain}",
             f"evidence: {plain_text(', '.join(e.evidence), limit=200)}",
             f"rule: {plain_text(e.rule, limit=300)}"]
    return "<br>".join(lines)
