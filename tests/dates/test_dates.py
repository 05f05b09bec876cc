"""Phrase -> interval cases for components.dates (fixed anchors, never today's date).

Each expected value is "earliest..latest [granularity MOD]" (DateResult.__str__), plus
the named period start..end where it differs.  Anchors: 2020-07-06 is a Monday,
2020-07-05..2020-07-08 the publication window of seed article 000.
"""
from datetime import date

import pytest

from components.dates import Anchor, DateResult, Granularity, Mod, normalize_date

MON = "2020-07-06"          # Monday
WINDOW = "2020-07-05/2020-07-08"
SAT = "2018-10-06"          # Saturday (seed article 004)

NORMALIZE_CASES = [
    # text, anchor, context, expected
    # -- absolute
    ("October 6, 2018", MON, "", "2018-10-06..2018-10-06 [day]"),
    ("6 October", SAT, "", "2018-10-06..2018-10-06 [day]"),
    ("On June 3", "2020-06-03/2020-06-07", "", "2020-06-03..2020-06-03 [day]"),
    ("Today, on Saturday (October 6)", "2018-10-06/2018-10-07", "", "2018-10-06..2018-10-06 [day]"),
    ("in May", MON, "", "2020-05-01..2020-05-31 [month]"),
    ("in February 2023", MON, "", "2023-02-01..2023-02-28 [month]"),
    ("2015", MON, "", "2015-01-01..2015-12-31 [year]"),
    ("in 2015", MON, "", "2015-01-01..2015-12-31 [year]"),
    ("the 1990s", MON, "", "1990-01-01..1999-12-31 [decade]"),
    ("the first quarter of 2019", MON, "", "2019-01-01..2019-03-31 [quarter]"),
    ("the summer of 2018", MON, "", "2018-06-01..2018-08-31 [season]"),
    ("the winter of 2018", MON, "", "2018-12-01..2019-02-28 [season]"),
    ("2020-07-01", MON, "", "2020-07-01..2020-07-01 [day]"),
    ("2020-W27", MON, "", "2020-06-29..2020-07-05 [week]"),
    ("2020-07-01/2020-07-05", MON, "", "2020-07-01..2020-07-05 [span]"),
    ("3/4/2019", MON, "", "2019-04-03..2019-04-03 [day]"),
    ("12/25/2019", MON, "", "2019-12-25..2019-12-25 [day]"),
    ("nineteen ninety-six", MON, "", "1996-01-01..1996-12-31 [year]"),
    # -- relative days and weekdays
    ("today", MON, "", "2020-07-06..2020-07-06 [day]"),
    ("yesterday", MON, "", "2020-07-05..2020-07-05 [day]"),
    ("the day before yesterday", MON, "", "2020-07-04..2020-07-04 [day]"),
    ("tomorrow", MON, "", "2020-07-07..2020-07-07 [day]"),
    ("last night", MON, "", "2020-07-05..2020-07-06 [day]"),
    ("earlier today", MON, "", "2020-07-06..2020-07-06 [day START]"),
    ("on Saturday", MON, "", "2020-07-04..2020-07-04 [day]"),
    ("on Saturday", SAT, "", "2018-10-06..2018-10-06 [day]"),
    ("on Saturday", MON, "The convoy will arrive on Saturday.", "2020-07-11..2020-07-11 [day]"),
    ("Friday dawn", WINDOW, "", "2020-07-03..2020-07-03 [day]"),
    ("last Monday", MON, "", "2020-06-29..2020-06-29 [day]"),
    ("next Monday", MON, "", "2020-07-13..2020-07-13 [day]"),
    ("this Monday", MON, "", "2020-07-06..2020-07-06 [day]"),
    ("over the weekend", MON, "", "2020-07-04..2020-07-05 [weekend]"),
    # -- this / last / next period
    ("last week", "2020-08-19", "", "2020-08-10..2020-08-16 [week]"),
    ("last week", WINDOW, "", "2020-06-22..2020-07-05 [week]"),
    ("this week", MON, "", "2020-07-06..2020-07-06 [week]"),
    ("next week", MON, "", "2020-07-13..2020-07-19 [week]"),
    ("last month", MON, "", "2020-06-01..2020-06-30 [month]"),
    ("this year", MON, "", "2020-01-01..2020-07-06 [year]"),
    ("last year", MON, "", "2019-01-01..2019-12-31 [year]"),
    ("next year", MON, "", "2021-01-01..2021-12-31 [year]"),
    ("last quarter", MON, "", "2020-04-01..2020-06-30 [quarter]"),
    # -- N units ago
    ("3 days ago", MON, "", "2020-07-03..2020-07-03 [day]"),
    ("three days ago", MON, "", "2020-07-03..2020-07-03 [day]"),
    ("two weeks ago", MON, "", "2020-06-22..2020-06-28 [week]"),
    ("a month ago", "2020-03-31", "", "2020-02-01..2020-02-29 [month]"),
    ("five years ago", MON, "", "2015-01-01..2015-12-31 [year]"),
    # -- earlier / since / parts
    ("earlier this year", WINDOW, "", "2020-01-01..2020-07-08 [year START]"),
    ("earlier this month", MON, "", "2020-07-01..2020-07-06 [month START]"),
    ("late last year", MON, "", "2019-09-01..2019-12-31 [year END]"),
    ("since 2017", MON, "", "2017-01-01..2020-07-06 [year ON_OR_AFTER]"),
    ("early 2021", MON, "", "2021-01-01..2021-04-30 [year START]"),
    ("mid-2019", MON, "", "2019-05-01..2019-08-31 [year MID]"),
    ("late in September 2015", SAT, "", "2015-09-21..2015-09-30 [month END]"),
    ("late in 2017", SAT, "", "2017-09-01..2017-12-31 [year END]"),
    ("the beginning of March", MON, "", "2020-03-01..2020-03-10 [month START]"),
    ("the middle of October 2019", MON, "", "2019-10-11..2019-10-20 [month MID]"),
    ("the end of last month", MON, "", "2020-06-21..2020-06-30 [month END]"),
    ("the early 1980s", MON, "", "1980-01-01..1983-12-31 [decade START]"),
    ("in the last week of April", "2020-05-05", "", "2020-04-24..2020-04-30 [week]"),
    ("about three weeks ago", MON, "", "2020-06-12..2020-06-24 [week APPROX]"),
    ("around June 3", MON, "", "2020-06-02..2020-06-04 [day APPROX]"),
    # -- vague spans
    ("a few days ago", MON, "", "2020-06-26..2020-07-04 [span]"),
    ("in recent days", MON, "", "2020-06-22..2020-07-06 [span]"),
    ("some weeks ago", MON, "", "2020-04-06..2020-06-29 [span]"),
    ("recently", MON, "", "2020-04-06..2020-07-06 [span]"),
    ("during the past hours", MON, "", "2020-07-05..2020-07-06 [span]"),
    ("in the coming days", MON, "", "2020-07-06..2020-07-20 [span]"),
    ("For the past few months", "2020-05-05", "", "2019-11-05..2020-05-05 [span]"),
    ("during the last 3 days", MON, "", "2020-07-03..2020-07-06 [span]"),
    # -- ranges and other forms
    ("Two, maybe three years ago", MON, "", "2017-01-01..2018-12-31 [span]"),
    ("June 3-5", MON, "", "2020-06-03..2020-06-05 [span]"),
    ("from March to May 2019", MON, "", "2019-03-01..2019-05-31 [span]"),
    ("between 2015 and 2017", MON, "", "2015-01-01..2017-12-31 [span]"),
    ("on the 15th", MON, "", "2020-06-15..2020-06-15 [day]"),
    ("Thursday of last week", MON, "", "2020-07-02..2020-07-02 [day]"),
    ("this past weekend", MON, "", "2020-07-04..2020-07-05 [weekend]"),
    ("the year before last", MON, "", "2018-01-01..2018-12-31 [year]"),
    ("2020/07/06", "2000-01-01", "", "2020-07-06..2020-07-06 [day]"),
    ("the following year", "1998-04-18", "On May 22, 1995, he was made a general, and the following year he left.",
     "1996-01-01..1996-12-31 [year]"),
    ("five years", "1989-11-02", "The stock would be redeemed in five years.", "1994-01-01..1994-12-31 [year]"),
    ("mid early February", MON, "", "2020-02-01..2020-02-10 [month MID]"),
    # -- tense: a yearless date far back with no tense cue is the coming one; a past cue keeps it past
    ("Feb. 1", "1989-10-26", "Trust also created a four-member office of the chairman, effective Feb. 1.", "1990-02-01..1990-02-01 [day]"),
    ("in May", "2020-12-15", "the last of which took place in May", "2020-05-01..2020-05-31 [month]"),
    ("Oct. 31", "1989-10-26", "the parent asked it to respond by Oct. 31.", "1989-10-31..1989-10-31 [day]"),
    ("Monday", "1989-10-27", "Paribas said Monday that it intends to bid to boost its stake.", "1989-10-23..1989-10-23 [day]"),
    # -- financial (TimeBank conventions)
    ("the third quarter", "1989-10-26", "", "1989-07-01..1989-09-30 [quarter]"),
    ("the fourth quarter", "1989-10-26", "", "1989-10-01..1989-10-26 [quarter]"),
    ("the year-ago quarter", "1989-10-26", "", "1988-07-01..1988-09-30 [quarter]"),
    ("a year ago", "1989-10-26", "Net rose in the third quarter from a year ago.", "1988-07-01..1988-09-30 [quarter]"),
    ("a year ago", MON, "", "2019-01-01..2019-12-31 [year]"),
]
assert len({c[:3] for c in NORMALIZE_CASES}) == len(NORMALIZE_CASES), "duplicate case"


