"""Proposed rows from an Arabic article: date phrases, canonical actors and towns through the
Arabic aliases of data/actors.csv and data/towns.csv."""
from __future__ import annotations

from pathlib import Path

import pytest

from components.io.importers.references import load_references
from components.io.proposals import NameFinder, propose_rows

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "arabic_article_synthetic.txt"
REFS = load_references(ROOT / "data")


def test_sample_article_proposals():
    frame = propose_rows(SAMPLE.read_text(encoding="utf-8"), "2018-10-08", REFS)
    rows = list(zip(frame["date_text"], frame["actors"], frame["towns"], frame["earliest"], frame["latest"]))
    assert rows == [
        ("فجر السبت", "Russian forces; 5th Corps", "Deir ez-Zor; al-Mayadin; Deir-ez-Zor Airport", "2018-10-06", "2018-10-06"),
        ("قبل ثلاثة أيام", "IRGC; Liwa Fatemiyoun; 4th Division", "Albu Kamal; Hajin", "2018-10-05", "2018-10-05"),
        ("أواخر الشهر الماضي", "IRGC; Liwa Fatemiyoun; 4th Division", "Albu Kamal; Hajin", "2018-09-21", "2018-09-30"),
        ("في الثالث من أيلول/سبتمبر", "Quds Force; Esmail Qaani", "", "2018-09-03", "2018-09-03"),
        ("منذ مطلع العام الجاري", "Quds Force; Esmail Qaani", "", "2018-01-01", "2018-10-08"),
        ("في أواخر عام 2017", "National Defence Forces", "al-Mayadin", "2017-09-01", "2017-12-31"),
        ("في أيار/مايو 2018", "National Defence Forces", "al-Mayadin", "2018-05-01", "2018-05-31"),
        ("في الآونة الأخيرة", "Russian forces; Hezbollah", "", "2018-07-08", "2018-10-08"),
        ("السبت المقبل", "Russian forces; Hezbollah", "", "2018-10-13", "2018-10-13"),
        ("خلال الأيام المقبلة", "Russian forces; Hezbollah", "", "2018-10-08", "2018-10-22"),
    ]
    assert all(e.startswith("'") and " in an article published 2018-10-08 → " in e for e in frame["explanation"])


NAME_CASES = [
    # sentence, actors, towns
    ("وصلت القوات الروسية إلى الميادين", ["Russian forces"], ["al-Mayadin"]),
    ("وانسحبت والقوات الروسية من والميادين", ["Russian forces"], ["al-Mayadin"]),
    ("قصف بالبوكمال وللحرس الثوري مقر", ["IRGC"], ["Albu Kamal"]),
    ("عناصر من لواء فاطميون وفيلق القدس", ["Liwa Fatemiyoun", "Quds Force"], []),
    ("زار قاآني دير الزور", ["Esmail Qaani"], ["Deir ez-Zor"]),
    ("نقلت دير الزور 24 عن الدفاع الوطني", ["National Defence Forces"], []),
    ("اشتباكات في حاجين وهجين مع حزب الله", ["Hezbollah"], ["Hajin"]),
    ("انتشر الفيلق الخامس قرب البوكمال", ["5th Corps"], ["Albu Kamal"]),
    ("الأمطار غزيرة", [], []),
]


@pytest.mark.parametrize("sentence, actors, towns", NAME_CASES, ids=[c[0][:25] for c in NAME_CASES])
def test_arabic_names_resolve_to_canonical(sentence, actors, towns):
    assert NameFinder(REFS.actor_aliases)(sentence) == actors
    assert NameFinder(REFS.town_aliases)(sentence) == towns


def test_mixed_text_keeps_order_of_appearance():
    finder = NameFinder(REFS.town_aliases)
    assert finder("Clashes in Hajin, then في الميادين") == ["Hajin", "al-Mayadin"]
