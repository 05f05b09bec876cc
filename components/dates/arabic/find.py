"""Where the date phrases are in Arabic running text: ``arabic_spans(text)``.

Each sentence is folded (``fold.fold_with_map``, which keeps the offset of every folded
character in the original), every Arabic rule is searched inside it with word boundaries,
the wrapper words before it (في، منذ، أواخر، مطلع... with an attached و/ف/ب/ل) are taken
along, the longest matches win, and each span is mapped back to the original text.  A
leading conjunction و/ف is left out of the span ("وفي أواخر عام 2017" -> "في أواخر عام 2017").

Refused, because in running text they are usually not dates (``_refused``):

* "العام"/"الشهر"/"الأسبوع" alone ("الرأي العام", "المدير العام"), unless a wrapper word
  other than "من" stands before it ("نهاية العام", "خلال الشهر"), and never before
  نفسه/ذاته ("من العام نفسه": the year named earlier, which is not resolved);
* "اليوم" followed by a word that makes it another day or a name ("اليوم التالي",
  "اليوم السابع");
* "الاثنين"/"الأحد" alone (also "the two", "the one"), unless "يوم", a time of day or a
  wrapper stands before it or "الماضي"/"المقبل" after it;
* "آب"/"مارس" alone (also "father", "he practised"), and Hijri names other than رمضان alone
  (صفر is also "zero", رجب and شعبان are names), unless "شهر", a year or الماضي/المقبل goes with them;
* a bare number without "عام"/"سنة" or a wrapper before it.

Unit names ("الفيلق الخامس", "الفرقة الرابعة", "اللواء 47") and outlet names ("دير الزور 24")
match no rule: an ordinal is a day only before "من" + a month, a number a year only with a
year word or a wrapper.
"""
from __future__ import annotations

import re

from .fold import end_of_word_marks, fold_with_map
from .read import RULES, _CLITIC
from .vocab import WRAPPER

MAX_SENTENCE = 1_000
_SENTENCE_END = re.compile(r"(?<=[.!؟?…])\s+|\n\s*")
_FINDERS = [(r, re.compile(rf"(?<!\w)(?P<conj>[وف](?=[بلك]?(?:{WRAPPER}) ))?(?P<wrap>(?:{_CLITIC}(?:{WRAPPER}) ){{0,3}})"
                           rf"{_CLITIC}(?P<core>{r.pattern})(?!\w)")) for r in RULES]
_THIS_PERIOD_BARE = re.compile(r"ال(?:اسبوع|شهر|عام|سنه)")
_NOT_TODAY = re.compile(r" (?:التالي|السابق|نفسه|ذاته|الذي|الموعود|الاول|الثاني|الثالث|السابع|العالمي|الوطني|ال\w+ي)(?!\w)")
_SAME = re.compile(r" (?:نفسه|ذاته|عينه)(?!\w)")
_RISKY_WEEKDAYS = re.compile(r"(?:الاثنين|الاحد)")
_RISKY_MONTHS = re.compile(r"(?:اب|مارس)")
_BARE_NUMBER = re.compile(r"\d+(?: ?م)?")


def arabic_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, sentence start, sentence end) in ``text`` for every Arabic date phrase,
    in text order, non-overlapping."""
    spans = []
    for s_start, s_end in _sentences(text):
        folded, index = fold_with_map(text[s_start:s_end])
        for lo, hi in _in_sentence(folded):
            end = end_of_word_marks(text, s_start + index[hi - 1] + 1, s_end)
            spans.append((s_start + index[lo], end, s_start, s_end))
    return spans


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    pieces = []
    for a, b in out:
        while b - a > MAX_SENTENCE:  # a run-on paragraph: cut at a space, so the work stays bounded
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            cut = cut if cut > a else a + MAX_SENTENCE
            pieces.append((a, cut))
            a = cut
        if text[a:b].strip():
            pieces.append((a, b))
    return pieces


def _in_sentence(folded: str) -> list[tuple[int, int]]:
    hits = []
    for rule, finder in _FINDERS:
        for m in finder.finditer(folded):
            if not _refused(rule.name, m, folded):
                hits.append((m.end("conj") if m["conj"] else m.start(), m.end()))
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken: list[tuple[int, int]] = []
    for lo, hi in hits:
        if all(hi <= a or lo >= b for a, b in taken):
            taken.append((lo, hi))
    return sorted(taken)


def _wrapped(m: re.Match) -> bool:
    """A wrapper word stands before the core ("نهاية العام", "في آب")."""
    return bool(m["wrap"]) or m.start("core") > m.start() + (1 if m["conj"] else 0)


def _refused(rule: str, m: re.Match, folded: str) -> bool:
    core = m["core"]
    after = folded[m.end():]
    if rule == "ar_this_period" and _THIS_PERIOD_BARE.fullmatch(core):
        # a bare noun needs a wrapper word other than "من", and is no anaphora ("من العام نفسه")
        return not m["wrap"] or m["wrap"].strip().endswith("من") or bool(_SAME.match(after))
    if rule == "ar_today" and core == "اليوم":
        return bool(_NOT_TODAY.match(after))
    if rule == "ar_weekday" and _RISKY_WEEKDAYS.fullmatch(core):
        return not _wrapped(m)
    if rule == "ar_month" and _RISKY_MONTHS.fullmatch(core):
        return True
    if rule == "ar_hijri_month" and " " not in core and core != "رمضان":
        return True
    if rule == "ar_year" and _BARE_NUMBER.fullmatch(core):
        return not m["wrap"]
    return False