@pytest.mark.parametrize("text, anchor, context, expected", NORMALIZE_CASES,
                         ids=[f"{c[0]}@{c[1]}" + ("+ctx" if c[2] else "") for c in NORMALIZE_CASES])
def test_normalize_date(text, anchor, context, expected):
    result = normalize_date(text, anchor, context)
    assert str(result) == expected, result.explanation or result.error


NAMED_PERIOD_CASES = [
    # text, anchor, start..end (TIMEX3 value as a period), timex
    ("late 2017", MON, "2017-01-01..2017-12-31", "2017"),
    ("this year", MON, "2020-01-01..2020-12-31", "2020"),
    ("last week", MON, "2020-06-29..2020-07-05", "2020-W27"),
    ("over the weekend", MON, "2020-07-04..2020-07-05", "2020-W27-WE"),
    ("the third quarter", "1989-10-26", "1989-07-01..1989-09-30", "1989-Q3"),
    ("the summer of 2018", MON, "2018-06-01..2018-08-31", "2018-SU"),
    ("the 1990s", MON, "1990-01-01..1999-12-31", "199"),
    ("recently", MON, "2020-04-06..2020-07-06", "PAST_REF"),
]


@pytest.mark.parametrize("text, anchor, period, timex", NAMED_PERIOD_CASES, ids=[c[0] for c in NAMED_PERIOD_CASES])
def test_named_period_and_timex(text, anchor, period, timex):
    result = normalize_date(text, anchor)
    assert (f"{result.start}..{result.end}", result.timex) == (period, timex)


