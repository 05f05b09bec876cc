"""The app's bring-your-own-data panels (dashboard/byod.py), driven through Streamlit's AppTest."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import pandas as pd
import streamlit as st
from dashboard.byod import import_view, render_article_panel, render_import_panel
from components.io.importers.frame import make_frame
view = import_view(make_frame([]))             # as the app does: state first, panel later
st.write("import result: " + ("none" if view.events is None else str(len(view.events))))
render_import_panel(view)
render_article_panel({str(ROOT / "data")!r})
"""
ARTICLE = ("The Russian army on Saturday deployed a convoy to Deir Ezzor. "
           "[click](javascript:alert(1)) <b>bold</b> **not bold** $x$ "
           "Clashes took place last week.")


def _app() -> AppTest:
    return AppTest.from_string(SCRIPT, default_timeout=30)


def _opened() -> AppTest:
    """The app with the article panel opened (it is built only while open)."""
    at = _app().run()
    at.session_state["byod_article_open"] = True
    return at.run()


def test_panels_render_without_input():
    at = _app().run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["import result: none"]
    assert not any("Paste the text" in c.value for c in at.caption)    # closed: not built
    at.session_state["byod_article_open"] = True
    at.run()
    assert any("Paste the text" in c.value for c in at.caption)


def test_pasted_article_survives_closing_the_panel():
    at = _opened()
    at.text_area(key="byod_article_text").input(ARTICLE).run()
    at.session_state["byod_article_open"] = False
    at.run()
    assert not at.text_area and not at.dataframe
    at.session_state["byod_article_open"] = True
    at.run()
    assert at.text_area(key="byod_article_text").value == ARTICLE


def test_article_panel_marks_phrases_as_plain_text():
    at = _opened()
    at.text_area(key="byod_article_text").input(ARTICLE)
    at.text_input(key="byod_article_published").input("2020-07-05/2020-07-08")
    at.run()
    assert not at.exception
    marked = [t.value for t in at.text]
    assert any("⟦on Saturday⟧" in v and "⟦last week⟧" in v and "<b>bold</b>" in v for v in marked)
    frames = [df.value for df in at.dataframe]
    assert list(frames[0]["phrase"]) == ["on Saturday", "last week"]
    proposals = frames[1]
    assert list(proposals["date_text"]) == ["on Saturday", "last week"]
    assert proposals.loc[0, "actors"] == "Russian forces" and proposals.loc[0, "towns"] == "Deir ez-Zor"


def test_article_panel_reports_a_bad_publication_date():
    at = _opened()
    at.text_area(key="byod_article_text").input(ARTICLE)
    at.text_input(key="byod_article_published").input("last Tuesday")
    at.run()
    assert not at.exception
    assert any("Publication date not understood" in e.value for e in at.error)


SAMPLE = ROOT / "data" / "samples" / "acled_sample_synthetic.csv"
BAD_ROWS = ROOT / "data" / "samples" / "acled_bad_rows_synthetic.csv"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key="byod_import_file").set_value((name, data, "text/csv")).run()


def _result(at: AppTest) -> str:
    return next(m.value for m in at.markdown if str(m.value).startswith("import result:"))


def test_upload_shows_reconciled_counts_and_returns_the_events():
    at = _upload(_app().run(), BAD_ROWS.name, BAD_ROWS.read_bytes())
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Rows read"], metrics["Rows accepted"], metrics["Rows rejected"]) == ("10", "2", "8")
    rejected = next(d.value for d in at.dataframe if "problem" in d.value.columns)
    assert list(rejected["line"]) == [4, 5, 6, 7, 8, 9, 10, 11]
    assert _result(at) == "import result: 2"


def test_refused_upload_is_named_as_text_and_keeps_the_previous_import():
    at = _upload(_app().run(), SAMPLE.name, SAMPLE.read_bytes())
    assert _result(at) == "import result: 12"
    at = _upload(at, "[x](javascript:alert(1)).csv", PNG)
    assert not at.exception
    assert any("PNG image" in e.value and "\\[x\\]\\(javascript" in e.value for e in at.error)
    assert any("Still showing the previous import" in w.value for w in at.warning)
    assert _result(at) == "import result: 12"
