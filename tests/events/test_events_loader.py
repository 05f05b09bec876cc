"""Loader validation on a tiny dataset written to tmp_path, mutated once per case.

The date normalizer is replaced by a fake (``fake_normalize``) so these tests do
not depend on any normalizer rule; the bundled data is checked with the real
one in ``test_events_data.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from components.dates.model import DateResult, Granularity
from components.events import DateSource, EventDataError, load_dataset
from tests.support.curated import (ARTICLE_TEXT, ARTICLE_FILES, SATURDAY, fake_normalize, Edit, Append, Delete, write_dataset)


def load(root: Path):
    return load_dataset(root, normalize=fake_normalize)


EV, AR, AC, TW, ET = "events.csv", "articles.csv", "actors.csv", "towns.csv", "event_types.csv"

# case id, mutations, expected fragment of one problem (file:line:column: message), problem count
INVALID_CASES = [
    ("missing_column", [Edit(EV, 1, ",summary,", ",")], "events.csv:1:summary: missing column 'summary'", 1),
    ("duplicated_column", [Edit(EV, 1, "same_as", "summary")],
     "events.csv:1:summary: duplicated column 'summary'", 2),
    ("unknown_column", [Edit(EV, 1, "override_reason", "override_reason,notes")],
     "events.csv:1:notes: unknown column 'notes'", 1),
    ("missing_file", [Delete(ET)], "event_types.csv: file not found", 1),
    ("not_utf8_csv", [Edit(EV, 3, "Clash", b"Cl\xe4sh")],
     "events.csv:3: not UTF-8: byte 0xe4 at byte offset", 1),
    ("not_utf8_utf16", [Edit(TW, 1, "town,", b"\xff\xfet\x00o\x00")], "towns.csv:1: not UTF-8: byte 0xff", None),
    ("not_utf8_article", [Edit("articles/a1.txt", 1, "\u201cQuoted", b"\x93Quoted")],
     "articles/a1.txt:4: not UTF-8: byte 0x93", 2),
    ("wrong_field_count", [Edit(EV, 2, "Convoy,,,", "Convoy,,,,")], "events.csv:2: expected 15 fields, found 16", 1),
    ("empty_required", [Edit(EV, 2, "reported,russia", ",russia")],
     "events.csv:2:status: empty required field 'status'", 1),
    ("empty_event_id", [Edit(EV, 5, "e4,", ",")], "events.csv:5:event_id: empty required field 'event_id'", 1),
    ("unknown_actor", [Edit(EV, 3, "Fatemiyoun;", "Fatimiyun;")],
     "events.csv:3:actors: unknown actor 'Fatimiyun' (did you mean 'Fatemiyoun'?)", 1),
    ("unknown_town", [Edit(EV, 2, "Deir Ezzor,deployment", "Deir Ezor,deployment")],
     "events.csv:2:towns: unknown town 'Deir Ezor' (did you mean 'Deir Ezzor'?)", 1),
    ("unknown_article", [Edit(EV, 3, "e2,a1", "e2,a9")], "events.csv:3:article_id: unknown article_id 'a9'", 1),
    ("quote_not_verbatim", [Edit(EV, 2, "deployed a convoy", "deployed the convoy")],
     "events.csv:2:quote: quote 'Russian forces deployed the convoy to Deir Ezzor on Saturda…' "
     "not found verbatim in articles/a1.txt: its first 24 characters match", 1),
    ("quote_straight_quotes", [Edit(EV, 6, '"\u201cQuoted\u201d text"', '"""Quoted"" text"')],
     "events.csv:6:quote: quote '\"Quoted\" text' not found verbatim", 1),
    ("date_text_not_found", [Edit(EV, 3, ",last week,", ",last month,")],
     "events.csv:3:date_text: date_text 'last month' not found in the quote or in articles/a1.txt", 1),
    ("date_text_case", [Edit(EV, 2, ",on Saturday,", ",On Saturday,")],
     "not found in the quote or in articles/a1.txt: found with different case: 'on Saturday'", 1),
    ("duplicate_event_id", [Edit(EV, 3, "e2,", "e1,")], "events.csv:3:event_id: duplicate event_id 'e1' (first on line 2)", 1),
    ("duplicate_article_id", [Append(AR, "a1,a1.txt,T,O,,,2020-07-05,2020-07-05,")],
     "articles.csv:3:article_id: duplicate article_id 'a1' (first on line 2)", 1),
    ("duplicate_actor", [Append(AC, "russia,russia,,,")], "actors.csv:5:actor: duplicate actor 'russia' (first on line 2)", 1),
    ("duplicate_town", [Append(TW, "Albu Kamal,,,34,40,town")], "towns.csv:4:town: duplicate town 'Albu Kamal'", 1),
    ("duplicate_event_type", [Append(ET, "Clash,again,")], "event_types.csv:5:event_type: duplicate event_type 'Clash'", 1),
    ("dangling_anchor", [Edit(EV, 4, ",e1,", ",e9,")], "events.csv:4:anchor: anchor refers to unknown event_id 'e9'", 1),
    ("self_anchor", [Edit(EV, 4, ",e1,", ",e3,")], "events.csv:4:anchor: anchor 'e3' refers to the event itself", 1),
    ("dangling_same_as", [Edit(EV, 6, ",e1,", ",e8,")], "events.csv:6:same_as: same_as refers to unknown event_id 'e8'", 1),
    ("anchor_cycle", [Edit(EV, 2, "Saturday,,", "Saturday,e3,")], "events.csv:2:anchor: anchor cycle: e1 -> e3 -> e1", 1),
    ("bad_side", [Edit(AC, 3, ",iran,", ",persia,")], "actors.csv:3:side: bad side 'persia'", 1),
    ("bad_status", [Edit(EV, 2, "reported,russia", "rumoured,russia")], "events.csv:2:status: bad status 'rumoured'", 1),
    ("bad_favours", [Edit(EV, 2, "reported,russia", "reported,moscow")], "events.csv:2:favours: bad favours 'moscow'", 1),
    ("bad_event_type", [Edit(EV, 2, ",deployment,", ",deploy,")],
     "events.csv:2:event_type: unknown event_type 'deploy' (did you mean 'deployment'?); see event_types.csv", 1),
    ("bad_location_precision", [Edit(TW, 2, ",town", ",city")], "towns.csv:2:location_precision: bad location_precision 'city'", 1),
    ("bad_iso_date", [Edit(AR, 2, "2020-07-05", "5 July 2020")],
     "articles.csv:2:published_earliest: bad date '5 July 2020' (expected YYYY-MM-DD)", 1),
    ("impossible_date", [Edit(AR, 2, "2020-07-08", "2020-02-30")], "articles.csv:2:published_latest: bad date '2020-02-30'", 1),
    ("publication_reversed", [Edit(AR, 2, "2020-07-05", "2020-07-09")],
     "articles.csv:2:published_latest: published_latest 2020-07-08 is before published_earliest 2020-07-09", 1),
    ("article_file_missing", [Edit(AR, 2, ",a1.txt,", ",a2.txt,")], "articles.csv:2:file: article file 'a2.txt' not found", 1),
    ("article_file_path", [Edit(AR, 2, ",a1.txt,", ",../a1.txt,")], "articles.csv:2:file: bad file '../a1.txt'", 1),
    ("override_reversed", [Edit(EV, 5, "2015-09-30,2015-09-30", "2015-10-01,2015-09-30")],
     "events.csv:5:date_override_latest: date_override_latest 2015-09-30 is before date_override_earliest 2015-10-01", 1),
    ("override_one_bound", [Edit(EV, 5, "2015-09-30,2015-09-30", "2015-09-30,")],
     "events.csv:5:date_override_latest: override needs both bounds", 1),
    ("override_no_reason", [Edit(EV, 5, ",Known start date", ",")],
     "events.csv:5:override_reason: override without override_reason", 1),
    ("reason_no_override", [Edit(EV, 6, "Quoted,,,", "Quoted,,,because")],
     "events.csv:6:override_reason: override_reason given without", 1),
    ("override_bad_date", [Edit(EV, 5, "2015-09-30,Known", "2015-9-30,Known")],
     "events.csv:5:date_override_latest: bad date '2015-9-30'", 1),
    ("unresolvable_phrase", [Edit(EV, 3, ",last week,", ",clashed with them,")],
     "events.csv:3:date_text: cannot resolve date 'clashed with them' (anchor 2020-07-05..2020-07-08): "
     "no rule for 'clashed with them'", 1),
    ("bad_latitude", [Edit(TW, 2, "35.336", "135.336")], "towns.csv:2:latitude: bad latitude '135.336'", 1),
    ("bad_longitude", [Edit(TW, 3, "40.918", "east")], "towns.csv:3:longitude: bad longitude 'east'", 1),
    ("actor_alias_collision", [Edit(AC, 3, "Corps,", "Corps;Russian Army,")],
     "actors.csv:3:aliases: alias collision: 'Russian Army' of actor 'IRGC' already names actor 'Russia' (line 2)", 1),
    ("town_alias_collision", [Edit(TW, 3, "Boukamal", "Boukamal;deir EZZOR")],
     "towns.csv:3:aliases: alias collision: 'deir EZZOR' of town 'Albu Kamal' already names town 'Deir ez-Zor'", 1),
    ("parent_unknown", [Edit(AC, 4, ",IRGC,", ",IRCG,")],
     "actors.csv:4:parent: parent unknown actor 'IRCG' (did you mean 'IRGC'?)", 1),
    ("parent_cycle", [Edit(AC, 3, "iran,,", "iran,Fatemiyoun,")], "actors.csv:3:parent: parent cycle: IRGC -> Liwa Fatemiyoun -> IRGC", 1),
    ("bad_colour", [Edit(AC, 2, "#d62728", "red")], "actors.csv:2:colour: bad colour 'red'", 1),
    # a quoted newline inside e1's quote pushes every later record one physical line down
    ("line_numbers_follow_quoted_newlines",
     [Edit(EV, 2, "forces deployed", "forces\ndeployed"), Edit(EV, 3, "Fatemiyoun;", "Fatimiyun;")],
     "events.csv:4:actors: unknown actor 'Fatimiyun'", 1),
]
assert len({c[0] for c in INVALID_CASES}) == len(INVALID_CASES)