def test_future_relative_to_event_anchor():
    """The loader anchors 'in less than 24 hours' on an earlier event and forces the future."""
    result = normalize_date("in less than 24 hours", "2020-07-05/2020-07-06", direction="future")
    assert (result.earliest, result.latest, result.granularity) == (date(2020, 7, 5), date(2020, 7, 7), Granularity.SPAN)


def test_explanation_names_phrase_anchor_rule_interval():
    result = normalize_date("last week", WINDOW)
    assert result.explanation == ("'last week' in an article published 2020-07-05..2020-07-08 → the week before "
                                  "publication: the week 22 to 28 June 2020 or the week 29 June to 5 July 2020"
                                  " → 2020-06-22..2020-07-05")
    late = normalize_date("late 2017", "2020-07-06")
    assert late.explanation == ("'late 2017' in an article published 2020-07-06 → the late part of the year 2017"
                                " → 2017-09-01..2017-12-31")


UNREADABLE_CASES = [
    # text, anchor, error fragment
    ("", MON, "empty"),
    ("   ", MON, "empty"),
    ("the convoy arrived", MON, "no date rule"),
    ("x" * 100_000, MON, "too long"),
    ("last week", "not-a-date", "bad anchor"),
    ("February 30, 2019", MON, "cannot resolve"),
    (None, MON, "must be a string"),
    ("from 2017 to 2015", MON, "range runs backwards"),
    ("31 December 9999", MON, "no date rule"),  # an explicit number is never dropped
]


@pytest.mark.parametrize("text, anchor, fragment", UNREADABLE_CASES, ids=[repr(c[0])[:20] for c in UNREADABLE_CASES])
def test_unreadable_gives_error_not_exception(text, anchor, fragment):
    result = normalize_date(text, anchor)
    assert not result.resolved and fragment in result.error and result.start is None


def test_anchor_forms_are_equivalent():
    forms = ["2020-07-05/2020-07-08", Anchor(date(2020, 7, 5), date(2020, 7, 8)), (date(2020, 7, 5), date(2020, 7, 8))]
    assert len({str(normalize_date("last week", a)) for a in forms}) == 1


def test_result_round_trips_to_json():
    result = normalize_date("late 2017", MON)
    data = result.to_dict()
    assert data["mod"] == Mod.END.value and data["edtf"] == "2017-09-01/2017-12-31" and isinstance(result, DateResult)


ADVERSARIAL = [
    # inputs built to make a backtracking reader explode (each used to take 0.1-0.7 s)
    "1-" * 127 + "1",
    "may to " * 36 + "may",
    "from " + "june 3 to " * 20 + "june 4",
    " ".join(["twenty-one"] * 20) + " days ago",
    "mid-" * 60 + "2017",
    "the end of " * 20 + "2017",
    "1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1",
    "a week or so " * 18,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[f"adversarial{i}" for i in range(len(ADVERSARIAL))])
@pytest.mark.timeout(30)      # a hang guard; the speed is in benchmarks/run.py
def test_adversarial_input_is_answered(text):
    assert normalize_date(text, WINDOW, text).text
