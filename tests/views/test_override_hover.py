"""The hover shows an override's reason and source, as plain text."""
from __future__ import annotations

from components.views.figures import timeline_figure
from tests.support.frames import make_frame


def _hover(fig) -> str:
    return " ".join(str(h) for t in fig.data for h in ([] if t.hovertext is None else list(t.hovertext)))


def test_reason_and_source_in_the_hover_as_plain_text():
    frame = make_frame()
    frame["override_reason"] = ""
    frame["override_source"] = ""
    first = frame.index[0]
    frame.loc[first, "override_reason"] = "Known from a cited report"
    frame.loc[first, "override_source"] = "https://example.org/<b>x</b>"
    hover = _hover(timeline_figure(frame))
    assert "Override reason: Known from a cited report" in hover
    assert "Override source: https://example.org/&lt;b&gt;x&lt;/b&gt;" in hover and "<b>x</b>" not in hover
    assert hover.count("Override reason:") == hover.count("Known from a cited report") >= 1


def test_no_override_lines_without_an_override():
    assert "Override" not in _hover(timeline_figure(make_frame()))
