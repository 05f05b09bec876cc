"""Property tests for components.dates.normalize_date (hypothesis).

Invariants: never raises on any text/anchor; resolved results have start <= end and
earliest <= latest; an absolute phrase names the same period whatever the anchor; a
relative phrase read in the past tense never ends after the anchor's last day.
Anchors cover 1900-2100, month ends and leap days.
"""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.dates import RULES, normalize_date

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Anchors 1900..2100 with month ends and leap days over-represented.
_plain_days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_month_ends = st.builds(lambda y, m: (date(y, m, 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1),
                        st.integers(1900, 2100), st.integers(1, 12))
_leap_days = st.sampled_from([date(y, 2, 29) for y in range(1904, 2100, 4) if y % 100 or y % 400 == 0])
ANCHOR_DAYS = st.one_of(_plain_days, _month_ends, _leap_days)


@st.composite
def anchors(draw):
    first = draw(ANCHOR_DAYS)
    if draw(st.booleans()):
        return first
    return first, first + timedelta(days=draw(st.integers(0, 40)))


DATE_WORDS = ["last", "next", "this", "early", "mid", "late", "the", "end", "of", "week", "month", "year", "quarter",
              "ago", "days", "3", "two", "a", "few", "since", "about", "in", "on", "friday", "may", "june", "2017",
              "1990s", "winter", "summer", "first", "third", "yesterday", "today", "recently", "-", "/", ",", "29",
              "february", "2020-W53", "2019-02-29", "(", ")", "or so", "and beyond", "century", "'80s"]
word_salad = st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=7).map(" ".join)
# 100 kB strings: a random seed text repeated (hypothesis cannot draw that many characters itself).
huge_text = st.builds(lambda seed, extra: (seed * (100_000 // len(seed) + 1))[: 100_000 + extra],
                      st.text(min_size=1, max_size=40), st.integers(0, 1000))
ANY_TEXT = st.one_of(st.text(max_size=300), word_salad, huge_text)

ABSOLUTE_PHRASES = ["October 6, 2018", "6 October 2018", "in February 2023", "2015", "the first quarter of 2019",
                    "the summer of 2018", "the winter of 2018", "2020-07-01", "2020-W27", "2020-07-01/2020-07-05",
                    "3/4/2019", "late 2017", "early 2021", "mid-1996", "the 20th century", "the end of 1994",
                    "the first half of 2019", "late in September 2015", "since 2017", "nineteen ninety-six"]
RELATIVE_PAST_PHRASES = ["on Saturday", "Friday dawn", "last week", "earlier this year", "a few days ago", "in May",
                         "in the last week of April", "this year", "this month", "last night", "yesterday",
                         "3 days ago", "two weeks ago", "a month ago", "recently", "in recent days", "over the weekend",
                         "the end of last month", "about three weeks ago", "On June 3", "the third quarter",
                         "late last year", "the past year", "early this month", "this week", "earlier today",
                         "around June 3", "the winter", "during the past hours", "For the past few months",
                         "the last decade", "in the past 24 hours"] + [r.examples[0] for r in RULES if r.tense == "past"]


@SETTINGS
@given(text=ANY_TEXT, anchor=anchors(), context=st.one_of(st.just(""), st.text(max_size=200)),
       direction=st.sampled_from([None, "past", "future"]))
def test_never_raises_and_bounds_are_ordered(text, anchor, context, direction):
    result = normalize_date(text, anchor, context, direction=direction)
    if result.resolved:
        assert result.start <= result.end and result.earliest <= result.latest
    else:
        assert result.error and result.start is None


@SETTINGS
@given(text=st.one_of(st.none(), st.integers(), st.binary(max_size=20)), anchor=st.one_of(st.text(max_size=30), anchors()))
def test_garbage_arguments_never_raise(text, anchor):
    assert not normalize_date(text, anchor).resolved


@SETTINGS
@given(phrase=st.sampled_from(ABSOLUTE_PHRASES), a=anchors(), b=anchors())
def test_absolute_phrase_names_the_same_period_whatever_the_anchor(phrase, a, b):
    one, two = normalize_date(phrase, a), normalize_date(phrase, b)
    assert one.resolved and two.resolved
    assert (one.start, one.end, one.granularity, one.timex) == (two.start, two.end, two.granularity, two.timex)


@SETTINGS
@given(phrase=st.sampled_from(RELATIVE_PAST_PHRASES), anchor=anchors())
def test_past_relative_result_never_ends_after_the_anchor(phrase, anchor):
    result = normalize_date(phrase, anchor, direction="past")
    last = anchor[1] if isinstance(anchor, tuple) else anchor
    assert result.resolved, result.error
    assert result.latest <= last, result.explanation


@SETTINGS
@given(phrase=st.sampled_from(RELATIVE_PAST_PHRASES), anchor=anchors())
def test_anchor_window_is_the_union_of_its_ends(phrase, anchor):
    if not isinstance(anchor, tuple):
        anchor = (anchor, anchor)
    window = normalize_date(phrase, anchor, direction="past")
    first, last = normalize_date(phrase, anchor[0], direction="past"), normalize_date(phrase, anchor[1], direction="past")
    assert window.earliest == min(first.earliest, last.earliest) and window.latest == max(first.latest, last.latest)
