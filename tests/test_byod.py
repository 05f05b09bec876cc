"""The app's bring-your-own-data panels (dashboard/byod.py), driven through Streamlit's AppTest."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import pandas as pd
import streamlit as st
from dashboard.byod import render_article_panel, render_import_panel
from components.importers.frame import make_frame
result = render_import_panel(make_frame([]))
st.write("import result:", "none" if result is None else len(result))
render_article_panel({str(ROOT / "data")!r})
"""
ARTICLE = ("The Russian army on Saturday deployed a convoy to Deir Ezzor. "
           "[click](javascript:alert(1)) <b>bold</b> **not bold** $x$ "
           "Clashes took place last week.")


def _app() -> AppTest:
    return AppTest.from_string(SCRIPT, default_timeout=30)


def test_panels_render_without_input():
    at = _app().run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["import result: none"]
    assert any("Paste the text" in c.value for c in at.caption)


def test_article_panel_marks_phrases_as_plain_text():
    at = _app()
    at.run()
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
    at = _app()
    at.run()
    at.text_area(key="byod_article_text").input(ARTICLE)
    at.text_input(key="byod_article_published").input("last Tuesday")
    at.run()
    assert not at.exception
    assert any("Publication date not understood" in e.value for e in at.error)
