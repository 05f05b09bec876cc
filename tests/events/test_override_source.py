"""override_source: the evidence behind an analyst's override, read and checked."""
from __future__ import annotations

import pytest

from components.events import EventDataError, events_to_frame, load_dataset
from tests.support.curated import Edit, fake_normalize, write_dataset

EV = "events.csv"
HEADER = Edit(EV, 1, "override_reason", "override_reason,override_source")
E4 = "2015-09-30,2015-09-30,Known start date"
# every data row gains the column; line 5 is e4, the row with an override
ROWS = [Edit(EV, n, old, old + ",") for n, old in ((2, "Convoy,,,"), (3, "Clash,,,"),
                                                    (4, "Third convoy,,,"), (6, "Quoted,,,"))]


def load(tmp_path, e4_source: str, *extra):
    cell = f'"{e4_source}"' if "," in e4_source else e4_source
    mutations = [HEADER, *ROWS, Edit(EV, 5, E4, f"{E4},{cell}"), *extra]
    return load_dataset(write_dataset(tmp_path, mutations), normalize=fake_normalize)


def test_source_is_read_and_reaches_the_frame(tmp_path):
    url = "https://example.org/report?id=1"
    frame = events_to_frame(load(tmp_path, url)).set_index("event_id")
    assert frame.loc["e4", "override_source"] == url
    assert frame.loc["e1", "override_source"] == ""


# id, e4's source, extra mutation, "file:line:column" expected among the problems (None: loads)
SOURCE_CASES = [
    ("citation", "Reuters, 14 October 2017", (), None),
    ("http", "http://example.org/a", (), None),
    ("javascript", "javascript:alert(1)", (), "events.csv:5:override_source"),
    ("data-uri", "data:text/html,<b>x</b>", (), "events.csv:5:override_source"),
    ("ftp", "ftp://example.org/file", (), "events.csv:5:override_source"),
    ("space-in-url", "https://exa mple.org", (), "events.csv:5:override_source"),
    ("source-without-override", "", (Edit(EV, 2, "Convoy,,,,", "Convoy,,,,https://example.org"),),
     "events.csv:2:override_source"),
]
assert len({c[0] for c in SOURCE_CASES}) == len(SOURCE_CASES)


@pytest.mark.parametrize("source, extra, where", [c[1:] for c in SOURCE_CASES], ids=[c[0] for c in SOURCE_CASES])
def test_source_values_are_checked(tmp_path, source, extra, where):
    if where is None:
        assert load(tmp_path, source, *extra).events
        return
    with pytest.raises(EventDataError) as info:
        load(tmp_path, source, *extra)
    assert any(str(p).startswith(where) for p in info.value.problems), str(info.value)
