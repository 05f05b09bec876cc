"""Arabic date phrases through ``normalize_date``: same fields and conventions as English.

Every expected value was worked out by hand from ../shared/benchmarks/CONVENTIONS.md plus the
Arabic choices in README "Arabic sources" (weeks: Saturday, Sunday and Monday readings
together; Hijri months from the Umm al-Qura table, ±1 day)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.dates import normalize_date
from components.dates.__main__ import _batch_line

REPO = Path(__file__).resolve().parents[2]
SAT = "2018-10-06"      # a Saturday
THU = "2019-03-14"      # a Thursday
LEAP = "2020-03-01"     # a Sunday after 29 February
NEW_YEAR = "2019-01-01"  # a Tuesday

NORMALIZE_CASES = [
    # text, anchor, context, expected str(result)
    ("اليوم", SAT, "", "2018-10-06..2018-10-06 [day]"),
    ("أمس", SAT, "", "2018-10-05..2018-10-05 [day]"),
    ("أمس الأول", SAT, "", "2018-10-04..2018-10-04 [day]"),
    ("أول من أمس", SAT, "", "2018-10-04..2018-10-04 [day]"),
    ("غداً", SAT, "", "2018-10-07..2018-10-07 [day]"),
    ("بعد غد", SAT, "", "2018-10-08..2018-10-08 [day]"),
    ("ليلة أمس", SAT, "", "2018-10-05..2018-10-06 [day]"),
    ("فجر السبت", SAT, "", "2018-10-06..2018-10-06 [day]"),
    ("مساء الخميس", SAT, "", "2018-10-04..2018-10-04 [day]"),
    ("صباح يوم الأحد", SAT, "", "2018-09-30..2018-09-30 [day]"),
    ("ليلة الخميس", THU, "", "2019-03-13..2019-03-14 [day]"),
    ("ليلة السبت/الأحد", THU, "", "2019-03-09..2019-03-10 [span]"),
    ("منتصف ليل الخميس-الجمعة", SAT, "", "2018-10-04..2018-10-05 [span]"),
    ("الجمعة الماضية", SAT, "", "2018-10-05..2018-10-05 [day]"),
    ("السبت الماضي", SAT, "", "2018-09-29..2018-09-29 [day]"),
    ("السبت المقبل", SAT, "", "2018-10-13..2018-10-13 [day]"),
    ("الأحد القادم", SAT, "", "2018-10-07..2018-10-07 [day]"),
    ("السبت", THU, "من المقرر أن يصل الوفد السبت", "2019-03-16..2019-03-16 [day]"),
    ("السبت", THU, "وصل الوفد السبت", "2019-03-09..2019-03-09 [day]"),
    ("قبل يومين", SAT, "", "2018-10-04..2018-10-04 [day]"),
    ("قبل ثلاثة أيام", SAT, "", "2018-10-03..2018-10-03 [day]"),
    ("قبل ٣ أيام", SAT, "", "2018-10-03..2018-10-03 [day]"),
    ("منذ يومين", THU, "", "2019-03-12..2019-03-12 [day]"),
    ("قبل أسبوعين", SAT, "", "2018-09-16..2018-09-28 [week]"),
    ("قبل شهر", SAT, "", "2018-09-01..2018-09-30 [month]"),
    ("قبل شهر", LEAP, "", "2020-02-01..2020-02-29 [month]"),
    ("قبل عامين", SAT, "", "2016-01-01..2016-12-31 [year]"),
    ("قبل أحد عشر يوما", SAT, "", "2018-09-25..2018-09-25 [day]"),
    ("منذ عام 2017", SAT, "", "2017-01-01..2018-10-06 [year ON_OR_AFTER]"),
    ("قبل عام 2017", SAT, "", "2016-01-01..2016-12-31 [year BEFORE]"),
    ("الأسبوع الماضي", SAT, "", "2018-09-23..2018-10-05 [week]"),
    ("الأسبوع الماضي", LEAP, "", "2020-02-17..2020-02-29 [week]"),
    ("الأسبوع الجاري", THU, "", "2019-03-09..2019-03-14 [week]"),
    ("الأسبوع المقبل", SAT, "", "2018-10-07..2018-10-19 [week]"),
    ("الشهر الماضي", NEW_YEAR, "", "2018-12-01..2018-12-31 [month]"),
    ("العام الماضي", NEW_YEAR, "", "2018-01-01..2018-12-31 [year]"),
    ("السنة المنصرمة", SAT, "", "2017-01-01..2017-12-31 [year]"),
    ("الشهر الجاري", SAT, "", "2018-10-01..2018-10-06 [month]"),
    ("هذا العام", SAT, "", "2018-01-01..2018-10-06 [year]"),
    ("العام المقبل", SAT, "", "2019-01-01..2019-12-31 [year]"),
    ("الربع الأخير", NEW_YEAR, "", "2018-10-01..2018-12-31 [quarter]"),
    ("الربع الأخير من عام 2017", SAT, "", "2017-10-01..2017-12-31 [quarter]"),
    ("النصف الأول من العام الجاري", SAT, "", "2018-01-01..2018-06-30 [half]"),
    ("النصف الثاني من العام الماضي", NEW_YEAR, "", "2018-07-01..2018-12-31 [half]"),
    ("قبل أيام", SAT, "", "2018-09-26..2018-10-04 [span]"),
    ("خلال الأيام القليلة الماضية", SAT, "", "2018-09-22..2018-10-06 [span]"),
    ("في الآونة الأخيرة", SAT, "", "2018-07-06..2018-10-06 [span]"),
    ("خلال الأيام المقبلة", SAT, "", "2018-10-06..2018-10-20 [span]"),
    ("خلال الـ24 ساعة الماضية", SAT, "", "2018-10-05..2018-10-06 [span]"),
    ("مطلع العام الجاري", SAT, "", "2018-01-01..2018-04-30 [year START]"),
    ("أوائل آذار", SAT, "", "2018-03-01..2018-03-10 [month START]"),
    ("منتصف حزيران", SAT, "", "2018-06-11..2018-06-20 [month MID]"),
    ("أواخر عام 2017", SAT, "", "2017-09-01..2017-12-31 [year END]"),
    ("وفي أواخر عام 2017", SAT, "", "2017-09-01..2017-12-31 [year END]"),
    ("بأواخر العام ٢٠١٧", SAT, "", "2017-09-01..2017-12-31 [year END]"),
    ("أواخر الشهر الماضي", LEAP, "", "2020-02-21..2020-02-29 [month END]"),
    ("كانون الثاني 2018", SAT, "", "2018-01-01..2018-01-31 [month]"),
    ("كانون الأول الماضي", NEW_YEAR, "", "2018-12-01..2018-12-31 [month]"),
    ("تشرين الأول الماضي", SAT, "", "2017-10-01..2017-10-31 [month]"),
    ("أيار/مايو 2018", SAT, "", "2018-05-01..2018-05-31 [month]"),
    ("أيار (مايو) 2018", SAT, "", "2018-05-01..2018-05-31 [month]"),
    ("يناير 2020", SAT, "", "2020-01-01..2020-01-31 [month]"),
    ("الثالث من حزيران", SAT, "", "2018-06-03..2018-06-03 [day]"),
    ("التاسع والعشرين من شباط", LEAP, "", "2020-02-29..2020-02-29 [day]"),
    ("٣ حزيران ٢٠١٨", SAT, "", "2018-06-03..2018-06-03 [day]"),
    ("السبت 6 تشرين الأول 2018", SAT, "", "2018-10-06..2018-10-06 [day]"),
    ("الـ15 من آذار", SAT, "", "2018-03-15..2018-03-15 [day]"),
    ("6/10/2018", SAT, "", "2018-10-06..2018-10-06 [day]"),
    ("رمضان الماضي", SAT, "", "2018-05-15..2018-06-15 [month]"),
    ("شهر رمضان 1438", SAT, "", "2017-05-26..2017-06-25 [month]"),
    ("عيد الفطر الماضي", THU, "", "2018-06-14..2018-06-18 [span]"),
    ("للعام الماضي", SAT, "", "2017-01-01..2017-12-31 [year]"),
    ("بالأسبوع الماضي", SAT, "", "2018-09-23..2018-10-05 [week]"),
]
assert len({c[:3] for c in NORMALIZE_CASES}) == len(NORMALIZE_CASES)


@pytest.mark.parametrize("text, anchor, context, expected", NORMALIZE_CASES, ids=[f"{c[0]}@{c[1]}" for c in NORMALIZE_CASES])
def test_normalize_arabic(text, anchor, context, expected):
    assert str(normalize_date(text, anchor, context)) == expected


UNREADABLE = [
    # text, error fragment
    ("أيار/حزيران 2018", "paired month names disagree"),
    ("رمضان 1470", "outside the table"),
    ("كلام لا تاريخ فيه", "no date rule matches"),
    ("الفيلق الخامس", "no date rule matches"),
]


@pytest.mark.parametrize("text, fragment", UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_arabic_is_an_answer_not_a_guess(text, fragment):
    result = normalize_date(text, SAT)
    assert not result.resolved and fragment in result.error and result.earliest is None


def test_result_fields_match_english():
    arabic, english = normalize_date("أواخر عام 2017", SAT), normalize_date("late 2017", SAT)
    assert arabic.to_dict().keys() == english.to_dict().keys()
    for field in ("start", "end", "granularity", "mod", "earliest", "latest", "timex", "edtf", "direction"):
        assert getattr(arabic, field) == getattr(english, field), field
    assert arabic.explanation == english.explanation.replace("'late 2017'", "'أواخر عام 2017'")   # English, phrase as written


def test_window_anchor_gives_the_union():
    result = normalize_date("أمس", "2020-07-05/2020-07-08")
    assert (str(result.earliest), str(result.latest)) == ("2020-07-04", "2020-07-07")


def _run(args, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "components.dates", *args], input=stdin, cwd=REPO,
                          capture_output=True, timeout=120)


def test_cli_normalize_arabic():
    done = _run(["normalize", "أواخر عام 2017", "--anchor", "2018-10-06"])
    result = json.loads(done.stdout)
    assert done.returncode == 0
    assert (result["earliest"], result["latest"], result["mod"], result["text"]) == ("2017-09-01", "2017-12-31", "END", "أواخر عام 2017")


def test_cli_batch_arabic():
    lines = [json.dumps({"text": t, "anchor": SAT}, ensure_ascii=False) for t in ("قبل يومين", "الأسبوع الماضي", "كلام")]
    done = _run(["batch"], ("\n".join(lines) + "\n").encode("utf-8"))
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [o["resolved"] for o in out] == [True, True, False]
    assert out[0]["earliest"] == "2018-10-04" and out[1]["rule"] == "ar_last_period"
    assert json.loads(_batch_line(lines[0])) == out[0]
