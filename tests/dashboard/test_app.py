"""AppTest: the dashboard runs, every filter drives "Events shown" exactly as EventFilter.apply, the
URL restores filters, bad parameters warn, empty results inform, broken data shows its problems."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.query.datasource import load_view_data
from components.query.filter import EventFilter
from components.query.run import filter_events
from components.query.fields import FIELD_BY_KEY
from components.views.urlstate import vocabulary_from_frame

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
TIMEOUT = 60
DATA = load_view_data()
EVENTS = DATA.frame
TOTAL = len(EVENTS)
VOCAB = vocabulary_from_frame(EVENTS, actor_aliases=DATA.actor_aliases, town_aliases=DATA.town_aliases)


def count(**fields) -> int:
    return len(filter_events(EVENTS, EventFilter(**fields)))


def pick(key: str) -> str:
    """The first value of ``key`` whose filter keeps some but not all events."""
    field = FIELD_BY_KEY[key].attr
    options = ("day", "week", "month", "year", "coarser") if key == "precision" else VOCAB.choices(key)
    for value in options:
        if 0 < count(**{field: (value,)}) < TOTAL:
            return value
    raise AssertionError(f"no {key} value narrows the bundled data")


def plain(markdown: str) -> str:
    """What a reader sees: the app backslash-escapes data text shown through Markdown and
    puts invisible word joiners (U+2060) into would-be links."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def shown(at: AppTest) -> int:
    metric = next(m for m in at.metric if m.label == "Events shown")
    return int(str(metric.value).replace(",", ""))


