"""The provenance table's display copy: override reason and source beside the derivation."""
from __future__ import annotations

from dashboard.table import table_frame
from tests.support.frames import make_frame


def test_override_reason_and_source_follow_the_derivation():
    frame = make_frame()
    frame["override_reason"] = "Known from a cited report"
    frame["override_source"] = "=HYPERLINK(\"https://example.org\")"
    table = table_frame(frame)
    columns = list(table.columns)
    assert columns.index("override reason") == columns.index("derivation") + 1
    assert columns.index("override source") == columns.index("override reason") + 1
    assert (table["override source"] == "=HYPERLINK(\"https://example.org\")").all()   # shown as text
