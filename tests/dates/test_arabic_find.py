"""Arabic date phrases in running text: offsets in the original text, unit and outlet names refused."""
from __future__ import annotations

import pytest

from components.dates.extract import find_dates

ANCHOR = "2018-10-06"   # a Saturday

FIND_CASES = [
    # text, expected phrases in text order (each must sit at its offsets in the original)
    ("وفي أواخر عام 2017 سيطر الفيلق الخامس على الميادين.", ["في أواخر عام 2017"]),
    ("وقالت شبكة دير الزور 24 إن الفرقة الرابعة انسحبت قبل يومين.", ["قبل يومين"]),
    ("وصلت تعزيزات فجرَ السبتِ إلى البوكمال، بعد أن غادرت أمسِ الأولَ.", ["فجرَ السبتِ", "أمسِ الأولَ"]),
    ("انتشرت القوات في ٣ حزيران/يونيو ٢٠١٨ ومنذ عام 2017 تتمركز في المدينة.", ["في ٣ حزيران/يونيو ٢٠١٨", "منذ عام 2017"]),
    ("قال مصدر السبت إن الاجتماع سيعقد الأسبوع المقبل.", ["السبت", "الأسبوع المقبل"]),
    ("تشهد المنطقة في الآونة الأخيرة توتراً، وخلال الأيام القليلة الماضية قُتل ثلاثة.",
     ["في الآونة الأخيرة", "خلال الأيام القليلة الماضية"]),
    ("زار قاآني المنطقة في الثالث من أيلول، وفي نهاية العام الماضي.", ["في الثالث من أيلول", "في نهاية العام الماضي"]),
    ("وبحلول منتصف العام الجاري انسحبت الميليشيات.", ["منتصف العام الجاري"]),
    ("تراجعت الهجمات مع نهاية العام.", ["مع نهاية العام"]),
    ("قتل عنصران الجمعة الماضية، وفي رمضان الماضي انسحب اللواء.", ["الجمعة الماضية", "في رمضان الماضي"]),
    ("The convoy arrived last week. ووصلت التعزيزات أمس.", ["last week", "أمس"]),
    ("بعد معارك استمرت منذ أيلول من العام نفسه.", ["منذ أيلول"]),
    ("وفي منتصف ليل الخميس على الجمعة قصفت الطائرات.", ["في منتصف ليل الخميس على الجمعة"]),
]
assert len({c[0] for c in FIND_CASES}) == len(FIND_CASES)


@pytest.mark.parametrize("text, phrases", FIND_CASES, ids=[c[0][:30] for c in FIND_CASES])
def test_find_arabic_phrases_with_original_offsets(text, phrases):
    found = find_dates(text, ANCHOR)
    assert [f.text for f in found] == phrases
    for f in found:
        assert text[f.start_char:f.end_char] == f.text and f.result.resolved


NOT_DATES = [
    # sentences whose only number-like or date-like words are names
    "انسحب الفيلق الخامس من المنطقة.",
    "قالت الفرقة الرابعة إنها أرسلت تعزيزات.",
    "انتشر عناصر اللواء 47 في المدينة.",
    "نقلت شبكة دير الزور 24 عن مصادر محلية.",
    "أكد المدير العام أن الرأي العام غاضب.",
    "وفي اليوم التالي وصل الوفد.",
    "اتفق الاثنان على أن الاثنين مسؤولان.",
    "مارس الطرفان ضغوطاً كبيرة.",
    "عاد الأب إلى منزله مع رجب وشعبان وصفر من الأصدقاء.",
    "قتل 2000 مقاتل في المعارك.",
]


@pytest.mark.parametrize("text", NOT_DATES, ids=[t[:25] for t in NOT_DATES])
def test_unit_and_outlet_names_are_not_dates(text):
    assert [f.text for f in find_dates(text, ANCHOR)] == []


def test_find_offsets_survive_diacritics_and_tatweel():
    text = "وصلَ الوفـــدُ غـــداً"
    (found,) = find_dates(text, ANCHOR)
    assert (found.text, found.result.rule) == ("غـــداً", "ar_tomorrow")