@pytest.mark.parametrize("mutations, expected, count", [c[1:] for c in INVALID_CASES],
                         ids=[c[0] for c in INVALID_CASES])
def test_invalid_data_is_reported(tmp_path, mutations, expected, count):
    with pytest.raises(EventDataError) as info:
        load(write_dataset(tmp_path, mutations))
    rendered = [str(p) for p in info.value.problems]
    assert any(expected in line for line in rendered), "\n".join(rendered)
    if count is not None:
        assert len(rendered) == count, "\n".join(rendered)
    assert isinstance(info.value, ValueError)


def test_every_problem_is_collected_and_sorted_by_file_then_line(tmp_path):
    mutations = [Edit(EV, 3, "Fatemiyoun;", "Fatimiyun;"), Edit(EV, 2, ",deployment,", ",deploy,"),
                 Edit(TW, 2, "35.336", "north"), Edit(AR, 2, "2020-07-05", "July")]
    with pytest.raises(EventDataError) as info:
        load(write_dataset(tmp_path, mutations))
    where = [f"{p.file}:{p.line}:{p.column}" for p in info.value.problems]
    assert where == ["articles.csv:2:published_earliest", "towns.csv:2:latitude",
                     "events.csv:2:event_type", "events.csv:3:actors"]
    assert str(info.value).splitlines()[0] == "4 problem(s) in the event data"


