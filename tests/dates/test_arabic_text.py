"""Arabic text folding (components/dates/arabic/fold.py) and the cheap Arabic switch."""
from __future__ import annotations

import pytest

from components.dates.arabic import has_arabic
from components.dates.arabic.fold import fold, fold_with_map

FOLD_CASES = [
    # text, folded
    ("أواخر", "اواخر"),
    ("إبريل", "ابريل"),
    ("آذار", "اذار"),
    ("ٱلأسبوع", "الاسبوع"),
    ("السنة الماضية", "السنه الماضيه"),
    ("الضحى", "الضحي"),
    ("أوائل", "اوايل"),
    ("مؤخراً", "موخرا"),
    ("عامِ ٢٠١٧", "عام 2017"),
    ("۲۰۱۸", "2018"),
    ("الـ24 ساعة", "ال24 ساعه"),
    ("غـــداً", "غدا"),
    ("أمس، السبت؛ (مساءً)", "امس السبت مساء"),
    ("للعام الماضي", "لالعام الماضي"),
    ("وللأسبوع", "ولالاسبوع"),
    ("الله", "الله"),
    ("3.5 كم.", "3.5 كم"),
    ("Late 2017", "late 2017"),
    ("  أمس  \n غداً ", "امس غدا"),
]
assert len({c[0] for c in FOLD_CASES}) == len(FOLD_CASES)


@pytest.mark.parametrize("text, folded", FOLD_CASES, ids=[c[0] for c in FOLD_CASES])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text", [c[0] for c in FOLD_CASES])
def test_fold_map_points_at_the_original_characters(text):
    folded, index = fold_with_map(text)
    assert len(index) == len(folded) and index == sorted(index)
    for i, ch in enumerate(folded):
        inserted = ch == "ا" and i + 1 < len(index) and index[i + 1] == index[i]   # the alef of لل -> لال
        if ch not in " ." and not inserted:
            assert fold(text[index[i]]) == ch, (i, ch, text[index[i]])


SWITCH_CASES = [("late 2017", False), ("أمس", True), ("٣", True), ("Deir ez-Zor 2017", False), ("on Saturday السبت", True), ("", False)]


@pytest.mark.parametrize("text, expected", SWITCH_CASES, ids=[c[0] or "empty" for c in SWITCH_CASES])
def test_has_arabic(text, expected):
    assert has_arabic(text) is expected


def test_english_path_never_loads_the_arabic_rules():
    import subprocess
    import sys
    code = ("import sys; from components.dates import normalize_date; from components.dates.extract import find_dates; "
            "normalize_date('late 2017', '2018-10-06'); find_dates('Clashes took place last week.', '2018-10-06'); "
            "print(sorted(m for m in sys.modules if m.startswith('components.dates.arabic.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


@pytest.mark.timeout(60)    # a hang guard: wrapper words without a date must stay cheap
def test_wrapper_floods_are_bounded():
    from components.dates import normalize_date
    from components.dates.extract import find_dates
    assert find_dates("قبل " * 3000 + "وفي " * 3000 + "أواخر " * 2000, "2018-10-06") == []
    assert not normalize_date("وفي " * 60, "2018-10-06").resolved
