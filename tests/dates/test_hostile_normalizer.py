"""The date normalizer on hostile input: it never raises and answers within a few milliseconds.

Manifest cases (target ``normalizer``) pin the outcome of specific inputs; the
hypothesis properties throw arbitrary text, anchors at the ends of the calendar,
100 kB strings and pathological regex food ("early early early …", runs of digits,
spaces, nested wrappers) at ``normalize_date`` and ``find_dates``.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.dates import DateResult, normalize_date
from components.dates.extract import find_dates
from tests.support.hostile import GENERATED, Case, cases

ANCHOR = "2020-07-05/2020-07-08"


def _generated(case: str):
    """(text, anchor) for the generated manifest cases."""
    return {
        "norm_100kb": ("last week " * 10_000, ANCHOR),
        "norm_digits_run": ("1" * 256, ANCHOR),
        "norm_early_repeated": (("early " * 43)[:256], ANCHOR),
        "norm_bad_anchor": ("last week", "2020-02-30"),
        "norm_anchor_at_max": ("next year", "9999-12-31"),
        "norm_not_a_string": (None, ANCHOR),
    }[case]


GENERATED_CASES = {"norm_100kb", "norm_digits_run", "norm_early_repeated", "norm_bad_anchor",
                   "norm_anchor_at_max", "norm_not_a_string"}
XFAIL: dict[str, str] = {}


def _params(selected: list[Case]) -> list:
    return [pytest.param(c, id=c.case, marks=[pytest.mark.xfail(strict=True, reason=XFAIL[c.case])]
                         if c.case in XFAIL else []) for c in selected]


def timed(text, anchor, context: str = "") -> DateResult:
    """The result (its speed is measured in benchmarks/run.py, not asserted here:
    wall-clock asserts fail at random on a loaded machine)."""
    return normalize_date(text, anchor, context)


@pytest.fixture(scope="module", autouse=True)
def _warm():
    normalize_date("last week", ANCHOR)


def test_every_generated_case_has_a_generator():
    assert {c.case for c in cases("normalizer", generated=True)} == GENERATED_CASES


@pytest.mark.parametrize("case", _params(cases("normalizer")))
def test_normalizer_case(case):
    text, anchor = _generated(case.case) if case.file == GENERATED else (case.inline, ANCHOR)
    result = timed(text, anchor)
    body = case.expected.partition(":")[2].strip()
    if case.kind == "resolved":
        assert result.resolved and str(result) == body
    else:
        assert not result.resolved, f"resolved to {result}"
        assert body in result.error
        assert len(result.text) <= 256 and len(result.error) < 400


# Words the rules and peelers react to, so generated phrases reach deep into the rule table.
TOKENS = ["early", "mid", "late", "the", "of", "in", "on", "last", "next", "this", "week", "month",
          "year", "2017", "2020", "3", "31", "days", "ago", "since", "about", "or so", "before",
          "after", "may", "june", "saturday", "spring", "end", "beginning", "between", "and", "to",
          "-", "'s", ".", ",", "(", ")", " ", "  ", "\t", "\n", "0", "9999", "Feb", "30", "dawn"]
phrases = st.lists(st.sampled_from(TOKENS), max_size=80).map(" ".join)
anchors = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.tuples(st.dates(max_value=date(9999, 12, 31)), st.integers(0, 60)).map(
        lambda d: f"{d[0]}/{date.fromordinal(min(d[0].toordinal() + d[1], date.max.toordinal()))}"),
    st.text(max_size=30),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300), phrases), anchor=anchors, context=st.text(max_size=200))
def test_never_raises_and_is_fast(text, anchor, context):
    result = timed(text, anchor, context)
    assert isinstance(result, DateResult)
    assert result.resolved or result.error
    if result.resolved:
        assert result.earliest <= result.latest and result.start <= result.end


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(
    ["1", " ", "early ", "early early ", "the ", "about ", "since ", "in the morning ", "x or so ",
     "'s", "a.", "9", "- ", "last week "])))
def test_hundred_kilobyte_strings(unit):
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    result = timed(text, ANCHOR, context=text)
    assert not result.resolved and "too long" in result.error


@settings(max_examples=200, deadline=None)
@given(unit=st.sampled_from(["1", " ", "early ", "the ", "about ", "since ", "in on ", "late the ",
                             "x or so ", "'s", "a.", "monday ", "may june ", "before after ",
                             "in the morning ", "3 days ago ", "mid-2017 ", "mid-2017",
                             "2015 to 2017 ", "from 2017 to "]),
       length=st.integers(1, 256))
def test_pathological_runs_up_to_the_limit(unit, length):
    text = (unit * (length // len(unit) + 1))[:length]
    result = timed(text, ANCHOR)
    assert isinstance(result, DateResult) 


def test_mid_year_run_is_fast():
    """'mid-2017 mid-2017 …' to the 256-character limit took ~28 ms while ranges were being added."""
    result = timed(("mid-2017 " * 40)[:256], ANCHOR)
    assert not result.resolved 


FIND_INPUTS = {   # 20 kB each, no sentence break: one run-on "sentence"
    "no_dates_digits": "1" * 20_000,
    "no_dates_words": "the " * 5_000,
    "capitalised_may": "May " * 5_000,
    "weekdays": "on Saturday, " * 1_540,
    "bare_years": "in 2017 " * 2_500,
    "last_week": "last week " * 2_000,
}


@pytest.mark.timeout(120)     # a hang guard; the speed is in benchmarks/run.py
@pytest.mark.parametrize("name", list(FIND_INPUTS))
def test_find_dates_is_linear_on_long_text(name):
    """Pasted run-on text is read in linear time (before commit ebda76d, 'May ' x 5,000 took 11 s)."""
    text = FIND_INPUTS[name]
    found = find_dates(text, ANCHOR)
    assert all(text[f.start_char:f.end_char] == f.text for f in found)


FIND_CLI_CASES = [
    # id,            file bytes,                               anchor,        stderr must contain
    ("latin1_file", "caf\u00e9 on Saturday\n".encode("latin-1"), "2020-07-05", ["article.txt", "UTF-8"]),
    ("image_file", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "2020-07-05", ["article.txt", "UTF-8"]),
    ("bad_anchor", b"On Saturday the convoy left.\n", "2020-02-30", ["2020-02-30"]),
]
FIND_CLI_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize("data, anchor, needles", [
    pytest.param(*c[1:], id=c[0], marks=[pytest.mark.xfail(strict=True, reason=FIND_CLI_XFAIL[c[0]])]
                 if c[0] in FIND_CLI_XFAIL else []) for c in FIND_CLI_CASES])
def test_find_cli_refuses_bad_input_without_a_traceback(tmp_path, data, anchor, needles):
    import subprocess
    import sys
    from tests.support.hostile import ROOT
    (tmp_path / "article.txt").write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "components.dates", "find", "--anchor", anchor,
                          str(tmp_path / "article.txt")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert all(n in run.stderr for n in needles), run.stderr[-300:]