def test_missing_data_dir_is_a_problem(tmp_path):
    with pytest.raises(EventDataError, match="data directory not found"):
        load(tmp_path / "nowhere")


# event_id -> "earliest..latest date_source rule" on the valid fixture
EXPECTED_DATES = [
    ("e1", "2020-07-04..2020-07-04 phrase fake"),
    ("e2", "2020-06-28..2020-07-01 phrase fake"),          # anchor = publication window - 7 days
    ("e3", "2020-07-04..2020-07-05 anchor_event fake"),    # read forward from e1
    ("e4", "2015-09-30..2015-09-30 override override"),
    ("e5", "2020-07-05..2020-07-08 publication publication_window"),
]


@pytest.fixture
def dataset(tmp_path):
    return load(write_dataset(tmp_path))


@pytest.mark.parametrize("event_id, expected", EXPECTED_DATES, ids=[c[0] for c in EXPECTED_DATES])
def test_events_are_dated_against_their_anchor(dataset, event_id, expected):
    event = {e.event_id: e for e in dataset.events}[event_id]
    assert f"{event.earliest}..{event.latest} {event.date_source.value} {event.rule}" == expected


def test_valid_dataset_loads_with_canonical_names(dataset):
    assert dataset.summary() == "1 articles, 5 events, 3 actors, 2 towns"
    events = {e.event_id: e for e in dataset.events}
    assert events["e2"].actors == ("Liwa Fatemiyoun", "Russia", "IRGC")
    assert events["e2"].sides == ("iran", "russia")               # same order, deduplicated
    assert events["e3"].towns == ("Deir ez-Zor", "Albu Kamal")
    assert (events["e3"].anchor_earliest, events["e3"].anchor_latest) == (SATURDAY, SATURDAY)
    assert dataset.actors["Liwa Fatemiyoun"].parent == "IRGC"
    assert dataset.articles["a1"].relays == ("Relay A", "Relay B")
    assert [e.event_id for e in dataset.events] == ["e1", "e2", "e3", "e4", "e5"]


