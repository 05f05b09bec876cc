"""The article panel with the Arabic sample (data/samples/arabic_article_synthetic.txt): right to
left, phrases highlighted, data text escaped, proposals with canonical names."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.marked import marked_html  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "data" / "samples" / "arabic_article_synthetic.txt").read_text(encoding="utf-8")
HOSTILE = '\n<img src=x onerror="alert(1)"> **عريض** [رابط](javascript:alert(1))'
SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from dashboard.byod import render_article_panel
render_article_panel({str(ROOT / "data")!r})
"""
# phrases of the sample, in text order, read against 2018-10-08 (a Monday)
EXPECTED_PHRASES = ["فجر السبت", "قبل ثلاثة أيام", "أواخر الشهر الماضي", "في الثالث من أيلول/سبتمبر",
                    "منذ مطلع العام الجاري", "في أواخر عام 2017", "في أيار/مايو 2018", "في الآونة الأخيرة",
                    "السبت المقبل", "خلال الأيام المقبلة"]


def _panel(text: str) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    at.run()
    at.session_state["byod_article_open"] = True            # built only while open
    at.run()
    at.text_area(key="byod_article_text").input(text)
    at.text_input(key="byod_article_published").input("2018-10-08")
    return at.run()


def test_arabic_sample_is_shown_right_to_left_with_phrases_highlighted():
    at = _panel(SAMPLE + HOSTILE)
    assert not at.exception
    bodies = [h.proto.body for h in at.get("html")]
    assert len(bodies) == 1 and bodies[0].startswith('<div dir="rtl"')
    marked = [html.unescape(part.split("</mark>")[0]) for part in bodies[0].split("<mark>")[1:]]
    assert marked == EXPECTED_PHRASES
    assert "<img" not in bodies[0] and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in bodies[0]
    assert not at.text            # no English ⟦ ⟧ block for an Arabic article
    phrases, proposals = (df.value for df in at.dataframe)
    assert list(phrases["phrase"]) == EXPECTED_PHRASES
    first = proposals.iloc[0]
    assert (first["actors"], first["towns"]) == ("Russian forces; 5th Corps", "Deir ez-Zor; al-Mayadin; Deir-ez-Zor Airport")


MARKED_CASES = [
    # text, spans, rtl, expected
    ("أمس <b>x</b>", [(0, 3)], True, '<div dir="rtl" style="white-space: pre-wrap; line-height: 1.8"><mark>أمس</mark> &lt;b&gt;x&lt;/b&gt;</div>'),
    ('a "q" & b', [(8, 9)], False, '<div dir="ltr" style="white-space: pre-wrap; line-height: 1.8">a &quot;q&quot; &amp; <mark>b</mark></div>'),
    ("", [], True, '<div dir="rtl" style="white-space: pre-wrap; line-height: 1.8"></div>'),
    ("أمس\u202eabc\u200f", [(0, 3)], True,
     '<div dir="rtl" style="white-space: pre-wrap; line-height: 1.8"><mark>أمس</mark>⟨U+202E⟩abc\u200f</div>'),
]


@pytest.mark.parametrize("text, spans, rtl, expected", MARKED_CASES, ids=[c[0] or "empty" for c in MARKED_CASES])
def test_marked_html_escapes_every_piece(text, spans, rtl, expected):
    assert marked_html(text, spans, rtl=rtl) == expected
