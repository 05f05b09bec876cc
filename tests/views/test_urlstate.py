"""URL query parameters <-> EventFilter + ViewOptions: case tables, round trips, hostile input."""
from __future__ import annotations

from datetime import date

import pytest

from tests.support.frames import make_frame
from components.query.filter import EventFilter
from components.views.urlstate import (
    ViewOptions, parse_date, parse_query_params, to_query_params, vocabulary_from_frame,
)

VOCAB = vocabulary_from_frame(
    make_frame(),
    actor_aliases={"Liwa Fatemiyoun": ("Fatemiyoun", "Liwa al-Fatemiyoun"), "Ghost": ("Spook",)},
    town_aliases={"Albu Kamal": ("Boukamal", "Abu Kamal", "al-Bukamal")},
)

# id, params, expected EventFilter fields (subset), expected ViewOptions fields (subset)
GOOD_CASES = [
    ("empty", {}, {}, {}),
    ("town", {"town": "Albu Kamal"}, {"towns": ("Albu Kamal",)}, {}),
    ("town-alias", {"town": "boukamal"}, {"towns": ("Albu Kamal",)}, {}),
    ("town-alias-spaces", {"town": "  Abu   Kamal "}, {"towns": ("Albu Kamal",)}, {}),
    ("repeated", {"town": ["Albu Kamal", "al-Mayadin"]}, {"towns": ("Albu Kamal", "al-Mayadin")}, {}),
    ("comma", {"town": "al-Bukamal,al-Mayadin"}, {"towns": ("Albu Kamal", "al-Mayadin")}, {}),
    ("dedup", {"town": ["Boukamal", "Albu Kamal"]}, {"towns": ("Albu Kamal",)}, {}),
    ("actor-alias", {"actor": "fatemiyoun"}, {"actors": ("Liwa Fatemiyoun",)}, {}),
    ("side-case", {"side": "IRAN"}, {"sides": ("iran",)}, {}),
    ("type-status-source", {"type": "clash", "status": "claimed", "source": "Diyaruna"},
     {"types": ("clash",), "statuses": ("claimed",), "sources": ("Diyaruna",)}, {}),
    ("precision", {"precision": "day,week"}, {"precisions": ("day", "week")}, {}),
    ("dates", {"start": "2020-01-01", "end": "2020-07-31"},
     {"start": date(2020, 1, 1), "end": date(2020, 7, 31)}, {}),
    ("month-dates", {"start": "2020-02", "end": "2020-02"},
     {"start": date(2020, 2, 1), "end": date(2020, 2, 29)}, {}),
    ("year-dates", {"start": "2019", "end": "2019"},
     {"start": date(2019, 1, 1), "end": date(2019, 12, 31)}, {}),
    ("within", {"date_mode": "within"}, {"date_mode": "within"}, {}),
    ("view", {"swimlane": "town", "colour": "type", "period": "quarter", "rule": "midpoint"}, {},
     {"swimlane": "town", "colour": "type", "period": "quarter", "rule": "midpoint"}),
    ("streamlit-embed", {"embed": "true"}, {}, {}),
    ("known-by", {"known_by": "2020-06-30"}, {"known_by": date(2020, 6, 30)}, {}),
    ("known-by-month", {"known_by": "2020-06"}, {"known_by": date(2020, 6, 30)}, {}),
    ("known-possibly", {"known_by": "2020-06-30", "known_mode": "Possibly"},
     {"known_by": date(2020, 6, 30), "known_mode": "possibly"}, {}),
    ("lag", {"lag": "14"}, {"lag_days": 14}, {}),
    ("lag-zero", {"lag": "0"}, {"lag_days": 0}, {}),
]
assert len({c[0] for c in GOOD_CASES}) == len(GOOD_CASES)


@pytest.mark.parametrize("params, fields, options", [c[1:] for c in GOOD_CASES],
                         ids=[c[0] for c in GOOD_CASES])
def test_good_params(params, fields, options):
    parsed = parse_query_params(params, VOCAB)
    assert parsed.warnings == ()
    assert parsed.filter == EventFilter(**fields)
    assert parsed.options == ViewOptions(**options)


