"""Figure builders tested by structure: traces, axis types, hover text, errors, the density switch."""
from __future__ import annotations

import pandas as pd
import pytest

from tests.support.frames import make_big_frame, make_frame
from components.views.figures import MissingColumnError, balance_figure, map_figure, timeline_figure
from components.views.figures.common import plain_text
from components.views.figures.density import bin_starts, choose_bin
from components.views.figures.geo import load_geo_lines
from components.views.figures.map import LEANS as MAP_LEANS, Located, place_table

FRAME = make_frame()


def trace_names(fig) -> list[str]:
    return [t.name for t in fig.data]


def all_hover(fig) -> str:
    return " ".join(str(h) for t in fig.data for h in ([] if t.hovertext is None else list(t.hovertext)))


# swimlane, colour_by, expected lane labels (y tick text, in order)
# f3 ("since 2017", ongoing for years) sits in the thin context band above the lanes; lanes
# are grouped by camp: Russia's, Iran's, then the rest (IRGC's camp is not known here).
CONTEXT = "context (background)"
LANE_CASES = [
    ("actor", "side", [CONTEXT, "Russian forces", "5th Corps", "Liwa Fatemiyoun", "IRGC"]),
    ("side", "side", [CONTEXT, "Russia", "Iran"]),
    ("town", "type", [CONTEXT, "Albu Kamal", "Deir ez-Zor", "(none)", "al-Mayadin"]),
]


@pytest.mark.parametrize("swimlane, colour_by, lanes", LANE_CASES, ids=[c[0] for c in LANE_CASES])
def test_timeline_lanes(swimlane, colour_by, lanes):
    fig = timeline_figure(FRAME, swimlane=swimlane, colour_by=colour_by)
    assert list(fig.layout.yaxis.ticktext) == lanes
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.meta["mode"] == "events"


def test_timeline_multi_actor_event_on_each_lane():
    fig = timeline_figure(FRAME, swimlane="actor")
    # f4/f5 have two actors each; f3 is context: 6 lane events give 8 marks.
    assert fig.layout.meta["marks"] == 8


def test_timeline_kinds_of_marks():
    fig = timeline_figure(FRAME, swimlane="side")
    names = trace_names(fig)
    assert "Iran · context" in names                          # f3 "since 2017": context band
    assert "Iran · known to the day" in names                 # f1
    assert "Russia · date range" in names
    assert "period before modifier" in names                  # f6 START of 2020
    band = next(t for t in fig.data if t.name == "Iran · context")
    assert all(y < 0 for y in band.y)                         # above the first lane
    days = next(t for t in fig.data if t.name == "Russia · known to the day")
    assert days.mode == "markers" and days.type == "scatter"


def test_timeline_range_bar_ends_one_day_after_latest():
    fig = timeline_figure(FRAME, swimlane="side")
    bar = next(t for t in fig.data if t.name == "Russia · date range")
    # f2: 2020-06-22..2020-06-28 inclusive is 7 days long.
    durations = sorted(round(x / 86_400_000) for x in bar.x)
    assert 7 in durations


def test_timeline_same_as_linked_with_intersection():
    fig = timeline_figure(FRAME)
    link = next(t for t in fig.data if t.name == "same occurrence (linked reports)")
    inter = next(t for t in fig.data if t.name == "intersected interval")
    assert "Intersected interval: 2020-06-25 .. 2020-06-30" in " ".join(link.hovertext)
    assert pd.Timestamp(inter.x[0]) == pd.Timestamp("2020-06-25")


def test_timeline_hover_fields_and_no_markup_from_data():
    text = all_hover(timeline_figure(FRAME))
    for needle in ("Quote: “Quote for f2”", "Date phrase: last week", "Derivation: derivation of f2",
                   "Source: The Syrian Observer", "Status: reported"):
        assert needle in text
    assert "<b>bold</b>" not in text and "&lt;b&gt;bold&lt;/b&gt;" in text


def test_timeline_colour_by_side_uses_fixed_palette():
    fig = timeline_figure(FRAME, swimlane="side")
    colours = {t.name.split(" · ")[0]: t.marker.color for t in fig.data if " · known" in (t.name or "")}
    assert colours == {"Iran": "#D55E00", "Russia": "#0072B2"}