def test_explanation_names_the_anchor_event(dataset):
    event = {e.event_id: e for e in dataset.events}["e3"]
    assert event.explanation == ("anchored on event e1 (2020-07-04..2020-07-04): "
                                 "'in less than 24 hours' → fake → 2020-07-04..2020-07-05")


def test_override_keeps_the_phrase_derivation_visible(dataset):
    event = {e.event_id: e for e in dataset.events}["e4"]
    assert event.explanation == ("'2015' → fake → 2015-01-01..2015-12-31 ; "
                                 "analyst override → 2015-09-30..2015-09-30 (Known start date)")
    assert event.override_reason == "Known start date"
    assert event.date_source is DateSource.OVERRIDE


# case id, mutations that must still load, event_id, expected "earliest..latest rule" (or None)
VALID_VARIANTS = [
    ("blank_lines_and_crlf", [Edit(EV, 3, "e2,", "\r\n\r\ne2,"), Edit(EV, 2, "Convoy,,,", "Convoy,,,\r")],
     "e2", "2020-06-28..2020-07-01 fake"),
    ("utf8_bom", [Edit(EV, 1, "event_id,", "\ufeffevent_id,")], "e1", "2020-07-04..2020-07-04 fake"),
    ("enums_case_folded", [Edit(EV, 2, "deployment,reported,russia", "Deployment,REPORTED,Russia")],
     "e1", "2020-07-04..2020-07-04 fake"),
    ("quote_whitespace_insensitive", [Edit(EV, 2, "forces deployed a", "forces\t deployed\n  a")],
     "e1", "2020-07-04..2020-07-04 fake"),
    ("anchor_defined_later_in_file", [Edit(EV, 3, "last week,,", "last week,e3,")],
     "e2", "2020-06-27..2020-06-28 fake"),           # e2 -> e3 -> e1, whatever the file order
    ("override_rescues_unresolved_phrase",
     [Edit(EV, 3, ",last week,", ",clashed with them,"), Edit(EV, 3, "Clash,,,", "Clash,2020-06-01,2020-06-30,Analyst")],
     "e2", "2020-06-01..2020-06-30 override"),
    ("empty_date_text_with_anchor_event", [Edit(EV, 6, ",,,,,statement", ",,e3,,,statement")],
     "e5", "2020-07-04..2020-07-05 anchor_event"),
]
assert len({c[0] for c in VALID_VARIANTS}) == len(VALID_VARIANTS)


@pytest.mark.parametrize("mutations, event_id, expected", [c[1:] for c in VALID_VARIANTS],
                         ids=[c[0] for c in VALID_VARIANTS])
def test_valid_variants_load(tmp_path, mutations, event_id, expected):
    events = {e.event_id: e for e in load(write_dataset(tmp_path, mutations)).events}
    event = events[event_id]
    assert f"{event.earliest}..{event.latest} {event.rule}" == expected
    if event.rule == "override":
        assert "unresolved" in event.explanation and "analyst override" in event.explanation