# id, params, expected fields kept, text every warning list must contain
BAD_CASES = [
    ("unknown-key", {"colour_scheme": "x"}, {}, "unknown parameter 'colour_scheme'"),
    ("unknown-town", {"town": "Atlantis"}, {}, "town='Atlantis': not a known town"),
    ("one-bad-one-good", {"town": ["Atlantis", "Boukamal"]}, {"towns": ("Albu Kamal",)}, "Atlantis"),
    ("alias-of-absent-actor", {"actor": "Spook"}, {}, "actor='Spook'"),
    ("bad-side", {"side": "martians"}, {}, "side='martians'"),
    ("bad-month", {"start": "2020-13-01"}, {}, "start='2020-13-01': not a date"),
    ("bad-day", {"end": "2021-02-29"}, {}, "end='2021-02-29': not a date"),
    ("free-text-date", {"start": "last week"}, {}, "start='last week'"),
    ("reversed", {"start": "2020-07-01", "end": "2020-01-01"}, {"start": date(2020, 7, 1)},
     "before start"),
    ("two-starts", {"start": ["2020-01-01", "2020-02-01"]}, {"start": date(2020, 1, 1)},
     "extra start"),
    ("bad-mode", {"date_mode": "roughly"}, {}, "date_mode='roughly'"),
    ("bad-precision", {"precision": "fortnight"}, {}, "precision='fortnight'"),
    ("sql", {"actor": "x' OR 1=1; DROP TABLE events;--"}, {}, "actor='x' OR 1=1; DROP TABLE events;--'"),
    ("huge", {"town": "A" * 10_000}, {}, "too much input"),
    ("long-value", {"town": "B" * 300}, {}, "longer than 200"),
    ("many", {"town": ["Albu Kamal"] * 80}, {}, "80 values"),
    ("control-chars", {"town": "Albu\x00Kamal"}, {}, "control characters"),
    ("non-utf8-bytes", {"town": b"\xff\xfeAlbu"}, {}, "invalid UTF-8"),
    ("surrogate", {"town": "Albu\udcffKamal"}, {}, "invalid UTF-8"),
    ("html", {"source": "<img src=x onerror=alert(1)>"}, {}, "source='<img src=x"),
    ("bad-swimlane", {"swimlane": "country"}, {}, "swimlane='country'"),
    ("bad-known-by", {"known_by": "2020-13-30"}, {}, "known_by='2020-13-30': not a date"),
    ("free-text-known-by", {"known_by": "yesterday"}, {}, "known_by='yesterday': not a date"),
    ("bad-known-mode", {"known_mode": "probably"}, {}, "known_mode='probably': use one of certainly, possibly"),
    ("negative-lag", {"lag": "-3"}, {}, "lag='-3': not a whole number of days 0..365"),
    ("huge-lag", {"lag": "366"}, {}, "lag='366'"),
    ("fraction-lag", {"lag": "2.5"}, {}, "lag='2.5'"),
    ("word-lag", {"lag": "three weeks"}, {}, "lag='three weeks'"),
    ("unicode-digit-lag", {"lag": "\u0661\u0664"}, {}, "not a whole number"),
]
assert len({c[0] for c in BAD_CASES}) == len(BAD_CASES)


@pytest.mark.parametrize("params, fields, needle", [c[1:] for c in BAD_CASES],
                         ids=[c[0] for c in BAD_CASES])
def test_bad_params_warn_and_are_ignored(params, fields, needle):
    parsed = parse_query_params(params, VOCAB)
    assert parsed.filter == EventFilter(**fields)
    assert parsed.options == ViewOptions()
    assert any(needle in w for w in parsed.warnings), parsed.warnings


def test_warnings_cut_long_values():
    parsed = parse_query_params({"town": "C" * 150}, VOCAB)
    assert all(len(w) < 120 for w in parsed.warnings)
    assert "…" in parsed.warnings[0]


ROUND_TRIPS = [
    EventFilter(),
    EventFilter(towns=("Albu Kamal", "al-Mayadin"), sides=("iran",)),
    EventFilter(actors=("Liwa Fatemiyoun",), start=date(2020, 1, 1), end=date(2020, 7, 31),
                date_mode="within", precisions=("day",)),
    EventFilter(sources=("The Syrian Observer",), statuses=("background", "reported"), types=("clash",)),
    EventFilter(known_by=date(2020, 6, 30)),
    EventFilter(known_by=date(2018, 10, 6), known_mode="possibly", lag_days=7),
    EventFilter(towns=("Albu Kamal",), lag_days=0),
]


@pytest.mark.parametrize("flt", ROUND_TRIPS, ids=[str(f) for f in ROUND_TRIPS])
def test_round_trip(flt):
    options = ViewOptions(swimlane="town", period="week")
    params = to_query_params(flt, options)
    parsed = parse_query_params(params, VOCAB)
    assert (parsed.filter, parsed.options, parsed.warnings) == (flt, options, ())


def test_defaults_are_left_out_of_the_url():
    assert to_query_params(EventFilter(), ViewOptions()) == {}
    assert to_query_params(EventFilter(towns=("Albu Kamal",)), ViewOptions()) == {"town": ["Albu Kamal"]}


def test_knowledge_time_and_lag_in_the_url():
    params = to_query_params(EventFilter(known_by=date(2020, 6, 30), known_mode="possibly",
                                         lag_days=14), ViewOptions())
    assert params == {"known_by": ["2020-06-30"], "known_mode": ["possibly"], "lag": ["14"]}


def test_vocabulary_choices_are_canonical_names_only():
    assert VOCAB.choices("town") == ["al-Mayadin", "Albu Kamal", "Deir ez-Zor"]
    assert "Ghost" not in VOCAB.choices("actor")


DATE_CASES = [("2020-06-03", False, date(2020, 6, 3)), ("2020-02", True, date(2020, 2, 29)),
              ("2021-02", True, date(2021, 2, 28)), ("2020", False, date(2020, 1, 1)),
              ("2020-6-3", False, None), ("20200603", False, None), ("", False, None)]


@pytest.mark.parametrize("text, end, expected", DATE_CASES, ids=[f"{c[0]}-{c[1]}" for c in DATE_CASES])
def test_parse_date(text, end, expected):
    assert parse_date(text, end=end) == expected


def test_many_bad_keys_give_a_bounded_warning_list():
    parsed = parse_query_params({f"junk{i}": "x" for i in range(500)}, VOCAB)
    assert len(parsed.warnings) == 10
    assert parsed.warnings[-1] == "… and 491 more ignored parameters or values"