def test_timeline_empty_input_gives_titled_figure():
    fig = timeline_figure(FRAME.iloc[0:0], context="Town: Nowhere")
    assert len(fig.data) == 0
    assert "no events" in fig.layout.title.text
    assert fig.layout.title.subtitle.text == "Town: Nowhere"


@pytest.mark.parametrize("column", ["earliest", "actors", "quote"])
def test_timeline_missing_column(column):
    with pytest.raises(MissingColumnError, match=f"timeline: missing column.*{column}"):
        timeline_figure(FRAME.drop(columns=[column]))


@pytest.mark.parametrize("kwargs, match", [({"swimlane": "country"}, "swimlane"),
                                           ({"colour_by": "mood"}, "colour_by")],
                         ids=["swimlane", "colour"])
def test_timeline_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        timeline_figure(FRAME, **kwargs)


# rows, expected mode
SWITCH_CASES = [(5000 // 3, "events"), (5001, "density"), (20_000, "density")]


@pytest.mark.parametrize("rows, mode", SWITCH_CASES, ids=[str(c[0]) for c in SWITCH_CASES])
def test_timeline_switches_to_density_above_5000_marks(rows, mode):
    fig = timeline_figure(make_big_frame(rows), swimlane="side")
    assert fig.layout.meta["mode"] == mode
    if mode == "density":
        assert len(fig.data) == 1 and fig.data[0].type == "heatmap"
        assert "binned density" in fig.layout.title.text
        assert int(fig.data[0].z.sum()) == fig.layout.meta["events"] + int(
            (make_big_frame(rows)["sides"].map(len) - 1).sum())


def test_density_counts_marks_not_rows():
    # 2000 rows but each has 3 actors: 6000 marks > 5000.
    big = make_big_frame(2000)
    big["actors"] = [["a", "b", "c"]] * len(big)
    fig = timeline_figure(big, swimlane="actor")
    assert fig.layout.meta["mode"] == "density"
    assert int(fig.data[0].z.sum()) == 6000


BIN_CASES = [("2020-01-01", "2020-06-30", "week"), ("2015-01-01", "2021-01-01", "month"),
             ("1990-01-01", "2021-01-01", "year")]


@pytest.mark.parametrize("first, last, unit", BIN_CASES, ids=[c[2] for c in BIN_CASES])
def test_choose_bin(first, last, unit):
    assert choose_bin(pd.Timestamp(first), pd.Timestamp(last)) == unit


def test_week_bins_start_on_monday():
    days = pd.Series(pd.to_datetime(["2020-06-03", "2020-06-07", "2020-06-08"]))
    assert [str(d) for d in bin_starts(days, "week")] == ["2020-06-01", "2020-06-01", "2020-06-08"]


def test_map_structure_and_offline_base():
    lines = load_geo_lines()
    fig = map_figure(FRAME, geo_lines=lines, context="ctx")
    names = trace_names(fig)
    assert names[:3] == ["Euphrates", "Khabur", "Syria–Iraq border"]
    assert {"more events favour Iran", "more events favour Russia"} <= set(names)
    assert all(t.type == "scatter" for t in fig.data)          # no scattergeo/tiles
    assert fig.layout.yaxis.scaleanchor == "x"
    assert "1 without a location" in fig.layout.title.subtitle.text   # f6 has no town


# favours of the events at one place -> the place's lean (its colour and legend entry)
LEAN_CASES = [
    (["iran", "iran", "russia"], "iran"),
    (["neither"] * 5 + ["russia"], "russia"),          # ACLED: most events favour neither camp
    (["neither", "russia", "iran", "unclear"], "even"),
    (["neither", "unclear", "unclear"], "neither"),
]


@pytest.mark.parametrize("favours, lean", LEAN_CASES, ids=[c[1] + str(i) for i, c in enumerate(LEAN_CASES)])
def test_map_colours_a_place_by_the_camp_more_events_favour(favours, lean):
    frame = pd.concat([FRAME[FRAME["event_id"] == "f1"]] * len(favours), ignore_index=True)
    frame["favours"] = favours
    frame["event_id"] = [f"x{i}" for i in range(len(favours))]
    places = place_table(frame)
    assert list(places["side"]) == [lean]
    fig = map_figure(frame)
    assert MAP_LEANS[lean][0] in trace_names(fig)


def test_map_place_table_counts_and_hover():
    places = place_table(FRAME).set_index("place")
    assert places.loc["Albu Kamal", "events"] == 3
    assert places.loc["Albu Kamal", "side"] == "iran"
    assert places.loc["Albu Kamal", "split"] == "Iran 2 · Russia 1"     # by favours, labelled
    assert "&lt;b&gt;" in places.loc["Albu Kamal", "listing"]


def test_map_hover_list_is_capped():
    places = place_table(make_big_frame(3000), max_hover=8)
    assert all(p.count("<br>") <= 8 for p in places["listing"])
    assert places["listing"].str.contains("more").all()


# rows kept -> the year slider's summary of them must be the table of those rows alone
SUBSET_CASES = {
    "a year": lambda f: (f["earliest"].dt.year <= 2019) & (f["latest"].dt.year >= 2019),
    "one town": lambda f: f["town"] == "Albu Kamal",
    "every other row": lambda f: pd.Series([i % 2 == 0 for i in range(len(f))], index=f.index),
    "none": lambda f: f["lat"] > 90,
}


@pytest.mark.parametrize("keep", SUBSET_CASES.values(), ids=SUBSET_CASES.keys())
def test_map_subset_summary_is_the_table_of_the_subset(keep):
    frame = make_big_frame(600).assign(favours=lambda f: f["favours"].where(f.index % 7 != 0, None))
    frame.loc[frame.index % 11 == 0, "town"] = ""                   # some rows only located by a grid cell
    located = Located.of(frame)
    mask = keep(located.rows).to_numpy()
    whole = located.places(mask, max_hover=3).reset_index(drop=True)
    alone = place_table(located.rows[mask], max_hover=3).reset_index(drop=True)
    pd.testing.assert_frame_equal(whole, alone, check_dtype=False)


def test_map_grid_cells_for_rows_without_town():
    frame = make_frame().assign(town="", lat=34.46, lon=40.92)
    assert list(place_table(frame)["place"]) == ["34.45°N 40.90°E"]


def test_map_empty_and_missing():
    assert len(map_figure(FRAME.iloc[0:0]).data) == 0
    with pytest.raises(MissingColumnError, match="map: missing column.*lat"):
        map_figure(FRAME.drop(columns=["lat"]))


BALANCE = pd.DataFrame({
    "period_start": pd.to_datetime(["2020-06-01", "2020-06-01", "2020-07-01", "2020-07-01"]),
    "favours": ["russia", "iran", "iran", "neither"],
    "weight": [1.5, 2.0, 1.0, 4.0],
    "events": [2, 2, 1, 4],
})


def test_balance_structure():
    fig = balance_figure(BALANCE, period="month", rule_text="spread evenly")
    assert trace_names(fig) == ["favour Russia", "favour Iran", "net (Russia − Iran)"]
    assert list(fig.data[1].y) == [-2.0, -1.0]                  # Iran drawn downwards
    assert list(fig.data[2].y) == [-0.5, -1.0]                  # net = Russia − Iran
    assert "counting rule: spread evenly" in fig.layout.title.subtitle.text
    assert fig.layout.barmode == "relative" and fig.layout.xaxis.type == "date"


def test_balance_without_russia_or_iran_is_titled_empty():
    fig = balance_figure(BALANCE[BALANCE["favours"] == "neither"])
    assert len(fig.data) == 0 and "no events favour" in fig.layout.title.text


def test_balance_bad_input():
    with pytest.raises(MissingColumnError, match="balance: missing column.*weight"):
        balance_figure(BALANCE.drop(columns=["weight"]))
    with pytest.raises(ValueError, match="period"):
        balance_figure(BALANCE, period="decade")


PLAIN_CASES = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("AT&amp;T", "AT&amp;amp;T"),
    ("a\nb\tc", "a b c"),
    ("<a href='x'>link</a>", "&lt;a href='x'&gt;link&lt;/a&gt;"),
    ("a\u202eb", "a⟨U+202E⟩b"),
    (None, ""),
]


@pytest.mark.parametrize("raw, expected", PLAIN_CASES, ids=[str(c[0])[:12] for c in PLAIN_CASES])
def test_plain_text(raw, expected):
    assert plain_text(raw, wrap=None) == expected


def test_plain_text_cuts_long_values():
    assert plain_text("x" * 1000, limit=50, wrap=None) == "x" * 49 + "…"


@pytest.mark.parametrize("raw, expected", [
    ("analyst override → 2020-01-03..2020-01-03 (Outside knowledge: the strike", "analyst override →…"),
    ("one two three four five six seven", "one two three four…"),
    ("one two three fourteen fifteen", "one two three…"),
    ("abcdefghijklmnopqrs tu", "abcdefghijklmnopqrs…"),
])
def test_plain_text_never_cuts_mid_word(raw, expected):
    assert plain_text(raw, limit=20, wrap=None) == expected


SHARED = ["Russia", "Iran"]            # one list object on many rows, as the store builds them
# lane cells, each case's bins cycle over three days of different weeks
LANE_CASES = {
    "shared lists": [SHARED, SHARED, ["Iran"], SHARED, [], ["Russia", ""], None, SHARED],
    "lists with gaps": [["a", None], [float("nan")], [], ("b", "a"), ["a"]],
    "joined text": ["a; b", "b", "", None, " a ;b", "a; b", float("nan"), "c"],
    "plain text": ["x", "y", "x", "x", None, "y"],
}


@pytest.mark.parametrize("cells", LANE_CASES.values(), ids=LANE_CASES.keys())
def test_density_counts_match_a_row_per_name(cells):
    """The per-cell counting gives what exploding every row into names gives, in the same
    order (the reference is the obvious row-per-name group-by)."""
    from components.events.cells import explode_list
    from components.views.figures.density import density_table
    n = len(cells)
    days = pd.to_datetime(["2020-01-01", "2020-03-10", "2020-06-20"] * n)[:n]
    index = range(100, 100 + 3 * n, 3)          # a filtered frame's labels, not positions
    frame = pd.DataFrame({"earliest": days, "latest": days,
                          "lanes": pd.Series(cells, dtype=object, index=index)}, index=index)
    assert frame["lanes"].notna().sum() > 1
    counts, unit = density_table(frame, "lanes")
    lanes = explode_list(frame["lanes"])
    from components.views.figures.density import bin_starts
    bins = pd.Series(bin_starts(days.floor("D").to_series(index=frame.index), unit), index=frame.index)
    expected = (pd.DataFrame({"lane": lanes, "bin": bins.reindex(lanes.index).to_numpy()})
                .groupby(["lane", "bin"], sort=False).size().rename("events").reset_index())
    pd.testing.assert_frame_equal(counts, expected)


def test_an_imported_actor_sits_in_its_camp_by_the_actor_map():
    """An ACLED actor outside the registry, seen only beside another actor in the view (so
    its side cannot be inferred from the shown rows), still gets its camp's lane and colour."""
    from components.io.importers.actor_map import mapped_actor_sides
    from tests.support.frames import make_events
    row = ("k1", "2020-06-03", "2020-06-05", ["Kataib Sayyid al-Shuhada", "US-led coalition"],
           ["iran", "us_coalition"], ["Albu Kamal"], "clash", "reported", "neither", "", "SOHR")
    sides = mapped_actor_sides()
    assert sides["Kataib Sayyid al-Shuhada"] == "iran"
    assert "Syrian and/or Russian forces" not in sides        # two possible sides: no camp claimed
    fig = timeline_figure(make_events([row]), swimlane="actor", actor_sides=sides)
    camps = dict(zip(fig.layout.meta["lanes"], fig.layout.meta["camps"]))
    assert camps["Kataib Sayyid al-Shuhada"] == "iran" and camps["US-led coalition"] == ""
    assert any(t.name and t.name.startswith("Iran · ") for t in fig.data)     # drawn in Iran's colour
