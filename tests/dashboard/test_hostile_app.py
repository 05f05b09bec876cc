"""The dashboard on hostile input (AppTest): bad URL parameters, hostile data, broken data.

What is checked everywhere: no exception reaches the page (``not at.exception``), the
problem is shown as a visible st.warning/st.error, and text that came from data or from
the URL is never interpreted: no element whose body Streamlit renders as Markdown
(markdown, captions, alerts, headings) holds a raw tag or Markdown link from the input,
no element allows HTML, and Plotly figures carry no raw tag either.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components.query.datasource import load_view_data
from components.query.filter import EventFilter
from components.query.run import filter_events
from components.views.urlstate import parse_query_params, vocabulary_from_frame
from tests.support.hostile import BAD, GENERATED, Case, cases, dataset_dir, table_path

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
TIMEOUT = 90
DATA = load_view_data()
TOTAL = len(DATA.frame)
VOCAB = vocabulary_from_frame(DATA.frame, actor_aliases=DATA.actor_aliases, town_aliases=DATA.town_aliases)
# Raw markup that must never reach a Markdown-rendered body: a tag start that is not
# backslash-escaped, and the corpus's Markdown link and emphasis.
RAW_TAG = re.compile(r"(?<!\\)<[A-Za-z!/]")
RAW_MARKDOWN = ("](javascript:", "**join us**")
# What GitHub-flavoured Markdown links by itself once escapes are resolved: https://, www., x@host.
AUTOLINK = re.compile(r"(?i)https?://|\bwww\.|[\w.+-]@[\w-]")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def generated_params(name: str) -> dict[str, list[str]]:
    return {
        "url_huge_value": {"town": ["A" * 100_000]},
        "url_huge_key": {"k" * 100_000: ["1"]},
        "url_repeated_900": {"town": ["Hajin"] * 900},
        "url_repeated_5000": {"town": ["Hajin"] * 5000},
        "url_comma_thousands": {"town": [",".join(["Hajin"] * 5000)[:29_999]]},
        "url_many_keys": {f"unknown{i}": ["1"] for i in range(900)},
    }[name]


def case_params(case: Case) -> dict[str, list[str]]:
    """The query parameters as Streamlit parses them (urllib.parse.parse_qs, keep_blank_values)."""
    if case.file == GENERATED:
        return generated_params(case.case)
    return parse_qs(case.inline, keep_blank_values=True)


XFAIL_PARSE: dict[str, str] = {}
XFAIL_APP = dict(XFAIL_PARSE)
# Streamlit drops a query string of more than 1,000 parameters before the app sees it.
DROPPED_BY_STREAMLIT = {"url_repeated_5000"}


def _params(selected: list[Case], xfail: dict[str, str]) -> list:
    return [pytest.param(c, id=c.case, marks=[pytest.mark.xfail(strict=True, reason=xfail[c.case])]
                         if c.case in xfail else []) for c in selected]


def markdown_bodies(at: AppTest) -> list[str]:
    """Every body Streamlit renders as Markdown: markdown, captions, alerts, headings, metric labels."""
    bodies = []
    for node in at._tree:
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if kind == "text" or proto is None:
            continue
        body = getattr(proto, "body", None)
        if isinstance(body, str):
            bodies.append(body)
        if kind == "metric":
            bodies.append(proto.label)
    return bodies


def unescaped(body: str) -> str:
    """A Markdown body with its backslash escapes and invisible word joiners removed: what
    the reader sees."""
    return _MD_ESCAPE.sub(r"\1", body).replace("\u2060", "")


def assert_plain(at: AppTest) -> None:
    """No exception, no HTML allowed anywhere, no raw markup in Markdown or in figures."""
    assert not at.exception, [e.value for e in at.exception]
    for node in at._tree:
        proto = getattr(node, "proto", None)
        assert not getattr(proto, "allow_html", False), "an element renders HTML"
        assert getattr(node, "type", "") != "html"
    for body in markdown_bodies(at):
        raw = RAW_TAG.search(body) or any(m in body for m in RAW_MARKDOWN)
        assert not raw, f"raw markup rendered as Markdown: {body[:200]!r}"
        assert not AUTOLINK.search(_MD_ESCAPE.sub(r"\1", body)), f"autolink: {body[:200]!r}"
    for chart in at.get("plotly_chart"):
        spec = json.dumps(json.loads(chart.proto.spec)) if chart.proto.spec else ""
        assert "<script" not in spec and "<img" not in spec


def shown(at: AppTest) -> int:
    metric = next(m for m in at.metric if m.label == "Events shown")
    return int(str(metric.value).replace(",", ""))


def run_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


URL_CASES = cases("url")


@pytest.mark.parametrize("case", _params(URL_CASES, XFAIL_PARSE))
def test_url_case_parses_to_a_warning(case):
    parsed = parse_query_params(case_params(case), VOCAB)
    assert any(all(f in w for f in case.fragments) for w in parsed.warnings), parsed.warnings[:5]
    assert all(len(w) < 300 for w in parsed.warnings)
    assert len(parsed.warnings) <= 20


@pytest.mark.parametrize("case", _params(URL_CASES, XFAIL_APP))
def test_url_case_in_the_app(case):
    at = run_app(case_params(case))
    assert_plain(at)
    warnings = [unescaped(w.value) for w in at.warning]
    if case.case in DROPPED_BY_STREAMLIT:
        assert warnings == [] and shown(at) == TOTAL
        return
    assert any(all(f in w for f in case.fragments) for w in warnings), warnings[:5]
    assert len(at.warning) <= 20
    assert shown(at) == TOTAL if case.case != "url_reversed_range" else shown(at) <= TOTAL


@pytest.fixture
def hostile_data(tmp_path, monkeypatch) -> Path:
    """DZ_DATA pointing at the hostile base dataset (payloads in quotes, summaries, outlet, title)."""
    data = dataset_dir(tmp_path)
    monkeypatch.setenv("DZ_DATA", str(data))
    return data


def test_hostile_data_renders_as_text(hostile_data):
    at = run_app({"panel": "table"})
    assert_plain(at)
    assert shown(at) == 7
    table = at.dataframe[0].value
    assert table["summary"].str.contains("<script>alert('summary')</script>", regex=False).any()
    assert any("javascript:alert(4)" in unescaped(c.value) for c in at.caption)   # shown, as text


def test_hostile_data_in_figures_and_table_is_text(hostile_data):
    at = run_app({"panel": "table"})
    assert not at.exception and shown(at) == 7
    table = at.dataframe[0].value
    assert set(table["summary"]) >= {"<script>alert('summary')</script> convoy", "-2+3", "@SUM(1+1)"}
    for chart in [*at.get("plotly_chart"), *run_app().get("plotly_chart")]:
        assert "<script" not in chart.proto.spec and "<img" not in chart.proto.spec


FILTER_QUERIES = [
    # query,                              EventFilter fields it must equal
    ({"actor": "Iran-backed militias"}, {"actors": ("Iran-backed militias",)}),
    ({"town": "Hajin"}, {"towns": ("Hajin",)}),
    ({"source": "=HYPERLINK(\"http://evil.example\") <b>Evil</b> [site](javascript:alert(4))"}, {}),
    ({"source": "Nope"}, {}),
]


@pytest.mark.parametrize("query, fields", FILTER_QUERIES, ids=["actor", "town", "hostile_source", "unknown_source"])
def test_hostile_data_filters_run(hostile_data, query, fields):
    """Filtering the hostile data by URL: counts agree with EventFilter, the hostile outlet included."""
    frame = load_view_data(hostile_data).frame
    at = run_app(query)
    assert not at.exception
    assert shown(at) == len(filter_events(frame, EventFilter(**fields)))
    assert bool(at.warning) == (query == {"source": "Nope"})


BROKEN = [c for c in cases("loader") if c.kind == "problem" and c.file != GENERATED]
XFAIL_BROKEN: dict[str, str] = {}


@pytest.mark.parametrize("case", _params(BROKEN, XFAIL_BROKEN))
def test_broken_data_shows_the_problem_not_a_traceback(case, tmp_path, monkeypatch):
    overlay = case.path.parent if case.path.is_file() else case.path
    monkeypatch.setenv("DZ_DATA", str(dataset_dir(tmp_path, overlay)))
    at = run_app()
    assert_plain(at)
    errors = [unescaped(e.value) for e in at.error]
    assert errors and "could not be loaded" in errors[0]
    assert any(all(f in e for f in case.fragments) for e in errors), errors[:4]
    assert not at.metric        # nothing pretends to show events


def test_corpus_paths_exist():
    assert BAD.is_dir() and all(c.path.exists() for c in BROKEN)


# ---- uploads (the sidebar's "Import your own data" panel, dashboard/byod.py)
UPLOADER = "byod_import_file"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acled_sample_synthetic.csv"
MARKUP_NAME = "[x](javascript:alert(1))<img src=x onerror=alert(1)>.csv"


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key=UPLOADER).set_value((name, data, "text/csv")).run()


def csv_name(case: Case) -> str:
    """The corpus file under a .csv name: the uploader only takes .csv (a renamed or mislabelled file)."""
    return Path(case.file).stem + ".csv"


REFUSED_UPLOADS = [c for c in cases("upload", "importer", generated=False) if c.kind == "refused"]


@pytest.mark.parametrize("case", _params(REFUSED_UPLOADS, {}))
def test_refused_upload_shows_an_error_and_keeps_the_bundled_events(case):
    at = upload(run_app(), csv_name(case), case.path.read_bytes())
    assert_plain(at)
    errors = [unescaped(e.value) for e in at.error]
    assert any(e.startswith(f"File refused: {csv_name(case)}") for e in errors), errors
    assert shown(at) == TOTAL


def test_upload_name_is_shown_as_text():
    at = upload(run_app(), MARKUP_NAME, (BAD / "upload" / "image.png").read_bytes())
    assert_plain(at)
    assert any(MARKUP_NAME in unescaped(e.value) for e in at.error)


def test_failed_upload_leaves_the_loaded_data_intact():
    at = upload(run_app(), "good.csv", SAMPLE.read_bytes())
    before = shown(at)
    assert not at.exception and before != TOTAL
    at = upload(at, "image.csv", (BAD / "upload" / "image.png").read_bytes())
    assert not at.exception
    assert at.error or at.warning
    assert shown(at) == before


def test_upload_counts_reconcile_in_the_app():
    case = next(c for c in cases("importer") if c.case == "acled_impossible_date")
    at = upload(run_app(), case.path.name, case.path.read_bytes())
    assert_plain(at)
    metrics = {m.label: int(str(m.value).replace(",", "")) for m in at.metric}
    assert (metrics["Rows read"], metrics["Rows accepted"], metrics["Rows rejected"]) == (2, 1, 1)
    assert metrics["Events shown"] == 1
    rejected = next(d.value for d in at.dataframe if "problem" in d.value.columns)
    line, column, problem = list(rejected.itertuples(index=False, name=None))[0]
    assert (line, column) == (3, "event_date") and problem.startswith("'2020-02-30' — not a date")


def test_uploaded_payloads_render_as_text():
    case = next(c for c in cases("importer") if c.case == "acled_payloads")
    at = upload(run_app(), case.path.name, case.path.read_bytes())
    assert_plain(at)
    assert shown(at) == 2
    at.multiselect(key="actor").set_value(["<script>alert(1)</script>"]).run()
    assert_plain(at)
    assert shown(at) == 1
    assert any("Actor: <script>alert(1)</script>" in unescaped(c.value) for c in at.caption)


TABLE_BROKEN = [c for c in cases("table") if c.kind == "problem"]
@pytest.mark.parametrize("case", _params(TABLE_BROKEN, {}))
def test_broken_events_table_shows_the_problem(case, monkeypatch, tmp_path):
    monkeypatch.setenv("DZ_DATA", str(table_path(case, tmp_path)))
    at = run_app()
    assert_plain(at)
    errors = [unescaped(e.value) for e in at.error]
    assert any(all(f in e for f in case.fragments) for e in errors), errors[:4]


def test_events_table_with_payloads_renders_as_text(monkeypatch):
    case = next(c for c in cases("table") if c.case == "table_payloads")
    monkeypatch.setenv("DZ_DATA", str(case.path))
    at = run_app({"panel": "table"})
    assert_plain(at)
    assert shown(at) == 2 and len(at.dataframe[0].value) == 2


ARTICLE = ('On Saturday, <script>alert(1)</script> Russian forces [x](javascript:alert(1)) entered '
           'Albu Kamal last week. =HYPERLINK("http://evil.example")')


def test_pasted_article_with_markup_and_a_bad_date():
    at = run_app()
    at.session_state["byod_article_open"] = True            # built only while open
    at.run()
    at.text_area(key="byod_article_text").set_value(ARTICLE).run()
    at.text_input(key="byod_article_published").set_value("2020-02-30 <img src=x onerror=alert(1)>").run()
    assert_plain(at)
    assert any("Publication date not understood: 2020-02-30 <img" in unescaped(e.value) for e in at.error)
    at.text_input(key="byod_article_published").set_value("2020-07-05/2020-07-08").run()
    assert_plain(at)
    assert not at.error
    marked = [t.value for t in at.text]
    assert any("⟦On Saturday⟧, <script>alert(1)</script>" in t and "⟦last week⟧" in t for t in marked)


@settings(max_examples=200, deadline=None)
@given(params=st.dictionaries(st.text(max_size=12), st.lists(st.text(max_size=60), max_size=5), max_size=8))
def test_any_query_parameters_parse_without_raising(params):
    parsed = parse_query_params(params, VOCAB)
    assert len(parsed.warnings) <= 20 and all(len(w) < 300 for w in parsed.warnings)
    assert set(parsed.filter.towns) <= set(VOCAB.choices("town"))
    assert set(parsed.filter.actors) <= set(VOCAB.choices("actor"))


def test_table_shows_controls_in_names_as_text():
    from dashboard.table import table_frame
    from tests.support.frames import make_frame
    rows = make_frame().head(2)
    rows["summary"] = ["Albu \u202eKamal", "\x1b[2Jclear"]
    rows["actors"] = [["W\u0430gner \u200bGroup"], ["IRGC"]]
    shown = table_frame(rows)
    assert list(shown["summary"]) == ["Albu ⟨U+202E⟩Kamal", "⟨U+001B⟩[2Jclear"]
    assert shown["actors"].iloc[0] == "W\u0430gner ⟨U+200B⟩Group"
    assert str(shown["earliest"].iloc[0]) == "2020-06-03"