def url(at: AppTest, key: str) -> list[str]:
    """A query parameter as a list (AppTest keeps one value as a plain string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def run_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_more(at: AppTest) -> AppTest:
    """Open the sidebar's "More filters, date settings and view" panel, as a click does."""
    at.session_state["more_filters_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def app() -> AppTest:
    return run_app()


def test_runs_and_shows_every_event(app):
    assert shown(app) == TOTAL
    assert not app.warning and not app.error
    assert len(app.get("plotly_chart")) == 2     # timeline + the open tab
    assert any("events · date mode: overlap · data as of" in plain(c.value) for c in app.caption)


NAME_KEYS = list(FIELD_BY_KEY)


@pytest.mark.parametrize("key", NAME_KEYS)
def test_each_name_filter_via_widget(key):
    at = run_app()
    if key not in ("town", "side", "actor", "type"):       # the others are in the "More" panel
        open_more(at)
    value = pick(key)
    at.multiselect(key=key).set_value([value]).run()
    expected = count(**{FIELD_BY_KEY[key].attr: (value,)})
    assert shown(at) == expected and expected != TOTAL
    assert url(at, key) == [value]                      # the URL follows the widget


@pytest.mark.parametrize("key", NAME_KEYS)
def test_each_name_filter_via_query_params(key):
    value = pick(key)
    at = run_app({key: value})
    assert shown(at) == count(**{FIELD_BY_KEY[key].attr: (value,)})
    assert at.multiselect(key=key).value == [value]     # the widget is restored
    assert not at.warning


RANGE = (date(2020, 5, 1), date(2020, 6, 30))


@pytest.mark.parametrize("mode", ["overlap", "within"])
def test_date_range_and_mode_via_widgets(mode):
    at = open_more(run_app())
    at.date_input(key="start").set_value(RANGE[0])
    at.date_input(key="end").set_value(RANGE[1])
    at.radio(key="date_mode").set_value(mode).run()
    expected = count(start=RANGE[0], end=RANGE[1], date_mode=mode)
    assert shown(at) == expected and 0 < expected < TOTAL
    assert url(at, "start") == ["2020-05-01"] and url(at, "end") == ["2020-06-30"]


def test_within_is_stricter_than_overlap_via_url():
    query = {"start": "2020-05", "end": "2020-06"}
    overlap = shown(run_app(query))
    within = shown(run_app({**query, "date_mode": "within"}))
    assert overlap == count(start=RANGE[0], end=RANGE[1])
    assert within == count(start=RANGE[0], end=RANGE[1], date_mode="within")
    assert within < overlap


def test_aliases_and_comma_separated_values_in_url():
    town_aliases = DATA.town_aliases.get("Albu Kamal", ())
    alias = next(a for a in town_aliases if a.casefold() != "albu kamal")
    at = run_app({"town": f"{alias},al-Mayadin", "side": "IRAN"})
    assert at.multiselect(key="town").value == ["Albu Kamal", "al-Mayadin"]
    assert shown(at) == count(towns=("Albu Kamal", "al-Mayadin"), sides=("iran",))
    assert not at.warning


def test_view_options_from_url():
    at = run_app({"swimlane": "town", "colour": "type", "period": "quarter", "rule": "midpoint"})
    assert at.session_state["more_filters_open"]         # a shared link shows what it sets
    assert at.selectbox(key="swimlane").value == "town"
    assert at.selectbox(key="rule").value == "midpoint"
    assert shown(at) == TOTAL


BAD_QUERIES = [
    ({"town": "Atlantis"}, "Atlantis"),
    ({"start": "2020-13-45"}, "2020-13-45"),
    ({"actor": "x' OR 1=1; --"}, "OR 1=1"),
    ({"bogus": "1"}, "bogus"),
    ({"town": "Z" * 5000}, "too much input"),
    ({"source": "<script>alert(1)</script>"}, "script"),
]


@pytest.mark.parametrize("query, needle", BAD_QUERIES, ids=[list(q)[0] + str(i) for i, (q, _) in
                                                             enumerate(BAD_QUERIES)])
def test_bad_params_warn_and_show_everything(query, needle):
    at = run_app(query)
    assert any(needle in plain(w.value) for w in at.warning), [w.value for w in at.warning]
    assert shown(at) == TOTAL
    assert list(at.query_params.keys()) == []          # the bad value is dropped from the URL


def test_empty_result_informs_without_charts():
    at = run_app({"start": "1990-01-01", "end": "1990-12-31"})
    assert shown(at) == 0
    assert any("No events match" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0


def test_broken_data_shows_row_precise_problems(tmp_path, monkeypatch):
    bad = tmp_path / "events.csv"
    bad.write_text("event_id,earliest\nx1,not-a-date\n", encoding="utf-8")
    monkeypatch.setenv("DZ_DATA", str(bad))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.error) >= 2 and "events.csv" in plain(" ".join(e.value for e in at.error))
    assert not at.metric


def test_broken_data_directory_lists_every_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("DZ_DATA", str(tmp_path))          # an empty directory: files missing
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    problems = [e.value for e in at.error][1:]
    assert problems and all(":" in p for p in problems)


def test_large_file_via_env(tmp_path, monkeypatch):
    from components.io.store import write_events
    from tests.support.frames import make_big_frame
    path = write_events(make_big_frame(6000), tmp_path / "big.parquet")
    monkeypatch.setenv("DZ_DATA", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert shown(at) == 6000
    assert len(at.get("plotly_chart")) == 2                       # timeline + the open tab's chart
    at.session_state["panel"] = "Events and provenance"          # the table tab
    at.run()
    assert len(at.get("plotly_chart")) == 1
    assert at.number_input(key="table_page").max == 12            # 500 rows per page
    at.number_input(key="table_page").set_value(12).run()
    assert any("Rows 5,501–6,000 of 6,000" in plain(c.value) for c in at.caption)


def test_markdown_in_data_is_shown_literally(tmp_path, monkeypatch):
    from components.io.store import write_events
    from tests.support.frames import make_frame
    frame = make_frame().assign(outlet="![pixel](http://evil.example/p.png) :red[x] $y$")
    monkeypatch.setenv("DZ_DATA", str(write_events(frame, tmp_path / "md.parquet")))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    context = next(c.value for c in at.caption if "data as of" in plain(c.value))
    assert r"\!\[pixel\]\(http\:" in context and r"\:red\[x\]" in context and r"\$y\$" in context
    assert "![pixel](http://evil.example/p.png) :red[x] $y$" in plain(context)


# --- The story-first page (issue 14) ------------------------------------------------

def metric_value(at: AppTest, label: str) -> int:
    return int(next(m for m in at.metric if m.label == label).value.replace(",", ""))


def test_headline_metrics_count_the_shown_events_by_favours(app):
    frame = EVENTS
    assert metric_value(app, "Favour Russia") == int((frame["favours"] == "russia").sum()) == 28
    assert metric_value(app, "Favour Iran") == int((frame["favours"] == "iran").sum()) == 18
    assert [m.label for m in app.metric][:3] == ["Events shown", "Favour Russia", "Favour Iran"]


def test_an_unchanged_trend_has_no_arrow():
    """Hajin: one event, favouring neither camp -- "±0", not a rise."""
    at = run_app({"town": "Hajin"})
    metric = next(m for m in at.metric if m.label == "Favour Russia")
    assert metric.proto.delta.startswith("±0 in ")
    assert metric.proto.direction == metric.proto.MetricDirection.NONE
    rising = next(m for m in run_app({}).metric if m.label == "Favour Russia")
    assert rising.proto.delta.startswith("+") and rising.proto.direction == rising.proto.MetricDirection.UP


# URL, expected events shown, favour Russia, favour Iran
HIERARCHY_CASES = [
    ({"town": "Albu Kamal"}, 16, 4, 11),
    ({"town": "Boukamal"}, 16, 4, 11),
    ({"town": "Albu Kamal", "scope": "exact"}, 10, None, None),
    ({"actor": "IRGC"}, 30, None, None),
]


@pytest.mark.parametrize("query, total, russia, iran", HIERARCHY_CASES,
                         ids=["town", "alias", "exact", "actor"])
def test_places_and_groups_inside_a_filter_value(query, total, russia, iran):
    at = run_app(query)
    assert shown(at) == total
    if russia is not None:
        assert (metric_value(at, "Favour Russia"), metric_value(at, "Favour Iran")) == (russia, iran)


def test_presence_sentence_and_chart_answer_who_was_where(app):
    texts = " ".join(t.value for t in app.text)
    assert "Russia present in" in texts and "al-Mayadin" in texts
    assert "Iran present in" in texts and "Albu Kamal" in texts


@pytest.mark.parametrize("key, typed, canonical", [("town", "Boukamal", "Albu Kamal"),
                                                    ("town", "Mayadeen", "al-Mayadin"),
                                                    ("actor", "Revolutionary Guard", "IRGC"),
                                                    ("actor", "Iranian militias", "Iran-backed militias"),
                                                    ("actor", "Syrian regime", "Syrian government")])
def test_widget_options_carry_every_alias_so_typing_one_finds_the_entry(app, key, typed, canonical):
    widget = app.multiselect(key=key)
    matches = [o for o in widget.options if typed.casefold() in o.casefold()]
    assert any(o.startswith(canonical) for o in matches), matches[:5]


RAW_CODES = ("us_coalition", "syrian_government", "Us_Coalition", "Isis", "Sdf")


def test_no_raw_side_code_on_the_page(app):
    seen = [plain(c.value) for c in app.caption] + [t.value for t in app.text] + \
        [str(o) for o in app.multiselect(key="side").options]
    table = run_app({"panel": "table"}).dataframe[0].value
    seen += [str(v) for v in table["sides"]] + [str(v) for v in table["favours"]]
    for chart in app.get("plotly_chart"):
        spec = chart.proto.spec
        seen += [name for name in __import__("re").findall(r'"name":\s*"([^"]*)"', spec)]
    for code in RAW_CODES:
        assert not any(code in text.split() or f"{code} " in text for text in seen), code
    assert "US-led coalition" in " ".join(str(o) for o in app.multiselect(key="side").options)


PANEL_CASES = [({}, "Who was where, when"), ({"panel": "map"}, "Events by place"),
               ({"panel": "balance"}, "Russia vs Iran")]


def test_table_tab_builds_the_table_and_its_downloads_only_when_open(app):
    csv = "Download shown events (CSV, ACLED-compatible)"
    assert not app.dataframe                                      # the default tab: presence
    assert csv not in [b.proto.label for b in app.get("download_button")]
    at = run_app({"panel": "table"})
    assert len(at.dataframe[0].value) == TOTAL
    assert len(at.get("plotly_chart")) == 1                       # the timeline only
    labels = [b.proto.label for b in at.get("download_button")]
    assert csv in labels and url(at, "panel") == ["table"]


@pytest.mark.parametrize("query, title", PANEL_CASES, ids=["default", "map", "balance"])
def test_only_the_open_tab_is_built_and_the_url_names_it(query, title):
    at = run_app(query)
    titles = [__import__("json").loads(c.proto.spec)["layout"]["title"]["text"]
              for c in at.get("plotly_chart")]
    assert len(titles) == 2 and titles[0].startswith("Timeline") and titles[1].startswith(title)
    assert url(at, "panel") == list(query.values())


def test_switching_tab_writes_the_url():
    at = run_app()
    at.session_state["panel"] = "Map"
    at.run()
    assert url(at, "panel") == ["map"]


def test_first_screen_holds_the_main_filters_and_the_panel_keeps_the_rest():
    """A plain first page draws the four main filters and the dates; the other settings
    are built when their panel opens, and what was set there stays in force (and in the
    URL) after it closes."""
    at = run_app()
    assert [m.key for m in at.sidebar.multiselect] == ["town", "side", "actor", "type"]
    assert not at.sidebar.selectbox
    assert not [r.key for r in at.sidebar.radio if r.key in ("scope", "date_mode", "known_mode")]
    at = open_more(at)
    assert {"status", "source", "precision"} <= {m.key for m in at.sidebar.multiselect}
    at.radio(key="date_mode").set_value("within")
    at.selectbox(key="swimlane").set_value("town").run()
    at.session_state["more_filters_open"] = False
    at.run()
    assert not at.sidebar.selectbox
    assert url(at, "date_mode") == ["within"] and url(at, "swimlane") == ["town"]
    at.date_input(key="start").set_value(RANGE[0])
    at.date_input(key="end").set_value(RANGE[1]).run()
    assert shown(at) == count(start=RANGE[0], end=RANGE[1], date_mode="within")
    assert url(at, "date_mode") == ["within"]
