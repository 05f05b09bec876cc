"""EventFilter: normalisation, validation, apply() semantics and the caption."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.support.frames import make_events
from components.query.filter import DATE_MODES, EventFilter, FilterError
from components.query.run import filter_events

EVENTS = make_events()
JUNE = dict(start=date(2020, 6, 1), end=date(2020, 6, 30))

APPLY_CASES = [
    # id, filter, expected event_ids (frame order)
    ("nothing", EventFilter(), ["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"]),
    ("town", EventFilter(towns=("Albu Kamal",)), ["e1", "e3", "e7"]),
    ("second-town-in-list", EventFilter(towns=("al-Mayadin",)), ["e2", "e4"]),
    ("towns-any-of", EventFilter(towns=("al-Mayadin", "Deir ez-Zor")), ["e2", "e4", "e5", "e8"]),
    ("actor", EventFilter(actors=("IRGC",)), ["e3", "e4", "e5"]),
    ("side-casefolded", EventFilter(sides=("Iran",)), ["e1", "e3", "e4", "e5"]),
    ("type", EventFilter(types=("clash", "recruitment")), ["e4", "e5", "e6", "e8"]),
    ("status", EventFilter(statuses=("claimed",)), ["e4"]),
    ("source", EventFilter(sources=("Enab Baladi",)), ["e6", "e7", "e8"]),
    ("precision", EventFilter(precisions=("day",)), ["e1", "e2", "e7"]),
    ("precision-coarser", EventFilter(precisions=("coarser", "year")), ["e3", "e6", "e8"]),
    # overlap keeps anything touching June, inclusive at both ends
    ("overlap-june", EventFilter(**JUNE), ["e1", "e2", "e3", "e4", "e5"]),
    ("within-june", EventFilter(**JUNE, date_mode="within"), ["e1", "e2", "e4"]),
    ("overlap-one-day-edge", EventFilter(start=date(2020, 6, 30), end=date(2020, 6, 30)),
     ["e2", "e3", "e5"]),
    ("open-start", EventFilter(end=date(2018, 12, 31)), ["e3", "e7"]),
    ("open-end", EventFilter(start=date(2020, 7, 1)), ["e3", "e5"]),
    ("within-open-end", EventFilter(start=date(2020, 6, 25), date_mode="within"), ["e2", "e5"]),
    ("fields-and", EventFilter(towns=("Albu Kamal",), sides=("iran",), **JUNE), ["e1", "e3"]),
    ("no-match", EventFilter(actors=("IRGC",), towns=("al-Mayadin",), start=date(2021, 1, 1)), []),
    ("unknown-name", EventFilter(actors=("Nobody",)), []),
]
assert len({c[0] for c in APPLY_CASES}) == len(APPLY_CASES)


@pytest.mark.parametrize("flt, expected", [c[1:] for c in APPLY_CASES], ids=[c[0] for c in APPLY_CASES])
def test_apply(flt, expected):
    assert filter_events(EVENTS, flt)["event_id"].tolist() == expected


def test_apply_keeps_columns_dtypes_and_index():
    shown = filter_events(EVENTS, EventFilter(towns=("Albu Kamal",)))
    assert list(shown.columns) == list(EVENTS.columns)
    assert (shown.dtypes == EVENTS.dtypes).all()
    assert shown.index.tolist() == [0, 2, 6]
    assert shown.loc[2, "actors"] == ["IRGC", "Liwa Fatemiyoun"]


def test_apply_on_a_reindexed_copy_matches_a_pandas_mask():
    frame = EVENTS.sample(frac=1.0, random_state=3).reset_index(drop=True)
    flt = EventFilter(sides=("russia",), start=date(2020, 1, 1))
    mask = (frame["latest"] >= pd.Timestamp("2020-01-01")) & frame["sides"].map(lambda s: "russia" in s)
    assert filter_events(frame, flt)["event_id"].tolist() == frame.loc[mask, "event_id"].tolist()


def test_apply_on_an_empty_frame():
    assert filter_events(EVENTS.iloc[:0], EventFilter(towns=("Albu Kamal",))).empty


NORMALISE_CASES = [
    # id, kwargs, field, expected
    ("list-to-tuple", dict(towns=["Albu Kamal"]), "towns", ("Albu Kamal",)),
    ("one-string", dict(actors="IRGC"), "actors", ("IRGC",)),
    ("deduplicated", dict(actors=["IRGC", "IRGC"]), "actors", ("IRGC",)),
    ("sides-lowercase", dict(sides=["Russia", "IRAN"]), "sides", ("russia", "iran")),
    ("iso-start", dict(start="2020-06-01"), "start", date(2020, 6, 1)),
    ("timestamp-end", dict(end=pd.Timestamp("2020-06-30")), "end", date(2020, 6, 30)),
]
assert len({c[0] for c in NORMALISE_CASES}) == len(NORMALISE_CASES)


@pytest.mark.parametrize("kwargs, field, expected", [c[1:] for c in NORMALISE_CASES],
                         ids=[c[0] for c in NORMALISE_CASES])
def test_normalises_widget_values(kwargs, field, expected):
    assert getattr(EventFilter(**kwargs), field) == expected


INVALID_CASES = [
    # id, kwargs, message fragment
    ("date-mode", dict(date_mode="inside"), "'inside' is not one of"),
    ("precision", dict(precisions=("decade",)), "'decade' is not one of"),
    ("reversed", dict(start=date(2020, 2, 1), end=date(2020, 1, 1)), "2020-02-01..2020-01-01"),
    ("bad-date", dict(start="June"), "not a date: 'June'"),
    ("non-string-name", dict(towns=[3]), "not a name: 3"),
]
assert len({c[0] for c in INVALID_CASES}) == len(INVALID_CASES)


@pytest.mark.parametrize("kwargs, fragment", [c[1:] for c in INVALID_CASES], ids=[c[0] for c in INVALID_CASES])
def test_rejects_unusable_values(kwargs, fragment):
    with pytest.raises(FilterError, match=fragment.replace("(", r"\(").replace(".", r"\.")):
        EventFilter(**kwargs)


DESCRIBE_CASES = [
    # id, filter, total, shown, caption
    ("contract-example", EventFilter(towns=("Albu Kamal",), sides=("iran",), start=date(2020, 1, 1),
                                     end=date(2020, 7, 31)), 57, 14,
     "Town: Albu Kamal and places within it · Side: Iran · overlapping 2020-01-01..2020-07-31 · 14 of 57 events"),
    ("all", EventFilter(), 57, 57, "All events · 57 of 57 events"),
    ("plural-within", EventFilter(actors=("IRGC", "5th Corps"), start=date(2020, 6, 1),
                                  end=date(2020, 6, 30), date_mode="within"), 1_000_000, 1234,
     "Actors: IRGC, 5th Corps and groups under them · within 2020-06-01..2020-06-30 · 1,234 of 1,000,000 events"),
    ("open-end", EventFilter(start=date(2020, 6, 1), precisions=("day",)), 8, 3,
     "Precision: day · overlapping 2020-06-01 onwards · 3 of 8 events"),
    ("open-start", EventFilter(end=date(2018, 12, 31), types=("clash",)), 8, 0,
     "Type: clash · overlapping up to 2018-12-31 · 0 of 8 events"),
]
assert len({c[0] for c in DESCRIBE_CASES}) == len(DESCRIBE_CASES)


@pytest.mark.parametrize("flt, total, shown, caption", [c[1:] for c in DESCRIBE_CASES],
                         ids=[c[0] for c in DESCRIBE_CASES])
def test_describe(flt, total, shown, caption):
    assert flt.describe(total, shown) == caption


def test_active_reads_the_same_fields_as_apply():
    flt = EventFilter(sources=("SouthFront",), statuses=("reported",))
    assert flt.active() == {"Source": "SouthFront", "Status": "reported"}
    assert filter_events(EVENTS, flt)["event_id"].tolist() == ["e1", "e5"]
    assert EventFilter().active() == {} and EventFilter().is_empty()
    assert not flt.is_empty()


def test_date_modes_and_frozen():
    assert DATE_MODES == ("overlap", "within")
    with pytest.raises(AttributeError):
        EventFilter().towns = ("x",)  # type: ignore[misc]
